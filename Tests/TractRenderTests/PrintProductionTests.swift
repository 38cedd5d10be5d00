import Foundation
import Testing
@testable import TractDrawing
@testable import TractOutput
import TractRender

// Print production as a user meets it: `tract render` with the shipped print layouts, checked
// with poppler's, qpdf's and Ghostscript's own readings of the files.

/// The reference leaflet's folder, copied with its leaflet.yaml (web address, logo), so that
/// the print layouts have their pictures.
private func kazakhstan() throws -> (folder: TemporaryFolder, source: String) {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: folder.path + "/kazakhstan", withIntermediateDirectories: false)
    for name in ["fr.txt", "leaflet.yaml", "logo.svg"] {
        try FileManager.default.copyItem(atPath: repositoryRoot + "/examples/kazakhstan/" + name,
                                         toPath: folder.path + "/kazakhstan/" + name)
    }
    return (folder, folder.path + "/kazakhstan/fr.txt")
}

/// Renders with the command line; `environment` may set SOURCE_DATE_EPOCH.
private func render(_ source: String, _ arguments: [String], to pdf: String,
                    environment: [String: String] = ["SOURCE_DATE_EPOCH": ""]) throws -> CommandResult {
    try run(tractProgram, ["render", source, "-o", pdf] + arguments, environment: environment)
}

/// `pdfinfo -box`'s boxes of the first page, as [x0, y0, x1, y1] in points.
private func boxes(_ pdf: String) throws -> [String: [Double]] {
    var boxes: [String: [Double]] = [:]
    for line in try run("pdfinfo", ["-box", pdf]).stdout.split(separator: "\n") {
        let parts = line.split(separator: ":")
        guard parts.count == 2, parts[0].hasSuffix("Box") else { continue }
        boxes[String(parts[0])] = parts[1].split(separator: " ").compactMap { Double($0) }
    }
    return boxes
}

private func expectBox(_ actual: [Double]?, _ expected: [Double], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual, actual.count == 4 else {
        Issue.record("\(what): no box", sourceLocation: sourceLocation)
        return
    }
    #expect(zip(actual, expected).allSatisfy { abs($0 - $1) < 0.02 }, "\(what): \(actual), expected \(expected)",
            sourceLocation: sourceLocation)
}

private let millimetre = 72 / 25.4

@Test("every shipped layout's PDF has the right MediaBox, BleedBox and TrimBox",
      arguments: ["a4-classic", "a4-impact", "a5-flyer", "a6-card", "a3-poster", "letter-classic", "a4-print", "a5-2up"])
func pageBoxes(_ layout: String) throws {
    let (folder, source) = try kazakhstan()
    let pdf = folder.path + "/out.pdf"
    let result = try render(source, ["--layout", layout], to: pdf)
    #expect(result.status == 0, "\(result.stderr)")
    let found = try boxes(pdf)
    let media = try #require(found["MediaBox"])
    switch layout {
    case "a4-print":
        // A4 in the middle of 3 mm of bleed and 9 mm more for the crop marks and the slug.
        let margin = 12 * millimetre
        expectBox(media, [0, 0, 595.276 + 2 * margin, 841.89 + 2 * margin], "MediaBox")
        expectBox(found["TrimBox"], [margin, margin, margin + 595.276, margin + 841.89], "TrimBox")
        let bleed = 3 * millimetre
        expectBox(found["BleedBox"], [margin - bleed, margin - bleed, margin + 595.276 + bleed, margin + 841.89 + bleed], "BleedBox")
    case "a5-2up":
        // An A4 sheet, landscape; the trim is the two A5 copies side by side, centred.
        expectBox(media, [0, 0, 841.89, 595.276], "MediaBox")
        let side = (841.89 - 2 * 419.528) / 2
        expectBox(found["TrimBox"], [side, 0, side + 2 * 419.528, 595.276], "TrimBox")
        expectBox(found["BleedBox"], [side, 0, side + 2 * 419.528, 595.276], "BleedBox")
    default:
        // No print furniture: the trim is the page.
        expectBox(found["TrimBox"], media, "TrimBox")
        expectBox(found["BleedBox"], media, "BleedBox")
    }
}

@Test("every PDF passes qpdf --check and renders with Ghostscript without a word on stderr")
func validFiles() throws {
    let (folder, source) = try kazakhstan()
    var files: [String] = []
    for (name, arguments) in [("print", ["--layout", "a4-print"]), ("imposed", ["--layout", "a5-2up"]),
                              ("card", ["--layout", "a6-card"]), ("cmyk", ["--layout", "a4-print", "--cmyk"]),
                              ("pdfx", ["--pdfx"]),
                              ("arabic", ["--layout", "a4-print"])] {
        let pdf = folder.path + "/\(name).pdf"
        let input = name == "arabic" ? repositoryRoot + "/examples/kazakhstan/ar.md" : source
        let result = try render(input, arguments, to: pdf)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        let check = try run("qpdf", ["--check", pdf])
        #expect(check.status == 0 && check.stdout.contains("No syntax or stream encoding errors"), "\(name): \(check.stdout)")
        files.append(pdf)
    }
    let ghostscript = try run("gs", ["-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=nullpage"] + files)
    #expect(ghostscript.status == 0)
    #expect(ghostscript.stdout.isEmpty && ghostscript.stderr.isEmpty, "\(ghostscript.stdout)\(ghostscript.stderr)")
}

@Test("the print-shop PDF has the logo, a QR code that reads back as the leaflet's address, and links")
func printShopPictures() throws {
    let (folder, source) = try kazakhstan()
    let pdf = folder.path + "/print.pdf"
    #expect(try render(source, ["--layout", "a4-print"], to: pdf).status == 0)
    _ = try run("pdftoppm", ["-r", "200", "-png", pdf, folder.path + "/page"])
    let decoded = try run("zbarimg", ["--raw", "-q", folder.path + "/page-1.png"])
    #expect(decoded.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "https://example.org/kazakhstan")
    // A link over the code and one over the address written under it.
    let links = try run("pdfinfo", ["-url", pdf]).stdout.split(separator: "\n").filter { $0.contains("https://example.org/kazakhstan") }
    #expect(links.count == 2, "\(links)")
    // The logo is the SVG, drawn as vector: no image in the file.
    #expect(try run("pdfimages", ["-list", pdf]).stdout.split(separator: "\n").count == 2)
    // The slug names the leaflet, the layout and the language.
    let text = try run("pdftotext", [pdf, "-"]).stdout
    #expect(text.contains("kazakhstan-fr") && text.contains("a4-print"), "\(text.suffix(200))")
}

@Test("two A5 copies on an A4 sheet: the same page twice, side by side, one A5 width apart")
func imposedCopies() throws {
    let (folder, source) = try kazakhstan()
    let pdf = folder.path + "/imposed.pdf"
    #expect(try render(source, ["--layout", "a5-2up"], to: pdf).status == 0)
    let words = try run("pdftotext", ["-bbox", pdf, "-"]).stdout.split(separator: "\n").filter { $0.contains(">RÉPRESSION<") }
    let positions = words.compactMap { line -> (Double, Double)? in
        func value(_ name: String) -> Double? {
            guard let range = line.range(of: name + "=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        return value("xMin").flatMap { x in value("yMin").map { (x, $0) } }
    }
    #expect(positions.count == 2, "\(words)")
    if positions.count == 2 {
        #expect(abs((positions[1].0 - positions[0].0) - 419.528) < 0.1, "\(positions)")
        #expect(abs(positions[1].1 - positions[0].1) < 0.01)
    }
}

@Test("rendering twice gives the same bytes; the date comes only from SOURCE_DATE_EPOCH")
func reproducible() throws {
    let (folder, source) = try kazakhstan()
    for arguments in [[], ["--layout", "a4-print"], ["--layout", "a5-2up", "--cmyk"]] {
        let first = folder.path + "/first.pdf"
        let second = folder.path + "/second.pdf"
        #expect(try render(source, arguments, to: first).status == 0)
        Thread.sleep(forTimeInterval: 1.1)  // a date written from the clock would differ
        #expect(try render(source, arguments, to: second).status == 0)
        #expect(FileManager.default.contents(atPath: first) == FileManager.default.contents(atPath: second), "\(arguments)")
        #expect(!(try run("pdfinfo", [first]).stdout.contains("CreationDate")), "\(arguments)")
    }
    let dated = folder.path + "/dated.pdf"
    #expect(try render(source, [], to: dated, environment: ["SOURCE_DATE_EPOCH": "1700000000"]).status == 0)
    #expect(try run("pdfinfo", [dated]).stdout.contains("CreationDate:    Tue Nov 14 22:13:20 2023 UTC"))
}

@Test("the PDF says its title, author, subject and keywords, and has an outline entry for the headline; every PDF, plain or for print, its language")
func metadataAndStructure() throws {
    let (folder, source) = try kazakhstan()
    let pdf = folder.path + "/out.pdf"
    #expect(try render(source, [], to: pdf).status == 0)
    let print = folder.path + "/print.pdf"
    #expect(try render(source, ["--layout", "a4-print"], to: print).status == 0)
    let info = try run("pdfinfo", [pdf]).stdout
    // The title is typeset as the headline is: a narrow no-break space before the `!`.
    #expect(info.contains("Title:           Non à la répression du peuple\u{202F}!"))
    #expect(info.contains("Author:          Ligue socialiste internationale"))
    #expect(info.contains("Subject:         Pour une grève générale"))
    #expect(info.contains("Keywords:        Kazakhstan, janvier 2022, grève générale"))
    let json = try run("qpdf", ["--json=2", "--json-key=outlines", pdf]).stdout
    #expect(json.contains("\"title\": \"Non à la répression du peuple\u{202F}!\""), "\(json)")
    #expect(json.contains("\"destpageposfrom1\": 1"))
    for file in [pdf, print] { #expect(try catalog(of: file).contains("/Lang (fr)"), "\(file)") }
    #expect(try run("qpdf", ["--check", pdf]).status == 0)
}

/// The catalog of a PDF, as qpdf shows it.
private func catalog(of pdf: String) throws -> String {
    let trailer = try run("qpdf", ["--show-object=trailer", pdf]).stdout
    let root = try #require(trailer.firstMatch(of: /\/Root (\d+) 0 R/)).1
    return try run("qpdf", ["--show-object=\(root)", pdf]).stdout
}

@Test("a PDF converted for print keeps its language: Ghostscript is told it, since it writes a new catalog", .enabled(if: PrintColour.ghostscriptAvailable))
func convertedPDFsKeepTheirLanguage() throws {
    let folder = try TemporaryFolder()
    let source = try folder.write("# Ein Titel\n\nEin kurzer Text über die Versammlung am Montag.\n", to: "de.txt")
    for colour in ["--cmyk", "--pdfx"] {
        let pdf = folder.path + "/\(colour.dropFirst(2)).pdf"
        #expect(try render(source, [colour], to: pdf).status == 0)
        #expect(try catalog(of: pdf).contains("/Lang (de)"), "\(colour)")
    }
}

@Test("bad print settings are errors at their line: bleed without a background, copies that do not fit, a picture box with text")
func badPrintLayouts() throws {
    let (folder, source) = try kazakhstan()
    let cases: [(yaml: String, at: String, says: String)] = [
        ("version: 1\nextends: a4-classic\npages:\n  first:\n    band: {background: null}\n    demands: {background: null}\nprint:\n  bleed: 3mm\n",
         ":8:10:", "no background reaches the edge"),
        ("version: 1\nextends: a5-flyer\nimposition:\n  sheet: A4\n  copies: 3\n", ":5:11:", "do not fit on a sheet"),
        ("version: 1\nextends: a4-classic\npages:\n  first:\n    logo: {top: 10mm, right: 10mm, width: 20mm, height: 20mm, shows: logo, flows: [kicker], overlap: true}\n",
         ":5:", "cannot also receive text"),
        ("version: 1\nextends: a5-2up\nprint:\n  bleed: 3mm\n", ":4:10:", "cannot go with imposition"),
    ]
    for (index, item) in cases.enumerated() {
        let layout = try folder.write(item.yaml, to: "layout\(index).yaml")
        let pdf = folder.path + "/bad\(index).pdf"
        let result = try render(source, ["--layout", layout], to: pdf)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(layout + item.at) && result.stderr.contains(item.says), "\(result.stderr)")
        #expect(result.stderr.contains("hint:") && !showsACrash(result.stderr))
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }
}

@Test("a logo that leaflet.yaml names but that does not exist stops the render, and no PDF is left")
func missingLogo() throws {
    let (folder, source) = try kazakhstan()
    try FileManager.default.removeItem(atPath: folder.path + "/kazakhstan/logo.svg")
    let pdf = folder.path + "/print.pdf"
    let result = try render(source, ["--layout", "a4-print"], to: pdf)
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix(folder.path + "/kazakhstan/logo.svg: error:"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: pdf))
}

@Test("qpdf failing on the way is a diagnostic naming the output, not a crash")
func qpdfFailure() throws {
    // libqpdf is opened when first needed; it is installed here.
    #expect(throws: Never.self) { try LibQPDF.shared.get() }
    let folder = try TemporaryFolder()
    let input = try folder.write("this is not a PDF\n", to: "drawn.pdf")
    do {
        try PDFFinish(language: "fr", keepsDates: false).apply(file: input, output: folder.path + "/out.pdf", reportedAs: "leaflet.pdf")
        Issue.record("qpdf accepted a text file")
    } catch {
        #expect(error.location?.file == "leaflet.pdf")
        #expect(error.message.hasPrefix("cannot read the PDF Cairo wrote: qpdf says"), "\(error.message)")
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.pdf"))
}

@Test("--cmyk and --pdfx exclude each other")
func colourFlags() throws {
    let (folder, source) = try kazakhstan()
    let result = try render(source, ["--cmyk", "--pdfx"], to: folder.path + "/x.pdf")
    #expect(result.status == 64)
    #expect(result.stderr.contains("--cmyk and --pdfx exclude each other"))
}
