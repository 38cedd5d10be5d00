import Tract
import TractCompose
import TractCore
import TractLayouts
import TractParse
import TractRender

#if canImport(Glibc)
import Glibc
#endif

/// One render of a source or a leaflet folder, as `watch` and `serve` make again at each save.
public struct LiveRender {
    /// One leaflet of the render: a language in a layout.
    public struct Entry {
        public var language: String
        public var layout: String
        /// The data row it was made for, by its slug as its files take it, in a data merge.
        public var row: String? = nil
        /// The files written, PDF first, then a PNG for each sheet when previews were asked.
        public var files: [String]
        /// Why it was not rendered; its last good files are left as they were.
        public var problem: Diagnostic?
    }

    public var leaflets: [Entry] = []
    /// Warnings about the text, with their places.
    public var warnings: [Diagnostic] = []
    /// What stopped the whole render: the source or the folder cannot be read, or every
    /// leaflet failed alike.
    public var failure: Diagnostic?
    /// The files the render read or would read, and the folders (ending in a slash) whose
    /// files it may read: what is watched.
    public var inputs: Set<String> = []
    public var milliseconds = 0

    /// The problems to show, each once: a broken layout fails every leaflet in it alike.
    public var problems: [Diagnostic] {
        var said: Set<String> = []
        return ([failure].compactMap { $0 } + leaflets.compactMap(\.problem)).filter { said.insert($0.description).inserted }
    }

    /// The line `watch` prints: what was written, or why not.
    public var summary: String {
        if let failure { return "not rendered: \(failure.message); the last good PDF is kept" }
        let written = leaflets.filter { $0.problem == nil }
        let failed = leaflets.count - written.count
        let what = leaflets.count == 1 && failed == 0 ? written[0].files.joined(separator: ", ")
            : "\(written.map(\.files.count).reduce(0, +)) files of \(leaflets.count) leaflets" + (failed == 0 ? "" : ", \(failed) failed")
        return "wrote \(what) (\(milliseconds) ms)"
    }
}

/// Renders a source or a leaflet folder with the options of `render`, for `watch` and `serve`.
public struct LiveRenderer {
    public var source: String
    public var options: SourceOptions
    /// PNG previews of every sheet, whatever `--png` says (`serve` shows them).
    public var previews = false

    public init(source: String, options: SourceOptions, previews: Bool = false) {
        self.source = source
        self.options = options
        self.previews = previews
    }

    private var renderOptions: RenderOptions {
        RenderOptions(png: options.png || previews, colour: options.colour.output)
    }

    public func render(_ engine: Engine) -> LiveRender {
        let start = ContinuousClock.now
        var outcome = LiveRender()
        outcome.inputs = [Resources.isDirectory(source) ? source + "/leaflet.yaml" : source]
        // A folder is written with a slash at its end: its files are watched (the shipped layouts,
        // which a layout may extend).
        if let shipped = LayoutLibrary.folder { outcome.inputs.formUnion([shipped + "/", shipped + "/shared/"]) }
        do throws(Diagnostic) {
            if Resources.isDirectory(source) { try renderFolder(engine, into: &outcome) } else { try renderSource(engine, into: &outcome) }
        } catch {
            outcome.failure = error
        }
        let elapsed = ContinuousClock.now - start
        outcome.milliseconds = Int((elapsed.seconds * 1000).rounded())
        outcome.inputs = Set(outcome.inputs.map(LiveRenderer.normalized))
        return outcome
    }

    private func renderSource(_ engine: Engine, into outcome: inout LiveRender) throws(Diagnostic) {
        outcome.inputs.insert(Resources.parent(of: source) + "/leaflet.yaml")
        let parsed = try engine.parseInFolder(source, language: options.language)
        try DataMerge.refusePlaceholders(in: parsed)
        if let logo = parsed.logo { outcome.inputs.insert(logo) }
        if let photo = parsed.photo { outcome.inputs.insert(photo.path) }
        let reference = options.layout ?? parsed.layout ?? Engine.defaultLayout
        outcome.inputs.insert(try LayoutLibrary.path(of: reference))
        let loaded = try LayoutLibrary.load(reference, settings: options.settings, fonts: options.fonts.families)
        for entry in loaded.fonts.entries { outcome.inputs.insert(Resources.isDirectory(entry.path) ? entry.path + "/" : entry.path) }
        if options.output == nil { try ensureOutputFolder() }
        let language = (try? Engine.language(of: parsed, override: options.language)) ?? options.language ?? "und"
        let result = try engine.render(parsed, layout: loaded, output: options.output, language: options.language,
                                       options: renderOptions)
        outcome.warnings = result.warnings
        outcome.leaflets = [LiveRender.Entry(language: language, layout: loaded.name, files: result.files)]
    }

    private func renderFolder(_ engine: Engine, into outcome: inout LiveRender) throws(Diagnostic) {
        // Every file of the folder is watched: its data table among them, also when it is
        // malformed and the plan could not read it.
        let folder = source.count > 1 && source.hasSuffix("/") ? String(source.dropLast()) : source
        outcome.inputs.insert(folder == "." ? "/" : folder + "/")
        let plan = Batch.plan([source])
        if let failure = plan.failures.first { throw failure.problem }
        let layouts = Batch.loadLayouts(plan.layoutNames, extraFonts: options.fonts.entries)
        for name in plan.layoutNames { if let path = try? LayoutLibrary.path(of: name) { outcome.inputs.insert(path) } }
        for job in plan.jobs {
            outcome.inputs.insert(job.source)
            var leaflet = LiveRender.Entry(language: job.language, layout: job.layoutName, row: job.row?.slug, files: [])
            do throws(Diagnostic) {
                let parsed = job.completedSource
                if let logo = parsed.logo { outcome.inputs.insert(logo) }
                if let photo = parsed.photo { outcome.inputs.insert(photo.path) }
                guard let layout = try layouts[job.layout]?.get() else { continue }
                try Resources.makeFolder(Resources.parent(of: job.output))
                let result = try engine.render(parsed, layout: layout, output: job.output, language: job.language,
                                               options: renderOptions)
                leaflet.files = result.files
                // A source's warnings come once, not once for each of its layouts.
                outcome.warnings += result.warnings.filter { !outcome.warnings.contains($0) }
            } catch {
                leaflet.problem = error
            }
            outcome.leaflets.append(leaflet)
        }
        if !outcome.leaflets.isEmpty, outcome.leaflets.allSatisfy({ $0.problem != nil }) {
            outcome.failure = outcome.problems[0]
        }
    }

    /// Renders, then again each time one of the render's inputs is saved, until `stop()` says
    /// to end; `rendered` is told of each render. A saved font makes a new engine, which loads
    /// its configuration again.
    public func watch(stop: @escaping () -> Bool, rendered: (LiveRender) -> Void) throws(Diagnostic) {
        let watcher = try FileWatcher()
        var engine = try Engine()
        var inputs: Set<String> = []
        while true {
            let outcome = render(engine)
            rendered(outcome)
            inputs.formUnion(outcome.inputs)
            watcher.watch(folders: Set(inputs.map { Resources.parent(of: $0) }.map { $0.isEmpty ? "." : $0 }))
            // Only the inputs count: the PDF written beside the source is no change.
            var changed: Set<String> = []
            while changed.isEmpty {
                guard let next = watcher.nextChange(stop: stop) else { return }
                changed = Set(next.map(LiveRenderer.normalized).filter { path in
                    inputs.contains(path) || inputs.contains(Resources.parent(of: path) + "/")
                })
            }
            if changed.contains(where: { path in [".ttf", ".otf", ".ttc", ".otc"].contains { path.lowercased().hasSuffix($0) } }) {
                Typesetter.forgetAddedFonts()
                engine = try Engine()
            }
        }
    }

    /// A path as the watch compares them: without a leading `./`.
    public static func normalized(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }
}

/// Ends `watch` and `serve` on Ctrl-C or SIGTERM, after the render in hand, even when the
/// process was started with these signals blocked (a test runner does that).
public enum StopSignal {
    nonisolated(unsafe) private static var requested: sig_atomic_t = 0

    public static var isRequested: Bool { requested != 0 }

    public static func install() {
        signal(SIGINT) { _ in StopSignal.requested = 1 }
        signal(SIGTERM) { _ in StopSignal.requested = 1 }
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}

/// The time of day, for each line `watch` and `serve` print.
public func timeOfDay() -> String {
    var now = time(nil)
    var parts = tm()
    localtime_r(&now, &parts)
    return String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
}
