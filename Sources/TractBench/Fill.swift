// The fill check, `tract-bench fill [FOLDER…] [-o FOLDER] [--layouts A,B]`: renders every
// leaflet of a corpus in every shipped layout and measures how full each page looks (the
// largest empty area, as `EmptyArea` defines it, of each page rendered at 40 dpi in grey by
// `pdftoppm`). Run with `make fill`; it prints one row per render and fails when a target is
// missed.
import Tract
import TractCompose
import TractCore
import TractLayouts

#if canImport(Glibc)
import Glibc
#endif

/// The agreed targets: every page at most 12 % empty, the median at most 8 %.
let pageTarget = 0.12
let medianTarget = 0.08


/// The largest empty area of each page of a PDF.
func emptyAreas(of pdf: String) -> [Double]? {
    let prefix = pdf.hasSuffix(".pdf") ? String(pdf.dropLast(4)) : pdf
    guard run(["pdftoppm", "-gray", "-r", "40", pdf, prefix]).status == 0 else { return nil }
    var areas: [Double] = []
    for page in 1...9 {
        // pdftoppm numbers pages with as many digits as the last page needs: one here.
        let file = "\(prefix)-\(page).pgm"
        guard let bytes = try? FileBytes.read(file, what: "page image", example: "", limit: 1 << 30),
              let image = GreyImage(pgm: bytes) else { break }
        areas.append(EmptyArea(grey: image.pixels, width: image.width, height: image.height).share)
        unlink(file)
    }
    return areas.isEmpty ? nil : areas
}

func words(in path: String) -> Int {
    guard let bytes = try? FileBytes.read(path, what: "source", example: "", limit: FileBytes.sourceLimit) else { return 0 }
    return String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
}

func percent(_ share: Double) -> String { formatted(share * 100, decimals: 1) + " %" }

func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Runs the fill check with the arguments after `fill`; returns the exit status.
func fillCheck(_ arguments: [String]) -> Int32 {
    let options = FillOptions(arguments)
    let plan = Batch.plan(options.folders, outputFolder: options.outputFolder)
    for failure in plan.failures { print("error: \(failure.what): \(failure.problem.message)") }
    guard plan.failures.isEmpty, !plan.jobs.isEmpty else {
        print("no corpus to render: give leaflet folders, or run from the checkout (corpus/)")
        return 2
    }
    let engine: Engine
    do { engine = try Engine() } catch { print("error: \(error.message)"); return 2 }

    print(padded("leaflet", 16), padded("lang", 5), padded("words", 6), padded("layout", 15), padded("body", 9),
          padded("headline", 9), padded("pages", 6), "largest empty area")
    var tally = FillTally()
    for job in plan.jobs where options.onlyLayouts.map({ $0.contains(job.layout) }) ?? true {
        tally.measure(job, engine: engine)
    }
    return tally.report()
}

/// The fill check's command line: the leaflet folders (the corpus's when none is given), the
/// folder the PDFs are written to, and the layouts to render (nil for all of them).
private struct FillOptions {
    var folders: [String] = []
    var outputFolder = "output/fill"
    var onlyLayouts: [String]?

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "-o": outputFolder = rest.popFirst() ?? outputFolder
            case "--layouts": onlyLayouts = rest.popFirst().map { $0.split(separator: ",").map(String.init) }
            default: folders.append(argument)
            }
        }
        if folders.isEmpty {
            folders = Resources.fileNames(in: "corpus").filter { Resources.isDirectory("corpus/" + $0) }.sorted().map { "corpus/" + $0 }
        }
    }
}

/// What the fill check has measured so far: the largest empty area of each page, how many
/// pages miss the target, the texts too long for their layout and the renders that failed;
/// with the layouts loaded so far.
private struct FillTally {
    var layouts: [String: Layout] = [:]
    var shares: [Double] = []
    var overTarget = 0
    var tooLong: [String] = []
    var broken: [String] = []

    /// Renders one job and prints its row: the sizes, the pages and each page's largest empty
    /// area, or why it could not be measured.
    mutating func measure(_ job: BatchJob, engine: Engine) {
        let name = job.folder.name
        let start = "\(padded(name, 16)) \(padded(job.language, 5)) \(padded(String(words(in: job.source)), 6)) \(padded(job.layout, 15))"
        do throws(Diagnostic) {
            let document = try render(job, engine: engine)
            guard let areas = emptyAreas(of: job.output) else {
                broken.append("\(name) \(job.language) \(job.layout): the PDF could not be rasterised (is pdftoppm installed?)")
                print(start, "cannot measure")
                return
            }
            shares += areas
            let over = areas.filter { $0 > pageTarget }.count
            overTarget += over
            print(start, padded("\(document.bodySize)", 9), padded("\(document.headlineSize)", 9), padded("\(document.pages.count)", 6),
                  areas.map(percent).joined(separator: ", ") + (over > 0 ? "   over target" : ""))
        } catch {
            let fits = error.message.contains("does not fit")
            if fits { tooLong.append("\(name) \(job.language) \(job.layout)") }
            else { broken.append("\(name) \(job.language) \(job.layout): \(error.message)") }
            print(start, fits ? "too long: \(error.message)" : "error: \(error.message)")
            if fits { for hint in error.hints { print(padded("", 54), "hint: \(hint)") } }
        }
    }

    /// Composes a job in its layout and writes its PDF, with the page as designed.
    private mutating func render(_ job: BatchJob, engine: Engine) throws(Diagnostic) -> ComposedDocument {
        if layouts[job.layout] == nil { layouts[job.layout] = try LayoutLibrary.load(job.layout) }
        let parsed = job.completedSource
        var (document, _) = try engine.compose(parsed, layout: layouts[job.layout]!, language: job.language)
        // The page as designed: no bleed, marks or imposed copies around it.
        if getenv("TRACT_FILL_DUMP") != nil { print(document.dump()) }
        document.print = PrintMarks()
        document.imposition = nil
        try Resources.makeFolder(Resources.parent(of: job.output))
        try engine.typesetter.writePDF(document, to: job.output)
        return document
    }

    /// Prints the median and the largest empty area against their targets, the texts too long
    /// and the errors; returns the exit status: 0 when every target is met and nothing failed.
    mutating func report() -> Int32 {
        shares.sort()
        let middle = shares.isEmpty ? 0 : median(shares)
        print("")
        print("\(shares.count) pages measured: median \(percent(middle)) (target \(percent(medianTarget))), largest \(percent(shares.last ?? 0)) (target \(percent(pageTarget))), \(overTarget) over target")
        if !tooLong.isEmpty { print("\(tooLong.count) too long for their layout, with an error that says what would fit: \(tooLong.joined(separator: "; "))") }
        for problem in broken { print("error: \(problem)") }
        return overTarget == 0 && middle <= medianTarget && broken.isEmpty ? 0 : 1
    }
}
