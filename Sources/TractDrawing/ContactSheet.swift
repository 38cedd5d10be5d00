import TractCompose
import TractCore
import TractShaping

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
    /// Draws every entry's pages side by side, each page scaled to `pageHeight` points and
    /// captioned, on a light grey ground.
    package func drawContactSheet(_ entries: [ContactSheetEntry], pageHeight: Points, dpi: Double) throws(Diagnostic) -> Surface {
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
        context.scale(by: pixels)
        context.paint(Color(hex: "#e6e6e6")!)
        for cell in cells {
            context.saved {
                context.translate(by: Point(x: cell.x, y: gap))
                context.scale(by: cell.scale)
                context.fill(Rect(x: .zero, y: .zero, width: cell.page.size.width, height: cell.page.size.height), .white)
                draw(cell.page, pictures: cell.pictures, on: context)
            }
        }
        let captionFont = FontSpec(family: "Noto Sans", weight: 700, stretch: 75)
        for caption in captions {
            let layout = TextLayout(self.context, text: StyledText(caption.text), font: captionFont, size: Points(11),
                                    letterSpacing: .zero)
            context.setColor(Color(hex: "#333333")!)
            context.show(layout, at: Point(x: caption.x + (caption.width - layout.width) / 2, y: gap + pageHeight + Points(18)))
        }
        return surface
    }
}
