import Testing
@testable import TractParse
import TractCore

// The Markdown source format (DESIGN.md, Content): headings, paragraphs, a bullet list for the
// demands, strong and emphasis inline, and a YAML front matter for what has no markup.

/// Parses Markdown as if it had been read from `path`.
private func markdown(_ text: String, path: String = "en.md") throws(Diagnostic) -> ParsedSource {
    try ParsedSource.parse(SourceFile(path: path, text: text, format: .markdown))
}

/// The diagnostic that parsing some Markdown throws, or nil when it parses.
private func markdownError(_ text: String, path: String = "en.md") -> Diagnostic? {
    diagnostic { () throws(Diagnostic) in _ = try markdown(text, path: path) }
}

/// A run of text in one inline style, so that styled text compares in one expression.
struct Span: Equatable, Sendable, CustomStringConvertible {
    var text: String
    var style: InlineStyle

    init(_ text: String, _ style: InlineStyle = []) {
        self.text = text
        self.style = style
    }

    var description: String {
        let names = [(InlineStyle.strong, "strong"), (.emphasis, "emphasis")].filter { style.contains($0.0) }.map(\.1)
        return "\"\(text)\"" + (names.isEmpty ? "" : " " + names.joined(separator: "+"))
    }
}

extension StyledText {
    /// The text cut into its runs of one style.
    var spans: [Span] { styleRuns.map { Span(self[$0.range].string, $0.style) } }

    /// The runs set in exactly one style.
    func texts(in style: InlineStyle) -> [String] { spans.filter { $0.style == style }.map(\.text) }
}

/// Headings, paragraphs and the list: each block lands in the role DESIGN.md gives it.
@Suite struct MarkdownBlockTests {
    @Test func headingsAndParagraphs() throws {
        let parsed = try markdown("""
            # Non à la répression !

            ## Pour une grève générale !

            Premier paragraphe,
            sur deux lignes.

            Second paragraphe.
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body, .body])
        #expect(parsed.texts == ["Non à la répression !", "Pour une grève générale !",
                                 "Premier paragraphe, sur deux lignes.", "Second paragraphe."])
        #expect(parsed.recognized.map { $0.block.location.line } == [1, 3, 5, 8])
        #expect(parsed.recognized.allSatisfy { $0.block.location.file == "en.md" && $0.block.location.column == 1 })
        #expect(parsed.recognized[2].lines == 5...6)
        #expect(parsed.recognized.map(\.reason) == ["`#` heading", "`##` heading", "paragraph", "paragraph"])
        #expect(parsed.leaflet.title == "Non à la répression !")
        #expect(parsed.source.format == .markdown)
    }

    @Test func bulletListIsTheDemandsWithItsLeadIn() throws {
        let parsed = try markdown("""
            # Titre

            Nous exigeons :

            - Fin de la terreur !
            - Libération des prisonniers !

            Rejoignez-nous samedi.
            """)
        #expect(parsed.roles == [.headline, .leadIn, .demand, .demand, .callToAction])
        #expect(parsed.texts == ["Titre", "Nous exigeons :", "Fin de la terreur !", "Libération des prisonniers !",
                                 "Rejoignez-nous samedi."])
        #expect(parsed.recognized[1].reason == "ends with a colon, just before the list")
        #expect(parsed.leaflet.blocks(.demand).map(\.location.line) == [5, 6])
        #expect(parsed.recognized[4].reason == "paragraph after the list")
    }

    @Test func onlyTheParagraphJustBeforeTheListEndingWithAColonIsTheLeadIn() throws {
        let parsed = try markdown("""
            # Titre

            Voici ce que nous pensons :

            Nous exigeons.

            - Fin de la terreur !
            """)
        #expect(parsed.roles == [.headline, .body, .body, .demand])
    }

    @Test(arguments: ["*", "+", "1."])
    func anyListMarkerMakesDemands(marker: String) throws {
        let parsed = try markdown("# Titre\n\n\(marker) Première !\n\(marker) Seconde !\n")
        #expect(parsed.roles == [.headline, .demand, .demand])
        #expect(parsed.texts.dropFirst() == ["Première !", "Seconde !"])
    }

    @Test func listItemOfSeveralParagraphsIsOneDemand() throws {
        let parsed = try markdown("# Titre\n\n- Première.\n\n  Suite de la première.\n- Seconde.\n")
        #expect(parsed.roles == [.headline, .demand, .demand])
        #expect(parsed.texts[1] == "Première. Suite de la première.")
        #expect(parsed.recognized[1].block.location.line == 3)
    }

    @Test func furtherHeadingsAreBodyBeforeTheListAndCallToActionAfter() throws {
        let parsed = try markdown("""
            # Titre

            ## Sous-titre

            # Encore un titre

            ## Encore un sous-titre

            ### Intertitre

            - Revendication !

            ## Rejoignez-nous
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body, .body, .body, .demand, .callToAction])
        #expect(parsed.leaflet.blocks(.headline).count == 1)
        #expect(parsed.recognized[4].reason == "heading of level 3")
    }

    @Test func thematicBreaksAndHTMLBlocksCarryNoText() throws {
        let parsed = try markdown("# Titre\n\n---\n\n<div>\nmise en page\n</div>\n\nParagraphe.\n")
        #expect(parsed.roles == [.headline, .body])
        #expect(parsed.texts == ["Titre", "Paragraphe."])
    }

    @Test func codeBlocksAndQuotesAreParagraphs() throws {
        let parsed = try markdown("# Titre\n\n```\nune ligne\nune autre\n```\n\n> cité\n> sur deux lignes\n")
        #expect(parsed.roles == [.headline, .body, .body])
        #expect(parsed.texts.dropFirst() == ["une ligne une autre", "cité sur deux lignes"])
    }

    @Test func noHeadingIsAnErrorAtTheFirstLineOfTheText() {
        let error = markdownError("Juste un paragraphe.\n")
        #expect(error?.message.contains("no headline") == true)
        #expect(error?.location == TractCore.SourceLocation(file: "en.md", line: 1, column: 1))
        #expect(error?.hints.first?.contains("`# `") == true)
        // After a front matter, the text starts on the line after the closing `---`.
        let after = markdownError("---\nlang: en\n---\nJuste un paragraphe.\n")
        #expect(after?.location == TractCore.SourceLocation(file: "en.md", line: 4, column: 1))
    }

    /// A second list gets its own lead-in, as in plain text, where "each list of demands can
    /// have its lead-in, not only the first" (PlainText.swift).
    @Test func eachListHasItsLeadIn() throws {
        let parsed = try markdown("# Titre\n\nNous exigeons :\n\n- Une !\n\nEt aussi :\n\n- Deux !\n")
        #expect(parsed.roles == [.headline, .leadIn, .demand, .leadIn, .demand])
    }

    /// Raw HTML carries no text for a leaflet (Markdown.swift says so of HTML blocks); the tags
    /// of inline HTML must not be printed either.
    @Test func inlineHTMLTagsAreNotPrinted() throws {
        let parsed = try markdown("# Titre\n\nUn <b>mot</b> ici.\n")
        #expect(parsed.texts[1] == "Un mot ici.")
    }
}

/// `**strong**` and `*emphasis*` mark exactly the characters between their delimiters.
@Suite struct MarkdownInlineStyleTests {
    static let cases: [(String, [Span])] = [
        ("We call for a **general strike** and *councils*.",
         [Span("We call for a "), Span("general strike", .strong), Span(" and "), Span("councils", .emphasis), Span(".")]),
        ("Pour une __grève générale__ et des _conseils_ !",
         [Span("Pour une "), Span("grève générale", .strong), Span(" et des "), Span("conseils", .emphasis), Span(" !")]),
        ("**strong *both* strong**",
         [Span("strong ", .strong), Span("both", [.strong, .emphasis]), Span(" strong", .strong)]),
        ("*em **both** em*",
         [Span("em ", .emphasis), Span("both", [.strong, .emphasis]), Span(" em", .emphasis)]),
        ("***both*** plain", [Span("both", [.strong, .emphasis]), Span(" plain")]),
        ("**across\ntwo lines** after", [Span("across two lines", .strong), Span(" after")]),
        ("\\*not emphasis\\* and 2 * 3 * 4", [Span("*not emphasis* and 2 * 3 * 4")]),
        ("Қазақстан **жұмысшылары** үшін", [Span("Қазақстан "), Span("жұмысшылары", .strong), Span(" үшін")]),
    ]

    @Test(arguments: cases)
    func stylesCoverExactlyTheMarkedCharacters(paragraph: String, expected: [Span]) throws {
        let parsed = try markdown("# Titre\n\n" + paragraph + "\n")
        let text = parsed.recognized[1].block.text
        #expect(text.spans == expected)
        #expect(text.styles.count == text.scalars.count)
    }

    @Test func headlinesAndDemandsKeepTheirStyles() throws {
        let parsed = try markdown("# Non à *la* répression\n\n## Pour une **grève**\n\n- **À bas** le régime !\n")
        #expect(parsed.recognized[0].block.text.spans == [Span("Non à "), Span("la", .emphasis), Span(" répression")])
        #expect(parsed.recognized[1].block.text.spans == [Span("Pour une "), Span("grève", .strong)])
        #expect(parsed.recognized[2].block.text.spans == [Span("À bas", .strong), Span(" le régime !")])
    }

    @Test func unstyledTextHasNoStyle() throws {
        let parsed = try markdown("# Titre\n\nRien de spécial.\n")
        #expect(parsed.recognized.allSatisfy { $0.block.text.styles.allSatisfy { $0.isEmpty } })
    }
}

/// The front matter: the values that have no markup, and the mistakes a user can make in it.
@Suite struct MarkdownFrontMatterTests {
    static let complete = """
        ---
        lang: en
        kicker: Kazakhstan, January 2022
        signature: International Socialist League
        date: January 2022
        call_to_action: Join the protest on Saturday!
        contact: "Contact: isl@example.org"
        url: https://example.org/kazakhstan
        imprint: Printed by ourselves, Paris
        layout: a5-flyer
        ---

        # No to repression!

        We demand:

        - Release all prisoners!

        Solidarity!
        """

    @Test func everyKeyLandsWhereItShould() throws {
        let parsed = try markdown(Self.complete)
        #expect(parsed.roles == [.kicker, .headline, .leadIn, .demand, .callToAction,
                                 .callToAction, .signature, .date, .contact, .imprint])
        #expect(parsed.texts == ["Kazakhstan, January 2022", "No to repression!", "We demand:", "Release all prisoners!",
                                 "Solidarity!", "Join the protest on Saturday!", "International Socialist League",
                                 "January 2022", "Contact: isl@example.org", "Printed by ourselves, Paris"])
        #expect(parsed.language == "en")
        #expect(parsed.layout == "a5-flyer")
        #expect(parsed.url == "https://example.org/kazakhstan")
        let leaflet = parsed.leaflet
        #expect(leaflet.language == "en" && leaflet.url == "https://example.org/kazakhstan")
        #expect(leaflet.author == "International Socialist League")
        #expect(leaflet.title == "No to repression!")
    }

    @Test func blocksFromTheFrontMatterPointAtTheirValue() throws {
        let parsed = try markdown(Self.complete)
        let kicker = parsed.recognized[0]
        // `kicker: ` is 8 characters: the value starts in column 9 of line 3.
        #expect(kicker.block.location == TractCore.SourceLocation(file: "en.md", line: 3, column: 9))
        #expect(kicker.lines == 3...3)
        #expect(kicker.reason == "front matter `kicker`")
        #expect(parsed.leaflet.blocks(.imprint).first?.location.line == 9)
        // Lines of the text count from the top of the file, front matter included.
        #expect(parsed.leaflet.blocks(.headline).first?.location == TractCore.SourceLocation(file: "en.md", line: 13, column: 1))
        #expect(parsed.leaflet.blocks(.demand).first?.location.line == 17)
    }

    @Test func valuesAreText() throws {
        let parsed = try markdown("""
            ---
            lang: no
            signature: "Ligue : section norvégienne"
            date: 2022-01-12
            contact: 'isl@example.org'
            ---
            # Tittel
            """)
        // YAML 1.1 would read `no` as false; Norwegian's tag must stay `no`.
        #expect(parsed.language == "no")
        #expect(parsed.leaflet.author == "Ligue : section norvégienne")
        #expect(parsed.leaflet.blocks(.date).map(\.text.string) == ["2022-01-12"])
        #expect(parsed.leaflet.blocks(.contact).map(\.text.string) == ["isl@example.org"])
    }

    @Test func noOrEmptyFrontMatter() throws {
        let none = try markdown("# Title\n")
        #expect(none.language == nil && none.layout == nil && none.url == nil)
        let empty = try markdown("---\n---\n# Title\n")
        #expect(empty.language == nil)
        #expect(empty.roles == [.headline])
        #expect(empty.recognized[0].block.location.line == 3)
        // YAML's end-of-document marker closes it too.
        let dots = try markdown("---\nlang: fr\n...\n# Titre\n")
        #expect(dots.language == "fr" && dots.texts == ["Titre"])
    }

    @Test func frontMatterWithWindowsLineEndsReadFromDisk() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("---\r\nlang: en\r\n---\r\n# Title\r\n\r\nText.\r\n", to: "en.md")
        let parsed = try ParsedSource.parse(SourceFile.read(path))
        #expect(parsed.language == "en")
        #expect(parsed.roles == [.headline, .body])
        #expect(parsed.recognized[0].block.location == TractCore.SourceLocation(file: path, line: 4, column: 1))
    }

    @Test func unknownKeyPointsAtTheKeyAndSuggestsTheClosest() {
        let error = markdownError("---\nlang: en\nsignatur: Ligue\n---\n# Title\n")
        #expect(error?.severity == .error)
        #expect(error?.message == "unknown front matter key 'signatur'")
        #expect(error?.location == TractCore.SourceLocation(file: "en.md", line: 3, column: 1))
        #expect(error?.hints == ["did you mean 'signature'?"])
        #expect(error?.description.hasPrefix("en.md:3:1: error: unknown front matter key") == true)
    }

    @Test func unknownKeyFarFromAnyListsThemAll() {
        let error = markdownError("---\ncolour: red\n---\n# Title\n")
        #expect(error?.location == TractCore.SourceLocation(file: "en.md", line: 2, column: 1))
        #expect(error?.hints == ["the keys are " + FrontMatterKeys.all.joined(separator: ", ")])
    }

    @Test func invalidYAMLIsAnErrorAtItsLine() {
        // `signature: ` is 11 characters: the second colon is in column 13 of line 3.
        let error = markdownError("---\nlang: en\nsignature: a: b\n---\n# Title\n")
        #expect(error?.message == "the front matter is not valid YAML: mapping values are not allowed in this context")
        #expect(error?.location == TractCore.SourceLocation(file: "en.md", line: 3, column: 13))
        #expect(error?.hints.isEmpty == false)
        let alias = markdownError("---\nlang: en\ndate: *nowhere\n---\n# Title\n")
        #expect(alias?.message.contains("not valid YAML") == true)
        #expect(alias?.location?.line == 3)
    }

    @Test func duplicatedKeyIsAnErrorAtTheSecondKey() {
        let error = markdownError("---\nlang: en\nlang: fr\n---\n# Title\n")
        #expect(error?.message == "'lang' is given twice")
        #expect(error?.location == TractCore.SourceLocation(file: "en.md", line: 3, column: 1))
        #expect(error?.message.contains("\n") == false)
    }

    @Test func frontMatterThatIsNotKeysAndValues() {
        let list = markdownError("---\n- lang\n- en\n---\n# Title\n")
        #expect(list?.message == "the front matter must be `key: value` lines")
        #expect(list?.location?.line == 2)
        // `signature:` is 10 characters; the value would start in column 12.
        let nested = markdownError("---\nsignature: [Ligue, Parti]\n---\n# Title\n")
        #expect(nested?.message == "front matter `signature` must be a single line of text")
        #expect(nested?.location == TractCore.SourceLocation(file: "en.md", line: 2, column: 12))
        let empty = markdownError("---\ndate:\n---\n# Title\n")
        #expect(empty?.message == "front matter `date` must be a single line of text")
        #expect(empty?.location?.line == 2)
    }

    @Test func unterminatedFrontMatterIsAnErrorAtItsStart() {
        let error = markdownError("---\nlang: en\n\n# Title\n\nText.\n")
        #expect(error?.message == "the front matter is not closed")
        #expect(error?.location == TractCore.SourceLocation(file: "en.md", line: 1, column: 1))
        #expect(error?.hints.first?.contains("---") == true)
    }

    @Test func plainTextSourcesParseAsBefore() throws {
        let seed = try SourceFile.read(seedPath)
        #expect(seed.format == .plainText)
        let parsed = try ParsedSource.parse(seed)
        let plain = try PlainTextParser.parse(seed)
        #expect(parsed.roles == plain.roles && parsed.texts == plain.texts)
        #expect(parsed.roles.first == .headline && parsed.roles.last == .date)
        #expect(parsed.leaflet.blocks(.demand).count == 5)
        #expect(parsed.language == nil && parsed.layout == nil && parsed.url == nil)
    }
}

/// The English source of the Kazakhstan leaflet, a realistic Markdown leaflet.
@Suite struct KazakhstanMarkdownTests {
    let parsed: ParsedSource

    init() throws {
        parsed = try ParsedSource.parse(SourceFile.read(repositoryRoot + "/examples/kazakhstan/en.md"))
    }

    @Test func rolesInOrder() {
        let expected: [Role] = [.headline, .subheadline]
            + Array(repeating: .body, count: 11)
            + [.leadIn]
            + Array(repeating: .demand, count: 5)
        #expect(parsed.roles == expected)
        // The signature, date and contact come from leaflet.yaml, not from the source.
        #expect(parsed.leaflet.blocks(.signature).isEmpty)
        #expect(parsed.language == "en")
        #expect(parsed.source.format == .markdown)
    }

    @Test func linesCountFromTheTopOfTheFile() {
        #expect(parsed.recognized.map { $0.block.location.line }
                == [5, 7] + Array(stride(from: 9, through: 31, by: 2)) + Array(33...37))
        #expect(parsed.leaflet.blocks(.demand).allSatisfy { $0.location.column == 1 })
    }

    @Test func headlineLeadInAndDemands() {
        #expect(parsed.leaflet.title == "No to the repression of the people!")
        #expect(parsed.leaflet.blocks(.subheadline).map(\.text.string)
                == ["For a general strike, workers' councils and self-defence committees!"])
        #expect(parsed.leaflet.blocks(.leadIn).map(\.text.string) == ["The International Socialist League demands:"])
        let demands = parsed.leaflet.blocks(.demand).map(\.text.string)
        #expect(demands.first == "The regime's terror must stop, the troops must withdraw from the cities!")
        #expect(demands.last == "All political rights must be guaranteed, including the formation of trade unions and political parties and the holding of strikes and meetings!")
    }

    @Test func inlineStyles() {
        let body = parsed.leaflet.blocks(.body).map(\.text)
        #expect(body[5].texts(in: .emphasis) == ["anti-terrorist"])
        #expect(body[5].string.contains("in \"anti-terrorist\" operations."))
        #expect(body[6].texts(in: .strong) == ["general strike", "workers' councils", "self-defence committees"])
        #expect(body[10].texts(in: .emphasis) == ["The people have the right to decide their own destiny!"])
        #expect(body[10].spans.last == Span(" For a free and democratic Kazakhstan! For a workers' republic, for socialism!"))
        let others = body.indices.filter { ![5, 6, 10].contains($0) }
        #expect(others.allSatisfy { body[$0].styleRuns.count == 1 && body[$0].styles.first == [] })
    }
}
