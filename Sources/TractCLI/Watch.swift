import ArgumentParser
import Tract
import TractCompose
import TractCore
import TractLayouts
import TractParse
import TractRender

#if canImport(Glibc)
import Glibc
#endif

/// Set by Ctrl-C: the watch ends after the render in hand.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Render a source or a leaflet folder, then again each time one of its files is saved.",
        discussion: """
            The source, its leaflet.yaml, the layout and the layouts it extends, the logo, the photo and the \
            fonts are watched. Each render prints one line; on an error the last good PDF stays. Ctrl-C ends it.
            """
    )

    @Argument(help: "A leaflet source (fr.txt, en.md) or a leaflet folder.")
    var source: String

    @OptionGroup var options: SourceOptions

    var output: String? { options.output }
    var png: Bool { options.png }
    var language: String? { options.language }
    var layout: String? { options.layout }
    var settings: [String] { options.settings }
    var colour: ColourOptions { options.colour }
    var fonts: FontOptions { options.fonts }

    func run() throws {
        try running { () throws(Diagnostic) in
            signal(SIGINT) { _ in stopRequested = 1 }
            signal(SIGTERM) { _ in stopRequested = 1 }
            // A parent may have started tract with these signals blocked (a test runner does).
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, SIGINT)
            sigaddset(&signals, SIGTERM)
            pthread_sigmask(SIG_UNBLOCK, &signals, nil)
            let watcher = try FileWatcher()
            var engine = try Engine()
            var inputs: Set<String> = []
            while true {
                inputs.formUnion(renderOnce(engine).map(Watch.normalized))
                watcher.watch(folders: Set(inputs.map { Resources.parent(of: $0) }.map { $0.isEmpty ? "." : $0 }))
                // Only the inputs count: the PDF written beside the source is no change.
                var changed: Set<String> = []
                while changed.isEmpty {
                    guard let next = watcher.nextChange(stop: { stopRequested != 0 }) else { break }
                    changed = Set(next.map(Watch.normalized).filter { path in
                        inputs.contains(path) || inputs.contains(Resources.parent(of: path) + "/")
                    })
                }
                if changed.isEmpty { break }
                // A font changed: its configuration is loaded again, by a new engine.
                if changed.contains(where: { path in [".ttf", ".otf", ".ttc", ".otc"].contains { path.lowercased().hasSuffix($0) } }) {
                    Typesetter.forgetAddedFonts()
                    engine = try Engine()
                }
            }
            print("stopped watching \(source)")
        }
    }

    /// Renders once, printing what was written or what went wrong; returns the files the render
    /// read or would read, and the folders (ending in a slash) whose files it may read, to watch.
    private func renderOnce(_ engine: Engine) -> Set<String> {
        let start = ContinuousClock.now
        var inputs: Set<String> = [Resources.isDirectory(source) ? source + "/leaflet.yaml" : source]
        // A folder is written with a slash at its end: its files are watched (the shipped layouts,
        // which a layout may extend).
        if let shipped = LayoutLibrary.folder { inputs.formUnion([shipped + "/", shipped + "/shared/"]) }
        do throws(Diagnostic) {
            let written = Resources.isDirectory(source) ? try renderFolder(engine, inputs: &inputs) : try renderSource(engine, inputs: &inputs)
            let elapsed = ContinuousClock.now - start
            let milliseconds = Int((Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15).rounded())
            print("\(clock()) wrote \(written) (\(milliseconds) ms)")
        } catch {
            report(error)
            print("\(clock()) not rendered: \(error.message); the last good PDF is kept, and the watch goes on")
        }
        fflush(nil)
        return inputs
    }

    private func renderSource(_ engine: Engine, inputs: inout Set<String>) throws(Diagnostic) -> String {
        inputs.insert(Resources.parent(of: source) + "/leaflet.yaml")
        let parsed = try engine.parseInFolder(source, language: language)
        if let logo = parsed.logo { inputs.insert(logo) }
        if let photo = parsed.photo { inputs.insert(photo.path) }
        let reference = layout ?? parsed.layout ?? Engine.defaultLayout
        inputs.insert(try LayoutLibrary.path(of: reference))
        let loaded = try LayoutLibrary.load(reference, settings: settings, fonts: fonts.families)
        for entry in loaded.fonts.entries { inputs.insert(Resources.isDirectory(entry.path) ? entry.path + "/" : entry.path) }
        if output == nil { try ensureOutputFolder() }
        let result = try engine.render(parsed, layout: loaded, output: output, language: language,
                                       options: RenderOptions(png: png, colour: colour.output))
        result.warnings.forEach(report)
        return result.files.joined(separator: ", ")
    }

    private func renderFolder(_ engine: Engine, inputs: inout Set<String>) throws(Diagnostic) -> String {
        let plan = Batch.plan([source])
        if let failure = plan.failures.first { throw failure.problem }
        let layouts = Batch.loadLayouts(plan.layoutNames, extraFonts: fonts.entries)
        for name in plan.layoutNames { if let path = try? LayoutLibrary.path(of: name) { inputs.insert(path) } }
        var files = 0
        var failed: [Diagnostic] = []
        for job in plan.jobs {
            inputs.insert(job.source)
            do throws(Diagnostic) {
                let parsed = job.folder.complete(job.parsed, language: job.language)
                if let logo = parsed.logo { inputs.insert(logo) }
                if let photo = parsed.photo { inputs.insert(photo.path) }
                guard let layout = try layouts[job.layout]?.get() else { continue }
                try Resources.makeFolder(Resources.parent(of: job.output))
                let result = try engine.render(parsed, layout: layout, output: job.output, language: job.language,
                                               options: RenderOptions(png: png, colour: colour.output))
                files += result.files.count
            } catch {
                failed.append(error)
            }
        }
        // A broken layout fails every job in it alike: it is said once.
        var said: Set<String> = []
        let distinct = failed.filter { said.insert($0.description).inserted }
        guard failed.count < plan.jobs.count else {
            distinct.dropFirst().forEach(report)
            throw distinct[0]
        }
        distinct.forEach(report)
        return "\(files) files of \(plan.jobs.count) leaflets" + (failed.isEmpty ? "" : ", \(failed.count) failed")
    }

    /// A path as the watch compares them: without a leading `./`.
    static func normalized(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }

    /// The time of day, for each line.
    private func clock() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
