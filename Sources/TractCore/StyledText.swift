/// Inline emphasis carried by each character of a text.
public struct InlineStyle: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `**strong**`: set in the bold of the role's family.
    public static let strong = InlineStyle(rawValue: 1 << 0)
    /// `*emphasis*`: set in the italic of the role's family.
    public static let emphasis = InlineStyle(rawValue: 1 << 1)
    /// On a soft hyphen (in a proper noun, which typography would rather keep whole) or on the
    /// no-break space that ties a number to its word: a break the line breaker takes only to
    /// spare a very loose line.
    public static let discouragedBreak = InlineStyle(rawValue: 1 << 2)
}

/// Text as Unicode scalars, each with its inline style.
///
/// Typography rules insert and remove characters; keeping one style per scalar lets them do so
/// without tracking span offsets.
public struct StyledText: Hashable, Sendable, CustomStringConvertible {
    /// The characters, as Unicode scalars (Pango counts characters the same way).
    public private(set) var scalars: [Unicode.Scalar]
    /// The style of each scalar; always as long as `scalars`.
    public private(set) var styles: [InlineStyle]

    public init() {
        scalars = []
        styles = []
    }

    public init(_ string: some StringProtocol, style: InlineStyle = []) {
        scalars = Array(string.unicodeScalars)
        styles = Array(repeating: style, count: scalars.count)
    }

    public init(scalars: [Unicode.Scalar], styles: [InlineStyle]) {
        precondition(scalars.count == styles.count, "StyledText needs one style per scalar")
        self.scalars = scalars
        self.styles = styles
    }

    /// The plain text.
    public var string: String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }

    public var description: String { string }

    public var count: Int { scalars.count }
    public var isEmpty: Bool { scalars.isEmpty }

    /// Appends text in one style.
    public mutating func append(_ string: some StringProtocol, style: InlineStyle = []) {
        for scalar in string.unicodeScalars {
            scalars.append(scalar)
            styles.append(style)
        }
    }

    /// Appends one scalar in one style.
    public mutating func append(_ scalar: Unicode.Scalar, style: InlineStyle) {
        scalars.append(scalar)
        styles.append(style)
    }

    /// Appends another styled text.
    public mutating func append(_ other: StyledText) {
        scalars.append(contentsOf: other.scalars)
        styles.append(contentsOf: other.styles)
    }

    /// A part of the text.
    public subscript(range: Range<Int>) -> StyledText {
        StyledText(scalars: Array(scalars[range]), styles: Array(styles[range]))
    }

    /// The text without its soft hyphens (U+00AD), and where each one was, counted in the text
    /// without them.
    public func removingSoftHyphens() -> (text: StyledText, positions: [Int]) {
        guard scalars.contains("\u{00AD}") else { return (self, []) }
        var result = StyledText()
        var positions: [Int] = []
        for (scalar, style) in zip(scalars, styles) {
            if scalar == "\u{00AD}" { positions.append(result.count) } else { result.append(scalar, style: style) }
        }
        return (result, positions)
    }

    /// Whether the text has nothing to print: no characters, or only spaces and invisible ones.
    public var isBlank: Bool {
        scalars.allSatisfy(\.printsNothing)
    }

    /// Maximal runs of one style, in order, as (range, style).
    public var styleRuns: [(range: Range<Int>, style: InlineStyle)] {
        var runs: [(range: Range<Int>, style: InlineStyle)] = []
        guard !styles.isEmpty else { return runs }
        var start = 0
        for index in 1...styles.count where index == styles.count || styles[index] != styles[start] {
            if index > start { runs.append((start..<index, styles[start])) }
            start = index
        }
        return runs
    }
}

extension Unicode.Scalar {
    /// Whether the character leaves no ink: a space, or an invisible one (a soft hyphen, a
    /// joiner, a direction mark).
    public var printsNothing: Bool {
        properties.isWhitespace || properties.isDefaultIgnorableCodePoint
    }

    /// Whether the scalar is of the Arabic script (its letters, marks and presentation forms):
    /// letters that join, and marks that reach far above and below them.
    public var isArabic: Bool {
        (0x0600...0x08FF).contains(value) || (0xFB50...0xFDFF).contains(value) || (0xFE70...0xFEFF).contains(value)
    }
}
