import TractCore

/// A pair of quotation marks, with the space set just inside them.
public struct QuotePair: Hashable, Sendable {
    public var open: Unicode.Scalar
    public var close: Unicode.Scalar
    /// The space set just inside the marks, if any (French « »: U+202F); typed marks of a pair
    /// with a space get it too, the others are left as typed.
    public var spaceInside: Unicode.Scalar?

    public init(_ open: Unicode.Scalar, _ close: Unicode.Scalar, spaceInside: Unicode.Scalar? = nil) {
        self.open = open
        self.close = close
        self.spaceInside = spaceInside
    }
}

/// Where a language breaks words, and how close to a word's ends.
public struct HyphenationSettings: Hashable, Sendable {
    /// The dictionary's file name in `/usr/share/hyphen` (`hyph_fr.dic`); nil for a language
    /// with no patterns, which breaks by `syllables` alone.
    public var dictionary: String?
    /// The Debian package that provides the dictionary, for the error when it is missing.
    public var package: String
    /// The fewest letters before a break.
    public var leftMin: Int
    /// The fewest letters after a break.
    public var rightMin: Int
    /// Files to use when `dictionary` is not installed, in order (`hyph_fr_CA.dic` → `hyph_fr.dic`).
    public var fallbackDictionaries: [String] = []
    /// Whether a capital inside a sentence marks a proper noun, which is left whole; not in
    /// German, where every noun takes a capital.
    public var capitalMarksProperNoun = true
    /// Whether an apostrophe between letters belongs to the word (Ukrainian `м’ясо`) instead of
    /// ending it (French `l’effondrement`); the patterns then see it as `'`.
    public var apostropheInWord = false
    /// The syllable rules for the words the patterns leave unbroken, if the alphabet spells
    /// its syllables plainly enough.
    public var syllables: Syllables?
}

/// One language's typography, as data (see DESIGN.md, Typography).
///
/// The functions in `Typography.swift` read these tables; a language differs from another only
/// by its table.
public struct TypographyRules: Hashable, Sendable {
    /// The language tag the table is for.
    public var language: String
    /// The quotation marks that straight double quotes become.
    public var quotes: QuotePair
    /// The quotation marks of a quotation inside a quotation.
    public var innerQuotes: QuotePair
    /// The space set before each punctuation mark that takes one (French: `;!?` U+202F, `:` U+00A0).
    public var spaceBefore: [Unicode.Scalar: Unicode.Scalar]
    /// The punctuation marks set touching the word before: spaces typed before them are removed.
    public var noSpaceBefore: Set<Unicode.Scalar>
    /// The space between groups of three digits (`2 000`), if the language groups them.
    public var digitGroupSeparator: Unicode.Scalar?
    /// Whether `%` and currency signs follow a number after a space (`15 %`) or touch it (`15%`).
    public var spaceBeforePercent: Bool
    /// Whether a number is tied to the word after it (`2 janvier`, `15 personnes`).
    public var tieNumberToNextWord: Bool
    /// Whether a spaced hyphen becomes a spaced en dash (` - ` → ` – `).
    public var spacedDash: Bool
    /// Hyphenation, when the language has a dictionary.
    public var hyphenation: HyphenationSettings?

    /// Characters that end a run of punctuation marks sharing one space (`?!`).
    static let groupedPunctuation: Set<Unicode.Scalar> = ["!", "?", ";", ":", "…"]
    /// The marks French sets apart from the word before and most other languages set touching it.
    static let highPunctuation: Set<Unicode.Scalar> = [";", ":", "!", "?"]
}

extension TypographyRules {
    /// French, after the Imprimerie nationale's rules.
    public static let french = TypographyRules(
        language: "fr",
        quotes: QuotePair("«", "»", spaceInside: Characters.narrowNoBreakSpace),
        // Imprimerie nationale: English quotes, unspaced, for a quotation inside a quotation.
        innerQuotes: QuotePair("“", "”"),
        spaceBefore: [
            ";": Characters.narrowNoBreakSpace,
            "!": Characters.narrowNoBreakSpace,
            "?": Characters.narrowNoBreakSpace,
            ":": Characters.noBreakSpace,
        ],
        noSpaceBefore: [],
        digitGroupSeparator: Characters.narrowNoBreakSpace,
        spaceBeforePercent: true,
        tieNumberToNextWord: true,
        spacedDash: true,
        hyphenation: HyphenationSettings(dictionary: "hyph_fr.dic", package: "hyphen-fr", leftMin: 2, rightMin: 3)
    )

    /// Canadian French, after the Office québécois de la langue française: U+00A0 before `:` and
    /// inside « », nothing before `; ! ?`.
    public static let canadianFrench: TypographyRules = {
        var rules = french
        rules.language = "fr-CA"
        // OQLF, Banque de dépannage linguistique, « Espacement avant et après les signes de
        // ponctuation »: an espace insécable inside « » and before the colon; before ; ! ? a fine
        // space only where the software has one, so Quebec usage sets them touching.
        rules.quotes = QuotePair("«", "»", spaceInside: Characters.noBreakSpace)
        rules.spaceBefore = [":": Characters.noBreakSpace]
        rules.noSpaceBefore = [";", "!", "?"]
        rules.hyphenation?.dictionary = "hyph_fr_CA.dic"
        rules.hyphenation?.fallbackDictionaries = ["hyph_fr.dic"]
        return rules
    }()

    /// Swiss French: U+202F before all four of `; : ! ?` and ‹ › inside « ».
    public static let swissFrench: TypographyRules = {
        var rules = french
        rules.language = "fr-CH"
        // Swiss usage does not single out the colon: it takes the same fine space as ; ! ?
        // (Wikipédia, « Comparatif des différents codes typographiques francophones »). Single
        // guillemets, spaced like double ones, mark a quotation inside a quotation.
        rules.innerQuotes = QuotePair("‹", "›", spaceInside: Characters.narrowNoBreakSpace)
        rules.spaceBefore = Dictionary(uniqueKeysWithValues: highPunctuation.map { ($0, Characters.narrowNoBreakSpace) })
        return rules
    }()

    /// English: “ ” with ‘ ’ inside, punctuation touching the word, `%` touching the number.
    public static let english = TypographyRules(
        language: "en",
        quotes: QuotePair("“", "”"),
        innerQuotes: QuotePair("‘", "’"),
        spaceBefore: [:],
        noSpaceBefore: highPunctuation,
        digitGroupSeparator: nil,
        spaceBeforePercent: false,
        // English style guides keep a number with its unit (`5 km`, which `unitSpaces` ties),
        // not with any word that follows it.
        tieNumberToNextWord: false,
        spacedDash: true,
        hyphenation: HyphenationSettings(dictionary: "hyph_en_US.dic", package: "hyphen-en-us", leftMin: 2, rightMin: 3)
    )

    /// German: „ “ with ‚ ‘ inside, punctuation touching the word, U+00A0 before `%` and units.
    public static let german = TypographyRules(
        language: "de",
        quotes: QuotePair("„", "“"),
        innerQuotes: QuotePair("‚", "‘"),
        spaceBefore: [:],
        noSpaceBefore: highPunctuation,
        digitGroupSeparator: nil,
        // DIN 5008: a space between a number and `%` or its unit (`15 %`, `5 km`).
        spaceBeforePercent: true,
        // Duden and DIN 5008 ask for a protected space with units and abbreviations (`5 km`,
        // `Nr. 3`), which `unitSpaces` sets, not between a number and any noun.
        tieNumberToNextWord: false,
        spacedDash: true,
        hyphenation: HyphenationSettings(dictionary: "hyph_de_DE.dic", package: "hyphen-de", leftMin: 2, rightMin: 2,
                                         capitalMarksProperNoun: false)
    )

    /// Spanish: « » with “ ” inside, punctuation touching the word, U+00A0 before `%` and units.
    public static let spanish = TypographyRules(
        language: "es",
        // RAE, Ortografía de la lengua española (2010): angle quotes first, English quotes inside.
        quotes: QuotePair("«", "»"),
        innerQuotes: QuotePair("“", "”"),
        spaceBefore: [:],
        noSpaceBefore: highPunctuation,
        digitGroupSeparator: nil,
        // RAE: the percent sign is written apart from the number (`15 %`).
        spaceBeforePercent: true,
        // The RAE asks for a no-break space with symbols and units (`5 km`), not with words.
        tieNumberToNextWord: false,
        spacedDash: true,
        hyphenation: HyphenationSettings(dictionary: "hyph_es_ES.dic", package: "hyphen-es", leftMin: 2, rightMin: 2,
                                         fallbackDictionaries: ["hyph_es.dic"])
    )

    /// Russian: « » with „ “ inside, punctuation touching the word, U+202F digit groups, a
    /// number tied to the word after it.
    public static let russian = TypographyRules(
        language: "ru",
        quotes: QuotePair("«", "»"),
        innerQuotes: QuotePair("„", "“"),
        spaceBefore: [:],
        noSpaceBefore: highPunctuation,
        digitGroupSeparator: Characters.narrowNoBreakSpace,
        spaceBeforePercent: true,
        // Russian typesetting rules (Мильчин, «Справочник издателя и автора») never leave a
        // number at a line end apart from what follows it (`25 кг`, `1999 г.`), and common
        // practice extends this to the word it counts (`15 человек`).
        tieNumberToNextWord: true,
        spacedDash: true,
        hyphenation: HyphenationSettings(dictionary: "hyph_ru_RU.dic", package: "hyphen-ru", leftMin: 2, rightMin: 2,
                                         syllables: .cyrillic)
    )

    /// Ukrainian: as Russian; the apostrophe belongs to the word (`м’ясо`).
    public static let ukrainian: TypographyRules = {
        var rules = russian
        rules.language = "uk"
        // Український правопис, rules of word division: the apostrophe stays with the letter
        // before it (`бур’-ян`, not `бур-’ян`), and the patterns know it as `'`.
        rules.hyphenation = HyphenationSettings(dictionary: "hyph_uk_UA.dic", package: "hyphen-uk", leftMin: 2, rightMin: 2,
                                                apostropheInWord: true, syllables: .cyrillic)
        return rules
    }()

    /// Kazakh in Cyrillic: as Russian, broken by syllables alone. Debian ships no Kazakh
    /// patterns (there is no `hyphen-kk`), and the Russian ones do not know ә ғ қ ң ө ұ ү һ і.
    public static let kazakh: TypographyRules = {
        var rules = russian
        rules.language = "kk"
        rules.hyphenation = HyphenationSettings(dictionary: nil, package: "", leftMin: 2, rightMin: 2, syllables: .cyrillic)
        return rules
    }()

    /// Arabic: « » with ” “ inside, no space before `; : ! ?` nor `؟ ؛ ،`, no hyphenation.
    public static let arabic = TypographyRules(
        language: "ar",
        // « » are mirrored in right-to-left text, so the logical order is the same as in
        // French. CLDR's Arabic delimiters open an inner quotation with ” and close it with “,
        // which are not mirrored: set right to left, they face the quotation.
        quotes: QuotePair("«", "»"),
        innerQuotes: QuotePair("”", "“"),
        spaceBefore: [:],
        noSpaceBefore: highPunctuation.union(["؟", "؛", "،"]),
        digitGroupSeparator: nil,
        // CLDR's Arabic percent pattern sets the sign touching the number.
        spaceBeforePercent: false,
        tieNumberToNextWord: false,
        spacedDash: true,
        // Arabic does not break words at line ends (a line is justified by its spaces or by
        // kashida), and Debian has no Arabic patterns.
        hyphenation: nil
    )

    /// The table for languages tract has no table for: straight quotes become curly, spacing
    /// is left as typed, no hyphenation.
    public static let neutral = TypographyRules(
        language: "und",
        quotes: QuotePair("“", "”"),
        innerQuotes: QuotePair("‘", "’"),
        spaceBefore: [:],
        noSpaceBefore: [],
        digitGroupSeparator: nil,
        spaceBeforePercent: false,
        tieNumberToNextWord: false,
        spacedDash: true,
        hyphenation: nil
    )

    /// Every table, by language tag.
    public static let all: [String: TypographyRules] = Dictionary(uniqueKeysWithValues: [
        french, canadianFrench, swissFrench, english, german, spanish, russian, ukrainian, kazakh, arabic,
    ].map { ($0.language, $0) })

    /// The table for a BCP 47 tag, in any case: an exact match (`fr-ch` → `fr-CH`), else the
    /// language and region without the script (`fr-Latn-CH` → `fr-CH`), else the primary
    /// language (`fr-BE` → `fr`); nil when tract knows none of them.
    public static func rules(for tag: String) -> TypographyRules? {
        LanguageTag(tag)?.lookup(in: all)
    }
}

/// The special characters typography inserts, by name.
public enum Characters {
    public static let noBreakSpace: Unicode.Scalar = "\u{00A0}"
    public static let narrowNoBreakSpace: Unicode.Scalar = "\u{202F}"
    public static let thinSpace: Unicode.Scalar = "\u{2009}"
    public static let softHyphen: Unicode.Scalar = "\u{00AD}"
    public static let apostrophe: Unicode.Scalar = "\u{2019}"
    public static let ellipsis: Unicode.Scalar = "\u{2026}"
    public static let enDash: Unicode.Scalar = "\u{2013}"

    /// Spaces an author may type, which the rules remove before setting the right one.
    public static let typedSpaces: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2007}", "\u{2008}", "\u{200A}"]
    /// Spaces that forbid a line break.
    public static let noBreakSpaces: Set<Unicode.Scalar> = ["\u{00A0}", "\u{202F}", "\u{2007}"]
    /// The apostrophes a word may hold: typed, typographic, and the modifier letter Ukrainian
    /// keyboards give (U+02BC).
    public static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{02BC}"]
}
