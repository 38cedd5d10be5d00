import CCairoPango
import Foundation
import Testing
@testable import TractCompose
import TractCore
@testable import TractDrawing
@testable import TractOutput
import TractRender

// Logos and QR codes: loaded and checked before a byte is written, drawn fitted to their
// frames, vector where they can be, and clickable when they carry a link.

/// The address the reference leaflet's QR code opens.
private let address = "https://example.org/kazakhstan"

/// A one-page document holding the given pictures.
private func document(_ pictures: [PlacedPicture], page: Size) -> ComposedDocument {
    ComposedDocument(pages: [ComposedPage(size: page, elements: pictures.map { .picture($0) })],
                     info: DocumentInfo(title: "Pictures"), bodySize: Points(10), headlineSize: Points(30), scale: 1)
}

/// A square frame `side` millimetres wide, `inset` millimetres from the top-left corner.
private func square(_ side: Double, at inset: Double = 15) -> Rect {
    Rect(x: .mm(inset), y: .mm(inset), width: .mm(side), height: .mm(side))
}

/// What `zbarimg` reads in a picture: the texts of the codes it finds, one a line.
private func decodedCodes(_ png: String) throws -> String {
    try run("zbarimg", ["--raw", "-q", png]).stdout.trimmingCharacters(in: .newlines)
}

/// The rows `pdfimages -list` prints for a PDF's images, header left out.
private func imageRows(_ pdf: String) throws -> [[Substring]] {
    try run("pdfimages", ["-list", pdf]).stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ") }
}


/// Writes a PNG of one colour with Cairo.
private func writePNG(width: Int, height: Int, red: Double, green: Double, blue: Double, to path: String) {
    // transfer full: destroyed below.
    let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
    defer { cairo_surface_destroy(surface) }
    // transfer full: destroyed below.
    let context = cairo_create(surface)
    defer { cairo_destroy(context) }
    cairo_set_source_rgb(context, red, green, blue)
    cairo_paint(context)
    cairo_surface_write_to_png(surface, path)
}

/// The CRC-32 of PNG chunks (ISO 3309, the one zlib computes).
private func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
}

/// The first 33 bytes of a PNG: its signature and an IHDR chunk for an 8-bit RGB image.
private func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
    func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
    let chunk = Array("IHDR".utf8) + bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0]
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bigEndian(13) + chunk + bigEndian(crc32(chunk))
}

/// The tiny SVG committed beside the tests: a blue disc filling a square viewBox.
private let circleSVG = repositoryRoot + "/Tests/TractRenderTests/Fixtures/circle.svg"

// MARK: Pure pieces

@Test("a picture is fitted as large as its frame allows, centred, its proportions kept", arguments: [
    (2.0, Rect(x: Points(0), y: Points(0), width: Points(100), height: Points(100)), Rect(x: Points(0), y: Points(25), width: Points(100), height: Points(50))),
    (0.5, Rect(x: Points(0), y: Points(0), width: Points(100), height: Points(100)), Rect(x: Points(25), y: Points(0), width: Points(50), height: Points(100))),
    (1.0, Rect(x: Points(10), y: Points(20), width: Points(100), height: Points(50)), Rect(x: Points(35), y: Points(20), width: Points(50), height: Points(50))),
])
func pictureFitting(aspectRatio: Double, frame: Rect, expected: Rect) {
    #expect(fitted(aspectRatio: aspectRatio, in: frame) == expected)
}

@Test("a link's address is quoted for Cairo's attribute syntax, quotes and backslashes escaped", arguments: [
    ("https://example.org/", "'https://example.org/'"),
    ("https://example.org/l'été", #"'https://example.org/l\'été'"#),
    (#"a\b"#, #"'a\\b'"#),
])
func linkAddressQuoting(address: String, expected: String) {
    #expect(quotedAttribute(address) == expected)
}

@Test("librsvg's error is split into its line, its column and its reason")
func svgErrorSplitting() {
    let parts = svgErrorParts("XML parse error: Error domain 1 code 77 on line 3 column 7 of data: Premature end of data in tag svg line 1\n")
    #expect(parts.line == 3 && parts.column == 7)
    #expect(parts.reason == "Premature end of data in tag svg line 1")
    let plain = svgErrorParts("XML does not have <svg> root")
    #expect(plain.line == nil && plain.reason == "XML does not have <svg> root")
}

@Test("merged rectangles cover each dark module of a QR code once, and are fewer than the modules",
      arguments: [address, "https://example.org/" + String(repeating: "a", count: 380)])
func qrRectangles(text: String) throws {
    let symbol = try QRSymbol(encoding: text)
    var covered = Array(repeating: Array(repeating: 0, count: symbol.modules), count: symbol.modules)
    for rectangle in symbol.rectangles {
        for y in rectangle.y..<rectangle.y + rectangle.height {
            for x in rectangle.x..<rectangle.x + rectangle.width { covered[y][x] += 1 }
        }
    }
    #expect(covered == symbol.dark.map { $0.map { $0 ? 1 : 0 } })
    let darkCount = symbol.dark.joined().filter { $0 }.count
    #expect(symbol.rectangles.count * 2 < darkCount, "\(symbol.rectangles.count) rectangles for \(darkCount) dark modules")
}

@Test("the test's PNG header is the one Cairo writes, CRC included")
func pngHeaderHelper() throws {
    #expect(crc32(Array("123456789".utf8)) == 0xCBF4_3926)
    let folder = try TemporaryFolder()
    writePNG(width: 300, height: 70, red: 0, green: 0, blue: 0, to: folder.path + "/cairo.png")
    let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.path + "/cairo.png")))
    #expect(Array(written.prefix(33)) == pngHeader(width: 300, height: 70))
}

// MARK: QR codes

@Test("a QR code in a 30 mm frame decodes back to its address from a 300 dpi PNG and from the PDF")
func qrCodeDecodes() throws {
    let folder = try TemporaryFolder()
    let leaflet = document([PlacedPicture(kind: .qrCode(text: address), frame: square(30))], page: Size(width: .mm(60), height: .mm(60)))
    let typesetter = try Typesetter()
    try typesetter.writePNG(leaflet, to: folder.path + "/qr.png", dpi: 300)
    #expect(try decodedCodes(folder.path + "/qr.png") == address)

    try typesetter.writePDF(leaflet, to: folder.path + "/qr.pdf")
    let converted = try run("pdftoppm", ["-r", "300", "-png", folder.path + "/qr.pdf", folder.path + "/page"])
    #expect(converted.status == 0, "\(converted.stderr)")
    #expect(try decodedCodes(folder.path + "/page-1.png") == address)
}

@Test("a QR code is drawn black on a white quiet zone of four modules, square and centred in its frame")
func qrCodeGeometry() throws {
    let folder = try TemporaryFolder()
    // 72 dpi: a pixel is a point. A 3:1 frame: the code is a square of its height, centred.
    let frame = Rect(x: Points(30), y: Points(30), width: Points(300), height: Points(100))
    let page = Size(width: Points(360), height: Points(160))
    try Typesetter().writePNG(document([PlacedPicture(kind: .qrCode(text: address), frame: frame)], page: page),
                              to: folder.path + "/qr.png", dpi: 72)
    let pixels = try Pixels(folder.path + "/qr.png")
    // 29 modules and 8 of quiet zone in 100 points: 2.7 points a module.
    let module = 100.0 / 37
    let left = 130.0
    #expect(pixels[Int(left + module * 4 + module / 2), Int(30 + module * 4 + module / 2)] == "#000000", "the finder pattern's corner")
    #expect(pixels[Int(left + module * 2), 80] == "#ffffff", "the quiet zone")
    #expect(pixels[Int(left + 100 - module * 2), 80] == "#ffffff", "the quiet zone")
    #expect(pixels[Int(left - 20), 80] == "#ffffff" && pixels[Int(left + 120), 80] == "#ffffff", "the frame beside the code")
}

@Test("a QR code is vector in the PDF: no image")
func qrCodeIsVector() throws {
    let folder = try TemporaryFolder()
    let leaflet = document([PlacedPicture(kind: .qrCode(text: address), frame: square(30))], page: Size(width: .mm(60), height: .mm(60)))
    try Typesetter().writePDF(leaflet, to: folder.path + "/qr.pdf")
    #expect(FileManager.default.fileExists(atPath: folder.path + "/qr.pdf"))
    #expect(try imageRows(folder.path + "/qr.pdf").isEmpty)
}

@Test("an address too long for a QR code in a small box is an error that says how large the box must be")
func qrCodeTooSmall() throws {
    let folder = try TemporaryFolder()
    let long = "https://example.org/" + String(repeating: "a", count: 380)
    let typesetter = try Typesetter()
    let page = Size(width: .mm(60), height: .mm(60))
    let error = diagnostic { () throws(Diagnostic) in try typesetter.writePDF(document([PlacedPicture(kind: .qrCode(text: long), frame: square(15))], page: page),
                                                     to: folder.path + "/qr.pdf") }
    // 400 bytes at level M take a version-15 code: 77 modules and 8 of quiet zone, 0.33 mm each.
    #expect(error?.message == "the web address is too long for a QR code in a box of 15 mm: it needs 29 mm")
    #expect(error?.hints.first?.contains("shorten the address") == true)
    #expect(try folder.files().isEmpty, "no PDF, no temporary file")
    // The same address fits a box of 29 mm.
    try typesetter.writePDF(document([PlacedPicture(kind: .qrCode(text: long), frame: square(29))], page: page), to: folder.path + "/qr.pdf")
    #expect(try folder.files() == ["qr.pdf"])
}

@Test("a text too long for any QR code is an error")
func qrCodeTooLong() throws {
    let folder = try TemporaryFolder()
    let huge = "https://example.org/" + String(repeating: "a", count: 3000)
    let leaflet = document([PlacedPicture(kind: .qrCode(text: huge), frame: square(150, at: 10))], page: Size(width: .mm(210), height: .mm(297)))
    let error = diagnostic { () throws(Diagnostic) in try Typesetter().writePDF(leaflet, to: folder.path + "/qr.pdf") }
    #expect(error?.message == "the web address is too long for any QR code: it has 3020 bytes, and a QR code holds at most 2331")
    #expect(error?.hints.isEmpty == false)
    #expect(try folder.files().isEmpty)
}

// MARK: Links

/// The first link annotation of a PDF: its address and its rectangle, from qpdf's QDF form.
private func linkAnnotation(_ pdf: String) throws -> (uri: String, rect: [Double])? {
    let qdf = pdf + ".qdf"
    _ = try run("qpdf", ["--qdf", "--object-streams=disable", pdf, qdf])
    let text = try String(decoding: Data(contentsOf: URL(fileURLWithPath: qdf)), as: UTF8.self)
    guard text.contains("/Subtype /Link"),
          let uri = text.firstMatch(of: #/\/URI \((.*)\)/#),
          let rect = text.firstMatch(of: #/\/Rect \[\s*(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*\]/#) else { return nil }
    return (String(uri.1), [rect.1, rect.2, rect.3, rect.4].compactMap { Double($0) })
}

@Test("a linked picture gets a /Link annotation with its address over its whole frame")
func pictureLink() throws {
    let folder = try TemporaryFolder()
    let page = Size(width: .mm(105), height: .mm(148))
    // A wide frame: the link covers the frame, not only the square code inside it.
    let frame = Rect(x: Points(50), y: Points(60), width: Points(150), height: Points(90))
    let leaflet = document([PlacedPicture(kind: .qrCode(text: address), frame: frame, link: address)], page: page)
    try Typesetter().writePDF(leaflet, to: folder.path + "/link.pdf")

    let urls = try run("pdfinfo", ["-url", folder.path + "/link.pdf"]).stdout
    #expect(urls.contains("Annotation") && urls.contains(address), "\(urls)")
    let link = try #require(try linkAnnotation(folder.path + "/link.pdf"))
    #expect(link.uri == address)
    // PDF space has y upwards from the bottom of the page; Cairo rounds the rectangle outwards.
    let expected = [frame.x.value, page.height.value - frame.maxY.value, frame.maxX.value, page.height.value - frame.y.value]
    #expect(link.rect.count == 4)
    for (actual, wanted) in zip(link.rect, expected) {
        #expect(abs(actual - wanted) < 1.01, "/Rect \(link.rect), frame \(expected)")
    }
}

@Test("an address is percent-encoded where a PDF string or URI cannot hold it as it is", arguments: [
    ("https://example.org/kazakhstan?lang=fr&x=1#top", "https://example.org/kazakhstan?lang=fr&x=1#top"),
    ("https://example.org/l'été", "https://example.org/l'%C3%A9t%C3%A9"),
    (#"https://en.wikipedia.org/wiki/Tract_(leaflet) a\b"#, "https://en.wikipedia.org/wiki/Tract_%28leaflet%29%20a%5Cb"),
])
func linkAddressEncoding(address: String, expected: String) {
    #expect(percentEncodedForPDF(address) == expected)
}

@Test("a quote, a parenthesis and a backslash in a link's address leave a valid PDF with the whole address")
func pictureLinkEscaping() throws {
    let folder = try TemporaryFolder()
    // Cairo 1.16 copies the address into the PDF unescaped: an unbalanced parenthesis would
    // break the file, a backslash would start an escape.
    let tricky = #"https://example.org/l'été/(tract?path=a\b"#
    let leaflet = document([PlacedPicture(kind: .logo(path: circleSVG), frame: square(20), link: tricky)], page: Size(width: .mm(60), height: .mm(60)))
    try Typesetter().writePDF(leaflet, to: folder.path + "/link.pdf")
    let result = try run("pdfinfo", ["-url", folder.path + "/link.pdf"])
    #expect(result.stderr.isEmpty, "\(result.stderr)")
    #expect(result.stdout.contains("https://example.org/l'%C3%A9t%C3%A9/%28tract?path=a%5Cb\n"), "\(result.stdout)")
}

@Test("a picture without a link has no annotation")
func pictureWithoutLink() throws {
    let folder = try TemporaryFolder()
    let leaflet = document([PlacedPicture(kind: .qrCode(text: address), frame: square(30))], page: Size(width: .mm(60), height: .mm(60)))
    try Typesetter().writePDF(leaflet, to: folder.path + "/plain.pdf")
    #expect(try linkAnnotation(folder.path + "/plain.pdf") == nil)
    #expect(try !run("pdfinfo", ["-url", folder.path + "/plain.pdf"]).stdout.contains(address))
}

// MARK: Logos

@Test("a PNG logo is drawn as large as its frame allows, centred, its proportions kept",
      arguments: [(200, 100), (50, 100)])
func pngLogoFitted(pixelWidth: Int, pixelHeight: Int) throws {
    let folder = try TemporaryFolder()
    let logo = folder.path + "/logo.png"
    writePNG(width: pixelWidth, height: pixelHeight, red: 1, green: 0, blue: 0, to: logo)
    // At 72 dpi a pixel is a point: the 100-point frame at (50, 50) holds a 100 × 50 or a
    // 50 × 100 logo.
    let frame = Rect(x: Points(50), y: Points(50), width: Points(100), height: Points(100))
    let leaflet = document([PlacedPicture(kind: .logo(path: logo), frame: frame)], page: Size(width: Points(200), height: Points(200)))
    try Typesetter().writePNG(leaflet, to: folder.path + "/page.png", dpi: 72)
    let pixels = try Pixels(folder.path + "/page.png")
    let aspect = Double(pixelWidth) / Double(pixelHeight)
    let width = Int(100 * min(1, aspect)), height = Int(100 * min(1, 1 / aspect))
    let left = 50 + (100 - width) / 2, top = 50 + (100 - height) / 2
    #expect(pixels[100, 100] == "#ff0000")
    #expect(pixels[left + 2, top + 2] == "#ff0000" && pixels[left + width - 3, top + height - 3] == "#ff0000")
    if width < 100 {
        #expect(pixels[left - 3, 100] == "#ffffff" && pixels[left + width + 2, 100] == "#ffffff", "beside the logo, inside the frame")
    }
    if height < 100 {
        #expect(pixels[100, top - 3] == "#ffffff" && pixels[100, top + height + 2] == "#ffffff", "above and below the logo, inside the frame")
    }
    #expect(pixels[20, 20] == "#ffffff")
}

@Test("a PNG logo placed on two pages is embedded once in the PDF")
func pngLogoEmbeddedOnce() throws {
    let folder = try TemporaryFolder()
    let logo = folder.path + "/logo.png"
    writePNG(width: 40, height: 20, red: 0, green: 0.5, blue: 0, to: logo)
    let picture = PageElement.picture(PlacedPicture(kind: .logo(path: logo), frame: square(20)))
    let page = ComposedPage(size: Size(width: .mm(60), height: .mm(60)), elements: [picture])
    let leaflet = ComposedDocument(pages: [page, page], info: DocumentInfo(), bodySize: Points(10), headlineSize: Points(30), scale: 1)
    try Typesetter().writePDF(leaflet, to: folder.path + "/logo.pdf")
    let rows = try imageRows(folder.path + "/logo.pdf")
    #expect(rows.count == 2, "one image drawn on each page: \(rows)")
    // Columns: page num type width height color comp bpc enc interp object generation …
    #expect(Set(rows.map { $0[10] }).count == 1, "both pages show the same image object: \(rows)")
    #expect(rows.allSatisfy { $0[3] == "40" && $0[4] == "20" }, "the PNG's own pixels, not resampled: \(rows)")
}

@Test("an SVG logo stays vector in the PDF and is drawn fitted to its frame")
func svgLogo() throws {
    let folder = try TemporaryFolder()
    // A 2:1 frame: the disc is as tall as the frame and centred in its width.
    let frame = Rect(x: Points(50), y: Points(50), width: Points(200), height: Points(100))
    let leaflet = document([PlacedPicture(kind: .logo(path: circleSVG), frame: frame)], page: Size(width: Points(300), height: Points(200)))
    let typesetter = try Typesetter()
    try typesetter.writePDF(leaflet, to: folder.path + "/logo.pdf")
    #expect(try imageRows(folder.path + "/logo.pdf").isEmpty)

    try typesetter.writePNG(leaflet, to: folder.path + "/logo.png", dpi: 72)
    let pixels = try Pixels(folder.path + "/logo.png")
    #expect(pixels[150, 100] == "#0000ff")
    #expect(pixels[103, 100] == "#0000ff" && pixels[197, 100] == "#0000ff" && pixels[150, 53] == "#0000ff")
    #expect(pixels[95, 100] == "#ffffff" && pixels[205, 100] == "#ffffff", "the frame beside the disc")
    // A disc, not a square: the corners of its square are white.
    #expect(pixels[103, 53] == "#ffffff")
}

@Test("an SVG sized in millimetres without a viewBox keeps its proportions")
func svgLogoWithoutViewBox() throws {
    let folder = try TemporaryFolder()
    let logo = try folder.write(##"<svg xmlns="http://www.w3.org/2000/svg" width="20mm" height="10mm"><rect width="100%" height="100%" fill="#00ff00"/></svg>"##,
                                to: "banner.svg")
    let frame = Rect(x: Points(50), y: Points(50), width: Points(100), height: Points(100))
    let leaflet = document([PlacedPicture(kind: .logo(path: logo), frame: frame)], page: Size(width: Points(200), height: Points(200)))
    try Typesetter().writePNG(leaflet, to: folder.path + "/page.png", dpi: 72)
    let pixels = try Pixels(folder.path + "/page.png")
    #expect(pixels[100, 100] == "#00ff00" && pixels[52, 77] == "#00ff00" && pixels[147, 122] == "#00ff00")
    #expect(pixels[100, 72] == "#ffffff" && pixels[100, 128] == "#ffffff", "above and below the 100 × 50 banner")
}

/// A logo file a user may get wrong, and what the error must say.
enum BadLogo: String, CaseIterable, Sendable {
    case missing, folder, empty, textNamedPNG, jpegNamedPNG, malformedSVG, svgWithoutSize, hugePNG, absurdPNG, damagedPNG

    /// Makes the file in a folder and returns its path.
    func make(in folder: TemporaryFolder) throws -> String {
        switch self {
        case .missing: return folder.path + "/logo.png"
        case .folder:
            try FileManager.default.createDirectory(atPath: folder.path + "/logo.svg", withIntermediateDirectories: false)
            return folder.path + "/logo.svg"
        case .empty: return try folder.write([], to: "logo.png")
        case .textNamedPNG: return try folder.write("This is not a picture.\nIt is a note.\n", to: "logo.png")
        case .jpegNamedPNG: return try folder.write([0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8), to: "logo.png")
        case .malformedSVG: return try folder.write("<svg><g></svg>", to: "logo.svg")
        case .svgWithoutSize: return try folder.write(#"<svg xmlns="http://www.w3.org/2000/svg"><circle r="5"/></svg>"#, to: "logo.svg")
        case .hugePNG: return try folder.write(pngHeader(width: 20000, height: 20000), to: "logo.png")
        case .absurdPNG: return try folder.write(pngHeader(width: 0xFFFF_FFFF, height: 0xFFFF_FFFF), to: "logo.png")
        case .damagedPNG: return try folder.write(pngHeader(width: 20, height: 20) + [0, 0, 0, 5] + Array("IDAT".utf8) + [1, 2, 3], to: "logo.png")
        }
    }

    /// A part of the message the error must have.
    var message: String {
        switch self {
        case .missing: "cannot read the logo: No such file or directory"
        case .folder: "this is a folder"
        case .empty: "the logo file is empty"
        case .textNamedPNG: "the logo is neither a PNG nor an SVG image: the file holds text starting “This is not a picture.”"
        case .jpegNamedPNG: "the logo is neither a PNG nor an SVG image: the file holds a JPEG image"
        case .malformedSVG: "the SVG logo cannot be read: Premature end of data in tag svg"
        case .svgWithoutSize: "the SVG logo has no size"
        case .hugePNG: "20000 × 20000 pixels (400 megapixels): tract reads PNG logos of up to 40 megapixels"
        case .absurdPNG: "4294967295 × 4294967295 pixels"
        case .damagedPNG: "the PNG logo cannot be decoded"
        }
    }
}

@Test("a logo that cannot be used is an error naming the file, with a hint, and no output is left behind",
      arguments: BadLogo.allCases)
func badLogo(_ bad: BadLogo) throws {
    let folder = try TemporaryFolder()
    let logo = try bad.make(in: folder)
    let before = try folder.files()
    let leaflet = document([PlacedPicture(kind: .logo(path: logo), frame: square(20))], page: Size(width: .mm(60), height: .mm(60)))
    let typesetter = try Typesetter()
    let error = diagnostic { () throws(Diagnostic) in try typesetter.writePDF(leaflet, to: folder.path + "/out.pdf") }
    #expect(error?.severity == .error)
    #expect(error?.location?.file == logo)
    #expect(error?.message.contains(bad.message) == true, "\(error.map(String.init(describing:)) ?? "no error")")
    #expect(error?.hints.isEmpty == false)
    if bad == .malformedSVG { #expect(error?.location?.line == 1) }
    // The PNG preview stops the same way.
    let previewError = diagnostic { () throws(Diagnostic) in try typesetter.writePNG(leaflet, to: folder.path + "/out.png") }
    #expect(previewError == error)
    #expect(try folder.files() == before, "no PDF, no PNG, no temporary file")
}

@Test("an image surface Cairo cannot make is an error that says why, not an image that draws nothing",
      arguments: [(0, 100), (100, 0), (40_000, 100), (100, 40_000), (-5, 10)])
func imageSurfaceTooLarge(width: Int, height: Int) {
    let error = diagnostic { () throws(Diagnostic) in _ = try Surface(imageWidth: width, height: height) }
    #expect(error?.message.contains("\(width) × \(height) pixels") == true, "\(error?.message ?? "no error")")
    #expect(error?.hints == ["ask for a lower resolution"])
}

@Test("an image surface of an ordinary size is made")
func imageSurfaceMade() throws {
    let surface = try Surface(imageWidth: 420, height: 595)
    #expect(surface.error == nil)
}
