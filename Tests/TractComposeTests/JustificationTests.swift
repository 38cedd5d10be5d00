import Testing
@testable import TractCompose
import TractCore

// Expansion, tracking and protrusion inside the line breaker, on the fake shaper: every letter
// half an em, a word space a quarter, a hyphen 0.3 em, at 10 pt (a letter is 5 pt).

private func lines(_ text: String, width: Double, _ justification: Justification) -> [BrokenLine] {
    let styled = StyledText(text)
    let shaped = FakeShaper().shape(styled, font: FontSpec(family: "Test"), letterSpacing: .zero, direction: .leftToRight)
    let breakable = BreakableText(styled.scalars, shaped: shaped, size: Points(10))
    var settings = BreakSettings(justify: true)
    settings.apply(justification)
    return KnuthPlassBreaker().breakLines(breakable, settings: settings) { _ in Points(width) }
}

/// Word spaces that may not stretch at all, so that only the glyphs can fill a line.
private let rigidSpaces = Justification(wordSpaceMin: 1, wordSpaceMax: 1, expansion: 0.02, tracking: .zero,
                                        protrusion: false, emergencyStretch: .zero)

@Test("a line that expansion alone can fill is not loose, and its glyphs are widened by the share it needs")
func expansionFillsALine() {
    // "aaaa bbbb" is 8 letters (40 pt) and a space (2.5 pt): 42.5 pt. At 43.3 pt the 0.8 pt
    // missing is 2 % of the letters: expansion takes it all.
    let filled = lines("aaaa bbbb cccc", width: 43.3, rigidSpaces)
    #expect(filled.count == 2)
    #expect(abs(filled[0].ratio) <= 1, "expansion can fill it: \(filled[0].ratio)")
    #expect(abs(filled[0].expansion - 0.02) < 0.0005, "\(filled[0].expansion)")
    // Without expansion the same line cannot be filled by rigid spaces: infinitely loose.
    var noExpansion = rigidSpaces
    noExpansion.expansion = 0
    #expect(lines("aaaa bbbb cccc", width: 43.3, noExpansion)[0].ratio > 1)
}

@Test("expansion is taken in steps of 0.1 % and never beyond its limit")
func expansionInSteps() {
    for width in stride(from: 42.5, through: 46, by: 0.37) {
        for line in lines("aaaa bbbb cccc dddd", width: width, Justification()) where line.justified {
            #expect(abs(line.expansion) <= 0.02 + 1e-9)
            let steps = line.expansion / 0.001
            #expect(abs(steps - steps.rounded()) < 1e-6, "\(line.expansion)")
        }
    }
}

@Test("a hyphen at a justified line's end hangs into the margin by 70 % of its width")
func hyphenProtrudes() {
    let broken = lines("aaaa bbbb\u{AD}cccc dddd eeee", width: 50, Justification(expansion: 0, tracking: .zero, emergencyStretch: .zero))
    let hyphenated = broken.first { $0.hyphenated }
    #expect(hyphenated != nil, "\(broken)")
    // The fake hyphen is 0.3 em at 10 pt.
    #expect(abs((hyphenated?.rightHang.value ?? 0) - 0.7 * 3) < 1e-9)
    let plain = lines("aaaa bbbb\u{AD}cccc dddd eeee", width: 50, .spacesOnly).first { $0.hyphenated }
    #expect(plain?.rightHang == .zero)
}

@Test("a full stop and an opening guillemet hang; a letter and the last line's end do not")
func punctuationProtrudes() {
    let broken = lines("«aaa bbb. cccc dddd eeee ffff gggg", width: 45, Justification(expansion: 0, tracking: .zero, emergencyStretch: .zero))
    #expect(abs(broken[0].leftHang.value - 0.7 * 5) < 1e-9, "« hangs 70 % of its 5 pt")
    for line in broken.dropLast() where line.justified {
        let last = StyledText("«aaa bbb. cccc dddd eeee ffff gggg").scalars[line.range.upperBound - 1]
        #expect((line.rightHang > .zero) == (last == "."), "\(line.range) ends with \(last)")
    }
    #expect(broken.last!.rightHang == .zero)
}

@Test("letter-spacing takes what the spaces cannot, up to its limit, and never in Arabic")
func trackingAsALastResort() {
    let loose = Justification(wordSpaceMin: 0.67, wordSpaceMax: 1.2, expansion: 0, tracking: Ems(0.02), protrusion: false,
                              emergencyStretch: .zero)
    // Two words and a long one that cannot join them: the first line is very loose.
    let latin = lines("aaaa bbbb cccccccccc", width: 60, loose)
    #expect(latin[0].tracking == Points(0.2), "0.02 em at 10 pt: \(latin[0].tracking)")
    let arabic = lines("سلام عليكم سلامسلامسل", width: 60, loose)
    #expect(arabic[0].tracking == .zero)
}

@Test("a no-break space never stretches: before a colon it stays as wide as it is")
func noBreakSpaceIsFixed() {
    let styled = StyledText("aaaa\u{00A0}: bbbb cccc dddd")
    let shaped = FakeShaper().shape(styled, font: FontSpec(family: "Test"), letterSpacing: .zero, direction: .leftToRight)
    let breakable = BreakableText(styled.scalars, shaped: shaped, size: Points(10))
    // Only the U+0020 spaces are counted as word spaces.
    #expect(breakable.prefixSpaces.last! == 0.25 * 3)
}

@Test("a proper noun is broken only to spare a very loose line")
func discouragedBreakSparesALooseLine() {
    // "aaaa bbbb Cccc|cccc dddd": the soft hyphen (index 14) is a proper noun's.
    let styled = StyledText("aaaa bbbb Cccc\u{AD}cccc dddd")
    let shaped = FakeShaper().shape(styled, font: FontSpec(family: "Test"), letterSpacing: .zero, direction: .leftToRight)
    let breakable = BreakableText(styled.scalars, shaped: shaped, size: Points(10), discouraged: [14])
    func lines(width: Double) -> [BrokenLine] {
        var settings = BreakSettings(justify: true)
        settings.apply(.spacesOnly)
        return KnuthPlassBreaker().breakLines(breakable, settings: settings) { _ in Points(width) }
    }
    // At 67 pt "aaaa bbbb" (42.5 pt) would stretch 24.5 pt over one space: the noun is broken.
    #expect(lines(width: 67)[0].hyphenated)
    // At 45 pt "aaaa bbbb" is hardly loose: the noun stays whole.
    #expect(!lines(width: 45).contains { $0.hyphenated })
}

@Test("a number is parted from its word only to spare a very loose line, with no hyphen")
func discouragedTieSparesALooseLine() {
    // "aaaa bbbb 1234|cccc dddd": the no-break space (index 14) ties a number to its word.
    let styled = StyledText("aaaa bbbb 1234\u{00A0}cccc dddd")
    let shaped = FakeShaper().shape(styled, font: FontSpec(family: "Test"), letterSpacing: .zero, direction: .leftToRight)
    let breakable = BreakableText(styled.scalars, shaped: shaped, size: Points(10), discouraged: [14])
    let plain = BreakableText(styled.scalars, shaped: shaped, size: Points(10))
    func lines(_ text: BreakableText, width: Double) -> [BrokenLine] {
        var settings = BreakSettings(justify: true)
        settings.apply(.spacesOnly)
        return KnuthPlassBreaker().breakLines(text, settings: settings) { _ in Points(width) }
    }
    // Without the mark the space is no break at all.
    #expect(!plain.candidates.contains { $0.position == 15 })
    // At 66 pt "aaaa bbbb" (42.5 pt) would stretch 23.5 pt over one space, "aaaa bbbb 1234"
    // 1 pt over two: the tie is broken, and the space is in neither line.
    let loose = lines(breakable, width: 66)
    #expect(loose[0].range == 0..<14 && loose[1].range.lowerBound == 15)
    #expect(!loose.contains { $0.hyphenated })
    // At 87 pt "aaaa bbbb 1234 cccc" (87.5 pt) fits with its spaces shrunk a little: the tie
    // holds.
    #expect(!lines(breakable, width: 87).contains { $0.range.upperBound == 14 })
    #expect(lines(plain, width: 66)[0].range == 0..<9)
}
