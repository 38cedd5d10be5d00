import ArgumentParser
import FlyingSocks
import Tract
import TractCommands
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// `tract serve`, a program of its own so that `tract` does not carry the HTTP server and what
/// it links: `tract serve` runs it, from beside `tract`.
@main
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tract serve", abstract: ServeOptions.abstract,
                                                    discussion: ServeOptions.discussion)

    @OptionGroup var serve: ServeOptions

    static func main() {
        CrashReport.install()
        main(nil)
    }

    func run() throws {
        let (source, host, port, options) = (serve.source, serve.host, serve.port, serve.options)
        try running { () throws(Diagnostic) in
            StopSignal.install()
            let store = PreviewStore()
            let bound = try PreviewServer.start(at: try socketAddress(host: host, port: port), store: store, describing: "\(host):\(port)")
            print("serving \(source) at http://\(host.contains(":") ? "[\(host)]" : host):\(bound)/ (Ctrl-C ends it)")
            fflush(nil)
            try LiveRenderer(source: source, options: options, previews: true).watch(stop: { StopSignal.isRequested }) { outcome in
                outcome.problems.forEach(report)
                outcome.warnings.forEach(report)
                store.publish(outcome)
                print("\(timeOfDay()) \(outcome.summary)")
                fflush(nil)
            }
            print("stopped serving \(source)")
        }
    }

    /// The address `--host` and `--port` name: an IPv4 or IPv6 address, or `localhost`.
    private func socketAddress(host: String, port: Int) throws(Diagnostic) -> PreviewServer.Address {
        let name = host == "localhost" ? "127.0.0.1" : host
        do {
            return name.contains(":") ? .ip6(try sockaddr_in6.inet6(ip6: name, port: UInt16(port)))
                : .ip4(try sockaddr_in.inet(ip4: name, port: UInt16(port)))
        } catch {
            throw .error("--host \(host): not an IP address", hint: "give an address such as 127.0.0.1, ::1 or 0.0.0.0")
        }
    }
}
