import TractCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The formats a leaflet source can be written in.
public enum SourceFormat: String, Sendable {
    case plainText = "plain text"
    case markdown = "Markdown"
}

/// A source file read from disk and checked: UTF-8, not empty, not binary.
public struct SourceFile: Sendable {
    /// The path as the user gave it, for messages.
    public var path: String
    /// The text, with a byte-order mark removed and line ends normalised to `\n`.
    public var text: String
    public var format: SourceFormat

    public init(path: String, text: String, format: SourceFormat = .plainText) {
        self.path = path
        self.text = text
        self.format = format
    }

    /// The file's name without its folder and extension (`fr` for `examples/kazakhstan/fr.txt`).
    public var stem: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Reads and checks a source file.
    public static func read(_ path: String) throws(Diagnostic) -> SourceFile {
        try decode(FileBytes.read(path, what: "source", example: ".txt file", limit: FileBytes.sourceLimit), path: path)
    }

    /// Checks and decodes the bytes of a source, as if read from `path`.
    public static func decode(_ bytes: [UInt8], path: String) throws(Diagnostic) -> SourceFile {
        let location = SourceLocation(file: path)
        // UTF-16 text is full of NUL bytes; say what it is rather than calling it binary.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .error(at: location, "the file is UTF-16, not UTF-8", hint: saveAsUTF8)
        }
        if let offset = firstBinaryByte(bytes) {
            let place = position(of: offset, in: bytes)
            throw .error(at: SourceLocation(file: path, line: place.line, column: place.column),
                         "this is a binary file, not text (byte 0x\(hex(bytes[offset])))",
                         hint: "give a plain-text (.txt) file saved as UTF-8")
        }
        if let offset = firstInvalidUTF8(bytes) {
            let place = position(of: offset, in: bytes)
            throw .error(at: SourceLocation(file: path, line: place.line, column: place.column),
                         "the file is not valid UTF-8 (byte 0x\(hex(bytes[offset])))",
                         hint: saveAsUTF8)
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        if bytes.contains(0x0D) { text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n") }
        // Checked on the decoded text, so that a file holding only a byte-order mark is empty too.
        if text.allSatisfy(\.isWhitespace) { throw emptySource(location) }
        let format: SourceFormat = path.hasSuffix(".md") || path.hasSuffix(".markdown") ? .markdown : .plainText
        return SourceFile(path: path, text: text, format: format)
    }

    /// The error for a source with nothing but blank space in it.
    static func emptySource(_ location: SourceLocation) -> Diagnostic {
        .error(at: location, "the source is empty",
               hint: "write the headline on the first line and the paragraphs after it")
    }

    private static let saveAsUTF8 = "save the file as UTF-8; an editor's 'Save as' usually offers the encoding"


    /// The offset of the first byte that does not belong in a text file: NUL or a C0 control
    /// other than tab, line feed, form feed and carriage return.
    static func firstBinaryByte(_ bytes: [UInt8]) -> Int? {
        bytes.firstIndex { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0C && $0 != 0x0D }
    }

    /// The offset of the first byte that breaks UTF-8, or nil when the bytes are valid UTF-8.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            var lowest: UInt32
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2; lowest = 0x80
            case 0xE0...0xEF: length = 3; lowest = 0x800
            case 0xF0...0xF4: length = 4; lowest = 0x10000
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for next in bytes[(index + 1)..<(index + length)] {
                guard next & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
            lowest = scalar < lowest ? 0 : lowest
            if lowest == 0 || (0xD800...0xDFFF).contains(scalar) || scalar > 0x10FFFF { return index }
            index += length
        }
        return nil
    }

    /// The one-based line and column of a byte offset, counting columns in characters.
    ///
    /// Lines and columns are counted as the parser sees the text: a byte-order mark takes no
    /// column, and `\r\n`, `\n` and a lone `\r` each end a line.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? min(3, offset) : 0
        for index in start..<offset {
            let byte = bytes[index]
            if byte == 0x0D || (byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D)) {
                line += 1
                column = 1
            } else if byte != 0x0A && byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
