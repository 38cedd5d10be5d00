import Foundation
import Testing
import Tract
import TractCompose
import TractCore
import TractLayouts
import TractRender

/// A composed document holds the glyphs its lines were measured with, so any typesetter draws
/// it, and draws it the same.
@Suite struct StandaloneDocumentTests {
    let settings = PDFSettings(creationDate: 1_700_000_000)

    @Test func aSecondEngineDrawsTheSameBytes() throws {
        let folder = try TemporaryFolder()
        let first = try Engine()
        let (document, _) = try first.compose(repositoryRoot + "/examples/kazakhstan/fr.txt", layout: classicLayout)
        let lines = document.pages.flatMap(\.lines)
        #expect(lines.contains { $0.source != nil }, "the lines carry their glyphs")
        let written = folder.path + "/first.pdf"
        try first.typesetter.writePDF(document, to: written, settings: settings)

        // The second engine has shaped other texts of its own first: what it draws of the first
        // engine's document must still be the first engine's glyphs.
        let second = try Engine()
        let other = try LayoutLibrary.load("a5-flyer")
        _ = try second.compose(repositoryRoot + "/examples/kazakhstan/en.md", layout: other)
        _ = try second.compose(repositoryRoot + "/examples/kazakhstan/ru.md", layout: classicLayout)
        let redrawn = folder.path + "/second.pdf"
        try second.typesetter.writePDF(document, to: redrawn, settings: settings)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: written))
        #expect(bytes.count > 10_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: redrawn)) == bytes)
    }

    @Test func theDocumentOutlivesItsEngine() throws {
        let folder = try TemporaryFolder()
        var document: ComposedDocument?
        do {
            let engine = try Engine()
            document = try engine.compose(repositoryRoot + "/examples/kazakhstan/fr.txt", layout: classicLayout).document
        }
        let path = folder.path + "/later.pdf"
        try Engine().typesetter.writePDF(try #require(document), to: path, settings: settings)
        let text = try run("/usr/bin/pdftotext", [path, "-"]).stdout
        #expect(text.contains("Kazakhstan"))
    }
}
