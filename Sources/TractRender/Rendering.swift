internal import CCairoPango
import TractCompose
import TractCore

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
    /// Writes a composed document as a PDF: fonts embedded and subset, metadata set, with the
    /// bleed, marks and imposition its layout asks for, finished by qpdf (page boxes, language,
    /// an /ID made from the content), written to a temporary file and renamed into place.
    ///
    /// `previews` names a PNG for each sheet, written after the PDF from the same loaded
    /// pictures; when one cannot be written, neither the PDF nor any preview is left.
    public func writePDF(_ document: ComposedDocument, to path: String, previews: [String] = [],
                         settings: PDFSettings = .fromEnvironment()) throws(Diagnostic) {
        let pictures = try Pictures(for: document.pages)
        try writePDF(document, to: path, pictures: pictures, settings: settings)
        var written = [path]
        do throws(Diagnostic) {
            for (index, preview) in previews.enumerated() {
                try writePNG(document, sheet: index, to: preview, dpi: 100, pictures: pictures)
                written.append(preview)
            }
        } catch {
            for file in written { unlink(file) }
            throw error
        }
    }

    private func writePDF(_ document: ComposedDocument, to path: String, pictures: Pictures,
                          settings: PDFSettings) throws(Diagnostic) {
        let output = try OutputFile(path)
        let sheets = PrintSheets(document)
        let surface = Surface(pdfInMemorySize: sheets.media)
        if let error = surface.error {
            output.discard()
            throw .error(at: SourceLocation(file: path), "cannot write the PDF: \(error)",
                         hint: "check that the folder accepts new files and the disk is not full")
        }
        setMetadata(surface, document.info, settings)
        let context = DrawingContext(surface)
        for sheet in sheets.sheets {
            drawSheet(sheet, of: sheets, document: document, pictures: pictures, on: context)
            if sheet.index == 0, let headline = document.pages.first?.lines.first(where: { $0.role == .headline }),
               let title = document.info.title, let first = sheet.placements.first {
                // An outline entry for the headline, pointing at its first line.
                let x = first.origin.x + headline.origin.x
                let y = first.origin.y + headline.origin.y - headline.size
                cairo_pdf_surface_add_outline(surface.pointer, CAIRO_PDF_OUTLINE_ROOT, title,
                                              "page=1 pos=[\(formatted(x.value)) \(formatted(y.value))]", CAIRO_PDF_OUTLINE_FLAG_OPEN)
            }
            cairo_show_page(context.pointer)
        }
        cairo_surface_finish(surface.pointer)
        if let error = surface.error {
            output.discard()
            throw .error(at: SourceLocation(file: path), "cannot write the PDF: \(error)",
                         hint: "check that the folder accepts new files and the disk is not full")
        }
        do throws(Diagnostic) {
            if sheets.needsFinishing {
                // PDF boxes count from the bottom of the sheet.
                let boxes = sheets.sheets.map { sheet in
                    let (trim, bleed) = sheets.boxes(of: sheet)
                    func flipped(_ rect: Rect) -> Rect {
                        Rect(x: rect.x, y: sheets.media.height - rect.y - rect.height, width: rect.width, height: rect.height)
                    }
                    return PDFFinish.Boxes(trim: flipped(trim), bleed: flipped(bleed))
                }
                try PDFFinish(boxes: boxes, language: document.info.language, keepsDates: settings.creationDate != nil)
                    .apply(surface.writtenBytes, output: output.temporaryPath, reportedAs: path)
            } else {
                try Self.write(surface.writtenBytes, to: output.temporaryPath, reportedAs: path)
            }
        } catch {
            output.discard()
            throw error
        }
        try output.commit()
    }

    /// Writes bytes to a file, all of them or a diagnostic.
    static func write(_ bytes: [UInt8], to file: String, reportedAs path: String) throws(Diagnostic) {
        guard let stream = fopen(file, "wb") else {
            throw .error(at: SourceLocation(file: path), "cannot write the PDF: \(String(cString: strerror(errno)))",
                         hint: "check that the folder accepts new files and the disk is not full")
        }
        let count = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, stream) }
        guard fclose(stream) == 0, count == bytes.count else {
            throw .error(at: SourceLocation(file: path), "cannot write the PDF: \(String(cString: strerror(errno)))",
                         hint: "check that the folder accepts new files and the disk is not full")
        }
    }

    /// One sheet: its pages at their places, each clipped to its bleed, then the marks.
    private func drawSheet(_ sheet: PrintSheets.Sheet, of sheets: PrintSheets, document: ComposedDocument,
                           pictures: Pictures, on context: DrawingContext) {
        for placement in sheet.placements {
            cairo_save(context.pointer)
            cairo_translate(context.pointer, placement.origin.x.value, placement.origin.y.value)
            // Nothing past the bleed (or the trim, between imposed copies) is printed.
            let visible = Rect(x: -sheets.bleed, y: -sheets.bleed, width: placement.page.size.width + sheets.bleed * 2,
                               height: placement.page.size.height + sheets.bleed * 2)
            context.addRect(visible, radius: .zero)
            cairo_clip(context.pointer)
            draw(placement.page.bleeding(sheets.bleed), pictures: pictures, on: context)
            cairo_restore(context.pointer)
        }
        drawMarks(sheet, of: sheets, info: document.info, layout: document.layoutName, on: context)
    }

    /// Crop marks and the slug line around a page, or cut marks around imposed copies.
    private func drawMarks(_ sheet: PrintSheets.Sheet, of sheets: PrintSheets, info: DocumentInfo, layout: String,
                           on context: DrawingContext) {
        context.setColor(.black)
        let marks = sheets.marks(of: sheet)
        if !marks.isEmpty {
            cairo_set_line_width(context.pointer, 0.3)
            for mark in marks {
                cairo_move_to(context.pointer, mark.from.x.value, mark.from.y.value)
                cairo_line_to(context.pointer, mark.to.x.value, mark.to.y.value)
            }
            cairo_stroke(context.pointer)
        }
        guard sheets.slug, !sheets.imposed, let first = sheet.placements.first else { return }
        let parts = [info.name, layout, info.language, info.date].compactMap { $0 }.filter { !$0.isEmpty }
        let text = parts.joined(separator: "  ·  ") + (sheets.sheets.count > 1 ? "  ·  \(sheet.index + 1)/\(sheets.sheets.count)" : "")
        let slug = TextLayout(self.context, text: StyledText(text), font: FontSpec(family: "Noto Sans", weight: 600, stretch: 75),
                              size: Points(6), letterSpacing: .zero)
        let baseline = first.origin.y + first.page.size.height + sheets.bleed + .mm(6.5)
        cairo_move_to(context.pointer, (first.origin.x + .mm(8)).value, baseline.value)
        pango_cairo_show_layout_line(context.pointer, slug.firstLine)
    }

    /// Writes one sheet as a PNG preview at `dpi` pixels per inch, on white: the page as the
    /// PDF prints it, with its bleed and marks, or the imposed copies.
    public func writePNG(_ document: ComposedDocument, page index: Int = 0, to path: String, dpi: Double = 100) throws(Diagnostic) {
        try writePNG(document, sheet: index, to: path, dpi: dpi, pictures: Pictures(for: document.pages))
    }

    private func writePNG(_ document: ComposedDocument, sheet index: Int, to path: String, dpi: Double,
                          pictures: Pictures) throws(Diagnostic) {
        let output = try OutputFile(path)
        let sheets = PrintSheets(document)
        let scale = dpi / 72
        let surface = try Surface(imageWidth: Int((sheets.media.width.value * scale).rounded()),
                              height: Int((sheets.media.height.value * scale).rounded()))
        let context = DrawingContext(surface)
        cairo_scale(context.pointer, scale, scale)
        context.setColor(.white)
        cairo_paint(context.pointer)
        drawSheet(sheets.sheets[index], of: sheets, document: document, pictures: pictures, on: context)
        try surface.writePNG(to: output)
    }

    private func setMetadata(_ surface: Surface, _ info: DocumentInfo, _ settings: PDFSettings) {
        if let title = info.title { cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_TITLE, title) }
        if let author = info.author { cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_AUTHOR, author) }
        if let subject = info.subject { cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_SUBJECT, subject) }
        if !info.keywords.isEmpty {
            cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_KEYWORDS, info.keywords.joined(separator: ", "))
        }
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATOR, "tract")
        // Without SOURCE_DATE_EPOCH the file carries no date, so that the same input always
        // gives the same bytes: Cairo writes the current time unless given a date, and leaves
        // the date out when the one it is given is not one.
        cairo_pdf_surface_set_metadata(surface.pointer, CAIRO_PDF_METADATA_CREATE_DATE,
                                       settings.creationDate.map(isoDate) ?? "")
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
                context.setColor(shape.color)
                if shape.kind == .disc {
                    let radius = shape.frame.width.value / 2
                    cairo_new_sub_path(context.pointer)
                    cairo_arc(context.pointer, shape.frame.x.value + radius, shape.frame.y.value + radius, radius, 0, 2 * .pi)
                } else {
                    context.addRect(shape.frame, radius: .zero)
                }
                cairo_fill(context.pointer)
            case .text(let line):
                draw(line, on: context)
            case .picture(let picture):
                pictures.draw(picture, on: context)
            }
        }
    }

    private func draw(_ box: PlacedBox, on context: DrawingContext) {
        if let background = box.background {
            context.setColor(background)
            context.addRect(box.frame, radius: box.cornerRadius)
            cairo_fill(context.pointer)
        }
        if let border = box.border {
            context.setColor(border.color)
            cairo_set_line_width(context.pointer, border.width.value)
            // Stroke inside the box's edge, so the border never spills past it.
            let half = border.width / 2
            context.addRect(box.frame.inset(by: Insets(all: half)), radius: box.cornerRadius - half)
            cairo_stroke(context.pointer)
        }
    }

    private func draw(_ line: PlacedText, on context: DrawingContext) {
        // Every line is set at the size texts are measured at and scaled into place: the widths
        // are exactly those composition worked with, and Pango asks fontconfig for one font per
        // face instead of one per face and size.
        let reference = Typesetter.referenceSize
        let scale = line.size / reference
        context.setColor(line.color)
        if let link = line.link {
            // The link's area is the ink drawn until the tag ends: the line's glyphs.
            cairo_tag_begin(context.pointer, CAIRO_TAG_LINK, "uri=" + quotedAttribute(percentEncodedForPDF(link)))
        }
        defer { if line.link != nil { cairo_tag_end(context.pointer, CAIRO_TAG_LINK) } }
        cairo_save(context.pointer)
        cairo_translate(context.pointer, line.origin.x.value, line.origin.y.value)
        cairo_scale(context.pointer, scale, scale)
        cairo_move_to(context.pointer, 0, 0)
        if let source = line.source, let layout = source.glyphs.contents as? ShapedRuns,
           let retained = RetainedLine(layout, range: source.range) {
            // Drawn from the glyphs the paragraph was measured with: no shaping again.
            let hyphen = source.hyphenated ? hyphenLayout(line.font) : nil
            if line.justified {
                let hyphenWidth = hyphen.map { Int(($0.width.value * Double(PANGO_SCALE)).rounded()) } ?? 0
                retained.justify(to: Int((line.width / scale).value * Double(PANGO_SCALE)) - hyphenWidth)
            }
            retained.draw(on: context.pointer)
            if let hyphen { pango_cairo_show_layout_line(context.pointer, hyphen.firstLine) }
        } else {
            let layout = TextLayout(self.context, text: line.text, font: line.font, size: reference,
                                    letterSpacing: line.letterSpacing, direction: line.direction)
            if line.justified { justify(layout, to: line.width / scale) }
            pango_cairo_show_layout_line(context.pointer, layout.firstLine)
        }
        cairo_restore(context.pointer)
    }

    /// Widens or narrows the word spaces of a one-line layout so that it is exactly `width` wide.
    private func justify(_ layout: TextLayout, to width: Points) {
        var runs: [(glyphs: UnsafeMutablePointer<PangoGlyphString>, offset: Int32)] = []
        layout.forEachRun { run in runs.append((run.pointee.glyphs!, run.pointee.item!.pointee.offset)) }
        Justification.spread(Int((width - layout.width).value * Double(PANGO_SCALE)), over: runs, text: layout.utf8)
    }
}
