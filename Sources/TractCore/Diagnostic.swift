/// Where something is in a source or layout file, for diagnostics.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file's path as the user gave it.
    public var file: String
    /// One-based line number, if the diagnostic concerns a line.
    public var line: Int?
    /// One-based column (in characters), if the diagnostic concerns a place in a line.
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, leaving out what is unknown.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }
}

/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable {
    case error
    case warning
    case note
}

/// A message for the user, printed compiler-style: `file:line:col: error: message`.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// Suggestions on how to fix the problem, one per line.
    public var hints: [String]

    public init(_ severity: Severity, at location: SourceLocation? = nil, _ message: String, hints: [String] = []) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hints = hints
    }

    /// An error, the usual kind thrown by the pipeline.
    public static func error(at location: SourceLocation? = nil, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hints: hint.map { [$0] } ?? [])
    }

    /// A warning: something to look at that does not stop the render.
    public static func warning(at location: SourceLocation? = nil, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hints: hint.map { [$0] } ?? [])
    }

    /// A note: what tract decided on its own, which the user may want to choose otherwise.
    public static func note(at location: SourceLocation? = nil, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.note, at: location, message, hints: hint.map { [$0] } ?? [])
    }

    /// The diagnostic as printed on stderr: the main line, then one `hint:` line per hint.
    public var description: String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        for hint in hints { text += "\n  hint: \(hint)" }
        return text
    }
}
