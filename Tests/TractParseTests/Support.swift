import Foundation
import Testing
@testable import TractParse
import TractCore
@_exported import TestSupport

/// Parses text as if it had been read from `path`.
func parse(_ text: String, path: String = "leaflet.txt") throws -> ParsedSource {
    try PlainTextParser.parse(SourceFile(path: path, text: text))
}

extension ParsedSource {
    /// The role of each block, in order.
    var roles: [Role] { recognized.map(\.block.role) }
    /// The plain text of each block, in order.
    var texts: [String] { recognized.map(\.block.text.string) }
}
