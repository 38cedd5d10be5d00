import Foundation
import Testing
@testable import TractParse
import TractCore
@_exported import TestSupport

/// Parses text as if it had been read from `path`.
func parse(_ text: String, path: String = "leaflet.txt") throws -> ParsedSource {
    try PlainTextParser.parse(SourceFile(path: path, text: text))
}

/// The diagnostic an operation throws, or nil (and a recorded issue) when it throws nothing.
func diagnostic(_ operation: () throws(Diagnostic) -> Void,
                sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
    do throws(Diagnostic) {
        try operation()
    } catch {
        return error
    }
    Issue.record("expected a diagnostic, got none", sourceLocation: sourceLocation)
    return nil
}

extension ParsedSource {
    /// The role of each block, in order.
    var roles: [Role] { recognized.map(\.block.role) }
    /// The plain text of each block, in order.
    var texts: [String] { recognized.map(\.block.text.string) }
}
