import TractCore

/// `{{column}}` placeholders: found with their places in a file, filled from a data row.
/// A name is letters, digits, `-` and `_`; spaces inside the braces are allowed (`{{ city }}`).
public enum Placeholders {
    /// The names every row has besides its columns: the leaflet's language and layout, and the
    /// row's number.
    public static let builtIn = ["lang", "layout", "row"]

    /// A placeholder written in a file.
    public struct Use: Hashable, Sendable {
        public var name: String
        public var location: SourceLocation
    }

    /// Whether a text can name a column.
    public static func isName(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// The placeholders of a file's text, each with its line and column.
    public static func uses(in text: String, file: String) -> [Use] {
        var uses: [Use] = []
        var line = 1
        var column = 1
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if let (name, length) = placeholder(at: index, in: scalars) {
                uses.append(Use(name: name, location: SourceLocation(file: file, line: line, column: column)))
                index += length
                column += length
                continue
            }
            if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
            index += 1
        }
        return uses
    }

    /// The placeholder that starts at `index`: its name and its length in scalars.
    static func placeholder(at index: Int, in scalars: [Unicode.Scalar]) -> (String, Int)? {
        guard index + 4 <= scalars.count, scalars[index] == "{", scalars[index + 1] == "{" else { return nil }
        var end = index + 2
        while end + 1 < scalars.count, end - index < 80, !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
        guard end + 1 < scalars.count, scalars[end] == "}", scalars[end + 1] == "}" else { return nil }
        var inner = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
        while inner.hasPrefix(" ") { inner.removeFirst() }
        while inner.hasSuffix(" ") { inner.removeLast() }
        guard isName(inner) else { return nil }
        return (inner, end + 2 - index)
    }

    /// A text with its placeholders filled; one whose name has no value is left as written.
    public static func fill(_ text: String, _ values: [String: String]) -> String {
        guard text.contains("{{") else { return text }
        return fill(StyledText(text), values).string
    }

    /// A styled text with its placeholders filled: a value takes the style of its placeholder.
    /// `positions`, one per character when given, stay one per character: a value's characters
    /// are placed where its placeholder starts.
    public static func fill(_ text: StyledText, _ values: [String: String], positions: inout [SourcePosition]) -> StyledText {
        let scalars = text.scalars
        guard scalars.contains("{") else { return text }
        var output = StyledText()
        var placed: [SourcePosition] = []
        let keepsPositions = positions.count == scalars.count
        var index = 0
        while index < scalars.count {
            if let (name, length) = placeholder(at: index, in: scalars), let value = values[name] {
                output.append(value, style: text.styles[index])
                if keepsPositions { placed += Array(repeating: positions[index], count: value.unicodeScalars.count) }
                index += length
                continue
            }
            output.append(scalars[index], style: text.styles[index])
            if keepsPositions { placed.append(positions[index]) }
            index += 1
        }
        if keepsPositions { positions = placed }
        return output
    }

    public static func fill(_ text: StyledText, _ values: [String: String]) -> StyledText {
        var none: [SourcePosition] = []
        return fill(text, values, positions: &none)
    }

    /// A value as a part of a file's name: letters and digits kept (lowercased), every other
    /// run of characters one `-`, none at either end; `row` when nothing is left.
    public static func slug(_ value: String) -> String {
        var out = ""
        var gap = false
        for character in value.lowercased() {
            // A letter with its combining marks, composed or not (`é`, `e` + U+0301), is kept whole.
            guard let first = character.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) else {
                gap = true
                continue
            }
            if gap && !out.isEmpty { out += "-" }
            out.append(character)
            gap = false
        }
        return out.isEmpty ? "row" : String(out.prefix(80))
    }
}

extension ParsedSource {
    /// The source with a data row's values in its placeholders: the text of every block, the
    /// web address, the logo's and the photo's paths, the keywords.
    public func merging(_ values: [String: String]) -> ParsedSource {
        var merged = self
        for index in merged.recognized.indices {
            var block = merged.recognized[index].block
            guard block.text.scalars.contains("{") else { continue }
            block.text = Placeholders.fill(block.text, values, positions: &block.positions)
            merged.recognized[index].block = block
        }
        merged.url = url.map { Placeholders.fill($0, values) }
        merged.logo = logo.map { Placeholders.fill($0, values) }
        if let photo { merged.photo = Photo(path: Placeholders.fill(photo.path, values), focus: photo.focus) }
        merged.keywords = keywords.map { Placeholders.fill($0, values) }
        return merged
    }
}

extension LeafletFolder.Manifest {
    /// The manifest with a data row's values in the placeholders of its values.
    public func merging(_ values: [String: String]) -> LeafletFolder.Manifest {
        var merged = self
        merged.values = self.values.mapValues { Placeholders.fill($0, values) }
        merged.languages = languages.mapValues { $0.mapValues { Placeholders.fill($0, values) } }
        return merged
    }
}
