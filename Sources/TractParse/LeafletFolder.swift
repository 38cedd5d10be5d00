import TractCore
import TractYAML

#if canImport(Glibc)
import Glibc
#endif

/// A leaflet folder: one source per language (`fr.txt`, `en.md`, `kk.md`…) and a
/// `leaflet.yaml` with what they share.
public struct LeafletFolder: Sendable {
    /// The folder's path as given, and its name (`kazakhstan`), which names its output files.
    public var path: String
    public var name: String
    /// Each source with its language and its parsed text, sorted by language.
    public var sources: [(path: String, language: String, parsed: ParsedSource)]
    /// The sources that could not be read or whose language cannot be told, with why: they
    /// fail on their own, the others still render.
    public var unreadable: [(path: String, problem: Diagnostic)]
    public var manifest: Manifest

    /// What the languages share, from `leaflet.yaml`; every value may differ per language.
    public struct Manifest: Sendable {
        /// The layouts to render, each with its place in leaflet.yaml; nil means every shipped
        /// layout. A layout file's path is relative to the folder.
        public var layouts: [(name: String, location: SourceLocation)]?
        /// Shared values by key (`organisation`, `date`, `contact`, `url`, `imprint`, `logo`, `keywords`).
        public var values: [String: String] = [:]
        /// Values for one language, by tag, laid over the shared ones.
        public var languages: [String: [String: String]] = [:]

        /// The keys `leaflet.yaml` may give, for every language or under `languages.TAG`.
        public static let keys = Role.allCases.compactMap(\.traits.folderKey) + ["url", "logo", "photo", "photo-focus", "keywords"]

        /// Where the manifest was read from, for the places of the blocks it adds.
        public var file = "leaflet.yaml"

        /// A data merge's table (`data: groups.csv`), as a path from the current folder, and
        /// where leaflet.yaml names it: one leaflet per row.
        public var data: (path: String, location: SourceLocation)?
        /// The name of each file under the folder's output folder, with placeholders
        /// (`output: "{{slug}}/{{lang}}-{{layout}}.pdf"`), and where it is written.
        public var output: (pattern: String, location: SourceLocation)?

        /// The value of a key for a language; a language that sets a key to nothing (`date: ~`)
        /// has none, even when the others share one.
        public func value(_ key: String, language: String) -> String? {
            let tags = LanguageTag(language)?.fallbacks ?? [language]
            let value = tags.lazy.compactMap { languages[$0]?[key] }.first ?? values[key]
            return value?.isEmpty == true ? nil : value
        }

        /// A source completed with what the manifest shares: the organisation as signature, the
        /// date, contact and imprint lines, and the web address, where the source gives none of its own.
        public func complete(_ parsed: ParsedSource, language: String) -> ParsedSource {
            var completed = parsed
            let roles = Set(parsed.recognized.map(\.block.role))
            for role in Role.allCases where !roles.contains(role) {
                guard let key = role.traits.folderKey, let value = value(key, language: language) else { continue }
                completed.recognized.append(RecognizedBlock(block: Block(role, StyledText(value), at: SourceLocation(file: file)),
                                                            reason: "leaflet.yaml `\(key)`", lines: 1...1))
            }
            if completed.url == nil { completed.url = value("url", language: language) }
            if completed.keywords.isEmpty, let keywords = value("keywords", language: language) {
                completed.keywords = ParsedSource.keywords(keywords)
            }
            if completed.logo == nil, let logo = value("logo", language: language) {
                completed.logo = ParsedSource.path(logo, besideSource: file)
            }
            if completed.photo == nil, let photo = value("photo", language: language) {
                // The focus was checked when the file was read.
                completed.photo = Photo(path: ParsedSource.path(photo, besideSource: file),
                                        focus: completed.photoFocus?.point ?? value("photo-focus", language: language).flatMap(FocusPoint.init))
            }
            return completed
        }
    }

    /// Reads a folder: finds its sources and their languages, and its manifest when it has one.
    /// `languageOf` tells a source's language (a function, so the pipeline's rules apply).
    public static func read(_ path: String, languageOf: (ParsedSource) throws(Diagnostic) -> String) throws(Diagnostic) -> LeafletFolder {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard Resources.isDirectory(trimmed) else {
            throw .error(at: SourceLocation(file: path), "this is not a folder",
                         hint: "give a leaflet folder: one source per language (fr.txt, en.md…) and a leaflet.yaml")
        }
        // The folder's own name, also when it is given as `.` or `../kazakhstan/`.
        var resolved = trimmed
        if let real = realpath(trimmed, nil) {
            resolved = String(cString: real)
            free(real)
        }
        let name = String(resolved.split(separator: "/").last ?? Substring(resolved))
        let files = Resources.fileNames(in: trimmed).filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
            .filter { $0.lowercased() != "readme.md" }.sorted()
        guard !files.isEmpty else {
            throw .error(at: SourceLocation(file: trimmed), "the folder holds no leaflet sources",
                         hint: "add one source per language, named by its language: fr.txt, en.md, kk.md…")
        }
        var sources: [(path: String, language: String, parsed: ParsedSource)] = []
        var unreadable: [(path: String, problem: Diagnostic)] = []
        for file in files {
            let source = trimmed + "/" + file
            do throws(Diagnostic) {
                let parsed = try ParsedSource.parse(SourceFile.read(source))
                let language = try languageOf(parsed)
                if let earlier = sources.first(where: { $0.language == language }) {
                    throw .error(at: SourceLocation(file: source), "two sources are in '\(language)': \(earlier.path) and \(source)",
                                 hint: "keep one source per language in a folder")
                }
                sources.append((source, language, parsed))
            } catch {
                unreadable.append((source, error))
            }
        }
        sources.sort { $0.language < $1.language }
        let manifestPath = trimmed + "/leaflet.yaml"
        let manifest = access(manifestPath, F_OK) == 0 ? try readManifest(manifestPath) : Manifest()
        return LeafletFolder(path: trimmed, name: name, sources: sources, unreadable: unreadable, manifest: manifest)
    }

    /// The keys at the top of `leaflet.yaml`.
    public static let manifestKeys = ["layouts", "languages", "data", "output"] + Manifest.keys

    /// Reads `leaflet.yaml`: the layouts to render, the values every language shares and those
    /// of each language.
    static func readManifest(_ path: String) throws(Diagnostic) -> Manifest {
        let reader = ManifestReader(path: path)
        let root = try reader.root()
        var manifest = Manifest()
        manifest.file = path
        guard let root else { return manifest }
        guard case .mapping(let mapping) = root.value else {
            throw .error(at: root.location, "leaflet.yaml must be `key: value` lines", hint: "for example `organisation: …`")
        }
        for (key, keyLocation, value) in mapping {
            switch key {
            case "layouts":
                manifest.layouts = try reader.layouts(value)
            case "languages":
                try reader.languages(value, into: &manifest.languages)
            case "data":
                let file = try reader.scalarText(value, key)
                guard !file.isEmpty else { throw .error(at: value.location, "`data` names no file", hint: "write `data: groups.csv`") }
                manifest.data = (ParsedSource.path(file, besideSource: path), value.location)
            case "output":
                let pattern = try reader.scalarText(value, key)
                guard !pattern.isEmpty else {
                    throw .error(at: value.location, "`output` is empty", hint: "write `output: \"{{slug}}/{{lang}}-{{layout}}.pdf\"`")
                }
                manifest.output = (pattern, value.location)
            case let name where Manifest.keys.contains(name):
                manifest.values[name] = try reader.scalarText(value, name)
            default:
                throw reader.unknown(key, at: keyLocation, among: manifestKeys)
            }
        }
        return manifest
    }

    /// Reads the parts of one `leaflet.yaml`, each error placed in the file.
    private struct ManifestReader {
        /// The manifest's path, for the errors' locations.
        let path: String

        /// The file's YAML tree; nil when it holds nothing.
        func root() throws(Diagnostic) -> YAMLNode? {
            let bytes = try FileBytes.read(path, what: "leaflet manifest", example: "leaflet.yaml", limit: FileBytes.settingsLimit)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .error(at: SourceLocation(file: path), "leaflet.yaml is not valid UTF-8", hint: "save it as UTF-8")
            }
            return try YAMLNode.parse(text, file: path, what: "leaflet.yaml")
        }

        /// A value's text; "" for nothing (`key:`, `key: ~`, `key: null`), which removes a shared value.
        func scalarText(_ node: YAMLNode, _ key: String) throws(Diagnostic) -> String {
            guard case .scalar(let text) = node.value else {
                throw .error(at: node.location, "`\(key)` must be a single line of text", hint: "write `\(key): …`")
            }
            if key == "photo-focus", !node.isNull, FocusPoint(text) == nil {
                throw .error(at: node.location, "'\(text)' is not a focus point", hint: "write \(FocusPoint.syntax)")
            }
            return node.isNull ? "" : text
        }

        /// The error for a key that is not among `keys`, with the closest one as a hint.
        func unknown(_ name: String, at location: SourceLocation, among keys: [String]) -> Diagnostic {
            .error(at: location, "unknown key '\(name)' in leaflet.yaml",
                          hint: closest(to: name, among: keys).map { "did you mean '\($0)'?" } ?? "the keys are \(keys.joined(separator: ", "))")
        }

        /// The layouts of `layouts:`, a list that names at least one, each with its place.
        func layouts(_ value: YAMLNode) throws(Diagnostic) -> [(name: String, location: SourceLocation)] {
            guard case .sequence(let items) = value.value else {
                throw .error(at: value.location, "`layouts` must be a list", hint: "write `layouts: [a4-classic, a5-flyer]`")
            }
            guard !items.isEmpty else {
                throw .error(at: value.location, "`layouts` is empty: nothing would be rendered",
                             hint: "name at least one layout, or remove the line to render them all")
            }
            var layouts: [(name: String, location: SourceLocation)] = []
            for item in items {
                let name = try scalarText(item, "layouts")
                guard !name.isEmpty else {
                    throw .error(at: item.location, "an empty layout name", hint: "write a layout's name, such as a4-classic")
                }
                layouts.append((name, item.location))
            }
            return layouts
        }

        /// Sets the values of each language under `languages:`, by its canonical tag.
        func languages(_ value: YAMLNode, into languages: inout [String: [String: String]]) throws(Diagnostic) {
            guard case .mapping(let tags) = value.value else {
                throw .error(at: value.location, "`languages` must map language tags to their values",
                             hint: "write `languages:` then `ar: {organisation: …}`")
            }
            for (tag, tagLocation, entries) in tags {
                guard case .mapping(let pairs) = entries.value else {
                    throw .error(at: entries.location, "`languages.\(tag)` must be `key: value` lines",
                                 hint: "for example `organisation: …`")
                }
                var values: [String: String] = [:]
                for (name, nameLocation, entry) in pairs {
                    guard Manifest.keys.contains(name) else { throw unknown(name, at: nameLocation, among: Manifest.keys) }
                    values[name] = try scalarText(entry, name)
                }
                guard let canonical = LanguageTag.canonical(tag) else {
                    throw .error(at: tagLocation, "`languages.\(tag)` is not a language tag",
                                 hint: "write a BCP 47 tag such as fr, en or fr-CA")
                }
                languages[canonical] = values
            }
        }
    }

    /// A source completed with what the folder's manifest shares.
    public func complete(_ parsed: ParsedSource, language: String) -> ParsedSource {
        manifest.complete(parsed, language: language)
    }

    /// The manifest of the folder a source is in, when it has a `leaflet.yaml`.
    public static func manifest(besideSource path: String) throws(Diagnostic) -> Manifest? {
        let folder = Resources.parent(of: path)
        let manifestPath = (folder.isEmpty ? "" : folder + "/") + "leaflet.yaml"
        return access(manifestPath, F_OK) == 0 ? try readManifest(manifestPath) : nil
    }
}
