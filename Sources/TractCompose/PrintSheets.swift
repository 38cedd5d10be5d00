import TractCore

/// The sheets a document prints on: one per page with the paper for bleed and marks around it,
/// or, when the layout imposes copies, larger sheets holding several pages.
public struct PrintSheets: Sendable {
    /// A page drawn at a place on a sheet: `origin` is the page's top-left corner.
    public struct Placement: Sendable {
        public var page: ComposedPage
        public var origin: Point
    }

    public struct Sheet: Sendable {
        public var index: Int
        public var placements: [Placement]
    }

    /// A line of a crop or cut mark.
    public struct Mark: Hashable, Sendable {
        public var from: Point
        public var to: Point
    }

    /// The size of every sheet.
    public var media: Size
    public var sheets: [Sheet]
    /// How far past each page's edge its backgrounds run (none for imposed copies).
    public var bleed: Points
    public var cropMarks: Bool
    public var slug: Bool
    /// The grid of copies, when the layout imposes them.
    public var grid: SheetGrid?
    public var imposed: Bool { grid != nil }
    /// Whether the sheets carry more than the page: bleed, marks or a slug, or imposed copies;
    /// only then do they need their TrimBox and BleedBox set.
    public var needsFinishing: Bool { imposed || bleed > .zero || cropMarks || slug }

    /// Paper a crop mark keeps away from the bleed, and the length of a mark.
    static let markOffset = Points.mm(1)
    static let markLength = Points.mm(5)

    public init(_ document: ComposedDocument) {
        let pages = document.pages
        cropMarks = document.print.cropMarks
        slug = document.print.slug
        if let imposition = document.imposition, let first = pages.first,
           let grid = SheetGrid(page: first.size, imposition: imposition) {
            self.grid = grid
            media = grid.sheet
            bleed = .zero
            switch imposition.order {
            case .same:
                // A sheet per page, every copy the same page; a back goes behind its front.
                sheets = pages.enumerated().map { index, page in
                    Sheet(index: index, placements: (0..<imposition.copies).map { copy in
                        Placement(page: page, origin: index % 2 == 1 ? grid.backSlot(copy, flip: imposition.flip) : grid.slot(copy))
                    })
                }
            case .consecutive:
                sheets = stride(from: 0, to: pages.count, by: imposition.copies).enumerated().map { index, start in
                    Sheet(index: index, placements: (start..<min(start + imposition.copies, pages.count)).map { page in
                        Placement(page: pages[page], origin: grid.slot(page - start))
                    })
                }
            }
        } else {
            grid = nil
            bleed = document.print.bleed
            let margin = document.print.margin
            let size = pages.first?.size ?? Size(width: .zero, height: .zero)
            media = Size(width: size.width + margin * 2, height: size.height + margin * 2)
            sheets = pages.enumerated().map { index, page in
                Sheet(index: index, placements: [Placement(page: page, origin: Point(x: margin, y: margin))])
            }
        }
    }

    /// The trimmed page and the bleed around it, for the PDF's TrimBox and BleedBox, measured
    /// from the sheet's top-left corner. For imposed copies, the trim is the whole grid.
    public func boxes(of sheet: Sheet) -> (trim: Rect, bleed: Rect) {
        if let grid {
            let trim = Rect(x: grid.origin.x, y: grid.origin.y, width: grid.page.width * Double(grid.columns),
                            height: grid.page.height * Double(grid.rows))
            return (trim, trim)
        }
        let page = sheet.placements[0]
        let trim = Rect(x: page.origin.x, y: page.origin.y, width: page.page.size.width, height: page.page.size.height)
        return (trim, trim.inset(by: Insets(all: bleed * -1)))
    }

    /// The marks of a sheet: crop marks at a page's corners, outside its bleed; or, for imposed
    /// copies, a mark at both ends of every cut line, in the paper around the grid, or on the
    /// line itself at the sheet's edge when the copies reach it.
    public func marks(of sheet: Sheet) -> [Mark] {
        if let grid { return cutMarks(grid) }
        guard cropMarks, !sheet.placements.isEmpty else { return [] }
        let trim = boxes(of: sheet).trim
        let near = bleed + Self.markOffset
        let far = near + Self.markLength
        var marks: [Mark] = []
        for x in [trim.x, trim.x + trim.width] {
            marks.append(Mark(from: Point(x: x, y: trim.y - near), to: Point(x: x, y: trim.y - far)))
            marks.append(Mark(from: Point(x: x, y: trim.y + trim.height + near), to: Point(x: x, y: trim.y + trim.height + far)))
        }
        for y in [trim.y, trim.y + trim.height] {
            marks.append(Mark(from: Point(x: trim.x - near, y: y), to: Point(x: trim.x - far, y: y)))
            marks.append(Mark(from: Point(x: trim.x + trim.width + near, y: y), to: Point(x: trim.x + trim.width + far, y: y)))
        }
        return marks
    }

    private func cutMarks(_ grid: SheetGrid) -> [Mark] {
        var marks: [Mark] = []
        let cuts = grid.cuts
        let gridBottom = cuts.horizontal.last!
        let gridRight = cuts.vertical.last!
        let room = Points.mm(3)
        for (index, x) in cuts.vertical.enumerated() {
            let interior = index > 0 && index < cuts.vertical.count - 1
            if grid.origin.y >= room {
                marks.append(Mark(from: Point(x: x, y: .zero), to: Point(x: x, y: grid.origin.y - Self.markOffset)))
                marks.append(Mark(from: Point(x: x, y: gridBottom + Self.markOffset), to: Point(x: x, y: media.height)))
            } else if interior {
                marks.append(Mark(from: Point(x: x, y: .zero), to: Point(x: x, y: Self.markLength)))
                marks.append(Mark(from: Point(x: x, y: media.height - Self.markLength), to: Point(x: x, y: media.height)))
            }
        }
        for (index, y) in cuts.horizontal.enumerated() {
            let interior = index > 0 && index < cuts.horizontal.count - 1
            if grid.origin.x >= room {
                marks.append(Mark(from: Point(x: .zero, y: y), to: Point(x: grid.origin.x - Self.markOffset, y: y)))
                marks.append(Mark(from: Point(x: gridRight + Self.markOffset, y: y), to: Point(x: media.width, y: y)))
            } else if interior {
                marks.append(Mark(from: Point(x: .zero, y: y), to: Point(x: Self.markLength, y: y)))
                marks.append(Mark(from: Point(x: media.width - Self.markLength, y: y), to: Point(x: media.width, y: y)))
            }
        }
        return marks
    }
}

extension ComposedPage {
    /// The page with every box that touches its edge run `bleed` past it, so that its background
    /// reaches the paper a print shop trims off.
    public func bleeding(_ bleed: Points) -> ComposedPage {
        guard bleed > .zero else { return self }
        var page = self
        let slack = Points(0.01)
        page.elements = elements.map { element in
            guard case .box(var box) = element, box.background != nil else { return element }
            var frame = box.frame
            if frame.x <= slack { frame.x = frame.x - bleed; frame.width = frame.width + bleed }
            if frame.y <= slack { frame.y = frame.y - bleed; frame.height = frame.height + bleed }
            if frame.x + frame.width >= size.width - slack { frame.width = frame.width + bleed }
            if frame.y + frame.height >= size.height - slack { frame.height = frame.height + bleed }
            box.frame = frame
            return .box(box)
        }
        return page
    }
}
