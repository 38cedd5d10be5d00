import Foundation
import Testing
import Tract
import TractLayouts

/// A ToUnicode CMap for the hand-made font: ASCII as itself, and a few codes above it.
private let handmadeCMap = """
    /CIDInit /ProcSet findresource begin
    12 dict begin
    begincmap
    /CMapName /Handmade-UCS def
    1 begincodespacerange
    <00> <ff>
    endcodespacerange
    1 beginbfrange
    <20> <7e> <0020>
    endbfrange
    2 beginbfchar
    <a0> <00a0>
    <af> <202f>
    endbfchar
    1 beginbfrange
    <c0> <c1> [<0153> <d835dc9c>]
    endbfrange
    endcmap
    CMapName currentdict /CMap defineresource pop
    end
    end
    """

/// Writes a one-page PDF that shows `content` with /F1, a simple font whose ToUnicode CMap is
/// `cmap` (none when nil), and returns its path. The resources sit on the page tree's root, so
/// the page inherits them.
private func writeHandmadePDF(content: String, cmap: String?, in folder: TemporaryFolder) throws -> String {
    let stream = { (data: String) in "<< /Length \(data.utf8.count) >>\nstream\n\(data)\nendstream" }
    var objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        stream(content),
        "<< /Type /Font /Subtype /TrueType /BaseFont /Handmade" + (cmap == nil ? "" : " /ToUnicode 6 0 R") + " >>",
    ]
    if let cmap { objects.append(stream(cmap)) }
    var pdf = "%PDF-1.4\n"
    var offsets: [Int] = []
    for (index, body) in objects.enumerated() {
        offsets.append(pdf.utf8.count)
        pdf += "\(index + 1) 0 obj\n\(body)\nendobj\n"
    }
    let xref = pdf.utf8.count
    pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    pdf += offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
    pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    return try folder.write(pdf, to: "handmade.pdf")
}

// Cairo's real output: the headline in a WinAnsi TrueType subset, and U+202F and U+00A0,
// which WinAnsi cannot hold, in a CID subset beside it. Scalars are compared, not Strings,
// because String equality would let a decomposed "À" pass for a composed one.
@Test("a rendered leaflet reads back with its capitals, U+202F and U+00A0")
func pdfTextOfRenderedLeaflet() throws {
    let folder = try TemporaryFolder()
    let pages = try withExtendedLifetime(folder) {
        let source = try folder.write("Non à la guerre !\nLe 2 janvier, nous serons là : venez tous !\n", to: "fr.txt")
        let pdf = folder.path + "/fr.pdf"
        // The sizes of a full leaflet, not grown to fill the page, so the lines break as expected.
        let layout = try LayoutLibrary.load("a4-classic", settings: ["fitting.fill.order=[]"])
        _ = try Engine().render(source, layout: layout, output: pdf, language: nil, options: RenderOptions(png: false, colour: .rgb))
        return try pdfText(pdf)
    }
    try #require(pages.count == 1)
    let expected = "NON À LA GUERRE\u{202F}!\nLe 2\u{00A0}janvier, nous serons là\u{00A0}: venez tous\u{202F}!"
    #expect(Array(pages[0].unicodeScalars) == Array(expected.unicodeScalars), "got \(pages[0].debugDescription)")
}

// Operators and string forms that Cairo writes rarely or not at all, so that the reader is
// tested on them before a leaflet needs them: bfrange with a string and with an array (one
// entry a surrogate pair), escapes and nested parentheses, TJ kerning (no space made from
// it), a Td along the same line (no break), ', ", T*, TD, and a second text object.
@Test("hand-written text operators decode through the ToUnicode CMap")
func pdfTextOfHandmadeOperators() throws {
    let content = """
        BT /F1 12 Tf 14 TL 20 180 Td (Le 2\\240janvier) Tj [(, nous) -250 ( serons l) 30 (\\(a\\))] TJ
        40 0 Td (\\257!) Tj (c\\300ur) '
        0 -14 TD <4f 4B> Tj T* 1 0 (\\301) " ET
        BT /F1 12 Tf 20 100 Td (fin) Tj ET
        """
    let folder = try TemporaryFolder()
    let pages = try withExtendedLifetime(folder) {
        try pdfText(writeHandmadePDF(content: content, cmap: handmadeCMap, in: folder))
    }
    let expected = "Le 2\u{00A0}janvier, nous serons l(a)\u{202F}!\nc\u{0153}ur\nOK\n\u{1D49C}\nfin"
    #expect(pages.map { Array($0.unicodeScalars) } == [Array(expected.unicodeScalars)], "got \(pages.map(\.debugDescription))")
}

/// A PDF that `pdfText` must refuse, named for what is wrong with it.
struct UnreadablePDF: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var content: String
    var cmap: String?
    /// A phrase of the error's description, so that the test fails if the refusal has another cause.
    var reason: String
}

@Test("text the reader cannot decode throws instead of coming out wrong", arguments: [
    UnreadablePDF(testDescription: "font without ToUnicode", content: "BT /F1 12 Tf (A) Tj ET", cmap: nil,
                  reason: "has no /ToUnicode"),
    UnreadablePDF(testDescription: "code missing from the CMap", content: "BT /F1 12 Tf (A\\001) Tj ET", cmap: handmadeCMap,
                  reason: "code <1> is not in its ToUnicode"),
    UnreadablePDF(testDescription: "unknown operator", content: "BT /F1 12 Tf (A) Tj 1 Tq ET", cmap: handmadeCMap,
                  reason: "unknown operator 'Tq'"),
    UnreadablePDF(testDescription: "font not in the resources", content: "BT /F2 12 Tf (A) Tj ET", cmap: handmadeCMap,
                  reason: "not in the page's /Font"),
    UnreadablePDF(testDescription: "text outside a text object", content: "/F1 12 Tf (A) Tj", cmap: handmadeCMap,
                  reason: "outside a text object"),
])
func pdfTextRefuses(_ pdf: UnreadablePDF) throws {
    let folder = try TemporaryFolder()
    let path = try writeHandmadePDF(content: pdf.content, cmap: pdf.cmap, in: folder)
    let error = withExtendedLifetime(folder) { #expect(throws: PDFTextError.self) { try pdfText(path) } }
    #expect(error?.description.contains(pdf.reason) == true, "threw: \(error?.description ?? "nothing")")
}

@Test("a file that is not a PDF throws")
func pdfTextOfNonPDF() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("just text\n", to: "not.pdf")
    let error = withExtendedLifetime(folder) { #expect(throws: PDFTextError.self) { try pdfText(path) } }
    #expect(error?.description.contains("qpdf failed") == true, "threw: \(error?.description ?? "nothing")")
}
