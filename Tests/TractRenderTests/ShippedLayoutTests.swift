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
    ("a4-photo", "595.276 x 841.89 pts", 1),
    ("a4-mono", "595.276 x 841.89 pts", 1),
    ("a5-flyer", "419.528 x 595.276 pts", 1),
    ("a6-card", "297.638 x 419.528 pts", 2),
    ("a3-poster", "841.89 x 1190.55 pts", 1),
    ("letter-classic", "612 x 792 pts", 1),
    // A4 with 3 mm of bleed and 9 mm for the marks on every side.
    ("a4-print", "663.307 x 909.921 pts", 1),
    // Two A5 copies on an A4 sheet, turned landscape.
    ("a5-2up", "841.89 x 595.276 pts", 1),
]

/// How many copies of the leaflet each sheet holds, and whether the page carries print furniture
/// (a slug line) whose words are not the source's.
private func copies(_ layout: String) -> Int { layout == "a5-2up" ? 2 : 1 }
private func hasSlug(_ layout: String) -> Bool { layout == "a4-print" }

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

@Test("the expectations name every shipped layout")
func everyLayoutIsExpected() throws {
    #expect(Set(expectations.map(\.layout)) == Set(try LayoutLibrary.names()))
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
        // A bullet drawn as text (a4-photo's dash) is not a word of the source.
        .filter { $0 != "–" && $0 != "•" }
    let sourceWords = try seedText().split(whereSeparator: spaces).filter { $0 != "-" }.map { $0.lowercased() }
    var position = 0
    var missing: [String] = []
    for word in sourceWords {
        if let found = pdfWords[position...].firstIndex(of: word) { position = found + 1 } else { missing.append(word) }
    }
    #expect(missing.isEmpty, "\(layout): missing or out of order: \(missing.prefix(8))")
    if !hasSlug(layout) {
        #expect(pdfWords.count == sourceWords.count * copies(layout),
                "\(layout): \(pdfWords.count) words in the PDF, \(sourceWords.count) in the source")
    }
    withExtendedLifetime(folder) {}
}

// MARK: Reference images


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
        let actual = try Pixels(folder.path + "/" + page)
        let expected = try Pixels(reference + "/" + name)
        #expect(actual.width == expected.width && actual.height == expected.height, "\(name): size changed")
        guard actual.width == expected.width && actual.height == expected.height else { continue }
        let differences = zip(actual.greys, expected.greys).map { abs(Int($0) - Int($1)) }
        let mean = Double(differences.reduce(0, +)) / Double(differences.count)
        let changed = Double(differences.filter { $0 > 64 }.count) / Double(differences.count)
        // Text reflowing by a word moves many small grey pixels a little; a box moving, a
        // colour changing or text disappearing moves many pixels a lot.
        #expect(mean < 3 && changed < 0.02, "\(name): mean difference \(mean), \(changed * 100)% of pixels changed a lot")
    }
}
