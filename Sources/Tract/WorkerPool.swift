import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// Child processes that render a batch's jobs, handed out one at a time as each worker becomes
/// free, so that a long job never holds up the rest.
///
/// A worker keeps to one source, in all its layouts, while it can: its first job in a language
/// pays for the hyphenation dictionary, the fonts and the preparation of the text, and the
/// others reuse them. When no source is left untouched, a free worker takes the last job of
/// the worker with the most still waiting.
///
/// The parent writes a job's index on a worker's input pipe; the worker answers with one line
/// holding the job's outcome. A worker that dies mid-job (a crash in a C library) fails that
/// job alone, and a new worker takes its place for the jobs still waiting.
struct WorkerPool {
    private let renderer: JobRenderer
    private let count: Int
    private var workers: [Worker] = []
    /// The jobs no worker has taken yet, one group per source, in the jobs' order.
    private var groups: [[Int]]
    /// Which jobs have ended; their outcomes go to the caller as they come.
    private var reported: [Bool]

    init(renderer: JobRenderer, count: Int) {
        self.renderer = renderer
        self.count = count
        reported = Array(repeating: false, count: renderer.jobs.count)
        var groups: [[Int]] = []
        for (index, job) in renderer.jobs.enumerated() {
            if let last = groups.last?.last, renderer.jobs[last].source == job.source {
                groups[groups.count - 1].append(index)
            } else {
                groups.append([index])
            }
        }
        self.groups = groups
    }

    /// Whether some job is still waiting for a worker.
    private var jobsWaiting: Bool {
        !groups.isEmpty || workers.contains { !$0.queue.isEmpty }
    }

    /// The next job for a worker: the next of its source's, else the first of a source no one
    /// has started, else one taken from the worker with the most waiting.
    private mutating func nextJob(for index: Int) -> Int? {
        if !workers[index].queue.isEmpty { return workers[index].queue.removeFirst() }
        if !groups.isEmpty {
            workers[index].queue = groups.removeFirst()
            return workers[index].queue.removeFirst()
        }
        guard let busiest = workers.indices.max(by: { workers[$0].queue.count < workers[$1].queue.count }),
              !workers[busiest].queue.isEmpty else { return nil }
        return workers[busiest].queue.removeLast()
    }

    /// A child process and the pipes to it.
    private struct Worker {
        var pid: pid_t
        /// The parent's end of the pipe the worker reads job indices from; -1 once closed.
        var input: Int32
        /// The parent's end of the pipe the worker writes outcomes to.
        var output: Int32
        /// The job the worker is on.
        var current: Int?
        /// The jobs of its source it will do next.
        var queue: [Int] = []
        /// Bytes read that do not yet make a whole line.
        var pending: [UInt8] = []
    }

    /// Runs every job; `ended` hears of each as it ends. Outcomes come back in the jobs' order.
    mutating func run(_ ended: (Int, Result<BatchOutput, Diagnostic>) -> Void) {
        // What this process has printed but not written would be written again by each child.
        fflush(nil)
        // A worker that dies makes writing to it fail with EPIPE rather than kill this process.
        signal(SIGPIPE, SIG_IGN)
        for _ in 0..<count {
            guard let worker = spawn() else { break }
            workers.append(worker)
            handOut(to: workers.count - 1)
        }
        while workers.contains(where: { $0.output >= 0 }) {
            var polled = workers.map { pollfd(fd: $0.output, events: Int16(POLLIN), revents: 0) }
            if poll(&polled, nfds_t(polled.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in workers.indices where polled[index].revents != 0 && workers[index].output >= 0 {
                read(from: index, ended)
            }
        }
        // Jobs no worker could take (fork failed from the start) fail with the reason.
        for index in reported.indices where !reported[index] {
            let problem = Diagnostic.error(at: SourceLocation(file: renderer.jobs[index].output),
                                           "no worker process could be started: \(String(cString: strerror(errno)))",
                                           hint: "run the batch with --jobs 1")
            ended(index, .failure(problem))
        }
    }

    /// Gives a worker the next job, or closes its input when none is left, so that it exits.
    private mutating func handOut(to index: Int) {
        guard let job = nextJob(for: index) else {
            if workers[index].input >= 0 { close(workers[index].input) }
            workers[index].input = -1
            workers[index].current = nil
            return
        }
        workers[index].current = job
        // A worker that is gone fails to read this; its end of file reports the job.
        _ = writeAll(workers[index].input, Array("\(job)\n".utf8))
    }

    /// Reads what a worker wrote: whole lines are outcomes; the end of the pipe means it exited.
    private mutating func read(from index: Int, _ ended: (Int, Result<BatchOutput, Diagnostic>) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(workers[index].output, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { return }
        guard count > 0 else {
            finish(index, ended)
            return
        }
        workers[index].pending += buffer[..<count]
        while let newline = workers[index].pending.firstIndex(of: 0x0A) {
            let line = String(decoding: workers[index].pending[..<newline], as: UTF8.self)
            workers[index].pending.removeSubrange(...newline)
            guard let (job, outcome) = OutcomeCodec.decode(line), job == workers[index].current else { continue }
            reported[job] = true
            ended(job, outcome)
            handOut(to: index)
        }
    }

    /// A worker's output pipe ended: reap it, fail the job it was on, and start another worker
    /// if jobs are still waiting.
    private mutating func finish(_ index: Int, _ ended: (Int, Result<BatchOutput, Diagnostic>) -> Void) {
        close(workers[index].output)
        workers[index].output = -1
        if workers[index].input >= 0 { close(workers[index].input) }
        workers[index].input = -1
        var status: Int32 = 0
        while waitpid(workers[index].pid, &status, 0) < 0 && errno == EINTR {}
        if let job = workers[index].current {
            let how = (status & 0x7F) != 0 ? "was killed by signal \(status & 0x7F)" : "exited with status \((status >> 8) & 0xFF)"
            let problem = Diagnostic.error(at: SourceLocation(file: renderer.jobs[job].source),
                                           "the worker rendering \(renderer.jobs[job].output) \(how)",
                                           hint: "render this source alone with `tract render` to see more; the other jobs went on")
            reported[job] = true
            ended(job, .failure(problem))
            workers[index].current = nil
            // Its waiting jobs go back to be handed out.
            if !workers[index].queue.isEmpty {
                groups.insert(workers[index].queue, at: 0)
                workers[index].queue = []
            }
            if jobsWaiting, let replacement = spawn() {
                workers.append(replacement)
                handOut(to: workers.count - 1)
            }
        }
    }

    /// Starts a worker process; nil when the pipes or the fork fail.
    private func spawn() -> Worker? {
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0 else { return nil }
        guard pipe(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            return nil
        }
        let pid = fork()
        if pid == 0 {
            // The child: only its own two pipe ends stay open, so that each worker's end of
            // file reaches the parent when that worker exits.
            close(toChild[1])
            close(fromChild[0])
            for worker in workers {
                if worker.input >= 0 { close(worker.input) }
                if worker.output >= 0 { close(worker.output) }
            }
            serve(input: toChild[0], output: fromChild[1])
        }
        close(toChild[0])
        close(fromChild[1])
        guard pid > 0 else {
            close(toChild[1]); close(fromChild[0])
            return nil
        }
        return Worker(pid: pid, input: toChild[1], output: fromChild[0])
    }

    /// The worker's loop: read a job's index, render it, write its outcome; exit at end of input.
    private func serve(input: Int32, output: Int32) -> Never {
        let engine = Batch.makeEngine()
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                guard let index = Int(line), renderer.jobs.indices.contains(index) else { _exit(2) }
                let encoded = OutcomeCodec.encode(index, renderer.render(index, engine: engine)) + "\n"
                guard writeAll(output, Array(encoded.utf8)) else { _exit(3) }
            }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            // _exit, not exit: the parent's buffers and exit handlers are not the child's to run.
            guard count > 0 else { _exit(0) }
            pending += buffer[..<count]
        }
    }
}

/// Writes every byte, retrying short writes; false if the pipe is closed.
private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return false }
        offset += written
    }
    return true
}

/// A job's outcome as one line of text, for the pipe from a worker to the parent: fields
/// separated by U+001F, with backslash escapes for the separator, new lines and backslashes.
enum OutcomeCodec {
    static func encode(_ index: Int, _ outcome: Result<BatchOutput, Diagnostic>) -> String {
        var fields = ["\(index)"]
        switch outcome {
        case .success(let output):
            fields += ["ok", "\(output.files.count)"] + output.files
            fields += ["\(output.pages)", "\(output.headlineSize.value)", "\(output.bodySize.value)", "\(output.warnings.count)"]
            for warning in output.warnings { fields += diagnosticFields(warning) }
        case .failure(let problem):
            fields += ["failed"] + diagnosticFields(problem)
        }
        return fields.map(escaped).joined(separator: "\u{1F}")
    }

    static func decode(_ line: String) -> (Int, Result<BatchOutput, Diagnostic>)? {
        var fields = line.split(separator: "\u{1F}", omittingEmptySubsequences: false).map { unescaped(String($0)) }[...]
        func take() -> String? { fields.popFirst() }
        func number() -> Int? { take().flatMap { Int($0) } }
        guard let index = number(), let kind = take() else { return nil }
        if kind == "failed" {
            return diagnostic(&fields).map { (index, .failure($0)) }
        }
        guard kind == "ok", let fileCount = number(), fields.count >= fileCount else { return nil }
        let files = (0..<fileCount).compactMap { _ in take() }
        guard let pages = number(), let headline = take().flatMap(Double.init), let body = take().flatMap(Double.init),
              let warningCount = number() else { return nil }
        var warnings: [Diagnostic] = []
        for _ in 0..<warningCount {
            guard let warning = diagnostic(&fields) else { return nil }
            warnings.append(warning)
        }
        return (index, .success(BatchOutput(files: files, pages: pages, headlineSize: Points(headline),
                                            bodySize: Points(body), warnings: warnings)))
    }

    private static func diagnosticFields(_ diagnostic: Diagnostic) -> [String] {
        let location = diagnostic.location
        return [diagnostic.severity.rawValue, location == nil ? "0" : "1", location?.file ?? "",
                location?.line.map(String.init) ?? "", location?.column.map(String.init) ?? "",
                diagnostic.message, "\(diagnostic.hints.count)"] + diagnostic.hints
    }

    private static func diagnostic(_ fields: inout ArraySlice<String>) -> Diagnostic? {
        guard fields.count >= 7 else { return nil }
        let values = Array(fields.prefix(7))
        fields = fields.dropFirst(7)
        guard let severity = Severity(rawValue: values[0]), let hintCount = Int(values[6]), fields.count >= hintCount else {
            return nil
        }
        let location = values[1] == "1" ? SourceLocation(file: values[2], line: Int(values[3]), column: Int(values[4])) : nil
        let hints = Array(fields.prefix(hintCount))
        fields = fields.dropFirst(hintCount)
        return Diagnostic(severity, at: location, values[5], hints: hints)
    }

    private static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\n" || $0 == "\u{1F}" }) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\u{1F}": result += "\\u"
            default: result.append(character)
            }
        }
        return result
    }

    private static func unescaped(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                result += character == "n" ? "\n" : character == "u" ? "\u{1F}" : String(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
