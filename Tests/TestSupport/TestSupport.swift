import Foundation
import TractCore

// What the test targets share: temporary folders, running programs, the repository's files.

/// A fresh temporary folder, removed when the object is released.
public final class TemporaryFolder: Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "tract-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes bytes to a file in the folder and returns its path.
    @discardableResult
    public func write(_ bytes: [UInt8], to name: String) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes text as UTF-8 to a file in the folder and returns its path.
    @discardableResult
    public func write(_ text: String, to name: String) throws -> String {
        try write(Array(text.utf8), to: name)
    }

    /// The names of the files in a subfolder (or the folder), hidden ones included, sorted.
    public func files(in subfolder: String = "") throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: subfolder.isEmpty ? path : path + "/" + subfolder).sorted()
    }
}

/// What a finished program printed and returned.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a program and waits for it; `program` is looked up in PATH unless it is a path.
public func run(_ program: String, _ arguments: [String], in folder: String? = nil,
                environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
    process.arguments = program.contains("/") ? arguments : [program] + arguments
    if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Both pipes are read before waiting, so a chatty program never blocks on a full pipe.
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// The repository's root, from this file's path.
public let repositoryRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}()

/// The reference leaflet's path and text.
public let seedPath = repositoryRoot + "/examples/kazakhstan/fr.txt"

public func seedText() throws -> String {
    try String(contentsOfFile: seedPath, encoding: .utf8)
}

/// The diagnostic an operation throws, or nil when it throws none. (This target is built with
/// the program too, where the Testing library is not available: callers assert on the result.)
public func diagnostic(_ operation: () throws(Diagnostic) -> Void) -> Diagnostic? {
    do throws(Diagnostic) {
        try operation()
    } catch {
        return error
    }
    return nil
}

/// Whether a program's stderr shows a crash (a Swift runtime error or a backtrace) rather than
/// a message for the user.
public func showsACrash(_ stderr: String) -> Bool {
    stderr.contains("Fatal error") || stderr.contains("Backtrac") || stderr.contains("Program crashed")
}
