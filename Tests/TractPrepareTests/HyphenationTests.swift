import Testing
@testable import TractPrepare
import TractCore

/// The hyphenation policy on top of the French patterns (DESIGN.md: at least 2 letters before
/// and 3 after a break; never in numbers, URLs, acronyms, proper nouns or after an apostrophe).
@Suite("Hyphenation policy")
struct HyphenationTests {
    /// Words the policy lets break, and where: the patterns' points minus those too close to an end.
    static let allowed: [Example] = [
        Example("répression", "ré\u{00AD}pres\u{00AD}sion", "a common word"),
        Example("manifestation", "ma\u{00AD}ni\u{00AD}fes\u{00AD}ta\u{00AD}tion", "two letters before the first break"),
        Example("inadmissibilité", "in\u{00AD}ad\u{00AD}mis\u{00AD}si\u{00AD}bi\u{00AD}lité", "the patterns' bi-li-té loses li-té: three letters after"),
        Example("université", "uni\u{00AD}ver\u{00AD}sité", "ver-si-té loses si-té"),
        Example("écrasé", "écrasé", "écra-sé would leave two letters"),
        Example("l’effondrement", "l’ef\u{00AD}fon\u{00AD}dre\u{00AD}ment", "no break after the apostrophe, two letters after it"),
        Example("d’autodéfense", "d’au\u{00AD}to\u{00AD}dé\u{00AD}fense", "the seed's d’autodéfense"),
        Example("l'effondrement", "l'ef\u{00AD}fon\u{00AD}dre\u{00AD}ment", "a straight apostrophe ends a word too"),
        Example("sur le qui-vive", "sur le qui-vive", "parts of a hyphenated compound are too short"),
        Example("2e arrondissement", "2e ar\u{00AD}ron\u{00AD}dis\u{00AD}se\u{00AD}ment", "a word after a number may break"),
        Example("Manifestations pacifiques.", "Ma\u{00AD}ni\u{00AD}fes\u{00AD}ta\u{00AD}tions pa\u{00AD}ci\u{00AD}fiques.", "a capital that starts a sentence is no proper noun"),
        Example("« Organisation »", "« Or\u{00AD}ga\u{00AD}ni\u{00AD}sa\u{00AD}tion »", "a quotation mark before the first word of a text"),
    ]

    @Test("soft hyphens where the policy allows", arguments: allowed)
    func allowedBreaks(_ example: Example) throws {
        let output = try hyphenated(example.input)
        #expect(output == example.expected, "got \(visible(output)), want \(visible(example.expected))")
    }

    /// Words the policy refuses to break, each in its context. The control, the same word alone
    /// in lower case, does break: the refusal comes from the policy, not from the patterns.
    static let refused: [(text: String, word: String)] = [
        ("le président Tokayev a appelé", "Tokayev"),
        ("du clan de Nursultan Nazarbayev.", "Nazarbayev"),
        ("au Kazakhstan", "Kazakhstan"),
        ("de l’Organisation du traité", "Organisation"),
        ("le président M. Tokayev", "Tokayev"),
        ("signé J. Nazarbayev", "Nazarbayev"),
        ("la RÉPRESSION au KAZAKHSTAN", "RÉPRESSION"),
        ("la RÉPRESSION au KAZAKHSTAN", "KAZAKHSTAN"),
        ("les 10manifestations", "manifestations"),
        ("la résolution2022", "résolution"),
        ("voir https://manifestation.org/organisation", "manifestation"),
        ("voir https://manifestation.org/organisation", "organisation"),
        ("voir www.organisation.org.", "organisation"),
        ("écrire à manifestation@organisation.org", "manifestation"),
    ]

    @Test("no ordinary soft hyphen in proper nouns, acronyms, numbers, URLs and addresses", arguments: refused)
    func refusedBreaks(_ text: String, _ word: String) throws {
        #expect(try hyphenated(word.lowercased()).contains("\u{00AD}"), "control: the patterns break \(word)")
        let output = try hyphenated(text)
        #expect(output.contains(word), "\(visible(output))")
    }

    /// A proper noun keeps its dictionary points, marked: the line breaker takes one only where
    /// the line would otherwise be very loose. Acronyms, numbers and addresses keep none.
    @Test("a proper noun's breaks are kept as discouraged ones; an acronym's and an address's are not")
    func properNounsBreakOnlyToSpareALooseLine() throws {
        let noun = try hyphenatedText("au Kazakhstan")
        let hyphens = noun.scalars.indices.filter { noun.scalars[$0] == "\u{00AD}" }
        #expect(!hyphens.isEmpty)
        #expect(hyphens.allSatisfy { noun.styles[$0].contains(.discouragedBreak) })
        let ordinary = try hyphenatedText("les manifestations")
        #expect(ordinary.scalars.contains("\u{00AD}") && !ordinary.styles.contains { $0.contains(.discouragedBreak) })
        for text in ["la RÉPRESSION au KAZAKHSTAN", "voir www.organisation.org."] {
            #expect(try !hyphenatedText(text).scalars.contains("\u{00AD}"), "\(text)")
        }
    }

    /// The acronyms of the seed are refused by the acronym rule itself, not only for being short.
    @Test("acronyms", arguments: ["URSS", "OTSC", "UNESCO"])
    func acronyms(_ word: String) {
        let scalars = Array("à la \(word) hier".unicodeScalars)
        let range = 5..<(5 + word.unicodeScalars.count)
        let lax = HyphenationSettings(dictionary: "hyph_fr.dic", package: "hyphen-fr", leftMin: 1, rightMin: 1)
        #expect(!Hyphenation.mayHyphenate(scalars, range, isProtected: Typography.protectedMask(scalars), settings: lax))
        let lower = Array("à la \(word.lowercased()) hier".unicodeScalars)
        #expect(Hyphenation.mayHyphenate(lower, range, isProtected: Typography.protectedMask(lower), settings: lax))
    }

    /// Other minimums are read from the settings, not built in.
    @Test func minimumsComeFromTheSettings() throws {
        let (dictionary, _) = try frenchHyphenation()
        let strict = HyphenationSettings(dictionary: "hyph_fr.dic", package: "hyphen-fr", leftMin: 4, rightMin: 5)
        let output = Hyphenation.insertSoftHyphens(StyledText("manifestation"), dictionary: dictionary, settings: strict)
        #expect(output.string == "mani\u{00AD}fes\u{00AD}tation")
    }

    @Test("sentence starts", arguments: [
        ("Kazakhstan", 0, true), ("Non. Kazakhstan", 5, true), ("Quoi\u{202F}? « Kazakhstan", 9, true),
        ("(Kazakhstan", 1, true), ("au Kazakhstan", 3, false), ("d’Arménie", 2, false),
        ("M. Tokayev", 3, false), ("l’URSS. Kazakhstan", 8, true),
    ])
    func sentenceStarts(_ text: String, _ index: Int, _ starts: Bool) {
        #expect(Hyphenation.startsSentence(Array(text.unicodeScalars), at: index) == starts)
    }

    /// Every break in the whole seed leaves at least 2 letters before and 3 after, and none
    /// follows an apostrophe or touches a digit.
    @Test func everyBreakInTheSeedKeepsItsMinimums() throws {
        var breaks = 0
        for line in try seedLines() {
            let output = Array(try hyphenated(Typography.apply(line, .french)).unicodeScalars)
            for (index, scalar) in output.enumerated() where scalar == Characters.softHyphen {
                breaks += 1
                let before = output[..<index].reversed().prefix { Typography.isLetter($0) || $0 == Characters.softHyphen }
                let after = output[(index + 1)...].prefix { Typography.isLetter($0) || $0 == Characters.softHyphen }
                let context = visible(String(String.UnicodeScalarView(output[max(0, index - 12)..<min(output.count, index + 12)])))
                #expect(before.filter(Typography.isLetter).count >= 2, "\(context)")
                #expect(after.filter(Typography.isLetter).count >= 3, "\(context)")
                #expect(index > 0 && output[index - 1] != Characters.apostrophe, "\(context)")
                let wordStart = index - before.count
                #expect(wordStart == 0 || !Typography.isDigit(output[wordStart - 1]), "\(context)")
            }
        }
        #expect(breaks > 100, "the seed should offer many breaks, found \(breaks)")
    }
}
