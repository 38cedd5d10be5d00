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

    /// Loads every font in `folder`, caching the scan in the user's cache folder when it can.
    private init(folder: String) throws(Diagnostic) {
        // transfer full: released by FcConfigDestroy in deinit.
        guard let config = FcConfigCreate() else {
            preconditionFailure("FcConfigCreate returned NULL")
        }
        var xml = "<fontconfig><dir>\(FontConfiguration.escaped(folder))</dir>"
        if let cache = FontConfiguration.cacheFolder() { xml += "<cachedir>\(FontConfiguration.escaped(cache))</cachedir>" }
        xml += "</fontconfig>"
        let parsed = xml.withCString { FcConfigParseAndLoadFromMemory(config, UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self), 1) }
        guard parsed != 0, FcConfigBuildFonts(config) != 0 else {
            FcConfigDestroy(config)
            throw .error("cannot load the fonts in \(folder)", hint: "check that the folder holds .ttf or .otf files")
        }
        self.config = config
        self.folder = folder
        guard !familyNames().isEmpty else {
            throw .error("no fonts found in \(folder)", hint: "the fonts/ folder of tract's checkout holds the bundled fonts")
        }
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
    nonisolated(unsafe) private static var loaded: FontConfiguration?

    /// The process's font configuration, loaded on first use from tract's `fonts/` folder.
    ///
    /// It also becomes fontconfig's current configuration, so that Pango's start-up never
    /// reads the system's font configuration.
    static func shared() throws(Diagnostic) -> FontConfiguration {
        try lock.withLock { () throws(Diagnostic) -> FontConfiguration in
            if let loaded { return loaded }
            guard let folder = Resources.folder("fonts") else {
                throw .error("cannot find tract's fonts/ folder",
                             hint: "run tract from its checkout, or set TRACT_HOME to the folder that holds fonts/")
            }
            let configuration = try FontConfiguration(folder: folder)
            FcConfigSetCurrent(configuration.config)
            loaded = configuration
            return configuration
        }
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
        file = strings(FC_FILE).first.map { String($0.split(separator: "/").last ?? "") } ?? ""
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

