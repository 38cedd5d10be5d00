#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole file, with the errors a user can make turned into diagnostics.
public enum FileBytes {
    /// The bytes of a file; `what` names it in messages ("source", "layout") and `example` says
    /// what to give instead of a folder (".txt file").
    public static func read(_ path: String, what: String, example: String) throws(Diagnostic) -> [UInt8] {
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
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw .error(at: location, "cannot read the \(what): \(String(cString: strerror(errno)))",
                         hint: "check that the file can be read (`ls -l` shows its permissions)")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                throw .error(at: location, "cannot read the \(what): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
