import Testing
@testable import TractCompose
import TractCore

/// A paragraph of the seed with soft hyphens where French patterns would put some.
private let paragraph = StyledText(
    "La ré\u{AD}pres\u{AD}sion po\u{AD}li\u{AD}tique se pour\u{AD}suit, les li\u{AD}cen\u{AD}cie\u{AD}ments mas\u{AD}sifs, "
    + "les sa\u{AD}laires mi\u{AD}sé\u{AD}rables et la hausse des prix ont conduit à la plus puis\u{AD}sante "
    + "mo\u{AD}bi\u{AD}li\u{AD}sa\u{AD}tion des tra\u{AD}vailleurs ka\u{AD}zakhs dans l’his\u{AD}toire du pays.")

private func broken(width: Double, justify: Bool = true, text: StyledText = paragraph) -> (BreakableText, [BrokenLine]) {
    let shaped = FakeShaper().shape(text, font: FontSpec(family: "Test"), letterSpacing: .zero, direction: .leftToRight)
    let breakable = BreakableText(text.scalars, shaped: shaped, size: Points(10))
    let lines = KnuthPlassBreaker().breakLines(breakable, settings: BreakSettings(justify: justify)) { _ in Points(width) }
    return (breakable, lines)
}

@Test("lines cover the paragraph in order, nothing lost or repeated", arguments: [90.0, 120, 160, 240])
func linesCoverParagraph(width: Double) {
    let (text, lines) = broken(width: width)
    var position = 0
    for line in lines {
        // Only the spaces at a break may be skipped between two lines.
        #expect(text.scalars[position..<line.range.lowerBound].allSatisfy { $0 == " " })
        position = line.range.upperBound
    }
    #expect(position == text.scalars.count - 0 || text.scalars[position...].allSatisfy { $0 == " " })
    #expect(lines.last!.range.upperBound == text.scalars.count)
}

@Test("every line fits its width: justified lines never shrink their spaces past the limit", arguments: [90.0, 120, 160, 240])
func linesFit(width: Double) {
    let (text, lines) = broken(width: width)
    for line in lines.dropLast() {
        let shrinkable = text.spaceWidth(line.range) * BreakSettings(justify: true).spaceShrink
        #expect(line.naturalWidth - shrinkable <= Points(width + 0.001))
        #expect(line.justified)
        #expect(line.ratio >= -1)
    }
    #expect(!lines.last!.justified)
    #expect(lines.last!.naturalWidth.value <= width + 0.001)
}

@Test("never more than two hyphenated lines in a row, and never a hyphen in the last word", arguments: [60.0, 75, 90, 120])
func hyphenationLimits(width: Double) {
    let (text, lines) = broken(width: width)
    var run = 0
    for line in lines {
        run = line.hyphenated ? run + 1 : 0
        #expect(run <= 2)
    }
    let lastSpace = text.scalars.lastIndex(of: " ")!
    for line in lines where line.hyphenated {
        #expect(line.range.upperBound < lastSpace)
    }
}

@Test("in a comfortable measure the spaces stretch at most to three times their allowance")
func comfortableMeasure() {
    let (_, lines) = broken(width: 300)
    #expect(lines.dropLast().allSatisfy { $0.ratio <= 3 && $0.ratio >= -1 })
}

@Test("a hyphenated line ends at a soft hyphen and counts the hyphen's width")
func hyphenWidth() {
    let (text, lines) = broken(width: 75)
    let hyphenated = lines.filter(\.hyphenated)
    #expect(!hyphenated.isEmpty)
    for line in hyphenated {
        #expect(text.scalars[line.range.upperBound - 1] == "\u{AD}")
        #expect(line.naturalWidth == text.width(line.range) + text.hyphenWidth)
    }
}

@Test("ragged lines are not stretched and keep short words with the next line")
func raggedHeadline() {
    let headline = StyledText("NON À LA RÉPRESSION DU PEUPLE\u{202F}!")
    let (_, lines) = broken(width: 62, justify: false, text: headline)
    let texts = lines.map { String(String.UnicodeScalarView(headline.scalars[$0.range])) }
    #expect(lines.allSatisfy { !$0.justified && $0.ratio == 0 })
    #expect(!texts.contains { $0.hasSuffix(" DU") || $0.hasSuffix("RÉPRESSION DU") })
    #expect(texts.last == "DU PEUPLE\u{202F}!")
}

@Test("a word wider than the line is broken between two of its letters, never lost and never past the line's end")
func overfullWord() {
    let text = StyledText("un anticonstitutionnellement long")
    let (_, lines) = broken(width: 40, text: text)
    #expect(lines.count > 3)
    // A justified line may be a little wider than its measure before its spaces shrink.
    #expect(lines.allSatisfy { $0.justified ? $0.ratio >= -1 : $0.naturalWidth <= Points(40) })
    #expect(lines.contains { $0.brokenInWord })
    let kept = lines.map { String(String.UnicodeScalarView(text.scalars[$0.range])) }.joined()
    #expect(kept.replacing(" ", with: "") == "unanticonstitutionnellementlong")
    #expect(lines.filter { $0.brokenInWord }.allSatisfy { $0.hyphenated })
}

/// "Generalversammlung heute" set ragged at 10 pt in lines of `width`, with the dictionary's
/// point after "General" kept for a word too wide, as the preparer gives it for a role that
/// does not hyphenate.
private func generalversammlung(width: Double) -> [BrokenLine] {
    let text = StyledText("Generalversammlung heute")
    let shaped = FakeShaper().shape(text, font: FontSpec(family: "Test"), letterSpacing: .zero, direction: .leftToRight)
    let breakable = BreakableText(text.scalars, shaped: shaped, size: Points(10), emergencyBreaks: [7])
    return KnuthPlassBreaker().breakLines(breakable, settings: BreakSettings(justify: false)) { _ in Points(width) }
}

@Test("a word wider than the line breaks at a dictionary point when its role has one, with a hyphen")
func overfullWordAtDictionaryPoint() {
    let lines = generalversammlung(width: 60)
    #expect(lines.first?.range == 0..<7)
    #expect(lines.first?.hyphenated == true)
    #expect(lines.allSatisfy { $0.naturalWidth <= Points(60) && !$0.brokenInWord })
}

@Test("a line that fits never takes a break meant for words too wide for their line")
func noEmergencyBreaksWhenNotNeeded() {
    let lines = generalversammlung(width: 200)
    #expect(lines.count == 1)
    #expect(!lines[0].hyphenated)
}

