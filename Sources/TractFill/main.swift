// The fill check: renders every leaflet of a corpus in every shipped layout and measures how
// full each page looks (the largest empty area, as `EmptyArea` defines it, of each page
// rendered at 40 dpi in grey by `pdftoppm`). Run with `make fill`; it prints one row per render
// and exits 1 when a target is missed.
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

var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: inout [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    let value = arguments[index + 1]
    arguments.removeSubrange(index...(index + 1))
    return value
}
let outputFolder = option("-o", in: &arguments) ?? "output/fill"
let onlyLayouts = option("--layouts", in: &arguments).map { $0.split(separator: ",").map(String.init) }
let folders = arguments.isEmpty ? Resources.fileNames(in: "corpus").filter { Resources.isDirectory("corpus/" + $0) }
    .sorted().map { "corpus/" + $0 } : arguments

/// Runs a program to completion with its output thrown away; returns its exit status.
func run(_ arguments: [String]) -> Int32 {
    var pid: pid_t = 0
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return 127 }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return status
}

/// The largest empty area of each page of a PDF.
func emptyAreas(of pdf: String) -> [Double]? {
    let prefix = pdf.hasSuffix(".pdf") ? String(pdf.dropLast(4)) : pdf
    guard run(["pdftoppm", "-gray", "-r", "40", pdf, prefix]) == 0 else { return nil }
    var areas: [Double] = []
    for page in 1...9 {
        // pdftoppm numbers pages with as many digits as the last page needs: one here.
        let file = "\(prefix)-\(page).pgm"
        guard let bytes = try? FileBytes.read(file, what: "page image", example: ""),
              let image = GreyImage(pgm: bytes) else { break }
        areas.append(EmptyArea(grey: image.pixels, width: image.width, height: image.height).share)
        unlink(file)
    }
    return areas.isEmpty ? nil : areas
}

func words(in path: String) -> Int {
    guard let bytes = try? FileBytes.read(path, what: "source", example: "") else { return 0 }
    return String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
}

func percent(_ share: Double) -> String { formatted(share * 100, decimals: 1) + " %" }

func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

let plan = Batch.plan(folders, outputFolder: outputFolder)
for failure in plan.failures { print("error: \(failure.what): \(failure.problem.message)") }
guard plan.failures.isEmpty, !plan.jobs.isEmpty else {
    print("no corpus to render: give leaflet folders, or run from the checkout (corpus/)")
    exit(2)
}
let engine: Engine
do { engine = try Engine() } catch { print("error: \(error.message)"); exit(2) }
var layouts: [String: Layout] = [:]

print(padded("leaflet", 16), padded("lang", 5), padded("words", 6), padded("layout", 15), padded("body", 9),
      padded("headline", 9), padded("pages", 6), "largest empty area")
var shares: [Double] = []
var overTarget = 0
var tooLong: [String] = []
var broken: [String] = []
for job in plan.jobs where onlyLayouts.map({ $0.contains(job.layout) }) ?? true {
    let name = job.folder.name
    let start = "\(padded(name, 16)) \(padded(job.language, 5)) \(padded(String(words(in: job.source)), 6)) \(padded(job.layout, 15))"
    do throws(Diagnostic) {
        if layouts[job.layout] == nil { layouts[job.layout] = try LayoutLibrary.load(job.layout) }
        let parsed = job.folder.complete(job.parsed, language: job.language)
        var (document, _) = try engine.compose(parsed, layout: layouts[job.layout]!, language: job.language)
        // The page as designed: no bleed, marks or imposed copies around it.
        if getenv("TRACT_FILL_DUMP") != nil { print(document.dump()) }
        document.print = PrintMarks()
        document.imposition = nil
        try Resources.makeFolder(Resources.parent(of: job.output))
        try engine.typesetter.writePDF(document, to: job.output)
        guard let areas = emptyAreas(of: job.output) else {
            broken.append("\(name) \(job.language) \(job.layout): the PDF could not be rasterised (is pdftoppm installed?)")
            print(start, "cannot measure")
            continue
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
shares.sort()
let median = shares.isEmpty ? 0 : (shares.count % 2 == 1 ? shares[shares.count / 2] : (shares[shares.count / 2 - 1] + shares[shares.count / 2]) / 2)
print("")
print("\(shares.count) pages measured: median \(percent(median)) (target \(percent(medianTarget))), largest \(percent(shares.last ?? 0)) (target \(percent(pageTarget))), \(overTarget) over target")
if !tooLong.isEmpty { print("\(tooLong.count) too long for their layout, with an error that says what would fit: \(tooLong.joined(separator: "; "))") }
for problem in broken { print("error: \(problem)") }
exit(overTarget == 0 && median <= medianTarget && broken.isEmpty ? 0 : 1)
