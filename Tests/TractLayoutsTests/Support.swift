import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// Every role, as the `flows` of a box that receives them all.
let allRoles = "[kicker, headline, sub-headline, body, lead-in, demand, call-to-action, signature, date, contact, imprint]"

/// The smallest valid layout: an A4 page with one box that receives every role.
let minimalLayout = """
    version: 1
    page: {size: A4}
    pages: {first: {main: {flows: \(allRoles)}}}

    """

/// A layout with `page` as its page section and `boxes` (`name: {…}`, one per line) on its first page.
func layout(page: String = "{size: A4}", boxes: String..., more: String = "") -> String {
    "version: 1\npage: \(page)\npages:\n  first:\n" + boxes.map { "    \($0)\n" }.joined() + more
}

/// A layout file written to a fresh temporary folder, with where its text lies.
struct LayoutFile {
    let folder: TemporaryFolder
    let text: String
    let path: String

    init(_ text: String, name: String = "layout.yaml", in folder: TemporaryFolder? = nil) throws {
        self.folder = try folder ?? TemporaryFolder()
        self.text = text
        path = try self.folder.write(text, to: name)
    }

    /// The layout the file describes.
    func load(settings: [String] = [], families: Set<String>? = nil) throws(Diagnostic) -> Layout {
        try LayoutLibrary.load(path, settings: settings, families: families)
    }

    /// Where the `occurrence`th `needle` starts in the file, line and column counted from 1.
    func location(of needle: String, occurrence: Int = 1, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> TractCore.SourceLocation {
        var start = text.startIndex
        for _ in 1..<occurrence {
            guard let found = text[start...].range(of: needle) else { break }
            start = found.upperBound
        }
        guard let found = text[start...].range(of: needle) else {
            Issue.record("'\(needle)' is not in the layout", sourceLocation: sourceLocation)
            return TractCore.SourceLocation(file: path)
        }
        let before = text[..<found.lowerBound]
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return TractCore.SourceLocation(file: path, line: before.count(where: { $0 == "\n" }) + 1,
                                        column: text.unicodeScalars[lineStart..<found.lowerBound].count + 1)
    }
}

/// Loads a layout written to a temporary file.
func load(_ text: String, settings: [String] = [], families: Set<String>? = nil) throws -> Layout {
    try LayoutFile(text).load(settings: settings, families: families)
}

/// A length in millimetres, rounded to a hundredth, for comparisons that ignore float noise.
func mm(_ length: Points) -> Double {
    (length.millimetres * 100).rounded() / 100
}

/// An edge as text: `20mm` from the page's top, `below band + 8mm`, `above closing + 6mm`, or `none`.
func describe(_ edge: Edge?) -> String {
    switch edge {
    case nil: "none"
    case .at(let distance)?: "\(formatted(mm(distance)))mm"
    case .below(let box, let gap)?: "below \(box) + \(formatted(mm(gap)))mm"
    case .above(let box, let gap)?: "above \(box) + \(formatted(mm(gap)))mm"
    }
}

/// A height as text: `fill`, `auto` or a length in millimetres.
func describe(_ height: BoxHeight) -> String {
    switch height {
    case .fill: "fill"
    case .content: "auto"
    case .fixed(let length): "\(formatted(mm(length)))mm"
    }
}

extension Layout {
    /// The box of that name on a page (0 the first, 1 the following), or nil.
    func box(_ name: String, page: Int = 0) -> BoxSpec? {
        pages[page].boxes.first { $0.name == name }
    }
}
