import CCrypto
import TractCore
import TractLayouts
import TractParse

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#endif

/// SHA-256, by OpenSSL's libcrypto.
public enum SHA256 {
    public static func hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(done == 1, "EVP_Digest failed")
        return digest.prefix(Int(length)).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}

/// What a batch wrote, one JSON line per file in `OUTPUT/manifest.jsonl`: the row, the
/// language, the layout, the file, its pages and body size, its SHA-256, and a digest of what
/// it was made from. A batch appends to it as each leaflet is written, so that a batch stopped
/// half-way (even by `kill -9`) knows what it finished; when a file has several lines, the last
/// one counts. Shards writing to one folder append whole lines, which do not mix.
public struct BatchManifest {
    public struct Entry: Codable, Sendable, Equatable {
        public var table: String?
        public var row: Int?
        public var slug: String?
        public var language: String
        public var layout: String
        public var file: String
        public var pages: Int
        public var body: Double
        public var sha256: String
        /// A digest of the job's inputs: what --skip-existing compares.
        public var inputs: String
    }

    public let path: String
    /// The last entry of each file, as read when the batch started.
    public private(set) var entries: [String: Entry] = [:]

    /// The manifest of an output folder, read when it exists; a line that cannot be read (the
    /// last one of a batch killed while writing it) is left out.
    public init(folder: String) {
        path = folder + "/manifest.jsonl"
        guard let bytes = try? FileBytes.read(path, what: "manifest", example: "manifest.jsonl", limit: 1 << 30, isInput: false) else { return }
        let decoder = JSONDecoder()
        for line in bytes.split(separator: 0x0A) {
            if let entry = try? decoder.decode(Entry.self, from: Data(line)) { entries[entry.file] = entry }
        }
    }

    /// Whether a job's file is there, whole, as the manifest recorded it, made from the same inputs.
    public func isCurrent(_ job: BatchJob, inputs: String) -> Bool {
        guard let entry = entries[job.output], entry.inputs == inputs,
              let bytes = try? FileBytes.read(job.output, what: "PDF", example: "fr.pdf", limit: 1 << 30, isInput: false)
        else { return false }
        return SHA256.hex(bytes) == entry.sha256
    }

    /// Appends the entry of a job that was written, in one write.
    public func append(_ job: BatchJob, output: BatchOutput, inputs: String) throws(Diagnostic) {
        let bytes = try FileBytes.read(job.output, what: "PDF", example: "fr.pdf", limit: 1 << 30, isInput: false)
        let entry = Entry(table: job.row.map(\.file), row: job.row?.number, slug: job.row?.values["slug"], language: job.language,
                          layout: job.layoutName, file: job.output, pages: output.pages, body: (output.bodySize.value * 100).rounded() / 100,
                          sha256: SHA256.hex(bytes), inputs: inputs)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(entry) else { return }
        line.append(0x0A)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .error(at: SourceLocation(file: path), "cannot write the batch's manifest: \(String(cString: strerror(errno)))",
                         hint: "check that the output folder can be written")
        }
        defer { close(descriptor) }
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw .error(at: SourceLocation(file: path), "cannot write the batch's manifest: \(String(cString: strerror(errno)))",
                         hint: "check that the disk is not full")
        }
    }

    /// A digest of what a job is made from: tract's version, the source, leaflet.yaml, the data
    /// row, the layout's file and the shipped layouts it may extend, the language, the render's
    /// options, and the size and time of the logo and photo the row names (not the fonts). Files
    /// are read once per batch, through `files`.
    public static func inputs(of job: BatchJob, options: RenderOptions, version: String, files: inout [String: String]) -> String {
        func digest(_ path: String) -> String {
            if let known = files[path] { return known }
            let value = (try? FileBytes.read(path, what: "input", example: "fr.txt", limit: 1 << 30, isInput: false)).map(SHA256.hex) ?? "missing"
            files[path] = value
            return value
        }
        func stamp(_ path: String?) -> String {
            guard let path else { return "none" }
            var info = stat()
            guard stat(path, &info) == 0 else { return "missing" }
            return "\(info.st_size)-\(info.st_mtim.tv_sec)-\(info.st_mtim.tv_nsec)"
        }
        var parts = [version, job.language, job.layout, job.layoutName, job.output, digest(job.source), digest(job.folder.manifest.file),
                     "\(options.png)", "\(options.colour)"]
        if let layout = try? LayoutLibrary.path(of: job.layout) { parts.append(digest(layout)) }
        // The shipped layouts, which a layout may extend, and their shared files: listed and
        // read once a batch, kept under a key no path can be.
        let shippedKey = "\u{1F}shipped layouts"
        if files[shippedKey] == nil {
            var digests: [String] = []
            if let shipped = LayoutLibrary.folder {
                for folder in [shipped, shipped + "/shared"] {
                    for name in Resources.fileNames(in: folder).sorted() where name.hasSuffix(".yaml") { digests.append(digest(folder + "/" + name)) }
                }
            }
            files[shippedKey] = SHA256.hex(Array(digests.joined(separator: " ").utf8))
        }
        parts.append(files[shippedKey]!)
        if let row = job.row { parts += ["row=\(row.number)"] + row.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } }
        let completed = job.completedSource
        parts += [stamp(completed.logo), stamp(completed.photo?.path)]
        return SHA256.hex(Array(parts.joined(separator: "\u{1F}").utf8))
    }

    /// Whether a process runs: it exists and is not a zombie waiting to be reaped.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let stat = try? FileBytes.read("/proc/\(pid)/stat", what: "process status", example: "stat", limit: 4096, isInput: false),
              let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.count else { return true }
        return stat[close + 2] != UInt8(ascii: "Z")
    }

    /// Removes what a killed batch left in its output folders: the hidden temporary files
    /// (`.NAME.tmp-HOST-PID-N`) of this machine's processes that no longer run. Another
    /// machine's, on a shared folder, are left: its process numbers mean nothing here.
    public static func removeStaleTemporaryFiles(in folders: Set<String>) {
        for folder in folders {
            for name in Resources.fileNames(in: folder, hidden: true) where name.hasPrefix(".") {
                guard let range = name.ranges(of: ".tmp-\(Resources.hostName)-").last else { continue }
                let pid = name[range.upperBound...].prefix { $0.isNumber }
                guard let number = Int32(pid), !isRunning(number) else { continue }
                unlink(folder + "/" + name)
            }
        }
    }
}
