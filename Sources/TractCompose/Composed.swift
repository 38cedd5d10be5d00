import TractCore

/// A line of text placed on a page: everything a renderer needs to draw it.
public struct PlacedText: Hashable, Sendable {
    /// The start of the baseline (the left end for left-to-right text).
    public var origin: Point
    /// The width the line fills when justified; its natural width otherwise.
    public var width: Points
    /// The characters to draw, with a hyphen added when the line ends at a break inside a word.
    public var text: StyledText
    public var font: FontSpec
    public var size: Points
    public var letterSpacing: Ems
    public var color: Color
    /// Whether the word spaces stretch or shrink so the line fills `width` exactly.
    public var justified: Bool
    /// The width the composer measured, for checks and dumps.
    public var naturalWidth: Points
    /// The role of the block the line belongs to.
    public var role: Role
    /// Where the line's characters come from in a shaped block, for a renderer that reuses the
    /// block's glyphs; nil for text that was not shaped as part of a block (bullets).
    public var source: TextSource? = nil
    /// The direction of the paragraph the line belongs to.
    public var direction: TextDirection = .leftToRight
    /// The address the line links to, when it is one (a QR code's caption).
    public var link: String? = nil
    /// How far a justified line's glyphs are widened (positive) or narrowed, as a fraction.
    public var expansion: Double = 0
    /// Letter-spacing a justified line adds after each character but the last.
    public var tracking: Points = .zero
}

/// A picture placed on a page: a logo fitted to its frame, or a QR code filling it.
public struct PlacedPicture: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A PNG or SVG file, drawn as large as fits the frame with its proportions kept.
        case logo(path: String)
        /// A JPEG or PNG photo, covering the frame (cropped around its focus) or contained in it.
        case photo(path: String, fit: PictureFit, focus: FocusPoint)
        /// A QR code of a text, its quiet zone included, as large as fits the frame.
        case qrCode(text: String)
    }

    public var kind: Kind
    public var frame: Rect
    /// The address a click on the picture opens.
    public var link: String?

    public init(kind: Kind, frame: Rect, link: String? = nil) {
        self.kind = kind
        self.frame = frame
        self.link = link
    }
}

/// A range of a shaped block's characters.
public struct TextSource: Hashable, Sendable {
    /// The block's glyphs, as its shaper made them: the document holds them, so that any
    /// renderer can draw it.
    public var glyphs: ShapedGlyphs
    /// The characters of the line in the block, soft hyphens included.
    public var range: Range<Int>
    /// Whether a hyphen is drawn after the characters.
    public var hyphenated: Bool
}

/// A rectangle drawn on a page: a box's background and border.
public struct PlacedBox: Hashable, Sendable {
    public var name: String
    public var frame: Rect
    public var background: Color?
    public var border: Border?
    public var cornerRadius: Points
}

/// A filled shape: a bullet drawn as a square or a disc.
public struct PlacedShape: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case square
        case disc
    }

    public var kind: Kind
    public var frame: Rect
    public var color: Color
}

/// Something drawn on a page, in painting order.
public enum PageElement: Hashable, Sendable {
    case box(PlacedBox)
    case shape(PlacedShape)
    case text(PlacedText)
    case picture(PlacedPicture)
}

/// One composed page.
public struct ComposedPage: Hashable, Sendable {
    public var size: Size
    public var elements: [PageElement]

    /// The text lines of the page, in reading order.
    public var lines: [PlacedText] {
        elements.compactMap { if case .text(let line) = $0 { line } else { nil } }
    }

    /// The boxes of the page, in painting order.
    public var boxes: [PlacedBox] {
        elements.compactMap { if case .box(let box) = $0 { box } else { nil } }
    }
}

/// Document-level facts the PDF carries.
public struct DocumentInfo: Hashable, Sendable {
    public var title: String?
    public var author: String?
    public var language: String?
    /// What the leaflet is about: its sub-headline.
    public var subject: String?
    public var keywords: [String]
    /// The leaflet's name, as the slug line and the outline show it.
    public var name: String?
    /// The date the leaflet carries, for the slug line.
    public var date: String?

    public init(title: String? = nil, author: String? = nil, language: String? = nil, subject: String? = nil,
                keywords: [String] = [], name: String? = nil, date: String? = nil) {
        self.title = title
        self.author = author
        self.language = language
        self.subject = subject
        self.keywords = keywords
        self.name = name
        self.date = date
    }
}

/// The result of composition: pages of placed boxes and lines, and how the text was fitted.
public struct ComposedDocument: Hashable, Sendable {
    public var pages: [ComposedPage]
    public var info: DocumentInfo
    /// The size of the body role after copyfitting.
    public var bodySize: Points
    /// The size the headline was fitted to.
    public var headlineSize: Points
    /// The scale copyfitting chose for all body roles.
    public var scale: Double
    /// Bleed, marks and imposition, as the layout asks.
    public var print: PrintMarks = PrintMarks()
    public var imposition: Imposition?
    /// The name of the layout, for the slug line.
    public var layoutName: String = ""
    /// What composing had to do that the author should know: a word broken between letters.
    public var warnings: [Diagnostic] = []

    /// A plain-text listing of what is where, for tests and `--dump`: one line per box and per
    /// text line, positions in points rounded to two decimals.
    public func dump() -> String {
        var output = "document scale=\(formatted(scale, decimals: 4)) body=\(bodySize) headline=\(headlineSize)\n"
        for (number, page) in pages.enumerated() {
            output += "page \(number + 1) \(formatted(page.size.width.value))×\(formatted(page.size.height.value))\n"
            for element in page.elements {
                switch element {
                case .box(let box):
                    output += "  box \(box.name) \(box.frame)"
                    if let background = box.background { output += " fill=\(background)" }
                    output += "\n"
                case .shape(let shape):
                    output += "  \(shape.kind) \(shape.frame) fill=\(shape.color)\n"
                case .picture(let picture):
                    output += "  picture \(picture.kind) \(picture.frame)\n"
                case .text(let line):
                    output += "  \(line.role) \(formatted(line.origin.x.value)),\(formatted(line.origin.y.value))"
                    output += " w=\(formatted(line.width.value)) \(formatted(line.size.value))pt"
                    output += line.justified ? " justified" : ""
                    output += " \"\(visible(line.text.string))\"\n"
                }
            }
        }
        return output
    }

    /// Shows the invisible spaces of a line: `⍽` for U+202F, `·` for U+00A0.
    private func visible(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "\u{202F}": "⍽"
            case "\u{00A0}": "·"
            default: Character(scalar)
            }
        })
    }
}
