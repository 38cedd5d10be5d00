import ArgumentParser
import TractCommands
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// `tract serve`: checks its arguments, then runs `tract-serve`, installed beside `tract`, with
/// them. The server is a program of its own, so that every other command starts without it.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: ServeOptions.abstract,
                                                    discussion: ServeOptions.discussion)

    @OptionGroup var serve: ServeOptions

    func run() throws {
        try running { () throws(Diagnostic) in
            let server = Serve.companion()
            guard access(server, X_OK) == 0 else {
                throw .error("tract serve needs the program tract-serve beside tract, at \(server)",
                             hint: "build it with `swift build -c release` or install tract with `make install`")
            }
            // What followed `serve` on the command line goes to it as it was written.
            let arguments = Array(CommandLine.arguments.drop { $0 != "serve" }.dropFirst())
            fflush(nil)
            let argv = ([server] + arguments).map { strdup($0) } + [nil]
            execv(server, argv)
            throw .error("cannot run \(server): \(String(cString: strerror(errno)))", hint: "check that it is a program this machine can run")
        }
    }

    /// `tract-serve` in the folder of this program.
    static func companion() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let me = count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
        let folder = me.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return (folder.isEmpty ? "." : folder) + "/tract-serve"
    }
}
