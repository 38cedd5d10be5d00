import TractCore

/// Where a line may end, and what ending there means.
public enum BreakKind: Hashable, Sendable {
    /// After a space, which disappears at the break.
    case space
    /// At a soft hyphen: a hyphen is drawn at the end of the line.
    case hyphen
    /// After a character that may end a line as it is: a hard hyphen, a dash, a slash.
    case explicit
    /// The end of the paragraph.
    case end
}

/// One place a line may end.
public struct BreakCandidate: Hashable, Sendable {
    /// Where the next line starts, in characters.
    public var position: Int
    /// Where this line's visible text ends: before the spaces at the break.
    public var lineEnd: Int
    public var kind: BreakKind
}

/// A paragraph ready to be broken into lines at any size: its widths are kept in ems, with
/// prefix sums that give any line's width at once, and its break candidates are found once.
public struct BreakableText: Sendable {
    /// The characters of the paragraph.
    public let scalars: [Unicode.Scalar]
    /// `prefixWidth[i]` is the width of characters `0..<i`, in ems.
    let prefixWidth: [Double]
    /// The width of the word spaces in characters `0..<i`, in ems.
    let prefixSpaces: [Double]
    public let candidates: [BreakCandidate]
    /// The width of the hyphen added at a soft-hyphen break, in ems.
    let hyphenEms: Double
    /// The font size lines are broken at.
    public var size: Points
    /// Where the text to break begins: 0, or where a paragraph continues in another column.
    public var start = 0

    /// Measures a shaped text. Word spaces (U+0020 and U+00A0) may stretch and shrink when lines
    /// are justified; U+202F and the other fixed spaces never do.
    public init(_ scalars: [Unicode.Scalar], shaped: ShapedText, size: Points) {
        self.scalars = scalars
        self.size = size
        hyphenEms = shaped.hyphenWidth.value
        var width = [0.0]
        var spaces = [0.0]
        width.reserveCapacity(scalars.count + 1)
        spaces.reserveCapacity(scalars.count + 1)
        for (index, scalar) in scalars.enumerated() {
            let advance = shaped.advances[index].value
            width.append(width[index] + advance)
            spaces.append(spaces[index] + (scalar == " " || scalar == "\u{00A0}" ? advance : 0))
        }
        prefixWidth = width
        prefixSpaces = spaces

        var candidates: [BreakCandidate] = []
        for position in 1..<max(scalars.count, 1) where shaped.breaks[position] != .none {
            let previous = scalars[position - 1]
            if previous == " " {
                var end = position - 1
                while end > 0, scalars[end - 1] == " " { end -= 1 }
                candidates.append(BreakCandidate(position: position, lineEnd: end, kind: .space))
            } else if previous == "\u{00AD}" {
                candidates.append(BreakCandidate(position: position, lineEnd: position, kind: .hyphen))
            } else {
                candidates.append(BreakCandidate(position: position, lineEnd: position, kind: .explicit))
            }
        }
        var end = scalars.count
        while end > 0, scalars[end - 1] == " " || scalars[end - 1] == "\n" { end -= 1 }
        candidates.append(BreakCandidate(position: scalars.count, lineEnd: end, kind: .end))
        self.candidates = candidates
    }

    /// The same text at another size, or from another start.
    public func at(_ size: Points, from start: Int = 0) -> BreakableText {
        var text = self
        text.size = size
        text.start = start
        return text
    }

    /// The width of the hyphen added at a soft-hyphen break.
    public var hyphenWidth: Points { Points(hyphenEms * size.value) }

    /// The natural width of the characters in a range.
    public func width(_ range: Range<Int>) -> Points {
        Points((prefixWidth[range.upperBound] - prefixWidth[range.lowerBound]) * size.value)
    }

    /// The total width of the word spaces in a range, which justification stretches.
    public func spaceWidth(_ range: Range<Int>) -> Points {
        Points((prefixSpaces[range.upperBound] - prefixSpaces[range.lowerBound]) * size.value)
    }

    /// The width of the line from `start` to a candidate, with the hyphen when there is one.
    func lineWidth(from start: Int, to candidate: BreakCandidate) -> Points {
        let end = max(candidate.lineEnd, start)
        return width(start..<end) + (candidate.kind == .hyphen ? hyphenWidth : .zero)
    }
}
