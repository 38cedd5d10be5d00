import ArgumentParser
import Tract
import TractCommands
import TractCompose
import TractCore
import TractLayouts
import TractParse
import TractRender

#if canImport(Glibc)
import Glibc
#endif

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Render every language of leaflet folders in every layout, in parallel.",
        discussion: """
            A leaflet folder holds one source per language (fr.txt, en.md, kk.md…) and a leaflet.yaml \
            with what they share: the layouts, the organisation, the date, the contact line. Each \
            language in each layout is written as OUTPUT/FOLDER/FOLDER-LANG-LAYOUT.pdf.
            """
    )

    @Argument(help: "The leaflet folders, such as examples/kazakhstan.")
    var folders: [String]

    /// Read unconditionally, so that `--jobs -1` is refused as a number rather than taken for an option.
    @Option(name: .shortAndLong, parsing: .unconditional, help: "How many leaflets to render at once, 1 to 256. Default: the number of cores.")
    var jobs: Int?

    @Option(help: ArgumentHelp("Render one share of a batch spread over machines: every N-th job (every N-th row of a data merge), from the I-th. `auto` reads I from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX), a Slurm job array (SLURM_ARRAY_TASK_ID) or GNU parallel (PARALLEL_SEQ), and N from --shards, TRACT_SHARD_COUNT or SLURM_ARRAY_TASK_COUNT.",
                               valueName: "I/N|auto"))
    var shard: Shard?

    @Option(help: ArgumentHelp("How many shards the batch is split into, with --shard auto.", valueName: "N"))
    var shards: Int?

    @Flag(help: "Render only the leaflets whose file is missing, differs from the output folder's manifest.jsonl, or whose inputs changed: a batch stopped half-way resumes where it was.")
    var skipExisting = false

    @Option(name: [.customShort("o"), .customLong("output")], help: "The folder the leaflets' folders go in.")
    var outputFolder = "output"

    @Flag(help: "Also write a PNG preview beside each PDF.")
    var png = false

    @Option(help: ArgumentHelp("A data table (CSV with a header row, TSV or JSON Lines): one leaflet per row, its columns filling the {{column}} placeholders. Default: leaflet.yaml's `data:`.",
                               valueName: "FILE"))
    var data: String?

    @OptionGroup var colour: ColourOptions

    @OptionGroup var fonts: FontOptions

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be from 1 to 256, not \(jobs)") }
        if let shards, !(1...100_000).contains(shards) { throw ValidationError("--shards must be from 1 to 100000, not \(shards)") }
        if shards != nil, case .fixed? = shard { throw ValidationError("--shards goes with --shard auto; --shard I/N says the count itself") }
        if shards != nil, shard == nil { throw ValidationError("--shards goes with --shard auto") }
    }

    func run() throws {
        let start = ContinuousClock.now
        // Said once, before any job, rather than once for every leaflet.
        do throws(Diagnostic) { try Resources.makeFolder(outputFolder) } catch {
            report(error)
            throw ExitCode.failure
        }
        let share: (index: Int, count: Int)?
        do throws(Diagnostic) { share = try shard?.resolved(shards: shards, environment: ProcessEnvironment.variables) } catch {
            report(error)
            throw ExitCode.failure
        }
        var plan = Batch.plan(folders, shard: share, outputFolder: outputFolder, data: data)
        let options = RenderOptions(png: png, colour: colour.output)
        let manifest = BatchManifest(folder: outputFolder)
        // What each job is made from, taken before any renders: an input saved during the batch
        // does not pass for what the files were made from.
        // One digest for each job, in the jobs' order.
        var digests: [String: String] = [:]
        var inputs = plan.jobs.map { BatchManifest.inputs(of: $0, options: options, version: tractVersion, files: &digests) }
        var skipped = 0
        if skipExisting {
            BatchManifest.removeStaleTemporaryFiles(in: Set(plan.jobs.map { Resources.parent(of: $0.output) }))
            let kept = plan.jobs.indices.filter { !manifest.isCurrent(plan.jobs[$0], inputs: inputs[$0]) }
            skipped = plan.jobs.count - kept.count
            plan.jobs = kept.map { plan.jobs[$0] }
            inputs = kept.map { inputs[$0] }
        }
        let layouts = Batch.loadLayouts(plan.layoutNames, extraFonts: fonts.entries)
        let workers = jobs ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        let progress = Progress(total: plan.jobs.count, onTerminal: isatty(2) == 1)
        for failure in plan.failures { report(failure.problem) }
        if colour.output != .rgb && !PrintColour.ghostscriptAvailable {
            // Said once, rather than once for every leaflet.
            report(.error("cannot convert to \(colour.output == .pdfx ? "PDF/X" : "CMYK"): Ghostscript is not installed",
                          hint: "install it with `apt-get install ghostscript`"))
            throw ExitCode.failure
        }
        var manifestProblem: Diagnostic?
        let summary = Summary(listsFiles: plan.jobs.count <= Summary.longestTable)
        Batch.run(plan.jobs, layouts: layouts, workers: workers, options: options) { result in
            // Each file is in the manifest as soon as it is written.
            if case .success(let output) = result.outcome, manifestProblem == nil {
                do throws(Diagnostic) { try manifest.append(result.job, output: output, inputs: inputs[result.index]) } catch { manifestProblem = error }
            }
            summary.add(result)
            progress.ended(result)
        }
        progress.finish()

        summary.print(manifest: manifest.path)
        if let manifestProblem { report(manifestProblem) }
        let failed = summary.failed + plan.failures.count
        let seconds = (ContinuousClock.now - start).seconds
        let written = summary.written
        var line = "\(written) leaflets in \(formatted(seconds)) s with \(min(workers, max(1, plan.jobs.count))) jobs"
        if written > 0 { line += " (\(formatted(seconds * 1000 / Double(written), decimals: 1)) ms each)" }
        if failed > 0 { line += "; \(failed) failed" }
        if skipped > 0 { line += "; \(skipped) already written and unchanged" }
        Swift.print(line)
        summary.printRows()
        if failed > 0 || manifestProblem != nil { throw ExitCode.failure }
    }

    /// What the end of a batch tells, gathered as each leaflet ends, without keeping the
    /// leaflets: the table of the files written (for a batch of a few), the failures, the
    /// warnings once each, and the rows of a data merge.
    private final class Summary {
        /// A batch of more leaflets lists its files in the manifest only.
        static let longestTable = 200

        let listsFiles: Bool
        /// The files written, with their jobs' places, printed in the batch's order.
        var table: [(index: Int, cells: [String])] = []
        var written = 0
        var failed = 0
        var failures: [(index: Int, row: DataRow?, output: String, problem: Diagnostic)] = []
        var warnings: [Diagnostic] = []
        var seen = Set<String>()
        /// The rows seen, by table and number.
        var rows = Set<Int>()
        var tables: [String: Int] = [:]
        var failedRows: [(file: String, number: Int, label: String)] = []

        init(listsFiles: Bool) { self.listsFiles = listsFiles }

        func add(_ result: BatchResult) {
            let row = result.job.row
            if let row {
                let table = tables[row.file] ?? tables.count
                tables[row.file] = table
                rows.insert(table << 40 | row.number)
            }
            switch result.outcome {
            case .success(let rendered):
                written += 1
                if listsFiles {
                    table.append((result.index, [result.job.output, "\(rendered.pages)", "\(rendered.headlineSize)",
                                                 "\(rendered.bodySize)", "\(rendered.warnings.count)"]))
                }
                for warning in rendered.warnings where seen.insert(warning.description).inserted { warnings.append(warning) }
            case .failure(let problem):
                failed += 1
                failures.append((result.index, row, result.job.output, problem))
                if let row, !failedRows.contains(where: { $0.file == row.file && $0.number == row.number }) {
                    failedRows.append((row.file, row.number, row.label))
                }
            }
        }

        /// The table of what was written, then the failures and the warnings, each told once.
        func print(manifest: String) {
            if !table.isEmpty {
                Swift.print(BatchCommand.table([["file", "pages", "headline", "body", "warnings"]] + table.sorted { $0.index < $1.index }.map(\.cells)))
            } else if written > 0 {
                Swift.print("the files written are listed in \(manifest)")
            }
            for failure in failures.sorted(by: { $0.index < $1.index }) {
                if let row = failure.row {
                    // A data merge's failure, then its row at its line of the table:
                    // `groups.csv:18: note: groups.csv:row 17 (slug lyon-7e): … was not written`.
                    report(failure.problem)
                    report(.note(at: SourceLocation(file: row.file, line: row.line), "\(row.label): \(failure.output) was not written"))
                } else {
                    report(.error("\(failure.output) was not written"))
                    report(failure.problem)
                }
            }
            warnings.forEach(report)
        }

        /// In a data merge, how many rows had all their leaflets written.
        func printRows() {
            guard !rows.isEmpty else { return }
            let failed = failedRows.sorted { ($0.file, $0.number) < ($1.file, $1.number) }
            Swift.print("\(rows.count - failed.count) of \(rows.count) rows succeeded"
                        + (failed.isEmpty ? "" : "; failed: " + failed.map(\.label).joined(separator: ", ")))
        }
    }

    /// Rows as aligned columns: the first left-aligned, the others right-aligned.
    fileprivate static func table(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
        return rows.map { row in
            row.indices.map { column in
                let gap = String(repeating: " ", count: widths[column] - row[column].count)
                return column == 0 ? row[column] + gap : gap + row[column]
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// `--shard I/N`, or `--shard auto`: the share the job runner gives this process.
enum Shard: ExpressibleByArgument {
    case fixed(index: Int, count: Int)
    case auto

    init?(argument: String) {
        if argument == "auto" { self = .auto; return }
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index)
        else { return nil }
        self = .fixed(index: index, count: count)
    }

    /// The index (from 1) and the count: given, or read from the job runner's environment.
    func resolved(shards: Int?, environment: [String: String]) throws(Diagnostic) -> (index: Int, count: Int) {
        switch self {
        case .fixed(let index, let count):
            return (index, count)
        case .auto:
            func number(_ name: String) throws(Diagnostic) -> Int? {
                guard let text = environment[name] else { return nil }
                guard let value = Int(text.filter { $0 != " " }) else {
                    throw .error("--shard auto: \(name) is '\(text)', not a number", hint: "check the job runner's settings")
                }
                return value
            }
            var count = shards
            if count == nil { count = try number("TRACT_SHARD_COUNT") }
            if count == nil { count = try number("SLURM_ARRAY_TASK_COUNT") }
            let index: Int
            let runner: String
            if let completion = try number("JOB_COMPLETION_INDEX") {
                (index, runner) = (completion + 1, "JOB_COMPLETION_INDEX")
            } else if let task = try number("SLURM_ARRAY_TASK_ID") {
                // An array may step (`--array=0-9:2`): its tasks are counted from its first, by its step.
                let first = try number("SLURM_ARRAY_TASK_MIN") ?? 0
                let step = max(1, try number("SLURM_ARRAY_TASK_STEP") ?? 1)
                (index, runner) = ((task - first) / step + 1, "SLURM_ARRAY_TASK_ID")
            } else if let sequence = try number("PARALLEL_SEQ") {
                (index, runner) = (sequence, "PARALLEL_SEQ")
            } else {
                throw .error("--shard auto: no job runner said which shard this is",
                             hint: "run under a Kubernetes Indexed Job (JOB_COMPLETION_INDEX), a Slurm job array (SLURM_ARRAY_TASK_ID) or GNU parallel (PARALLEL_SEQ), or give --shard I/N")
            }
            guard let count else {
                throw .error("--shard auto: \(runner) says which shard this is, but not how many there are",
                             hint: "give --shards N, or set TRACT_SHARD_COUNT")
            }
            guard count >= 1 else {
                throw .error("--shard auto: the count of shards is \(count)", hint: "give a count of at least 1 with --shards N or TRACT_SHARD_COUNT")
            }
            guard (1...count).contains(index) else {
                throw .error("--shard auto: \(runner) makes this shard \(index) of \(count)",
                             hint: "the shards are numbered 1 to \(count) (0 to \(count - 1) for JOB_COMPLETION_INDEX); check --shards")
            }
            return (index, count)
        }
    }
}

/// The process's environment variables.
enum ProcessEnvironment {
    static var variables: [String: String] {
        var variables: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") { variables[String(text[..<equals])] = String(text[text.index(after: equals)...]) }
            entry += 1
        }
        return variables
    }
}

/// What a batch shows while it runs: a bar redrawn on a terminal, one line per leaflet otherwise.
private final class Progress {
    private let total: Int
    private let onTerminal: Bool
    private var done = 0

    init(total: Int, onTerminal: Bool) {
        self.total = total
        self.onTerminal = onTerminal
    }

    private let start = ContinuousClock.now

    func ended(_ result: BatchResult) {
        done += 1
        do {
            let failed = if case .failure = result.outcome { true } else { false }
            if onTerminal {
                let width = 30
                let filled = total == 0 ? width : done * width / total
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                let name = result.job.output.split(separator: "/").last.map(String.init) ?? result.job.output
                // The rate so far, and the time left at that rate.
                let seconds = max(0.001, (ContinuousClock.now - start).seconds)
                let rate = Double(done) / seconds
                let left = Int((Double(total - done) / rate).rounded())
                let pace = "\(formatted(rate, decimals: 1))/s, \(left / 60):\(left % 60 < 10 ? "0" : "")\(left % 60) left"
                writeToStandardError("\r\u{1B}[2K\(bar) \(done)/\(total) \(pace) \(failed ? "failed: " : "")\(name)")
            } else {
                print("[\(done)/\(total)] \(failed ? "failed" : "wrote") \(result.job.output)")
            }
        }
    }

    func finish() {
        if onTerminal && total > 0 { writeToStandardError("\r\u{1B}[2K") }
    }

}
