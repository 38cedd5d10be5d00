internal import CCairoPango
internal import CTurboJPEG
import TractCompose
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// A leaflet's photo, from a JPEG or PNG file, held as a Cairo image surface of its pixels.
///
/// An RGB or grey JPEG keeps its own bytes as the surface's MIME data, so the PDF embeds the
/// file as it is (a DCT stream), never decoded and compressed again; its decoded pixels are for
/// the PNG previews. A CMYK JPEG is embedded as its decoded pixels. The camera's orientation (EXIF) is applied when the photo is drawn.
final class PhotoImage {
    private let pointer: OpaquePointer
    let header: ImageHeader

    /// The most pixels a photo may have: 60 megapixels are 240 MB decoded, and more than an A3
    /// page needs at 300 dpi (35 megapixels).
    static let largestArea = 60_000_000
    /// The largest photo file read.
    static let largestFile = 256 << 20

    private init(adopting surface: OpaquePointer, header: ImageHeader) {
        pointer = surface
        self.header = header
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    /// Reads and decodes a photo, refusing a file that is not a JPEG or PNG, is damaged, or
    /// has more than `largestArea` pixels (read from its header, before decoding).
    convenience init(reading path: String) throws(Diagnostic) {
        let location = SourceLocation(file: path)
        let bytes = try FileBytes.read(path, what: "photo", example: ".jpg or .png file", limit: PhotoImage.largestFile)
        guard !bytes.isEmpty else {
            throw .error(at: location, "the photo file is empty", hint: "copy the photo again; the copy may have failed")
        }
        guard let header = ImageHeader(bytes) else {
            if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
                throw .error(at: location, "the JPEG photo's header is damaged: it gives no size",
                             hint: "the file may be damaged: open it in an image editor and export it again as JPEG")
            }
            throw .error(at: location, "the photo is neither a JPEG nor a PNG image: the file holds \(describeContent(bytes))",
                         hint: "save or export the photo as JPEG or PNG; tract goes by a file's content, not its name")
        }
        try PhotoImage.checkSize(header, at: location)
        let surface = header.format == .png ? try Logo.decodePNG(bytes, at: location, what: "photo") : try PhotoImage.decodeJPEG(bytes, at: location)
        self.init(adopting: surface, header: header)
    }

    /// Refuses a photo too large to decode, by its header.
    static func checkSize(_ header: ImageHeader, at location: SourceLocation) throws(Diagnostic) {
        guard header.width > 32767 || header.height > 32767 || header.width * header.height > largestArea else { return }
        let megapixels = formatted(header.megapixels, decimals: 1)
        throw .error(at: location, "the photo is \(header.width) × \(header.height) pixels (\(megapixels) megapixels): more than the 60 megapixels tract reads",
                     hint: "scale it down in an image editor; a full A4 page at 300 dpi is 2480 × 3508 pixels (8.7 megapixels)")
    }

    /// Decodes a JPEG into an RGB image surface that carries the file's bytes for the PDF.
    private static func decodeJPEG(_ bytes: [UInt8], at location: SourceLocation) throws(Diagnostic) -> OpaquePointer {
        // transfer full: destroyed below.
        guard let decoder = tjInitDecompress() else { preconditionFailure("tjInitDecompress returned NULL") }
        defer { tjDestroy(decoder) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colourSpace: Int32 = 0
        func failure(_ what: String) -> Diagnostic {
            .error(at: location, "the JPEG photo cannot be \(what) (\(String(cString: tjGetErrorStr2(decoder))))",
                   hint: "the file may be damaged: open it in an image editor and export it again as JPEG")
        }
        guard tjDecompressHeader3(decoder, bytes, UInt(bytes.count), &width, &height, &subsampling, &colourSpace) == 0 else {
            throw failure("read")
        }
        // transfer full: returned, or destroyed below when decoding failed.
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            cairo_surface_destroy(surface)
            throw .error(at: location, "the photo is too large to decode here", hint: "scale it down in an image editor")
        }
        let stride = cairo_image_surface_get_stride(surface)
        let cmyk = colourSpace == Int32(TJCS_CMYK.rawValue) || colourSpace == Int32(TJCS_YCCK.rawValue)
        let decoded = cmyk ? decodeCMYK(decoder, bytes, into: data, width: width, height: height, stride: stride)
            : tjDecompress2(decoder, bytes, UInt(bytes.count), data, width, stride, height, Int32(TJPF_BGRX.rawValue), 0) == 0
        // A warning is damage too (a file cut short, corrupt data): the PDF would show part of
        // the photo, and grey below it.
        guard decoded else {
            cairo_surface_destroy(surface)
            throw failure(tjGetErrorCode(decoder) == Int32(TJERR_WARNING.rawValue) ? "read whole: it is damaged or cut short" : "decoded")
        }
        cairo_surface_mark_dirty(surface)
        // A CMYK JPEG's inks are stored inverted, which Cairo does not tell the PDF: it takes the
        // decoded pixels instead.
        if cmyk { return surface }
        // The PDF takes the file's own bytes: a copy that Cairo frees with the surface.
        guard let copy = malloc(bytes.count) else { preconditionFailure("malloc failed") }
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        let status = cairo_surface_set_mime_data(surface, "image/jpeg", copy.assumingMemoryBound(to: UInt8.self), UInt(bytes.count),
                                                 { free($0) }, copy)
        guard status == CAIRO_STATUS_SUCCESS else {
            free(copy)
            cairo_surface_destroy(surface)
            throw .error(at: location, "the photo cannot be kept for the PDF: out of memory", hint: "scale it down in an image editor")
        }
        return surface
    }

    /// Decodes a CMYK JPEG (as print files are) and turns its inks into screen colours for the
    /// preview; the PDF keeps the CMYK file itself.
    private static func decodeCMYK(_ decoder: tjhandle, _ bytes: [UInt8], into data: UnsafeMutablePointer<UInt8>,
                                   width: Int32, height: Int32, stride: Int32) -> Bool {
        let rowBytes = Int(width) * 4
        var inks = [UInt8](repeating: 0, count: rowBytes * Int(height))
        guard tjDecompress2(decoder, bytes, UInt(bytes.count), &inks, width, Int32(rowBytes), height, Int32(TJPF_CMYK.rawValue), 0) == 0
        else { return false }
        // Adobe's CMYK JPEGs store each ink inverted: 255 is no ink.
        for row in 0..<Int(height) {
            for column in 0..<Int(width) {
                let source = row * rowBytes + column * 4
                let target = data + row * Int(stride) + column * 4
                let k = Int(inks[source + 3])
                target[0] = UInt8(Int(inks[source + 2]) * k / 255)
                target[1] = UInt8(Int(inks[source + 1]) * k / 255)
                target[2] = UInt8(Int(inks[source]) * k / 255)
                target[3] = 255
            }
        }
        return true
    }

    /// The photo's size as it is seen: its pixels turned as its orientation says.
    var uprightSize: (width: Double, height: Double) { header.uprightSize }

    /// The rectangle the upright photo takes: covering the frame, its overflow cut around the
    /// focus, or contained in it, centred.
    static func placement(of size: (width: Double, height: Double), in frame: Rect, fit: PictureFit,
                          focus: FocusPoint) -> Rect {
        let scale = fit.scale(of: size, into: (frame.width.value, frame.height.value))
        let width = size.width * scale, height = size.height * scale
        let (fx, fy) = fit == .cover ? (focus.x, focus.y) : (0.5, 0.5)
        // The focus of the photo goes to the same share of the frame, as far as the photo reaches.
        return Rect(x: frame.x + Points((frame.width.value - width) * fx), y: frame.y + Points((frame.height.value - height) * fy),
                    width: Points(width), height: Points(height))
    }

    /// Draws the photo in its frame.
    func draw(in frame: Rect, fit: PictureFit, focus: FocusPoint, on context: DrawingContext) {
        let upright = uprightSize
        let area = PhotoImage.placement(of: upright, in: frame, fit: fit, focus: focus)
        guard area.width > .zero, area.height > .zero else { return }
        context.saved {
            context.clip(to: frame)
            context.translate(by: Point(x: area.x, y: area.y))
            context.scale(x: area.width.value / upright.width, y: area.height.value / upright.height)
            orient(context)
            context.paint(surface: pointer)
        }
    }

    /// Maps the stored pixels onto the upright photo, as EXIF orientations 2 to 8 ask.
    private func orient(_ context: DrawingContext) {
        let w = Double(header.width), h = Double(header.height)
        switch header.orientation {
        case 2: context.transform(xx: -1, yx: 0, xy: 0, yy: 1, x0: w, y0: 0)
        case 3: context.transform(xx: -1, yx: 0, xy: 0, yy: -1, x0: w, y0: h)
        case 4: context.transform(xx: 1, yx: 0, xy: 0, yy: -1, x0: 0, y0: h)
        case 5: context.transform(xx: 0, yx: 1, xy: 1, yy: 0, x0: 0, y0: 0)
        case 6: context.transform(xx: 0, yx: 1, xy: -1, yy: 0, x0: h, y0: 0)
        case 7: context.transform(xx: 0, yx: -1, xy: -1, yy: 0, x0: h, y0: w)
        case 8: context.transform(xx: 0, yx: -1, xy: 1, yy: 0, x0: 0, y0: w)
        default: break
        }
    }
}
