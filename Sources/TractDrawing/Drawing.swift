import TractCompose
import TractCore
import TractShaping

#if canImport(Glibc)
import Glibc
#endif

/// What the PDF's document information says besides the title and author.
public struct PDFSettings: Sendable {
    /// The creation date, as seconds since 1970; none when nil.
    public var creationDate: Int?

    public init(creationDate: Int? = nil) {
        self.creationDate = creationDate
    }

    /// The settings the environment asks for: `SOURCE_DATE_EPOCH` fixes the creation date.
    public static func fromEnvironment() -> PDFSettings {
        guard let value = getenv("SOURCE_DATE_EPOCH"), let seconds = Int(String(cString: value)) else {
            return PDFSettings()
        }
        return PDFSettings(creationDate: seconds)
    }
}

extension Typesetter {
    /// Draws a document's sheets as a PDF in memory: fonts embedded and subset, metadata set, an
    /// outline entry for the headline. The bytes, or the diagnostic of a Cairo error, placed at
    /// `path`, the file they are for.
    package func drawPDF(_ document: ComposedDocument, sheets: PrintSheets, pictures: Pictures, settings: PDFSettings,
                         for path: String) throws(Diagnostic) -> [UInt8] {
        let surface = Surface(pdfInMemorySize: sheets.media)
        func check() throws(Diagnostic) {
            if let error = surface.error {
                throw .error(at: SourceLocation(file: path), "cannot write the PDF: \(error)",
                             hint: "check that the folder accepts new files and the disk is not full")
            }
        }
        try check()
        setMetadata(surface, document.info, settings)
        let context = DrawingContext(surface)
        for sheet in sheets.sheets {
            drawSheet(sheet, of: sheets, document: document, pictures: pictures, on: context)
            if sheet.index == 0, let headline = document.pages.first?.lines.first(where: { $0.role == .headline }),
               let title = document.info.title, let first = sheet.placements.first {
                // An outline entry for the headline, pointing at its first line.
                surface.addOutline(title, page: 1, at: Point(x: first.origin.x + headline.origin.x,
                                                             y: first.origin.y + headline.origin.y - headline.size))
            }
            context.showPage()
        }
        surface.finish()
        try check()
        return surface.writtenBytes
    }

    /// Draws one sheet on white at `dpi` pixels per inch: the page as the PDF prints it, with
    /// its bleed and marks, or the imposed copies.
    package func drawImage(_ document: ComposedDocument, sheet index: Int, dpi: Double, pictures: Pictures) throws(Diagnostic) -> Surface {
        let sheets = PrintSheets(document)
        let scale = dpi / 72
        let surface = try Surface(imageWidth: Int((sheets.media.width.value * scale).rounded()),
                                  height: Int((sheets.media.height.value * scale).rounded()))
        let context = DrawingContext(surface)
        context.scale(by: scale)
        context.paint(.white)
        drawSheet(sheets.sheets[index], of: sheets, document: document, pictures: pictures, on: context)
        return surface
    }

    /// One sheet: its pages at their places, each clipped to its bleed, then the marks.
    private func drawSheet(_ sheet: PrintSheets.Sheet, of sheets: PrintSheets, document: ComposedDocument,
                           pictures: Pictures, on context: DrawingContext) {
        for placement in sheet.placements {
            context.saved {
                context.translate(by: placement.origin)
                // Nothing past the bleed (or the trim, between imposed copies) is printed.
                context.clip(to: Rect(x: -sheets.bleed, y: -sheets.bleed, width: placement.page.size.width + sheets.bleed * 2,
                                      height: placement.page.size.height + sheets.bleed * 2))
                draw(placement.page.bleeding(sheets.bleed), pictures: pictures, on: context)
            }
        }
        drawMarks(sheet, of: sheets, info: document.info, layout: document.layoutName, on: context)
    }

    /// Crop marks and the slug line around a page, or cut marks around imposed copies.
    private func drawMarks(_ sheet: PrintSheets.Sheet, of sheets: PrintSheets, info: DocumentInfo, layout: String,
                           on context: DrawingContext) {
        context.setColor(.black)
        let marks = sheets.marks(of: sheet)
        if !marks.isEmpty { context.stroke(marks.map { ($0.from, $0.to) }, width: Points(0.3)) }
        guard sheets.slug, !sheets.imposed, let first = sheet.placements.first else { return }
        let parts = [info.name, layout, info.language, info.date].compactMap { $0 }.filter { !$0.isEmpty }
        let text = parts.joined(separator: "  ·  ") + (sheets.sheets.count > 1 ? "  ·  \(sheet.index + 1)/\(sheets.sheets.count)" : "")
        let slug = TextLayout(self.context, text: StyledText(text), font: FontSpec(family: "Noto Sans", weight: 600, stretch: 75),
                              size: Points(6), letterSpacing: .zero)
        context.show(slug, at: Point(x: first.origin.x + .mm(8), y: first.origin.y + first.page.size.height + sheets.bleed + .mm(6.5)))
    }

    private func setMetadata(_ surface: Surface, _ info: DocumentInfo, _ settings: PDFSettings) {
        if let title = info.title { surface.setMetadata(.title, title) }
        if let author = info.author { surface.setMetadata(.author, author) }
        if let subject = info.subject { surface.setMetadata(.subject, subject) }
        if !info.keywords.isEmpty { surface.setMetadata(.keywords, info.keywords.joined(separator: ", ")) }
        surface.setMetadata(.creator, "tract")
        // Without SOURCE_DATE_EPOCH the file carries no date, so that the same input always
        // gives the same bytes: Cairo writes the current time unless given a date, and leaves
        // the date out when the one it is given is not one.
        surface.setMetadata(.creationDate, settings.creationDate.map(isoDate) ?? "")
    }

    /// `YYYY-MM-DDThh:mm:ssZ` for a time in seconds since 1970, in UTC.
    private func isoDate(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    // MARK: Drawing

    func draw(_ page: ComposedPage, pictures: Pictures, on context: DrawingContext) {
        for element in page.elements {
            switch element {
            case .box(let box):
                draw(box, on: context)
            case .shape(let shape):
                if shape.kind == .disc { context.fillDisc(in: shape.frame, shape.color) } else { context.fill(shape.frame, shape.color) }
            case .text(let line):
                draw(line, on: context)
            case .picture(let picture):
                pictures.draw(picture, on: context)
            }
        }
    }

    private func draw(_ box: PlacedBox, on context: DrawingContext) {
        if let background = box.background {
            context.fill(box.frame, radius: box.cornerRadius, background)
        }
        if let border = box.border {
            // Stroke inside the box's edge, so the border never spills past it.
            let half = border.width / 2
            context.stroke(box.frame.inset(by: Insets(all: half)), radius: box.cornerRadius - half, width: border.width, border.color)
        }
    }

    private func draw(_ line: PlacedText, on context: DrawingContext) {
        // Every line is set at the size texts are measured at and scaled into place: the widths
        // are exactly those composition worked with, and Pango asks fontconfig for one font per
        // face instead of one per face and size.
        let reference = Typesetter.referenceSize
        let scale = line.size / reference
        context.setColor(line.color)
        // The link's area is the ink drawn until the tag ends: the line's glyphs.
        if let link = line.link { context.beginLink("uri=" + quotedAttribute(percentEncodedForPDF(link))) }
        defer { if line.link != nil { context.endLink() } }
        context.saved {
            context.translate(by: line.origin)
            context.scale(by: scale)
            if let source = line.source, let layout = source.glyphs.contents as? ShapedRuns,
               let retained = RetainedLine(layout, range: source.range) {
                // Drawn from the glyphs the paragraph was measured with: no shaping again.
                let hyphen = source.hyphenated ? hyphenLayout(line.font) : nil
                if line.justified {
                    // Expansion scales the whole line across; letter-spacing and the spaces then
                    // take what is left, in the scaled units.
                    let widening = 1 + line.expansion
                    if widening != 1 { context.scale(x: widening, y: 1) }
                    if line.tracking > .zero { retained.track(by: line.tracking / scale / widening) }
                    retained.justify(to: line.width / scale / widening, leaving: hyphen?.width)
                }
                context.show(retained, then: hyphen)
            } else {
                let layout = TextLayout(self.context, text: line.text, font: line.font, size: reference,
                                        letterSpacing: line.letterSpacing, direction: line.direction)
                if line.justified { layout.justify(to: line.width / scale) }
                context.show(layout)
            }
        }
    }
}
