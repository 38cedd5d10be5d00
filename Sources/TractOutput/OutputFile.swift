import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// A file written under a temporary name beside its destination and renamed into place only
/// when complete, so a failed render never leaves a partial file behind.
package struct OutputFile {
    /// Where the file ends up.
    package let path: String
    /// Where it is written first.
    package let temporaryPath: String

    /// Checks that the destination's folder exists and can be written.
    package init(_ path: String) throws(Diagnostic) {
        let location = SourceLocation(file: path)
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else {
            throw .error(at: location, "the output path names a folder, not a file", hint: "add a file name, such as leaflet.pdf")
        }
        guard Resources.isDirectory(folder) else {
            throw .error(at: location, "cannot write the output: the folder '\(folder)' does not exist",
                         hint: "create it with `mkdir -p \(folder)`, or choose another path with -o")
        }
        guard access(folder, W_OK) == 0 else {
            throw .error(at: location, "cannot write the output: the folder '\(folder)' is not writable",
                         hint: "choose another path with -o, or change the folder's permissions")
        }
        if Resources.isDirectory(path) {
            throw .error(at: location, "cannot write the output: a folder has that name", hint: "choose another path with -o")
        }
        self.path = path
        temporaryPath = folder + "/." + name + ".tmp-\(getpid())-\(OutputFile.nextNumber())"
    }

    /// Moves the finished file into place.
    package func commit() throws(Diagnostic) {
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw .error(at: SourceLocation(file: path), "cannot write the output: \(reason)",
                         hint: "check that the folder accepts new files and the disk is not full")
        }
    }

    /// Removes the temporary file, if any.
    package func discard() {
        unlink(temporaryPath)
    }

    private static let lock = Lock()
    nonisolated(unsafe) private static var counter = 0

    /// A number unique in the process, so parallel jobs never share a temporary name.
    private static func nextNumber() -> Int {
        lock.withLock {
            counter += 1
            return counter
        }
    }
}
