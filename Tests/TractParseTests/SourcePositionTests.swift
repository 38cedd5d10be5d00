import Foundation
import Testing
@testable import TractParse
import TractCore

// Each character of a block knows where it was written: past the markup of Markdown and the
// line breaks of a hard-wrapped paragraph, so that a warning points at the right line:col.

/// The line and column where `needle` first appears in `text`, counted in characters from 1.
private func place(of needle: String, in text: String) throws -> SourcePosition {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (number, line) in lines.enumerated() {
        if let range = line.range(of: needle) {
            return SourcePosition(line: number + 1, column: line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1)
        }
    }
    throw CancellationError()
}

/// Where the block holding `needle` says its first character was written.
private func reported(_ needle: String, in parsed: ParsedSource) throws -> SourcePosition? {
    for item in parsed.recognized {
        let text = item.block.text.string
        guard let range = text.range(of: needle) else { continue }
        let index = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
        let location = item.block.location(ofCharacter: index)
        return location.line.flatMap { line in location.column.map { SourcePosition(line: line, column: $0) } }
    }
    return nil
}

private let wrappedMarkdown = """
    ---
    lang: fr
    signature: Le collectif
    ---
    # Titre du tract

    Un paragraphe écrit sur deux lignes, avec **des mots en gras** au milieu,
    qui se poursuit ici : A bas la hausse des prix, et *tout ça* pour rien.

    - une demande avec **du gras** : A bas les loyers &amp; les charges ; enfin
    """

@Test("in Markdown, a character keeps its line and column past the markup and the line break before it",
      arguments: ["A bas la hausse", "tout ça", "pour rien", "A bas les loyers", "les charges", "enfin", "Titre", "Le collectif"])
func markdownPositions(needle: String) throws {
    let parsed = try ParsedSource.parse(SourceFile(path: "fr.md", text: wrappedMarkdown, format: .markdown))
    #expect(try reported(needle, in: parsed) == place(of: needle, in: wrappedMarkdown))
}

private let wrappedPlainText = """
    Titre du tract

    Un paragraphe écrit au kilomètre puis coupé à la main pour tenir dans
    un courriel,   avec des espaces en trop et un A bas au milieu de la ligne.

    - une demande : A bas la guerre
    """

@Test("in plain text, a hard-wrapped paragraph's characters keep their own lines, and runs of spaces count",
      arguments: ["A bas au milieu", "un courriel", "avec des", "A bas la guerre"])
func plainTextPositions(needle: String) throws {
    let parsed = try ParsedSource.parse(SourceFile(path: "fr.txt", text: wrappedPlainText))
    #expect(parsed.recognized.count == 3)
    #expect(try reported(needle, in: parsed) == place(of: needle, in: wrappedPlainText))
}

@Test("every character of every example and corpus source is found where it was written")
func everyCharacterOfTheSources() throws {
    let root = repositoryRoot
    let folders = try ["examples", "corpus"].flatMap { top in
        try FileManager.default.contentsOfDirectory(atPath: root + "/" + top).map { root + "/" + top + "/" + $0 }
    }
    var checked = 0
    for folder in folders {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
        for file in files where file.hasSuffix(".txt") || file.hasSuffix(".md") {
            let source = try SourceFile.read(folder + "/" + file)
            let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
            let parsed = try ParsedSource.parse(source)
            for item in parsed.recognized {
                let block = item.block
                #expect(block.positions.count == block.text.count)
                for (scalar, position) in zip(block.text.scalars, block.positions) where !scalar.properties.isWhitespace {
                    let line = lines[position.line - 1]
                    // An entity or an escape stands where the character does not; the sources have none.
                    #expect(line.indices.contains(position.column - 1) && line[position.column - 1] == scalar,
                            "\(file) \(position.line):\(position.column) should hold '\(scalar)'")
                    checked += 1
                }
            }
        }
    }
    #expect(checked > 10_000)
}
