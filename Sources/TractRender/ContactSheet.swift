internal import CCairoPango
import TractCompose
import TractCore

/// One leaflet on a contact sheet: its pages and a caption.
public struct ContactSheetEntry: Sendable {
    public var caption: String
    public var pages: [ComposedPage]

    public init(caption: String, pages: [ComposedPage]) {
        self.caption = caption
        self.pages = pages
    }
}

extension Typesetter {
    /// Writes one PNG with every entry's pages side by side, each page scaled to `pageHeight`
    /// points and captioned, on a light grey ground.
    public func writeContactSheet(_ entries: [ContactSheetEntry], to path: String, pageHeight: Points = Points(300),
                                  dpi: Double = 96) throws(Diagnostic) {
        let output = try OutputFile(path)
        let gap = Points(24)
        let captionHeight = Points(28)
        var cells: [(x: Points, page: ComposedPage, scale: Double, pictures: Pictures)] = []
        var captions: [(x: Points, width: Points, text: String)] = []
        var x = gap
        for entry in entries {
            let start = x
            let pictures = try Pictures(for: entry.pages)
            for page in entry.pages {
                let scale = pageHeight / page.size.height
                cells.append((x, page, scale, pictures))
                x = x + page.size.width * scale + gap / 2
            }
            captions.append((start, x - start - gap / 2, entry.caption))
            x = x + gap / 2
        }
        let width = x
        let height = gap + pageHeight + captionHeight + gap / 2
        let pixels = dpi / 72
        let surface = try Surface(imageWidth: Int((width.value * pixels).rounded(.up)), height: Int((height.value * pixels).rounded(.up)))
        let context = DrawingContext(surface)
        cairo_scale(context.pointer, pixels, pixels)
        context.setColor(Color(hex: "#e6e6e6")!)
        cairo_paint(context.pointer)
        for cell in cells {
            cairo_save(context.pointer)
            cairo_translate(context.pointer, cell.x.value, gap.value)
            cairo_scale(context.pointer, cell.scale, cell.scale)
            context.setColor(.white)
            context.addRect(Rect(x: .zero, y: .zero, width: cell.page.size.width, height: cell.page.size.height), radius: .zero)
            cairo_fill(context.pointer)
            draw(cell.page, pictures: cell.pictures, on: context)
            cairo_restore(context.pointer)
        }
        let captionFont = FontSpec(family: "Noto Sans", weight: 700, stretch: 75)
        for caption in captions {
            let layout = TextLayout(self.context, text: StyledText(caption.text), font: captionFont, size: Points(11),
                                    letterSpacing: .zero)
            context.setColor(Color(hex: "#333333")!)
            let left = caption.x + (caption.width - layout.width) / 2
            cairo_move_to(context.pointer, left.value, (gap + pageHeight + Points(18)).value)
            pango_cairo_show_layout_line(context.pointer, layout.firstLine)
        }
        try surface.writePNG(to: output)
    }
}
