import Foundation
import Testing

// Every example leaflet in every layout, rendered by `tract batch` as a user runs it: each PDF
// holds every word of its source, in reading order; Arabic is drawn right to left.

/// The example folder, rendered once for all the tests of this file.
private let examples: Result<(folder: TemporaryFolder, files: [String]), any Error> = Result {
    let folder = try TemporaryFolder()
    let result = try run(tractProgram, ["batch", repositoryRoot + "/examples/kazakhstan", "-o", folder.path])
    guard result.status == 0 else { throw PDFTextError("tract batch failed: \(result.stderr)") }
    return (folder, try folder.files(in: "kazakhstan").map { folder.path + "/kazakhstan/" + $0 })
}

/// The sources of the example folder, by language.
private let sources: [String: String] = {
    let folder = repositoryRoot + "/examples/kazakhstan"
    var sources: [String: String] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasSuffix(".md") || name.hasSuffix(".txt") {
        sources[String(name.split(separator: ".")[0])] = folder + "/" + name
    }
    return sources
}()

private let layouts = ["a4-classic", "a4-impact", "a4-photo", "a4-mono", "a5-flyer", "a6-card", "a3-poster", "letter-classic"]

/// The words of a text, for comparing a source with a PDF: letters and digits, lower-cased,
/// without the marks Arabic sets over its letters (which a PDF may order around their letter
/// differently), and with the digits of a number kept together across the spaces that group them.
func readerWords(_ text: String) -> [String] {
    var words: [String] = []
    var word = ""
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        let properties = scalar.properties
        if properties.generalCategory == .nonspacingMark { continue }
        if properties.isAlphabetic || properties.numericType != nil {
            // "2 000" is one number: a space between digits does not end the word.
            if pendingSpace, !(properties.numericType != nil && word.unicodeScalars.last?.properties.numericType != nil) {
                words.append(word)
                word = ""
            }
            pendingSpace = false
            word.unicodeScalars.append(scalar)
        } else if !word.isEmpty {
            if properties.isWhitespace || scalar == "\u{202F}" || scalar == "\u{00A0}" {
                pendingSpace = true
            } else {
                words.append(word)
                word = ""
                pendingSpace = false
            }
        }
    }
    if !word.isEmpty { words.append(word) }
    return words.map { $0.lowercased() }
}

/// The text of a source as a reader sees it: without its front matter and Markdown's marks
/// of emphasis, which may sit inside a word (`و**مجالس**`).
func sourceText(_ path: String) throws -> String {
    var text = try String(contentsOfFile: path, encoding: .utf8)
    guard path.hasSuffix(".md") else { return text }
    if text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) {
        text = String(text[end.upperBound...])
    }
    return text.replacing("*", with: "").replacing("_", with: "")
}

/// The words a PDF shows, in reading order. Left to right, that is the order they are drawn in.
/// Right to left it is read from where they are: a line drawn right to left has its runs drawn
/// from the left (an Arabic run, then a number, then Arabic again), so its glyphs are read from
/// the right, except that a run of digits or Latin letters reads from its left.
///
/// `ignoring` names characters dropped before the words are split: a test that drops them from
/// its source too (Markdown's `*` and `_`) compares words written with them alike.
func pdfWords(_ pdf: String, rightToLeft: Bool = false, ignoring: Set<Character> = []) throws -> [String] {
    let pages = rightToLeft ? try pdfGlyphs(pdf).map { lines(of: $0).map(readFromTheRight).joined(separator: "\n") }
                            : try pdfText(pdf)
    // A line broken inside a word ends with U+2010 (added by the breaker: dropped).
    let text = pages.joined(separator: "\n").replacing("\u{2010}\n", with: "")
        .replacing("\u{FB00}", with: "ff").replacing("\u{FB01}", with: "fi").replacing("\u{FB02}", with: "fl")
    return readerWords(String(text.filter { !ignoring.contains($0) }))
}

/// The words leaflet.yaml adds to a source of a language: the signature and date where the
/// source has none, and the contact line.
private func addedWords(_ language: String, source: String, layout: String) throws -> [String] {
    let manifest = try String(contentsOfFile: repositoryRoot + "/examples/kazakhstan/leaflet.yaml", encoding: .utf8)
    let lines = manifest.split(separator: "\n").map(String.init)
    func value(_ key: String) -> String? {
        // The language's own value, under `languages:`, else the shared one.
        if let section = lines.firstIndex(of: "  \(language):") {
            for line in lines[(section + 1)...] {
                guard line.hasPrefix("    ") else { break }
                if line.hasPrefix("    \(key): ") { return String(line.dropFirst(6 + key.count)) }
            }
        }
        return lines.first { $0.hasPrefix("\(key): ") }.map { String($0.dropFirst(2 + key.count)) }
    }
    let ownSignature = source.hasSuffix(".txt")  // the seed ends with its signature and date
    let keys = (ownSignature ? ["contact"] : ["organisation", "date", "contact"])
        // The photo's credit, only where the photo is shown.
        + (layout == "a4-photo" ? ["credit"] : [])
    return keys.compactMap(value).flatMap(readerWords)
}

@Test("the example folder renders every language in every layout")
func everyLanguageEveryLayout() throws {
    let files = try examples.get().files
    let expected = sources.keys.flatMap { language in layouts.map { "kazakhstan-\(language)-\($0).pdf" } }.sorted()
    #expect(files.map { String($0.split(separator: "/").last!) } == expected)
    #expect(sources.count == 8, "fr, en, es, de, ru, kk, ar, uk: \(sources.keys.sorted())")
}

@Test("every example PDF holds every word of its source, in reading order", arguments: layouts)
func everyWordInOrder(_ layout: String) throws {
    let folder = try examples.get().folder
    for (language, source) in sources.sorted(by: { $0.key < $1.key }) {
        let pdf = folder.path + "/kazakhstan/kazakhstan-\(language)-\(layout).pdf"
        let expected = readerWords(try sourceText(source))
        let shown = try pdfWords(pdf, rightToLeft: language == "ar")
        var position = 0
        var missing: [String] = []
        for word in expected {
            if let found = shown[position...].firstIndex(of: word) { position = found + 1 } else { missing.append(word) }
        }
        #expect(missing.isEmpty, "\(language) in \(layout): missing or out of order: \(missing.prefix(6)) of \(expected.count)")
        // What the PDF adds to the source is what leaflet.yaml gives, and nothing else.
        let added = try addedWords(language, source: source, layout: layout)
        #expect(shown.count == expected.count + added.count,
                "\(language) in \(layout): \(shown.count) words shown, \(expected.count) in the source and \(added.count) added")
    }
}

/// The glyphs of a page in lines: glyphs on one baseline, in the order they are drawn. A mark
/// (an Arabic vowel sign) is placed above or below its letter, so it stays with its line.
func lines(of glyphs: [PDFGlyph]) -> [[PDFGlyph]] {
    var lines: [[PDFGlyph]] = []
    for glyph in glyphs {
        let isMark = glyph.text.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark }
        if isMark { continue }
        if let last = lines.last?.last, abs(last.y - glyph.y) < 0.5 {
            lines[lines.count - 1].append(glyph)
        } else {
            lines.append([glyph])
        }
    }
    return lines
}

/// The text of a line set right to left, read from its glyphs' places: from the right, with each
/// run of left-to-right glyphs (digits, Latin letters and the punctuation between them) read
/// from its left.
func readFromTheRight(_ line: [PDFGlyph]) -> String {
    // From the right. Glyphs drawn one after the other at one place (a ligature's parts,
    // whose places may differ by a rounding error) are read as one, in the order drawn.
    var places: [PDFGlyph] = []
    for glyph in line {
        if let last = places.last, abs(last.x - glyph.x) < 0.05 {
            places[places.count - 1] = PDFGlyph(text: last.text + glyph.text, x: last.x, y: last.y)
        } else {
            places.append(glyph)
        }
    }
    let glyphs = places.enumerated().sorted { ($0.element.x, $1.offset) > ($1.element.x, $0.offset) }.map(\.element.text)
    func isLeftToRight(_ text: String) -> Bool {
        // Digits of any script are laid out left to right inside Arabic text, as Latin letters are.
        text.unicodeScalars.allSatisfy { ($0.isASCII && $0.properties.isAlphabetic) || $0.properties.numericType != nil }
    }
    var ltr = glyphs.map(isLeftToRight)
    for index in glyphs.indices.dropFirst().dropLast() where !ltr[index] && ".@-/:,".contains(glyphs[index]) {
        ltr[index] = ltr[index - 1] && isLeftToRight(glyphs[index + 1])
    }
    var text = ""
    var run: [String] = []
    for (glyph, leftToRight) in zip(glyphs, ltr) {
        if leftToRight {
            run.append(glyph)
        } else {
            text += run.reversed().joined() + glyph
            run = []
        }
    }
    return text + run.reversed().joined()
}

private func isArabicLetter(_ glyph: PDFGlyph) -> Bool {
    glyph.text.unicodeScalars.contains { (0x0621...0x064A).contains($0.value) }
}

@Test("Arabic words are drawn from the right, numbers inside them from the left", arguments: layouts)
func arabicDrawnRightToLeft(_ layout: String) throws {
    let folder = try examples.get().folder
    let pdf = folder.path + "/kazakhstan/kazakhstan-ar-\(layout).pdf"
    let source = readerWords(try sourceText(sources["ar"]!))
    // Read from the right, the PDF gives the source's words in order (the test above); read
    // from the left, as if it were drawn left to right, it does not.
    let fromTheLeft = readerWords(try pdfGlyphs(pdf).flatMap { lines(of: $0) }
        .map { $0.sorted { $0.x < $1.x }.map(\.text).joined() }.joined(separator: "\n"))
    #expect(Array(fromTheLeft.prefix(3)) != Array(source.prefix(3)), "\(layout): \(fromTheLeft.prefix(3))")
    // The year in `يناير 2022` reads 2022, on the left of the month.
    let dateLine = try #require(try pdfGlyphs(pdf).flatMap { lines(of: $0) }.first { readFromTheRight($0) == "يناير 2022" },
                                "\(layout): no line reads 'يناير 2022'")
    let digits = dateLine.filter { $0.text.first?.isNumber == true }
    #expect(digits.map(\.text).joined() == "2022")
    #expect(zip(digits, digits.dropFirst()).allSatisfy { $0.x < $1.x })
    #expect(digits.map(\.x).max()! < dateLine.filter(isArabicLetter).map(\.x).min()!)
}

@Test("Arabic lines start at the right edge of their column, and a sentence's ! ends on the left")
func arabicAlignedRight() throws {
    let folder = try examples.get().folder
    let page = try pdfGlyphs(folder.path + "/kazakhstan/kazakhstan-ar-a4-classic.pdf")[0]
    let all = lines(of: page)
    // The headline, `لا لقمع الشعب!`: its first glyph (لا) is its rightmost, its `!` its leftmost.
    let headline = try #require(all.first)
    #expect(headline.map(\.text).joined() == "لا لقمع الشعب!")
    #expect(headline.first!.x == headline.map(\.x).max())
    #expect(headline.last!.text == "!" && headline.last!.x == headline.map(\.x).min())
    // The body's lines in the right column (read first) start near that column's right edge.
    let body = all.filter { $0.count > 20 && $0.first!.y > 280 && $0.first!.y < 560 }
    let starts = body.map { $0.map(\.x).max()! }
    let rightEdge = try #require(starts.max())
    #expect(rightEdge > 500, "the first column is on the right: lines start at x ≈ \(rightEdge)")
    #expect(body.first.map { $0.map(\.x).max()! > 500 } == true, "the first body line is in the right column")
}




@Test("every example PDF passes qpdf --check and renders with Ghostscript without a word on stderr")
func everyExampleIsAValidPDF() throws {
    let files = try examples.get().files.filter { $0.hasSuffix(".pdf") }
    #expect(files.count == 64)
    for file in files {
        let check = try run("qpdf", ["--check", file])
        #expect(check.status == 0 && check.stdout.contains("No syntax or stream encoding errors"), "\(file): \(check.stdout)")
    }
    let ghostscript = try run("gs", ["-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=nullpage"] + files)
    #expect(ghostscript.status == 0)
    #expect(ghostscript.stdout.isEmpty && ghostscript.stderr.isEmpty, "\(ghostscript.stdout)\(ghostscript.stderr)")
}
