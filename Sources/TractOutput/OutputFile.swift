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
        try OutputFile.checkReplaceable(path, at: location)
        guard name.utf8.count <= OutputFile.longestName else {
            throw .error(at: location, "cannot write the output: its name is \(name.utf8.count) bytes long, more than a file name can be",
                         hint: "choose a name of at most \(OutputFile.longestName) bytes with -o")
        }
        self.path = path
        // The temporary name keeps within the limit however long the file's own name is.
        let suffix = ".tmp-\(Resources.hostName)-\(getpid())-\(OutputFile.nextNumber())"
        temporaryPath = folder + "/." + OutputFile.prefix(of: name, bytes: OutputFile.longestName - 1 - suffix.utf8.count) + suffix
    }

    /// The longest file name the file systems tract writes to take, in bytes.
    static let longestName = 255

    /// The longest start of a name that fits in `bytes` of UTF-8, cut between characters.
    static func prefix(of name: String, bytes: Int) -> String {
        var result = ""
        var count = 0
        for character in name {
            count += character.utf8.count
            if count > bytes { break }
            result.append(character)
        }
        return result
    }

    /// Refuses a path the rename would wrongly replace: an input this process has read (the
    /// source, a layout, `leaflet.yaml`, a logo), or anything but a regular file (a device, a
    /// pipe, a link, whose node the rename would replace by a file).
    private static func checkReplaceable(_ path: String, at location: SourceLocation) throws(Diagnostic) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let kind = (info.st_mode & S_IFMT) == S_IFLNK ? "a link" : "not a regular file"
            throw .error(at: location, "cannot write the output: the path is \(kind), which writing would replace",
                         hint: "give -o the path of a new file, or of a PDF tract wrote before")
        }
        if FileBytes.wasRead(path) {
            throw .error(at: location, "cannot write the output over an input of this render",
                         hint: "give -o another path: the source, the layout, leaflet.yaml and the logo are never replaced")
        }
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
