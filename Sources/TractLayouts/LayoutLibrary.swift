import TractCompose
import TractCore
import TractYAML

#if canImport(Glibc)
import Glibc
#endif

/// The font families a layout's styles may name: those of the bundled fonts and of the fonts
/// the layout lists, which only the renderer can load.
public struct FontFamilies: Sendable {
    /// Fonts added to every layout's own (`--fonts DIR`).
    public var extra: [FontSources.Entry]
    /// The family names of a set of fonts; throws when one of them cannot be used.
    public var families: @Sendable (FontSources) throws(Diagnostic) -> Set<String>

    public init(extra: [FontSources.Entry] = [], families: @escaping @Sendable (FontSources) throws(Diagnostic) -> Set<String>) {
        self.extra = extra
        self.families = families
    }
}

/// Finds, reads and decodes layout files: the shipped ones in `layouts/` by name, any other by
/// path; `extends` chains are merged parent first, then `--set` overrides.
public enum LayoutLibrary {
    /// The folder of shipped layouts.
    public static var folder: String? { Resources.folder("layouts") }

    /// The names of the shipped layouts, sorted, without reading them.
    public static func names() throws(Diagnostic) -> [String] {
        guard let folder else { throw missingFolder() }
        return Resources.fileNames(in: folder).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The shipped layouts, by name, each with its one-line description.
    public static func available() throws(Diagnostic) -> [(name: String, summary: String)] {
        guard let folder else { throw missingFolder() }
        var layouts: [(name: String, summary: String)] = []
        for name in Resources.fileNames(in: folder) where name.hasSuffix(".yaml") {
            let path = folder + "/" + name
            let node = try read(path)
            let summary = try node["description"].decoded { value throws(Diagnostic) in try value.text("description") } ?? ""
            layouts.append((String(name.dropLast(5)), summary))
        }
        return layouts.sorted { $0.name < $1.name }
    }

    /// Loads a layout by name (`a4-classic`) or path (`my-layout.yaml`), with `settings` of
    /// the form `key.path=value` laid over it. `families` are the font families available;
    /// when given, a style naming another family is an error.
    public static func load(_ reference: String, settings: [String] = [], families: Set<String>? = nil) throws(Diagnostic) -> Layout {
        try load(reference, settings: settings, families: families, asked: nil)
    }

    /// Loads a layout as `load(_:settings:families:)` does, its families those of the bundled
    /// fonts and the fonts it lists, with `fonts.extra` added to them.
    public static func load(_ reference: String, settings: [String] = [], fonts: FontFamilies) throws(Diagnostic) -> Layout {
        let path = try resolve(reference, from: nil)
        return try decode(merged(path, visited: [], asked: nil), path: path, settings: settings, families: nil, fonts: fonts,
                          asked: nil)
    }

    /// `load`, noting in `asked` every key the decoder asks for.
    static func load(_ reference: String, settings: [String], families: Set<String>?, asked: AskedKeys?) throws(Diagnostic) -> Layout {
        let path = try resolve(reference, from: nil)
        return try decode(merged(path, visited: [], asked: asked), path: path, settings: settings, families: families, asked: asked)
    }

    /// A layout from its text, as if read from a file at `path` (whose folder its `extends`
    /// is relative to): for a layout held in memory.
    public static func load(text: String, path: String, settings: [String] = [], families: Set<String>? = nil) throws(Diagnostic) -> Layout {
        guard let node = try YAMLNode.parse(text, file: path, what: "the layout") else {
            throw .error(at: SourceLocation(file: path), "the layout is empty",
                         hint: "start from a shipped layout: `tract layouts` lists them")
        }
        let chain = try merging(node, path: path, visited: [], asked: nil)
        return try decode(chain, path: path, settings: settings, families: families, asked: nil)
    }

    /// A layout's tree, its `extends` chain merged in, laid over the shared language settings,
    /// with `settings` applied, decoded.
    private static func decode(_ merged: YAMLNode, path: String, settings: [String], families: Set<String>?,
                               fonts: FontFamilies? = nil, asked: AskedKeys?) throws(Diagnostic) -> Layout {
        var node = merged
        if case .mapping = node.value, let shared = try sharedLanguagesNode.get()?["languages"] {
            // Only the languages are laid over the shared ones: the rest of the layout is its own.
            let own = node["languages"] ?? YAMLNode(.mapping([]), at: shared.location)
            node = node.setting(["languages"], to: shared.merged(with: own))
        }
        for setting in settings { node = try apply(setting, to: node) }
        var decoder = LayoutDecoder(name: name(of: path), families: families)
        decoder.fonts = fonts
        decoder.values.asked = asked
        return try decoder.decode(node)
    }

    /// What every layout sets for some languages beneath its own `languages`
    /// (`layouts/shared/languages.yaml`): Arabic right to left in faces that have its letters,
    /// Kazakh set ragged. Nil when tract's folder has no such file.
    static func sharedLanguages() throws(Diagnostic) -> YAMLNode? {
        guard let folder, access(folder + "/" + sharedLanguagesFile, F_OK) == 0 else { return nil }
        return try read(folder + "/" + sharedLanguagesFile)
    }

    /// The shared language settings, read once for every layout a process loads.
    private static let sharedLanguagesNode = Result { () throws(Diagnostic) in try sharedLanguages() }

    /// Where the shared language settings are, in the layouts folder.
    static let sharedLanguagesFile = "shared/languages.yaml"

    /// The layout's tree with its `extends` chain merged in; `extendedAt` is the `extends` that
    /// names it, if any.
    private static func merged(_ path: String, visited: [String], extendedAt: SourceLocation? = nil,
                               asked: AskedKeys?) throws(Diagnostic) -> YAMLNode {
        try merging(read(path, extendedAt: extendedAt), path: path, visited: visited, asked: asked)
    }

    /// A layout's tree read from `path`, with its parents merged in.
    private static func merging(_ node: YAMLNode, path: String, visited: [String], asked: AskedKeys?) throws(Diagnostic) -> YAMLNode {
        // Its keys are checked once the chain is merged.
        let file = try SectionReader(node, LayoutSchema.file, "the layout", at: node.location, values: ValueReader(asked: asked), checking: false)
        guard let parentNode = file["extends"] else { return node }
        let parent = try parentNode.text("extends").trimmingSpaces
        let parentPath: String
        do {
            parentPath = try resolve(parent, from: path)
        } catch {
            var located = error
            located.location = parentNode.location
            throw located
        }
        if parentPath == path || visited.contains(parentPath) {
            let chain = (visited + [path, parentPath]).map(name(of:)).joined(separator: " → ")
            throw .error(at: parentNode.location, "layouts extend each other in a loop: \(chain)",
                         hint: "one of them must stand on its own, without `extends`")
        }
        let base = try merged(parentPath, visited: visited + [path], extendedAt: parentNode.location, asked: asked)
        return base.merged(with: node.removing("extends"))
    }

    /// The path of a layout: a file path as given (relative to the layout that extends it),
    /// else a shipped layout's name.
    /// The file a layout reference names: a shipped layout's in `layouts/`, or the path itself.
    public static func path(of reference: String) throws(Diagnostic) -> String {
        try resolve(reference, from: nil)
    }

    static func resolve(_ reference: String, from including: String?) throws(Diagnostic) -> String {
        if reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") {
            if reference.hasPrefix("/") || including == nil { return reference }
            let folder = Resources.parent(of: including!)
            return (folder.isEmpty ? "" : folder + "/") + reference
        }
        guard let folder else { throw missingFolder() }
        let path = folder + "/" + reference + ".yaml"
        guard access(path, R_OK) == 0 else {
            let names = Resources.fileNames(in: folder).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
            let suggestion = closest(to: reference, among: names).map { "did you mean '\($0)'? " } ?? ""
            throw .error("unknown layout '\(reference)'",
                         hint: suggestion + "the layouts are \(names.joined(separator: ", ")); or give the path of a .yaml file")
        }
        return path
    }

    /// Applies one `key.path=value` setting.
    static func apply(_ setting: String, to node: YAMLNode) throws(Diagnostic) -> YAMLNode {
        guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
            throw .error(at: SourceLocation(file: "--set \(setting)"), "a setting must read key.path=value",
                         hint: "for example --set styles.body.size=10pt")
        }
        let path = String(setting[..<equals]).split(separator: ".").map(String.init)
        let text = String(setting[setting.index(after: equals)...])
        let location = SourceLocation(file: "--set \(setting[..<equals])")
        // The chain of parents is read before the settings: a setting cannot change it.
        if path.first == "extends" || path.first == "version" {
            throw .error(at: location, "\(path[0]) cannot be changed with --set",
                         hint: path[0] == "extends" ? "choose the layout with --layout, or write `extends:` in a layout file of your own"
                                                    : "write the version in the layout file")
        }
        // The value is read as YAML, so that lists (`[body]`) and mappings work as in a file.
        var value = ((try? YAMLNode.parse(text, file: location.file, what: "the setting")) ?? nil) ?? YAMLNode(.scalar(text), at: location)
        value = value.relocated(to: location)
        return node.setting(path[...], to: value)
    }

    private static func read(_ path: String, extendedAt: SourceLocation? = nil) throws(Diagnostic) -> YAMLNode {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, what: extendedAt == nil ? "layout" : "parent layout", example: ".yaml file",
                                       limit: FileBytes.settingsLimit)
        } catch {
            // A parent that cannot be read is a mistake of the layout that names it.
            guard let extendedAt else { throw error }
            var located = error
            located.location = extendedAt
            located.hints.append("a path in `extends` is relative to the layout that gives it: here \(path)")
            throw located
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .error(at: SourceLocation(file: path), "the layout is not valid UTF-8", hint: "save it as UTF-8")
        }
        guard let node = try YAMLNode.parse(text, file: path, what: "the layout") else {
            throw .error(at: SourceLocation(file: path), "the layout is empty",
                         hint: "start from a shipped layout: `tract layouts` lists them")
        }
        return node
    }

    /// The name a layout file goes by: its file name without `.yaml`.
    public static func name(of path: String) -> String {
        var name = String(path.split(separator: "/").last ?? Substring(path))
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
        return name
    }

    private static func missingFolder() -> Diagnostic {
        .error("cannot find tract's layouts/ folder",
               hint: "run tract from its checkout, or set TRACT_HOME to the folder that holds layouts/")
    }
}

extension YAMLNode {
    /// The node with every location inside it replaced, for values that come from the command line.
    func relocated(to location: SourceLocation) -> YAMLNode {
        switch value {
        case .scalar:
            return YAMLNode(value, at: location)
        case .sequence(let items):
            return YAMLNode(.sequence(items.map { $0.relocated(to: location) }), at: location)
        case .mapping(let entries):
            return YAMLNode(.mapping(entries.map { ($0.key, location, $0.value.relocated(to: location)) }), at: location)
        }
    }
}
