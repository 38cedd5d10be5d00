import Testing
@testable import TractCompose
import TractCore
import TractLayouts

#if canImport(Glibc)
import Glibc
#endif

/// Compares a composed page's text dump with a committed file. Set `TRACT_UPDATE_DUMPS=1` to
/// rewrite the files after an intended change, then read the diff before committing it.
private func expectDump(_ dump: String, matches name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let path = Fixtures.root + "/Tests/TractComposeTests/Dumps/\(name).txt"
    if getenv("TRACT_UPDATE_DUMPS") != nil {
        let file = fopen(path, "w")!
        fputs(dump, file)
        fclose(file)
        return
    }
    guard let file = fopen(path, "r") else {
        Issue.record("missing dump \(path): run the tests with TRACT_UPDATE_DUMPS=1", sourceLocation: sourceLocation)
        return
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while case let count = fread(&buffer, 1, buffer.count, file), count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
    let expected = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let actual = dump.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(actual, expected).enumerated().first { $0.element.0 != $0.element.1 }
    #expect(first == nil, "line \((first?.offset ?? 0) + 1) differs:\n  got      \(first?.element.0 ?? "")\n  expected \(first?.element.1 ?? "")",
            sourceLocation: sourceLocation)
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
}

// The reference leaflet composed with the font-free shaper: a change in line breaking,
// copyfitting or placement shows up as a diff in Dumps/seed-a4-classic.txt.
@Test("the reference leaflet's composed page matches its committed dump")
func seedDump() throws {
    let document = try Composer(layout: classicLayout, shaper: FakeShaper()).compose(Fixtures.seed(), info: DocumentInfo())
    try expectDump(document.dump(), matches: "seed-a4-classic")
}
