import TractCore
import Yams

/// A value of a layout file, with where it was written: the tree Yams reads, kept with file
/// names so that a layout merged from several files still points at the right line.
public struct LayoutNode: Sendable {
    public enum Value: Sendable {
        case scalar(String)
        /// Keys in the order written, each with its own location.
        case mapping([(key: String, keyLocation: SourceLocation, value: LayoutNode)])
        case sequence([LayoutNode])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// Reads a YAML document; a syntax error is a diagnostic at its line and column.
    public static func parse(_ text: String, file: String) throws(Diagnostic) -> LayoutNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw .error(at: SourceLocation(file: file), "cannot read the layout: \(error)")
        }
        guard let node else {
            throw .error(at: SourceLocation(file: file), "the layout is empty",
                         hint: "start from a shipped layout: `tract layouts` lists them")
        }
        return try LayoutNode(node, file: file)
    }

    private init(_ node: Node, file: String) throws(Diagnostic) {
        let location = SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
        switch node {
        case .scalar(let scalar):
            self.init(.scalar(scalar.string), at: location)
        case .sequence(let sequence):
            var items: [LayoutNode] = []
            for item in sequence { items.append(try LayoutNode(item, file: file)) }
            self.init(.sequence(items), at: location)
        case .mapping(let mapping):
            var entries: [(key: String, keyLocation: SourceLocation, value: LayoutNode)] = []
            for (key, value) in mapping {
                let keyLocation = SourceLocation(file: file, line: key.mark?.line, column: key.mark?.column)
                guard case .scalar(let name) = key else {
                    throw .error(at: keyLocation, "a key must be a plain word", hint: "write `key: value`")
                }
                if entries.contains(where: { $0.key == name.string }) {
                    throw .error(at: keyLocation, "'\(name.string)' is given twice", hint: "keep one of them")
                }
                entries.append((name.string, keyLocation, try LayoutNode(value, file: file)))
            }
            self.init(.mapping(entries), at: location)
        case .alias:
            throw .error(at: location, "aliases (`*name`) are not supported in layouts", hint: "use `extends` to share settings")
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> Diagnostic {
        let hint = "check the indentation and the `key: value` pairs around that line"
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .error(at: SourceLocation(file: file, line: mark.line, column: mark.column), "YAML syntax error: \(problem)", hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams finds repeated keys before we see the mapping, and marks the first of them.
            return .error(at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                          "'\(duplicates.first ?? "")' is given twice", hint: "keep one of them")
        default:
            return .error(at: SourceLocation(file: file), "YAML syntax error: \(error)", hint: hint)
        }
    }

    // MARK: Reading

    /// The entries of a mapping, or an error saying a mapping was expected.
    func entries(_ what: String) throws(Diagnostic) -> [(key: String, keyLocation: SourceLocation, value: LayoutNode)] {
        guard case .mapping(let entries) = value else {
            throw .error(at: location, "\(what) must be a mapping of `key: value` lines",
                         hint: "write `key: value` pairs, indented on the lines below, or as `{key: value, …}`")
        }
        return entries
    }

    /// The text of a scalar, or an error saying one was expected.
    func text(_ what: String) throws(Diagnostic) -> String {
        guard case .scalar(let text) = value else {
            throw .error(at: location, "\(what) must be a single value, not a list or a mapping",
                         hint: "write one value after the colon, without brackets or indented lines")
        }
        return text
    }

    /// The value under `key`, when the node is a mapping that has it.
    public subscript(key: String) -> LayoutNode? {
        guard case .mapping(let entries) = value else { return nil }
        return entries.first { $0.key == key }?.value
    }

    // MARK: Changing

    /// Whether the node is YAML's null (`null` or `~`), which removes an inherited key.
    var isNull: Bool {
        if case .scalar(let text) = value { return text == "null" || text == "~" || text == "Null" || text == "NULL" }
        return false
    }

    /// This node with `other` laid over it: mappings merge key by key, a key set to null is
    /// removed, anything else is replaced.
    func merged(with other: LayoutNode) -> LayoutNode {
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
        return LayoutNode(.mapping(mine), at: other.location)
    }

    /// This node without one key of its mapping.
    func removing(_ key: String) -> LayoutNode {
        guard case .mapping(let entries) = value else { return self }
        return LayoutNode(.mapping(entries.filter { $0.key != key }), at: location)
    }

    /// This node with the value at a dotted path (`styles.body.size`) set, making mappings on
    /// the way when needed.
    func setting(_ path: ArraySlice<String>, to newValue: LayoutNode) -> LayoutNode {
        guard let key = path.first else { return newValue }
        var entries: [(key: String, keyLocation: SourceLocation, value: LayoutNode)] = []
        if case .mapping(let existing) = value { entries = existing }
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = entries[index].value.setting(path.dropFirst(), to: newValue)
        } else {
            let empty = LayoutNode(.mapping([]), at: newValue.location)
            entries.append((key, newValue.location, empty.setting(path.dropFirst(), to: newValue)))
        }
        return LayoutNode(.mapping(entries), at: location)
    }
}
