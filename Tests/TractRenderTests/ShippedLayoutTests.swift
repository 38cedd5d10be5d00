import CCairoPango
import Foundation
import Testing
import Tract
import TractCompose
import TractLayouts
import TractRender

// Every shipped layout renders the reference leaflet: the right page size and count, every font
// embedded, every word of the source in order, and a picture close to the committed one.

/// What each shipped layout must produce for the reference leaflet.
private let expectations: [(layout: String, pageSize: String, pages: Int)] = [
    ("a4-classic", "595.276 x 841.89 pts", 1),
    ("a4-impact", "595.276 x 841.89 pts", 1),
    ("a5-flyer", "419.528 x 595.276 pts", 1),
    ("a6-card", "297.638 x 419.528 pts", 2),
    ("a3-poster", "841.89 x 1190.55 pts", 1),
    ("letter-classic", "612 x 792 pts", 1),
]

/// Renders the reference leaflet (or another source) in a layout, into a temporary folder.
private func render(_ layout: String, source path: String? = nil) throws -> (folder: TemporaryFolder, pdf: String) {
    let folder = try TemporaryFolder()
    let source = try path ?? folder.write(seedText(), to: "fr.txt")
    let engine = try Engine()
    let (document, _) = try engine.compose(source, layout: LayoutLibrary.load(layout))
    let pdf = folder.path + "/\(layout).pdf"
    try engine.typesetter.writePDF(document, to: pdf, settings: PDFSettings(creationDate: 0))
    return (folder, pdf)
}

@Test("every shipped layout renders the reference leaflet on the right pages, fonts embedded", arguments: expectations)
func shippedLayout(_ expected: (layout: String, pageSize: String, pages: Int)) throws {
    let (folder, pdf) = try render(expected.layout)
    let info = try run("pdfinfo", [pdf]).stdout
    #expect(info.contains("Pages:           \(expected.pages)\n"), "\(info)")
    #expect(info.contains("Page size:       \(expected.pageSize)"), "\(info)")
    let fonts = try run("pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
    #expect(!fonts.isEmpty)
    for row in fonts {
        let columns = row.split(separator: " ")
        #expect(columns[columns.count - 5] == "yes", "not embedded: \(row)")
    }
    withExtendedLifetime(folder) {}
}

@Test("every shipped layout keeps every word of the source, in order", arguments: expectations.map(\.layout))
func shippedLayoutWords(_ layout: String) throws {
    let (folder, pdf) = try render(layout)
    // The text in the order it is drawn, which is reading order: pdftotext orders by position,
    // which a sidebar or a column beside a box can upset.
    let text = try pdfText(pdf).joined(separator: "\n")
    // A line broken inside a word ends with U+2010 (added: dropped) or a hard hyphen (kept).
    let joined = text.replacing("\u{2010}\n", with: "").replacing("-\n", with: "-")
    let spaces: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{00A0}" || $0 == "\u{202F}" }
    // Ligatures come out of the PDF as single characters (ﬀ, ﬁ, ﬂ).
    let pdfWords = joined.replacing("\u{FB00}", with: "ff").replacing("\u{FB01}", with: "fi").replacing("\u{FB02}", with: "fl")
        .split(whereSeparator: spaces).map { $0.lowercased() }
    let sourceWords = try seedText().split(whereSeparator: spaces).filter { $0 != "-" }.map { $0.lowercased() }
    var position = 0
    var missing: [String] = []
    for word in sourceWords {
        if let found = pdfWords[position...].firstIndex(of: word) { position = found + 1 } else { missing.append(word) }
    }
    #expect(missing.isEmpty, "\(layout): missing or out of order: \(missing.prefix(8))")
    #expect(pdfWords.count == sourceWords.count, "\(layout): \(pdfWords.count) words in the PDF, \(sourceWords.count) in the source")
    withExtendedLifetime(folder) {}
}

// MARK: Reference images

/// Grey levels of a PNG file, row by row, with its size.
private func greys(_ png: String) throws -> (width: Int, height: Int, pixels: [UInt8]) {
    // transfer full: destroyed below.
    guard let surface = cairo_image_surface_create_from_png(png), cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
        throw CocoaError(.fileReadCorruptFile)
    }
    defer { cairo_surface_destroy(surface) }
    let width = Int(cairo_image_surface_get_width(surface))
    let height = Int(cairo_image_surface_get_height(surface))
    let stride = Int(cairo_image_surface_get_stride(surface))
    let data = cairo_image_surface_get_data(surface)!
    var pixels: [UInt8] = []
    for y in 0..<height {
        for x in 0..<width {
            let pixel = data.advanced(by: y * stride + x * 4)
            // ARGB32 in native (little-endian) order: blue, green, red, alpha.
            let grey = (Int(pixel[2]) * 299 + Int(pixel[1]) * 587 + Int(pixel[0]) * 114) / 1000
            pixels.append(UInt8(grey))
        }
    }
    return (width, height, pixels)
}

@Test("every shipped layout looks as its reference picture, within a small tolerance", arguments: expectations.map(\.layout))
func referencePicture(_ layout: String) throws {
    let (folder, pdf) = try render(layout)
    try compareWithReferences(pdf, in: folder, named: layout)
}

@Test("Arabic looks as its reference picture: text from the right, boxes mirrored where the layout says",
      arguments: ["a4-classic", "a4-impact"])
func arabicReferencePicture(_ layout: String) throws {
    let (folder, pdf) = try render(layout, source: repositoryRoot + "/examples/kazakhstan/ar.md")
    try compareWithReferences(pdf, in: folder, named: "ar-" + layout)
}

/// Compares each page of a PDF with `References/NAME-PAGE.png`, or writes the references when
/// `TRACT_UPDATE_IMAGES` is set.
private func compareWithReferences(_ pdf: String, in folder: TemporaryFolder, named base: String) throws {
    // 160 pixels on the long side: enough to see boxes, colours and the mass of the text, and
    // the references stay around ten kilobytes.
    _ = try run("pdftoppm", ["-scale-to", "160", "-png", "-gray", pdf, folder.path + "/page"])
    let reference = repositoryRoot + "/Tests/TractRenderTests/References"
    let pages = try folder.files().filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }
    #expect(!pages.isEmpty)
    for (index, page) in pages.enumerated() {
        let name = "\(base)-\(index + 1).png"
        if ProcessInfo.processInfo.environment["TRACT_UPDATE_IMAGES"] != nil {
            try? FileManager.default.removeItem(atPath: reference + "/" + name)
            try FileManager.default.copyItem(atPath: folder.path + "/" + page, toPath: reference + "/" + name)
            continue
        }
        guard FileManager.default.fileExists(atPath: reference + "/" + name) else {
            Issue.record("no reference picture \(name): run the tests with TRACT_UPDATE_IMAGES=1, look at it, commit it")
            continue
        }
        let actual = try greys(folder.path + "/" + page)
        let expected = try greys(reference + "/" + name)
        #expect(actual.width == expected.width && actual.height == expected.height, "\(name): size changed")
        guard actual.pixels.count == expected.pixels.count else { continue }
        let differences = zip(actual.pixels, expected.pixels).map { abs(Int($0) - Int($1)) }
        let mean = Double(differences.reduce(0, +)) / Double(differences.count)
        let changed = Double(differences.filter { $0 > 64 }.count) / Double(differences.count)
        // Text reflowing by a word moves many small grey pixels a little; a box moving, a
        // colour changing or text disappearing moves many pixels a lot.
        #expect(mean < 3 && changed < 0.02, "\(name): mean difference \(mean), \(changed * 100)% of pixels changed a lot")
    }
}
