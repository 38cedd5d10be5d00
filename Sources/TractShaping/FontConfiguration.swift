internal import CCairoPango
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// The bundled fonts, registered with a private fontconfig configuration.
///
/// Only the fonts in `fonts/` are visible: a layout renders the same on every machine and
/// never picks up a system font by accident. Sendable: fontconfig configurations are
/// reference-counted and safe to read from several threads.
final class FontConfiguration: @unchecked Sendable {
    let config: OpaquePointer
    /// The folder the fonts were loaded from.
    let folder: String
    /// That folder with its links resolved, to tell the bundled faces from the others.
    let realFolder: String

    /// Loads every font in the bundled `folder`, then those of `sources`, caching the scan in
    /// the user's cache folder when it can.
    private init(folder: String, sources: FontSources) throws(Diagnostic) {
        // transfer full: released by FcConfigDestroy in deinit.
        guard let config = sources.system ? FcInitLoadConfigAndFonts() : FcConfigCreate() else {
            preconditionFailure("FcConfigCreate returned NULL")
        }
        self.config = config
        self.folder = folder
        realFolder = realpath(folder, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        } ?? folder
        if sources.system {
            guard FcConfigAppFontAddDir(config, folder) != 0 else {
                throw .error("cannot load the fonts in \(folder)", hint: "check that the folder holds .ttf or .otf files")
            }
        } else {
            var xml = "<fontconfig><dir>\(FontConfiguration.escaped(folder))</dir>"
            if let cache = FontConfiguration.cacheFolder() { xml += "<cachedir>\(FontConfiguration.escaped(cache))</cachedir>" }
            xml += "</fontconfig>"
            let parsed = xml.withCString { FcConfigParseAndLoadFromMemory(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self), 1) }
            guard parsed != 0, FcConfigBuildFonts(config) != 0 else {
                throw .error("cannot load the fonts in \(folder)", hint: "check that the folder holds .ttf or .otf files")
            }
        }
        guard !familyNames().isEmpty else {
            throw .error("no fonts found in \(folder)", hint: "the fonts/ folder of tract's checkout holds the bundled fonts")
        }
        for entry in sources.entries { try add(entry) }
    }

    /// Adds a font file, or every font of a folder, refusing what is not a font and a font whose
    /// licence forbids embedding it in a PDF.
    private func add(_ entry: FontSources.Entry) throws(Diagnostic) {
        let files = Resources.isDirectory(entry.path) ? try FontConfiguration.fontFiles(in: entry) : [entry.path]
        guard !files.isEmpty else {
            throw .error(at: entry.place, "no fonts found in \(entry.path)",
                         hint: "a font folder holds .ttf, .otf or .ttc files, in it or in its subfolders")
        }
        for file in files {
            var faces: Int32 = 0
            // transfer full: destroyed at once; the query only says whether the file is a font.
            guard let pattern = FcFreeTypeQuery(file, 0, nil, &faces) else {
                throw .error(at: entry.place, "\(file) is not a font file tract can read",
                             hint: "give TrueType or OpenType fonts (.ttf, .otf or .ttc), or a folder of them")
            }
            FcPatternDestroy(pattern)
            try EmbeddingPermission.check(file, at: entry.place)
            guard FcConfigAppFontAddFile(config, file) != 0 else {
                throw .error(at: entry.place, "cannot load the font \(file)", hint: "check that it can be read (`ls -l`)")
            }
        }
    }

    /// The most files and folders a font folder's tree may hold: enough for any font family's
    /// folder, and a mistaken `/` or home folder is refused rather than searched for minutes.
    static let largestFolder = 5000
    /// How deep into a font folder's subfolders fonts are looked for.
    static let deepestFolder = 3
    /// What font files are called.
    static let fontExtensions: Set<String> = ["ttf", "otf", "ttc", "otc"]

    /// The font files of a folder and its subfolders, by name, sorted so that the same folder
    /// always loads in the same order.
    static func fontFiles(in entry: FontSources.Entry) throws(Diagnostic) -> [String] {
        var files: [String] = []
        var seen = 0
        var folders = [(entry.path, 0)]
        while let (folder, depth) = folders.popLast() {
            for name in Resources.fileNames(in: folder).sorted() {
                seen += 1
                guard seen <= largestFolder else {
                    throw .error(at: entry.place, "the font folder \(entry.path) holds more than \(largestFolder) files and folders",
                                 hint: "name the folder the fonts are in, not one above it")
                }
                let path = folder + "/" + name
                if Resources.isDirectory(path) {
                    if depth < deepestFolder { folders.append((path, depth + 1)) }
                } else if let dot = name.lastIndex(of: "."), fontExtensions.contains(name[name.index(after: dot)...].lowercased()) {
                    files.append(path)
                }
            }
        }
        return files.sorted()
    }

    deinit {
        FcConfigDestroy(config)
        if let coverage { FcCharSetDestroy(coverage) }
    }

    /// Every character some bundled face has, made on first use. Guarded by `coverageLock`.
    private var coverage: OpaquePointer?
    private let coverageLock = Lock()

    /// Whether some bundled face can draw a character.
    func covers(_ scalar: Unicode.Scalar) -> Bool {
        coverageLock.withLock {
            if coverage == nil {
                // transfer full: destroyed in deinit.
                let union = FcCharSetCreate()
                for face in faces() { face.addCoverage(to: union) }
                coverage = union
            }
            return FcCharSetHasChar(coverage, scalar.value) != 0
        }
    }

    /// The family names of the loaded fonts, every name a font answers to.
    func familyNames() -> Set<String> {
        Set(faces().flatMap(\.families))
    }

    /// Every loaded face, with the names it answers to and the characters it covers.
    func faces() -> [FontFace] {
        var faces: [FontFace] = []
        for setName in [FcSetSystem, FcSetApplication] {
            // transfer none: the set belongs to the configuration.
            guard let set = FcConfigGetFonts(config, setName) else { continue }
            for index in 0..<Int(set.pointee.nfont) {
                guard let pattern = set.pointee.fonts[index] else { continue }
                faces.append(FontFace(pattern: pattern, owner: self))
            }
        }
        return faces.sorted { ($0.file, $0.style) < ($1.file, $1.style) }
    }

    private static let lock = Lock()
    nonisolated(unsafe) private static var loaded: [FontSources: FontConfiguration] = [:]

    /// The process's font configuration for a set of fonts, loaded on first use from tract's
    /// `fonts/` folder and the fonts named.
    ///
    /// The bundled fonts' configuration becomes fontconfig's current one, so that Pango's
    /// start-up never reads the system's font configuration.
    static func shared(for sources: FontSources = .bundled) throws(Diagnostic) -> FontConfiguration {
        try lock.withLock { () throws(Diagnostic) -> FontConfiguration in
            if let known = loaded[sources] { return known }
            guard let folder = Resources.folder("fonts") else {
                throw .error("cannot find tract's fonts/ folder",
                             hint: "run tract from its checkout, or set TRACT_HOME to the folder that holds fonts/")
            }
            if loaded[.bundled] == nil {
                let bundled = try FontConfiguration(folder: folder, sources: .bundled)
                FcConfigSetCurrent(bundled.config)
                loaded[.bundled] = bundled
            }
            if let bundled = loaded[sources] { return bundled }
            let configuration = try FontConfiguration(folder: folder, sources: sources)
            loaded[sources] = configuration
            return configuration
        }
    }

    /// Drops every configuration but the bundled fonts' one.
    static func forgetAdded() {
        lock.withLock { loaded = loaded.filter { $0.key.isBundledOnly } }
    }

    /// `$XDG_CACHE_HOME/tract/fontconfig` or `~/.cache/tract/fontconfig`, created if needed;
    /// nil when it cannot be written, and fontconfig then scans the fonts each time.
    private static func cacheFolder() -> String? {
        let base: String
        if let xdg = getenv("XDG_CACHE_HOME"), xdg.pointee != 0 {
            base = String(cString: xdg)
        } else if let home = getenv("HOME"), home.pointee != 0 {
            base = String(cString: home) + "/.cache"
        } else {
            return nil
        }
        var path = ""
        for component in (base + "/tract/fontconfig").split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o755) != 0 && errno != EEXIST { return nil }
        }
        return access(path, W_OK) == 0 ? path : nil
    }

    private static func escaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }
}

/// One face of a bundled font: its file, names and coverage.
public struct FontFace: @unchecked Sendable {
    /// The font file's name, without its folder.
    public let file: String
    /// The font file's path.
    public let path: String
    /// Whether the face is one of tract's own fonts, not one a layout or the machine added.
    public let isBundled: Bool
    /// Every family name the face answers to (`Noto Sans`, `Noto Sans Condensed Bold`).
    public let families: [String]
    public let style: String
    // transfer none: the pattern belongs to the configuration, which `owner` keeps alive.
    private let pattern: OpaquePointer
    private let owner: FontConfiguration

    init(pattern: OpaquePointer, owner: FontConfiguration) {
        self.pattern = pattern
        self.owner = owner
        func strings(_ object: String) -> [String] {
            var values: [String] = []
            var id: Int32 = 0
            var value: UnsafeMutablePointer<FcChar8>?
            while FcPatternGetString(pattern, object, id, &value) == FcResultMatch, let value {
                values.append(String(cString: value))
                id += 1
            }
            return values
        }
        path = strings(FC_FILE).first ?? ""
        file = String(path.split(separator: "/").last ?? "")
        isBundled = (realpath(path, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved).hasPrefix(owner.realFolder + "/")
        }) ?? false
        families = strings(FC_FAMILY)
        style = strings(FC_STYLE).first ?? ""
    }

    /// Adds the face's characters to a set.
    func addCoverage(to set: OpaquePointer?) {
        var charset: OpaquePointer?
        // transfer none: the character set belongs to the pattern.
        guard FcPatternGetCharSet(pattern, FC_CHARSET, 0, &charset) == FcResultMatch, let charset else { return }
        FcCharSetMerge(set, charset, nil)
    }

    /// Whether the face has a glyph for a character.
    public func covers(_ scalar: Unicode.Scalar) -> Bool {
        var charset: OpaquePointer?
        // transfer none: the character set belongs to the pattern.
        guard FcPatternGetCharSet(pattern, FC_CHARSET, 0, &charset) == FcResultMatch, let charset else { return false }
        return FcCharSetHasChar(charset, scalar.value) != 0
    }
}

/// The scripts the bundled fonts are checked for, each with the letters a face must have to set
/// it: a language's own letters, not just the basic ones.
public enum Script {
    public static let all: [(name: String, letters: String)] = [
        ("Latin", "AZaz ÀÂÇÉÈÊËÎÏÔÛÙÜŸŒÆàâçéèêëîïôûùüÿœæ ÄÖÜßäöü ÁÍÑÓÚáíñóú¡¿"),
        ("Cyrillic", "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя ЄІЇҐєіїґ"),
        ("Kazakh", "ӘҒҚҢӨҰҮҺІәғқңөұүһі"),
        ("Greek", "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω"),
        ("Arabic", "ابتثجحخدذرزسشصضطظعغفقكلمنهوي٠١٢٣٤٥٦٧٨٩،؛؟"),
    ]

    /// The names of the scripts that every one of the faces can set.
    public static func covered(by faces: [FontFace]) -> [String] {
        all.filter { script in
            faces.allSatisfy { face in script.letters.unicodeScalars.allSatisfy { $0 == " " || face.covers($0) } }
        }.map(\.name)
    }
}

