// The typography benchmark, `tract-bench typography [--family NAME] [--reference]`: the
// reference leaflet and the fill corpus set in one justified column at every even width from 40
// to 90 mm, body 9.5 pt, with the line breaker's expansion, tracking, protrusion and emergency
// stretch off (before) and on (after). The gaps between words are read back from the PDF with
// `pdftotext -bbox`, as a reader sees them. Run with `make typography`.
import Tract
import TractCompose
import TractCore
import TractLayouts
import TractParse
import TractRender

#if canImport(Glibc)
import Glibc
#endif

/// One leaflet to set: its parsed source and its language.
private struct TypographyText {
    var name: String
    var parsed: ParsedSource
    var language: String
}

/// The benchmark's figures for one width and one setting, over every text.
private struct GapFigures {
    var gaps: [Double] = []
    var justifiedLines = 0
    var hyphenatedLines = 0
    var longestHyphenRun = 0
    var looseLines = 0
    var overOneEm = 0

    func percentile(_ share: Double) -> Double {
        guard !gaps.isEmpty else { return 0 }
        let sorted = gaps.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * share).rounded()))]
    }
}

/// Runs the benchmark with the arguments after `typography`; returns the exit status.
func typographyBenchmark(_ arguments: [String]) -> Int32 {
    let family = option("--family", default: "Noto Serif", in: arguments)
    let referenceOnly = arguments.contains("--reference")
    let engine: Engine
    do { engine = try Engine() } catch { print("error: \(error.message)"); return 2 }
    let texts = typographyTexts(engine: engine, referenceOnly: referenceOnly)
    guard !texts.isEmpty else { print("no texts: run from the checkout"); return 2 }
    let size = 9.5
    let space = spaceWidth(engine: engine, family: family)
    typographySpace = space
    print("\(texts.count) texts, \(family) \(formatted(size))pt, a word space of \(formatted(space, decimals: 3)) em\n")
    var medians: [String: Double] = [:]
    for setting in ["before", "after"] {
        print("\(setting): \(setting == "before" ? "word spaces only" : "expansion, tracking, protrusion and emergency stretch")")
        print(padded("width", 7), padded("lines", 7), padded("p50 em", 8), padded("p95 em", 8), padded("max em", 8),
              padded("p95 ×sp", 8), padded("hyph.", 6), padded("run", 4), padded(">150%", 6), ">1 em")
        var p95s: [Double] = []
        for width in stride(from: 40, through: 90, by: 2) {
            let figures = measureGaps(texts, width: Double(width), family: family, size: size, after: setting == "after",
                                      engine: engine)
            p95s.append(figures.percentile(0.95))
            print(padded("\(width) mm", 7), padded("\(figures.justifiedLines)", 7), padded(formatted(figures.percentile(0.5), decimals: 3), 8),
                  padded(formatted(figures.percentile(0.95), decimals: 3), 8), padded(formatted(figures.gaps.max() ?? 0, decimals: 3), 8),
                  padded(formatted(figures.percentile(0.95) / space, decimals: 2), 8), padded("\(figures.hyphenatedLines)", 6),
                  padded("\(figures.longestHyphenRun)", 4), padded("\(figures.looseLines)", 6), "\(figures.overOneEm)")
        }
        medians[setting] = median(p95s)
        print("median over widths of the 95th-percentile gap: \(formatted(median(p95s), decimals: 3)) em\n")
    }
    if let before = medians["before"], let after = medians["after"], before > 0 {
        print("change: \(formatted((after - before) / before * 100, decimals: 1)) %")
    }
    return 0
}

/// The reference leaflet and, unless `referenceOnly`, one source of each language of every
/// corpus folder.
private func typographyTexts(engine: Engine, referenceOnly: Bool) -> [TypographyText] {
    var texts: [TypographyText] = []
    let reference = "examples/kazakhstan/fr.txt"
    if let parsed = try? engine.parseInFolder(reference) { texts.append(TypographyText(name: "reference", parsed: parsed, language: "fr")) }
    guard !referenceOnly else { return texts }
    let folders = Resources.fileNames(in: "corpus").filter { Resources.isDirectory("corpus/" + $0) }.sorted().map { "corpus/" + $0 }
    let plan = Batch.plan(folders, outputFolder: "/tmp")
    var seen: Set<String> = []
    for job in plan.jobs where seen.insert(job.source).inserted {
        texts.append(TypographyText(name: job.folder.name + "-" + job.language,
                                    parsed: job.completedSource, language: job.language))
    }
    return texts
}

/// A word space of the family, in ems.
private func spaceWidth(engine: Engine, family: String) -> Double {
    // The machine's fonts too, as the column's layout sees them.
    let typesetter = (try? Typesetter(fonts: FontSources(system: true))) ?? engine.typesetter
    return typesetter.shape(StyledText(" "), font: FontSpec(family: family), letterSpacing: .zero, direction: .leftToRight)
        .advances[0].value
}

/// One column `width` millimetres wide, every role in the body's face and size, on a page tall
/// enough for the longest text.
private func columnLayout(width: Double, family: String, size: Double, after: Bool) throws(Diagnostic) -> Layout {
    let justification = after ? "" : ", justification: {expansion: 0%, tracking: 0em, protrusion: false, emergency-stretch: 0em}"
    // The body justified; the other roles in the same face, ragged, so that the justified lines
    // read back are the body's.
    func style(_ role: Role) -> String {
        "{family: \(family), size: \(formatted(size))pt, leading: 1.3, align: \(role == .body ? "justify" : "left")\(justification)}"
    }
    let styles = Role.allCases.map { "  \($0.rawValue): \(style($0))" }.joined(separator: "\n")
    let text = """
        version: 1
        system-fonts: true
        page: {size: \(formatted(width + 20))mm x 3000mm, margins: 10mm}
        pages:
          first:
            column: {top: 10mm, bottom: 10mm, flows: [\(Role.allCases.map(\.rawValue).joined(separator: ", "))]}
        styles:
        \(styles)
        fitting:
          headline: {min: \(formatted(size))pt, max: \(formatted(size))pt, max-lines: 6}
          body: {min: \(formatted(size))pt, max: \(formatted(size))pt, grow-to: \(formatted(size))pt}
          fill: {order: [spacing], max-spacing: 1}
        """
    return try LayoutLibrary.load(text: text, path: "typography-\(formatted(width))mm.yaml")
}

/// Sets every text in the column and reads its gaps back from the PDF.
private func measureGaps(_ texts: [TypographyText], width: Double, family: String, size: Double, after: Bool,
                         engine: Engine) -> GapFigures {
    var figures = GapFigures()
    let layout: Layout
    do { layout = try columnLayout(width: width, family: family, size: size, after: after) } catch {
        print("error: \(error.message)")
        return figures
    }
    let pdf = "/tmp/tract-typography-\(getpid()).pdf"
    defer { unlink(pdf) }
    let right = (10 + width) * 72 / 25.4
    for text in texts {
        do throws(Diagnostic) {
            let (document, _) = try engine.compose(text.parsed, layout: layout, language: text.language)
            try engine.typesetter(for: layout).writePDF(document, to: pdf)
        } catch {
            print("  \(text.name) at \(formatted(width)) mm: \(error.message)")
            continue
        }
        figures.add(wordLines(pdf), columnRight: right, size: size)
    }
    return figures
}

extension GapFigures {
    /// Adds the lines of one PDF: the justified ones (those that reach the column's right edge),
    /// their gaps in ems, their hyphens.
    fileprivate mutating func add(_ lines: [[(x0: Double, x1: Double, text: String)]], columnRight: Double, size: Double) {
        var run = 0
        for line in lines where line.count > 1 {
            // In reading order for the eye: right to left text comes in its logical order.
            let words = line.sorted { $0.x0 < $1.x0 }
            // A line that stops short of the edge is a paragraph's last: set at its natural spacing.
            guard words.last!.x1 > columnRight - 3 else { run = 0; continue }
            justifiedLines += 1
            let lineGaps = zip(words, words.dropFirst()).map { ($1.x0 - $0.x1) / size }
            gaps += lineGaps
            let widest = lineGaps.max() ?? 0
            if widest > 1 {
                overOneEm += 1
                if getenv("TRACT_TYPOGRAPHY_SHOW") != nil { print("    over 1 em: " + words.map(\.text).joined(separator: " ")) }
            }
            if widest > 1.5 * typographySpace { looseLines += 1 }
            if words.last!.text.hasSuffix("\u{2010}") || words.last!.text.hasSuffix("-") {
                hyphenatedLines += 1
                run += 1
                longestHyphenRun = max(longestHyphenRun, run)
            } else {
                run = 0
            }
        }
    }
}

/// The word space the loose-line count compares with, set once the family is known.
nonisolated(unsafe) private var typographySpace = 0.25

/// The words of a PDF's pages, line by line in reading order, from `pdftotext -bbox`.
private func wordLines(_ pdf: String) -> [[(x0: Double, x1: Double, text: String)]] {
    let html = "/tmp/tract-typography-\(getpid()).html"
    defer { unlink(html) }
    guard run(["pdftotext", "-bbox", pdf, html]).status == 0,
          let bytes = try? FileBytes.read(html, what: "word boxes", example: "", limit: 1 << 30) else { return [] }
    var lines: [[(x0: Double, x1: Double, text: String)]] = []
    var lastY = -1.0
    for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.contains("<word ") {
        func number(_ key: String) -> Double? {
            guard let range = line.range(of: key + "=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        guard let x0 = number("xMin"), let x1 = number("xMax"), let y = number("yMin"),
              let open = line.firstIndex(of: ">"), let close = line.range(of: "</word>"), open < close.lowerBound else { continue }
        let text = String(line[line.index(after: open)..<close.lowerBound])
        if abs(y - lastY) > 1 || lines.isEmpty { lines.append([]) }
        lastY = y
        lines[lines.count - 1].append((x0, x1, text))
    }
    return lines
}
