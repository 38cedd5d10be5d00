import TractCompose
import TractCore
import TractDrawing
import TractShaping

#if canImport(Glibc)
import Glibc
#endif

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
                try writePNG(drawImage(document, sheet: index, dpi: 100, pictures: pictures), to: preview)
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
        do throws(Diagnostic) {
            let bytes = try drawPDF(document, sheets: sheets, pictures: pictures, settings: settings, for: path)
            // A plain render is not rewritten: its language goes in as an incremental update.
            // qpdf finishes a print PDF, and a plain one whose update could not be made.
            if let plain = sheets.needsFinishing ? nil : Self.plainFile(bytes, language: document.info.language) {
                try Self.write(plain, to: output.temporaryPath, reportedAs: path)
            } else {
                // PDF boxes count from the bottom of the sheet.
                let boxes = sheets.sheets.map { sheet in
                    let (trim, bleed) = sheets.boxes(of: sheet)
                    func flipped(_ rect: Rect) -> Rect {
                        Rect(x: rect.x, y: sheets.media.height - rect.y - rect.height, width: rect.width, height: rect.height)
                    }
                    return PDFFinish.Boxes(trim: flipped(trim), bleed: flipped(bleed))
                }
                try PDFFinish(boxes: boxes, language: document.info.language, keepsDates: settings.creationDate != nil)
                    .apply(bytes, output: output.temporaryPath, reportedAs: path)
            }
        } catch {
            output.discard()
            throw error
        }
        try output.commit()
    }

    /// Cairo's bytes as written, with the language added when there is one; nil when it cannot
    /// be added without a rewrite.
    private static func plainFile(_ bytes: [UInt8], language: String?) -> [UInt8]? {
        guard let language else { return bytes }
        return PDFLanguage.adding(language, to: bytes)
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

    /// Writes one sheet as a PNG preview at `dpi` pixels per inch, on white: the page as the
    /// PDF prints it, with its bleed and marks, or the imposed copies.
    public func writePNG(_ document: ComposedDocument, page index: Int = 0, to path: String, dpi: Double = 100) throws(Diagnostic) {
        try writePNG(drawImage(document, sheet: index, dpi: dpi, pictures: Pictures(for: document.pages)), to: path)
    }

    /// Writes one PNG with every entry's pages side by side, each page scaled to `pageHeight`
    /// points and captioned, on a light grey ground.
    public func writeContactSheet(_ entries: [ContactSheetEntry], to path: String, pageHeight: Points = Points(300),
                                  dpi: Double = 96) throws(Diagnostic) {
        try writePNG(drawContactSheet(entries, pageHeight: pageHeight, dpi: dpi), to: path)
    }

    /// Writes an image as a PNG under a temporary name, then moves it into place.
    private func writePNG(_ image: Surface, to path: String) throws(Diagnostic) {
        let output = try OutputFile(path)
        if let error = image.writePNG(to: output.temporaryPath) {
            output.discard()
            throw .error(at: SourceLocation(file: path), "cannot write the PNG: \(error)",
                         hint: "check that the folder accepts new files and the disk is not full")
        }
        try output.commit()
    }
}
