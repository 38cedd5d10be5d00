import Testing
@testable import TractParse
import TractCore

/// Reading a source from disk: line ends, byte-order marks, and the files that are refused.
@Suite struct SourceFileTests {
    @Test func readsTheSeed() throws {
        let source = try SourceFile.read(seedPath)
        #expect(source.path == seedPath)
        #expect(source.format == .plainText)
        #expect(source.stem == "fr")
        #expect(source.text.hasPrefix("Non à la répression du peuple !\n"))
    }

    @Test(arguments: [("\r\n", "CRLF"), ("\r", "CR")])
    func lineEndsAreNormalised(ending: String, name: String) throws {
        let folder = try TemporaryFolder()
        let lines = ["Non à la répression !", "Pour une grève générale !", "Nous exigeons :", "- Fin de la terreur !", "Ligue", "janvier 2022"]
        let path = try folder.write(lines.joined(separator: ending) + ending, to: "\(name).txt")
        let source = try SourceFile.read(path)
        #expect(!source.text.contains("\r"))
        #expect(source.text == lines.joined(separator: "\n") + "\n")
        let parsed = try PlainTextParser.parse(source)
        #expect(parsed.roles == [.headline, .subheadline, .leadIn, .demand, .signature, .date])
        #expect(parsed.recognized.map(\.lines.lowerBound) == Array(1...6))
    }

    @Test func seedWithCRLFParsesLikeTheSeed() throws {
        let folder = try TemporaryFolder()
        let seed = try SourceFile.read(seedPath)
        let path = try folder.write(seed.text.replacing("\n", with: "\r\n"), to: "fr.txt")
        let crlf = try PlainTextParser.parse(SourceFile.read(path))
        let lf = try PlainTextParser.parse(seed)
        #expect(crlf.roles == lf.roles)
        #expect(crlf.texts == lf.texts)
    }

    @Test func byteOrderMarkIsRemoved() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write([0xEF, 0xBB, 0xBF] + Array("Titre\nSous-titre.\n".utf8), to: "bom.txt")
        let source = try SourceFile.read(path)
        #expect(source.text == "Titre\nSous-titre.\n")
        let parsed = try PlainTextParser.parse(source)
        #expect(parsed.texts.first == "Titre")
        #expect(parsed.recognized.first?.block.location.column == 1)
    }

    @Test(arguments: [("fr.txt", SourceFormat.plainText), ("en.md", .markdown), ("notes.markdown", .markdown), ("README", .plainText)])
    func formatFromTheExtension(name: String, format: SourceFormat) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("Titre\n", to: name)
        #expect(try SourceFile.read(path).format == format)
    }

    @Test(arguments: [("examples/kazakhstan/fr.txt", "fr"), ("fr-CH.md", "fr-CH"), ("leaflet", "leaflet"), (".hidden", ".hidden")])
    func stem(path: String, stem: String) {
        #expect(SourceFile(path: path, text: "").stem == stem)
    }

    @Test func missingFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/nowhere.txt"
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(path) }
        #expect(error?.severity == .error)
        #expect(error?.message == "cannot read the source: No such file or directory")
        #expect(error?.location == TractCore.SourceLocation(file: path))
        #expect(error?.hints.isEmpty == false)
        #expect(error?.description.hasPrefix("\(path): error: cannot read the source") == true)
    }

    @Test func folder() throws {
        let folder = try TemporaryFolder()
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(folder.path) }
        #expect(error?.message == "this is a folder, not a source file")
        #expect(error?.location == TractCore.SourceLocation(file: folder.path))
        #expect(error?.hints.first?.contains(".txt") == true)
    }

    @Test(arguments: [("empty", ""), ("spaces", "   \n\t\n\r\n  "), ("only a byte-order mark", "\u{FEFF}\n")])
    func emptyFile(name: String, text: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(text, to: "empty.txt")
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(path) }
        #expect(error?.message == "the source is empty", "\(name)")
        #expect(error?.location == TractCore.SourceLocation(file: path))
        #expect(error?.hints.first?.contains("headline") == true)
    }

    @Test func binaryFile() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(Array("Titre\nab".utf8) + [0x00, 0x01, 0xFF, 0x00], to: "image.txt")
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(path) }
        #expect(error?.message == "this is a binary file, not text (byte 0x00)")
        #expect(error?.location == TractCore.SourceLocation(file: path, line: 2, column: 3))
        #expect(error?.hints.isEmpty == false)
    }

    @Test func controlCharacterIsBinary() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write(Array("Titre\u{1B}[0m\n".utf8), to: "escape.txt")
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(path) }
        #expect(error?.message.contains("0x1B") == true)
        #expect(error?.location?.line == 1)
        #expect(error?.location?.column == 6)
    }

    @Test func latin1File() throws {
        let folder = try TemporaryFolder()
        // "Le café" in Latin-1: é is the single byte 0xE9, at line 3, column 7.
        let bytes = Array("Titre\nSous-titre.\nLe caf".utf8) + [0xE9] + Array(" est chaud.\n".utf8)
        let path = try folder.write(bytes, to: "latin1.txt")
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(path) }
        #expect(error?.message == "the file is not valid UTF-8 (byte 0xE9)")
        #expect(error?.location == TractCore.SourceLocation(file: path, line: 3, column: 7))
        #expect(error?.hints.first?.contains("UTF-8") == true)
        #expect(error?.description.hasPrefix("\(path):3:7: error: the file is not valid UTF-8") == true)
    }

    @Test(arguments: [("\n", "LF"), ("\r\n", "CRLF"), ("\r", "CR")])
    func latin1LocationWithEachLineEnd(ending: String, name: String) throws {
        let folder = try TemporaryFolder()
        let bytes = Array("Titre\(ending)Sous-titre.\(ending)Le caf".utf8) + [0xE9] + Array(" est chaud.\(ending)".utf8)
        let path = try folder.write(bytes, to: "\(name).txt")
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(path) }
        #expect(error?.location == TractCore.SourceLocation(file: path, line: 3, column: 7))
    }

    @Test func latin1LocationAfterAByteOrderMark() throws {
        let folder = try TemporaryFolder()
        // The mark is removed before parsing, so it must not shift the column.
        let bytes = [0xEF, 0xBB, 0xBF] + Array("Le caf".utf8) + [0xE9] + Array("\n".utf8)
        let path = try folder.write(bytes, to: "bom.txt")
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(path) }
        #expect(error?.location == TractCore.SourceLocation(file: path, line: 1, column: 7))
    }

    @Test(arguments: [[UInt8]([0xFF, 0xFE]), [0xFE, 0xFF]])
    func utf16File(byteOrderMark: [UInt8]) throws {
        let folder = try TemporaryFolder()
        let bigEndian = byteOrderMark == [0xFE, 0xFF]
        let units = "Titre\nSous-titre.\n".utf16.flatMap { unit in
            bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let path = try folder.write(byteOrderMark + units, to: "utf16.txt")
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(path) }
        #expect(error?.message == "the file is UTF-16, not UTF-8")
        #expect(error?.location == TractCore.SourceLocation(file: path))
        #expect(error?.hints.first?.contains("UTF-8") == true)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let folder = try TemporaryFolder()
        // "Été à " is six characters but nine bytes; the bad byte is the seventh character.
        let bytes = Array("Titre\nÉté à ".utf8) + [0xE0, 0x20]
        let path = try folder.write(bytes, to: "mixed.txt")
        let error = diagnostic { () throws(Diagnostic) in _ = try SourceFile.read(path) }
        #expect(error?.location == TractCore.SourceLocation(file: path, line: 2, column: 7))
        #expect(error?.message.contains("0xE0") == true)
    }
}

/// The UTF-8 validator, byte by byte.
@Suite struct UTF8CheckTests {
    @Test(arguments: [
        ([0x41, 0x42], nil),
        (Array("é€𝄞".utf8), nil),
        ([0x41, 0xE9, 0x74], 1),          // Latin-1 é
        ([0x41, 0x80], 1),                // lone continuation byte
        ([0xC0, 0xAF], 0),                // overlong '/'
        ([0xE0, 0x80, 0xAF], 0),          // overlong, three bytes
        ([0xED, 0xA0, 0x80], 0),          // surrogate U+D800
        ([0xF4, 0x90, 0x80, 0x80], 0),    // past U+10FFFF
        ([0x41, 0x42, 0xE2, 0x82], 2),    // truncated at the end
    ] as [([UInt8], Int?)])
    func firstInvalidByte(bytes: [UInt8], offset: Int?) {
        #expect(SourceFile.firstInvalidUTF8(bytes) == offset)
    }

    @Test(arguments: [
        (Array("a\tb\nc\r\n\u{0C}".utf8), nil),
        ([0x41, 0x00], 1),
        ([0x41, 0x07], 1),
        ([0x41, 0x7F], nil),
    ] as [([UInt8], Int?)])
    func firstBinaryByte(bytes: [UInt8], offset: Int?) {
        #expect(SourceFile.firstBinaryByte(bytes) == offset)
    }
}

/// Byte offsets turned into the line and column the parser will report.
@Suite struct PositionTests {
    @Test(arguments: [
        (Array("abc".utf8), 2, 1, 3),
        (Array("ab\ncd".utf8), 4, 2, 2),
        (Array("ab\r\ncd".utf8), 5, 2, 2),
        (Array("ab\rcd\ref".utf8), 7, 3, 2),
        (Array("ab\r\n\r\ncd".utf8), 7, 3, 2),
        (Array("\u{FEFF}ab".utf8), 4, 1, 2),
        (Array("\u{FEFF}".utf8), 3, 1, 1),
        (Array("é€x".utf8), 5, 1, 3),
    ] as [([UInt8], Int, Int, Int)])
    func position(bytes: [UInt8], offset: Int, line: Int, column: Int) {
        let place = SourceFile.position(of: offset, in: bytes)
        #expect(place.line == line)
        #expect(place.column == column)
    }
}
