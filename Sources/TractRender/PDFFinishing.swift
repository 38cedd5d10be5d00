internal import CQPDF
import TractCompose
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// What Cairo cannot write and qpdf adds to a finished PDF: the page boxes a print shop reads,
/// the document's language, and a file that is the same bytes for the same input.
struct PDFFinish {
    /// A page's trimmed size and bleed, as rectangles in PDF user space (from the bottom left).
    struct Boxes {
        var trim: Rect
        var bleed: Rect
    }

    /// One entry per page; empty leaves the boxes as Cairo wrote them (MediaBox only).
    var boxes: [Boxes] = []
    /// The BCP 47 tag for the catalog's /Lang.
    var language: String?
    /// Whether the file keeps a creation date; without `SOURCE_DATE_EPOCH` it has none, so
    /// that rendering twice gives the same bytes.
    var keepsDates: Bool

    /// Rewrites the PDF at `input` into `output` with the boxes, the language and an /ID made
    /// from the content rather than from the time.
    func apply(input: String, output: String, reportedAs path: String) throws(Diagnostic) {
        let document = QPDFDocument()
        try document.check(qpdf_read(document.pointer, input, nil), "read the PDF Cairo wrote", path: path)
        let pages = Int(qpdf_get_num_pages(document.pointer))
        for (index, boxes) in self.boxes.enumerated() where index < pages {
            let page = qpdf_get_page_n(document.pointer, index)
            qpdf_oh_replace_key(document.pointer, page, "/TrimBox", document.array(boxes.trim))
            qpdf_oh_replace_key(document.pointer, page, "/BleedBox", document.array(boxes.bleed))
        }
        if let language {
            qpdf_oh_replace_key(document.pointer, qpdf_get_root(document.pointer), "/Lang",
                                qpdf_oh_new_unicode_string(document.pointer, language))
        }
        if !keepsDates {
            qpdf_set_info_key(document.pointer, "/CreationDate", nil)
            qpdf_set_info_key(document.pointer, "/ModDate", nil)
            // An XMP packet (Ghostscript writes one) repeats the dates, with an ID made from the time.
            qpdf_oh_remove_key(document.pointer, qpdf_get_root(document.pointer), "/Metadata")
        }
        // qpdf starts a deterministic /ID from the old one: Cairo's and Ghostscript's come from
        // the time, so it goes.
        qpdf_oh_remove_key(document.pointer, qpdf_get_trailer(document.pointer), "/ID")
        try document.check(qpdf_init_write(document.pointer, output), "write the finished PDF", path: path)
        qpdf_set_deterministic_ID(document.pointer, 1)
        qpdf_set_object_stream_mode(document.pointer, qpdf_o_preserve)
        try document.check(qpdf_write(document.pointer), "write the finished PDF", path: path)
    }
}

/// A qpdf document handle: one per file, freed with qpdf_cleanup.
private final class QPDFDocument {
    private(set) var pointer: qpdf_data?

    init() {
        // transfer full: released by qpdf_cleanup in deinit.
        pointer = qpdf_init()
        qpdf_silence_errors(pointer)
        qpdf_set_suppress_warnings(pointer, 1)
    }

    deinit {
        qpdf_cleanup(&pointer)
    }

    /// `[x0 y0 x1 y1]` for a rectangle.
    func array(_ rect: Rect) -> qpdf_oh {
        let array = qpdf_oh_new_array(pointer)
        for value in [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height] {
            qpdf_oh_append_item(pointer, array, qpdf_oh_new_real_from_double(pointer, value.value, 4))
        }
        return array
    }

    /// Throws qpdf's error, if the last call had one.
    func check(_ code: QPDF_ERROR_CODE, _ what: String, path: String) throws(Diagnostic) {
        guard code & QPDF_ERRORS != 0 || qpdf_has_error(pointer) != 0 else { return }
        let error = qpdf_get_error(pointer)
        let detail = error.flatMap { qpdf_get_error_message_detail(pointer, $0) }.map { String(cString: $0) } ?? "unknown error"
        throw .error(at: SourceLocation(file: path), "cannot \(what): qpdf says \(detail)",
                     hint: "check that the folder accepts new files and the disk is not full")
    }
}

extension Typesetter {
    /// Takes the dates out of a finished PDF and gives it an /ID made from its content, as tract
    /// does to every PDF it writes without `SOURCE_DATE_EPOCH`: for a file another program
    /// (Ghostscript) rewrote and dated.
    public static func removeDates(from path: String) throws(Diagnostic) {
        let output = try OutputFile(path)
        do throws(Diagnostic) {
            try PDFFinish(language: nil, keepsDates: false).apply(input: path, output: output.temporaryPath, reportedAs: path)
        } catch {
            output.discard()
            throw error
        }
        try output.commit()
    }
}
