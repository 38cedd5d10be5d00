#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole file, with the errors a user can make turned into diagnostics.
public enum FileBytes {
    /// The most bytes read of a source, and of a layout or `leaflet.yaml`.
    public static let sourceLimit = 10 << 20
    public static let settingsLimit = 1 << 20
    /// The most bytes read of a data merge's table: a million rows of a hundred bytes.
    public static let dataLimit = 100 << 20

    /// The bytes of a regular file of at most `limit` bytes; `what` names it in messages
    /// ("source", "layout") and `example` says what to give instead of a folder (".txt file").
    /// A device or a pipe is refused before a byte is read: reading one could block forever or
    /// never end.
    ///
    /// A file read is an input that no output of the process may replace, unless `isInput` is
    /// false (a PDF tract wrote itself, read back to finish it).
    public static func read(_ path: String, what: String, example: String, limit: Int,
                            isInput: Bool = true) throws(Diagnostic) -> [UInt8] {
        let location = SourceLocation(file: path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .error(at: location, "cannot read the \(what): \(String(cString: strerror(errno)))",
                         hint: "check the path; `ls` shows the files in a folder")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .error(at: location, "this is a folder, not a \(what) file",
                         hint: "give the path of a \(example) inside it")
        }
        // Opened without waiting and looked at once open, so that what is checked is what is
        // read: opening a pipe does not block, and its reading never starts.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw .error(at: location, "cannot read the \(what): \(String(cString: strerror(errno)))",
                         hint: "check that the file can be read (`ls -l` shows its permissions)")
        }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw .error(at: location, "this is not a file but a \(kind(info.st_mode)): tract reads a \(what) only from a file",
                         hint: "save the \(what) as a file and give its path")
        }
        guard Int(info.st_size) <= limit else {
            throw .error(at: location, "the \(what) is \(megabytes(Int(info.st_size))), more than the \(megabytes(limit)) tract reads",
                         hint: "check the path: a \(what) is a much smaller file")
        }
        if isInput { noteRead(info) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                throw .error(at: location, "cannot read the \(what): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            // A file that grows while it is read is held to the same limit.
            guard bytes.count <= limit else {
                throw .error(at: location, "the \(what) is more than the \(megabytes(limit)) tract reads",
                             hint: "check the path: a \(what) is a much smaller file")
            }
        }
        return bytes
    }

    /// The files this process has read: an output never replaces one. A file is known by its
    /// device, inode and status-change time, so that a new file given the inode of one deleted
    /// since is not taken for it.
    nonisolated(unsafe) private static var readFiles: Set<[Int]> = []
    private static let lock = Lock()

    private static func identity(_ info: stat) -> [Int] {
        [Int(info.st_dev), Int(info.st_ino), Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)]
    }

    private static func noteRead(_ info: stat) {
        lock.withLock { _ = readFiles.insert(identity(info)) }
    }

    /// Notes a file as an input no output may replace, though it is not read.
    public static func noteInput(_ path: String) {
        var info = stat()
        if stat(path, &info) == 0 { noteRead(info) }
    }

    /// Whether the file at `path` is one this process has read.
    public static func wasRead(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return lock.withLock { readFiles.contains(identity(info)) }
    }

    /// What a file that is not a regular file is, in words.
    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFCHR, S_IFBLK: "device"
        case S_IFIFO: "pipe"
        case S_IFSOCK: "socket"
        default: "special file"
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes >> 10) KB"
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
