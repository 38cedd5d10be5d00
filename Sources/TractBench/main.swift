// Measures tract: the wall time of whole `tract render` processes, the time of one render
// inside a running process, peak memory, `tract batch` over the examples with one job and
// with one per core, and a data merge of 2,000 rows. Run with `make bench`. `tract-bench fill` measures instead how full the
// pages of the fill corpus are (Fill.swift, `make fill`).
import Tract
import TractLayouts
import TractCompose
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// Seconds on a monotonic clock.
func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func milliseconds(_ seconds: Double) -> String { formatted(seconds * 1000) + " ms" }

/// Runs a program to completion, its output thrown away; returns its wall time, its peak
/// resident memory in KiB and its exit status (127 when it cannot be started). A program
/// without a slash is looked up in PATH.
func run(_ arguments: [String]) -> (seconds: Double, peakKiB: Int, status: Int32) {
    var pid: pid_t = 0
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let start = now()
    guard posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return (0, 0, 127) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    return (now() - start, usage.ru_maxrss, status)
}


func option(_ name: String, default value: String, in arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return arguments[index + 1]
}
if CommandLine.arguments.dropFirst().first == "fill" { exit(fillCheck(Array(CommandLine.arguments.dropFirst(2)))) }
if CommandLine.arguments.dropFirst().first == "typography" { exit(typographyBenchmark(Array(CommandLine.arguments.dropFirst(2)))) }

let runs = Int(option("--runs", default: "30")) ?? 30
let source = option("--source", default: "examples/kazakhstan/fr.txt")
let tract = option("--tract", default: ".build/release/tract")
let output = "/tmp/tract-bench-\(getpid()).pdf"
let layoutName = option("--layout", default: "a4-classic")
let layout: Layout
do { layout = try LayoutLibrary.load(layoutName) } catch { fatalError("\(error)") }

let inProcessOnly = CommandLine.arguments.contains("--in-process-only")
let batchFolders = option("--batch", default: "examples/kazakhstan").split(separator: ",").map(String.init)

// `--fresh-engines N`: N renders, each with a new engine that is released afterwards, for a
// leak checker to see that every Pango, Cairo, fontconfig and libhyphen object is freed.
if let fresh = Int(option("--fresh-engines", default: "")) {
    for _ in 0..<fresh {
        do {
            let engine = try Engine()
            let composed = try engine.compose(source, layout: layout)
            try engine.typesetter.writePDF(composed.document, to: "/tmp/tract-leaks-\(getpid()).pdf")
            try engine.typesetter.writePNG(composed.document, to: "/tmp/tract-leaks-\(getpid()).png", dpi: 20)
        } catch {
            fatalError("\(error)")
        }
    }
    unlink("/tmp/tract-leaks-\(getpid()).pdf")
    unlink("/tmp/tract-leaks-\(getpid()).png")
    print("rendered \(fresh) times with fresh engines")
    exit(0)
}
print("tract benchmark: \(source), \(runs) runs each")

// Whole processes: start-up, font loading, parsing, composing, writing the PDF.
var processTimes: [Double] = []
var peak = 0
if !inProcessOnly { _ = run([tract, "render", source, "--layout", layoutName, "-o", output]) }  // warm the font cache and the page cache
for _ in 0..<(inProcessOnly ? 0 : runs) {
    let result = run([tract, "render", source, "--layout", layoutName, "-o", output])
    guard result.status == 0 else { fatalError("tract render failed with status \(result.status)") }
    processTimes.append(result.seconds)
    peak = max(peak, result.peakKiB)
}

// Inside one process: the same engine renders again and again, as a batch would.
let engine: Engine
do { engine = try Engine() } catch { fatalError("\(error)") }
var composeTimes: [Double] = []
var renderTimes: [Double] = []
for index in 0..<(runs + 3) {
    do {
        let start = now()
        let composed = try engine.compose(source, layout: layout)
        let composedAt = now()
        try engine.typesetter.writePDF(composed.document, to: output)
        let end = now()
        // The first renders fill the caches; they are not counted.
        if index >= 3 {
            composeTimes.append(composedAt - start)
            renderTimes.append(end - start)
        }
    } catch {
        fatalError("\(error)")
    }
}
unlink(output)

var selfUsage = rusage()
getrusage(RUSAGE_SELF.rawValue, &selfUsage)

if !inProcessOnly {
print("process  tract render, median wall time   \(milliseconds(median(processTimes)))  (min \(milliseconds(processTimes.min()!)), max \(milliseconds(processTimes.max()!)))")
print("process  peak memory                      \(formatted(Double(peak) / 1024)) MiB")
}
print("engine   one render in process, median    \(milliseconds(median(renderTimes)))  (parse + prepare + compose \(milliseconds(median(composeTimes))), PDF \(milliseconds(median(renderTimes) - median(composeTimes))))")
print("engine   peak memory after \(renderTimes.count + 3) renders    \(formatted(Double(selfUsage.ru_maxrss) / 1024)) MiB")

// The batch: every example in every layout, with one job, then with one job per core.
if !inProcessOnly {
    let cores = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    let folder = "/tmp/tract-bench-batch-\(getpid())"
    func batch(jobs: Int) -> (seconds: Double, peakKiB: Int) {
        let result = run([tract, "batch"] + batchFolders + ["-o", folder, "--jobs", "\(jobs)"])
        guard result.status == 0 else { fatalError("tract batch failed with status \(result.status)") }
        return (result.seconds, result.peakKiB)
    }
    _ = batch(jobs: cores)  // warm the caches
    var leaflets = 0
    for name in batchFolders {
        let outputs = Resources.fileNames(in: folder + "/" + (name.split(separator: "/").last.map(String.init) ?? name))
        leaflets += outputs.filter { $0.hasSuffix(".pdf") }.count
    }
    let batchRuns = max(3, runs / 6)
    var single: [Double] = []
    var parallel: [Double] = []
    var batchPeak = 0
    for _ in 0..<batchRuns {
        let one = batch(jobs: 1)
        let all = batch(jobs: cores)
        single.append(one.seconds)
        parallel.append(all.seconds)
        batchPeak = max(batchPeak, one.peakKiB, all.peakKiB)
    }
    _ = run(["/bin/rm", "-rf", folder])
    let perLeaflet = median(parallel) / Double(max(leaflets, 1))
    print("batch    \(leaflets) leaflets, --jobs 1, median   \(milliseconds(median(single)))  (\(milliseconds(median(single) / Double(max(leaflets, 1)))) a leaflet)")
    print("batch    \(leaflets) leaflets, --jobs \(cores), median   \(milliseconds(median(parallel)))  (\(milliseconds(perLeaflet)) a leaflet, speed-up \(formatted(median(single) / median(parallel))))")
    print("batch    peak memory of one process       \(formatted(Double(batchPeak) / 1024)) MiB")
    dataMerge(cores: cores)
}

/// The data merge: the reference leaflet in a4-classic for each row of a table (its contact from
/// the row), 2,000 rows with one job and with one per core, against a plain batch of the same
/// leaflet (100 folders, each its own contact); and the peak memory of the one-job batch, which
/// renders in its own process, for 20 rows and for 2,000.
func dataMerge(cores: Int) {
    let folder = "/tmp/tract-bench-merge-\(getpid())"
    let leaflet = folder + "/merge"
    _ = run(["/bin/mkdir", "-p", leaflet])
    _ = run(["/bin/cp", source, leaflet + "/fr.txt"])
    func write(_ text: String, to path: String) {
        guard let file = fopen(path, "w") else { fatalError("cannot write \(path)") }
        fputs(text, file)
        fclose(file)
    }
    write("data: groups.csv\nlayouts: [a4-classic]\ncontact: \"Contact : {{email}}\"\n", to: leaflet + "/leaflet.yaml")
    func table(_ rows: Int) {
        var text = "slug,email\n"
        for row in 1...rows { text += "groupe-\(row),groupe\(row)@example.org\n" }
        write(text, to: leaflet + "/groups.csv")
    }
    func merge(rows: Int, jobs: Int) -> (perLeaflet: Double, peakKiB: Int) {
        table(rows)
        let result = run([tract, "batch", leaflet, "-o", folder + "/out", "--jobs", "\(jobs)"])
        guard result.status == 0 else { fatalError("tract batch with data failed with status \(result.status)") }
        _ = run(["/bin/rm", "-rf", folder + "/out"])
        return (result.seconds / Double(rows), result.peakKiB)
    }
    // The plain batch of the same leaflet: 100 folders of one source each, the contact written.
    var plainFolders: [String] = []
    for index in 1...100 {
        let plain = folder + "/plain-\(index)"
        _ = run(["/bin/mkdir", "-p", plain])
        _ = run(["/bin/cp", source, plain + "/fr.txt"])
        write("layouts: [a4-classic]\ncontact: \"Contact : groupe\(index)@example.org\"\n", to: plain + "/leaflet.yaml")
        plainFolders.append(plain)
    }
    func plainBatch(jobs: Int) -> Double {
        let result = run([tract, "batch"] + plainFolders + ["-o", folder + "/out", "--jobs", "\(jobs)"])
        guard result.status == 0 else { fatalError("tract batch of the plain folders failed with status \(result.status)") }
        _ = run(["/bin/rm", "-rf", folder + "/out"])
        return result.seconds / Double(plainFolders.count)
    }
    let plainOne = median([plainBatch(jobs: 1), plainBatch(jobs: 1), plainBatch(jobs: 1)])
    let plainAll = median([plainBatch(jobs: cores), plainBatch(jobs: cores), plainBatch(jobs: cores)])
    let small = merge(rows: 20, jobs: 1)
    let large = merge(rows: 2000, jobs: 1)
    let largeAll = merge(rows: 2000, jobs: cores)
    _ = run(["/bin/rm", "-rf", folder])
    print("merge    the plain batch of \(source) in a4-classic, 100 folders: \(milliseconds(plainOne)) a leaflet with --jobs 1, \(milliseconds(plainAll)) with --jobs \(cores)")
    print("merge    2000 rows, --jobs 1              \(milliseconds(large.perLeaflet)) a leaflet (\(formatted(large.perLeaflet / plainOne)) × the plain batch's)")
    print("merge    2000 rows, --jobs \(cores)              \(milliseconds(largeAll.perLeaflet)) a leaflet (\(formatted(largeAll.perLeaflet / plainAll)) × the plain batch's)")
    print("merge    peak memory, --jobs 1            \(formatted(Double(small.peakKiB) / 1024)) MiB for 20 rows, \(formatted(Double(large.peakKiB) / 1024)) MiB for 2000 (\(formatted(Double(large.peakKiB) / Double(small.peakKiB))) ×)")
}
