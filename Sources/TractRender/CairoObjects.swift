internal import CCairoPango
import TractCompose
import TractCore

/// A Cairo surface: a PDF file being written or an image in memory.
final class Surface {
    let pointer: OpaquePointer

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

    /// Writes an image surface as a PNG to an output file, then moves it into place.
    func writePNG(to output: OutputFile) throws(Diagnostic) {
        cairo_surface_flush(pointer)
        let status = cairo_surface_write_to_png(pointer, output.temporaryPath)
        guard status == CAIRO_STATUS_SUCCESS else {
            output.discard()
            throw .error(at: SourceLocation(file: output.path), "cannot write the PNG: \(String(cString: cairo_status_to_string(status)))",
                         hint: "check that the folder accepts new files and the disk is not full")
        }
        try output.commit()
    }

    /// Cairo's error state, as a message; nil when all is well.
    var error: String? {
        let status = cairo_surface_status(pointer)
        return status == CAIRO_STATUS_SUCCESS ? nil : String(cString: cairo_status_to_string(status))
    }
}

/// A Cairo drawing context on a surface.
final class DrawingContext {
    let pointer: OpaquePointer
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

    /// Adds a rectangle with rounded corners to the path.
    func addRect(_ rect: Rect, radius: Points) {
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
