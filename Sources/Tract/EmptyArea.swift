/// How empty a printed page looks: the largest rectangle of the page where a reader sees
/// nothing but paper or a flat colour.
///
/// The page is read as grey pixels (40 dpi is the agreed resolution) and cut into cells of
/// 2 × 2 pixels. A cell is empty when its lightest and darkest pixels differ by at most
/// `tolerance` (of 255): a flat band or tint counts as empty, as it looks to a reader. The
/// result is the largest axis-aligned rectangle of empty cells, as a share of all the cells.
public struct EmptyArea: Sendable, Equatable {
    /// The largest empty rectangle, in cells: where it starts and how large it is.
    public var column: Int
    public var row: Int
    public var columns: Int
    public var rows: Int
    /// The page's size in cells.
    public var pageColumns: Int
    public var pageRows: Int

    /// The rectangle's share of the page, from 0 to 1.
    public var share: Double {
        pageColumns * pageRows == 0 ? 0 : Double(columns * rows) / Double(pageColumns * pageRows)
    }

    /// Measures a grey image of `width` × `height` pixels, one byte a pixel, row after row.
    /// A last odd column or row of pixels, which makes no whole cell, is left out.
    public init(grey pixels: [UInt8], width: Int, height: Int, cell: Int = 2, tolerance: UInt8 = 40) {
        precondition(pixels.count >= width * height, "EmptyArea: fewer pixels than width × height")
        let cellColumns = width / cell
        let cellRows = height / cell
        pageColumns = cellColumns
        pageRows = cellRows
        (column, row, columns, rows) = (0, 0, 0, 0)
        // For each row of cells, the height of the run of empty cells ending there in each
        // column; the largest rectangle under that histogram is found with a stack.
        var runs = [Int](repeating: 0, count: cellColumns)
        var best = 0
        for cellRow in 0..<cellRows {
            for cellColumn in 0..<cellColumns {
                var lightest: UInt8 = 0
                var darkest: UInt8 = 255
                for y in (cellRow * cell)..<(cellRow * cell + cell) {
                    for x in (cellColumn * cell)..<(cellColumn * cell + cell) {
                        let value = pixels[y * width + x]
                        lightest = max(lightest, value)
                        darkest = min(darkest, value)
                    }
                }
                runs[cellColumn] = lightest - darkest <= tolerance ? runs[cellColumn] + 1 : 0
            }
            var stack: [Int] = []
            for index in 0...cellColumns {
                let height = index < cellColumns ? runs[index] : 0
                while let top = stack.last, runs[top] >= height {
                    stack.removeLast()
                    let left = stack.last.map { $0 + 1 } ?? 0
                    let area = runs[top] * (index - left)
                    if area > best {
                        best = area
                        (column, columns, rows) = (left, index - left, runs[top])
                        row = cellRow - runs[top] + 1
                    }
                }
                stack.append(index)
            }
        }
    }
}

/// A grey image read from a binary PGM file (`P5`, 8 bits), as `pdftoppm -gray` writes it.
public struct GreyImage: Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]

    /// Reads the bytes of a PGM file; nil when they are not an 8-bit binary PGM.
    public init?(pgm bytes: [UInt8]) {
        var index = 0
        func token() -> Int? {
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "#") {
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                } else if bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index]) {
                    index += 1
                } else {
                    break
                }
            }
            var value = 0
            var digits = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), digits < 9 {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else { return nil }
        index = 2
        guard let width = token(), let height = token(), let maximum = token(), maximum == 255 else { return nil }
        // One whitespace byte separates the header from the pixels.
        index += 1
        guard width > 0, height > 0, bytes.count - index >= width * height else { return nil }
        self.width = width
        self.height = height
        pixels = Array(bytes[index..<(index + width * height)])
    }
}
