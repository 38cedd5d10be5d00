internal import CCairoPango
import TractCore

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
        do throws(Diagnostic) {
            let library = try DynamicLibrary("librsvg-2.so.2", for: "draw an SVG logo", package: "librsvg2-2")
            func symbol<T>(_ name: String) throws(Diagnostic) -> T { try library.function(name) }
            return .success(LibRSVG(
                newHandle: try symbol("rsvg_handle_new_with_flags"), setBaseFile: try symbol("rsvg_handle_set_base_gfile"),
                readStream: try symbol("rsvg_handle_read_stream_sync"), renderDocument: try symbol("rsvg_handle_render_document"),
                intrinsicSizeInPixels: try symbol("rsvg_handle_get_intrinsic_size_in_pixels"),
                intrinsicDimensions: try symbol("rsvg_handle_get_intrinsic_dimensions"),
                fileForPath: try symbol("g_file_new_for_path"), memoryStream: try symbol("g_memory_input_stream_new_from_data")))
        } catch {
            var failure = error
            failure.hints.append("or give the logo as a PNG")
            return .failure(failure)
        }
    }
}
