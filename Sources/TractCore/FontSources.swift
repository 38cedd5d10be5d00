/// The fonts a render may use beyond the bundled ones: font files and folders a layout lists
/// (`fonts:`) or the command line gives (`--fonts DIR`), and the machine's own fonts when a
/// layout asks for them (`system-fonts: true`).
///
/// Two sources that name the same paths are the same fonts: a batch loads them once.
public struct FontSources: Hashable, Sendable {
    /// One font file or folder, with the place that named it for messages.
    public struct Entry: Hashable, Sendable {
        /// The path, from the current folder.
        public var path: String
        /// Where it was written: a layout's line, or nil for the command line.
        public var location: SourceLocation?

        public init(path: String, location: SourceLocation? = nil) {
            self.path = path
            self.location = location
        }

        // The place is for messages only.
        public static func == (left: Entry, right: Entry) -> Bool { left.path == right.path }
        public func hash(into hasher: inout Hasher) { hasher.combine(path) }

        /// Where messages about the entry point: its layout's line, else the path itself.
        public var place: SourceLocation { location ?? SourceLocation(file: path) }
    }

    public var entries: [Entry]
    /// Whether the machine's fonts are visible too.
    public var system: Bool

    public init(entries: [Entry] = [], system: Bool = false) {
        self.entries = entries
        self.system = system
    }

    /// Only the bundled fonts.
    public static let bundled = FontSources()

    public var isBundledOnly: Bool { entries.isEmpty && !system }

    /// These sources and `more` after them, each path once.
    public func adding(_ more: [Entry]) -> FontSources {
        var result = self
        for entry in more where !result.entries.contains(entry) { result.entries.append(entry) }
        return result
    }
}
