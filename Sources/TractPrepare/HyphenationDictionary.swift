import CHyphen
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// A libhyphen pattern dictionary, loaded once per process and shared.
///
/// Sendable: libhyphen only reads a dictionary once it is loaded, so hyphenating from several
/// threads at once is safe.
public final class HyphenationDictionary: @unchecked Sendable {
    /// The folder Debian's `hyphen-*` packages install their dictionaries in.
    public static let folder = "/usr/share/hyphen"

    private let dictionary: UnsafeMutablePointer<HyphenDict>
    public let path: String

    /// Loads a dictionary file; a missing or unreadable file is a diagnostic.
    public init(path: String, package: String) throws(Diagnostic) {
        guard access(path, R_OK) == 0 else {
            throw .error("the hyphenation dictionary \(path) is missing",
                         hint: "install it with `apt-get install \(package)`")
        }
        // transfer full: released by hnj_hyphen_free in deinit.
        guard let loaded = hnj_hyphen_load(path) else {
            throw .error("cannot load the hyphenation dictionary \(path)",
                         hint: "reinstall it with `apt-get install --reinstall \(package)`")
        }
        dictionary = loaded
        self.path = path
    }

    deinit {
        hnj_hyphen_free(dictionary)
    }

    private static let cacheLock = Lock()
    nonisolated(unsafe) private static var cache: [String: HyphenationDictionary] = [:]

    /// The dictionary for a language's settings, loaded on first use.
    public static func shared(for settings: HyphenationSettings) throws(Diagnostic) -> HyphenationDictionary {
        let path = folder + "/" + settings.dictionary
        return try cacheLock.withLock { () throws(Diagnostic) -> HyphenationDictionary in
            if let loaded = cache[path] { return loaded }
            let loaded = try HyphenationDictionary(path: path, package: settings.package)
            cache[path] = loaded
            return loaded
        }
    }

    /// The positions inside a lower-case word where the patterns allow a break: `i` means a
    /// break between scalar `i - 1` and scalar `i`. Non-standard breaks (which change the
    /// letters, as German `ck` → `k-k` once did) are left out.
    public func breakPoints(in word: [Unicode.Scalar]) -> [Int] {
        var utf8: [CChar] = []
        utf8.reserveCapacity(word.count * 2)
        for scalar in word {
            UTF8.encode(scalar) { utf8.append(CChar(bitPattern: $0)) }
        }
        guard !utf8.isEmpty else { return [] }
        var hyphens = [CChar](repeating: 0, count: utf8.count + 5)
        var replacements: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var positions: UnsafeMutablePointer<Int32>?
        var cuts: UnsafeMutablePointer<Int32>?
        let status = hnj_hyphen_hyphenate2(dictionary, utf8, Int32(utf8.count), &hyphens, nil,
                                           &replacements, &positions, &cuts)
        defer { freeReplacements(replacements, positions, cuts, count: utf8.count) }
        guard status == 0 else { return [] }
        // With a UTF-8 dictionary, libhyphen reports one entry per character, not per byte:
        // an odd value at entry `i` allows a break after character `i`.
        var points: [Int] = []
        for index in 0..<(word.count - 1) where hyphens[index] & 1 == 1 {
            if let replacements, replacements[index] != nil { continue }
            points.append(index + 1)
        }
        return points
    }

    private func freeReplacements(_ replacements: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                  _ positions: UnsafeMutablePointer<Int32>?,
                                  _ cuts: UnsafeMutablePointer<Int32>?, count: Int) {
        if let replacements {
            for index in 0..<count { free(replacements[index]) }
            free(replacements)
        }
        free(positions)
        free(cuts)
    }
}
