internal import CCairoPango
internal import CQRencode
import TractCompose
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// The pictures of a document, loaded and checked before anything is drawn, so that a missing
/// or unreadable logo, or a web address too long for its QR code, stops a render before it
/// writes a byte.
package final class Pictures {
    /// The logos, by path: a logo placed on several pages is read once, and a PDF holds it once.
    private var logos: [String: Logo] = [:]
    /// The QR codes, by text.
    private var codes: [String: QRSymbol] = [:]
    /// The photos, by path: a JPEG placed twice is embedded once.
    private var photos: [String: PhotoImage] = [:]

    /// Loads and checks every picture the pages place.
    package init(for pages: [ComposedPage]) throws(Diagnostic) {
        for page in pages {
            for case .picture(let picture) in page.elements {
                switch picture.kind {
                case .logo(let path):
                    if logos[path] == nil { logos[path] = try Logo(reading: path) }
                case .photo(let path, _, _):
                    if photos[path] == nil { photos[path] = try PhotoImage(reading: path) }
                case .qrCode(let text):
                    let symbol: QRSymbol
                    if let known = codes[text] { symbol = known } else { symbol = try QRSymbol(encoding: text) }
                    codes[text] = symbol
                    try symbol.checkReadable(in: picture.frame)
                }
            }
        }
    }

    /// Draws a picture in its frame, under a link annotation when it has an address.
    func draw(_ picture: PlacedPicture, on context: DrawingContext) {
        if let link = picture.link { beginLink(to: link, over: picture.frame, on: context) }
        switch picture.kind {
        case .logo(let path):
            guard let logo = logos[path] else { preconditionFailure("Pictures.draw: the logo \(path) was not loaded by init") }
            logo.draw(in: picture.frame, on: context)
        case .photo(let path, let fit, let focus):
            guard let photo = photos[path] else { preconditionFailure("Pictures.draw: the photo \(path) was not loaded by init") }
            photo.draw(in: picture.frame, fit: fit, focus: focus, on: context)
        case .qrCode(let text):
            guard let symbol = codes[text] else { preconditionFailure("Pictures.draw: the QR code of \(text) was not made by init") }
            symbol.draw(in: picture.frame, on: context)
        }
        if picture.link != nil { context.endLink() }
    }

    /// Opens a link tag whose clickable area is the picture's whole frame.
    private func beginLink(to address: String, over frame: Rect, on context: DrawingContext) {
        // Cairo 1.16 writes a link's `rect` as given, in device space: map the frame's corners
        // through the current transformation, so a page drawn moved or scaled (imposed n-up)
        // keeps its links over its pictures.
        let corners = [(frame.x, frame.y), (frame.maxX, frame.y), (frame.x, frame.maxY), (frame.maxX, frame.maxY)]
            .map { x, y in context.deviceCoordinates(of: Point(x: x, y: y)) }
        let xs = corners.map(\.x), ys = corners.map(\.y)
        let left = xs.min()!, top = ys.min()!
        context.beginLink("uri=\(quotedAttribute(percentEncodedForPDF(address))) rect=[\(left) \(top) \(xs.max()! - left) \(ys.max()! - top)]")
    }
}

/// A string in Cairo's tag-attribute syntax: in single quotes, with `'` and `\` escaped by a
/// backslash.
func quotedAttribute(_ text: String) -> String {
    var quoted = "'"
    for character in text {
        if character == "'" || character == "\\" { quoted.append("\\") }
        quoted.append(character)
    }
    return quoted + "'"
}

/// An address as a PDF's /URI can hold it. Cairo 1.16 copies the address into a PDF string
/// without escaping it, so a `(`, `)` or `\` in it would end the string early or start an
/// escape, and corrupt the file; and PDF wants URIs in 7-bit ASCII. Those characters, spaces,
/// controls, the others RFC 3986 forbids, and everything beyond ASCII are percent-encoded as
/// UTF-8, which leaves the address the same for a browser.
func percentEncodedForPDF(_ address: String) -> String {
    let forbidden = Set(#"()\"<>{}|^`"#.utf8)
    var encoded = ""
    for byte in address.utf8 {
        if byte > 0x20 && byte < 0x7F && !forbidden.contains(byte) {
            encoded.append(Character(Unicode.Scalar(byte)))
        } else {
            encoded += "%" + hexadecimal(byte)
        }
    }
    return encoded
}

/// A byte as two upper-case hexadecimal digits.
func hexadecimal(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
}

/// The largest rectangle of a given width-to-height ratio that fits in a frame, centred in it.
func fitted(aspectRatio: Double, in frame: Rect) -> Rect {
    let width = min(frame.width, frame.height * aspectRatio)
    let height = width / aspectRatio
    return Rect(x: frame.x + (frame.width - width) / 2, y: frame.y + (frame.height - height) / 2,
                width: width, height: height)
}

// MARK: Logos

/// A logo from a PNG or SVG file, held as a Cairo surface of `width` × `height` of its own
/// units (pixels for a PNG, SVG user units for an SVG) and scaled to its frame when drawn.
///
/// An SVG is drawn once by librsvg into a recording surface: it stays vector in the PDF, which
/// holds it once however many pages show it, and every librsvg error surfaces while loading.
final class Logo {
    private let pointer: OpaquePointer
    let width: Double
    let height: Double

    /// Takes over a Cairo surface of the given size.
    private init(adopting surface: OpaquePointer, width: Double, height: Double) {
        pointer = surface
        self.width = width
        self.height = height
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    /// Reads a logo, telling PNG from SVG by the content, never by the file's name.
    convenience init(reading path: String) throws(Diagnostic) {
        let bytes = try Logo.readFile(path)
        let location = SourceLocation(file: path)
        if bytes.starts(with: PNGHeader.signature) {
            let header = try PNGHeader.checked(bytes, at: location)
            let surface = try Logo.decodePNG(bytes, at: location)
            self.init(adopting: surface, width: Double(header.width), height: Double(header.height))
        } else if Logo.mayBeSVG(bytes) {
            let (surface, width, height) = try Logo.drawSVG(bytes, path: path)
            self.init(adopting: surface, width: width, height: height)
        } else {
            throw .error(at: location, "the logo is neither a PNG nor an SVG image: the file holds \(describeContent(bytes))",
                         hint: "save or convert the logo as PNG or SVG; tract goes by a file's content, not its name")
        }
    }

    /// Draws the logo as large as fits the frame, its proportions kept, centred.
    func draw(in frame: Rect, on context: DrawingContext) {
        let area = fitted(aspectRatio: width / height, in: frame)
        // A zero scale would put the context in an error state; an empty frame shows nothing.
        guard area.width > .zero, area.height > .zero else { return }
        context.saved {
            context.translate(by: Point(x: area.x, y: area.y))
            context.scale(x: area.width.value / width, y: area.height.value / height)
            context.paint(surface: pointer)
        }
    }

    /// The largest logo file read: far more than any PNG within the pixel limits needs, and it
    /// keeps a mistaken path to a video or a disk image from filling the memory.
    static let largestFile = 256 << 20

    /// The whole file, refused when it is empty, too large or not a file.
    private static func readFile(_ path: String) throws(Diagnostic) -> [UInt8] {
        let location = SourceLocation(file: path)
        let bytes = try FileBytes.read(path, what: "logo", example: ".png or .svg file", limit: largestFile)
        guard !bytes.isEmpty else {
            throw .error(at: location, "the logo file is empty",
                         hint: "export the logo again as PNG or SVG; the copy may have failed")
        }
        return bytes
    }

    /// Decodes a PNG whose header has been checked into a Cairo image surface.
    static func decodePNG(_ bytes: [UInt8], at location: SourceLocation, what: String = "logo") throws(Diagnostic) -> OpaquePointer {
        var reader = ByteReader(bytes: bytes)
        // transfer full: adopted by the Logo, or destroyed below when decoding failed. Cairo
        // returns an error surface rather than NULL.
        let surface: OpaquePointer = withUnsafeMutablePointer(to: &reader) { cairo_image_surface_create_from_png_stream(readPNGBytes, $0) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw .error(at: location, "the PNG \(what) cannot be decoded: \(String(cString: cairo_status_to_string(status)))",
                         hint: "the file may be damaged: open it in an image editor and export it again as PNG")
        }
        return surface
    }

    /// Whether librsvg should try the bytes: XML (after a byte-order mark and spaces) or
    /// gzip, which librsvg unpacks for `.svgz` files.
    static func mayBeSVG(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0x1F, 0x8B]) { return true }
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        return text.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }

    /// Parses an SVG with librsvg and draws it into a recording surface the size of its
    /// intrinsic dimensions.
    private static func drawSVG(_ bytes: [UInt8], path: String) throws(Diagnostic) -> (OpaquePointer, Double, Double) {
        let rsvg: LibRSVG
        do throws(Diagnostic) { rsvg = try LibRSVG.shared.get() } catch {
            var located = error
            located.location = SourceLocation(file: path)
            throw located
        }
        // transfer full: released below (RSVG_HANDLE_FLAGS_NONE is 0).
        let handle = rsvg.newHandle(0)
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        // transfer full: released below. References to other files resolve beside the logo.
        let base = rsvg.fileForPath(path)
        defer { g_object_unref(UnsafeMutableRawPointer(base)) }
        rsvg.setBaseFile(handle, base)
        var error: UnsafeMutablePointer<GError>?
        let loaded = bytes.withUnsafeBytes { buffer in
            // transfer full: released before the bytes it reads go away.
            let stream = rsvg.memoryStream(buffer.baseAddress, buffer.count, nil)
            defer { g_object_unref(UnsafeMutableRawPointer(stream)) }
            return rsvg.readStream(handle, stream, nil, &error)
        }
        guard loaded != 0 else { throw svgError(takingOver: error, path: path) }

        let (width, height) = try intrinsicSize(handle, rsvg: rsvg, at: SourceLocation(file: path))
        var extents = cairo_rectangle_t(x: 0, y: 0, width: width, height: height)
        // transfer full: adopted by the Logo, or destroyed below when drawing failed.
        let surface: OpaquePointer = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)
        // transfer full: destroyed below.
        let context = cairo_create(surface)
        defer { cairo_destroy(context) }
        var viewport = LibRSVG.Rectangle(x: 0, y: 0, width: width, height: height)
        let drawn = rsvg.renderDocument(handle, context, &viewport, &error)
        guard drawn != 0, cairo_status(context) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            if drawn == 0 { throw svgError(takingOver: error, path: path) }
            throw .error(at: SourceLocation(file: path), "the SVG logo cannot be drawn: \(String(cString: cairo_status_to_string(cairo_status(context))))",
                         hint: "open it in an SVG editor and save it again as plain SVG")
        }
        return (surface, width, height)
    }

    /// The SVG's proportions: from its width and height when they are absolute lengths, else
    /// from its viewBox.
    ///
    /// An SVG with neither (only `width="100%"`, say) is refused rather than guessed at: it has
    /// no proportions to fit to a frame, and sizing it by what it happens to draw would crop or
    /// shift the logo without a word.
    private static func intrinsicSize(_ handle: OpaquePointer?, rsvg: LibRSVG, at location: SourceLocation) throws(Diagnostic) -> (Double, Double) {
        var width = 0.0, height = 0.0
        if rsvg.intrinsicSizeInPixels(handle, &width, &height) == 0 {
            var hasViewBox: Int32 = 0
            var viewBox = LibRSVG.Rectangle()
            rsvg.intrinsicDimensions(handle, nil, nil, nil, nil, &hasViewBox, &viewBox)
            if hasViewBox != 0 { (width, height) = (viewBox.width, viewBox.height) }
        }
        guard width > 0, height > 0, width.isFinite, height.isFinite else {
            throw .error(at: location, "the SVG logo has no size: its <svg> element has no viewBox, and no width and height in absolute units",
                         hint: "add a viewBox to the <svg> element, such as viewBox=\"0 0 200 100\" for a drawing 200 units wide and 100 high")
        }
        return (width, height)
    }

    /// A diagnostic from librsvg's error, located at the line libxml names when it names one.
    private static func svgError(takingOver error: UnsafeMutablePointer<GError>?, path: String) -> Diagnostic {
        let message = error.map { String(cString: $0.pointee.message) } ?? "librsvg gave no reason"
        if let error { g_error_free(error) }
        let (line, column, reason) = svgErrorParts(message)
        return .error(at: SourceLocation(file: path, line: line, column: column), "the SVG logo cannot be read: \(reason)",
                      hint: "open it in a web browser or an SVG editor to find the mistake, and save it again")
    }
}

/// The line, column and reason of a librsvg error such as `XML parse error: Error domain 1
/// code 77 on line 3 column 7 of data: Premature end of data in tag svg line 1`.
func svgErrorParts(_ message: String) -> (line: Int?, column: Int?, reason: String) {
    let trimmed = message.trimmingSuffix { $0.isWhitespace }
    guard let match = trimmed.firstMatch(of: #/on line (\d+) column (\d+) of [^:]*: (.*)/#) else {
        return (nil, nil, trimmed)
    }
    return (Int(match.1), Int(match.2), String(match.3))
}

extension String {
    /// The string without the characters at its end that match.
    fileprivate func trimmingSuffix(while matches: (Character) -> Bool) -> String {
        var end = endIndex
        while end > startIndex, matches(self[index(before: end)]) { end = index(before: end) }
        return String(self[..<end])
    }
}

/// Bytes handed to Cairo's PNG reader a piece at a time.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0
}

/// Cairo's read callback over a `ByteReader`.
private func readPNGBytes(_ closure: UnsafeMutableRawPointer?, _ data: UnsafeMutablePointer<UInt8>?, _ length: UInt32) -> cairo_status_t {
    guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
    let reader = closure.assumingMemoryBound(to: ByteReader.self)
    let count = Int(length)
    guard reader.pointee.offset + count <= reader.pointee.bytes.count else { return CAIRO_STATUS_READ_ERROR }
    reader.pointee.bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress! + reader.pointee.offset, count: count) }
    reader.pointee.offset += count
    return CAIRO_STATUS_SUCCESS
}

/// The size a PNG declares in its IHDR chunk, read from the first 24 bytes of the file, so
/// that a huge image is refused before a single pixel is decoded.
struct PNGHeader {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The most pixels a PNG logo may have: 40 megapixels take 160 MB once decoded, and are
    /// 60 cm wide at 300 dpi, far more than any leaflet shows.
    static let largestArea = 40_000_000
    /// The widest or tallest PNG Cairo can make an image of.
    static let largestSide = 32767

    let width: Int
    let height: Int

    /// The header of a file that starts with the PNG signature; nil when its first chunk is
    /// not a well-formed IHDR.
    init?(_ bytes: [UInt8]) {
        guard let header = ImageHeader(bytes), header.format == .png else { return nil }
        (width, height) = (header.width, header.height)
    }

    /// The header, refused when it is damaged or declares too many pixels.
    static func checked(_ bytes: [UInt8], at location: SourceLocation) throws(Diagnostic) -> PNGHeader {
        guard let header = PNGHeader(bytes) else {
            throw .error(at: location, "the PNG logo is damaged: it does not start with a valid IHDR header",
                         hint: "open it in an image editor and export it again as PNG")
        }
        // The sides are checked first: two 32-bit sides may multiply past Int.max.
        if header.width > largestSide || header.height > largestSide || header.width * header.height > largestArea {
            let megapixels = formatted(Double(header.width) * Double(header.height) / 1_000_000, decimals: 1)
            throw .error(at: location, "the PNG logo is \(header.width) × \(header.height) pixels (\(megapixels) megapixels): "
                             + "tract reads PNG logos of up to \(largestArea / 1_000_000) megapixels and \(largestSide) pixels a side",
                         hint: "scale it down (a logo 5 cm wide needs about 600 pixels at 300 dpi), or use it as SVG")
        }
        return header
    }
}

/// What a file that is neither PNG nor SVG seems to hold, for an error message.
func describeContent(_ bytes: [UInt8]) -> String {
    let signatures: [(bytes: [UInt8], name: String)] = [
        ([0xFF, 0xD8, 0xFF], "a JPEG image"), (Array("GIF8".utf8), "a GIF image"),
        (Array("%PDF".utf8), "a PDF document"), (Array("II*\u{0}".utf8), "a TIFF image"),
        (Array("MM\u{0}*".utf8), "a TIFF image"), (Array("PK\u{3}\u{4}".utf8), "a ZIP archive (an office document?)"),
        (Array("BM".utf8), "a BMP image"),
    ]
    if let known = signatures.first(where: { bytes.starts(with: $0.bytes) }) { return known.name }
    if bytes.starts(with: Array("RIFF".utf8)), bytes.count >= 12, bytes[8..<12].elementsEqual("WEBP".utf8) { return "a WebP image" }
    let start = String(decoding: bytes.prefix(200), as: UTF8.self)
    // A character cut in two at the end of the prefix does not make a text binary.
    let checked = bytes.count > 200 ? start.unicodeScalars.dropLast() : start.unicodeScalars[...]
    let isText = checked.allSatisfy {
        $0 == "\n" || $0 == "\r" || $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{FFFD}")
    }
    if isText {
        let firstLine = start.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let shown = firstLine.count > 40 ? firstLine.prefix(40) + "…" : firstLine
        return "text starting “\(shown)”"
    }
    return "data starting with the bytes \(bytes.prefix(8).map(hexadecimal).joined(separator: " "))"
}

// MARK: QR codes

/// A QR code of a text: its modules, and its dark modules merged into rectangles.
struct QRSymbol {
    /// Modules along a side, the quiet zone left out.
    let modules: Int
    /// Whether each module is dark, row by row.
    let dark: [[Bool]]
    /// The dark modules as rectangles, in modules from the top-left corner of the code.
    let rectangles: [ModuleRectangle]

    /// The white margin a reader needs around the code, in modules (ISO/IEC 18004).
    static let quietZone = 4
    /// The smallest module phones read reliably from print.
    static let smallestModule = Points.mm(0.33)
    /// What a version-40 code at level M holds in bytes, for the message when a text is longer.
    static let largestText = 2331

    /// Encodes a text as bytes at error-correction level M (15 % of the code may be lost).
    init(encoding text: String) throws(Diagnostic) {
        guard !text.isEmpty else {
            throw .error("a QR code has no web address", hint: "give the address the QR code should open")
        }
        // libqrencode reads a C string: a NUL would silently end the address there.
        guard !text.utf8.contains(0) else {
            throw .error("the web address of a QR code contains a NUL character", hint: "remove it from the address")
        }
        // transfer full: released by QRcode_free below.
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            let reason = errno
            if reason == ERANGE {
                throw .error("the web address is too long for any QR code: it has \(text.utf8.count) bytes, "
                                 + "and a QR code holds at most \(QRSymbol.largestText)",
                             hint: "shorten the address, for example with a short path on your own site that redirects to it")
            }
            throw .error("the QR code of \(text) cannot be made: \(String(cString: strerror(reason)))")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        // Bit 0 of each module's byte says whether it is dark; the other bits say what it is.
        dark = (0..<width).map { row in (0..<width).map { column in data[row * width + column] & 1 == 1 } }
        modules = width
        rectangles = mergedRectangles(dark)
    }

    /// Throws when the frame makes the modules too small to read.
    func checkReadable(in frame: Rect) throws(Diagnostic) {
        let side = min(frame.width, frame.height)
        let span = Double(modules + 2 * QRSymbol.quietZone)
        guard side / span < QRSymbol.smallestModule else { return }
        let needed = Int((QRSymbol.smallestModule * span).millimetres.rounded(.up))
        let smallest = formatted(QRSymbol.smallestModule.millimetres)
        throw .error("the web address is too long for a QR code in a box of \(formatted(side.millimetres, decimals: 1)) mm: it needs \(needed) mm",
                     hint: "shorten the address, or make the box at least \(needed) mm: its \(modules) × \(modules) modules "
                         + "and their margin must be \(smallest) mm each for phones to read them")
    }

    /// Draws the code and its white quiet zone as a square, as large as fits the frame.
    func draw(in frame: Rect, on context: DrawingContext) {
        let square = fitted(aspectRatio: 1, in: frame)
        let module = square.width / Double(modules + 2 * QRSymbol.quietZone)
        context.fill(square, .white)
        let x = square.x + module * Double(QRSymbol.quietZone)
        let y = square.y + module * Double(QRSymbol.quietZone)
        context.fill(rectangles.map { rectangle in
            Rect(x: x + module * Double(rectangle.x), y: y + module * Double(rectangle.y),
                 width: module * Double(rectangle.width), height: module * Double(rectangle.height))
        }, .black)
    }
}

/// A rectangle of QR modules.
struct ModuleRectangle: Hashable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int
}

/// The dark modules as few rectangles: runs of dark modules along each row, each run merged
/// with the identical run of the row above.
func mergedRectangles(_ dark: [[Bool]]) -> [ModuleRectangle] {
    var rectangles: [ModuleRectangle] = []
    // The rectangles that reach the previous row, by their column span.
    var open: [Range<Int>: Int] = [:]
    for (y, row) in dark.enumerated() {
        var reaching: [Range<Int>: Int] = [:]
        var x = 0
        while x < row.count {
            guard row[x] else { x += 1; continue }
            let start = x
            while x < row.count && row[x] { x += 1 }
            let span = start..<x
            if let index = open[span] {
                rectangles[index].height += 1
                reaching[span] = index
            } else {
                rectangles.append(ModuleRectangle(x: start, y: y, width: span.count, height: 1))
                reaching[span] = rectangles.count - 1
            }
        }
        open = reaching
    }
    return rectangles
}
