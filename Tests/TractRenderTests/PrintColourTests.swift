import Foundation
import Testing
import Tract
@testable import TractOutput
import TractCore
import TractLayouts
import TractRender

// --cmyk and --pdfx: the reference leaflet converted with Ghostscript, checked in the PDF itself
// (qpdf's uncompressed form), with Ghostscript's ink_cov device, and with poppler's tools.

/// Renders the reference leaflet in a layout into a fresh temporary folder.
private func renderSeed(_ layout: String = "a4-classic", settings: [String] = []) throws -> (folder: TemporaryFolder, pdf: String) {
    let folder = try TemporaryFolder()
    let source = try folder.write(seedText(), to: "fr.txt")
    let engine = try Engine()
    let (document, _) = try engine.compose(source, layout: LayoutLibrary.load(layout, settings: settings))
    let pdf = folder.path + "/leaflet.pdf"
    try engine.typesetter.writePDF(document, to: pdf, settings: PDFSettings(creationDate: 0))
    return (folder, pdf)
}

/// A file's bytes.
private func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}

/// Writes a copy of the PDF with the `keys` taken out of every dictionary and `entries` added
/// to every page dictionary, through qpdf's QDF form and fix-qdf, which repairs the offsets.
private func edited(_ pdf: String, to output: String, removing keys: [String] = [], addingToPages entries: String? = nil) throws {
    let qdf = pdf + ".qdf"
    defer { try? FileManager.default.removeItem(atPath: qdf) }
    _ = try run("qpdf", ["--qdf", "--object-streams=disable", pdf, qdf])
    var data = try bytes(qdf)
    // QDF writes a dictionary's entries one to a line, indented by two spaces, and an array's
    // elements on the lines up to its "  ]".
    let newline = Data("\n".utf8)
    for key in keys {
        while let start = data.range(of: Data("\n  \(key) ".utf8)),
              let lineEnd = data.range(of: newline, in: start.upperBound..<data.endIndex) {
            let opensArray = data[data.index(before: lineEnd.lowerBound)] == UInt8(ascii: "[")
            let end = opensArray ? data.range(of: Data("\n  ]".utf8), in: lineEnd.lowerBound..<data.endIndex)?.upperBound : lineEnd.lowerBound
            data.removeSubrange(start.lowerBound..<(end ?? lineEnd.lowerBound))
        }
    }
    if let entries {
        let pageType = Data("\n  /Type /Page\n".utf8)
        var searchFrom = data.startIndex
        while let found = data.range(of: pageType, in: searchFrom..<data.endIndex) {
            let insertion = Data("\n  \(entries)".utf8)
            data.insert(contentsOf: insertion, at: found.lowerBound)
            searchFrom = found.upperBound + insertion.count
        }
    }
    try data.write(to: URL(fileURLWithPath: qdf))
    let fixed = try run("sh", ["-c", "fix-qdf \"$0\" > \"$1\"", qdf, output])
    #expect(fixed.status == 0, "fix-qdf: \(fixed.stderr)")
}

/// Ink per colorant in percent, page by page, from Ghostscript's ink_cov device (inside the
/// CropBox, so that a test can look at one part of the page).
private func inkCoverage(_ pdf: String) throws -> [(c: Double, m: Double, y: Double, k: Double)] {
    let result = try run("gs", ["-q", "-o", "-", "-sDEVICE=ink_cov", "-dUseCropBox", pdf])
    return result.stdout.split(separator: "\n").compactMap { line in
        let values = line.split(separator: " ").prefix(4).compactMap { Double($0) }
        return values.count == 4 ? (values[0], values[1], values[2], values[3]) : nil
    }
}

/// The page count, the page size and the boxes, from `pdfinfo -box`: label and numbers.
private func pageGeometry(_ pdf: String) throws -> [String: [Double]] {
    var geometry: [String: [Double]] = [:]
    for line in try run("pdfinfo", ["-box", pdf]).stdout.split(separator: "\n") {
        guard line.hasPrefix("Pages:") || line.hasPrefix("Page size:") || line.contains("Box:"),
              let colon = line.firstIndex(of: ":") else { continue }
        geometry[String(line[..<colon])] = line[colon...].split(separator: " ").compactMap { Double($0) }
    }
    return geometry
}

/// Whether two pages' geometry agree to a hundredth of a point: Ghostscript writes the
/// MediaBox with two decimals, Cairo with six.
private func sameGeometry(_ one: [String: [Double]], _ other: [String: [Double]]) -> Bool {
    one.keys.sorted() == other.keys.sorted() && one.allSatisfy { label, numbers in
        let others = other[label] ?? []
        return numbers.count == others.count && zip(numbers, others).allSatisfy { abs($0 - $1) < 0.01 }
    }
}

@Test("after --cmyk no colour is RGB: every colour operator is CMYK, and no RGB colour space is left")
func cmykLeavesNoRGB() throws {
    let (folder, pdf) = try renderSeed()
    let before = try ColourUse(pdf)
    // The check must see Cairo's RGB, or it proves nothing about the converted file.
    #expect(before.rgbOperators > 0 && before.rgbSpaces > 0 && before.cmykOperators == 0, "\(before)")

    try PrintColour.convert(pdf, to: .cmyk)
    let after = try ColourUse(pdf)
    #expect(after.rgbOperators == 0, "\(after)")
    #expect(after.rgbSpaces == 0, "\(after)")
    #expect(after.cmykOperators > 0, "\(after)")
    withExtendedLifetime(folder) {}
}

@Test("the red band comes out in magenta and yellow")
func redBandInk() throws {
    let (folder, pdf) = try renderSeed()
    try PrintColour.convert(pdf, to: .cmyk)
    // The band runs across the top of a4-classic; its top 20 points hold nothing else.
    let band = folder.path + "/band.pdf"
    try edited(pdf, to: band, addingToPages: "/CropBox [ 0 822 595.276 841.89 ]")
    let ink = try inkCoverage(band)
    #expect(ink.count == 1)
    if let page = ink.first {
        #expect(page.m > 90 && page.y > 90, "\(page)")
        #expect(page.c < 30 && page.k < 30, "\(page)")
    }
}

@Test("black and grey text and rules come out in black ink alone; the red band keeps its four-colour conversion")
func printShopBlack() throws {
    // a4-classic with every colour black or grey, on white.
    let (folder, pdf) = try renderSeed(settings: ["colors.red=#000000", "colors.straw=#555555", "colors.tint=#ffffff",
                                                  "colors.ink=#1c1c1c", "styles.headline.color=#333333",
                                                  "styles.kicker.color=#333333", "pages.first.band.background=white"])
    // As Cairo wrote it, the grey ink is RGB, which a CMYK conversion sets in all four inks.
    let rgb = try inkCoverage(pdf)
    #expect(rgb.count == 1 && rgb.allSatisfy { $0.c > 1 && $0.m > 1 && $0.y > 1 }, "\(rgb)")
    try PrintColour.convert(pdf, to: .cmyk)
    let ink = try inkCoverage(pdf)
    #expect(ink.count == 1)
    for page in ink {
        #expect(page.c == 0 && page.m == 0 && page.y == 0, "\(page)")
        #expect(page.k > 5, "\(page)")
    }
    #expect(try run("pdftotext", [pdf, "-"]).stdout.contains("Kazakhstan"))
    // The reference leaflet: its text is black ink alone, its red band still magenta and yellow.
    let (colourFolder, colourPDF) = try renderSeed()
    try PrintColour.convert(colourPDF, to: .cmyk)
    let body = colourFolder.path + "/body.pdf"
    // A strip of the left column's text, below the band and above the demands.
    try edited(colourPDF, to: body, addingToPages: "/CropBox [ 45 400 290 500 ]")
    let text = try inkCoverage(body)
    #expect(text.count == 1 && text.allSatisfy { $0.c == 0 && $0.m == 0 && $0.y == 0 && $0.k > 3 }, "\(text)")
    withExtendedLifetime((folder, colourFolder)) {}
}

@Test("a4-mono under --cmyk is black ink alone, page after page, in every language it is tried in",
      arguments: ["fr.txt", "ar.md", "kk.md"])
func monoIsBlackOnly(_ source: String) throws {
    let folder = try TemporaryFolder()
    let pdf = folder.path + "/mono.pdf"
    let result = try run(tractProgram, ["render", repositoryRoot + "/examples/kazakhstan/" + source, "--layout", "a4-mono",
                                        "--cmyk", "-o", pdf])
    #expect(result.status == 0, "\(result.stderr)")
    let ink = try inkCoverage(pdf)
    #expect(!ink.isEmpty && ink.allSatisfy { $0.c == 0 && $0.m == 0 && $0.y == 0 && $0.k > 3 }, "\(ink)")
}

@Test("a CMYK file is sound, with the same pages, every font embedded and the same text")
func cmykKeepsPagesAndText() throws {
    let (folder, pdf) = try renderSeed()
    let geometry = try pageGeometry(pdf)
    try PrintColour.convert(pdf, to: .cmyk)

    let check = try run("qpdf", ["--check", pdf])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    let after = try pageGeometry(pdf)
    #expect(sameGeometry(after, geometry), "\(after) against \(geometry)")
    let fonts = try run("pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
    #expect(!fonts.isEmpty)
    for row in fonts {
        let columns = row.split(separator: " ")
        #expect(columns[columns.count - 5] == "yes", "not embedded: \(row)")
    }
    #expect(try run("pdftotext", [pdf, "-"]).stdout.contains("RÉPRESSION"))
    withExtendedLifetime(folder) {}
}

@Test("TrimBox and BleedBox come through the conversion", arguments: [ColourOutput.cmyk, .pdfx])
func boxesSurvive(_ output: ColourOutput) throws {
    let (folder, pdf) = try renderSeed()
    let boxed = folder.path + "/boxed.pdf"
    // Boxes unlike the MediaBox and unlike each other, so that a default put in their place shows.
    try edited(pdf, to: boxed, removing: ["/TrimBox", "/BleedBox"],
               addingToPages: "/TrimBox [ 8.5 8.5 586.776 833.39 ] /BleedBox [ 2 2 593.276 839.89 ]")
    let geometry = try pageGeometry(boxed)
    #expect(geometry["TrimBox"] == [8.5, 8.5, 586.78, 833.39], "\(geometry)")
    #expect(geometry["BleedBox"] == [2, 2, 593.28, 839.89], "\(geometry)")

    try PrintColour.convert(boxed, to: output)
    let after = try pageGeometry(boxed)
    #expect(sameGeometry(after, geometry), "\(after) against \(geometry)")
}

@Test("--pdfx writes PDF/X-3: the output intent with the CMYK profile, the version key, a TrimBox on every page")
func pdfxConformance() throws {
    // a6-card has two pages, so "every page" means something.
    let (folder, rendered) = try renderSeed("a6-card")
    let pdf = folder.path + "/untrimmed.pdf"
    try edited(rendered, to: pdf, removing: ["/TrimBox", "/BleedBox"])
    #expect(try !uncompressed(pdf).contains("/TrimBox"), "the test needs a PDF without TrimBox")

    try PrintColour.convert(pdf, to: .pdfx)
    let check = try run("qpdf", ["--check", pdf])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    let after = try uncompressed(pdf)
    #expect(after.hasPrefix("%PDF-1.3"), "PDF/X-3:2002 is PDF 1.3")
    #expect(after.contains("/OutputIntents ["))
    #expect(after.contains("/S /GTS_PDFX"))
    #expect(after.contains("/GTS_PDFXVersion (PDF/X-3:2002)"))
    #expect(after.contains("/OutputCondition (\(PrintColour.profileDescription))"))
    #expect(after.contains("/DestOutputProfile"))
    #expect(after.contains("/Trapped /False"))
    #expect(after.components(separatedBy: "/Type /Page\n").count - 1 == 2)
    #expect(after.components(separatedBy: "/TrimBox [").count - 1 == 2)
    #expect(try ColourUse(pdf).rgbOperators == 0)
    withExtendedLifetime(folder) {}
}

@Test("PDF/X takes the given title when the PDF has none, and keeps the PDF's own")
func pdfxTitle() throws {
    let (folder, pdf) = try renderSeed()
    let untitled = folder.path + "/untitled.pdf"
    try edited(pdf, to: untitled, removing: ["/Title"])
    #expect(try run("pdfinfo", [untitled]).stdout.contains("Title:") == false)

    try PrintColour.convert(untitled, to: .pdfx, title: "Répression (été) \\ ✊")
    #expect(try run("pdfinfo", [untitled]).stdout.contains("Title:           Répression (été) \\ ✊\n"))
    try PrintColour.convert(pdf, to: .pdfx, title: "Another title")
    #expect(try run("pdfinfo", [pdf]).stdout.contains("Title:           Non à la répression du peuple\u{202F}!\n"))
}

@Test("--rgb leaves the file as it was, and needs no Ghostscript")
func rgbLeavesTheFile() throws {
    let (folder, pdf) = try renderSeed()
    let original = try bytes(pdf)
    try PrintColour.convert(pdf, to: .rgb, title: nil, searchPath: "/nonexistent")
    try PrintColour.convert(pdf, to: .rgb)
    #expect(try bytes(pdf) == original)
    #expect(try folder.files() == ["fr.txt", "leaflet.pdf"])
}

@Test("the converted file keeps the original's permissions and is the same wherever it is written")
func permissionsAndReproducibility() throws {
    let (folder, pdf) = try renderSeed()
    let copy = try folder.write(Array(bytes(pdf)), to: "other name.pdf")
    chmod(pdf, 0o640)
    // The date comes from SOURCE_DATE_EPOCH, as for tract's own output.
    let environment = ["SOURCE_DATE_EPOCH=0"]
    try PrintColour.convert(pdf, to: .cmyk, title: nil, searchPath: PrintColour.environmentPath, environment: environment)
    try PrintColour.convert(copy, to: .cmyk, title: nil, searchPath: PrintColour.environmentPath, environment: environment)
    let attributes = try FileManager.default.attributesOfItem(atPath: pdf)
    #expect((attributes[.posixPermissions] as? Int) == 0o640)
    #expect(try bytes(pdf) == bytes(copy))
    #expect(try run("pdfinfo", [pdf]).stdout.contains("CreationDate:    Thu Jan  1 00:00:00 1970 UTC"))
}

@Test("gs is found in the search path: an executable file, not a folder, not a file without x, not the current folder")
func findingGhostscript() throws {
    let folder = try TemporaryFolder()
    for name in ["folder/gs", "plain", "executable"] {
        try FileManager.default.createDirectory(atPath: folder.path + "/" + name, withIntermediateDirectories: true)
    }
    let plain = try folder.write("#!/bin/sh\n", to: "plain/gs")
    let executable = try folder.write("#!/bin/sh\n", to: "executable/gs")
    chmod(plain, 0o644)
    chmod(executable, 0o755)

    #expect(PrintColour.findGhostscript(searchPath: "/nonexistent") == nil)
    #expect(PrintColour.findGhostscript(searchPath: "") == nil)
    #expect(PrintColour.findGhostscript(searchPath: "\(folder.path)/folder:\(folder.path)/plain") == nil)
    let path = "/nonexistent::\(folder.path)/folder:\(folder.path)/plain:\(folder.path)/executable"
    #expect(PrintColour.findGhostscript(searchPath: path) == executable)
}

@Test("without Ghostscript, a conversion says so, says how to install it, and leaves the file", arguments: [ColourOutput.cmyk, .pdfx])
func ghostscriptMissing(_ output: ColourOutput) throws {
    let (folder, pdf) = try renderSeed()
    let original = try bytes(pdf)
    let problem = diagnostic { () throws(Diagnostic) in
        try PrintColour.convert(pdf, to: output, title: nil, searchPath: "/nonexistent")
    }
    let name = output == .pdfx ? "PDF/X" : "CMYK"
    #expect(problem?.message == "cannot convert to \(name): Ghostscript is not installed")
    #expect(problem?.hints == ["install it with `apt-get install ghostscript`"])
    #expect(problem?.location?.file == pdf)
    #expect(try bytes(pdf) == original)
    #expect(try folder.files() == ["fr.txt", "leaflet.pdf"])
}

@Test("a PDF that is not there is reported as such, before Ghostscript runs")
func missingFile() throws {
    let folder = try TemporaryFolder()
    let problem = diagnostic { () throws(Diagnostic) in try PrintColour.convert(folder.path + "/none.pdf", to: .cmyk) }
    #expect(problem?.message == "cannot convert to CMYK: No such file or directory")
    #expect(try folder.files().isEmpty)
}

/// Files Ghostscript cannot read as a PDF: text, and a PDF cut short (which without
/// -dPDFSTOPONERROR gives an empty PDF and exit status 0).
private let unreadable: [(name: String, bytes: [UInt8])] = [
    ("text", Array("Non à la répression du peuple !\n".utf8)),
    ("header only", Array("%PDF-1.5\n%garbage\n".utf8)),
]

@Test("when Ghostscript fails, the diagnostic gives its words and the file stays as it was, with nothing left beside it",
      arguments: unreadable.map(\.name), [ColourOutput.cmyk, .pdfx])
func ghostscriptFails(_ name: String, _ output: ColourOutput) throws {
    let folder = try TemporaryFolder()
    let original = unreadable.first { $0.name == name }!.bytes
    let pdf = try folder.write(original, to: "x.pdf")
    let problem = diagnostic { () throws(Diagnostic) in try PrintColour.convert(pdf, to: output) }
    let expected = "Ghostscript could not convert the PDF to \(output == .pdfx ? "PDF/X" : "CMYK"): Error: /"
    #expect(problem?.message.hasPrefix(expected) == true, "\(problem?.description ?? "no diagnostic")")
    #expect(problem?.message.contains("stack") == false, "a stack dump is not for the user")
    #expect(problem?.location?.file == pdf)
    #expect(problem?.hints.first?.contains("qpdf --check \(pdf)") == true)
    #expect(try bytes(pdf) == Data(original))
    #expect(try folder.files() == ["x.pdf"])
}

/// Ghostscript's stderr as it comes, and the lines of it a diagnostic shows.
private let stderrSamples: [(stderr: String, lines: [String])] = [
    ("""
     Error: /undefined in hello,
     Operand stack:

     Execution stack:
        %interp_exit   .runexec2   --nostringval--   --nostringval--   2   %stopped_push
     Dictionary stack:
        --dict:771/1123(ro)(G)--   --dict:0/20(G)--   --dict:75/200(L)--
     Current allocation mode is local
     Current file position is 7
     GPL Ghostscript 10.00.0: Unrecoverable error, exit code 1

     """, ["Error: /undefined in hello,"]),
    ("""
     Error: /undefinedfilename in (/nonexistent.pdf)
     Operand stack:

     Execution stack:
        %interp_exit   .runexec2   --nostringval--
     Dictionary stack:
        --dict:769/1123(ro)(G)--
     Current allocation mode is local
     Last OS error: No such file or directory
     GPL Ghostscript 10.00.0: Unrecoverable error, exit code 1

     """, ["Error: /undefinedfilename in (/nonexistent.pdf)", "Last OS error: No such file or directory"]),
    ("""
        **** Error: Couldn't initialise file.
                    Output may be incorrect.

     """, ["**** Error: Couldn't initialise file.", "Output may be incorrect."]),
    ("", []),
]

@Test("Ghostscript's stderr loses its stack dumps", arguments: stderrSamples.indices)
func meaningfulStderr(_ index: Int) {
    #expect(PrintColour.meaningfulLines(stderrSamples[index].stderr) == stderrSamples[index].lines)
}

@Test("a Ghostscript that says nothing is reported by how it ended")
func silentFailure() {
    #expect(PrintColour.whatGhostscriptSaid("", status: 1 << 8) == "it exited with status 1")
    #expect(PrintColour.whatGhostscriptSaid("\n", status: 9) == "it was killed by signal 9")
}

@Test("the PDF/X prologue writes the title as UTF-16 and escapes the profile's path")
func prologueText() {
    #expect(PrintColour.postScriptText("Ré✊") == "<FEFF005200E9270A>")
    #expect(PrintColour.postScriptString("/a (b)\\c.icc") == "(/a \\(b\\)\\\\c.icc)")
    #expect(PrintColour.documentName("out/fr-a4.pdf") == "fr-a4")
}

@Test("Ghostscript's CMYK profile is found beside gs, and it is the profile the output intent describes")
func cmykProfile() throws {
    let ghostscript = try #require(PrintColour.findGhostscript(searchPath: PrintColour.environmentPath))
    let profile = try #require(PrintColour.cmykProfile(ghostscript: ghostscript))
    #expect(try bytes(profile).range(of: Data(PrintColour.profileDescription.utf8)) != nil)
    #expect(PrintColour.cmykProfile(ghostscript: "/nonexistent/bin/gs") == nil)
}
