import Testing
@testable import TractCompose
import TractCore
import TractLayouts

private func composer() -> Composer {
    Composer(layout: classicLayout, shaper: FakeShaper())
}

private func composeSeed() throws -> ComposedDocument {
    try composer().compose(Fixtures.seed(), info: DocumentInfo(title: "Test"))
}

/// The rectangle a line's ink can take: from the cap height above the baseline to the
/// descent below, over its width.
private func inkBox(_ line: PlacedText) -> Rect {
    let metrics = FakeShaper().metrics(line.font)
    let top = line.origin.y - metrics.capHeight.at(line.size)
    return Rect(x: line.origin.x, y: top, width: line.width, height: metrics.capHeight.at(line.size) + metrics.descent.at(line.size))
}

@Test("every box and every line lies inside the page")
func insidePage() throws {
    let page = try composeSeed().pages[0]
    let bounds = Rect(x: .zero, y: .zero, width: page.size.width, height: page.size.height)
    for box in page.boxes { #expect(bounds.contains(box.frame), "box \(box.name) at \(box.frame)") }
    for line in page.lines { #expect(bounds.contains(inkBox(line)), "line \(line.text) at \(inkBox(line))") }
}

@Test("no two lines overlap, and the boxes that are drawn do not overlap")
func nothingOverlaps() throws {
    let page = try composeSeed().pages[0]
    let lines = page.lines.map(inkBox)
    for (index, line) in lines.enumerated() {
        for other in lines[(index + 1)...] { #expect(!line.overlaps(other), "\(line) overlaps \(other)") }
    }
    let boxes = page.boxes
    for (index, box) in boxes.enumerated() {
        for other in boxes[(index + 1)...] { #expect(!box.frame.overlaps(other.frame), "\(box.name) overlaps \(other.name)") }
    }
}

@Test("each line lies inside the box its role flows into")
func linesInTheirBoxes() throws {
    let layout = classicLayout
    let document = try composer().compose(Fixtures.seed(), info: DocumentInfo())
    let attempt = composer().place(composer().measure(try Fixtures.seed()), Composer.Fit(headline: document.headlineSize, scale: document.scale, pages: 1), balance: true)
    for line in document.pages[0].lines {
        let box = layout.boxes(for: line.role)[0]
        // Punctuation and hyphens at a justified line's ends hang into the margins, by less than
        // 0.35 em (microtype's largest share, 0.7, of a hyphen or a full stop).
        let hang = line.size * 0.35
        let frame = attempt.rects[Composer.BoxKey(page: 0, name: box.name)]!.inset(by: box.padding)
            .inset(by: Insets(top: .zero, right: .zero - hang, bottom: .zero, left: .zero - hang))
        #expect(frame.contains(Rect(x: line.origin.x, y: line.origin.y, width: line.width, height: .zero)),
                "\(line.role) line \(line.text) outside \(box.name) \(frame)")
    }
}

@Test("every word of the source is placed once, in order")
func nothingLost() throws {
    let leaflet = try Fixtures.seed()
    let placed = try composeSeed().pages[0].lines.filter { $0.role != .demand || !$0.text.isEmpty }
    func words(_ text: String) -> [String] {
        text.split { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" }.map(String.init)
    }
    // A line broken inside a word ends with U+2010 (added) or a hard hyphen (`qui-vive`):
    // join the two halves, dropping only the added hyphen.
    var joined = ""
    for line in placed {
        let text = line.text.string
        if text.hasSuffix("\u{2010}") {
            joined += String(text.dropLast())
        } else if text.hasSuffix("-") {
            joined += text
        } else {
            joined += text + " "
        }
    }
    let expected = leaflet.blocks.flatMap { words($0.text.string.replacing("\u{AD}", with: "")) }
    let found = words(joined)
    let mismatch = zip(found, expected).enumerated().first { $0.element.0 != $0.element.1 }
    #expect(mismatch == nil, "word \(mismatch?.offset ?? 0): placed \(mismatch?.element.0 ?? "") for \(mismatch?.element.1 ?? "")")
    #expect(found.count == expected.count)
}

@Test("the copyfit scale is the largest that fits: a little larger overflows")
func copyfitIsLargest() throws {
    let composer = composer()
    let leaflet = try Fixtures.seed()
    let document = try composer.compose(leaflet, info: DocumentInfo())
    let measured = composer.measure(leaflet)
    let maximum = classicLayout.bodyFit.maxSize / classicLayout.style(.body).size
    #expect(document.scale < maximum, "the seed should need copyfitting with this layout")
    #expect(composer.place(measured, Composer.Fit(headline: document.headlineSize, scale: document.scale, pages: 1), balance: false).fits)
    #expect(!composer.place(measured, Composer.Fit(headline: document.headlineSize, scale: document.scale + 0.004, pages: 1), balance: false).fits)
}

@Test("copyfitting shapes each block once, whatever the number of tries")
func shapesOnce() throws {
    final class CountingShaper: TextShaper {
        var calls = 0
        func shape(_ text: StyledText, font: FontSpec, letterSpacing: Ems, direction: TextDirection) -> ShapedText {
            calls += 1
            return FakeShaper().shape(text, font: font, letterSpacing: letterSpacing, direction: direction)
        }
        func metrics(_ font: FontSpec) -> FontMetrics { FakeShaper().metrics(font) }
    }
    let shaper = CountingShaper()
    let leaflet = try Fixtures.seed()
    _ = try Composer(layout: classicLayout, shaper: shaper).compose(leaflet, info: DocumentInfo())
    #expect(shaper.calls == leaflet.blocks.count)
}

@Test("text that cannot fit even at the minimum size is an error that says how much is left over")
func overflowError() throws {
    let leaflet = try Fixtures.seed(repeatBody: 4)
    #expect {
        _ = try composer().compose(leaflet, info: DocumentInfo())
    } throws: { error in
        guard let diagnostic = error as? Diagnostic else { return false }
        return diagnostic.severity == .error && diagnostic.message.contains("minimum size")
            && diagnostic.message.contains("left over") && diagnostic.message.contains("mm") && !diagnostic.hints.isEmpty
    }
}

@Test("the headline is the largest size that fits its box in at most three lines")
func headlineFit() throws {
    let composer = composer()
    let measured = composer.measure(try Fixtures.seed())
    let size = composer.fitHeadline(measured)
    let fit = classicLayout.headlineFit
    #expect(size >= fit.minSize && size <= fit.maxSize)
    if size < fit.maxSize {
        var wider = composer.layout
        wider.headlineFit.minSize = size + Points(0.2)
        wider.headlineFit.maxSize = size + Points(0.2)
        let text = measured.first { $0.block.role == .headline }!
        let breakable = BreakableText(text.block.text.scalars, shaped: text.shaped, size: size + Points(0.2))
        let box = classicLayout.boxes(for: .headline)[0]
        let width = box.width - box.padding.left - box.padding.right
        let lines = KnuthPlassBreaker().breakLines(breakable, settings: BreakSettings(justify: false)) { _ in width }
        #expect(lines.count > fit.maxLines || lines.contains { $0.naturalWidth > width })
    }
}

/// The body's lines grouped by column, in order.
private func bodyColumns(_ page: ComposedPage) -> [[PlacedText]] {
    let body = page.lines.filter { $0.role == .body }
    let lefts = Set(body.map { Int($0.origin.x.value / 100) }).sorted()
    return lefts.map { left in body.filter { Int($0.origin.x.value / 100) == left } }
}

@Test("no column starts or ends with a lonely line of a paragraph")
func widowsAndOrphans() throws {
    for copies in [1] {
        let leaflet = try Fixtures.seed(repeatBody: copies)
        let composer = composer()
        let document = try composer.compose(leaflet, info: DocumentInfo())
        let attempt = composer.place(composer.measure(leaflet), Composer.Fit(headline: document.headlineSize, scale: document.scale, pages: 1), balance: true)
        let body = attempt.flows.first { $0.blocks.first?.block.role == .body }!
        var linesPerBlockAndFrame: [Int: [Int: Int]] = [:]
        for placement in body.placements {
            linesPerBlockAndFrame[placement.block, default: [:]][placement.frame, default: 0] += 1
        }
        for (block, frames) in linesPerBlockAndFrame where frames.count > 1 {
            for (frame, count) in frames {
                #expect(count >= 2, "paragraph \(block) has \(count) line alone in column \(frame)")
            }
        }
        #expect(linesPerBlockAndFrame.values.contains { $0.count > 1 }, "a paragraph should cross the columns")
    }
}

@Test("the two body columns end level, within a line")
func balancedColumns() throws {
    let columns = bodyColumns(try composeSeed().pages[0])
    #expect(columns.count == 2)
    let bottoms = columns.map { $0.last!.origin.y }
    let lineHeight = columns[0][1].origin.y - columns[0][0].origin.y
    #expect(abs((bottoms[0] - bottoms[1]).value) <= lineHeight.value * 1.01)
}

@Test("the lead-in stays with the first demand and demands are never split")
func leadInAndDemands() throws {
    let page = try composeSeed().pages[0]
    let demandLines = page.lines.filter { $0.role == .demand || $0.role == .leadIn }
    let xs = Set(demandLines.map { Int($0.origin.x.value / 50) })
    // One box, one column: every line starts in the same column band.
    #expect(xs.count <= 2)
    let bullets = page.elements.filter { if case .shape = $0 { true } else { false } }
    #expect(bullets.count == 5)
}
