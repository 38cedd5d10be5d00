import Foundation
import Testing
@testable import TractOutput
import TestSupport

// The catalog's /Lang added to a PDF that is not rewritten, as an incremental update.

/// A small PDF laid out as Cairo writes one: numbered objects, the catalog last, a classic
/// cross-reference table with the right offsets.
private func cairoLikePDF(catalog: String = "<< /Type /Catalog\n   /Pages 1 0 R\n>>") -> [UInt8] {
    let objects = ["<< /Type /Pages /Kids [] /Count 0 >>", "<< /Producer (test) >>", catalog]
    var text = "%PDF-1.5\n"
    var offsets: [Int] = []
    for (index, object) in objects.enumerated() {
        offsets.append(text.utf8.count)
        text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
    }
    let xref = text.utf8.count
    text += "xref\n0 4\n0000000000 65535 f \n"
    for offset in offsets { text += String(format: "%010d 00000 n \n", offset) }
    text += "trailer\n<< /Size 4\n   /Root 3 0 R\n   /Info 2 0 R\n>>\nstartxref\n\(xref)\n%%EOF\n"
    return Array(text.utf8)
}

@Test("the update repeats the catalog with /Lang, its cross-reference entry gives its offset, the trailer points back")
func languageIsAnIncrementalUpdate() throws {
    let pdf = cairoLikePDF()
    let updated = try #require(PDFLanguage.adding("fr", to: pdf))
    #expect(Array(updated.prefix(pdf.count)) == pdf, "Cairo's bytes are kept as they are")
    let tail = String(decoding: updated.dropFirst(pdf.count), as: UTF8.self)
    #expect(tail.hasPrefix("3 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n   /Lang (fr)\n>>\nendobj\nxref\n3 1\n"), "\(tail)")
    let entry = try #require(tail.firstMatch(of: /xref\n3 1\n(\d{10}) 00000 n \n/))
    #expect(String(decoding: updated.dropFirst(Int(entry.1)!).prefix(8), as: UTF8.self) == "3 0 obj\n")
    let original = String(decoding: pdf, as: UTF8.self)
    let previous = try #require(original.firstMatch(of: /startxref\n(\d+)\n/)).1
    #expect(tail.contains("/Root 3 0 R\n   /Info 2 0 R\n   /Prev \(previous)\n>>"))
    let last = try #require(tail.firstMatch(of: /startxref\n(\d+)\n%%EOF\n$/))
    #expect(String(decoding: updated.dropFirst(Int(last.1)!).prefix(5), as: UTF8.self) == "xref\n")
}

@Test("the file qpdf reads back has the language and no error, for tags of every form")
func languageReadsBack() throws {
    let folder = try TemporaryFolder()
    for tag in ["fr", "kk", "zh-Hant-TW", "sr-Latn"] {
        let path = folder.path + "/\(tag).pdf"
        try Data(try #require(PDFLanguage.adding(tag, to: cairoLikePDF()))).write(to: URL(fileURLWithPath: path))
        let check = try run("qpdf", ["--check", path])
        #expect(check.status == 0 && !check.stdout.contains("WARNING"), "\(check.stdout)\(check.stderr)")
        #expect(try run("qpdf", ["--show-object=3", path]).stdout.contains("/Lang (\(tag))"))
    }
}

@Test("no update for a file not laid out as expected, or whose catalog already says its language")
func languageLeftAlone() {
    #expect(PDFLanguage.adding("fr", to: cairoLikePDF(catalog: "<< /Type /Catalog /Lang (de) >>")) == nil)
    #expect(PDFLanguage.adding("fr", to: Array("%PDF-1.5\n1 0 obj\n<< >>\nendobj\n".utf8)) == nil)
    #expect(PDFLanguage.adding("fr", to: []) == nil)
    #expect(PDFLanguage.adding("", to: cairoLikePDF()) == nil)
    #expect(PDFLanguage.literal("a(b)\\c") == "(a\\(b\\)\\\\c)")
}
