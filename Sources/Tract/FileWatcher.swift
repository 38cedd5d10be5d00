import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// Waits for files to change, with Linux's inotify: it watches the folders that hold them, so
/// that an editor's save (often a new file renamed over the old one) is seen, and counts a
/// burst of events as one change.
public final class FileWatcher {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]

    public init() throws(Diagnostic) {
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw .error("cannot watch files: \(String(cString: strerror(errno)))",
                         hint: "raise the inotify limits (fs.inotify.max_user_instances) or close other watchers")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Watches the folders, once each; a folder that does not exist is left out.
    public func watch(folders paths: Set<String>) {
        let known = Set(folders.values)
        for path in paths.sorted() where !known.contains(path) {
            let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
            let watch = inotify_add_watch(descriptor, path, mask)
            if watch >= 0 { folders[watch] = path }
        }
    }

    /// Waits until a file of the watched folders changes, then for `quiet` seconds without a
    /// further change; returns the paths that changed, or nil when `stop()` says to end.
    /// Hidden files (an editor's swap file, tract's own temporary files) are left out.
    public func nextChange(quiet: Double = 0.1, stop: () -> Bool) -> Set<String>? {
        var changed: Set<String> = []
        while true {
            if stop() { return nil }
            let waited = wait(milliseconds: changed.isEmpty ? 200 : Int32(quiet * 1000))
            if waited.isEmpty {
                if !changed.isEmpty { return changed }
                continue
            }
            changed.formUnion(waited)
        }
    }

    /// The paths of the events that arrive within `milliseconds`.
    private func wait(milliseconds: Int32) -> Set<String> {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, milliseconds) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        var paths: Set<String> = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (watch, length) = buffer.withUnsafeBytes { bytes in
                let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, Int(event.len))
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            if let folder = folders[watch], !name.isEmpty, !name.hasPrefix(".") { paths.insert(folder + "/" + name) }
            offset += header + length
        }
        return paths
    }
}
