import Testing
@testable import TractCompose
import TractCore
import TractLayouts
import TestSupport

// Flows across linked boxes and pages, with a font-free shaper and small layouts written for
// each test.

/// A layout from YAML text; every role not named in `boxes` goes to a small box at the foot.
private func layout(_ boxes: String, page: String = "A5", maxPages: Int = 1, following: String? = nil,
                    extra: String = "") throws -> Layout {
    var yaml = """
    version: 1
    page: {size: \(page), margins: 10mm, max-pages: \(maxPages)}
    styles:
      body: {size: 10pt, leading: 1.2, align: justify}
      headline: {size: 20pt}
    fitting:
      headline: {min: 20pt, max: 20pt}
      body: {min: 10pt, max: 10pt}
    pages:
      first:
    \(boxes)
    """
    if let following { yaml += "\n  following:\n" + following }
    yaml += "\n" + extra
    let folder = try TemporaryFolder()
    return try LayoutLibrary.load(folder.write(yaml, to: "test.yaml"))
}

/// Blocks of one role, each a paragraph of `words` words.
private func paragraphs(_ count: Int, words: Int, role: Role = .body) -> [Block] {
    (0..<count).map { index in
        let text = (0..<words).map { "mot\(index)x\($0)" }.joined(separator: " ")
        return Block(role, StyledText(text), at: SourceLocation(file: "test", line: index + 1))
    }
}

private func headline() -> Block {
    Block(.headline, StyledText("Titre"), at: SourceLocation(file: "test", line: 1))
}

private func compose(_ layout: Layout, _ blocks: [Block]) throws -> ComposedDocument {
    try Composer(layout: layout, shaper: FakeShaper()).compose(Leaflet(language: "fr", blocks: blocks), info: DocumentInfo())
}

/// The words of the lines of some roles, hyphenated halves joined.
private func placedWords(_ document: ComposedDocument, roles: Set<Role> = [.body]) -> [String] {
    var text = ""
    for page in document.pages {
        for line in page.lines where roles.contains(line.role) {
            let string = line.text.string
            text += string.hasSuffix("\u{2010}") ? String(string.dropLast()) : string + " "
        }
    }
    return text.split(separator: " ").map(String.init)
}

private let rest = """
      rest: {bottom: 10mm, height: 25mm, flows: [kicker, headline, sub-headline, lead-in, demand, call-to-action, signature, date, contact, imprint]}
"""

@Test("text that does not fit the first box continues in the next box that lists the same roles")
func linkedBoxes() throws {
    let layout = try layout("""
          left: {left: 10mm, width: 60mm, top: 10mm, height: 80mm, flows: [body]}
          right: {right: 10mm, width: 50mm, top: 10mm, height: 80mm, flows: [body]}
    \(rest)
    """)
    let blocks = [headline()] + paragraphs(4, words: 25)
    let document = try compose(layout, blocks)
    let body = document.pages[0].lines.filter { $0.role == .body }
    let inLeft = body.filter { $0.origin.x < Points.mm(80) }
    let inRight = body.filter { $0.origin.x >= Points.mm(80) }
    #expect(!inLeft.isEmpty && !inRight.isEmpty)
    // Each box sets its lines at its own width.
    #expect(inLeft.filter(\.justified).allSatisfy { abs(($0.width - Points.mm(60)).value) < 0.01 })
    #expect(inRight.filter(\.justified).allSatisfy { abs(($0.width - Points.mm(50)).value) < 0.01 })
    // The left box is filled before the right one starts, and nothing is lost.
    #expect(body.firstIndex { $0.origin.x >= Points.mm(80) }! == inLeft.count)
    #expect(placedWords(document) == blocks.dropFirst().flatMap { $0.text.string.split(separator: " ").map(String.init) })
}

@Test("with two pages allowed, text continues on the second page, and a short text keeps to one")
func secondPage() throws {
    let boxes = """
          main: {top: 10mm, bottom: 40mm, flows: [body]}
    \(rest)
    """
    let layout = try layout(boxes, maxPages: 2)
    let long = try compose(layout, [headline()] + paragraphs(12, words: 40))
    #expect(long.pages.count == 2)
    #expect(!long.pages[1].lines.filter { $0.role == .body }.isEmpty)
    #expect(placedWords(long).count == 12 * 40)
    let short = try compose(layout, [headline()] + paragraphs(2, words: 20))
    #expect(short.pages.count == 1)
}

@Test("text too long for every page allowed is an error that says how much is left over")
func tooLongForTwoPages() throws {
    let layout = try layout("""
          main: {top: 10mm, bottom: 40mm, flows: [body]}
    \(rest)
    """, maxPages: 2)
    #expect(throws: Diagnostic.self) { try compose(layout, [headline()] + paragraphs(40, words: 60)) }
}

@Test("a recto-verso layout sends the demands to the back page")
func rectoVerso() throws {
    let layout = try layout("""
          front: {top: 10mm, flows: [kicker, headline, sub-headline, body]}
    """, maxPages: 2, following: """
        back: {top: 10mm, flows: [lead-in, demand, call-to-action, signature, date, contact, imprint]}
    """)
    var blocks = [headline()] + paragraphs(2, words: 20)
    blocks.append(Block(.leadIn, StyledText("Nous exigeons :"), at: SourceLocation(file: "test")))
    blocks += paragraphs(3, words: 8, role: .demand)
    let document = try compose(layout, blocks)
    #expect(document.pages.count == 2)
    #expect(document.pages[0].lines.allSatisfy { [.headline, .body].contains($0.role) })
    #expect(document.pages[1].lines.contains { $0.role == .leadIn })
    #expect(document.pages[1].lines.filter { $0.role == .demand }.count >= 3)
}

@Test("the lead-in moves to the next column rather than end a column without its first demand")
func leadInKeptWithDemand() throws {
    let layout = try layout("""
          main: {top: 10mm, height: 60mm, columns: 2, gutter: 5mm, flows: [body, lead-in, demand]}
          rest: {bottom: 10mm, height: 25mm, flows: [kicker, headline, sub-headline, call-to-action, signature, date, contact, imprint]}
    """, extra: "keeps: {balance-columns: false}")
    let style = layout.style(.body)
    let lineHeight = style.size * style.leading
    // Enough body lines to leave exactly room for one more line at the foot of the first column.
    let columnWidth = (Points.mm(128) - Points.mm(5)) / 2
    let wordsPerLine = Int(columnWidth.value / (style.size.value * 0.5 * 9.5))
    let lines = Int(((Points.mm(60) - style.size * 0.95) / lineHeight).rounded(.down))
    var blocks = [headline()] + paragraphs(1, words: wordsPerLine * (lines - 1))
    blocks.append(Block(.leadIn, StyledText("Nous exigeons :"), at: SourceLocation(file: "test")))
    blocks += paragraphs(2, words: 12, role: .demand)
    let document = try compose(layout, blocks)
    let page = document.pages[0]
    let leadIn = page.lines.first { $0.role == .leadIn }!
    let demand = page.lines.first { $0.role == .demand }!
    #expect(abs((leadIn.origin.x - demand.origin.x).value) < Points.mm(10).value, "lead-in and first demand share a column")
    #expect(leadIn.origin.y < demand.origin.y)
}

@Test("no column of linked boxes starts or ends with a lonely line of a paragraph", arguments: [18, 19, 20, 21, 22, 23])
func widowsAcrossBoxes(words: Int) throws {
    let layout = try layout("""
          left: {left: 10mm, width: 60mm, top: 10mm, height: 40mm, flows: [body]}
          right: {right: 10mm, width: 55mm, top: 10mm, height: 160mm, flows: [body]}
    \(rest)
    """, extra: "keeps: {balance-columns: false}")
    let document = try compose(layout, [headline()] + paragraphs(7, words: words))
    let body = document.pages[0].lines.filter { $0.role == .body }
    let left = body.filter { $0.origin.x < Points.mm(80) }
    // The paragraph at the break: lines at the end of the left box and at the top of the right.
    let lastLeft = left.last!.text.string
    let paragraphAtBreak = lastLeft.split(separator: " ").first!.split(separator: "x").first!
    let before = left.filter { $0.text.string.contains(paragraphAtBreak + "x") }.count
    let after = body.dropFirst(left.count).filter { $0.text.string.contains(paragraphAtBreak + "x") }.count
    if after > 0 {
        #expect(before >= 2 && after >= 2, "paragraph \(paragraphAtBreak): \(before) line(s) before the break, \(after) after")
    }
}

@Test("a short text in two columns is balanced: the columns end within a line of each other")
func balanced() throws {
    let layout = try layout("""
          main: {top: 10mm, height: 150mm, columns: 2, gutter: 5mm, flows: [body]}
    \(rest)
    """)
    let document = try compose(layout, [headline()] + paragraphs(3, words: 40))
    let body = document.pages[0].lines.filter { $0.role == .body }
    let middle = Points.mm(74)
    let first = body.filter { $0.origin.x < middle }
    let second = body.filter { $0.origin.x >= middle }
    #expect(!second.isEmpty)
    #expect(abs(first.count - second.count) <= 1)
}
