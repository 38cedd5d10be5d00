internal import CCairoPango
import TractCompose
import TractCore

/// The pictures of a document, loaded and checked before anything is drawn, so that a missing
/// or unreadable logo, or a web address too long for its QR code, stops a render before it
/// writes a byte.
final class Pictures {
    /// Loads and checks every picture the pages place.
    init(for pages: [ComposedPage]) throws(Diagnostic) {}

    /// Draws a picture in its frame.
    func draw(_ picture: PlacedPicture, on context: DrawingContext) {}
}
