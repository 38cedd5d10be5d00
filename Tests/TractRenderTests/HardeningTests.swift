import Foundation
import Testing

// Each bad input a careless or hostile user can give, as the user gives it: through the
// `tract` program. None may crash it, hang it, lose a word with exit 0, or write where it
// must not.

/// `tract` with arguments, stopped after `seconds`: a hang shows as status 124.
private func tract(_ arguments: [String], seconds: Int = 60, in folder: String? = nil) throws -> CommandResult {
    try run("/usr/bin/timeout", [String(seconds), tractProgram] + arguments, in: folder)
}

/// Makes folders inside a temporary folder, for files written into them.
private func makeFolders(_ names: String..., in folder: TemporaryFolder) throws {
    for name in names {
        try FileManager.default.createDirectory(atPath: folder.path + "/" + name, withIntermediateDirectories: true)
    }
}

/// The words of the source the PDF does not show, in order.
private func missingWords(of source: String, in pdf: String, rightToLeft: Bool = false) throws -> [String] {
    let expected = readerWords(try sourceText(source))
    let shown = try pdfWords(pdf, rightToLeft: rightToLeft)
    var position = 0
    var missing: [String] = []
    for word in expected {
        if let found = shown[position...].firstIndex(of: word) { position = found + 1 } else { missing.append(word) }
    }
    return missing
}

/// Either a clean failure, or a PDF with every word of the source.
private func expectWholeOrRefused(_ result: CommandResult, source: String, pdf: String, rightToLeft: Bool = false,
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(result.status != 124, "a hang", sourceLocation: sourceLocation)
    #expect(!showsACrash(result.stderr) && result.status < 128, "a crash: \(result.stderr)", sourceLocation: sourceLocation)
    if result.status == 0 {
        let missing = try missingWords(of: source, in: pdf, rightToLeft: rightToLeft)
        #expect(missing.isEmpty, "exit 0 with words missing: \(missing.prefix(8))", sourceLocation: sourceLocation)
    } else {
        #expect(result.stderr.contains(": error: ") || result.stderr.hasPrefix("error: "), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: pdf), "a failed render left a PDF", sourceLocation: sourceLocation)
    }
}

@Suite struct HardeningTests {
    // 1. Empty Markdown lines.

    @Test func anEmptyHeadlineIsAnErrorAtItsLine() throws {
        let folder = try TemporaryFolder()
        let source = try folder.write("# \n\nSome body text here.\n", to: "en.md")
        expectCleanFailure(try tract(["render", source, "-o", folder.path + "/x.pdf"]), location: source + ":1:1",
                           mentioning: ["headline is empty"])
    }

    @Test func emptySubheadingsAndDemandsAddNothing() throws {
        let folder = try TemporaryFolder()
        let source = try folder.write("# Headline\n\n## \n\nBody text:\n\n- \n- First demand\n-\n", to: "en.md")
        let pdf = folder.path + "/x.pdf"
        let result = try tract(["render", source, "-o", pdf])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try missingWords(of: source, in: pdf) == [])
    }

    // 2 and 3. Many demands, and a smaller page, in scripts with and without hyphenation.

    @Test(arguments: ["en", "kk", "ar"])
    func fiftyDemandsAreSetWholeOrRefused(_ language: String) throws {
        let folder = try TemporaryFolder()
        let word = ["en": "Demand", "kk": "Талап", "ar": "مطلب"][language]!
        let demands = (1...50).map { "- \(word) \($0) \(word) \(word)" }.joined(separator: "\n")
        let source = try folder.write("# \(word) \(word)\n\n\(word):\n\n\(demands)\n", to: "\(language).md")
        for layout in ["a4-classic", "a4-impact", "a6-card", "a5-2up"] {
            let pdf = folder.path + "/\(layout).pdf"
            try expectWholeOrRefused(try tract(["render", source, "--layout", layout, "-o", pdf]), source: source, pdf: pdf,
                                     rightToLeft: language == "ar")
        }
        let pdf = folder.path + "/a5.pdf"
        try expectWholeOrRefused(try tract(["render", source, "--set", "page.size=A5", "-o", pdf]), source: source, pdf: pdf,
                                 rightToLeft: language == "ar")
    }

    // 4, 5 and 12. Numbers no page can hold, and negative ones, from --set and from a file.

    static let badSettings = [
        "page.margins=1e308mm", "page.size=1e308mm x 297mm", "pages.first.body.padding=infmm", "print.bleed=1e308mm",
        "styles.body.size=1e308pt", "styles.body.first-line-indent=1e308em", "styles.body.letter-spacing=1e308em",
        "styles.body.leading=1e308pt", "fitting.headline.max=infpt", "styles.body.size=nanpt", "page.margins=nan%",
        "imposition={sheet: 1e308mm x 1e308mm, copies: 2}", "pages.first.body.gutter=-100mm",
        "styles.body.space-after=-1e308mm", "styles.body.first-line-indent=-1e300em", "styles.body.letter-spacing=-5em",
        "styles.headline.size=0", "styles.body.leading=0.1pt", "pages.first.body.padding=-30mm", "page.margins=-5mm",
    ]

    @Test(arguments: badSettings)
    func aNumberNoPageCanHoldIsRefused(_ setting: String) throws {
        let folder = try TemporaryFolder()
        let key = String(setting.prefix { $0 != "=" })
        let result = try tract(["render", seedPath, "--set", setting, "-o", folder.path + "/x.pdf"])
        expectCleanFailure(result, location: "--set \(key)", mentioning: [])
        #expect(try folder.files() == [])
    }

    @Test func anInfiniteSizeInALayoutFileIsFoundAtItsLine() throws {
        let folder = try TemporaryFolder()
        let layout = try folder.write("extends: a4-classic\nfitting:\n  headline:\n    max: infpt\n", to: "mine.yaml")
        expectCleanFailure(try tract(["layouts", "--check", layout]), location: layout + ":4:10",
                           mentioning: ["fitting.headline.max", "not a length a page can hold"])
    }

    // 6. An alias bomb.

    @Test func anAliasBombIsRefusedAtOnce() throws {
        let folder = try TemporaryFolder()
        var lines = ["version: 1", "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
            previous = name
        }
        let layout = try folder.write(lines.joined(separator: "\n") + "\n", to: "bomb.yaml")
        let result = try tract(["layouts", "--check", layout], seconds: 20)
        expectCleanFailure(result, location: layout + ":2:4", mentioning: ["anchor"])
    }

    // 7. Files that never end or never answer.

    @Test func devicesAndPipesAreNotRead() throws {
        let folder = try TemporaryFolder()
        let pipe = folder.path + "/pipe.yaml"
        #expect(mkfifo(pipe, 0o644) == 0)
        let zeroParent = try folder.write("version: 1\nextends: /dev/zero\n", to: "zero.yaml")
        let pipeParent = try folder.write("version: 1\nextends: pipe.yaml\n", to: "piped.yaml")
        let logo = try folder.write("---\nlang: fr\nlogo: /dev/zero\n---\n# Titre\n\nTexte.\n", to: "fr.md")
        let out = folder.path + "/x.pdf"
        expectCleanFailure(try tract(["render", seedPath, "--layout", zeroParent, "-o", out], seconds: 20),
                           location: zeroParent + ":2:10", mentioning: ["device"])
        expectCleanFailure(try tract(["render", seedPath, "--layout", pipeParent, "-o", out], seconds: 20),
                           location: pipeParent + ":2:10", mentioning: ["pipe"])
        expectCleanFailure(try tract(["render", logo, "--layout", "a4-print", "-o", out], seconds: 20),
                           location: "/dev/zero", mentioning: ["device"])
        expectCleanFailure(try tract(["render", pipe, "--lang", "fr", "-o", out], seconds: 20), location: pipe, mentioning: ["pipe"])
        expectCleanFailure(try tract(["render", "/dev/zero", "--lang", "fr", "-o", out], seconds: 20),
                           location: "/dev/zero", mentioning: ["device"])
    }

    // 8. A language tag that is a path.

    @Test func aTagThatIsAPathWritesNothing() throws {
        let folder = try TemporaryFolder()
        try makeFolders("leaflet", in: folder)
        _ = try folder.write("---\nlang: \"en-x/../../../ESCAPED\"\n---\n# Title\n\nSome text.\n", to: "leaflet/en.md")
        let result = try tract(["batch", folder.path + "/leaflet", "-o", folder.path + "/deep/er/out"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a language tag"), "\(result.stderr)")
        let all = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        #expect(!all.contains { $0.contains("ESCAPED") }, "\(all)")
    }

    // 9 and 10. Outputs that are inputs, devices or links.

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let folder = try TemporaryFolder()
        let source = try folder.write(seedText(), to: "fr.txt")
        let layout = try folder.write("extends: a4-classic\n", to: "mine.yaml")
        let manifest = try folder.write("organisation: Union\n", to: "leaflet.yaml")
        for target in [source, layout, manifest] {
            let before = try Data(contentsOf: URL(fileURLWithPath: target))
            let result = try tract(["render", source, "--layout", layout, "-o", target])
            expectCleanFailure(result, location: target, mentioning: ["over an input"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == before, "\(target) was changed")
        }
    }

    @Test func anOutputThatIsALinkOrADeviceIsRefused() throws {
        let folder = try TemporaryFolder()
        let link = folder.path + "/null.pdf"
        #expect(symlink("/dev/null", link) == 0)
        for target in [link, "/dev/stdout", "/dev/null"] {
            let result = try tract(["render", seedPath, "-o", target])
            expectCleanFailure(result, location: target, mentioning: ["cannot write the output"])
        }
        var info = stat()
        #expect(lstat(link, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK, "the link is still a link")
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
    }

    // 11. Two layouts of one name in a batch.

    @Test func twoLayoutsOfOneNameWriteNothingOverEachOther() throws {
        let folder = try TemporaryFolder()
        try makeFolders("leaflet/a", "leaflet/b", in: folder)
        _ = try folder.write(try String(contentsOfFile: repositoryRoot + "/layouts/a5-flyer.yaml", encoding: .utf8), to: "leaflet/a/narrow.yaml")
        _ = try folder.write("extends: a4-classic\n", to: "leaflet/b/narrow.yaml")
        _ = try folder.write(seedText(), to: "leaflet/fr.txt")
        _ = try folder.write("layouts: [a/narrow.yaml, b/narrow.yaml]\n", to: "leaflet/leaflet.yaml")
        let result = try tract(["batch", folder.path + "/leaflet", "-o", folder.path + "/out"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("leaflet.yaml:1:26: error: this layout and"), "\(result.stderr)")
        #expect(result.stderr.contains("both named 'narrow'"), "\(result.stderr)")
        // The first is rendered, A5, and the second does not overwrite it.
        let pdf = folder.path + "/out/leaflet/leaflet-fr-narrow.pdf"
        #expect(try run("pdfinfo", [pdf]).stdout.contains("419.528 x 595.276 pts"))
    }

    @Test func aLayoutNamedTwiceInABatchIsRenderedOnce() throws {
        let folder = try TemporaryFolder()
        try makeFolders("leaflet", in: folder)
        _ = try folder.write(seedText(), to: "leaflet/fr.txt")
        _ = try folder.write("layouts: [a6-card, a6-card]\n", to: "leaflet/leaflet.yaml")
        let result = try tract(["batch", folder.path + "/leaflet", "-o", folder.path + "/out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try folder.files(in: "out/leaflet") == ["leaflet-fr-a6-card.pdf"])
    }

    @Test func theLogoIsNeverReplacedEvenWhenNotShown() throws {
        let folder = try TemporaryFolder()
        let logo = try folder.write(try String(contentsOfFile: repositoryRoot + "/examples/kazakhstan/logo.svg", encoding: .utf8), to: "logo.svg")
        let source = try folder.write("---\nlang: fr\nlogo: logo.svg\n---\n# Titre\n\nTexte.\n", to: "fr.md")
        let before = try Data(contentsOf: URL(fileURLWithPath: logo))
        // a4-classic shows no logo: the file is not read, and still is an input.
        expectCleanFailure(try tract(["render", source, "--layout", "a4-classic", "-o", logo]), location: logo,
                           mentioning: ["over an input"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: logo)) == before)
    }

    @Test func aWordThatFitsASmallerSizeIsSetSmaller() throws {
        // Arabic has no breaks inside a word: copyfitting sets the text smaller until it fits.
        let folder = try TemporaryFolder()
        let source = try folder.write("# تضامن\n\nنص قصير عن " + String(repeating: "الاستقلالية", count: 5) + " للعمال.\n", to: "ar.md")
        let pdf = folder.path + "/x.pdf"
        let result = try tract(["render", source, "--layout", "a5-flyer", "-o", pdf])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try missingWords(of: source, in: pdf, rightToLeft: true) == [])
    }

    // 13. Words no line can hold, and a bullet no font can draw.

    @Test func aVeryLongWordIsSetWhole() throws {
        let folder = try TemporaryFolder()
        let word = String(repeating: "a", count: 5000)
        let source = try folder.write("Titre\n\nUn texte avec un mot \(word) très long.\n", to: "fr.txt")
        let pdf = folder.path + "/x.pdf"
        try expectWholeOrRefused(try tract(["render", source, "-o", pdf]), source: source, pdf: pdf)
        try makeFolders("headline", in: folder)
        let headline = try folder.write("# " + String(repeating: "Solidarité", count: 30) + "\n\nTexte court.\n", to: "headline/fr.md")
        let other = folder.path + "/h.pdf"
        try expectWholeOrRefused(try tract(["render", headline, "-o", other]), source: headline, pdf: other)
    }

    @Test func aBulletNoFontCanDrawIsRefused() throws {
        let folder = try TemporaryFolder()
        let source = try folder.write("# Title\n\nWe ask:\n\n- one\n- two\n", to: "en.md")
        let result = try tract(["render", source, "--set", "styles.bullet.mark=न", "-o", folder.path + "/x.pdf"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("U+0928"), "\(result.stderr)")
    }

    @Test func aWordWiderThanItsBoxAtTheSmallestSizeIsAnError() throws {
        // Arabic has no hyphenation patterns: a word of 120 letters has no break in it.
        let folder = try TemporaryFolder()
        let word = String(repeating: "مطلب", count: 30)
        let source = try folder.write("# تضامن\n\nنص:\n\n- \(word)\n", to: "ar.md")
        let pdf = folder.path + "/x.pdf"
        // It would stick out of its box: the check that every character has its place refuses it.
        expectCleanFailure(try tract(["render", source, "--layout", "a6-card", "-o", pdf]), location: source + ":5:1",
                           mentioning: ["does not fit the width of its box"])
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }

    // 14. Long names, unwritable folders, bad counts, settings that cannot apply.

    @Test func aLongFileNameStillRenders() throws {
        let folder = try TemporaryFolder()
        let name = String(repeating: "x", count: 246) + ".pdf"
        let result = try tract(["render", seedPath, "-o", folder.path + "/" + name])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try folder.files() == [name])
        let tooLong = String(repeating: "x", count: 256) + ".pdf"
        expectCleanFailure(try tract(["render", seedPath, "-o", folder.path + "/" + tooLong]), location: folder.path,
                           mentioning: ["more than a file name can be"])
    }

    @Test func aBatchThatCannotWriteSaysSoOnce() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("not a folder", to: "file")
        let result = try tract(["batch", repositoryRoot + "/examples/kazakhstan", "-o", file + "/out"])
        #expect(result.status != 0)
        #expect(result.stderr.components(separatedBy: "cannot create the folder").count == 2, "\(result.stderr)")
    }

    @Test func badJobCountsAndSettingsAreRefused() throws {
        for jobs in ["-1", "0", "100000"] {
            let result = try tract(["batch", repositoryRoot + "/examples/kazakhstan", "--jobs", jobs])
            #expect(result.status != 0)
            #expect(result.stderr.contains("--jobs must be from 1 to 256"), "\(result.stderr)")
        }
        let folder = try TemporaryFolder()
        expectCleanFailure(try tract(["render", seedPath, "--set", "extends=a5-flyer", "-o", folder.path + "/x.pdf"]),
                           location: "--set extends", mentioning: ["cannot be changed"])
    }

    // A crash is never silent.

    @Test func aCrashNamesWhatWasBeingRendered() throws {
        let folder = try TemporaryFolder()
        // A source large enough to be still at work when the signal comes.
        let paragraph = String(repeating: "Un texte assez long pour occuper le programme un moment. ", count: 20)
        let source = try folder.write("Titre\n\n" + Array(repeating: paragraph, count: 1500).joined(separator: "\n\n"), to: "fr.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tractProgram)
        process.arguments = ["render", source, "-o", folder.path + "/x.pdf"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(process.processIdentifier, SIGSEGV)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(stderr.contains("internal error while rendering \(source)"), "\(stderr)")
        #expect(stderr.contains("mistake in tract"), "\(stderr)")
        #expect(try folder.files() == ["fr.txt"], "no partial PDF")
    }
}
