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

    func run() throws {
        try running { () throws(Diagnostic) in
            StopSignal.install()
            try LiveRenderer(source: source, options: options).watch(stop: { StopSignal.isRequested }) { outcome in
                outcome.problems.forEach(report)
                outcome.warnings.forEach(report)
                print("\(timeOfDay()) \(outcome.summary)")
                fflush(nil)
            }
            print("stopped watching \(source)")
        }
    }
}
