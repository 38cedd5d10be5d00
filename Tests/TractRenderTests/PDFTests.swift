import Foundation
import Testing
import Tract
import TractCompose
import TractCore
import TractLayouts
import TractRender

// The real PDF of the reference leaflet, checked with poppler's tools.

/// Renders the reference leaflet once for all the tests of this file.
private let renderedSeed: Result<(folder: TemporaryFolder, pdf: String), any Error> = Result {
    let folder = try TemporaryFolder()
    let source = try folder.write(seedText(), to: "fr.txt")
    let engine = try Engine()
    let (document, _) = try engine.compose(source, layout: classicLayout)
    let pdf = folder.path + "/seed.pdf"
    try engine.typesetter.writePDF(document, to: pdf, settings: PDFSettings(creationDate: 1_641_081_600))
    return (folder, pdf)
}

private func seedPDF() throws -> String { try renderedSeed.get().pdf }

/// `pdfinfo`'s answers as a dictionary.
private func pdfInfo(_ pdf: String) throws -> [String: String] {
    let result = try run("pdfinfo", [pdf])
    var info: [String: String] = [:]
    for line in result.stdout.split(separator: "\n") {
        guard let colon = line.firstIndex(of: ":") else { continue }
        info[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return info
}

/// The words of a text, split at every kind of space.
private func words(_ text: String) -> [String] {
    text.split { $0.isWhitespace }.map(String.init)
}

@Test("the PDF has one A4 page and says what it is")
func pageAndMetadata() throws {
    let info = try pdfInfo(seedPDF())
    #expect(info["Pages"] == "1")
    #expect(info["Page size"]?.hasPrefix("595.276 x 841.89 pts (A4)") == true)
    #expect(info["Title"] == "Non à la répression du peuple\u{202F}!")
    #expect(info["Author"] == "Ligue socialiste internationale")
    #expect(info["Creator"] == "tract")
    // SOURCE_DATE_EPOCH 1641081600 is 2022-01-02 00:00:00 UTC.
    #expect(info["CreationDate"]?.contains("Jan  2 00:00:00 2022") == true, "\(info["CreationDate"] ?? "")")
}

@Test("SOURCE_DATE_EPOCH sets the creation date of a rendered file")
func sourceDateEpoch() throws {
    let folder = try TemporaryFolder()
    let source = try folder.write(seedText(), to: "fr.txt")
    let result = try run(tractProgram, ["render", source, "-o", folder.path + "/a.pdf"], environment: ["SOURCE_DATE_EPOCH": "86400"])
    #expect(result.status == 0)
    #expect(try pdfInfo(folder.path + "/a.pdf")["CreationDate"]?.contains("Jan  2 00:00:00 1970") == true)
}

@Test("every font is embedded and subset")
func fontsEmbedded() throws {
    let result = try run("pdffonts", [seedPDF()])
    let rows = result.stdout.split(separator: "\n").dropFirst(2)
    #expect(rows.count >= 3)
    for row in rows {
        let columns = row.split(separator: " ")
        // name type... encoding emb sub uni object-id gen: emb and sub are the 5th and 4th from the end.
        #expect(columns[columns.count - 5] == "yes" && columns[columns.count - 4] == "yes", "\(row)")
        #expect(row.contains("Noto"), "only bundled fonts: \(row)")
    }
}

@Test("every word of the source is in the PDF text, in order, once hyphens are joined")
func everyWordPresent() throws {
    let text = try run("pdftotext", [try seedPDF(), "-"]).stdout
    #expect(!text.contains("\u{AD}"), "soft hyphens must not reach the text layer")
    // A line ending in U+2010 was hyphenated by tract: join the halves without the hyphen.
    // A line ending in a hard hyphen (`qui-`) keeps it.
    let joined = text.replacing("\u{2010}\n", with: "").replacing("-\n", with: "-")
    let pdfWords = words(joined)
    let sourceWords = words(try seedText()).map { word in
        // The bullets are drawn, not written; the headline is set in capitals.
        word
    }.filter { $0 != "-" }
    var position = 0
    var missing: [String] = []
    for word in sourceWords {
        if let found = pdfWords[position...].firstIndex(where: { $0.lowercased() == word.lowercased() }) {
            position = found + 1
        } else {
            missing.append(word)
        }
    }
    #expect(missing.isEmpty, "missing or out of order: \(missing.prefix(10))")
    #expect(pdfWords.count == sourceWords.count, "the PDF has \(pdfWords.count) words, the source \(sourceWords.count)")
}

@Test("`2 000` is never split across lines and no line starts with `!`, `:` or `»`")
func nothingDangles() throws {
    let text = try run("pdftotext", [try seedPDF(), "-"]).stdout
    let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(lines.contains { $0.contains("2 000") }, "the digit group stays on one line")
    for line in lines where !line.isEmpty {
        #expect(!["!", ":", "»", "?", ";"].contains(line.first!), "line starts with punctuation: \(line)")
        #expect(!line.hasSuffix("«"), "line ends with an opening quote: \(line)")
    }
    #expect(!lines.contains { $0.hasSuffix(" 2") }, "a number is never left at the end of a line: `2 janvier`")
}

@Test("a narrow no-break space (U+202F) sits before each `!` and inside the guillemets, and `2 000` is one group")
func narrowSpacesInThePDF() throws {
    let text = try pdfText(try seedPDF()).joined(separator: "\n")
    let source = try seedText()
    let exclamations = source.filter { $0 == "!" }.count
    #expect(exclamations == 13)
    #expect(text.components(separatedBy: "\u{202F}!").count - 1 == exclamations)
    #expect(!text.contains(" !") && !text.contains("\u{00A0}!"))
    #expect(text.contains("«\u{202F}antiterroristes\u{202F}»"))
    #expect(text.contains("2\u{202F}000"))
    #expect(text.contains("exige\u{00A0}:"))
}
