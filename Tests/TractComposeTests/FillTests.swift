import Testing
@testable import TractCompose
import TractCore
import TractLayouts
import TestSupport

// Filling the page with a short text, choosing columns by length, recto-verso that uses its
// back only when needed, and words wider than their line; with the font-free shaper.

/// A5 with a band for the headline, a body box in two columns and a closing box at the foot.
private func layout(fitting: String = "", body: String = "columns: 2, gutter: 5mm", maxPages: Int = 1,
                    following: String? = nil) throws -> Layout {
    var yaml = """
    version: 1
    page: {size: A5, margins: 10mm, max-pages: \(maxPages)}
    styles:
      headline: {size: 20pt, leading: 1}
      body: {size: 10pt, leading: 1.2, align: justify}
    fitting:
    \(fitting.isEmpty ? "  headline: {min: 14pt, max: 20pt}\n  body: {min: 8pt, max: 10pt}" : fitting)
    pages:
      first:
        band: {top: 10mm, height: auto, flows: [kicker, headline, sub-headline]}
        body: {top: {below: band, gap: 5mm}, bottom: {above: rest, gap: 5mm}, \(body), flows: [body]}
        rest: {bottom: 10mm, height: auto, flows: [lead-in, demand, call-to-action, signature, date, contact, imprint]}
    """
    if let following { yaml += "\n  following:\n" + following }
    let folder = try TemporaryFolder()
    return try LayoutLibrary.load(folder.write(yaml + "\n", to: "test.yaml"))
}

private let growing = """
  headline: {min: 14pt, max: 20pt, grow-to: 60pt, grow-lines: 3}
  body: {min: 8pt, max: 10pt, grow-to: 20pt}
  fill: {max-spacing: 2}
"""

private func leaflet(words: Int, paragraphs: Int = 2, demands: Int = 0) -> Leaflet {
    var blocks = [Block(.headline, StyledText("Grève le douze"), at: SourceLocation(file: "test", line: 1))]
    for paragraph in 0..<paragraphs {
        let text = (0..<(words / paragraphs)).map { "mot\(paragraph)x\($0)" }.joined(separator: " ")
        blocks.append(Block(.body, StyledText(text), at: SourceLocation(file: "test", line: paragraph + 2)))
    }
    for demand in 0..<demands {
        blocks.append(Block(.demand, StyledText("Une demande numéro \(demand)"), at: SourceLocation(file: "test", line: 20 + demand)))
    }
    return Leaflet(language: "fr", blocks: blocks)
}

private func compose(_ layout: Layout, _ leaflet: Leaflet, shaper: any TextShaper = FakeShaper()) throws -> ComposedDocument {
    try Composer(layout: layout, shaper: shaper).compose(leaflet, info: DocumentInfo())
}

/// Every line no wider than the room it was set in, on every page.
private func expectNoOverfullLine(_ document: ComposedDocument, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for page in document.pages {
        for line in page.lines where !line.justified {
            #expect(line.naturalWidth <= line.width + Points(0.01), "\(line.text) is \(line.naturalWidth) in \(line.width)",
                    sourceLocation: sourceLocation)
        }
    }
}

@Test("a short text grows the headline and the body past their maxima, within their ceilings")
func shortTextGrows() throws {
    let document = try compose(layout(fitting: growing), leaflet(words: 40))
    #expect(document.headlineSize > Points(20) && document.headlineSize <= Points(60))
    #expect(document.bodySize > Points(10) && document.bodySize <= Points(20))
    expectNoOverfullLine(document)
}

@Test("without ceilings a short text keeps the largest sizes, as before")
func noCeilingsNoGrowth() throws {
    let document = try compose(layout(), leaflet(words: 40))
    #expect(document.headlineSize == Points(20))
    #expect(document.bodySize == Points(10))
}

@Test("the fill order decides what grows: the body alone leaves the headline at its maximum")
func fillOrder() throws {
    let document = try compose(layout(fitting: growing.replacingOccurrences(of: "{max-spacing: 2}", with: "{order: [body]}")),
                               leaflet(words: 40))
    #expect(document.headlineSize == Points(20))
    #expect(document.bodySize > Points(10))
}

@Test("a long text is not grown: it is copyfitted below the maximum as before")
func longTextNotGrown() throws {
    let document = try compose(layout(fitting: growing), leaflet(words: 420, paragraphs: 6))
    #expect(document.bodySize < Points(10))
    #expect(document.headlineSize <= Points(20))
}

@Test("growing keeps the text inside the page: the body box's last line ends above the closing box")
func grownTextFits() throws {
    let document = try compose(layout(fitting: growing), leaflet(words: 60, demands: 3))
    let body = document.pages[0].lines.filter { $0.role == .body }
    let demands = document.pages[0].lines.filter { $0.role == .demand }
    #expect(!demands.isEmpty)
    #expect(body.map(\.origin.y).max()! < demands.map(\.origin.y).min()!)
}

@Test("a box with min-column-lines sets a short text in one column and a long one in two")
func columnsByLength() throws {
    let layout = try layout(body: "columns: 2, gutter: 5mm, min-column-lines: 6")
    let short = try compose(layout, leaflet(words: 30))
    #expect(Set(short.pages[0].lines.filter { $0.role == .body }.map { $0.origin.x.value.rounded() }).count <= 2)
    let shortStarts = short.pages[0].lines.filter { $0.role == .body && !$0.justified }.map(\.origin.x)
    #expect(shortStarts.allSatisfy { $0 < Points.mm(40) })
    let long = try compose(layout, leaflet(words: 300))
    #expect(long.pages[0].lines.filter { $0.role == .body }.contains { $0.origin.x > Points.mm(70) })
}

@Test("a recto-verso layout gives one page when the front holds everything, two with the demands on the back otherwise")
func rectoVersoOnlyWhenNeeded() throws {
    let back = """
        body: {top: 10mm, bottom: {above: rest, gap: 5mm}, columns: 2, gutter: 5mm, flows: [body]}
        rest: {bottom: 10mm, height: auto, flows: [lead-in, demand, call-to-action, signature, date, contact, imprint]}
    """
    let layout = try layout(fitting: "  headline: {min: 14pt, max: 20pt}\n  body: {min: 10pt, max: 10pt}", maxPages: 2, following: back)
    let short = try compose(layout, leaflet(words: 100, demands: 2))
    #expect(short.pages.count == 1)
    let long = try compose(layout, leaflet(words: 520, paragraphs: 6, demands: 2))
    #expect(long.pages.count == 2)
    #expect(long.pages[0].lines.allSatisfy { $0.role != .demand })
    #expect(long.pages[1].lines.contains { $0.role == .demand })
}

@Test("a word wider than its column is broken between letters, with a warning naming it, and nothing overflows")
func overlongWord() throws {
    let word = String(repeating: "x", count: 60)
    var leaflet = leaflet(words: 20)
    leaflet.blocks.append(Block(.body, StyledText("voir \(word) ici"), at: SourceLocation(file: "test", line: 9)))
    let document = try compose(layout(body: "columns: 3, gutter: 5mm"), leaflet)
    for line in document.pages[0].lines where line.role == .body {
        #expect(line.naturalWidth <= line.width + Points(0.01))
    }
    #expect(document.warnings.contains { $0.message.contains(word) && $0.location?.line == 9 })
}

/// A shaper that counts how many texts it shapes.
final class CountingShaper: TextShaper, @unchecked Sendable {
    var shaped = 0
    func shape(_ text: StyledText, font: FontSpec, letterSpacing: Ems, direction: TextDirection) -> ShapedText {
        shaped += 1
        return FakeShaper().shape(text, font: font, letterSpacing: letterSpacing, direction: direction)
    }
    func metrics(_ font: FontSpec) -> FontMetrics { FakeShaper().metrics(font) }
}

@Test("filling the page shapes each block once, however many sizes it tries")
func shapedOnce() throws {
    let shaper = CountingShaper()
    let text = leaflet(words: 40, demands: 2)
    let document = try compose(layout(fitting: growing), text, shaper: shaper)
    #expect(document.bodySize > Points(10))
    #expect(shaper.shaped == text.blocks.count)
}

@Test("growing never sets a sidebar so large that a word it held whole must be broken")
func growingKeepsWordsWhole() throws {
    let layout = try sidebarLayout(fitting: """
      headline: {min: 14pt, max: 20pt}
      body: {min: 8pt, max: 10pt, grow-to: 24pt, roles: [body, demand]}
      fill: {order: [body, flows]}
    """)
    // 20 letters: 100 pt at 10 pt, within the sidebar's 108 pt; grown, it would not be.
    var text = leaflet(words: 20)
    text.blocks.append(Block(.demand, StyledText("Mieterhöhungsverbote"), at: SourceLocation(file: "test", line: 30)))
    let document = try compose(layout, text)
    #expect(document.bodySize > Points(10))
    let demands = document.pages[0].lines.filter { $0.role == .demand }
    #expect(demands.map(\.text.string) == ["Mieterhöhungsverbote"])
}

@Test("justified text in a measure under 14 ems is set ragged: its few words a line would open into holes")
func narrowMeasureIsRagged() throws {
    // 40 mm is about 113 pt: 11 ems of 10 pt text.
    let narrow = try compose(layout(body: "left: 10mm, width: 40mm"), leaflet(words: 60))
    #expect(narrow.pages[0].lines.filter { $0.role == .body }.allSatisfy { !$0.justified })
    // The full width of A5 holds 36 ems: justified.
    let wide = try compose(layout(body: "columns: 1"), leaflet(words: 60))
    #expect(wide.pages[0].lines.filter { $0.role == .body }.contains { $0.justified })
}

@Test("a box that chooses its columns keeps them at least 16 ems wide")
func columnsNotTooNarrow() throws {
    // Two columns of A5 are about 173 pt: 17 ems at 10 pt, 14 at 12 pt.
    let fitting = "  headline: {min: 14pt, max: 20pt}\n  body: {min: 12pt, max: 12pt}"
    let large = try compose(layout(fitting: fitting, body: "columns: 2, gutter: 5mm, min-column-lines: 1"), leaflet(words: 200))
    #expect(Set(large.pages[0].lines.filter { $0.role == .body && $0.justified }.map { $0.origin.x.value.rounded() }).count == 1)
    let small = try compose(layout(body: "columns: 2, gutter: 5mm, min-column-lines: 1"), leaflet(words: 200))
    #expect(Set(small.pages[0].lines.filter { $0.role == .body && $0.justified }.map { $0.origin.x.value.rounded() }).count == 2)
}

/// A5 with the body in a column at the left and a sidebar for the demands at the right; with
/// `variant`, the layout's `variants` section.
private func sidebarLayout(fitting: String, variant: String = "") throws -> Layout {
    let yaml = """
    version: 1
    page: {size: A5, margins: 10mm}
    styles:
      headline: {size: 20pt, leading: 1}
      body: {size: 10pt, leading: 1.2, align: left}
      demand: {size: 10pt, hyphenate: false}
    fitting:
    \(fitting)
    pages:
      first:
        band: {top: 10mm, height: auto, flows: [kicker, headline, sub-headline]}
        body: {top: {below: band, gap: 5mm}, bottom: 10mm, left: 10mm, width: 80mm, flows: [body]}
        side: {top: {below: band, gap: 5mm}, bottom: 40mm, right: 10mm, width: 38mm, flows: [lead-in, demand, call-to-action]}
        rest: {bottom: 10mm, right: 10mm, width: 38mm, height: auto, flows: [signature, date, contact, imprint]}
    \(variant)
    """
    let folder = try TemporaryFolder()
    return try LayoutLibrary.load(folder.write(yaml + "\n", to: "side.yaml"))
}

@Test("a layout's variant for texts without demands is used for them only: the body then takes the sidebar's width")
func variantWithoutDemands() throws {
    let variant = """
    variants:
      - without: [lead-in, demand, call-to-action]
        pages:
          first:
            body: {width: null, right: 10mm}
            side: null
    """
    let layout = try sidebarLayout(fitting: "  headline: {min: 14pt, max: 20pt}\n  body: {min: 8pt, max: 10pt}", variant: variant)
    #expect(layout.variants.count == 1)
    let hasSide = { (layout: Layout) in layout.pages[0].boxes.contains { $0.name == "side" } }
    #expect(!hasSide(layout.suited(to: leaflet(words: 80))))
    #expect(hasSide(layout.suited(to: leaflet(words: 80, demands: 1))))
    let widest = { (document: ComposedDocument) in document.pages[0].lines.filter { $0.role == .body }.map(\.width).max()! }
    let plain = try compose(layout.suited(to: leaflet(words: 80)), leaflet(words: 80))
    let withDemands = try compose(layout, leaflet(words: 80, demands: 2))
    // The 128 mm inside the margins, against the body's own 80 mm.
    #expect(widest(plain) > Points.mm(100))
    #expect(widest(withDemands) <= Points.mm(80))
}

@Test("a body held back by a full sidebar grows alone past its largest size, to fill its own column")
func heldBackBodyGrowsAlone() throws {
    let layout = try sidebarLayout(fitting: "  headline: {min: 14pt, max: 20pt}\n  body: {min: 6pt, max: 10pt, grow-to: 24pt, roles: [body, demand]}\n  fill: {order: [body, headline, flows]}")
    // Demands of three lines each fill the sidebar below the largest size: the common scale
    // stays under 1.
    var text = leaflet(words: 30)
    for demand in 0..<12 {
        let words = (0..<10).map { "d\(demand)m\($0)" }.joined(separator: " ")
        text.blocks.append(Block(.demand, StyledText(words), at: SourceLocation(file: "test", line: 20 + demand)))
    }
    let document = try compose(layout, text)
    let demand = document.pages[0].lines.first { $0.role == .demand }!
    #expect(demand.size < Points(10))
    #expect(document.bodySize > Points(10))
    expectNoOverfullLine(document)
}

@Test("a headline that the page's height stops short of its box's width takes fewer, wider lines when that costs little")
func headlineWidened() throws {
    let yaml = """
    version: 1
    page: {size: A5, margins: 10mm}
    styles:
      headline: {size: 20pt, leading: 1}
      body: {size: 10pt, leading: 1.2}
    fitting:
      headline: {min: 14pt, max: 20pt, grow-to: 200pt, grow-lines: 3}
      body: {min: 8pt, max: 10pt}
      fill: {order: [headline]}
    pages:
      first:
        band: {top: 10mm, height: 95mm, flows: [kicker, headline, sub-headline]}
        rest: {top: {below: band, gap: 5mm}, flows: [body, lead-in, demand, call-to-action, signature, date, contact, imprint]}
    """
    let folder = try TemporaryFolder()
    let layout = try LayoutLibrary.load(folder.write(yaml + "\n", to: "band.yaml"))
    var text = leaflet(words: 20)
    // Three words of two ems: in three lines the band's height allows about 85 pt; in two,
    // its width allows 85 pt (363 pt for 4.25 ems).
    text.blocks[0] = Block(.headline, StyledText("Aaaa Bbbb Cccc"), at: SourceLocation(file: "test", line: 1))
    let document = try compose(layout, text)
    let lines = document.pages[0].lines.filter { $0.role == .headline }
    #expect(lines.count == 2, "\(lines.map(\.text.string))")
    #expect(document.headlineSize > Points(75))
    expectNoOverfullLine(document)
}

@Test("a variant for short texts is used up to its word count, every role counted, and not past it")
func variantForShortTexts() throws {
    let variant = """
    variants:
      - max-words: 60
        pages:
          first:
            side: {width: 30mm}
    """
    let layout = try sidebarLayout(fitting: "  headline: {min: 14pt, max: 20pt}\n  body: {min: 8pt, max: 10pt}", variant: variant)
    let side = { (layout: Layout) in layout.pages[0].boxes.first { $0.name == "side" }!.width }
    // The headline's three words count: 56 + 3 is within 60, 58 + 3 is not.
    #expect(side(layout.suited(to: leaflet(words: 56))) == Points.mm(30))
    #expect(side(layout.suited(to: leaflet(words: 58))) == Points.mm(38))
}
