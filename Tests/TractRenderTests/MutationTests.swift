import Foundation
import Testing

// Sources and layouts changed at random, from fixed seeds, rendered by the real program with
// a time limit each: none may crash it, hang it, leave a PDF from a failed render, or exit 0
// with a word of its source missing.

/// The sources mutations start from: every language of the examples and of the fill corpus.
private let baseSources: [String] = {
    var paths: [String] = []
    for folder in ["examples", "corpus"] {
        let root = repositoryRoot + "/" + folder
        for leaflet in (try? FileManager.default.contentsOfDirectory(atPath: root))?.sorted() ?? [] {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + leaflet))?.sorted() ?? []
            paths += files.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.map { root + "/" + leaflet + "/" + $0 }
        }
    }
    return paths
}()

/// The shipped layouts, by name, and their texts.
private let baseLayouts: [(name: String, text: String)] = {
    let folder = repositoryRoot + "/layouts"
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    return names.map { (String($0.dropLast(5)), (try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) ?? "") }
}()

/// A source's text as its PDF shows it: without the invisible characters a mutant may put
/// inside a word (a soft hyphen, a joiner, a zero-width space), ligatures as letters.
private func printable(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
        if !scalar.properties.isDefaultIgnorableCodePoint { result.append(scalar) }
    }
    return String(result).replacing("\u{FB00}", with: "ff").replacing("\u{FB01}", with: "fi").replacing("\u{FB02}", with: "fl")
}

/// A letter of the words that the PDF shows fewer times than they hold it, if any.
private func missingLetter(_ words: [String], pdf: String, rightToLeft: Bool, markdown: Bool) throws -> Character? {
    // The words are lower-cased; a capital ß is SS.
    func letters(_ words: [String]) -> [Character: Int] {
        Dictionary(words.joined().replacing("ß", with: "ss").replacing("ς", with: "σ").map { ($0, 1) }, uniquingKeysWith: +)
    }
    let shown = letters(try pdfWords(pdf, rightToLeft: rightToLeft, ignoring: markdown ? ["*", "_"] : []))
    return letters(words).first { letter, count in (shown[letter] ?? 0) < count }?.key
}

/// What went wrong with one mutant, in words; nil when it was rendered whole or refused cleanly.
private func problem(with result: CommandResult, source: String, pdf: String) -> String? {
    if result.status == 124 { return "hang" }
    if result.status >= 128 || showsACrash(result.stderr) { return "crash (status \(result.status)): \(result.stderr.prefix(300))" }
    let written = FileManager.default.fileExists(atPath: pdf)
    guard result.status == 0 else {
        if written { return "a failed render left a PDF" }
        return result.stderr.contains("error: ") ? nil : "a failure with no error: \(result.stderr.prefix(300))"
    }
    guard written else { return "exit 0 and no PDF" }
    do {
        // Counted, not followed in order: a mutant may put its headline after the body, and
        // the page still shows the headline first.
        let markdown = source.hasSuffix(".md")
        var text = try sourceText(source)
        // Inline HTML is markup, which a leaflet does not print.
        if markdown { text = text.replacing(#/<[^<>\n]*>/#, with: "") }
        let expected = readerWords(printable(text))
        let rightToLeft = source.hasSuffix("ar.md") || source.hasSuffix("ar.txt")
        var shown = Dictionary(try pdfWords(pdf, rightToLeft: rightToLeft, ignoring: markdown ? ["*", "_"] : []).map { ($0, 1) },
                               uniquingKeysWith: +)
        for word in expected {
            guard let count = shown[word], count > 0 else {
                // A word may be cut where a mutant put a zero-width space, or shown in another
                // order where it mixes scripts: then every letter must still be there.
                if let letter = try missingLetter(expected, pdf: pdf, rightToLeft: rightToLeft, markdown: markdown) {
                    return "exit 0 without the word '\(word)' (its letter '\(letter)' is missing)"
                }
                return nil
            }
            shown[word] = count - 1
        }
        return nil
    } catch {
        return "the PDF cannot be read: \(error)"
    }
}

/// The program the mutants go through: `TRACT_PROGRAM` (a release build, for a long run), else
/// the one built beside the tests.
private let mutantProgram = ProcessInfo.processInfo.environment["TRACT_PROGRAM"] ?? tractProgram

/// Copies what a mutant that went wrong was made of into `TRACT_MUTANTS_KEEP`, when it is set,
/// to look at afterwards.
private func keep(_ files: [String], as name: String) {
    guard let folder = ProcessInfo.processInfo.environment["TRACT_MUTANTS_KEEP"] else { return }
    try? FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
    for file in files { try? FileManager.default.copyItem(atPath: file, toPath: folder + "/" + name + "/" + String(file.split(separator: "/").last!)) }
}

/// Renders the `index`th mutated source, in one of the shipped layouts.
private func mutatedSource(_ index: Int, in folder: TemporaryFolder) throws -> String? {
    var random = SeededRandom(seed: UInt64(index) &* 7919 &+ 17)
    let base = baseSources[index % baseSources.count]
    let text = try String(contentsOfFile: base, encoding: .utf8)
    let mutant = Mutator.mutate(text, steps: Int.random(in: 1...4, using: &random), using: &random)
    let name = "m\(index)-" + String(base.split(separator: "/").last!)
    try FileManager.default.createDirectory(atPath: folder.path + "/m\(index)", withIntermediateDirectories: true)
    let source = try folder.write(mutant, to: "m\(index)/" + String(base.split(separator: "/").last!))
    let pdf = folder.path + "/\(name).pdf"
    let layout = baseLayouts[index % baseLayouts.count].name
    let result = try run("/usr/bin/timeout", ["30", mutantProgram, "render", source, "--layout", layout, "-o", pdf])
    guard let found = problem(with: result, source: source, pdf: pdf) else { return nil }
    keep([source, pdf], as: "source-\(index)")
    return "source \(index) (\(base) in \(layout)): \(found)"
}

/// Renders a source in the `index`th mutated layout.
private func mutatedLayout(_ index: Int, in folder: TemporaryFolder) throws -> String? {
    var random = SeededRandom(seed: UInt64(index) &* 104_729 &+ 3)
    let base = baseLayouts[index % baseLayouts.count]
    let mutant = Mutator.mutate(base.text, steps: Int.random(in: 1...3, using: &random), using: &random)
    let layout = try folder.write(mutant, to: "layout-\(index).yaml")
    let source = repositoryRoot + (index % 4 == 3 ? "/examples/kazakhstan/ar.md" : "/examples/kazakhstan/fr.txt")
    let pdf = folder.path + "/layout-\(index).pdf"
    let result = try run("/usr/bin/timeout", ["30", mutantProgram, "render", source, "--layout", layout, "-o", pdf])
    guard let found = problem(with: result, source: source, pdf: pdf) else { return nil }
    keep([layout, pdf], as: "layout-\(index)")
    return "layout \(index) (from \(base.name)): \(found)"
}

@Suite struct MutationTests {
    /// The mutants of one share of the run: 8 shares of 20 sources and 10 layouts.
    @Test(arguments: 0..<8)
    func mutantsNeverCrashHangOrLoseText(share: Int) throws {
        let folder = try TemporaryFolder()
        var problems: [String] = []
        for index in stride(from: share, to: 160, by: 8) { if let found = try mutatedSource(index, in: folder) { problems.append(found) } }
        for index in stride(from: share, to: 80, by: 8) { if let found = try mutatedLayout(index, in: folder) { problems.append(found) } }
        #expect(problems.isEmpty, "\(problems.count) mutants went wrong:\n\(problems.prefix(10).joined(separator: "\n"))")
    }

    /// The long run, `make mutate`: TRACT_MUTATIONS=SOURCES,LAYOUTS mutants in four shares,
    /// each printing what went wrong and its counts.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TRACT_MUTATIONS"] != nil), arguments: 0..<4)
    func longRun(share: Int) throws {
        let counts = (ProcessInfo.processInfo.environment["TRACT_MUTATIONS"] ?? "").split(separator: ",").compactMap { Int($0) }
        let (sources, layouts) = (counts.first ?? 0, counts.dropFirst().first ?? 0)
        var problems: [String] = []
        var rendered = 0
        for index in stride(from: share, to: sources, by: 4) {
            let folder = try TemporaryFolder()
            if let found = try mutatedSource(index, in: folder) { problems.append(found) }
            rendered += 1
        }
        for index in stride(from: share, to: layouts, by: 4) {
            let folder = try TemporaryFolder()
            if let found = try mutatedLayout(index, in: folder) { problems.append(found) }
            rendered += 1
        }
        print("mutation run, share \(share + 1) of 4: \(rendered) mutants, \(problems.count) went wrong")
        for found in problems { print(found) }
        #expect(problems.isEmpty)
    }
}
