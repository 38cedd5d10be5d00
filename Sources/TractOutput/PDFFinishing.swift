import TractCompose
import TractCore
import TractShaping

#if canImport(Glibc)
import Glibc
#endif

/// What Cairo cannot write and qpdf adds to a PDF for print: the page boxes a print shop reads,
/// the document's language, and a file that is the same bytes for the same input.
///
/// A PDF without print furniture needs none of it (its MediaBox is its trim, and Cairo writes no
/// /ID and, asked to, no date), so it is not rewritten: that keeps a plain render as fast as
/// Cairo alone, and libqpdf, with the cryptography libraries it brings, is only loaded when a
/// print layout needs it.
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
    /// Whether the file keeps its creation date; without `SOURCE_DATE_EPOCH` it has none.
    var keepsDates: Bool
    /// Whether black and grey text and thin rules are set in DeviceGray (`BlackInk`), which a
    /// conversion to CMYK turns into black ink alone.
    var separatesBlack = false

    /// Rewrites a PDF, given as its bytes, into the file `output` with the boxes, the language
    /// and an /ID made from the content rather than from the time.
    func apply(_ input: [UInt8], output: String, reportedAs path: String) throws(Diagnostic) {
        let qpdf = try LibQPDF.shared.get()
        let document = QPDFDocument(qpdf)
        let read = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { qpdf.readMemory(document.pointer, path, $0.baseAddress, UInt64($0.count), nil) }
        }
        try document.check(read, "read the PDF Cairo wrote", path: path)
        let pages = Int(qpdf.numberOfPages(document.pointer))
        for (index, boxes) in self.boxes.enumerated() where index < pages {
            let page = qpdf.page(document.pointer, index)
            qpdf.replaceKey(document.pointer, page, "/TrimBox", document.array(boxes.trim))
            qpdf.replaceKey(document.pointer, page, "/BleedBox", document.array(boxes.bleed))
        }
        if separatesBlack {
            for index in 0..<pages { try document.separateBlack(onPage: qpdf.page(document.pointer, index), path: path) }
        }
        if let language {
            qpdf.replaceKey(document.pointer, qpdf.root(document.pointer), "/Lang", qpdf.newUnicodeString(document.pointer, language))
        }
        if !keepsDates {
            qpdf.setInfoKey(document.pointer, "/CreationDate", nil)
            qpdf.setInfoKey(document.pointer, "/ModDate", nil)
            // An XMP packet (Ghostscript writes one) repeats the dates, with an ID made from the time.
            qpdf.removeKey(document.pointer, qpdf.root(document.pointer), "/Metadata")
        }
        // qpdf starts a deterministic /ID from the old one: Ghostscript's comes from the time.
        qpdf.removeKey(document.pointer, qpdf.trailer(document.pointer), "/ID")
        try document.check(qpdf.initWriteMemory(document.pointer), "write the finished PDF", path: path)
        qpdf.setDeterministicID(document.pointer, 1)
        qpdf.setObjectStreamMode(document.pointer, 1 /* qpdf_o_preserve */)
        // The streams are copied as they are: decoding and compressing them again costs time.
        qpdf.setDecodeLevel(document.pointer, 0 /* qpdf_dl_none */)
        // The streams rewritten are compressed again; the others are left as they were.
        qpdf.setCompressStreams(document.pointer, separatesBlack ? 1 : 0)
        try document.check(qpdf.write(document.pointer), "write the finished PDF", path: path)
        let written = UnsafeBufferPointer(start: qpdf.buffer(document.pointer), count: qpdf.bufferLength(document.pointer))
        try Typesetter.write(Array(written), to: output, reportedAs: path)
    }

    /// Rewrites the PDF file at `input`, as `apply(_:output:reportedAs:)` does bytes.
    func apply(file input: String, output: String, reportedAs path: String) throws(Diagnostic) {
        try apply(FileBytes.read(input, what: "PDF", example: "leaflet.pdf", limit: Int(Int32.max), isInput: false), output: output, reportedAs: path)
    }
}

/// A qpdf document handle: one per file, freed with qpdf_cleanup.
private final class QPDFDocument {
    private let qpdf: LibQPDF
    private(set) var pointer: OpaquePointer?

    init(_ qpdf: LibQPDF) {
        self.qpdf = qpdf
        // transfer full: released by qpdf_cleanup in deinit.
        pointer = qpdf.initialize()
        qpdf.silenceErrors(pointer)
        qpdf.suppressWarnings(pointer, 1)
    }

    deinit {
        qpdf.cleanup(&pointer)
    }

    /// `[x0 y0 x1 y1]` for a rectangle.
    func array(_ rect: Rect) -> UInt32 {
        let array = qpdf.newArray(pointer)
        for value in [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height] {
            qpdf.appendItem(pointer, array, qpdf.newReal(pointer, value.value, 4))
        }
        return array
    }

    /// Rewrites the content streams of a page with `BlackInk`, each stream that changes
    /// stored anew.
    func separateBlack(onPage page: UInt32, path: String) throws(Diagnostic) {
        let contents = qpdf.getKey(pointer, page, "/Contents")
        let streams = qpdf.isArray(pointer, contents) != 0
            ? (0..<max(0, qpdf.arrayCount(pointer, contents))).map { qpdf.arrayItem(pointer, contents, $0) } : [contents]
        for stream in streams where qpdf.isStream(pointer, stream) != 0 {
            var filtered: Int32 = 0
            var buffer: UnsafeMutablePointer<UInt8>?
            var length = 0
            // transfer full: the buffer is the caller's, freed below.
            let code = qpdf.streamData(pointer, stream, 1 /* qpdf_dl_generalized */, &filtered, &buffer, &length)
            defer { free(buffer) }
            try check(code, "read a page of the PDF", path: path)
            guard filtered != 0, let buffer else { continue }
            let content = Array(UnsafeBufferPointer(start: buffer, count: length))
            let rewritten = BlackInk.rewrite(content)
            guard rewritten != content else { continue }
            let null = qpdf.newNull(pointer)
            rewritten.withUnsafeBufferPointer { qpdf.replaceStreamData(pointer, stream, $0.baseAddress, $0.count, null, null) }
        }
    }

    /// Throws qpdf's error, if the last call had one.
    func check(_ code: Int32, _ what: String, path: String) throws(Diagnostic) {
        guard code & (1 << 1) != 0 || qpdf.hasError(pointer) != 0 else { return }
        let error = qpdf.error(pointer)
        let detail = error.flatMap { qpdf.errorDetail(pointer, $0) }.map { String(cString: $0) } ?? "unknown error"
        throw .error(at: SourceLocation(file: path), "cannot \(what): qpdf says \(detail)",
                     hint: "check that the folder accepts new files and the disk is not full")
    }
}

/// libqpdf's C interface, opened the first time a PDF is finished, with the signatures of
/// qpdf 11 (Debian 12, `qpdf-c.h`).
struct LibQPDF: @unchecked Sendable {
    typealias Handle = OpaquePointer?
    let initialize: @convention(c) () -> Handle
    let cleanup: @convention(c) (UnsafeMutablePointer<Handle>?) -> Void
    let silenceErrors: @convention(c) (Handle) -> Void
    let suppressWarnings: @convention(c) (Handle, Int32) -> Void
    let hasError: @convention(c) (Handle) -> Int32
    let error: @convention(c) (Handle) -> OpaquePointer?
    let errorDetail: @convention(c) (Handle, OpaquePointer?) -> UnsafePointer<CChar>?
    let readMemory: @convention(c) (Handle, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UInt64, UnsafePointer<CChar>?) -> Int32
    let numberOfPages: @convention(c) (Handle) -> Int32
    let page: @convention(c) (Handle, Int) -> UInt32
    let root: @convention(c) (Handle) -> UInt32
    let trailer: @convention(c) (Handle) -> UInt32
    let replaceKey: @convention(c) (Handle, UInt32, UnsafePointer<CChar>?, UInt32) -> Void
    let removeKey: @convention(c) (Handle, UInt32, UnsafePointer<CChar>?) -> Void
    let newArray: @convention(c) (Handle) -> UInt32
    let appendItem: @convention(c) (Handle, UInt32, UInt32) -> Void
    let newReal: @convention(c) (Handle, Double, Int32) -> UInt32
    let newUnicodeString: @convention(c) (Handle, UnsafePointer<CChar>?) -> UInt32
    let setInfoKey: @convention(c) (Handle, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Void
    let initWriteMemory: @convention(c) (Handle) -> Int32
    let setDeterministicID: @convention(c) (Handle, Int32) -> Void
    let setObjectStreamMode: @convention(c) (Handle, UInt32) -> Void
    let setDecodeLevel: @convention(c) (Handle, UInt32) -> Void
    let setCompressStreams: @convention(c) (Handle, Int32) -> Void
    let write: @convention(c) (Handle) -> Int32
    let buffer: @convention(c) (Handle) -> UnsafePointer<UInt8>?
    let bufferLength: @convention(c) (Handle) -> Int
    let getKey: @convention(c) (Handle, UInt32, UnsafePointer<CChar>?) -> UInt32
    let isArray: @convention(c) (Handle, UInt32) -> Int32
    let arrayCount: @convention(c) (Handle, UInt32) -> Int32
    let arrayItem: @convention(c) (Handle, UInt32, Int32) -> UInt32
    let isStream: @convention(c) (Handle, UInt32) -> Int32
    let streamData: @convention(c) (Handle, UInt32, UInt32, UnsafeMutablePointer<Int32>?,
                                    UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, UnsafeMutablePointer<Int>?) -> Int32
    let replaceStreamData: @convention(c) (Handle, UInt32, UnsafePointer<UInt8>?, Int, UInt32, UInt32) -> Void
    let newNull: @convention(c) (Handle) -> UInt32

    /// The library, opened once per process; a diagnostic when it is not installed.
    static let shared: Result<LibQPDF, Diagnostic> = open()

    private static func open() -> Result<LibQPDF, Diagnostic> {
        do throws(Diagnostic) {
            let library = try DynamicLibrary("libqpdf.so.29", for: "finish the PDF for print", package: "libqpdf29")
            func symbol<T>(_ name: String) throws(Diagnostic) -> T { try library.function(name) }
            return .success(LibQPDF(
                initialize: try symbol("qpdf_init"), cleanup: try symbol("qpdf_cleanup"),
                silenceErrors: try symbol("qpdf_silence_errors"), suppressWarnings: try symbol("qpdf_set_suppress_warnings"),
                hasError: try symbol("qpdf_has_error"), error: try symbol("qpdf_get_error"),
                errorDetail: try symbol("qpdf_get_error_message_detail"), readMemory: try symbol("qpdf_read_memory"),
                numberOfPages: try symbol("qpdf_get_num_pages"), page: try symbol("qpdf_get_page_n"),
                root: try symbol("qpdf_get_root"), trailer: try symbol("qpdf_get_trailer"),
                replaceKey: try symbol("qpdf_oh_replace_key"), removeKey: try symbol("qpdf_oh_remove_key"),
                newArray: try symbol("qpdf_oh_new_array"), appendItem: try symbol("qpdf_oh_append_item"),
                newReal: try symbol("qpdf_oh_new_real_from_double"), newUnicodeString: try symbol("qpdf_oh_new_unicode_string"),
                setInfoKey: try symbol("qpdf_set_info_key"), initWriteMemory: try symbol("qpdf_init_write_memory"),
                setDeterministicID: try symbol("qpdf_set_deterministic_ID"),
                setObjectStreamMode: try symbol("qpdf_set_object_stream_mode"),
                setDecodeLevel: try symbol("qpdf_set_decode_level"), setCompressStreams: try symbol("qpdf_set_compress_streams"),
                write: try symbol("qpdf_write"), buffer: try symbol("qpdf_get_buffer"),
                bufferLength: try symbol("qpdf_get_buffer_length"),
                getKey: try symbol("qpdf_oh_get_key"), isArray: try symbol("qpdf_oh_is_array"),
                arrayCount: try symbol("qpdf_oh_get_array_n_items"), arrayItem: try symbol("qpdf_oh_get_array_item"),
                isStream: try symbol("qpdf_oh_is_stream"), streamData: try symbol("qpdf_oh_get_stream_data"),
                replaceStreamData: try symbol("qpdf_oh_replace_stream_data"), newNull: try symbol("qpdf_oh_new_null")))
        } catch {
            return .failure(error)
        }
    }
}

extension Typesetter {
    /// A copy of the PDF at `path`, at `output`, whose black and grey text and thin rules are
    /// in DeviceGray: for a conversion to CMYK, which sets them in black ink alone.
    static func separatingBlack(_ path: String, into output: String) throws(Diagnostic) {
        try PDFFinish(language: nil, keepsDates: true, separatesBlack: true).apply(file: path, output: output, reportedAs: path)
    }

    /// Takes the dates out of a finished PDF and gives it an /ID made from its content, for a
    /// file another program (Ghostscript) rewrote and dated.
    public static func removeDates(from path: String) throws(Diagnostic) {
        let output = try OutputFile(path)
        do throws(Diagnostic) {
            try PDFFinish(language: nil, keepsDates: false).apply(file: path, output: output.temporaryPath, reportedAs: path)
        } catch {
            output.discard()
            throw error
        }
        try output.commit()
    }
}
