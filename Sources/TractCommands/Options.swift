import ArgumentParser
import Tract
import TractCompose
import TractCore
import TractLayouts
import TractOutput

#if canImport(Glibc)
import Glibc
#endif

// What `tract` and `tract-serve` share: the options of a render, and how a command reports.

/// `--cmyk` and `--pdfx`, for `render` and `batch`.
public struct ColourOptions: ParsableArguments {
    public init() {}

    @Flag(help: "Convert the PDF to CMYK with Ghostscript, for a print shop that asks for it.")
    public var cmyk = false

    @Flag(help: "Write PDF/X-3 (CMYK with an output intent) with Ghostscript.")
    public var pdfx = false

    public func validate() throws {
        if cmyk && pdfx { throw ValidationError("--cmyk and --pdfx exclude each other: PDF/X-3 is already CMYK") }
    }

    public var output: ColourOutput { pdfx ? .pdfx : cmyk ? .cmyk : .rgb }
}

public struct FontOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("fonts"), help: ArgumentHelp("A folder of fonts (or one font file) whose families the layout's styles may name, besides the bundled ones and those the layout lists. May be given several times.",
                                                           valueName: "DIR"))
    public var paths: [String] = []

    public func validate() throws {
        for path in paths where access(path, F_OK) != 0 {
            throw ValidationError("--fonts \(path): no such file or folder")
        }
    }

    public var entries: [FontSources.Entry] { paths.map { FontSources.Entry(path: $0) } }
    /// How layouts find their families with these fonts added.
    public var families: FontFamilies { Engine.fontFamilies(adding: entries) }
}

/// The version `--version` prints.
public let tractVersion = "0.1.0"

/// What `--version` prints: the version, and where the fonts and layouts were found.
public let versionText = """
    tract \(tractVersion)
    fonts: \(Resources.folder("fonts") ?? "not found (set TRACT_HOME)")
    layouts: \(Resources.folder("layouts") ?? "not found (set TRACT_HOME)")
    """

/// Prints a diagnostic on stderr, compiler-style.
public func report(_ diagnostic: Diagnostic) {
    reportLines(diagnostic.description)  // what was printed before comes first
}

/// Prints text on stderr, as `report` prints a diagnostic.
public func reportLines(_ text: String) {
    writeToStandardError(text + "\n")
}

/// Writes text on stderr as it is, after what was printed on stdout before it.
public func writeToStandardError(_ text: String) {
    fflush(nil)
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

/// Creates `output/` under the current folder when it is missing.
public func ensureOutputFolder() throws(Diagnostic) {
    do throws(Diagnostic) {
        try Resources.makeFolder("output")
    } catch {
        var problem = error
        problem.hints = ["choose where to write with -o"]
        throw problem
    }
}

/// Runs a command's body, turning a diagnostic into a message and a non-zero exit status.
public func running(_ body: () throws(Diagnostic) -> Void) throws {
    do {
        try body()
    } catch {
        report(error)
        throw ExitCode.failure
    }
}

/// What `render` and `watch` take to render a source: where, which layout, which language,
/// settings, previews, colour for print and fonts.
public struct SourceOptions: ParsableArguments {
    public init() {}

    @Option(name: .shortAndLong, help: "Where to write the PDF (of a source; a folder's go to output/FOLDER/).")
    public var output: String?

    @Flag(help: "Also write a PNG preview beside the PDF.")
    public var png = false

    @Option(name: .customLong("lang"), help: "The source's language tag, when its file name is not one.")
    public var language: String?

    @Option(help: "The layout: a shipped layout's name (see `tract layouts`) or a .yaml file. Default: the source's front matter `layout`, else a4-classic.")
    public var layout: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Change one setting of the layout, as key.path=value.",
                                                          valueName: "key.path=value"))
    public var settings: [String] = []

    @OptionGroup public var colour: ColourOptions

    @OptionGroup public var fonts: FontOptions
}

