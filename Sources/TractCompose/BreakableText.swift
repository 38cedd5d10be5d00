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
    /// A dictionary point in a proper noun: taken only where the line would otherwise be very
    /// loose, at a high cost.
    case discouragedHyphen
    /// At a no-break space that ties a number to the word it counts (`1 200 | операцій`): the
    /// space disappears, as at a word space, but the break is taken only where the line would
    /// otherwise be very loose, at a proper noun's cost.
    case discouragedSpace
    /// A dictionary hyphenation point in a role that does not hyphenate: taken only for a word
    /// wider than its line, with a hyphen drawn.
    case emergencyHyphen
    /// Between two letters of a long word: taken only for a word wider than its line that has
    /// no dictionary point to break at.
    case character

    /// Whether the break is one of the usual ones, not a last resort for a word too wide.
    public var isOrdinary: Bool { self != .emergencyHyphen && self != .character }

    /// Whether a hyphen is drawn at the end of a line that ends here: at a word's break, so a
    /// reader (and a PDF's text) knows the word goes on.
    var drawsHyphen: Bool { self == .hyphen || self == .discouragedHyphen || self == .emergencyHyphen || self == .character }
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
    /// The usual breaks, in text order, the paragraph's end last.
    public let candidates: [BreakCandidate]
    /// The breaks kept for a word wider than its line, word by word in text order: the line
    /// breaker's last resort only, so they are kept apart and the usual passes never walk over
    /// them.
    let lastResorts: [LastResortWord]
    /// The width of the hyphen added at a soft-hyphen break, in ems.
    let hyphenEms: Double
    /// The font size lines are broken at.
    public var size: Points
    /// Where the text to break begins: 0, or where a paragraph continues in another column.
    public var start = 0

    /// Measures a shaped text. Word spaces (U+0020) may stretch and shrink when lines are
    /// justified; no-break spaces (U+00A0 before a French colon, U+202F) and the other fixed
    /// spaces never do, so a space tied to a mark never opens into a hole. `emergencyBreaks` are the
    /// dictionary's break points in a text whose role does not hyphenate.
    /// `discouraged` are the soft hyphens and the no-break spaces to break at only to spare a very
    /// loose line.
    public init(_ scalars: [Unicode.Scalar], shaped: ShapedText, size: Points, emergencyBreaks: [Int] = [],
                discouraged: Set<Int> = []) {
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
            spaces.append(spaces[index] + (scalar == " " ? advance : 0))
        }
        prefixWidth = width
        prefixSpaces = spaces

        var candidates: [BreakCandidate] = []
        for position in 1..<max(scalars.count, 1) {
            let previous = scalars[position - 1]
            if previous == "\u{00A0}" && discouraged.contains(position - 1) {
                candidates.append(BreakCandidate(position: position, lineEnd: position - 1, kind: .discouragedSpace))
                continue
            }
            guard shaped.breaks[position] != .none else { continue }
            if previous == " " {
                var end = position - 1
                while end > 0, scalars[end - 1] == " " { end -= 1 }
                candidates.append(BreakCandidate(position: position, lineEnd: end, kind: .space))
            } else if previous == "\u{00AD}" {
                candidates.append(BreakCandidate(position: position, lineEnd: position,
                                                 kind: discouraged.contains(position - 1) ? .discouragedHyphen : .hyphen))
            } else {
                candidates.append(BreakCandidate(position: position, lineEnd: position, kind: .explicit))
            }
        }
        lastResorts = BreakableText.lastResorts(scalars, breaks: shaped.breaks, dictionary: emergencyBreaks)
        var end = scalars.count
        while end > 0, scalars[end - 1] == " " || scalars[end - 1] == "\n" { end -= 1 }
        candidates.append(BreakCandidate(position: scalars.count, lineEnd: end, kind: .end))
        self.candidates = candidates
    }

    /// Every usual break, and the last-resort breaks of the words wider than `width` at the
    /// text's size, in text order (a usual break first where both fall at one place).
    func candidates(withLastResortsWiderThan width: Points) -> [BreakCandidate] {
        let wide = lastResorts.filter { self.width($0.word) > width }.flatMap(\.breaks)
        guard !wide.isEmpty else { return candidates }
        var merged: [BreakCandidate] = []
        merged.reserveCapacity(candidates.count + wide.count)
        var next = 0
        for candidate in candidates {
            while next < wide.count, wide[next].position < candidate.position {
                merged.append(wide[next])
                next += 1
            }
            merged.append(candidate)
        }
        return merged
    }

    /// A word of five characters or more and the breaks kept for it, should it be wider than
    /// its line.
    struct LastResortWord: Sendable {
        var word: Range<Int>
        var breaks: [BreakCandidate]
    }

    /// The breaks kept for a word wider than its line: the dictionary's points where there
    /// are some, else every place between two letters of a word of five characters or more.
    /// Never inside Arabic, whose letters join, nor before a combining mark.
    static func lastResorts(_ scalars: [Unicode.Scalar], breaks: [BreakOpportunity], dictionary: [Int]) -> [LastResortWord] {
        var result: [LastResortWord] = []
        let points = Set(dictionary)
        var wordStart = 0
        for position in 0...scalars.count {
            guard position == scalars.count || scalars[position].properties.isWhitespace else { continue }
            let word = wordStart..<position
            wordStart = position + 1
            guard word.count >= 5 else { continue }
            let inside = (word.lowerBound + 1)..<word.upperBound
            let dictionaryPoints = inside.filter { points.contains($0) && breaks[$0] == .none }
            let kept = !dictionaryPoints.isEmpty
                ? dictionaryPoints.map { BreakCandidate(position: $0, lineEnd: $0, kind: .emergencyHyphen) }
                : inside.filter { breaks[$0] == .none && splittable(scalars[$0 - 1], scalars[$0]) }
                    .map { BreakCandidate(position: $0, lineEnd: $0, kind: .character) }
            if !kept.isEmpty { result.append(LastResortWord(word: word, breaks: kept)) }
        }
        return result
    }

    private static func splittable(_ before: Unicode.Scalar, _ after: Unicode.Scalar) -> Bool {
        switch after.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return false
        default: break
        }
        return !before.isArabic && !after.isArabic && before != "\u{00AD}" && after != "\u{00AD}"
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
        return width(start..<end) + (candidate.kind.drawsHyphen ? hyphenWidth : .zero)
    }
}
