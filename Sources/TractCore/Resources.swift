#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the folders tract ships beside its code: `fonts/` and `layouts/`.
///
/// `TRACT_HOME` wins when set; otherwise the folders are looked for above the running
/// executable, in each folder and in its `share/tract`: a build in `.build/release/` finds the
/// checkout it was built from, and `PREFIX/bin/tract` finds `PREFIX/share/tract` wherever the
/// prefix was installed or moved. Last come `/usr/local/share/tract` and `/usr/share/tract`.
public enum Resources {
    /// The folder that holds `name` (`"fonts"`, `"layouts"`), or nil when none is found.
    public static func folder(_ name: String) -> String? {
        for root in candidateRoots() {
            let path = root + "/" + name
            if isDirectory(path) { return path }
        }
        return nil
    }

    private static func candidateRoots() -> [String] {
        var roots: [String] = []
        if let home = getenv("TRACT_HOME"), home.pointee != 0 {
            roots.append(String(cString: home))
        }
        if let executable = executablePath() {
            var folder = parent(of: executable)
            while folder != "/" && !folder.isEmpty {
                roots.append(folder)
                roots.append(folder + "/share/tract")
                folder = parent(of: folder)
            }
        }
        roots.append("/usr/local/share/tract")
        roots.append("/usr/share/tract")
        return roots
    }

    /// The real path of the running program.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The folder part of a path ("" when there is none).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Whether a path names an existing folder.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates a folder and the folders above it that are missing, like `mkdir -p`.
    public static func makeFolder(_ path: String) throws(Diagnostic) {
        if path.isEmpty || isDirectory(path) { return }
        try makeFolder(parent(of: path))
        // The reason is taken before anything else can change errno.
        if mkdir(path, 0o755) != 0, case let reason = errno, !isDirectory(path) {
            throw .error(at: SourceLocation(file: path), "cannot create the folder: \(String(cString: strerror(reason)))",
                         hint: "check the permissions of the folder above it, or choose another output folder")
        }
    }

    /// This machine's name, letters and digits only: it marks the temporary files a process
    /// writes, so that a batch on a shared folder knows which are its machine's.
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let kept = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.prefix(24))
        return kept.isEmpty ? "host" : kept
    }()

    /// The names of the files in a folder, hidden ones left out unless asked, in no particular order.
    public static func fileNames(in folder: String, hidden: Bool = false) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name != ".", name != "..", hidden || !name.hasPrefix(".") { names.append(name) }
        }
        return names
    }
}
