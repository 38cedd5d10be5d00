import ArgumentParser
import Tract
import TractCompose
import TractCore
import TractParse

#if canImport(Glibc)
import Glibc
#endif

@main
struct TractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tract",
        abstract: "Turns the text of a leaflet into print-ready PDFs.",
        version: tractVersion,
        subcommands: [Render.self, Inspect.self]
    )
}

extension Engine {
    // The engine lives as long as the process: tearing down Pango's and fontconfig's caches
    // just before exiting costs milliseconds and frees nothing the system would not.
    nonisolated(unsafe) private static var processEngine: Engine?

    /// The command line's engine, made on first use.
    static func forThisProcess() throws(Diagnostic) -> Engine {
        if let engine = processEngine { return engine }
        let engine = try Engine()
        processEngine = engine
        return engine
    }
}

/// The version `--version` prints.
let tractVersion = "0.1.0"

/// Prints a diagnostic on stderr, compiler-style.
func report(_ diagnostic: Diagnostic) {
    var text = diagnostic.description + "\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

/// Runs a command's body, turning a diagnostic into a message and a non-zero exit status.
func running(_ body: () throws(Diagnostic) -> Void) throws {
    do {
        try body()
    } catch {
        report(error)
        throw ExitCode.failure
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a leaflet source to a PDF.",
        discussion: "The PDF goes to output/NAME.pdf unless -o names another file."
    )

    @Argument(help: "The leaflet's text: a .txt file named by its language, such as fr.txt.")
    var source: String

    @Option(name: .shortAndLong, help: "Where to write the PDF.")
    var output: String?

    @Flag(help: "Also write a PNG preview beside the PDF.")
    var png = false

    @Option(name: .customLong("lang"), help: "The source's language tag, when its file name is not one.")
    var language: String?

    func run() throws {
        try running { () throws(Diagnostic) in
            let engine = try Engine.forThisProcess()
            if output == nil { try ensureOutputFolder() }
            let result = try engine.render(source, layout: .a4Classic, output: output, png: png, language: language)
            result.warnings.forEach(report)
            let document = result.document
            print("wrote \(result.files.joined(separator: ", ")) (headline \(document.headlineSize), body \(document.bodySize))")
        }
    }

    /// The default output folder is created when missing; a folder named with -o must exist.
    private func ensureOutputFolder() throws(Diagnostic) {
        if !Resources.isDirectory("output") && mkdir("output", 0o755) != 0 {
            throw .error(at: SourceLocation(file: "output"), "cannot create the output folder: \(String(cString: strerror(errno)))",
                         hint: "choose where to write the PDF with -o")
        }
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how a source was understood: the role of each block and why."
    )

    @Argument(help: "The leaflet's text.")
    var source: String

    func run() throws {
        try running { () throws(Diagnostic) in
            let parsed = try PlainTextParser.parse(SourceFile.read(source))
            print("\(source): \(parsed.source.format.rawValue), \(parsed.recognized.count) blocks")
            let width = Role.allCases.map(\.rawValue.count).max()!
            for item in parsed.recognized {
                let lines = item.lines.count == 1 ? "\(item.lines.lowerBound)" : "\(item.lines.lowerBound)-\(item.lines.upperBound)"
                let role = item.block.role.rawValue + String(repeating: " ", count: width - item.block.role.rawValue.count)
                let number = String(repeating: " ", count: max(0, 5 - lines.count)) + lines
                print("\(number)  \(role)  \(excerpt(item.block.text.string))")
                print(String(repeating: " ", count: 9 + width) + "(\(item.reason))")
            }
        }
    }

    private func excerpt(_ text: String) -> String {
        text.count <= 72 ? text : String(text.prefix(71)) + "…"
    }
}
