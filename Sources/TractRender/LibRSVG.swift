internal import CCairoPango
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// librsvg, opened the first time a document shows an SVG logo rather than when tract starts:
/// it brings GIO, gdk-pixbuf and libxml2 with it, which every other run would pay to load.
///
/// Only the functions tract calls are looked up, with the C signatures of librsvg 2.54 and
/// GIO 2.74 (Debian 12).
struct LibRSVG: @unchecked Sendable {
    /// `RsvgRectangle`, four doubles as Cairo's `cairo_rectangle_t`.
    typealias Rectangle = cairo_rectangle_t

    typealias ErrorOut = UnsafeMutablePointer<UnsafeMutablePointer<GError>?>?
    let newHandle: @convention(c) (UInt32) -> OpaquePointer?
    let setBaseFile: @convention(c) (OpaquePointer?, OpaquePointer?) -> Void
    let readStream: @convention(c) (OpaquePointer?, OpaquePointer?, OpaquePointer?, ErrorOut) -> Int32
    let renderDocument: @convention(c) (OpaquePointer?, OpaquePointer?, UnsafePointer<Rectangle>?, ErrorOut) -> Int32
    let intrinsicSizeInPixels: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?) -> Int32
    let intrinsicDimensions: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>?, UnsafeMutableRawPointer?,
                                             UnsafeMutablePointer<Int32>?, UnsafeMutableRawPointer?,
                                             UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Rectangle>?) -> Void
    /// GIO's `g_file_new_for_path` and `g_memory_input_stream_new_from_data`, loaded with librsvg.
    let fileForPath: @convention(c) (UnsafePointer<CChar>?) -> OpaquePointer?
    let memoryStream: @convention(c) (UnsafeRawPointer?, Int, OpaquePointer?) -> OpaquePointer?

    /// The library, opened once per process; a diagnostic when it is not installed.
    static let shared: Result<LibRSVG, Diagnostic> = open()

    private static func open() -> Result<LibRSVG, Diagnostic> {
        // Never closed: the process may draw another SVG at any time.
        guard let library = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(.error("cannot draw an SVG logo: librsvg cannot be loaded (\(reason))",
                                   hint: "install it with `apt-get install librsvg2-2`, or give the logo as a PNG"))
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        guard let newHandle = symbol("rsvg_handle_new_with_flags", as: (@convention(c) (UInt32) -> OpaquePointer?).self),
              let setBaseFile = symbol("rsvg_handle_set_base_gfile", as: (@convention(c) (OpaquePointer?, OpaquePointer?) -> Void).self),
              let readStream = symbol("rsvg_handle_read_stream_sync",
                                      as: (@convention(c) (OpaquePointer?, OpaquePointer?, OpaquePointer?, ErrorOut) -> Int32).self),
              let renderDocument = symbol("rsvg_handle_render_document",
                                          as: (@convention(c) (OpaquePointer?, OpaquePointer?, UnsafePointer<Rectangle>?, ErrorOut) -> Int32).self),
              let intrinsicSizeInPixels = symbol("rsvg_handle_get_intrinsic_size_in_pixels",
                                                 as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Double>?,
                                                                      UnsafeMutablePointer<Double>?) -> Int32).self),
              let intrinsicDimensions = symbol("rsvg_handle_get_intrinsic_dimensions",
                                               as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>?, UnsafeMutableRawPointer?,
                                                                    UnsafeMutablePointer<Int32>?, UnsafeMutableRawPointer?,
                                                                    UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Rectangle>?) -> Void).self),
              let fileForPath = symbol("g_file_new_for_path", as: (@convention(c) (UnsafePointer<CChar>?) -> OpaquePointer?).self),
              let memoryStream = symbol("g_memory_input_stream_new_from_data",
                                        as: (@convention(c) (UnsafeRawPointer?, Int, OpaquePointer?) -> OpaquePointer?).self)
        else {
            return .failure(.error("cannot draw an SVG logo: the installed librsvg lacks functions tract needs (2.52 or later)",
                                   hint: "install Debian 12's `librsvg2-2`, or give the logo as a PNG"))
        }
        return .success(LibRSVG(newHandle: newHandle, setBaseFile: setBaseFile, readStream: readStream,
                                renderDocument: renderDocument, intrinsicSizeInPixels: intrinsicSizeInPixels,
                                intrinsicDimensions: intrinsicDimensions, fileForPath: fileForPath, memoryStream: memoryStream))
    }
}
