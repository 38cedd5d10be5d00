import Dispatch
import FlyingFox
import FlyingSocks
import Tract
import TractCommands
import TractCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

#if canImport(Glibc)
import Glibc
#endif

/// What the page shows, from the last render: each leaflet's PDF and page images, kept in
/// memory, and the diagnostics. A leaflet that failed keeps its last good files.
final class PreviewStore: @unchecked Sendable {
    struct Leaflet {
        var language: String
        var layout: String
        var row: String?
        var pdfName = ""
        var pdf: [UInt8] = []
        var pages: [[UInt8]] = []
        var problem: String?
    }

    private let lock = Lock()
    private var generation = 0
    private var leaflets: [Leaflet] = []
    private var diagnostics: [Diagnostic] = []
    private var summary = ""
    private var listeners: [Int: AsyncStream<Int>.Continuation] = [:]
    private var nextListener = 0

    /// Takes in a render: the files it wrote are read into memory, and every page is told.
    func publish(_ outcome: LiveRender) {
        var fresh: [Leaflet] = []
        for entry in outcome.leaflets {
            var leaflet = lock.withLock { leaflets.first { $0.language == entry.language && $0.layout == entry.layout && $0.row == entry.row } }
                ?? Leaflet(language: entry.language, layout: entry.layout, row: entry.row)
            leaflet.problem = entry.problem?.description
            if entry.problem == nil, let pdf = entry.files.first, let bytes = try? FileBytes.read(pdf, what: "PDF", example: "fr.pdf", limit: 1 << 30, isInput: false) {
                leaflet.pdf = bytes
                leaflet.pdfName = String(pdf.split(separator: "/").last ?? "leaflet.pdf")
                leaflet.pages = entry.files.dropFirst().filter { $0.hasSuffix(".png") }.compactMap {
                    try? FileBytes.read($0, what: "preview", example: "fr.png", limit: 1 << 28, isInput: false)
                }
            }
            fresh.append(leaflet)
        }
        let (now, listeners) = lock.withLock {
            // A render that read nothing (the source cannot be read) keeps the last pages.
            if !fresh.isEmpty { leaflets = fresh }
            diagnostics = outcome.problems + outcome.warnings
            summary = "\(timeOfDay()) \(outcome.summary)"
            generation += 1
            return (generation, Array(self.listeners.values))
        }
        for listener in listeners { listener.yield(now) }
    }

    /// The page's view of the store, as JSON.
    func state() -> Data {
        lock.withLock {
            let view = StateView(
                generation: generation, summary: summary,
                leaflets: leaflets.enumerated().map { index, leaflet in
                    StateView.LeafletView(language: leaflet.language, layout: leaflet.layout, row: leaflet.row, pages: leaflet.pages.count,
                                          pdf: leaflet.pdf.isEmpty ? nil : "/pdf/\(index)/\(PreviewRoute.escaped(leaflet.pdfName))",
                                          problem: leaflet.problem)
                },
                diagnostics: diagnostics.map { diagnostic in
                    StateView.DiagnosticView(severity: diagnostic.severity.rawValue, location: diagnostic.location?.description,
                                             message: diagnostic.message, hints: diagnostic.hints)
                })
            return (try? JSONEncoder().encode(view)) ?? Data("{}".utf8)
        }
    }

    func pdf(_ index: Int, named name: String) -> [UInt8]? {
        lock.withLock { leaflets.indices.contains(index) && leaflets[index].pdfName == name && !leaflets[index].pdf.isEmpty ? leaflets[index].pdf : nil }
    }

    func page(_ index: Int, _ page: Int) -> [UInt8]? {
        lock.withLock { leaflets.indices.contains(index) && leaflets[index].pages.indices.contains(page) ? leaflets[index].pages[page] : nil }
    }

    /// The generation of each render from now on, for one page's WebSocket.
    func updates() -> AsyncStream<Int> {
        AsyncStream { continuation in
            let id = lock.withLock {
                nextListener += 1
                listeners[nextListener] = continuation
                return nextListener
            }
            continuation.onTermination = { [weak self] _ in self?.lock.withLock { _ = self?.listeners.removeValue(forKey: id) } }
        }
    }

    struct StateView: Encodable {
        struct LeafletView: Encodable {
            var language: String
            var layout: String
            var row: String?
            var pages: Int
            var pdf: String?
            var problem: String?
        }
        struct DiagnosticView: Encodable {
            var severity: String
            var location: String?
            var message: String
            var hints: [String]
        }
        var generation: Int
        var summary: String
        var leaflets: [LeafletView]
        var diagnostics: [DiagnosticView]
    }
}

/// The addresses the server answers, and nothing else: the page, its state, the updates, and
/// the PDF and page images of a leaflet by its number. No part of an address is a file's path.
enum PreviewRoute: Equatable {
    case page
    case state
    case events
    case pdf(Int, String)
    /// A leaflet's page image, by the leaflet's number and the page's, from 1.
    case image(Int, Int)

    /// The route of a request's path, decoded as the server gives it; nil for any other.
    init?(path: String) {
        guard path.hasPrefix("/") else { return nil }
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func number(_ text: String) -> Int? {
            guard !text.isEmpty, text.count <= 6, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(text)
        }
        switch parts.count {
        case 1 where parts[0] == "": self = .page
        case 1 where parts[0] == "state": self = .state
        case 1 where parts[0] == "events": self = .events
        case 3 where parts[0] == "pdf":
            guard let index = number(parts[1]), parts[2].hasSuffix(".pdf") else { return nil }
            self = .pdf(index, parts[2])
        case 3 where parts[0] == "page":
            guard let index = number(parts[1]), parts[2].hasSuffix(".png"), let page = number(String(parts[2].dropLast(4))), page >= 1
            else { return nil }
            self = .image(index, page)
        default: return nil
        }
    }

    /// A file name as it goes into an address: letters, digits and `-_.` as they are.
    static func escaped(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}

/// The HTTP side of `serve`.
enum PreviewServer {
    /// Where to listen: the socket's family is known from its address's type.
    enum Address: Sendable {
        case ip4(sockaddr_in)
        case ip6(sockaddr_in6)
    }

    /// Starts listening in the background; returns the port, once the socket is bound, or the
    /// reason it could not be.
    static func start(at address: Address, store: PreviewStore, describing name: String) throws(Diagnostic) -> UInt16 {
        let outcome = StartOutcome()
        Task.detached {
            let handler = PreviewHandler(store: store)
            let server = switch address {
            case .ip4(let address): HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)
            case .ip6(let address): HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handler)
            }
            let watcher = Task {
                do {
                    try await server.waitUntilListening(timeout: 10)
                    if case .ip4(_, let port) = await server.listeningAddress { outcome.finish(.success(port)) }
                    else if case .ip6(_, let port) = await server.listeningAddress { outcome.finish(.success(port)) }
                    else { outcome.finish(.failure("the server has no address")) }
                } catch {
                    outcome.finish(.failure("the server did not start listening"))
                }
            }
            do {
                try await server.run()
            } catch {
                // Said first: the watcher, cancelled, would say less.
                if case SocketError.failed(_, let code, _) = error, code == EADDRINUSE { outcome.finish(.inUse) }
                else { outcome.finish(.failure("\(error)")) }
                watcher.cancel()
            }
        }
        switch outcome.wait() {
        case .success(let port): return port
        case .inUse:
            throw .error("cannot listen on \(name): the port is in use", hint: "choose another with --port N, or --port 0 for a free one")
        case .failure(let reason):
            throw .error("cannot listen on \(name): \(reason)", hint: "check --host and --port")
        }
    }

    /// The first word of the server task: the port it listens on, or why it could not.
    private final class StartOutcome: @unchecked Sendable {
        enum Result { case success(UInt16), inUse, failure(String) }
        private let lock = Lock()
        private let done = DispatchSemaphore(value: 0)
        private var result: Result?

        func finish(_ value: Result) {
            let first = lock.withLock { () -> Bool in
                guard result == nil else { return false }
                result = value
                return true
            }
            if first { done.signal() }
        }

        func wait() -> Result {
            done.wait()
            return lock.withLock { result! }
        }
    }
}

/// Answers the page's requests from the store.
struct PreviewHandler: HTTPHandler {
    let store: PreviewStore

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else { return answer(.methodNotAllowed, "text/plain", Data("GET only\n".utf8)) }
        switch PreviewRoute(path: request.path) {
        case .page:
            return answer(.ok, "text/html; charset=utf-8", Data(previewPage.utf8))
        case .state:
            return answer(.ok, "application/json", store.state())
        case .events:
            return try await WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: Updates(store: store))).handleRequest(request)
        case .pdf(let index, let name):
            guard let bytes = store.pdf(index, named: name) else { break }
            return answer(.ok, "application/pdf", Data(bytes))
        case .image(let index, let page):
            guard let bytes = store.page(index, page - 1) else { break }
            return answer(.ok, "image/png", Data(bytes))
        case nil:
            break
        }
        return answer(.notFound, "text/plain", Data("not found\n".utf8))
    }

    private func answer(_ status: HTTPStatusCode, _ type: String, _ body: Data) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: type, HTTPHeader("Cache-Control"): "no-store"], body: body)
    }

    /// The generation of each render, sent to a page as a text message.
    struct Updates: WSMessageHandler {
        let store: PreviewStore

        func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
            let updates = store.updates()
            return AsyncStream { continuation in
                let task = Task {
                    for await generation in updates { continuation.yield(.text(String(generation))) }
                    continuation.finish()
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }
    }
}
