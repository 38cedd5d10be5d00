import Foundation
import Testing
@testable import TractParse
import TractCore

/// A folder under /tmp that a test writes its source files into, removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "tract-parse-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes the bytes to a file in the folder and returns its path.
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes the text as UTF-8 to a file in the folder and returns its path.
    func write(_ text: String, to name: String) throws -> String {
        try write(Array(text.utf8), to: name)
    }
}

/// The repository's root, from this file's path.
let repositoryRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}()

/// The reference leaflet, in French.
let seedPath = repositoryRoot + "/examples/kazakhstan/fr.txt"

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
