import Foundation
import Testing

// The command line, run as a user runs it: exit status, messages on stderr, and the files
// left behind. Every bad input must give one clear diagnostic, a non-zero status, no stack
// trace and no partial output.

@Test("render writes the PDF and the PNG preview, and says where")
func renderWritesFiles() throws {
    let folder = try TemporaryFolder()
    let source = try folder.write(seedText(), to: "fr.txt")
    let result = try run(tractProgram, ["render", source, "-o", folder.path + "/out/leaflet.pdf", "--png"])
    #expect(result.status != 0, "the folder out/ does not exist yet")
    try FileManager.default.createDirectory(atPath: folder.path + "/out", withIntermediateDirectories: false)
    let second = try run(tractProgram, ["render", source, "-o", folder.path + "/out/leaflet.pdf", "--png"])
    #expect(second.status == 0, "\(second.stderr)")
    #expect(try folder.files(in: "out") == ["leaflet.pdf", "leaflet.png"])
    #expect(second.stdout.contains("leaflet.pdf") && second.stdout.contains("body"))
    // The seed writes `A bas`: the lint warns, with the place, but the render succeeds.
    #expect(second.stderr.contains("fr.txt:16:3: warning:"))
}

@Test("render without -o writes output/FOLDER-LANG.pdf under the current folder")
func renderDefaultOutput() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: folder.path + "/kazakhstan", withIntermediateDirectories: false)
    try folder.write(seedText(), to: "kazakhstan/fr.txt")
    let result = try run(tractProgram, ["render", "kazakhstan/fr.txt"], in: folder.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try folder.files(in: "output") == ["kazakhstan-fr.pdf"])
}

@Test("a missing source is an error naming the file")
func missingSource() throws {
    let folder = try TemporaryFolder()
    let result = try run(tractProgram, ["render", folder.path + "/nothing.txt", "-o", folder.path + "/x.pdf"])
    expectCleanFailure(result, location: folder.path + "/nothing.txt", mentioning: ["No such file"])
    #expect(try folder.files() == [])
}

@Test("an empty or blank source is an error")
func emptySource() throws {
    let folder = try TemporaryFolder()
    for text in ["", "  \n\n\t\n"] {
        let source = try folder.write(text, to: "fr.txt")
        let result = try run(tractProgram, ["render", source, "-o", folder.path + "/x.pdf"])
        expectCleanFailure(result, location: source, mentioning: ["empty"])
    }
    #expect(try folder.files() == ["fr.txt"])
}

@Test("a binary source is an error with the place of the first bad byte")
func binarySource() throws {
    let folder = try TemporaryFolder()
    let source = try folder.write([0x25, 0x50, 0x44, 0x46, 0x0A, 0x00, 0x01, 0x02], to: "fr.txt")
    let result = try run(tractProgram, ["render", source, "-o", folder.path + "/x.pdf"])
    expectCleanFailure(result, location: source + ":2:1", mentioning: ["binary"])
    #expect(try folder.files() == ["fr.txt"])
}

@Test("a source that is not UTF-8 is an error with the line and column of the bad byte")
func latin1Source() throws {
    let folder = try TemporaryFolder()
    // `Non à la répression` in Latin-1: `à` is the single byte 0xE0 on line 1, column 5.
    let source = try folder.write(Array("Non ".utf8) + [0xE0] + Array(" la r".utf8) + [0xE9] + Array("pression\n".utf8), to: "fr.txt")
    let result = try run(tractProgram, ["render", source, "-o", folder.path + "/x.pdf"])
    expectCleanFailure(result, location: source + ":1:5", mentioning: ["UTF-8"])
}

@Test("a source with no recognisable headline is an error at line 1")
func noHeadline() throws {
    let folder = try TemporaryFolder()
    let bullets = try folder.write("- Première revendication !\n- Seconde !\n", to: "fr.txt")
    expectCleanFailure(try run(tractProgram, ["render", bullets, "-o", folder.path + "/x.pdf"]),
                       location: bullets + ":1", mentioning: ["headline"])
    let long = try folder.write(String(repeating: "Un très long paragraphe sans titre. ", count: 12) + "\nSuite.\n", to: "fr.txt")
    expectCleanFailure(try run(tractProgram, ["render", long, "-o", folder.path + "/x.pdf"]),
                       location: long + ":1", mentioning: ["headline"])
    #expect(try folder.files() == ["fr.txt"])
}

@Test("text too long for the page even at the minimum size says how much is left over")
func textTooLong() throws {
    let folder = try TemporaryFolder()
    var lines = try seedText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let body = lines[2..<13]
    for _ in 0..<3 { lines.insert(contentsOf: body, at: 13) }
    let source = try folder.write(lines.joined(separator: "\n"), to: "fr.txt")
    let result = try run(tractProgram, ["render", source, "-o", folder.path + "/x.pdf"])
    expectCleanFailure(result, location: source, mentioning: ["does not fit", "minimum size", "left over", "mm"])
    #expect(try folder.files() == ["fr.txt"])
}

@Test("an output folder that does not exist or cannot be written is an error, and nothing is left behind")
func unwritableOutput() throws {
    let folder = try TemporaryFolder()
    let source = try folder.write(seedText(), to: "fr.txt")
    let missing = folder.path + "/missing/leaflet.pdf"
    expectCleanFailure(try run(tractProgram, ["render", source, "-o", missing]), location: missing,
                       mentioning: ["does not exist", "mkdir"])
    // /proc accepts no new files, even from root: the PDF surface fails while writing.
    let refused = "/proc/tract-test.pdf"
    let result = try run(tractProgram, ["render", source, "-o", refused])
    expectCleanFailure(result, location: refused, mentioning: ["cannot write"])
    #expect(!FileManager.default.fileExists(atPath: refused))
    #expect(try folder.files() == ["fr.txt"])
}

@Test("a source that does not say its language has it guessed, with a note; one whose language is not clear, or an unknown language, is an error with a hint")
func languages() throws {
    let folder = try TemporaryFolder()
    let untagged = try folder.write(seedText(), to: "tract.txt")
    let guessed = try run(tractProgram, ["render", untagged, "-o", folder.path + "/guessed.pdf"])
    #expect(guessed.status == 0, "\(guessed.stderr)")
    #expect(guessed.stderr.contains("\(untagged): note: language guessed as French (fr); pass --lang to choose"), "\(guessed.stderr)")
    let unclear = try folder.write("Grève\n\nOui.\n", to: "short.txt")
    expectCleanFailure(try run(tractProgram, ["render", unclear, "-o", folder.path + "/x.pdf"]),
                       location: unclear, mentioning: ["cannot tell the language", "--lang fr"])
    expectCleanFailure(try run(tractProgram, ["render", untagged, "--lang", "xx", "-o", folder.path + "/x.pdf"]),
                       location: untagged, mentioning: ["unknown language 'xx'"])
    let rendered = try run(tractProgram, ["render", untagged, "--lang", "fr", "-o", folder.path + "/x.pdf"])
    #expect(rendered.status == 0, "\(rendered.stderr)")
}

@Test("--lang is read in any case and with _ for -: --lang AR and --lang ar_EG draw as --lang ar does (ar_EG says ar-EG in /Lang); a tag that is not one is an error")
func languageTagsOnTheCommandLine() throws {
    let folder = try TemporaryFolder()
    let source = try folder.write("# تضامن مع العمال\n\nنص قصير للتجربة.\n\n- مطلب أول\n- مطلب ثان\n", to: "tract.md")
    let fixed = ["SOURCE_DATE_EPOCH": "1700000000"]
    func render(_ tag: String) throws -> Data {
        let pdf = folder.path + "/\(tag).pdf"
        let result = try run(tractProgram, ["render", source, "--lang", tag, "--layout", "a4-impact", "-o", pdf], environment: fixed)
        #expect(result.status == 0, "\(result.stderr)")
        return try Data(contentsOf: URL(fileURLWithPath: pdf))
    }
    /// What Cairo drew, without the update after it that gives the language (ar-EG for ar_EG).
    func drawn(_ pdf: Data) -> Data {
        pdf.range(of: Data("%%EOF\n".utf8)).map { Data(pdf[..<$0.upperBound]) } ?? pdf
    }
    let arabic = try render("ar")
    #expect(try render("AR") == arabic)
    let egyptian = try render("ar_EG")
    #expect(drawn(egyptian) == drawn(arabic) && egyptian != arabic)
    #expect(String(decoding: egyptian, as: UTF8.self).contains("/Lang (ar-EG)"))
    // Read as another language, the same text is set otherwise (left to right, unmirrored).
    #expect(try render("en") != arabic)
    expectCleanFailure(try run(tractProgram, ["render", source, "--lang", "arabic language", "-o", folder.path + "/x.pdf"]),
                       location: source, mentioning: ["'arabic language' is not a language tag"])
}

@Test("a warning in a Markdown paragraph wrapped over two lines, after bold text, points at its own line and column")
func warningPlaceInMarkdown() throws {
    let folder = try TemporaryFolder()
    let text = "---\nsignature: Le collectif\n---\n# Non à la vie chère\n\nUn paragraphe avec **des mots en gras** qui court\nsur deux lignes. A bas les prix.\n"
    let source = try folder.write(text, to: "fr.md")
    let result = try run(tractProgram, ["render", source, "-o", folder.path + "/x.pdf"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("fr.md:7:18: warning: 'A bas'"), "\(result.stderr)")
}

@Test("inspect lists each block's role, its line and why")
func inspect() throws {
    let result = try run(tractProgram, ["inspect", repositoryRoot + "/examples/kazakhstan/fr.txt"])
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n").map { String($0) }
    #expect(lines.contains { $0.contains("1  headline") && $0.contains("Non à la répression du peuple !") })
    #expect(lines.contains { $0.contains("14  lead-in") })
    #expect(lines.filter { $0.contains("  demand  ") }.count == 5)
    #expect(lines.contains { $0.contains("21  date") && $0.contains("janvier 2022") })
    #expect(lines.contains { $0.contains("(ends with a colon, just before the demands)") })
}

@Test("--help and --version answer")
func helpAndVersion() throws {
    let help = try run(tractProgram, ["--help"])
    #expect(help.status == 0 && help.stdout.contains("render") && help.stdout.contains("inspect"))
    let version = try run(tractProgram, ["--version"])
    #expect(version.status == 0 && version.stdout.hasPrefix("tract 0."), "\(version.stdout)")
    // Where the fonts and layouts were found: here, in the checkout.
    #expect(version.stdout.contains("fonts: \(repositoryRoot)/fonts") && version.stdout.contains("layouts: \(repositoryRoot)/layouts"),
            "\(version.stdout)")
}
