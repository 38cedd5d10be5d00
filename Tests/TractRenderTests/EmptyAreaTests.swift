import Testing
import Tract

// The fill measure on small grey images made for the purpose.

/// A white image of `width` × `height` pixels with some rectangles painted in a grey.
private func image(_ width: Int, _ height: Int, painting rects: [(x: Int, y: Int, w: Int, h: Int, grey: UInt8)] = []) -> [UInt8] {
    var pixels = [UInt8](repeating: 255, count: width * height)
    for rect in rects {
        for y in rect.y..<(rect.y + rect.h) { for x in rect.x..<(rect.x + rect.w) { pixels[y * width + x] = rect.grey } }
    }
    return pixels
}

@Test("a blank page is wholly empty")
func blankPage() {
    let area = EmptyArea(grey: image(40, 60), width: 40, height: 60)
    #expect(area.share == 1)
    #expect(area.pageColumns == 20 && area.pageRows == 30)
}

@Test("a flat band of colour counts as empty, as it looks to a reader")
func flatBandIsEmpty() {
    let area = EmptyArea(grey: image(40, 60, painting: [(0, 0, 40, 20, 90)]), width: 40, height: 60)
    #expect(area.share == 1)
}

@Test("an edge between two greys makes its cells full; the largest rectangle is found beside it")
func edgeSplitsThePage() {
    // A dark stroke one pixel wide down the page at x = 11, inside the cells of columns 10–11.
    let area = EmptyArea(grey: image(40, 60, painting: [(11, 0, 1, 60, 0)]), width: 40, height: 60)
    #expect(area.column == 6 && area.columns == 14 && area.rows == 30)
    #expect(area.share == Double(14 * 30) / Double(20 * 30))
}

@Test("a difference of 40 or less within a cell is flat, of 41 is not")
func tolerance() {
    let soft = EmptyArea(grey: image(4, 4, painting: [(0, 0, 1, 1, 215)]), width: 4, height: 4)
    #expect(soft.share == 1)
    let hard = EmptyArea(grey: image(4, 4, painting: [(0, 0, 1, 1, 214)]), width: 4, height: 4)
    #expect(hard.share == 0.5)  // the other two cells, side by side
}

@Test("text scattered over the page leaves the largest gap between it as the measure")
func scatteredText() {
    // Ink at the top and the bottom of the page: the empty area is the band between them.
    var pixels = image(40, 60)
    for x in stride(from: 0, to: 40, by: 2) { pixels[4 * 40 + x] = 0; pixels[55 * 40 + x] = 0 }
    let area = EmptyArea(grey: pixels, width: 40, height: 60)
    #expect(area.row == 3 && area.rows == 24 && area.columns == 20)
}

@Test("a PGM file is read, header comments included; anything else is refused")
func readsPGM() throws {
    let bytes = Array("P5\n# made by hand\n3 2\n255\n".utf8) + [0, 128, 255, 1, 2, 3]
    let image = try #require(GreyImage(pgm: bytes))
    #expect(image.width == 3 && image.height == 2 && image.pixels == [0, 128, 255, 1, 2, 3])
    #expect(GreyImage(pgm: Array("P6\n3 2\n255\n".utf8) + [UInt8](repeating: 0, count: 18)) == nil)
    #expect(GreyImage(pgm: Array("P5\n3 2\n255\n".utf8) + [0, 1]) == nil)
}
