import TractCore
import Yams

/// A value of a YAML file (a layout, `leaflet.yaml`, a Markdown front matter), with where it was
/// written. Every YAML file tract reads goes through `parse`, so they all follow the same rules:
/// a key given twice is an error at its second place, aliases are refused, `~`, `null` or
/// nothing at all is null, and every node keeps its file, line and column (a layout merged from
/// several files still points at the right line).
public struct YAMLNode: Sendable {
    public enum Value: Sendable {
        case scalar(String)
        /// Keys in the order written, each with its own location.
        case mapping([(key: String, keyLocation: SourceLocation, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    public var value: Value
    public var location: SourceLocation
    /// Whether the node is YAML's null: `~`, `null` or nothing after the colon, unquoted.
    public var isNull: Bool

    public init(_ value: Value, at location: SourceLocation, isNull: Bool = false) {
        self.value = value
        self.location = location
        self.isNull = isNull
    }

    /// Reads a YAML document written in `file`, whose first line is line `firstLine` of the file
    /// (a front matter starts on the second); nil when it holds nothing. `what` names the text
    /// in messages: "the layout", "leaflet.yaml", "the front matter".
    public static func parse(_ text: String, file: String, firstLine: Int = 1, what: String) throws(Diagnostic) -> YAMLNode? {
        // An anchor is known only while its parser lives (Yams keeps it weakly), and an alias comes
        // back as the node it names, anchor and all: the tree is read before the parser goes.
        let parser: Parser
        let node: Node?
        do {
            parser = try Parser(yaml: text, resolver: .basic)
            node = try parser.singleRoot()
        } catch let error as YamlError {
            throw problem(error, in: text, file: file, firstLine: firstLine, what: what)
        } catch {
            throw .error(at: SourceLocation(file: file), "\(what) cannot be read: \(error)")
        }
        defer { withExtendedLifetime(parser) {} }
        return try node.map { node throws(Diagnostic) in try YAMLNode(node, file: file, lineOffset: firstLine - 1, what: what) }
    }

    private init(_ node: Node, file: String, lineOffset: Int, what: String) throws(Diagnostic) {
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: mark.map { $0.line + lineOffset }, column: mark?.column)
        }
        if node.anchor != nil {
            throw .error(at: location(node.mark), "anchors and aliases (`&name`, `*name`) are not supported in \(what)",
                         hint: "write the value itself in each place")
        }
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
            self.init(.scalar(scalar.string), at: location(node.mark), isNull: isNull)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence { items.append(try YAMLNode(item, file: file, lineOffset: lineOffset, what: what)) }
            self.init(.sequence(items), at: location(node.mark))
        case .mapping(let mapping):
            var entries: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] = []
            for (key, value) in mapping {
                guard case .scalar(let name) = key else {
                    throw .error(at: location(key.mark), "a key must be a plain word", hint: "write `key: value`")
                }
                entries.append((name.string, location(key.mark), try YAMLNode(value, file: file, lineOffset: lineOffset, what: what)))
            }
            self.init(.mapping(entries), at: location(node.mark))
        case .alias:
            throw .error(at: location(node.mark), "anchors and aliases (`&name`, `*name`) are not supported in \(what)",
                         hint: "write the value itself in each place")
        }
    }

    /// A YAML error in words a user can act on, at its place in the file.
    private static func problem(_ error: YamlError, in text: String, file: String, firstLine: Int, what: String) -> Diagnostic {
        let hint = "check the indentation and the `key: value` pairs around that line"
        func place(_ line: Int?, _ column: Int?) -> SourceLocation {
            SourceLocation(file: file, line: line.map { $0 + firstLine - 1 }, column: column)
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .error(at: place(mark.line, mark.column), "\(what) is not valid YAML: \(problem)", hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams points at the mapping; the mistake is the second time the key is written.
            let key = duplicates.first ?? ""
            let second = secondPlace(of: key, in: text, from: context.mark.line)
            return .error(at: place(second?.line ?? context.mark.line, second?.column ?? context.mark.column),
                          "'\(key)' is given twice", hint: "keep one of them")
        default:
            let message = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return .error(at: place(nil, nil), "\(what) is not valid YAML: \(message)", hint: hint)
        }
    }

    /// Where a key is written for the second time from a line on: as a key (`key:` at a line's
    /// start, or after `{` or `,` in a mapping written on one line), line and column from 1.
    static func secondPlace(of key: String, in text: String, from firstLine: Int) -> (line: Int, column: Int)? {
        var seen = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated().dropFirst(max(firstLine - 1, 0)) {
            let scalars = Array(line.unicodeScalars)
            let name = Array(key.unicodeScalars)
            var index = 0
            while index + name.count <= scalars.count {
                let before = index == 0 ? " " : scalars[index - 1]
                let startsKey = [" ", "\t", "{", ",", "-"].contains(before) && Array(scalars[index..<(index + name.count)]) == name
                let rest = scalars[(index + name.count)...].drop { $0 == " " }
                if startsKey && rest.first == ":" {
                    seen += 1
                    if seen == 2 { return (offset + 1, index + 1) }
                    index += name.count
                } else {
                    index += 1
                }
            }
        }
        return nil
    }

    // MARK: Reading

    /// The entries of a mapping, or an error saying a mapping was expected.
    public func entries(_ what: String) throws(Diagnostic) -> [(key: String, keyLocation: SourceLocation, value: YAMLNode)] {
        guard case .mapping(let entries) = value else {
            throw .error(at: location, "\(what) must be a mapping of `key: value` lines",
                         hint: "write `key: value` pairs, indented on the lines below, or as `{key: value, …}`")
        }
        return entries
    }

    /// The text of a scalar, or an error saying one was expected.
    public func text(_ what: String) throws(Diagnostic) -> String {
        guard case .scalar(let text) = value else {
            throw .error(at: location, "\(what) must be a single value, not a list or a mapping",
                         hint: "write one value after the colon, without brackets or indented lines")
        }
        return text
    }

    /// The value under `key`, when the node is a mapping that has it.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = value else { return nil }
        return entries.first { $0.key == key }?.value
    }

    // MARK: Changing

    /// This node with `other` laid over it: mappings merge key by key, a key set to null is
    /// removed, anything else is replaced.
    public func merged(with other: YAMLNode) -> YAMLNode {
        guard case .mapping(var mine) = value, case .mapping(let theirs) = other.value else { return other }
        for entry in theirs {
            if entry.value.isNull {
                mine.removeAll { $0.key == entry.key }
            } else if let index = mine.firstIndex(where: { $0.key == entry.key }) {
                mine[index] = (entry.key, entry.keyLocation, mine[index].value.merged(with: entry.value))
            } else {
                mine.append(entry)
            }
        }
        return YAMLNode(.mapping(mine), at: other.location)
    }

    /// This node without one key of its mapping.
    public func removing(_ key: String) -> YAMLNode {
        guard case .mapping(let entries) = value else { return self }
        return YAMLNode(.mapping(entries.filter { $0.key != key }), at: location)
    }

    /// This node with the value at a dotted path (`styles.body.size`) set, making mappings on
    /// the way when needed.
    public func setting(_ path: ArraySlice<String>, to newValue: YAMLNode) -> YAMLNode {
        guard let key = path.first else { return newValue }
        var entries: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] = []
        if case .mapping(let existing) = value { entries = existing }
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = entries[index].value.setting(path.dropFirst(), to: newValue)
        } else {
            let empty = YAMLNode(.mapping([]), at: newValue.location)
            entries.append((key, newValue.location, empty.setting(path.dropFirst(), to: newValue)))
        }
        return YAMLNode(.mapping(entries), at: location)
    }
}
