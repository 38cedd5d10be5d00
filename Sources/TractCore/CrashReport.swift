#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The line a crash leaves on stderr: a failed internal check (a trap, a bad access) is never
/// silent, but names what was being rendered and says it is a mistake of tract's to report.
///
/// The line is written ahead into a fixed buffer, since a signal handler may only call
/// `write`; `describe` changes it as the work moves from job to job.
public enum CrashReport {
    private static let capacity = 4096
    nonisolated(unsafe) private static let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var length = 0

    /// Says what the process is about to do, for the line a crash writes.
    public static func describe(_ work: String) {
        let line = "tract: internal error while \(work). This is a mistake in tract, not in your input: "
            + "please report it with the files named here.\n"
        let bytes = Array(line.utf8.prefix(capacity))
        length = 0
        for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
        length = bytes.count
    }

    /// Writes the line when the process traps or faults, then dies of the same signal. The
    /// handler runs on a stack of its own, so that a stack overflow is reported too.
    public static func install() {
        describe("running")
        let size = 1 << 16
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        sigaltstack(&stack, nil)
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
            _ = write(2, CrashReport.buffer, CrashReport.length)
            Glibc.signal(number, SIG_DFL)
            raise(number)
        }
        action.sa_flags = SA_ONSTACK
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
            sigaction(signal, &action, nil)
        }
    }
}
