/// A pair of quotation marks.
public struct QuotePair: Hashable, Sendable {
    public var open: Unicode.Scalar
    public var close: Unicode.Scalar

    public init(_ open: Unicode.Scalar, _ close: Unicode.Scalar) {
        self.open = open
        self.close = close
    }
}

/// Where a language breaks words, and how close to a word's ends.
public struct HyphenationSettings: Hashable, Sendable {
    /// The dictionary's file name in `/usr/share/hyphen` (`hyph_fr.dic`).
    public var dictionary: String
    /// The Debian package that provides the dictionary, for the error when it is missing.
    public var package: String
    /// The fewest letters before a break.
    public var leftMin: Int
    /// The fewest letters after a break.
    public var rightMin: Int
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
    /// The space set just inside the quotation marks, if any (French: U+202F).
    public var spaceInsideQuotes: Unicode.Scalar?
    /// The space set before each punctuation mark that takes one (French: `;!?` U+202F, `:` U+00A0).
    public var spaceBefore: [Unicode.Scalar: Unicode.Scalar]
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
}

extension TypographyRules {
    /// French, after the Imprimerie nationale's rules.
    public static let french = TypographyRules(
        language: "fr",
        quotes: QuotePair("«", "»"),
        spaceInsideQuotes: Characters.narrowNoBreakSpace,
        spaceBefore: [
            ";": Characters.narrowNoBreakSpace,
            "!": Characters.narrowNoBreakSpace,
            "?": Characters.narrowNoBreakSpace,
            ":": Characters.noBreakSpace,
        ],
        digitGroupSeparator: Characters.narrowNoBreakSpace,
        spaceBeforePercent: true,
        tieNumberToNextWord: true,
        spacedDash: true,
        hyphenation: HyphenationSettings(dictionary: "hyph_fr.dic", package: "hyphen-fr", leftMin: 2, rightMin: 3)
    )

    /// The table for languages tract has no table for: straight quotes become curly, spacing
    /// is left as typed, no hyphenation.
    public static let neutral = TypographyRules(
        language: "und",
        quotes: QuotePair("“", "”"),
        spaceInsideQuotes: nil,
        spaceBefore: [:],
        digitGroupSeparator: nil,
        spaceBeforePercent: false,
        tieNumberToNextWord: false,
        spacedDash: true,
        hyphenation: nil
    )

    /// Every table, by language tag.
    public static let all: [String: TypographyRules] = ["fr": .french]

    /// The table for a BCP 47 tag: an exact match, else its primary language (`fr-BE` → `fr`).
    public static func rules(for tag: String) -> TypographyRules? {
        if let exact = all[tag] { return exact }
        let primary = tag.split(separator: "-").first.map { String($0).lowercased() } ?? tag
        return all[primary]
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
}
