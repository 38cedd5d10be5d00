import Foundation

/// The text a PDF shows, page by page, in content-stream order, decoded through each font's ToUnicode CMap.
///
/// Text objects (`BT` … `ET`) and changes of line are separated by "\n"; nothing else is added,
/// so word spaces are there only when the PDF draws them as glyphs, as Cairo does. Anything the
/// reader does not understand (a compressed stream, a font without ToUnicode, a code the CMap
/// does not map, an unknown operator) throws a `PDFTextError` rather than give wrong text.
///
/// With a `glyphSeparator`, the text of each glyph (or of each actual-text span) is followed by
/// it, so that a test can put glyphs drawn in visual order back in reading order.
func pdfText(_ path: String, glyphSeparator: String = "") throws -> [String] {
    let file = try PDFFile(bytes: uncompressedBytes(of: path))
    return try file.pages().map { page in
        var walk = TextWalk(file: file, glyphSeparator: glyphSeparator)
        try walk.run(page.content, resources: page.resources, depth: 0)
        return walk.text
    }
}

/// A glyph as drawn: the text it stands for, and where its origin is on the page, in PDF user
/// space: points from the page's bottom left corner.
struct PDFGlyph: Equatable {
    var text: String
    var x: Double
    var y: Double
}

/// The glyphs a PDF draws, page by page, in content-stream order, with their positions: the
/// advances come from each font's widths. A glyph run under an `/ActualText` is one glyph.
func pdfGlyphs(_ path: String) throws -> [[PDFGlyph]] {
    let file = try PDFFile(bytes: uncompressedBytes(of: path))
    return try file.pages().map { page in
        var walk = TextWalk(file: file, glyphSeparator: "")
        try walk.run(page.content, resources: page.resources, depth: 0)
        return walk.glyphs
    }
}

/// What `pdfText` met and could not read, in words.
struct PDFTextError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The PDF at `path` rewritten by qpdf with every stream decompressed and no object streams.
private func uncompressedBytes(of path: String) throws -> [UInt8] {
    let folder = try TemporaryFolder()
    return try withExtendedLifetime(folder) {
        let output = folder.path + "/qdf.pdf"
        let qpdf = try run("qpdf", ["--qdf", "--object-streams=disable", path, output])
        // Status 3 means qpdf repaired something: the file is not what Cairo wrote, so refuse it.
        guard qpdf.status == 0 else {
            throw PDFTextError("qpdf failed on \(path) (status \(qpdf.status)): \(qpdf.stderr)")
        }
        guard let data = FileManager.default.contents(atPath: output) else {
            throw PDFTextError("qpdf wrote no file for \(path)")
        }
        return [UInt8](data)
    }
}

/// A PDF value, as the file or a content stream spells it.
private enum PDFObject {
    case null
    case boolean(Bool)
    case integer(Int)
    case real(Double)
    case string([UInt8])
    case name(String)
    case array([PDFObject])
    case dictionary([String: PDFObject])
    case reference(Int)
    case stream([String: PDFObject], [UInt8])

    var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    var integer: Int? {
        if case .integer(let value) = self { value } else { nil }
    }

    var string: [UInt8]? {
        if case .string(let value) = self { value } else { nil }
    }

    var name: String? {
        if case .name(let value) = self { value } else { nil }
    }

    var array: [PDFObject]? {
        if case .array(let value) = self { value } else { nil }
    }

    var dictionary: [String: PDFObject]? {
        if case .dictionary(let value) = self { value } else { nil }
    }
}

/// One thing read from PDF syntax: a value, or a bare keyword (an operator, `obj`, `stream`, `def`).
private enum PDFItem {
    case object(PDFObject)
    case keyword(String)
}

/// Reads PDF tokens and values from bytes: the file's objects, content streams and CMaps.
private struct PDFScanner {
    let bytes: [UInt8]
    var position: Int

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        "()<>[]{}/%".utf8.contains(byte)
    }

    /// The next value or keyword, or nil at the end of the bytes.
    mutating func next() throws -> PDFItem? {
        skipWhitespace()
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "("):
            return .object(.string(try literalString()))
        case UInt8(ascii: "<") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: "<"):
            position += 2
            return .object(.dictionary(try dictionaryBody()))
        case UInt8(ascii: "<"):
            return .object(.string(try hexString()))
        case UInt8(ascii: "["):
            position += 1
            return .object(.array(try arrayBody()))
        case UInt8(ascii: "/"):
            position += 1
            return .object(.name(try name()))
        case let byte where PDFScanner.isDelimiter(byte):
            throw PDFTextError("unexpected '\(Character(Unicode.Scalar(byte)))' at byte \(position)")
        default:
            let token = regularToken()
            switch token {
            case "true": return .object(.boolean(true))
            case "false": return .object(.boolean(false))
            case "null": return .object(.null)
            default: break
            }
            if let value = PDFScanner.integer(token) {
                return .object(value >= 0 && followedByReferenceMark() ? .reference(value) : .integer(value))
            }
            if let value = PDFScanner.real(token) { return .object(.real(value)) }
            return .keyword(token)
        }
    }

    /// The next item, which must be a value.
    mutating func nextObject() throws -> PDFObject {
        switch try next() {
        case .object(let object): return object
        case .keyword(let keyword): throw PDFTextError("expected a value at byte \(position), found '\(keyword)'")
        case nil: throw PDFTextError("expected a value, found the end of the data")
        }
    }

    /// Reads the keyword `expected`, or throws.
    mutating func expect(_ expected: String) throws {
        guard case .keyword(expected) = try next() else {
            throw PDFTextError("expected '\(expected)' before byte \(position)")
        }
    }

    /// Moves past whitespace and `%` comments.
    mutating func skipWhitespace() {
        while position < bytes.count {
            if PDFScanner.isWhitespace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "%") {
                while position < bytes.count && bytes[position] != 10 && bytes[position] != 13 { position += 1 }
            } else {
                return
            }
        }
    }

    /// The bytes up to the next whitespace or delimiter: a number or a keyword.
    mutating func regularToken() -> String {
        let start = position
        while position < bytes.count && !PDFScanner.isWhitespace(bytes[position]) && !PDFScanner.isDelimiter(bytes[position]) {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Whether `G R` follows, which makes the integer just read an indirect reference; consumes it if so.
    mutating func followedByReferenceMark() -> Bool {
        let start = position
        skipWhitespace()
        if PDFScanner.integer(regularToken()) != nil {
            skipWhitespace()
            if regularToken() == "R" { return true }
        }
        position = start
        return false
    }

    /// The value of an integer token such as `-12`; Swift's own parser alone would also take what PDF does not.
    static func integer(_ token: String) -> Int? {
        let digits = token.first == "+" || token.first == "-" ? token.dropFirst() : Substring(token)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(token)
    }

    /// The value of a real token such as `-.5` or `3.`; PDF has no exponents, "inf" or hexadecimal.
    static func real(_ token: String) -> Double? {
        let body = token.first == "+" || token.first == "-" ? token.dropFirst() : Substring(token)
        guard body.filter({ $0 == "." }).count == 1, body.contains(where: { $0.isASCII && $0.isNumber }),
              body.allSatisfy({ $0 == "." || ($0.isASCII && $0.isNumber) })
        else { return nil }
        return Double((token.first == "-" ? "-0" : "0") + body)
    }

    /// A `( … )` string, with its escapes resolved and its line ends made "\n".
    mutating func literalString() throws -> [UInt8] {
        position += 1
        var result: [UInt8] = []
        var depth = 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { break }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): result.append(10)
                case UInt8(ascii: "r"): result.append(13)
                case UInt8(ascii: "t"): result.append(9)
                case UInt8(ascii: "b"): result.append(8)
                case UInt8(ascii: "f"): result.append(12)
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var value = Int(escaped - UInt8(ascii: "0"))
                    for _ in 0..<2 where position < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(bytes[position]) {
                        value = value * 8 + Int(bytes[position] - UInt8(ascii: "0"))
                        position += 1
                    }
                    result.append(UInt8(truncatingIfNeeded: value))
                case 13:
                    // A backslash at the end of a line continues the string on the next.
                    if position < bytes.count && bytes[position] == 10 { position += 1 }
                case 10:
                    break
                default:
                    result.append(escaped)
                }
            case UInt8(ascii: "("):
                depth += 1
                result.append(byte)
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return result }
                result.append(byte)
            case 13:
                if position < bytes.count && bytes[position] == 10 { position += 1 }
                result.append(10)
            default:
                result.append(byte)
            }
        }
        throw PDFTextError("unterminated string")
    }

    /// A `< … >` string of hexadecimal digits.
    mutating func hexString() throws -> [UInt8] {
        position += 1
        var digits: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ">") {
                if digits.count % 2 == 1 { digits.append(0) }
                return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
            }
            if PDFScanner.isWhitespace(byte) { continue }
            guard let digit = PDFScanner.hexDigit(byte) else {
                throw PDFTextError("bad byte \(byte) in a hexadecimal string")
            }
            digits.append(digit)
        }
        throw PDFTextError("unterminated hexadecimal string")
    }

    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A name after its `/`, with `#xx` escapes resolved.
    mutating func name() throws -> String {
        var result: [UInt8] = []
        while position < bytes.count && !PDFScanner.isWhitespace(bytes[position]) && !PDFScanner.isDelimiter(bytes[position]) {
            if bytes[position] == UInt8(ascii: "#") {
                guard position + 2 < bytes.count, let high = PDFScanner.hexDigit(bytes[position + 1]),
                      let low = PDFScanner.hexDigit(bytes[position + 2])
                else { throw PDFTextError("bad # escape in a name at byte \(position)") }
                result.append(high << 4 | low)
                position += 3
            } else {
                result.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The values of a `[ … ]` array after its `[`.
    mutating func arrayBody() throws -> [PDFObject] {
        var result: [PDFObject] = []
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw PDFTextError("unterminated array") }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return result
            }
            result.append(try nextObject())
        }
    }

    /// The entries of a `<< … >>` dictionary after its `<<`.
    mutating func dictionaryBody() throws -> [String: PDFObject] {
        var result: [String: PDFObject] = [:]
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw PDFTextError("unterminated dictionary") }
            if bytes[position] == UInt8(ascii: ">") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                    throw PDFTextError("stray '>' in a dictionary at byte \(position)")
                }
                position += 2
                return result
            }
            guard case .name(let key) = try nextObject() else {
                throw PDFTextError("a dictionary key is not a name, before byte \(position)")
            }
            result[key] = try nextObject()
        }
    }

    /// Skips an inline image's data, just after its `ID`, and the `EI` that ends it.
    mutating func skipInlineImageData(length: Int?) throws {
        position += 1
        if let length {
            position += length
            try expect("EI")
            return
        }
        // Without a length, the data ends at the first "EI" that stands alone between whitespace.
        while position + 1 < bytes.count {
            if bytes[position] == UInt8(ascii: "E") && bytes[position + 1] == UInt8(ascii: "I")
                && PDFScanner.isWhitespace(bytes[position - 1])
                && (position + 2 == bytes.count || PDFScanner.isWhitespace(bytes[position + 2])) {
                position += 2
                return
            }
            position += 1
        }
        throw PDFTextError("inline image without EI")
    }
}

/// One page, as far as its text goes: its content streams, joined, and its resources.
private struct PDFPage {
    var content: [UInt8]
    var resources: [String: PDFObject]
}

/// An uncompressed PDF's objects, found through its cross-reference table and read on demand.
private final class PDFFile {
    let bytes: [UInt8]
    private var offsets: [Int: Int] = [:]
    private var trailer: [String: PDFObject] = [:]
    private var objects: [Int: PDFObject] = [:]
    private var fonts: [Int: PDFFont] = [:]

    /// Reads the cross-reference tables from `startxref`, following `/Prev` to older ones.
    init(bytes: [UInt8]) throws {
        self.bytes = bytes
        let tail = Array(bytes.suffix(1024))
        guard let mark = PDFFile.lastRange(of: Array("startxref".utf8), in: tail) else {
            throw PDFTextError("no startxref at the end of the file")
        }
        var scanner = PDFScanner(tail, at: mark + "startxref".utf8.count)
        guard let start = try scanner.nextObject().integer else { throw PDFTextError("startxref is not a number") }
        var next: Int? = start
        var visited: Set<Int> = []
        while let offset = next, visited.insert(offset).inserted {
            let section = try readCrossReferenceSection(at: offset)
            // The newest section comes first and wins.
            trailer.merge(section) { current, _ in current }
            next = section["Prev"]?.integer
        }
    }

    /// Where `needle` last starts in `haystack`.
    private static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return stride(from: haystack.count - needle.count, through: 0, by: -1).first {
            Array(haystack[$0..<$0 + needle.count]) == needle
        }
    }

    /// Reads one `xref` table into `offsets` and returns the trailer dictionary after it.
    private func readCrossReferenceSection(at offset: Int) throws -> [String: PDFObject] {
        var scanner = PDFScanner(bytes, at: offset)
        guard case .keyword("xref") = try scanner.next() else {
            throw PDFTextError("no xref table at byte \(offset) (a cross-reference stream?)")
        }
        while true {
            switch try scanner.next() {
            case .keyword("trailer"):
                guard let dictionary = try scanner.nextObject().dictionary else {
                    throw PDFTextError("the trailer is not a dictionary")
                }
                return dictionary
            case .object(.integer(let first)):
                guard let count = try scanner.nextObject().integer else { throw PDFTextError("bad xref subsection") }
                for number in first..<first + count {
                    guard let position = try scanner.nextObject().integer, try scanner.nextObject().integer != nil,
                          case .keyword(let kind) = try scanner.next()
                    else { throw PDFTextError("bad xref entry for object \(number)") }
                    if kind == "n" && offsets[number] == nil { offsets[number] = position }
                }
            default:
                throw PDFTextError("bad xref table at byte \(offset)")
            }
        }
    }

    /// The object `number`, read at its offset and kept.
    func object(_ number: Int) throws -> PDFObject {
        if let object = objects[number] { return object }
        guard let offset = offsets[number] else { throw PDFTextError("object \(number) is not in the xref table") }
        var scanner = PDFScanner(bytes, at: offset)
        guard try scanner.nextObject().integer == number, try scanner.nextObject().integer != nil else {
            throw PDFTextError("object \(number) is not at byte \(offset)")
        }
        try scanner.expect("obj")
        var object = try scanner.nextObject()
        switch try scanner.next() {
        case .keyword("endobj"):
            break
        case .keyword("stream"):
            guard let dictionary = object.dictionary else { throw PDFTextError("object \(number): stream without dictionary") }
            guard let length = try resolve(dictionary["Length"] ?? .null).integer else {
                throw PDFTextError("object \(number): stream without a /Length")
            }
            var start = scanner.position
            if start < bytes.count && bytes[start] == 13 { start += 1 }
            if start < bytes.count && bytes[start] == 10 { start += 1 }
            guard start + length <= bytes.count else { throw PDFTextError("object \(number): stream runs past the end") }
            object = .stream(dictionary, Array(bytes[start..<start + length]))
            scanner.position = start + length
            try scanner.expect("endstream")
            try scanner.expect("endobj")
        default:
            throw PDFTextError("object \(number) does not end with endobj")
        }
        objects[number] = object
        return object
    }

    /// The object itself, following indirect references.
    func resolve(_ value: PDFObject) throws -> PDFObject {
        var current = value
        var hops = 0
        while case .reference(let number) = current {
            hops += 1
            guard hops < 32 else { throw PDFTextError("reference loop at object \(number)") }
            current = try object(number)
        }
        return current
    }

    /// The dictionary an entry holds or refers to, nil when the entry is absent.
    func resolveDictionary(_ object: PDFObject?, _ what: @autoclosure () -> String) throws -> [String: PDFObject]? {
        guard let object else { return nil }
        guard let dictionary = try resolve(object).dictionary else { throw PDFTextError("\(what()) is not a dictionary") }
        return dictionary
    }

    /// The data of a stream, which qpdf must have decompressed.
    func streamData(_ object: PDFObject, _ what: @autoclosure () -> String) throws -> (dictionary: [String: PDFObject], data: [UInt8]) {
        guard case .stream(let dictionary, let data) = try resolve(object) else { throw PDFTextError("\(what()) is not a stream") }
        if let filter = dictionary["Filter"] {
            throw PDFTextError("\(what()) is still encoded (\(filter)) after qpdf")
        }
        return (dictionary, data)
    }

    /// The pages, in order, each with the resources it has or inherits.
    func pages() throws -> [PDFPage] {
        guard let root = try resolveDictionary(trailer["Root"], "the trailer's /Root"),
              let tree = try resolveDictionary(root["Pages"], "the catalog's /Pages")
        else { throw PDFTextError("no page tree") }
        var pages: [PDFPage] = []
        try collectPages(tree, resources: [:], depth: 0, into: &pages)
        return pages
    }

    /// Appends the pages under a page-tree node, passing down the resources they inherit.
    private func collectPages(_ node: [String: PDFObject], resources inherited: [String: PDFObject], depth: Int,
                              into pages: inout [PDFPage]) throws {
        guard depth < 64 else { throw PDFTextError("the page tree is too deep (a loop?)") }
        let resources = try resolveDictionary(node["Resources"], "a page's /Resources") ?? inherited
        switch node["Type"]?.name {
        case "Pages":
            guard let kids = try resolve(node["Kids"] ?? .null).array else { throw PDFTextError("a /Pages node without /Kids") }
            for kid in kids {
                guard let child = try resolveDictionary(kid, "a page-tree kid") else { continue }
                try collectPages(child, resources: resources, depth: depth + 1, into: &pages)
            }
        case "Page":
            var content: [UInt8] = []
            let streams: [PDFObject]
            switch try resolve(node["Contents"] ?? .null) {
            case .null: streams = []
            case .array(let array): streams = array
            case let stream: streams = [stream]
            }
            // Content streams may split anywhere between tokens, so they are joined with a separator.
            for stream in streams {
                content += try streamData(stream, "a page's /Contents").data + [10]
            }
            pages.append(PDFPage(content: content, resources: resources))
        default:
            throw PDFTextError("a page-tree node of type \(String(describing: node["Type"]))")
        }
    }

    /// The font a resource entry refers to, read once per object.
    func font(_ entry: PDFObject, named name: String) throws -> PDFFont {
        if case .reference(let number) = entry, let font = fonts[number] { return font }
        guard let dictionary = try resolveDictionary(entry, "font /\(name)") else { throw PDFTextError("font /\(name) is missing") }
        let font = try PDFFont(dictionary, named: name, in: self)
        if case .reference(let number) = entry { fonts[number] = font }
        return font
    }
}

/// A font as far as text goes: how long its codes are and the text of each, from its ToUnicode CMap.
private struct PDFFont {
    var name: String
    /// Bytes per character code: 1 for simple fonts, 2 for Identity-H composite fonts.
    var codeLength: Int
    var unicode: [UInt32: String]
    /// Each code's advance, in thousandths of the font size, and the advance of codes not listed.
    var widths: [UInt32: Double] = [:]
    var defaultWidth = 0.0

    /// Reads a font's ToUnicode CMap, after checking that it is a kind of font whose codes we can split.
    init(_ dictionary: [String: PDFObject], named resourceName: String, in file: PDFFile) throws {
        name = "/\(resourceName) (\(dictionary["BaseFont"]?.name ?? "no BaseFont"))"
        switch dictionary["Subtype"]?.name {
        case "TrueType", "Type1", "MMType1", "Type3":
            codeLength = 1
            if let first = try file.resolve(dictionary["FirstChar"] ?? .null).number,
               case .array(let list) = try file.resolve(dictionary["Widths"] ?? .array([])) {
                for (offset, width) in list.enumerated() { widths[UInt32(first) + UInt32(offset)] = try file.resolve(width).number ?? 0 }
            }
        case "Type0":
            // Cairo writes its CID subsets with two-byte Identity-H codes; other CMaps would need their codespaces.
            guard try file.resolve(dictionary["Encoding"] ?? .null).name == "Identity-H" else {
                throw PDFTextError("font \(name) is Type0 with \(String(describing: dictionary["Encoding"])) instead of /Identity-H")
            }
            codeLength = 2
            // Identity-H: the code is the CID, whose width the descendant font's /W array gives.
            guard case .array(let descendants) = try file.resolve(dictionary["DescendantFonts"] ?? .null),
                  let descendant = try file.resolveDictionary(descendants.first, "the descendant of font \(name)") else {
                throw PDFTextError("font \(name) has no /DescendantFonts")
            }
            defaultWidth = try file.resolve(descendant["DW"] ?? .integer(1000)).number ?? 1000
            if case .array(let entries) = try file.resolve(descendant["W"] ?? .array([])) {
                var index = 0
                while index + 1 < entries.count {
                    guard let first = try file.resolve(entries[index]).number else { throw PDFTextError("font \(name): a bad /W") }
                    if case .array(let run) = try file.resolve(entries[index + 1]) {
                        for (offset, width) in run.enumerated() { widths[UInt32(first) + UInt32(offset)] = width.number ?? defaultWidth }
                        index += 2
                    } else {
                        guard index + 2 < entries.count, let last = try file.resolve(entries[index + 1]).number,
                              let width = try file.resolve(entries[index + 2]).number else { throw PDFTextError("font \(name): a bad /W") }
                        for cid in UInt32(first)...UInt32(last) { widths[cid] = width }
                        index += 3
                    }
                }
            }
        case let subtype:
            throw PDFTextError("font \(name) has an unknown /Subtype \(subtype ?? "(none)")")
        }
        guard let toUnicode = dictionary["ToUnicode"] else { throw PDFTextError("font \(name) has no /ToUnicode CMap") }
        let cmap = try ToUnicodeCMap(file.streamData(toUnicode, "the ToUnicode of font \(name)").data)
        guard cmap.codeLengths == [codeLength] else {
            throw PDFTextError("font \(name): the CMap's code lengths \(cmap.codeLengths.sorted()) are not \(codeLength)")
        }
        unicode = cmap.unicode
    }

    /// The codes of a string, each with its text.
    func codes(_ bytes: [UInt8]) throws -> [(code: UInt32, text: String)] {
        guard bytes.count % codeLength == 0 else {
            throw PDFTextError("font \(name): a string of \(bytes.count) bytes is not made of \(codeLength)-byte codes")
        }
        return try stride(from: 0, to: bytes.count, by: codeLength).map { start in
            let code = bytes[start..<start + codeLength].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard let characters = unicode[code] else {
                throw PDFTextError("font \(name): code <\(String(code, radix: 16))> is not in its ToUnicode CMap")
            }
            return (code, characters)
        }
    }

    /// The text a string shown in this font stands for.
    func decode(_ bytes: [UInt8], separator: String = "") throws -> String {
        guard bytes.count % codeLength == 0 else {
            throw PDFTextError("font \(name): a string of \(bytes.count) bytes is not made of \(codeLength)-byte codes")
        }
        var text = ""
        for start in stride(from: 0, to: bytes.count, by: codeLength) {
            let code = bytes[start..<start + codeLength].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard let characters = unicode[code] else {
                throw PDFTextError("font \(name): code <\(String(code, radix: 16))> is not in its ToUnicode CMap")
            }
            text += characters + separator
        }
        return text
    }
}

/// The mappings of a ToUnicode CMap: its code lengths (from `begincodespacerange`) and its bfchar and bfrange entries.
private struct ToUnicodeCMap {
    var codeLengths: Set<Int> = []
    var unicode: [UInt32: String] = [:]

    /// Reads the CMap's PostScript: each `end…` keyword closes a list of the values since its `begin…`.
    init(_ data: [UInt8]) throws {
        var scanner = PDFScanner(data)
        var operands: [PDFObject] = []
        while let item = try scanner.next() {
            guard case .keyword(let keyword) = item else {
                if case .object(let object) = item { operands.append(object) }
                continue
            }
            switch keyword {
            case "endcodespacerange":
                for pair in try ToUnicodeCMap.groups(of: 2, in: operands, keyword) {
                    guard pair[0].count == pair[1].count else { throw PDFTextError("a codespace range with two lengths") }
                    codeLengths.insert(pair[0].count)
                }
            case "endbfchar":
                for pair in try ToUnicodeCMap.groups(of: 2, in: operands, keyword) {
                    try add(code: pair[0], text: ToUnicodeCMap.utf16(pair[1]))
                }
            case "endbfrange":
                guard operands.count % 3 == 0 else { throw PDFTextError("bfrange entries are not triples") }
                for index in stride(from: 0, to: operands.count, by: 3) {
                    try addRange(operands[index], operands[index + 1], operands[index + 2])
                }
            case "usecmap", "endcidchar", "endcidrange", "endnotdefchar", "endnotdefrange":
                throw PDFTextError("a ToUnicode CMap uses \(keyword), which this reader does not handle")
            default:
                break
            }
            operands.removeAll()
        }
        guard !codeLengths.isEmpty else { throw PDFTextError("a ToUnicode CMap without codespace range") }
    }

    /// The operands as strings, in groups of `size`.
    private static func groups(of size: Int, in operands: [PDFObject], _ keyword: String) throws -> [[[UInt8]]] {
        let strings = operands.compactMap(\.string)
        guard strings.count == operands.count, strings.count % size == 0 else {
            throw PDFTextError("the entries before \(keyword) are not \(size)-tuples of strings")
        }
        return stride(from: 0, to: strings.count, by: size).map { Array(strings[$0..<$0 + size]) }
    }

    /// Maps one code, after checking that its length is in the codespace.
    private mutating func add(code: [UInt8], text: String) throws {
        guard codeLengths.contains(code.count) else {
            throw PDFTextError("a ToUnicode code of \(code.count) bytes is outside the codespace")
        }
        unicode[code.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }] = text
    }

    /// Adds `lo hi dst`: either an array with one string per code, or a string whose last byte counts up.
    private mutating func addRange(_ low: PDFObject, _ high: PDFObject, _ destination: PDFObject) throws {
        guard let low = low.string, let high = high.string, low.count == high.count, !low.isEmpty,
              low.dropLast() == high.dropLast(), low.last! <= high.last!
        else { throw PDFTextError("a bfrange whose bounds differ in more than their last byte") }
        for step in 0...Int(high.last! - low.last!) {
            var code = low
            code[code.count - 1] += UInt8(step)
            switch destination {
            case .array(let strings):
                guard strings.count == Int(high.last! - low.last!) + 1, let string = strings[step].string else {
                    throw PDFTextError("a bfrange array does not have one string per code")
                }
                try add(code: code, text: ToUnicodeCMap.utf16(string))
            case .string(var string):
                guard !string.isEmpty, Int(string[string.count - 1]) + step <= 0xFF else {
                    throw PDFTextError("a bfrange destination overflows its last byte")
                }
                string[string.count - 1] += UInt8(step)
                try add(code: code, text: ToUnicodeCMap.utf16(string))
            default:
                throw PDFTextError("a bfrange destination is neither a string nor an array")
            }
        }
    }

    /// The text of a big-endian UTF-16 string, as ToUnicode destinations are written.
    static func utf16(_ bytes: [UInt8]) throws -> String {
        guard !bytes.isEmpty, bytes.count % 2 == 0 else { throw PDFTextError("a ToUnicode destination of \(bytes.count) bytes") }
        let units = stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        var scalars = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return String(scalars)
            case .error: throw PDFTextError("a ToUnicode destination is not valid UTF-16")
            }
        }
    }
}

/// An affine matrix `[a b c d e f]`, as PDF writes one.
private struct Matrix: Equatable {
    var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

    /// This matrix followed by `other`: `self × other`, as `cm` puts a matrix before the CTM.
    func concatenated(with other: Matrix) -> Matrix {
        Matrix(a: a * other.a + b * other.c, b: a * other.b + b * other.d,
               c: c * other.a + d * other.c, d: c * other.b + d * other.d,
               e: e * other.a + f * other.c + other.e, f: e * other.b + f * other.d + other.f)
    }

    /// This matrix moved by `(x, y)` in its own space, as `Td` moves the line matrix.
    func translated(_ x: Double, _ y: Double) -> Matrix {
        Matrix(a: a, b: b, c: c, d: d, e: x * a + y * c + e, f: x * b + y * d + f)
    }

    /// Whether a line starting at `other` continues this one: same baseline direction, no offset across it.
    func isOnSameLine(as other: Matrix) -> Bool {
        let length = (a * a + b * b).squareRoot()
        let otherLength = (other.a * other.a + other.b * other.b).squareRoot()
        guard length > 0, otherLength > 0 else { return false }
        let sameDirection = abs(a * other.b - b * other.a) < 1e-6 * length * otherLength && a * other.a + b * other.b > 0
        // The distance across the baseline, in user-space units (points for Cairo); glyph advances
        // only move along it, so they need no font metrics here.
        let across = (a * (other.f - f) - b * (other.e - e)) / length
        return sameDirection && abs(across) < 0.01
    }
}

/// One page's walk through its content: the text state that matters and the text so far.
private struct TextWalk {
    let file: PDFFile
    let glyphSeparator: String
    var text = ""
    /// Every glyph shown, with its place.
    var glyphs: [PDFGlyph] = []
    /// The graphics state's part that matters: the font and the text state, and the CTM.
    struct State {
        var font: PDFFont?
        /// `TL`, the distance `T*` moves down.
        var leading = 0.0
        var fontSize = 1.0
        var characterSpacing = 0.0
        var wordSpacing = 0.0
        /// `Tz`, as a fraction.
        var horizontalScaling = 1.0
        var ctm = Matrix()
    }
    var state = State()
    var font: PDFFont? {
        get { state.font }
        set { state.font = newValue }
    }
    var leading: Double {
        get { state.leading }
        set { state.leading = newValue }
    }
    /// The states that `q` saved, for `Q`.
    var saved: [State] = []
    var inTextObject = false
    /// `Tlm`, where the current line starts, and `Tm`, where the next glyph goes.
    var lineMatrix = Matrix() {
        didSet { textMatrix = lineMatrix }
    }
    var textMatrix = Matrix()
    /// Where the last string shown in this text object started its line; nil at `BT`, so the next string starts a line.
    var lastLine: Matrix?
    /// Inside `/Span << /ActualText … >> BDC … EMC`: the text that stands for the glyphs shown
    /// there (Cairo writes one for a cluster whose glyphs cannot map to its characters one by one,
    /// such as an Arabic ligature), and whether it has been written yet.
    var actualText: (text: String, written: Bool)?
    /// How deep the marked-content sequences are nested, and the depth an actual text began at.
    var markedDepth = 0
    var actualTextDepth: Int?

    /// Every operator of PDF 1.7 (ISO 32000-1, Annex A); one outside this set is an error.
    static let knownOperators: Set<String> = [
        "b", "B", "b*", "B*", "BDC", "BI", "BMC", "BT", "BX", "c", "cm", "CS", "cs", "d", "d0", "d1", "Do", "DP",
        "EI", "EMC", "ET", "EX", "f", "F", "f*", "G", "g", "gs", "h", "i", "ID", "j", "J", "K", "k", "l", "m", "M",
        "MP", "n", "q", "Q", "re", "RG", "rg", "ri", "s", "S", "SC", "sc", "SCN", "scn", "sh", "T*", "Tc", "Td",
        "TD", "Tf", "Tj", "TJ", "TL", "Tm", "Tr", "Ts", "Tw", "Tz", "v", "w", "W", "W*", "y", "'", "\"",
    ]

    /// Runs a content stream, with `resources` for its names; `depth` counts nested form XObjects.
    mutating func run(_ content: [UInt8], resources: [String: PDFObject], depth: Int) throws {
        guard depth < 16 else { throw PDFTextError("form XObjects nested too deep (a loop?)") }
        var scanner = PDFScanner(content)
        var operands: [PDFObject] = []
        while let item = try scanner.next() {
            guard case .keyword(let op) = item else {
                if case .object(let object) = item { operands.append(object) }
                continue
            }
            guard TextWalk.knownOperators.contains(op) else {
                throw PDFTextError("unknown operator '\(op)' at byte \(scanner.position) of a content stream")
            }
            switch op {
            case "BI":
                try skipInlineImage(&scanner)
            case "Do":
                guard !inTextObject else { throw PDFTextError("Do inside a text object") }
                try paintXObject(operands, resources: resources, depth: depth)
            default:
                try apply(op, operands, resources: resources)
            }
            operands.removeAll()
        }
        guard depth > 0 || !inTextObject else { throw PDFTextError("a text object without ET") }
    }

    /// Applies one operator that is not about XObjects or inline images.
    private mutating func apply(_ op: String, _ operands: [PDFObject], resources: [String: PDFObject]) throws {
        switch op {
        case "q":
            saved.append(state)
        case "Q":
            guard let restored = saved.popLast() else { throw PDFTextError("Q without q") }
            state = restored
        case "cm":
            let m = try numbers(operands, 6, op)
            state.ctm = Matrix(a: m[0], b: m[1], c: m[2], d: m[3], e: m[4], f: m[5]).concatenated(with: state.ctm)
        case "Tc":
            state.characterSpacing = try numbers(operands, 1, op)[0]
        case "Tw":
            state.wordSpacing = try numbers(operands, 1, op)[0]
        case "Tz":
            state.horizontalScaling = try numbers(operands, 1, op)[0] / 100
        case "BT":
            guard !inTextObject else { throw PDFTextError("BT inside a text object") }
            inTextObject = true
            lineMatrix = Matrix()
            lastLine = nil
        case "ET":
            guard inTextObject else { throw PDFTextError("ET outside a text object") }
            inTextObject = false
        case "Tf":
            guard operands.count == 2, let name = operands[0].name, operands[1].number != nil else {
                throw PDFTextError("Tf with operands \(operands)")
            }
            guard let entry = try file.resolveDictionary(resources["Font"], "/Font resources")?[name] else {
                throw PDFTextError("Tf names /\(name), which is not in the page's /Font resources")
            }
            font = try file.font(entry, named: name)
            state.fontSize = operands[1].number!
        case "TL":
            leading = try numbers(operands, 1, op)[0]
        case "Td":
            let move = try numbers(operands, 2, op)
            try moveLine(move[0], move[1])
        case "TD":
            let move = try numbers(operands, 2, op)
            leading = -move[1]
            try moveLine(move[0], move[1])
        case "Tm":
            let m = try numbers(operands, 6, op)
            guard inTextObject else { throw PDFTextError("Tm outside a text object") }
            lineMatrix = Matrix(a: m[0], b: m[1], c: m[2], d: m[3], e: m[4], f: m[5])
        case "T*":
            try moveLine(0, -leading)
        case "Tj":
            guard operands.count == 1, let string = operands[0].string else { throw PDFTextError("Tj with operands \(operands)") }
            try show(string)
        case "TJ":
            guard operands.count == 1, let elements = operands[0].array else { throw PDFTextError("TJ with operands \(operands)") }
            for element in elements {
                // Numbers are kerning; Cairo draws word spaces as glyphs, so none is made from them.
                if let string = element.string {
                    try show(string)
                } else if let adjustment = element.number {
                    advance(-adjustment / 1000 * state.fontSize * state.horizontalScaling)
                } else {
                    throw PDFTextError("TJ array holds \(element)")
                }
            }
        case "'":
            guard operands.count == 1, let string = operands[0].string else { throw PDFTextError("' with operands \(operands)") }
            try moveLine(0, -leading)
            try show(string)
        case "\"":
            guard operands.count == 3, operands[0].number != nil, operands[1].number != nil, let string = operands[2].string else {
                throw PDFTextError("\" with operands \(operands)")
            }
            try moveLine(0, -leading)
            try show(string)
        case "BMC":
            markedDepth += 1
        case "BDC":
            markedDepth += 1
            guard operands.count == 2, case .dictionary(let properties) = operands[1],
                  let actual = properties["ActualText"]?.string else { break }
            guard actualText == nil else { throw PDFTextError("an /ActualText span inside another") }
            // A text string: UTF-16BE after a byte order mark.
            guard actual.count >= 2, actual[0] == 0xFE, actual[1] == 0xFF else {
                throw PDFTextError("an /ActualText that is not UTF-16BE")
            }
            actualText = (actual.count == 2 ? "" : try ToUnicodeCMap.utf16(Array(actual.dropFirst(2))), false)
            actualTextDepth = markedDepth
        case "EMC":
            guard markedDepth > 0 else { throw PDFTextError("EMC without BMC or BDC") }
            if markedDepth == actualTextDepth { (actualText, actualTextDepth) = (nil, nil) }
            markedDepth -= 1
        case "ID", "EI":
            throw PDFTextError("\(op) without BI")
        default:
            // Path, colour, marked-content and other text-state operators do not change which text is shown.
            break
        }
    }

    /// The operands of `op`, which must be `count` numbers.
    private func numbers(_ operands: [PDFObject], _ count: Int, _ op: String) throws -> [Double] {
        let values = operands.compactMap(\.number)
        guard operands.count == count, values.count == count else { throw PDFTextError("\(op) with operands \(operands)") }
        return values
    }

    /// Moves the line matrix as `Td` does.
    private mutating func moveLine(_ x: Double, _ y: Double) throws {
        guard inTextObject else { throw PDFTextError("a line move outside a text object") }
        lineMatrix = lineMatrix.translated(x, y)
    }

    /// Appends a shown string's text, after a "\n" when it starts a text object or a new line.
    private mutating func show(_ string: [UInt8]) throws {
        guard inTextObject else { throw PDFTextError("text shown outside a text object") }
        guard let font else { throw PDFTextError("text shown before any Tf") }
        // An empty string shows nothing (Cairo opens its TJ arrays with one).
        guard !string.isEmpty else { return }
        var actualShown = actualText?.written ?? false
        for (code, characters) in try font.codes(string) {
            // The glyph's origin: the text matrix's, through the CTM.
            let origin = textMatrix.concatenated(with: state.ctm)
            if let actual = actualText {
                if !actualShown { glyphs.append(PDFGlyph(text: actual.text, x: origin.e, y: origin.f)) }
                actualShown = true
            } else {
                glyphs.append(PDFGlyph(text: characters, x: origin.e, y: origin.f))
            }
            let spacing = state.characterSpacing + (font.codeLength == 1 && code == 32 ? state.wordSpacing : 0)
            advance(((font.widths[code] ?? font.defaultWidth) / 1000 * state.fontSize + spacing) * state.horizontalScaling)
        }
        var decoded = try font.decode(string, separator: glyphSeparator)
        if let actual = actualText {
            // The glyphs of the span show its actual text, once.
            decoded = actual.written ? "" : actual.text + glyphSeparator
            actualText?.written = true
        }
        guard !decoded.isEmpty else { return }
        if !text.isEmpty && !(lastLine?.isOnSameLine(as: lineMatrix) ?? false) { text += "\n" }
        lastLine = lineMatrix
        text += decoded
    }

    /// Moves the text matrix along the baseline by `distance` text-space units.
    private mutating func advance(_ distance: Double) {
        textMatrix = textMatrix.translated(distance, 0)
    }

    /// Runs a form XObject's content (it may hold text); images hold none.
    private mutating func paintXObject(_ operands: [PDFObject], resources: [String: PDFObject], depth: Int) throws {
        guard operands.count == 1, let name = operands[0].name else { throw PDFTextError("Do with operands \(operands)") }
        guard let entry = try file.resolveDictionary(resources["XObject"], "/XObject resources")?[name] else {
            throw PDFTextError("Do names /\(name), which is not in the /XObject resources")
        }
        guard case .stream(let dictionary, _) = try file.resolve(entry) else { throw PDFTextError("XObject /\(name) is not a stream") }
        switch dictionary["Subtype"]?.name {
        case "Image":
            return
        case "Form":
            let content = try file.streamData(entry, "form XObject /\(name)").data
            let formResources = try file.resolveDictionary(dictionary["Resources"], "the /Resources of form /\(name)") ?? resources
            // Do saves and restores the graphics state around the form, as q … Q.
            let outer = state
            if case .array(let m) = try file.resolve(dictionary["Matrix"] ?? .null), m.count == 6 {
                let values = try m.map { try file.resolve($0).number ?? 0 }
                state.ctm = Matrix(a: values[0], b: values[1], c: values[2], d: values[3], e: values[4], f: values[5])
                    .concatenated(with: state.ctm)
            }
            try run(content, resources: formResources, depth: depth + 1)
            state = outer
        case let subtype:
            throw PDFTextError("XObject /\(name) has /Subtype \(subtype ?? "(none)")")
        }
    }

    /// Skips `BI … ID data EI`, an inline image, which holds no text.
    private func skipInlineImage(_ scanner: inout PDFScanner) throws {
        var entries: [PDFObject] = []
        while true {
            switch try scanner.next() {
            case .object(let object): entries.append(object)
            case .keyword("ID"):
                let length = stride(from: 0, to: entries.count - 1, by: 2)
                    .first { entries[$0].name == "L" || entries[$0].name == "Length" }
                    .flatMap { entries[$0 + 1].integer }
                try scanner.skipInlineImageData(length: length)
                return
            default:
                throw PDFTextError("an inline image without ID")
            }
        }
    }
}
