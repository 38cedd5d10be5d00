/// One piece of content: a headline, a paragraph, a demand…
public struct Block: Hashable, Sendable {
    public var role: Role
    public var text: StyledText
    /// Where the block starts in its source.
    public var location: SourceLocation
    /// The dictionary's break points of a block whose role does not hyphenate, by character:
    /// kept for a word too wide for any line of its box.
    public var emergencyBreaks: [Int] = []
    /// Where each character of `text` was written, when the parser knows: the line and column
    /// in the source, past the markup and the line breaks of a wrapped paragraph.
    public var positions: [SourcePosition] = []

    public init(_ role: Role, _ text: StyledText, at location: SourceLocation) {
        self.role = role
        self.text = text
        self.location = location
    }

    /// The place of one character of the text: where it was written, else counted from the
    /// block's start as if the text were one line of the source.
    public func location(ofCharacter index: Int) -> SourceLocation {
        var location = location
        if positions.indices.contains(index) {
            location.line = positions[index].line
            location.column = positions[index].column
        } else {
            location.column = (location.column ?? 1) + index
        }
        return location
    }
}

/// A line and a column (in characters, from 1) of a source.
public struct SourcePosition: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// A leaflet's content, with no layout: blocks in reading order.
public struct Leaflet: Hashable, Sendable {
    /// The BCP 47 tag of the language the leaflet is written in, when it is known.
    public var language: String?
    /// Every block, in reading order.
    public var blocks: [Block]
    /// The web address the leaflet points to, when it has one.
    public var url: String?
    /// The organisation's logo, a PNG or SVG file, when it has one.
    public var logo: String?
    /// The photo a layout's photo box shows, when it has one.
    public var photo: Photo?

    public init(language: String? = nil, blocks: [Block], url: String? = nil, logo: String? = nil, photo: Photo? = nil) {
        self.language = language
        self.blocks = blocks
        self.url = url
        self.logo = logo
        self.photo = photo
    }

    /// The blocks of one role, in reading order.
    public func blocks(_ role: Role) -> [Block] {
        blocks.filter { $0.role == role }
    }

    /// The headline's plain text, used as the document title.
    public var title: String? {
        blocks.first { $0.role == .headline }?.text.string
    }

    /// The signature's plain text, used as the document author.
    public var author: String? {
        blocks.first { $0.role == .signature }?.text.string
    }
}
