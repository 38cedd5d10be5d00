/// The document's language in a PDF that is not rewritten: Cairo 1.16 cannot write the catalog's
/// /Lang, and a plain render has no qpdf pass to add it.
///
/// It is added as an incremental update, the way PDF lets a file be changed without rewriting
/// it: the catalog once more, with /Lang, after Cairo's bytes, then a cross-reference section
/// for that object alone and a trailer pointing back to Cairo's. A reader takes the last
/// version of each object. It costs a few hundred bytes and no parsing beyond the trailer.
enum PDFLanguage {
    /// `pdf` with `language` (a BCP 47 tag) as its catalog's /Lang; nil when the file is not
    /// laid out as Cairo writes it (a classic trailer, the catalog as a plain object) or its
    /// catalog already says a language.
    static func adding(_ language: String, to pdf: [UInt8]) -> [UInt8]? {
        guard !language.isEmpty,
              let trailerStart = lastRange(of: "trailer", in: pdf)?.lowerBound,
              let startxref = lastRange(of: "startxref", in: pdf),
              trailerStart < startxref.lowerBound,
              let trailer = String(validating: pdf[trailerStart..<startxref.lowerBound], as: UTF8.self),
              let previous = Int(String(ascii(pdf[startxref.upperBound...]).drop { $0.isWhitespace }.prefix { $0.isASCII && $0.isNumber })),
              let root = trailer.firstMatch(of: /\/Root (\d+) 0 R/).flatMap({ Int($0.1) }),
              let dictionary = trailer.firstRange(of: "<<").map({ trailer[$0.lowerBound...] }),
              let trailerEnd = dictionary.ranges(of: ">>").last,
              let catalog = catalogBody(root, in: pdf), !catalog.contains("/Lang"),
              let catalogEnd = catalog.ranges(of: ">>").last else { return nil }
        var update = pdf
        if update.last != UInt8(ascii: "\n") { update.append(UInt8(ascii: "\n")) }
        let objectOffset = update.count
        let entry = "   /Lang " + literal(language) + "\n"
        let object = "\(root) 0 obj\n" + catalog[..<catalogEnd.lowerBound] + entry + catalog[catalogEnd.lowerBound...] + "\nendobj\n"
        update.append(contentsOf: Array(object.utf8))
        let xrefOffset = update.count
        let offset = String(objectOffset)
        let newTrailer = dictionary[..<trailerEnd.lowerBound] + "   /Prev \(previous)\n>>"
        let section = "xref\n\(root) 1\n" + String(repeating: "0", count: max(0, 10 - offset.count)) + offset + " 00000 n \n"
            + "trailer\n" + newTrailer + "\nstartxref\n\(xrefOffset)\n%%EOF\n"
        update.append(contentsOf: Array(section.utf8))
        return update
    }

    /// The dictionary of object `number` as Cairo writes it (`N 0 obj` at a line's start, the
    /// dictionary, `endobj`), from `<<` to its last `>>`.
    private static func catalogBody(_ number: Int, in pdf: [UInt8]) -> String? {
        guard let start = lastRange(of: "\n\(number) 0 obj\n", in: pdf)?.upperBound,
              let end = pdf[start...].firstRange(of: Array("endobj".utf8))?.lowerBound,
              let text = String(validating: pdf[start..<end], as: UTF8.self),
              let open = text.firstRange(of: "<<"), let close = text.ranges(of: ">>").last,
              open.lowerBound < close.lowerBound else { return nil }
        return String(text[open.lowerBound..<close.upperBound])
    }

    /// A PDF literal string: the tag's bytes, with the three characters that need it escaped.
    static func literal(_ text: String) -> String {
        var escaped = "("
        for character in text {
            if "()\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped + ")"
    }

    private static func ascii(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix(32), as: UTF8.self)
    }

    /// The last place of `text` in `bytes`, searched from the end, where a PDF keeps its
    /// trailer and Cairo its catalog.
    private static func lastRange(of text: String, in bytes: [UInt8]) -> Range<Int>? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return nil }
        for start in stride(from: bytes.count - needle.count, through: 0, by: -1)
        where bytes[start] == needle[0] && bytes[start..<start + needle.count].elementsEqual(needle) {
            return start..<start + needle.count
        }
        return nil
    }
}
