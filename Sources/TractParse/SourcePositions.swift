import TractCore

/// A source's characters in one run, with where each line starts, to find where a block's
/// characters were written.
public struct SourceCharacters: Sendable {
    public let scalars: [Unicode.Scalar]
    /// The index in `scalars` of each line's first character.
    public let lineStarts: [Int]

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    /// The farthest a character is looked for past the last one found: beyond the markup
    /// between two characters (`**`, `&amp;`, a link's address), short of the next block.
    static let reach = 300

    /// Where each character of a block's text was written, from where the block starts: the
    /// text follows the source in order, less its markup (`**`, `#`, a list's marker, a
    /// backslash), with each run of spaces and line breaks read as one space. A character the
    /// source does not hold as such (`&amp;` read as `&`) takes the place the search stands at.
    func positions(of text: StyledText, from start: SourceLocation) -> [SourcePosition] {
        let line = min(max((start.line ?? 1) - 1, 0), lineStarts.count - 1)
        var cursor = min(lineStarts[line] + max((start.column ?? 1) - 1, 0), scalars.count)
        var positions: [SourcePosition] = []
        positions.reserveCapacity(text.count)
        for scalar in text.scalars {
            if SourceCharacters.isSpace(scalar) {
                // A space of the text stands for the spaces and line breaks of the source.
                positions.append(position(of: cursor))
                while cursor < scalars.count, SourceCharacters.isSpace(scalars[cursor]) { cursor += 1 }
                continue
            }
            let end = min(cursor + SourceCharacters.reach, scalars.count)
            if let found = scalars[cursor..<end].firstIndex(of: scalar) {
                positions.append(position(of: found))
                cursor = found + 1
            } else {
                positions.append(position(of: cursor))
            }
        }
        return positions
    }

    /// Whether a character is a space or a line break: the common ones are told without looking
    /// up Unicode's properties.
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// The index of the character at a line and column; nil outside the text.
    public func offset(of position: SourcePosition) -> Int? {
        guard position.line >= 1, position.line <= lineStarts.count, position.column >= 1 else { return nil }
        let offset = lineStarts[position.line - 1] + position.column - 1
        return offset <= scalars.count ? offset : nil
    }

    /// The line and column of a character, by its index.
    private func position(of index: Int) -> SourcePosition {
        // The last line that starts at or before the index.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return SourcePosition(line: low + 1, column: index - lineStarts[low] + 1)
    }
}
