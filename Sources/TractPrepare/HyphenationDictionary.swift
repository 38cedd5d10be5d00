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
    /// The byte of each non-ASCII character in a single-byte dictionary (`ISO8859-1` for
    /// German, `KOI8-R` for Russian); nil for a UTF-8 dictionary.
    private let singleByte: [Unicode.Scalar: UInt8]?

    /// Loads a dictionary file; a missing or unreadable file is a diagnostic.
    public init(path: String, package: String) throws(Diagnostic) {
        guard access(path, R_OK) == 0 else {
            throw .error("the hyphenation dictionary \(path) is missing",
                         hint: "install it with `apt-get install \(package)`")
        }
        // transfer full: released by hnj_hyphen_free in deinit.
        guard let loaded = Self.load(path) else {
            throw .error("cannot load the hyphenation dictionary \(path)",
                         hint: "reinstall it with `apt-get install --reinstall \(package)`")
        }
        // The charset is the file's first line: stop at its end, or at the C string's.
        let charset = withUnsafeBytes(of: loaded.pointee.cset) { String(decoding: $0.prefix { $0 > 0x20 }, as: UTF8.self) }
        if loaded.pointee.utf8 != 0 {
            singleByte = nil
        } else if let table = Self.singleByteTable(charset) {
            singleByte = table
        } else {
            hnj_hyphen_free(loaded)
            throw .error("the hyphenation dictionary \(path) is in \(charset), which iconv does not know",
                         hint: "reinstall it with `apt-get install --reinstall \(package)`")
        }
        dictionary = loaded
        self.path = path
    }

    /// Loads a dictionary with libhyphen. A two-level dictionary (`NEXTLEVEL`) is loaded from its
    /// second level only, the hyphenation patterns proper: the first level of Debian's German
    /// file is a list of 69 000 compound words, which takes libhyphen 1.5 s to load and which
    /// `hnj_hyphen_hyphenate2` would use alone, leaving every word outside the list unbroken.
    private static func load(_ path: String) -> UnsafeMutablePointer<HyphenDict>? {
        guard let bytes = try? FileBytes.read(path, what: "hyphenation dictionary", example: "hyph_fr.dic", limit: 64 << 20),
              let marker = secondLevel(in: bytes) else { return hnj_hyphen_load(path) }
        // The charset line and the first level's settings (upper-case keywords, where patterns
        // are lower-case), then the second level.
        var text: [UInt8] = []
        for line in bytes[..<marker.keywordLine].split(separator: 0x0A) where (0x41...0x5A).contains(line.first!) {
            text += line
            text.append(0x0A)
        }
        text += bytes[marker.secondLevel...]
        return text.withUnsafeMutableBytes { (buffer) -> UnsafeMutablePointer<HyphenDict>? in
            guard let file = fmemopen(buffer.baseAddress, buffer.count, "r") else { return nil }
            defer { fclose(file) }
            return hnj_hyphen_load_file(file)
        }
    }

    /// Where a two-level dictionary's `NEXTLEVEL` line starts and where its second level starts,
    /// after that line; nil for a one-level dictionary.
    private static func secondLevel(in bytes: [UInt8]) -> (keywordLine: Int, secondLevel: Int)? {
        let keyword = Array("\nNEXTLEVEL".utf8)
        guard bytes.count > keyword.count, let charsetEnd = bytes.firstIndex(of: 0x0A) else { return nil }
        var index = charsetEnd
        while index + keyword.count <= bytes.count {
            if bytes[index] == 0x0A && bytes[index..<index + keyword.count].elementsEqual(keyword) {
                guard let lineEnd = bytes[(index + 1)...].firstIndex(of: 0x0A) else { return nil }
                return (index + 1, lineEnd + 1)
            }
            index += 1
        }
        return nil
    }

    /// The byte that encodes each non-ASCII character of a single-byte charset, read once from
    /// iconv; nil when iconv does not know the charset.
    private static func singleByteTable(_ charset: String) -> [Unicode.Scalar: UInt8]? {
        // transfer full: released by iconv_close below.
        let converter = iconv_open("UTF-8", charset)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var table: [Unicode.Scalar: UInt8] = [:]
        for byte in UInt8(0x80)...UInt8(0xFF) {
            var input = [CChar(bitPattern: byte)]
            var output = [CChar](repeating: 0, count: 8)
            let written = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    var inPointer = inBuffer.baseAddress
                    var outPointer = outBuffer.baseAddress
                    var inLeft = 1
                    var outLeft = outBuffer.count
                    // A byte the charset leaves undefined fails alone: it never matches a letter.
                    guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return 0 }
                    return outBuffer.count - outLeft
                }
            }
            let decoded = String(decoding: output[..<written].map { UInt8(bitPattern: $0) }, as: UTF8.self).unicodeScalars
            if decoded.count == 1, let scalar = decoded.first { table[scalar] = byte }
        }
        return table
    }

    deinit {
        hnj_hyphen_free(dictionary)
    }

    private static let cacheLock = Lock()
    nonisolated(unsafe) private static var cache: [String: HyphenationDictionary] = [:]

    /// The dictionary for a language's settings, loaded on first use: the first of its files
    /// that is installed, else the error names the preferred one.
    public static func shared(for settings: HyphenationSettings) throws(Diagnostic) -> HyphenationDictionary {
        guard let preferred = settings.dictionary else {
            throw .error("this language has no hyphenation dictionary", hint: "it breaks words by its syllable rules alone")
        }
        let paths = ([preferred] + settings.fallbackDictionaries).map { folder + "/" + $0 }
        let path = paths.first { access($0, R_OK) == 0 } ?? paths[0]
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
        guard let encoded = encode(word), !encoded.isEmpty else { return [] }
        var hyphens = [CChar](repeating: 0, count: encoded.count + 5)
        var replacements: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        var positions: UnsafeMutablePointer<Int32>?
        var cuts: UnsafeMutablePointer<Int32>?
        // libhyphen also reads the word as a C string (it looks for its NOHYPHEN sequences with
        // strstr), so the bytes end with a NUL that the length leaves out.
        let status = hnj_hyphen_hyphenate2(dictionary, encoded + [0], Int32(encoded.count), &hyphens, nil,
                                           &replacements, &positions, &cuts)
        defer { freeReplacements(replacements, positions, cuts, count: encoded.count) }
        guard status == 0 else { return [] }
        // With a UTF-8 dictionary, libhyphen reports one entry per character, not per byte (and
        // a single-byte one has one byte a character): an odd value at entry `i` allows a break
        // after character `i`.
        var points: [Int] = []
        for index in 0..<(word.count - 1) where hyphens[index] & 1 == 1 {
            if let replacements, replacements[index] != nil { continue }
            points.append(index + 1)
        }
        return points
    }

    /// The word in the dictionary's charset; nil when a character has no byte there, so the
    /// word cannot match any pattern.
    private func encode(_ word: [Unicode.Scalar]) -> [CChar]? {
        var bytes: [CChar] = []
        bytes.reserveCapacity(word.count * 2)
        for scalar in word {
            if let singleByte, scalar.value >= 0x80 {
                guard let byte = singleByte[scalar] else { return nil }
                bytes.append(CChar(bitPattern: byte))
            } else {
                UTF8.encode(scalar) { bytes.append(CChar(bitPattern: $0)) }
            }
        }
        return bytes
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

