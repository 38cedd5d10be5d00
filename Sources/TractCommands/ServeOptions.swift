import ArgumentParser

/// What `tract serve` takes: the source or folder, where to listen, and the options of a render.
/// Read by `tract serve` for its help and checks, and by `tract-serve`, which it runs.
public struct ServeOptions: ParsableArguments {
    public init() {}

    public static let abstract = "Show a source or a leaflet folder in the browser, rendered again each time one of its files is saved."
    public static let discussion = """
        A page on http://127.0.0.1:PORT/ shows each leaflet's pages, with a switcher for the languages and \
        layouts of a folder, the diagnostics with their file:line:col, and a link to the PDF. It updates by \
        itself within a second of a save. The PDFs are written where `tract render` and `tract batch` put \
        them. The server answers only with what it rendered: no address reaches the file system. Ctrl-C ends it.
        """

    @Argument(help: "A leaflet source (fr.txt, en.md) or a leaflet folder.")
    public var source: String

    @Option(help: "The port to listen on; 0 picks a free one.")
    public var port: Int = 8090

    @Option(help: "The address to listen on: 127.0.0.1 (this machine only) unless another is given, such as 0.0.0.0 for every network.")
    public var host: String = "127.0.0.1"

    @OptionGroup public var options: SourceOptions

    public func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): a port is a number from 0 to 65535 (0 picks a free one)") }
    }
}
