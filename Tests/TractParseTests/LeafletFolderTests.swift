import Foundation
import Testing
@testable import TractParse
import TractCore

// A leaflet folder (DESIGN.md, Content): one source per language, named by its tag, and a
// leaflet.yaml with what the languages share.

/// Reads a folder as the batch does, telling a source's language from its front matter's
/// `lang`, else from its file's name (Batch.swift passes Engine.language, which does the same).
private func readFolder(_ path: String) throws(Diagnostic) -> LeafletFolder {
    try LeafletFolder.read(path) { parsed throws(Diagnostic) in parsed.language ?? parsed.source.stem }
}

/// The diagnostic that reading a folder throws, or nil when it reads.
private func folderError(_ path: String) -> Diagnostic? {
    diagnostic { () throws(Diagnostic) in _ = try readFolder(path) }
}

/// A short Markdown leaflet in a language.
private func markdownLeaflet(lang: String?, headline: String = "No to repression!") -> String {
    (lang.map { "---\nlang: \($0)\n---\n" } ?? "") + "# \(headline)\n\nA paragraph.\n"
}

extension LeafletFolder {
    /// The file name and language of each source, in order.
    var sourceNames: [String] { sources.map { ($0.path as NSString).lastPathComponent + " " + $0.language } }
    /// The file names of the unreadable sources, in order.
    var unreadableNames: [String] { unreadable.map { ($0.path as NSString).lastPathComponent } }
}

/// Finding the sources of a folder and their languages.
@Suite struct LeafletFolderSourceTests {
    @Test func aPathThatIsNotAFolder() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write(seedText(), to: "fr.txt")
        for path in [file, folder.path + "/nowhere"] {
            let error = folderError(path)
            #expect(error?.message == "this is not a folder")
            #expect(error?.location == TractCore.SourceLocation(file: path))
            #expect(error?.hints.first?.contains("leaflet.yaml") == true)
        }
    }

    @Test func aFolderWithNoSources() throws {
        let folder = try TemporaryFolder()
        try folder.write("# Notes\n", to: "README.md")
        try folder.write("organisation: Ligue\n", to: "leaflet.yaml")
        try folder.write([0x25, 0x50, 0x44, 0x46], to: "logo.pdf")
        let error = folderError(folder.path)
        #expect(error?.message == "the folder holds no leaflet sources")
        #expect(error?.location == TractCore.SourceLocation(file: folder.path))
        #expect(error?.hints.first?.contains("fr.txt") == true)
    }

    @Test func readmeIsNotASource() throws {
        let folder = try TemporaryFolder()
        try folder.write(seedText(), to: "fr.txt")
        try folder.write("# About these leaflets\n", to: "README.md")
        try folder.write("# About these leaflets\n", to: "readme.md")
        let read = try readFolder(folder.path)
        #expect(read.sourceNames == ["fr.txt fr"])
        #expect(read.unreadable.isEmpty)
    }

    @Test func sourcesAreSortedByLanguageNotByFileName() throws {
        let folder = try TemporaryFolder()
        try folder.write(markdownLeaflet(lang: "ru"), to: "ru.md")
        try folder.write(markdownLeaflet(lang: "ar"), to: "zz-arabic.md")
        try folder.write(markdownLeaflet(lang: nil), to: "en.md")
        try folder.write(seedText(), to: "fr.txt")
        try folder.write(markdownLeaflet(lang: "fr-CH"), to: "fr-CH.md")
        let read = try readFolder(folder.path + "/")
        #expect(read.sourceNames == ["zz-arabic.md ar", "en.md en", "fr.txt fr", "fr-CH.md fr-CH", "ru.md ru"])
        #expect(read.sources.allSatisfy { $0.path.hasPrefix(folder.path + "/") && !$0.path.contains("//") })
        #expect(read.path == folder.path)
        #expect(read.name == (folder.path as NSString).lastPathComponent)
        #expect(read.manifest.layouts == nil && read.manifest.values.isEmpty)
    }

    @Test func twoSourcesInOneLanguageFailTheSecond() throws {
        let folder = try TemporaryFolder()
        try folder.write(markdownLeaflet(lang: "en"), to: "english.md")
        try folder.write(markdownLeaflet(lang: nil), to: "en.txt")
        try folder.write(seedText(), to: "fr.txt")
        let read = try readFolder(folder.path)
        // Files are read in name order: en.txt comes before english.md, so it is the one kept.
        #expect(read.sourceNames == ["en.txt en", "fr.txt fr"])
        #expect(read.unreadableNames == ["english.md"])
        let problem = read.unreadable.first?.problem
        #expect(problem?.message == "two sources are in 'en': \(folder.path)/en.txt and \(folder.path)/english.md")
        #expect(problem?.location == TractCore.SourceLocation(file: folder.path + "/english.md"))
        #expect(problem?.hints.isEmpty == false)
    }

    @Test func anUnreadableSourceFailsAloneWithItsPlace() throws {
        let folder = try TemporaryFolder()
        try folder.write([0x25, 0x50, 0x44, 0x46, 0x0A, 0x00, 0x01], to: "de.txt")
        try folder.write("", to: "es.txt")
        try folder.write("---\nlang: kk\nsignatur: Лига\n---\n# Тақырып\n", to: "kk.md")
        try folder.write(markdownLeaflet(lang: "en"), to: "en.md")
        try folder.write(seedText(), to: "fr.txt")
        let read = try readFolder(folder.path)
        #expect(read.sourceNames == ["en.md en", "fr.txt fr"])
        #expect(read.unreadableNames == ["de.txt", "es.txt", "kk.md"])
        let problems = read.unreadable.map(\.problem)
        #expect(problems[0].message.contains("binary"))
        #expect(problems[0].location == TractCore.SourceLocation(file: folder.path + "/de.txt", line: 2, column: 1))
        #expect(problems[1].message == "the source is empty")
        #expect(problems[2].location == TractCore.SourceLocation(file: folder.path + "/kk.md", line: 3, column: 1))
        #expect(problems[2].hints == ["did you mean 'signature'?"])
    }

    @Test func aSourceWhoseLanguageCannotBeToldFailsAlone() throws {
        let folder = try TemporaryFolder()
        try folder.write(markdownLeaflet(lang: nil), to: "leaflet.md")
        try folder.write(seedText(), to: "fr.txt")
        let refusal = Diagnostic.error(at: TractCore.SourceLocation(file: "leaflet.md"), "cannot tell the language of the source")
        let read = try LeafletFolder.read(folder.path) { parsed throws(Diagnostic) in
            guard let tag = parsed.language ?? (parsed.source.stem.count == 2 ? parsed.source.stem : nil) else { throw refusal }
            return tag
        }
        #expect(read.sourceNames == ["fr.txt fr"])
        #expect(read.unreadableNames == ["leaflet.md"])
        #expect(read.unreadable.first?.problem == refusal)
    }
}

/// leaflet.yaml: what the languages share, and the mistakes a user can make in it.
@Suite struct LeafletManifestTests {
    /// A folder holding the seed as fr.txt and a leaflet.yaml with this text.
    static func folder(manifest: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(seedText(), to: "fr.txt")
        try folder.write(manifest, to: "leaflet.yaml")
        return folder
    }

    /// The diagnostic reading a folder with this leaflet.yaml throws.
    static func manifestError(_ manifest: String) throws -> (Diagnostic?, file: String) {
        let folder = try folder(manifest: manifest)
        return (folderError(folder.path), folder.path + "/leaflet.yaml")
    }

    static let shared = """
        # What every language shares.
        layouts: [a4-classic, a5-flyer]
        organisation: Ligue socialiste internationale
        date: janvier 2022
        contact: "Contact : isl@example.org"
        url: https://example.org/kazakhstan
        imprint: Imprimé par nos soins
        languages:
          fr:
            contact: "Écrivez-nous : isl@example.org"
          fr-CH:
            date: janvier 2022, Genève
          en:
            organisation: International Socialist League
            date: January 2022
        """

    @Test func layoutsAndSharedValues() throws {
        let folder = try Self.folder(manifest: Self.shared)
        let manifest = try readFolder(folder.path).manifest
        #expect(manifest.layouts?.map(\.name) == ["a4-classic", "a5-flyer"])
        #expect(manifest.values == ["organisation": "Ligue socialiste internationale", "date": "janvier 2022",
                                    "contact": "Contact : isl@example.org", "url": "https://example.org/kazakhstan",
                                    "imprint": "Imprimé par nos soins"])
        #expect(manifest.languages["en"] == ["organisation": "International Socialist League", "date": "January 2022"])
        #expect(manifest.file == folder.path + "/leaflet.yaml")
    }

    static let lookups: [(key: String, language: String, value: String?)] = [
        ("organisation", "en", "International Socialist League"),
        ("organisation", "en-GB", "International Socialist League"),
        ("contact", "en", "Contact : isl@example.org"),
        ("contact", "fr", "Écrivez-nous : isl@example.org"),
        ("contact", "fr-CA", "Écrivez-nous : isl@example.org"),
        ("date", "fr-CA", "janvier 2022"),
        ("date", "fr-CH", "janvier 2022, Genève"),
        ("contact", "fr-CH", "Écrivez-nous : isl@example.org"),
        ("organisation", "de", "Ligue socialiste internationale"),
    ]

    @Test(arguments: lookups)
    func aLanguageFallsBackToItsPrimaryTagThenToTheSharedValue(key: String, language: String, value: String?) throws {
        let folder = try Self.folder(manifest: Self.shared)
        #expect(try readFolder(folder.path).manifest.value(key, language: language) == value)
    }

    @Test func aValueNoOneGivesIsNil() {
        #expect(LeafletFolder.Manifest().value("date", language: "fr") == nil)
    }

    @Test func anEmptyManifestSharesNothing() throws {
        let folder = try Self.folder(manifest: "# nothing yet\n")
        let manifest = try readFolder(folder.path).manifest
        #expect(manifest.layouts == nil && manifest.values.isEmpty && manifest.languages.isEmpty)
    }

    @Test func unknownKeyAtTheTopPointsAtItAndSuggests() throws {
        let (error, file) = try Self.manifestError("layouts: [a4-classic]\norganization: Ligue\n")
        #expect(error?.message == "unknown key 'organization' in leaflet.yaml")
        #expect(error?.location == TractCore.SourceLocation(file: file, line: 2, column: 1))
        #expect(error?.hints == ["did you mean 'organisation'?"])
        let (singular, _) = try Self.manifestError("layout: a4-classic\n")
        #expect(singular?.hints == ["did you mean 'layouts'?"])
    }

    @Test func unknownKeyOfALanguagePointsAtIt() throws {
        let (error, file) = try Self.manifestError("languages:\n  fr:\n    organistion: Ligue\n")
        #expect(error?.message == "unknown key 'organistion' in leaflet.yaml")
        #expect(error?.location == TractCore.SourceLocation(file: file, line: 3, column: 5))
        #expect(error?.hints == ["did you mean 'organisation'?"])
        // `layouts` is not a value a language can change.
        let (layouts, _) = try Self.manifestError("languages:\n  fr:\n    layouts: [a4-classic]\n")
        #expect(layouts?.location?.line == 3)
        #expect(layouts?.hints == ["the keys are " + LeafletFolder.Manifest.keys.joined(separator: ", ")])
    }

    @Test func invalidYAMLIsAnErrorAtItsLine() throws {
        // `date: ` is 6 characters: the second colon is in column 8 of line 2.
        let (error, file) = try Self.manifestError("organisation: Ligue\ndate: a: b\n")
        #expect(error?.message == "leaflet.yaml is not valid YAML: mapping values are not allowed in this context")
        #expect(error?.location == TractCore.SourceLocation(file: file, line: 2, column: 8))
        #expect(error?.hints.isEmpty == false)
    }

    @Test func anUndefinedAliasIsAnErrorAtItsLine() throws {
        let (error, file) = try Self.manifestError("organisation: Ligue\ndate: *nowhere\n")
        #expect(error?.message.hasPrefix("leaflet.yaml is not valid YAML") == true)
        #expect(error?.location == TractCore.SourceLocation(file: file, line: 2, column: 7))
        #expect(error?.message.contains("\n") == false)
    }

    @Test func layoutsMustBeAList() throws {
        let (error, file) = try Self.manifestError("layouts: a4-classic\n")
        #expect(error?.message == "`layouts` must be a list")
        #expect(error?.location == TractCore.SourceLocation(file: file, line: 1, column: 10))
        #expect(error?.hints.first?.contains("[a4-classic, a5-flyer]") == true)
        let (nested, _) = try Self.manifestError("layouts: [[a4-classic]]\n")
        #expect(nested?.message == "`layouts` must be a single line of text")
    }

    @Test func anEmptyListOfLayoutsIsAnError() throws {
        let (error, file) = try Self.manifestError("organisation: Ligue\nlayouts: []\n")
        #expect(error?.message == "`layouts` is empty: nothing would be rendered")
        #expect(error?.location == TractCore.SourceLocation(file: file, line: 2, column: 10))
    }

    /// `~` for one language removes what the others share; the others keep it.
    @Test func aLanguageMayRemoveASharedValue() throws {
        let folder = try Self.folder(manifest: "date: janvier 2022\nlanguages:\n  ar:\n    date: ~\n")
        let manifest = try readFolder(folder.path).manifest
        #expect(manifest.value("date", language: "fr") == "janvier 2022")
        #expect(manifest.value("date", language: "ar") == nil)
    }

    @Test func valuesAndLanguagesMustHaveTheirShape() throws {
        let (list, _) = try Self.manifestError("date: [janvier, 2022]\n")
        #expect(list?.message == "`date` must be a single line of text")
        #expect(list?.location?.line == 1)
        let (languages, _) = try Self.manifestError("languages: [fr, en]\n")
        #expect(languages?.message == "`languages` must map language tags to their values")
        let (language, _) = try Self.manifestError("languages:\n  fr: Ligue\n")
        #expect(language?.message == "`languages.fr` must be `key: value` lines")
        #expect(language?.location?.line == 2)
        let (root, _) = try Self.manifestError("- a4-classic\n")
        #expect(root?.message == "leaflet.yaml must be `key: value` lines")
    }

    /// A key with no value says nothing: it must not put an empty date on the leaflet.
    /// (A front matter refuses an empty value with "must be a single line of text".)
    @Test func anEmptyValueGivesNoBlock() throws {
        let folder = try Self.folder(manifest: "organisation: Ligue\ndate:\n")
        let date = Result { () throws(Diagnostic) -> String? in
            try readFolder(folder.path).manifest.value("date", language: "fr")
        }
        switch date {
        case .success(let value): #expect(value == nil)
        case .failure(let error): #expect(error.location?.line == 2)
        }
    }

    @Test func theManifestBesideASource() throws {
        let folder = try Self.folder(manifest: "organisation: Ligue\n")
        let manifest = try LeafletFolder.manifest(besideSource: folder.path + "/fr.txt")
        #expect(manifest?.values == ["organisation": "Ligue"])
        let bare = try TemporaryFolder()
        let source = try bare.write(seedText(), to: "fr.txt")
        #expect(try LeafletFolder.manifest(besideSource: source) == nil)
    }
}

/// `complete`: the manifest fills in what a source does not say itself.
@Suite struct LeafletCompleteTests {
    let manifest: LeafletFolder.Manifest = {
        var manifest = LeafletFolder.Manifest()
        manifest.file = "kazakhstan/leaflet.yaml"
        manifest.values = ["organisation": "Ligue socialiste internationale", "date": "janvier 2022",
                           "contact": "Contact : isl@example.org", "imprint": "Imprimé par nos soins",
                           "url": "https://example.org/kazakhstan"]
        manifest.languages = ["en": ["organisation": "International Socialist League", "date": "January 2022",
                                     "url": "https://example.org/en"]]
        return manifest
    }()

    private func source(_ text: String, path: String = "kazakhstan/en.md") throws(Diagnostic) -> ParsedSource {
        try ParsedSource.parse(SourceFile(path: path, text: text, format: .markdown))
    }

    @Test func addsTheClosingBlocksASourceLacks() throws {
        let parsed = try source("# No to repression!\n\nA paragraph.\n")
        let completed = manifest.complete(parsed, language: "en-GB")
        #expect(completed.roles == [.headline, .body, .signature, .date, .contact, .imprint])
        #expect(completed.texts.suffix(4) == ["International Socialist League", "January 2022",
                                              "Contact : isl@example.org", "Imprimé par nos soins"])
        let added = completed.recognized.suffix(4)
        #expect(added.allSatisfy { $0.block.location == TractCore.SourceLocation(file: "kazakhstan/leaflet.yaml") })
        #expect(added.map(\.reason) == ["leaflet.yaml `organisation`", "leaflet.yaml `date`",
                                        "leaflet.yaml `contact`", "leaflet.yaml `imprint`"])
        #expect(completed.url == "https://example.org/en")
        #expect(completed.leaflet.author == "International Socialist League")
        // The source itself is left as it was.
        #expect(parsed.roles == [.headline, .body] && parsed.url == nil)
    }

    @Test func keepsWhatTheSourceSaysItself() throws {
        let parsed = try source("""
            ---
            signature: ISL, English section
            imprint: Printed by ourselves
            url: https://example.org/own
            ---
            # No to repression!
            """)
        let completed = manifest.complete(parsed, language: "en")
        #expect(completed.leaflet.blocks(.signature).map(\.text.string) == ["ISL, English section"])
        #expect(completed.leaflet.blocks(.imprint).map(\.text.string) == ["Printed by ourselves"])
        #expect(completed.leaflet.blocks(.date).map(\.text.string) == ["January 2022"])
        #expect(completed.leaflet.blocks(.contact).map(\.text.string) == ["Contact : isl@example.org"])
        #expect(completed.url == "https://example.org/own")
    }

    @Test func theSeedKeepsItsOwnSignatureAndDate() throws {
        let parsed = try ParsedSource.parse(SourceFile.read(seedPath))
        let completed = manifest.complete(parsed, language: "fr")
        #expect(completed.roles == parsed.roles + [.contact, .imprint])
        #expect(completed.leaflet.blocks(.signature).count == 1 && completed.leaflet.blocks(.date).count == 1)
        #expect(completed.leaflet.blocks(.date).first?.text.string == "janvier 2022")
        #expect(completed.url == "https://example.org/kazakhstan")
    }

    @Test func anEmptyManifestChangesNothing() throws {
        let parsed = try source("# No to repression!\n\nA paragraph.\n")
        let completed = LeafletFolder.Manifest().complete(parsed, language: "en")
        #expect(completed.roles == parsed.roles && completed.texts == parsed.texts && completed.url == nil)
    }

    @Test func theFolderCompletesWithItsManifest() throws {
        let folder = try LeafletManifestTests.folder(manifest: "organisation: Ligue\nurl: https://example.org\n")
        try folder.write(markdownLeaflet(lang: "en"), to: "en.md")
        let read = try readFolder(folder.path)
        let english = try ParsedSource.parse(SourceFile.read(folder.path + "/en.md"))
        let completed = read.complete(english, language: "en")
        #expect(completed.leaflet.blocks(.signature).map(\.text.string) == ["Ligue"])
        #expect(completed.leaflet.blocks(.signature).first?.location.file == folder.path + "/leaflet.yaml")
        #expect(completed.url == "https://example.org")
    }
}
