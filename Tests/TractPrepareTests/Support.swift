import Foundation
import Testing
@testable import TractPrepare
import TractCore

/// One input and the text the rules must make of it, with what the case proves.
struct Example: Sendable, CustomTestStringConvertible {
    let input: String
    let expected: String
    let proves: String

    init(_ input: String, _ expected: String, _ proves: String) {
        self.input = input
        self.expected = expected
        self.proves = proves
    }

    var testDescription: String { proves }
}

/// The text with its invisible characters shown, so a failure reads at a glance:
/// `⍽` U+202F, `␣` U+00A0, `|` U+00AD.
func visible(_ text: String) -> String {
    var shown = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case Characters.narrowNoBreakSpace: shown += "⍽"
        case Characters.noBreakSpace: shown += "␣"
        case Characters.softHyphen: shown += "|"
        default: shown.unicodeScalars.append(scalar)
        }
    }
    return shown
}

/// The French dictionary and settings, loaded once (hyphen-fr is a build dependency).
func frenchHyphenation() throws -> (HyphenationDictionary, HyphenationSettings) {
    let settings = try #require(TypographyRules.french.hyphenation)
    return (try HyphenationDictionary.shared(for: settings), settings)
}

/// Inserts the French soft hyphens into a string.
func hyphenated(_ string: String) throws -> String {
    ordinaryBreaks(try hyphenatedText(string))
}

/// `string` with French soft hyphens, styles included: a proper noun's carry `.discouragedBreak`.
func hyphenatedText(_ string: String) throws -> StyledText {
    let (dictionary, settings) = try frenchHyphenation()
    return Hyphenation.insertSoftHyphens(StyledText(string), dictionary: dictionary, settings: settings)
}

/// A text's string with the soft hyphens that are only there to spare a very loose line (a
/// proper noun's) taken out: the breaks a line takes as a matter of course.
func ordinaryBreaks(_ text: StyledText) -> String {
    var kept = StyledText()
    for (scalar, style) in zip(text.scalars, text.styles) where scalar != "\u{00AD}" || !style.contains(.discouragedBreak) {
        kept.append(scalar, style: style)
    }
    return kept.string
}

/// The reference leaflet (the seed), line by line.
func seedLines() throws -> [String] {
    // #filePath is Tests/TractPrepareTests/Support.swift: the checkout is three levels up.
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("examples/kazakhstan/fr.txt"), encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}
