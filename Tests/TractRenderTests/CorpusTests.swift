import Foundation
import Testing
import Tract

// The fill corpus (corpus/: leaflets of 50 to 900 words in seven languages) in every shipped
// layout, as `tract batch` renders it: every PDF holds every word of its source in reading
// order, a text too long for a layout fails with an answer, and the fill measure holds on a few
// renders.

/// The corpus, rendered once for all the tests of this file; the batch may fail (a text too
/// long for a small layout), so its status is kept, not required.
private let corpus: Result<(folder: TemporaryFolder, result: CommandResult), any Error> = Result {
    let folder = try TemporaryFolder()
    let leaflets = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/corpus").sorted()
        .filter { !$0.hasSuffix(".md") }.map { repositoryRoot + "/corpus/" + $0 }
    let result = try run(tractProgram, ["batch"] + leaflets + ["-o", folder.path])
    return (folder, result)
}

/// The source of a corpus leaflet: its one `.txt` or `.md` file.
private func source(of leaflet: String) throws -> (path: String, language: String) {
    let folder = repositoryRoot + "/corpus/" + leaflet
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasSuffix(".txt") || $0.hasSuffix(".md") })
    return (folder + "/" + name, String(name.split(separator: ".")[0]))
}

private let leaflets: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/corpus")) ?? [])
    .filter { !$0.hasSuffix(".md") }.sorted()

@Test("the corpus holds at least 14 leaflets from 50 to 900 words, in five languages or more with Arabic and Kazakh")
func corpusShape() throws {
    let languages = Set(try leaflets.map { try source(of: $0).language })
    #expect(leaflets.count >= 14)
    #expect(languages.count >= 5 && languages.contains("ar") && languages.contains("kk"))
    let counts = try leaflets.map { try String(contentsOfFile: source(of: $0).path, encoding: .utf8).split { $0 == " " || $0 == "\n" }.count }
    #expect(counts.min()! <= 60 && counts.max()! >= 850)
}

@Test("every corpus PDF holds every word of its source, in reading order", arguments: leaflets)
func corpusWordsInOrder(_ leaflet: String) throws {
    let (folder, _) = try corpus.get()
    let (path, language) = try source(of: leaflet)
    let expected = readerWords(try sourceText(path))
    let pdfs = try folder.files(in: leaflet).filter { $0.hasSuffix(".pdf") }
    #expect(pdfs.count >= 5, "\(leaflet): \(pdfs)")
    for pdf in pdfs {
        let shown = try pdfWords(folder.path + "/" + leaflet + "/" + pdf, rightToLeft: language == "ar")
        var position = 0
        var missing: [String] = []
        for word in expected {
            if let found = shown[position...].firstIndex(of: word) { position = found + 1 } else { missing.append(word) }
        }
        #expect(missing.isEmpty, "\(pdf): missing or out of order: \(missing.prefix(6)) of \(expected.count)")
    }
}

@Test("a layout the corpus is too long for fails that job alone, naming the layouts that would take it, and leaves no file")
func tooLongSaysWhatFits() throws {
    let (folder, result) = try corpus.get()
    for line in result.stderr.split(separator: "\n") where line.contains("does not fit") {
        #expect(line.contains("minimum size"))
    }
    #expect(result.stderr.contains("it fits these shipped layouts:") || !result.stderr.contains("does not fit"))
    // The 900-word German statement is too long for an A5 flyer, and fits A4.
    let render = try run(tractProgram, ["render", repositoryRoot + "/corpus/statement-900/de.md", "--layout", "a5-flyer",
                                        "-o", folder.path + "/long.pdf"])
    #expect(render.status == 1)
    #expect(render.stderr.contains("error: the text does not fit the page even with the body at its minimum size"))
    #expect(render.stderr.contains("hint: it fits these shipped layouts:") && render.stderr.contains("a4-classic"))
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/long.pdf"))
}

/// The largest empty area of each page of a PDF, as `make fill` measures it.
private func emptyAreas(_ pdf: String, in folder: TemporaryFolder) throws -> [Double] {
    let prefix = folder.path + "/measure-" + String(pdf.split(separator: "/").last ?? "page")
    let result = try run("pdftoppm", ["-gray", "-r", "40", pdf, prefix])
    #expect(result.status == 0)
    return try (1...2).compactMap { page in
        guard let data = FileManager.default.contents(atPath: "\(prefix)-\(page).pgm") else { return nil }
        try FileManager.default.removeItem(atPath: "\(prefix)-\(page).pgm")
        let image = try #require(GreyImage(pgm: Array(data)))
        return EmptyArea(grey: image.pixels, width: image.width, height: image.height).share
    }
}

@Test("short and long texts fill their A4 page: no empty area over 12 % of it",
      arguments: ["strike-100", "petition-150", "housing-250", "statement-400", "war-900"])
func corpusFillsA4(_ leaflet: String) throws {
    let (folder, _) = try corpus.get()
    let language = try source(of: leaflet).language
    let areas = try emptyAreas(folder.path + "/\(leaflet)/\(leaflet)-\(language)-a4-classic.pdf", in: folder)
    #expect(areas.count == 1)
    #expect(areas.allSatisfy { $0 <= 0.12 }, "\(leaflet): \(areas)")
}

@Test("the reference leaflet in a4-classic is no emptier than 10.5 %")
func referenceFill() throws {
    let folder = try TemporaryFolder()
    let render = try run(tractProgram, ["render", repositoryRoot + "/examples/kazakhstan/fr.txt", "-o", folder.path + "/fr.pdf"])
    #expect(render.status == 0)
    let areas = try emptyAreas(folder.path + "/fr.pdf", in: folder)
    #expect(areas.count == 1 && areas[0] <= 0.105, "\(areas)")
}
