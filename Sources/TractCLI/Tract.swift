import ArgumentParser
import Tract
import TractCompose
import TractCore
import TractLayouts
import TractParse
import TractRender
import TractCommands

#if canImport(Glibc)
import Glibc
#endif

@main
struct TractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tract",
        abstract: "Turns the text of a leaflet into print-ready PDFs.",
        version: versionText,
        subcommands: [Render.self, BatchCommand.self, Watch.self, Serve.self, Check.self, Inspect.self, Layouts.self, Fonts.self]
    )

    static func main() {
        CrashReport.install()
        main(nil)
    }
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

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a leaflet source to a PDF.",
        discussion: "The PDF goes to output/NAME.pdf unless -o names another file."
    )

    @Argument(help: "The leaflet's text: plain text (.txt) or Markdown (.md), named by its language, such as fr.txt.")
    var source: String

    @OptionGroup var options: SourceOptions

    func run() throws {
        try running { () throws(Diagnostic) in
            CrashReport.describe("rendering \(source) in the layout \(options.layout ?? "of its front matter, or the default")")
            let engine = try Engine.forThisProcess()
            // Parsed once: its front matter may name the layout.
            let parsed = try engine.parseInFolder(source, language: options.language)
            try DataMerge.refusePlaceholders(in: parsed)
            let layout = try LayoutLibrary.load(options.layout ?? parsed.layout ?? Engine.defaultLayout, settings: options.settings,
                                                fonts: options.fonts.families)
            if options.output == nil { try ensureOutputFolder() }
            let result = try engine.render(parsed, layout: layout, output: options.output, language: options.language,
                                           options: RenderOptions(png: options.png, colour: options.colour.output))
            result.warnings.forEach(report)
            let document = result.document
            // A recto-verso layout says whether the leaflet needed its back.
            let pages = layout.maxPages > 1 ? (document.pages.count == 1 ? "1 page: it fits the front, " : "\(document.pages.count) pages, ") : ""
            print("wrote \(result.files.joined(separator: ", ")) (\(pages)headline \(document.headlineSize), body \(document.bodySize))")
        }
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show how a source was understood: the role of each block and why."
    )

    @Argument(help: "The leaflet's text.")
    var source: String

    func run() throws {
        try running { () throws(Diagnostic) in
            let parsed = try ParsedSource.parse(SourceFile.read(source))
            print("\(source): \(parsed.source.format.rawValue), \(parsed.recognized.count) blocks")
            print("language: " + languageLine(parsed))
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

    /// The source's language and where it comes from: what the source says, or the guess and why.
    private func languageLine(_ parsed: ParsedSource) -> String {
        if let tag = parsed.language { return "\(tag) (front matter `lang`)" }
        if let tag = LanguageTag.canonical(parsed.source.stem) { return "\(tag) (the file's name)" }
        let guess = Engine.guessLanguage(of: parsed)
        guard let tag = guess.language else {
            return "not told, and not clear from the text: \(guess.reason); pass --lang to choose"
        }
        return "\(tag), guessed: \(guess.reason)"
    }
}

struct Layouts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "layouts",
        abstract: "List the layouts, check a layout file, print the keys of the format, or preview the reference leaflet in every layout."
    )

    @Option(name: .customLong("check"), help: "Check a layout file (or a shipped layout's name) and report its first problem.")
    var file: String?

    @Flag(help: "Write output/layouts.png: the reference leaflet in every layout, side by side.")
    var preview = false

    @Option(help: "The leaflet the preview shows.")
    var source = "examples/kazakhstan/fr.txt"

    @Flag(help: "Print every key a layout may use, section by section, with its value, default and meaning.")
    var reference = false

    @OptionGroup var fonts: FontOptions

    func run() throws {
        try running { () throws(Diagnostic) in
            if reference {
                print(LayoutSchema.reference, terminator: "")
            } else if let file {
                let layout = try LayoutLibrary.load(file, fonts: fonts.families)
                print("\(file): ok (\(layout.name): \(layout.pages.map { "\($0.boxes.count) boxes" }.joined(separator: ", then ")))")
            } else if preview {
                try writePreview()
            } else {
                let layouts = try LayoutLibrary.available()
                let width = layouts.map(\.name.count).max() ?? 0
                for layout in layouts {
                    print(layout.name + String(repeating: " ", count: width - layout.name.count + 2) + layout.summary)
                }
            }
        }
    }

    private func writePreview() throws(Diagnostic) {
        let engine = try Engine.forThisProcess()
        var entries: [ContactSheetEntry] = []
        for item in try LayoutLibrary.available() {
            let layout = try LayoutLibrary.load(item.name, families: engine.typesetter.familyNames)
            let (document, _) = try engine.compose(source, layout: layout)
            entries.append(ContactSheetEntry(caption: item.name, pages: document.pages))
        }
        try ensureOutputFolder()
        try engine.typesetter.writeContactSheet(entries, to: "output/layouts.png")
        print("wrote output/layouts.png (\(entries.count) layouts)")
    }
}

struct Fonts: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fonts",
        abstract: "List the fonts: the families a layout may name, the scripts they cover, and each face's file.",
        discussion: "The bundled fonts, and with --layout or --fonts those a layout lists or a folder holds, marked as added."
    )

    @Option(help: "Also list the fonts this layout adds (its `fonts:` and `system-fonts:`).")
    var layout: String?

    @OptionGroup var fonts: FontOptions

    func run() throws {
        try running { () throws(Diagnostic) in
            var sources = FontSources.bundled.adding(fonts.entries)
            if let layout { sources = try LayoutLibrary.load(layout, fonts: fonts.families).fonts }
            let faces = try Typesetter(fonts: sources).faces
            // The first name is the family as layouts name it; the others are aliases.
            let families = Dictionary(grouping: faces) { $0.families[0] }
            for family in families.keys.sorted() {
                let members = families[family]!
                let added = members.allSatisfy(\.isBundled) ? "" : " (added)"
                print("\(family)\(added): \(Script.covered(by: members).joined(separator: ", "))")
                for face in members.map({ "\($0.style) (\($0.isBundled ? $0.file : $0.path))" }).sorted() { print("  " + face) }
            }
        }
    }
}
