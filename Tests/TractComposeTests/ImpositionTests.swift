import Testing
@testable import TractCompose
import TractCore

/// Where copies go on a sheet: the grid for the usual cases, the backs behind their fronts.
@Suite struct ImpositionTests {
    static let a4 = Size(width: .mm(210), height: .mm(297))
    static let a5 = Size(width: .mm(148), height: .mm(210))
    static let a6 = Size(width: .mm(105), height: .mm(148))
    static let dl = Size(width: .mm(99), height: .mm(210))

    @Test func twoA5OnA4TurnTheSheetLandscape() throws {
        let grid = try #require(SheetGrid(page: Self.a5, imposition: Imposition(sheet: Self.a4, copies: 2)))
        #expect(grid.sheet == Size(width: .mm(297), height: .mm(210)))
        #expect((grid.columns, grid.rows) == (2, 1))
        // Centred: half a millimetre of paper on each side.
        #expect(abs(grid.origin.x.millimetres - 0.5) < 0.001 && grid.origin.y == .zero)
        #expect(abs((grid.slot(1).x - grid.slot(0).x).millimetres - 148) < 0.001)
    }

    @Test func fourA6OnA4AreTwoByTwo() throws {
        let grid = try #require(SheetGrid(page: Self.a6, imposition: Imposition(sheet: Self.a4, copies: 4)))
        #expect(grid.sheet == Self.a4)
        #expect((grid.columns, grid.rows) == (2, 2))
        #expect(grid.slot(3) == Point(x: grid.origin.x + .mm(105), y: grid.origin.y + .mm(148)))
    }

    @Test func twoDLOnA4SitSideBySide() throws {
        let grid = try #require(SheetGrid(page: Self.dl, imposition: Imposition(sheet: Self.a4, copies: 2)))
        #expect((grid.columns, grid.rows) == (2, 1))
        #expect(grid.sheet == Self.a4)
        #expect(abs(grid.origin.x.millimetres - 6) < 0.001)
    }

    @Test func copiesThatDoNotFitHaveNoGrid() {
        #expect(SheetGrid(page: Self.a5, imposition: Imposition(sheet: Self.a4, copies: 3)) == nil)
        #expect(SheetGrid(page: Self.a4, imposition: Imposition(sheet: Self.a5, copies: 1)) == nil)
    }

    /// Turned over its long edge, a portrait sheet swaps left and right: the back of the copy on
    /// the left prints on the right. Over its short edge, top and bottom swap instead.
    /// Points equal to a thousandth of a point: mirrored places are computed, not copied.
    func same(_ a: Point, _ b: Point) -> Bool {
        abs((a.x - b.x).value) < 0.001 && abs((a.y - b.y).value) < 0.001
    }

    @Test func backsGoBehindTheirFronts() throws {
        let grid = try #require(SheetGrid(page: Self.a6, imposition: Imposition(sheet: Self.a4, copies: 4)))
        let topLeft = grid.slot(0)
        #expect(same(grid.backSlot(0, flip: .longEdge), grid.slot(1)))
        #expect(same(grid.backSlot(1, flip: .longEdge), topLeft))
        #expect(same(grid.backSlot(0, flip: .shortEdge), grid.slot(2)))
        let landscape = try #require(SheetGrid(page: Self.a5, imposition: Imposition(sheet: Self.a4, copies: 2)))
        // A landscape sheet's long edge is its top: turned over it, left and right stay.
        #expect(same(landscape.backSlot(0, flip: .longEdge), landscape.slot(0)))
        #expect(same(landscape.backSlot(0, flip: .shortEdge), landscape.slot(1)))
    }

    @Test func cutMarksStandOnTheCutsBetweenCopies() throws {
        let page = ComposedPage(size: Self.a5, elements: [])
        var document = ComposedDocument(pages: [page], info: DocumentInfo(), bodySize: Points(9), headlineSize: Points(40), scale: 1)
        document.imposition = Imposition(sheet: Self.a4, copies: 2)
        let sheets = PrintSheets(document)
        #expect(sheets.sheets.count == 1 && sheets.sheets[0].placements.count == 2)
        let marks = sheets.marks(of: sheets.sheets[0])
        // The middle cut, at both ends of the sheet; the outer edges have no room for marks.
        let middle = sheets.grid!.origin.x + Self.a5.width
        #expect(marks.count == 2, "\(marks)")
        #expect(marks.allSatisfy { $0.from.x == middle && $0.to.x == middle })
    }

    @Test func aRectoVersoLeafletPutsEveryBackOnASecondSheet() throws {
        let front = ComposedPage(size: Self.a6, elements: [])
        let back = ComposedPage(size: Self.a6, elements: [])
        var document = ComposedDocument(pages: [front, back], info: DocumentInfo(), bodySize: Points(8), headlineSize: Points(30), scale: 1)
        document.imposition = Imposition(sheet: Self.a4, copies: 4, order: .same, flip: .longEdge)
        let sheets = PrintSheets(document)
        #expect(sheets.sheets.count == 2)
        let grid = try #require(sheets.grid)
        #expect(sheets.sheets[1].placements.map(\.origin) == (0..<4).map { grid.backSlot($0, flip: .longEdge) })
        document.imposition?.order = .consecutive
        #expect(PrintSheets(document).sheets.map(\.placements.count) == [2])
    }
}
