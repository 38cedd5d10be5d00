import TractCore

/// Where the copies of a page go on a sheet: a grid of columns and rows, centred, the copies
/// edge to edge so that one cut separates two of them.
public struct SheetGrid: Hashable, Sendable {
    /// The sheet, turned the way that holds the grid.
    public var sheet: Size
    public var page: Size
    public var columns: Int
    public var rows: Int
    /// The top-left corner of the grid on the sheet.
    public var origin: Point

    /// The grid for an imposition's copies, on its sheet as given or turned a quarter; nil when
    /// they fit neither way. Copies are never rotated: a leaflet reads the same way on the sheet.
    public init?(page: Size, imposition: Imposition) {
        let named = imposition.sheet
        for sheet in [named, Size(width: named.height, height: named.width)] {
            // Half a point of slack: A5 is exactly half of A4, give or take rounding.
            let across = Int(((sheet.width.value + 0.5) / page.width.value).rounded(.down))
            let down = Int(((sheet.height.value + 0.5) / page.height.value).rounded(.down))
            guard across * down >= imposition.copies, across > 0, down > 0 else { continue }
            let columns = min(across, imposition.copies)
            let rows = (imposition.copies + columns - 1) / columns
            self.sheet = sheet
            self.page = page
            self.columns = columns
            self.rows = rows
            origin = Point(x: (sheet.width - page.width * Double(columns)) / 2,
                           y: (sheet.height - page.height * Double(rows)) / 2)
            return
        }
        return nil
    }

    /// The top-left corner of copy `index` (row by row) on the front of the sheet.
    public func slot(_ index: Int) -> Point {
        Point(x: origin.x + page.width * Double(index % columns), y: origin.y + page.height * Double(index / columns))
    }

    /// The top-left corner of the back of copy `index`: behind its front once the sheet is
    /// turned over. Turned over its long edge, a portrait sheet swaps left and right, a
    /// landscape one top and bottom; over its short edge, the other way round.
    public func backSlot(_ index: Int, flip: Imposition.Flip) -> Point {
        let front = slot(index)
        let portrait = sheet.height >= sheet.width
        let swapsLeftAndRight = (flip == .longEdge) == portrait
        return swapsLeftAndRight
            ? Point(x: sheet.width - front.x - page.width, y: front.y)
            : Point(x: front.x, y: sheet.height - front.y - page.height)
    }

    /// The lines a guillotine cuts along: every edge of the grid, across the whole sheet.
    public var cuts: (vertical: [Points], horizontal: [Points]) {
        ((0...columns).map { origin.x + page.width * Double($0) }, (0...rows).map { origin.y + page.height * Double($0) })
    }
}
