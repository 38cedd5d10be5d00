internal import CCairoPango
import TractCompose
import TractCore
import TractShaping

/// A Cairo surface: a PDF file being written or an image in memory.
package final class Surface {
    fileprivate let pointer: OpaquePointer

    /// A PDF surface writing into `bytes`, one page of the given size: the file goes through
    /// qpdf before it is written, so it need not be written twice.
    init(pdfInMemorySize size: Size) {
        let sink = ByteSink()
        self.sink = sink
        // Unretained: the sink lives as long as this object, which destroys the surface first.
        // transfer full: released by cairo_surface_destroy in deinit.
        pointer = cairo_pdf_surface_create_for_stream({ closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes
                .append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), size.width.value, size.height.value)
    }

    /// The buffer a memory PDF surface writes into, kept alive by the surface that owns it.
    private final class ByteSink {
        var bytes: [UInt8] = []
    }
    private var sink: ByteSink?

    /// What the memory PDF surface wrote, once it is finished.
    var writtenBytes: [UInt8] { sink?.bytes ?? [] }

    /// The largest side of an image Cairo makes, in pixels.
    static let largestImageSide = 32_767

    /// An opaque RGB image of the given pixel size; an error when Cairo cannot make one (a side
    /// of no pixels or too many, no memory left), rather than an image that draws nothing.
    init(imageWidth width: Int, height: Int) throws(Diagnostic) {
        let side = 1...Surface.largestImageSide
        let fits = side.contains(width) && side.contains(height)
        // transfer full: released by cairo_surface_destroy in deinit.
        pointer = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(fits ? width : 1), Int32(fits ? height : 1))
        guard fits else {
            throw .error("an image of \(width) × \(height) pixels is more than Cairo can make (at most \(Surface.largestImageSide) a side)",
                         hint: "ask for a lower resolution")
        }
        if let error {
            throw .error("cannot make an image of \(width) × \(height) pixels: \(error)", hint: "ask for a lower resolution")
        }
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    /// Writes an image surface as a PNG file; Cairo's error, as a message, when it cannot.
    package func writePNG(to file: String) -> String? {
        cairo_surface_flush(pointer)
        let status = cairo_surface_write_to_png(pointer, file)
        return status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }

    /// A PDF surface's document information.
    func setMetadata(_ key: PDFMetadata, _ value: String) {
        let name: cairo_pdf_metadata_t = switch key {
        case .title: CAIRO_PDF_METADATA_TITLE
        case .author: CAIRO_PDF_METADATA_AUTHOR
        case .subject: CAIRO_PDF_METADATA_SUBJECT
        case .keywords: CAIRO_PDF_METADATA_KEYWORDS
        case .creator: CAIRO_PDF_METADATA_CREATOR
        case .creationDate: CAIRO_PDF_METADATA_CREATE_DATE
        }
        cairo_pdf_surface_set_metadata(pointer, name, value)
    }

    /// Adds an open outline entry at the top level of a PDF surface's outline.
    func addOutline(_ title: String, page: Int, at point: Point) {
        cairo_pdf_surface_add_outline(pointer, CAIRO_PDF_OUTLINE_ROOT, title,
                                      "page=\(page) pos=[\(formatted(point.x.value)) \(formatted(point.y.value))]", CAIRO_PDF_OUTLINE_FLAG_OPEN)
    }

    /// Ends the surface's drawing: a PDF surface writes out what it has left.
    func finish() {
        cairo_surface_finish(pointer)
    }

    /// Cairo's error state, as a message; nil when all is well.
    package var error: String? {
        let status = cairo_surface_status(pointer)
        return status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }
}

/// The keys of a PDF's document information.
enum PDFMetadata {
    case title, author, subject, keywords, creator, creationDate
}

/// A Cairo drawing context on a surface: every drawing operation tract uses, in its units.
final class DrawingContext {
    private let pointer: OpaquePointer
    let surface: Surface

    init(_ surface: Surface) {
        self.surface = surface
        // transfer full: released by cairo_destroy in deinit.
        pointer = cairo_create(surface.pointer)
    }

    deinit {
        cairo_destroy(pointer)
    }

    func setColor(_ color: Color) {
        cairo_set_source_rgb(pointer, color.red, color.green, color.blue)
    }

    /// Runs `body` and puts back the transformation, clip and colour it found.
    func saved(_ body: () -> Void) {
        cairo_save(pointer)
        body()
        cairo_restore(pointer)
    }

    func translate(by offset: Point) {
        cairo_translate(pointer, offset.x.value, offset.y.value)
    }

    func scale(by factor: Double) {
        cairo_scale(pointer, factor, factor)
    }

    func scale(x: Double, y: Double) {
        cairo_scale(pointer, x, y)
    }

    /// Applies an affine transformation: x' = xx·x + xy·y + x0, y' = yx·x + yy·y + y0.
    func transform(xx: Double, yx: Double, xy: Double, yy: Double, x0: Double, y0: Double) {
        var matrix = cairo_matrix_t(xx: xx, yx: yx, xy: xy, yy: yy, x0: x0, y0: y0)
        cairo_transform(pointer, &matrix)
    }

    /// Limits what is drawn after to a rectangle.
    func clip(to rect: Rect) {
        addRect(rect, radius: .zero)
        cairo_clip(pointer)
    }

    /// Paints another surface (a logo's), its origin at the current origin.
    func paint(surface: OpaquePointer) {
        cairo_set_source_surface(pointer, surface, 0, 0)
        cairo_paint(pointer)
    }

    /// Paints everything inside the clip in a colour.
    func paint(_ color: Color) {
        setColor(color)
        cairo_paint(pointer)
    }

    func fill(_ rect: Rect, radius: Points = .zero, _ color: Color) {
        setColor(color)
        addRect(rect, radius: radius)
        cairo_fill(pointer)
    }

    /// Fills a circle inscribed in a square frame.
    func fillDisc(in frame: Rect, _ color: Color) {
        setColor(color)
        let radius = frame.width.value / 2
        cairo_new_sub_path(pointer)
        cairo_arc(pointer, frame.x.value + radius, frame.y.value + radius, radius, 0, 2 * .pi)
        cairo_fill(pointer)
    }

    /// Fills many rectangles as one path, so that abutting ones leave no seam when rasterised.
    func fill(_ rects: [Rect], _ color: Color) {
        for rect in rects { cairo_rectangle(pointer, rect.x.value, rect.y.value, rect.width.value, rect.height.value) }
        setColor(color)
        cairo_fill(pointer)
    }

    /// Strokes a rectangle's outline.
    func stroke(_ rect: Rect, radius: Points, width: Points, _ color: Color) {
        setColor(color)
        cairo_set_line_width(pointer, width.value)
        addRect(rect, radius: radius)
        cairo_stroke(pointer)
    }

    /// Strokes straight lines, all of one width, as one path, in the current colour.
    func stroke(_ lines: [(from: Point, to: Point)], width: Points) {
        cairo_set_line_width(pointer, width.value)
        for line in lines {
            cairo_move_to(pointer, line.from.x.value, line.from.y.value)
            cairo_line_to(pointer, line.to.x.value, line.to.y.value)
        }
        cairo_stroke(pointer)
    }

    /// Draws the first line of a laid-out text with its baseline starting at `origin`.
    func show(_ layout: TextLayout, at origin: Point = Point(x: .zero, y: .zero)) {
        cairo_move_to(pointer, origin.x.value, origin.y.value)
        layout.showFirstLine(on: pointer)
    }

    /// Draws a line cut from a paragraph's glyphs, its baseline starting at the origin, and
    /// then a hyphen where it ends.
    func show(_ line: RetainedLine, then hyphen: TextLayout?) {
        cairo_move_to(pointer, 0, 0)
        line.draw(on: pointer)
        hyphen?.showFirstLine(on: pointer)
    }

    /// Opens a link tag: what is drawn until `endLink` is the link's area, unless `attributes`
    /// give its `rect`.
    func beginLink(_ attributes: String) {
        cairo_tag_begin(pointer, CAIRO_TAG_LINK, attributes)
    }

    func endLink() {
        cairo_tag_end(pointer, CAIRO_TAG_LINK)
    }

    /// A point of the current user space in device space.
    func deviceCoordinates(of point: Point) -> (x: Double, y: Double) {
        var x = point.x.value, y = point.y.value
        cairo_user_to_device(pointer, &x, &y)
        return (x, y)
    }

    /// Ends a page of a PDF surface: what follows goes on the next.
    func showPage() {
        cairo_show_page(pointer)
    }

    /// Adds a rectangle with rounded corners to the path.
    private func addRect(_ rect: Rect, radius: Points) {
        let x = rect.x.value, y = rect.y.value, width = rect.width.value, height = rect.height.value
        let r = min(radius.value, width / 2, height / 2)
        guard r > 0 else {
            cairo_rectangle(pointer, x, y, width, height)
            return
        }
        cairo_new_sub_path(pointer)
        cairo_arc(pointer, x + width - r, y + r, r, -.pi / 2, 0)
        cairo_arc(pointer, x + width - r, y + height - r, r, 0, .pi / 2)
        cairo_arc(pointer, x + r, y + height - r, r, .pi / 2, .pi)
        cairo_arc(pointer, x + r, y + r, r, .pi, 3 * .pi / 2)
        cairo_close_path(pointer)
    }
}
