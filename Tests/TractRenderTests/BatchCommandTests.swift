import Foundation
import Testing

// `tract batch`, run as a user runs it: every language of a leaflet folder in every layout of
// its leaflet.yaml, the summary table, and the promise of DESIGN.md (Command line): "a failed
// job never stops the others, and never leaves a partial or corrupt PDF behind".

/// The paragraph of the English leaflet, on line 9 of en.md.
private let englishParagraph = "The dictatorship has banned independent trade unions. Peaceful protests are **brutally** suppressed."

/// A short English Markdown leaflet.
private func englishLeaflet(paragraph: String = englishParagraph) -> String {
    """
    ---
    lang: en
    ---

    # No to the repression of the people!

    ## For a general strike, workers' councils and self-defence committees!

    \(paragraph)

    The International Socialist League demands:

    - The regime's terror must stop!
    - Release of all political prisoners and detainees!

    """
}

/// A temporary folder holding the leaflet folder `kazakhstan`: the seed as fr.txt, a short
/// English leaflet as en.md, and a leaflet.yaml naming the layouts and the organisation.
private func kazakhstan(layouts: String = "[a4-classic, a5-flyer]") throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: folder.path + "/kazakhstan", withIntermediateDirectories: false)
    try folder.write(seedText(), to: "kazakhstan/fr.txt")
    try folder.write(englishLeaflet(), to: "kazakhstan/en.md")
    try folder.write("layouts: \(layouts)\norganisation: International Socialist League\ndate: January 2022\n",
                     to: "kazakhstan/leaflet.yaml")
    return folder
}

/// Runs `tract batch` in a folder, with paths relative to it.
private func batch(_ arguments: [String], in folder: TemporaryFolder) throws -> CommandResult {
    try run(tractProgram, ["batch"] + arguments, in: folder.path)
}

/// The PDFs a batch of the `kazakhstan` folder writes for some languages and layouts, in the
/// jobs' order: each language, in each layout.
private func outputs(_ languages: [String], _ layouts: [String] = ["a4-classic", "a5-flyer"]) -> [String] {
    languages.flatMap { language in layouts.map { "kazakhstan-\(language)-\($0).pdf" } }
}

/// One row of the summary table.
private struct SummaryRow: Equatable {
    var file: String
    var pages: Int
    var headline: String
    var body: String
    var warnings: Int
}

/// The rows of the summary table a batch printed, in order.
private func summary(_ stdout: String) -> [SummaryRow] {
    let lines = stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    guard let header = lines.firstIndex(of: ["file", "pages", "headline", "body", "warnings"]) else { return [] }
    return lines[(header + 1)...].prefix { $0.count == 5 && $0[0].hasSuffix(".pdf") }.compactMap { fields in
        guard let pages = Int(fields[1]), let warnings = Int(fields[4]) else { return nil }
        return SummaryRow(file: fields[0], pages: pages, headline: fields[2], body: fields[3], warnings: warnings)
    }
}

/// Every file under a folder, as paths relative to it, hidden ones included.
func allFiles(under folder: TemporaryFolder) throws -> [String] {
    try FileManager.default.subpathsOfDirectory(atPath: folder.path).sorted()
}

/// Checks that a batch with failed jobs said so and cleaned up: a non-zero status, the count
/// of failures, no crash, and no temporary file left in the output folder.
private func expectFailedCleanly(_ result: CommandResult, failed: Int, in folder: TemporaryFolder,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(result.status == 1, "\(result.stderr)", sourceLocation: sourceLocation)
    let last = result.stdout.split(separator: "\n").last ?? ""
    #expect(last.hasSuffix("; \(failed) failed"), "last line: \(last)", sourceLocation: sourceLocation)
    #expect(!showsACrash(result.stderr),
            sourceLocation: sourceLocation)
    let temporary = try allFiles(under: folder).filter { $0.contains(".tmp") }
    #expect(temporary.isEmpty, "left behind: \(temporary)", sourceLocation: sourceLocation)
}

/// The number of pages `pdfinfo` reads in a PDF.
private func pageCount(_ pdf: String) throws -> Int? {
    let info = try run("pdfinfo", [pdf])
    let line = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
    return line.flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
}

@Suite struct BatchCommandTests {
    @Test func writesEveryLanguageInEveryLayout() throws {
        let folder = try kazakhstan()
        let result = try batch(["kazakhstan", "-o", "out"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try folder.files(in: "out") == ["kazakhstan", "manifest.jsonl"])
        #expect(try folder.files(in: "out/kazakhstan") == outputs(["en", "fr"]).sorted())
        let rows = summary(result.stdout)
        #expect(rows.map(\.file) == outputs(["en", "fr"]).map { "out/kazakhstan/" + $0 })
        for row in rows {
            #expect(row.pages >= 1 && row.body.hasSuffix("pt") && row.headline.hasSuffix("pt"), "\(row)")
            #expect(try pageCount(folder.path + "/" + row.file) == row.pages, "\(row.file)")
        }
        // The seed writes `A bas` (a warning); the English leaflet has nothing to warn of.
        #expect(rows.map(\.warnings) == [0, 0, 1, 1])
        #expect(result.stdout.split(separator: "\n").last?.hasPrefix("4 leaflets in ") == true)
        #expect(!result.stderr.contains("error:"))
        // leaflet.yaml signs the English leaflet, which has no signature of its own.
        let text = try run("pdftotext", [folder.path + "/out/kazakhstan/kazakhstan-en-a5-flyer.pdf", "-"])
        // Grown to fill the flyer, the signature may take two lines.
        #expect(text.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("International Socialist League"))
    }

    @Test func cmykConvertsEveryPDFOfTheBatch() throws {
        let folder = try kazakhstan()
        let result = try batch(["kazakhstan", "-o", "out", "--cmyk", "--jobs", "2"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let pdfs = try folder.files(in: "out/kazakhstan").filter { $0.hasSuffix(".pdf") }
        #expect(pdfs == outputs(["en", "fr"]).sorted())
        for pdf in pdfs {
            let colours = try ColourUse(folder.path + "/out/kazakhstan/" + pdf)
            #expect(colours.rgbOperators == 0 && colours.rgbSpaces == 0 && colours.cmykOperators > 0, "\(pdf): \(colours)")
        }
    }

    @Test func pdfxGivesEveryPDFOfTheBatchItsOutputIntent() throws {
        let folder = try kazakhstan()
        let result = try batch(["kazakhstan", "-o", "out", "--pdfx"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let pdfs = try folder.files(in: "out/kazakhstan").filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.count == 4)
        for pdf in pdfs {
            let text = try uncompressed(folder.path + "/out/kazakhstan/" + pdf)
            #expect(text.contains("/OutputIntents [") && text.contains("/GTS_PDFXVersion (PDF/X-3:2002)"), "\(pdf)")
        }
    }

    @Test func pngAddsAPreviewOfEachPage() throws {
        let folder = try kazakhstan()
        let result = try batch(["kazakhstan", "-o", "out", "--png"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = summary(result.stdout)
        #expect(rows.count == 4)
        var expected: [String] = []
        for row in rows {
            let name = (row.file as NSString).lastPathComponent.replacing(".pdf", with: "")
            expected += [name + ".pdf", name + ".png"] + (1..<row.pages).map { "\(name)-\($0 + 1).png" }
        }
        let files = try folder.files(in: "out/kazakhstan")
        #expect(files == expected.sorted())
        for png in files where png.hasSuffix(".png") {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out/kazakhstan/" + png))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(png)")
        }
    }

    @Test func aBinarySourceFailsAloneWithItsPlace() throws {
        let folder = try kazakhstan()
        try folder.write([0x25, 0x50, 0x44, 0x46, 0x0A, 0x00, 0x01], to: "kazakhstan/de.txt")
        let result = try batch(["kazakhstan", "-o", "out"], in: folder)
        try expectFailedCleanly(result, failed: 1, in: folder)
        #expect(result.stderr.contains("kazakhstan/de.txt:2:1: error: this is a binary file"), "\(result.stderr)")
        #expect(try folder.files(in: "out/kazakhstan") == outputs(["en", "fr"]).sorted())
        #expect(summary(result.stdout).count == 4)
    }

    @Test func aSourceInAnUnknownLanguageFailsItsJobsAlone() throws {
        let folder = try kazakhstan()
        try folder.write(englishLeaflet().replacing("lang: en", with: "lang: xx"), to: "kazakhstan/es.md")
        let result = try batch(["kazakhstan", "-o", "out"], in: folder)
        try expectFailedCleanly(result, failed: 2, in: folder)
        for layout in ["a4-classic", "a5-flyer"] {
            #expect(result.stderr.contains("error: out/kazakhstan/kazakhstan-xx-\(layout).pdf was not written"), "\(result.stderr)")
        }
        #expect(result.stderr.contains("kazakhstan/es.md: error: unknown language 'xx'"), "\(result.stderr)")
        #expect(try folder.files(in: "out/kazakhstan") == outputs(["en", "fr"]).sorted())
    }

    @Test func aSourceWhoseLanguageCannotBeToldIsReportedWithAHint() throws {
        let folder = try kazakhstan()
        // Two words that could be French or German: too little to guess from.
        try folder.write("# Grève\n\nOui.\n", to: "kazakhstan/leaflet.md")
        let result = try batch(["kazakhstan", "-o", "out"], in: folder)
        try expectFailedCleanly(result, failed: 1, in: folder)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let error = lines.firstIndex { $0.hasPrefix("kazakhstan/leaflet.md: error: cannot tell the language") }
        #expect(error != nil, "\(result.stderr)")
        if let error {
            #expect(lines[error + 1].hasPrefix("  hint: ") && lines[error + 1].contains("lang:"))
        }
        #expect(try folder.files(in: "out/kazakhstan") == outputs(["en", "fr"]).sorted())
    }

    @Test func anUnknownLayoutFailsOnlyItsJobs() throws {
        let folder = try kazakhstan(layouts: "[a4-classic, a4-clasic]")
        let result = try batch(["kazakhstan", "-o", "out"], in: folder)
        // Reported once, at its place in leaflet.yaml, not once per language.
        try expectFailedCleanly(result, failed: 1, in: folder)
        #expect(try folder.files(in: "out/kazakhstan") == outputs(["en", "fr"], ["a4-classic"]).sorted())
        #expect(summary(result.stdout).map(\.file) == outputs(["en", "fr"], ["a4-classic"]).map { "out/kazakhstan/" + $0 })
        #expect(result.stderr.contains("kazakhstan/leaflet.yaml:1:23: error: unknown layout 'a4-clasic'"), "\(result.stderr)")
        #expect(result.stderr.contains("hint: did you mean 'a4-classic'?"))
        #expect(result.stderr.components(separatedBy: "unknown layout").count == 2)
    }

    @Test func twoShardsWriteTheWholeBatchOnce() throws {
        let folder = try kazakhstan()
        let first = try batch(["kazakhstan", "-o", "first", "--shard", "1/2"], in: folder)
        let second = try batch(["kazakhstan", "-o", "second", "--shard", "2/2"], in: folder)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let one = Set(try folder.files(in: "first/kazakhstan"))
        let two = Set(try folder.files(in: "second/kazakhstan"))
        #expect(!one.isEmpty && !two.isEmpty)
        #expect(one.isDisjoint(with: two))
        #expect(one.union(two) == Set(outputs(["en", "fr"])))
        #expect(summary(first.stdout).count + summary(second.stdout).count == 4)
    }

    @Test func oneJobOrTwoMakeTheSameFiles() throws {
        // Two copies of the folder, so that both runs print the same paths.
        let serial = try kazakhstan()
        let parallel = try kazakhstan()
        let one = try batch(["kazakhstan", "-o", "out", "--jobs", "1"], in: serial)
        let two = try batch(["kazakhstan", "-o", "out", "--jobs", "2"], in: parallel)
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        #expect(one.stdout.split(separator: "\n").last?.contains("with 1 jobs") == true)
        #expect(two.stdout.split(separator: "\n").last?.contains("with 2 jobs") == true)
        #expect(try serial.files(in: "out/kazakhstan") == parallel.files(in: "out/kazakhstan"))
        #expect(summary(one.stdout).count == 4)
        #expect(summary(one.stdout) == summary(two.stdout))
        // Warnings come back from the worker processes as they were.
        #expect(one.stderr == two.stderr)
    }

    @Test func anOutputFolderThatCannotBeCreatedFailsCleanly() throws {
        let folder = try kazakhstan()
        // Tests run as root, whom permissions do not stop: a regular file in the way does.
        try folder.write("not a folder\n", to: "plain")
        let result = try batch(["kazakhstan", "-o", "plain/out"], in: folder)
        // Said once, before any job runs.
        #expect(result.status != 0)
        #expect(!showsACrash(result.stderr))
        #expect(result.stderr.components(separatedBy: "error: cannot create the folder").count == 2, "\(result.stderr)")
        #expect(result.stderr.contains("  hint: "))
        #expect(try String(contentsOfFile: folder.path + "/plain", encoding: .utf8) == "not a folder\n")
        #expect(try folder.files() == ["kazakhstan", "plain"])
    }

    @Test(arguments: [("अ", "U+0905"), ("😀", "U+1F600")])
    func aCharacterNoFontCanDrawFailsItsSourceWithThePlace(character: String, code: String) throws {
        let folder = try kazakhstan()
        try folder.write(englishLeaflet(paragraph: "The dictatorship (\(character)) has banned trade unions."),
                         to: "kazakhstan/en.md")
        let result = try batch(["kazakhstan", "-o", "out"], in: folder)
        try expectFailedCleanly(result, failed: 2, in: folder)
        // `The dictatorship (` is 18 characters: the character is in column 19 of line 9.
        #expect(result.stderr.contains("kazakhstan/en.md:9:19: error: no bundled font can draw \(code) '\(character)'"),
                "\(result.stderr)")
        #expect(try folder.files(in: "out/kazakhstan") == outputs(["fr"]))
    }

    @Test(arguments: [["--shard", "3/2"], ["--shard", "0/2"], ["--shard", "half"], ["--jobs", "0"]])
    func badOptionsAreUsageErrors(options: [String]) throws {
        let folder = try kazakhstan()
        let result = try batch(["kazakhstan", "-o", "out"] + options, in: folder)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Error: "))
        #expect(result.stderr.contains("Usage: tract batch"))
        #expect(try folder.files() == ["kazakhstan"])
    }

    /// A job that fails leaves none of its files: the PDF it reports as "not written" is not there.
    @Test func aPreviewThatCannotBeWrittenFailsTheWholeJob() throws {
        let folder = try kazakhstan(layouts: "[a4-classic]")
        try FileManager.default.createDirectory(atPath: folder.path + "/out/kazakhstan/kazakhstan-fr-a4-classic.png",
                                                withIntermediateDirectories: true)
        let result = try batch(["kazakhstan", "-o", "out", "--png"], in: folder)
        try expectFailedCleanly(result, failed: 1, in: folder)
        #expect(result.stderr.contains("out/kazakhstan/kazakhstan-fr-a4-classic.png: error: cannot write the output: a folder has that name"),
                "\(result.stderr)")
        #expect(result.stderr.contains("error: out/kazakhstan/kazakhstan-fr-a4-classic.pdf was not written"))
        let files = try folder.files(in: "out/kazakhstan")
        #expect(files.contains("kazakhstan-en-a4-classic.pdf") && files.contains("kazakhstan-en-a4-classic.png"))
        #expect(!files.contains("kazakhstan-fr-a4-classic.pdf"))
    }

    /// Two folders of one name would write the same files: the second batch must not silently
    /// replace what the first wrote while counting both as written.
    @Test func twoFoldersOfOneNameDoNotOverwriteEachOther() throws {
        let folder = try kazakhstan(layouts: "[a4-classic]")
        try FileManager.default.createDirectory(atPath: folder.path + "/copy/kazakhstan", withIntermediateDirectories: true)
        try folder.write(seedText(), to: "copy/kazakhstan/fr.txt")
        try folder.write("layouts: [a4-classic]\n", to: "copy/kazakhstan/leaflet.yaml")
        let result = try batch(["kazakhstan", "copy/kazakhstan", "-o", "out"], in: folder)
        let written = try folder.files(in: "out/kazakhstan")
        #expect(summary(result.stdout).count == written.count, "\(result.stdout)")
        // The second folder is refused, with both paths: the first one's files stay.
        #expect(result.status == 1)
        #expect(result.stderr.contains("copy/kazakhstan: error: this folder and kazakhstan are both named 'kazakhstan'"), "\(result.stderr)")
    }

    /// `tract batch .` inside a leaflet folder names the files after the folder, not `.`.
    @Test func theCurrentFolderIsNamedByItsName() throws {
        let folder = try kazakhstan(layouts: "[a4-classic]")
        let result = try run(tractProgram, ["batch", ".", "-o", "../out"], in: folder.path + "/kazakhstan")
        #expect(result.status == 0, "\(result.stderr)")
        let written = try allFiles(under: folder).filter { $0.hasPrefix("out/") && $0.hasSuffix(".pdf") }
        #expect(written == ["out/kazakhstan/kazakhstan-en-a4-classic.pdf", "out/kazakhstan/kazakhstan-fr-a4-classic.pdf"])
    }
}
