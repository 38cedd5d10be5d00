import TractCompose
import TractCore
import TractLayouts
import TractParse
import TractRender

#if canImport(Glibc)
import Glibc
#endif

/// One leaflet of a batch: a source in a layout, and the file it goes to.
public struct BatchJob: Sendable {
    public var source: String
    /// The parsed source and its folder, which every job of the source shares: a data merge of
    /// thousands of rows keeps one of each.
    private let shared: Shared
    /// The source as the plan read it, so that no job reads or parses it again.
    public var parsed: ParsedSource { shared.parsed }
    public var language: String
    public var layout: String
    public var output: String
    /// The folder, for what its manifest shares.
    public var folder: LeafletFolder { shared.folder }

    /// What the jobs of one source share.
    final class Shared: Sendable {
        let parsed: ParsedSource
        let folder: LeafletFolder

        init(parsed: ParsedSource, folder: LeafletFolder) {
            self.parsed = parsed
            self.folder = folder
        }
    }

    init(source: String, shared: Shared, language: String, layout: String, output: String, row: DataRow?, layoutName: String) {
        self.source = source
        self.shared = shared
        self.language = language
        self.layout = layout
        self.output = output
        self.row = row
        self.layoutName = layoutName
    }
    /// The data row the leaflet is made for, in a data merge: its values fill the placeholders
    /// of the source and of leaflet.yaml when the job renders.
    public var row: DataRow?
    /// The layout's name, as the files carry it.
    public var layoutName: String = ""

    /// The source as it renders: completed with what leaflet.yaml shares, with the row's values
    /// (in a data merge) and the language, layout and row number in the placeholders of both.
    public var completedSource: ParsedSource {
        let values = placeholderValues
        return folder.manifest.merging(values).complete(parsed.merging(values), language: language)
    }

    /// The values of the placeholders: the row's columns, the language, the layout, the row's number.
    public var placeholderValues: [String: String] {
        var values = row?.values ?? [:]
        values["lang"] = language
        values["layout"] = layoutName
        values["row"] = String(row?.number ?? 1)
        return values
    }
}

/// What a job wrote: its files, and the figures the summary shows.
public struct BatchOutput: Sendable, Equatable {
    /// The files written, PDF first.
    public var files: [String]
    public var pages: Int
    public var headlineSize: Points
    /// The body size after copyfitting.
    public var bodySize: Points
    public var warnings: [Diagnostic]
}

/// What became of one job.
public struct BatchResult: Sendable {
    /// The job's place in the batch: jobs end in any order.
    public var index: Int
    public var job: BatchJob
    public var outcome: Result<BatchOutput, Diagnostic>
}

/// The jobs of a batch, and what failed before any job could be made: a folder that cannot be
/// read, a source whose language cannot be told. Those failures never stop the other jobs.
public struct BatchPlan: Sendable {
    public var jobs: [BatchJob] = []
    public var failures: [(what: String, problem: Diagnostic)] = []

    /// The layouts the jobs name, each once.
    public var layoutNames: [String] {
        var seen = Set<String>()
        return jobs.map(\.layout).filter { seen.insert($0).inserted }
    }

    /// Takes out the jobs that would write the same file as another, as failures, before any
    /// job runs: neither may overwrite the other.
    mutating func refuseSharedOutputs() {
        let counts = Dictionary(jobs.map { ($0.output, 1) }, uniquingKeysWith: +)
        // Rows of a data merge that make the same files are said once a pair, at the later row.
        var firstRow: [String: DataRow] = [:]
        var said = Set<[Int]>()
        for job in jobs where counts[job.output]! > 1 {
            guard let row = job.row else { continue }
            guard let first = firstRow[job.output] else { firstRow[job.output] = row; continue }
            guard said.insert([first.number, row.number]).inserted else { continue }
            failures.append((row.file, .error(at: SourceLocation(file: row.file, line: row.line),
                                              "rows \(first.number) and \(row.number) would both write \(job.output)",
                                              hint: "give each row its own slug, or put {{row}} in leaflet.yaml's output")))
        }
        for job in jobs where counts[job.output]! > 1 && job.row == nil {
            failures.append((job.source, .error(at: SourceLocation(file: job.source),
                                                "this job (\(job.layout)) and another would both write \(job.output)",
                                                hint: "give the layouts or the sources different names")))
        }
        jobs.removeAll { counts[$0.output]! > 1 }
    }
}

/// Renders every language of leaflet folders in every layout, on several cores.
///
/// The workers are child processes, each with its own engine: Cairo 1.16 shares FreeType faces
/// between all the threads of a process and closes one when more than ten are open, even while
/// another thread is drawing with it, so threads that render at once can crash. Processes share
/// nothing, and a worker that does crash costs only the job it was on.
public enum Batch {
    /// The jobs for some folders: each source × each layout of its folder (the manifest's, or
    /// every shipped layout), written as `OUTPUT/FOLDER/FOLDER-LANG-LAYOUT.pdf`. With a shard
    /// `(i, n)`, only every n-th job from the i-th (counting from 1) is kept; failures are kept
    /// by the first shard only, so that each is reported once.
    /// With a data table (leaflet.yaml's `data:`, or `data` for every folder), each row makes
    /// its own leaflets, and a shard keeps every n-th row rather than every n-th job.
    public static func plan(_ folders: [String], shard: (index: Int, count: Int)? = nil,
                            outputFolder: String = "output", data: String? = nil) -> BatchPlan {
        var plan = BatchPlan()
        var named: [String: String] = [:]  // folder name → the folder that took it
        for path in folders {
            do throws(Diagnostic) {
                let folder = try LeafletFolder.read(path) { parsed throws(Diagnostic) in
                    try Engine.language(of: parsed, override: nil)
                }
                if let earlier = named[folder.name] {
                    throw .error(at: SourceLocation(file: path),
                                 "this folder and \(earlier) are both named '\(folder.name)': their files would overwrite each other",
                                 hint: "rename one of them, or render them in separate runs with different -o folders")
                }
                named[folder.name] = path
                plan.failures += folder.unreadable.map { ($0.path, $0.problem) }
                let layouts = try layouts(of: folder, failures: &plan.failures)
                let table = try (data ?? folder.manifest.data?.path).map { path throws(Diagnostic) in try DataTable.read(path) }
                try DataMerge.checkPlaceholders(of: folder, columns: table?.columns)
                let rows: [DataRow?] = table?.rows ?? [nil]
                let shared = folder.sources.map { BatchJob.Shared(parsed: $0.parsed, folder: folder) }
                for row in rows {
                    for (index, source) in folder.sources.enumerated() {
                        for layout in layouts {
                            var job = BatchJob(source: source.path, shared: shared[index], language: source.language,
                                               layout: layout.reference, output: "", row: row, layoutName: layout.name)
                            job.output = "\(outputFolder)/\(folder.name)/" + DataMerge.outputName(of: job)
                            plan.jobs.append(job)
                        }
                    }
                }
            } catch {
                plan.failures.append((path, error))
            }
        }
        plan.refuseSharedOutputs()
        if let shard {
            // A data merge is shared out by row, every language and layout of a row together;
            // other jobs one by one.
            var plain = 0
            plan.jobs = plan.jobs.filter { job in
                if let row = job.row { return (row.number - 1) % shard.count == shard.index - 1 }
                plain += 1
                return (plain - 1) % shard.count == shard.index - 1
            }
            if shard.index != 1 { plan.failures = [] }
        }
        return plan
    }

    /// The layouts a folder is rendered in: its manifest's, or every shipped one. Each comes as
    /// the reference `LayoutLibrary.load` takes (a name, or a file's path, relative to the
    /// folder in leaflet.yaml) and the name its files carry. An unknown layout is a failure at
    /// its line of leaflet.yaml; the others are still rendered.
    private static func layouts(of folder: LeafletFolder, failures: inout [(what: String, problem: Diagnostic)])
        throws(Diagnostic) -> [(reference: String, name: String)] {
        let shipped = try LayoutLibrary.names()
        guard let listed = folder.manifest.layouts else { return shipped.map { ($0, $0) } }
        var layouts: [(reference: String, name: String)] = []
        for (name, location) in listed {
            let layout: (reference: String, name: String)
            if name.hasSuffix(".yaml") || name.contains("/") {
                let path = name.hasPrefix("/") ? name : folder.path + "/" + name
                layout = (path, LayoutLibrary.name(of: path))
            } else if shipped.contains(name) {
                layout = (name, name)
            } else {
                let suggestion = closest(to: name, among: shipped).map { "did you mean '\($0)'? " } ?? ""
                failures.append((folder.path, .error(at: location, "unknown layout '\(name)'",
                                                     hint: suggestion + "the layouts are \(shipped.joined(separator: ", ")); or give a .yaml file")))
                continue
            }
            // A layout listed twice is rendered once; two of one name fail the second only.
            if layouts.contains(where: { $0.reference == layout.reference }) { continue }
            if let other = layouts.first(where: { $0.name == layout.name }) {
                failures.append((folder.path, .error(at: location, "this layout and \(other.reference) are both named '\(layout.name)': their PDFs would overwrite each other",
                                                     hint: "rename one of the files")))
                continue
            }
            layouts.append(layout)
        }
        return layouts
    }

    /// Every layout the jobs name, loaded once; one that fails fails only its jobs. The font
    /// families come from Fontconfig alone, the bundled fonts' and those each layout lists and
    /// `extraFonts` add: no Pango object may exist before the workers are forked.
    public static func loadLayouts(_ names: [String], extraFonts: [FontSources.Entry] = []) -> [String: Result<Layout, Diagnostic>] {
        var layouts: [String: Result<Layout, Diagnostic>] = [:]
        let fonts = Engine.fontFamilies(adding: extraFonts)
        for name in names {
            do throws(Diagnostic) {
                layouts[name] = .success(try LayoutLibrary.load(name, fonts: fonts))
            } catch {
                layouts[name] = .failure(error)
            }
        }
        return layouts
    }

    /// Runs jobs, with one worker in this process, else in `workers` child processes made with
    /// `fork`: call it before this process has started any thread, or made an engine (Pango
    /// starts threads), as the command line does. `ended` hears of each job as it ends, once,
    /// and keeps what it needs: nothing else keeps the results, so that a batch of thousands of
    /// rows uses the memory of a few. A failed job never stops the others.
    public static func run(_ jobs: [BatchJob], layouts: [String: Result<Layout, Diagnostic>], workers: Int,
                           options: RenderOptions, ended: (BatchResult) -> Void) {
        let folderProblems = makeOutputFolders(for: jobs)
        let renderer = JobRenderer(jobs: jobs, layouts: layouts, options: options, folderProblems: folderProblems)
        guard workers > 1 && jobs.count > 1 else {
            let engine = makeEngine()
            for index in jobs.indices { ended(BatchResult(index: index, job: jobs[index], outcome: renderer.render(index, engine: engine))) }
            return
        }
        var pool = WorkerPool(renderer: renderer, count: min(workers, jobs.count))
        pool.run { index, outcome in ended(BatchResult(index: index, job: jobs[index], outcome: outcome)) }
    }

    static func makeEngine() -> Result<Engine, Diagnostic> {
        do throws(Diagnostic) { return .success(try Engine()) } catch { return .failure(error) }
    }

    /// Creates the folders the jobs write to; returns why any could not be made, by folder.
    private static func makeOutputFolders(for jobs: [BatchJob]) -> [String: Diagnostic] {
        var problems: [String: Diagnostic] = [:]
        for folder in Set(jobs.map { Resources.parent(of: $0.output) }) {
            do throws(Diagnostic) { try Resources.makeFolder(folder) } catch { problems[folder] = error }
        }
        return problems
    }
}

/// Renders the jobs of a batch by their index, with an engine of the caller's.
struct JobRenderer {
    let jobs: [BatchJob]
    let layouts: [String: Result<Layout, Diagnostic>]
    let options: RenderOptions
    let folderProblems: [String: Diagnostic]

    func render(_ index: Int, engine: Result<Engine, Diagnostic>) -> Result<BatchOutput, Diagnostic> {
        let job = jobs[index]
        CrashReport.describe("rendering \(job.source) in the layout \(job.layout), job \(index + 1) of the batch")
        do throws(Diagnostic) {
            if let problem = folderProblems[Resources.parent(of: job.output)] { throw problem }
            let engine = try engine.get()
            guard let layout = try layouts[job.layout]?.get() else {
                throw .error("unknown layout '\(job.layout)'", hint: "`tract layouts` lists the layouts")
            }
            let parsed = job.completedSource
            let result = try engine.render(parsed, layout: layout, output: job.output, language: job.language, options: options)
            return .success(BatchOutput(files: result.files, pages: result.document.pages.count,
                                        headlineSize: result.document.headlineSize, bodySize: result.document.bodySize,
                                        warnings: result.warnings))
        } catch {
            return .failure(error)
        }
    }
}
