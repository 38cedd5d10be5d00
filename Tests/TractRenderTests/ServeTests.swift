import Foundation
import Testing
import TestSupport

// `tract serve`: the page in a real browser (headless Chromium driven by Selenium, in
// scripts/browser-test), and the mistakes a user makes starting it.

@Test("serve shows the pages in a browser, updates them on a save, shows an error in the page, and serves nothing else")
func serveInTheBrowser() throws {
    let folder = try TemporaryFolder()
    // The screenshots are kept, to be looked at: output/ is the checkout's, and git ignores it.
    let screenshot = repositoryRoot + "/output/browser-test.png"
    try? FileManager.default.createDirectory(atPath: repositoryRoot + "/output", withIntermediateDirectories: true)
    try? FileManager.default.removeItem(atPath: screenshot)
    let result = try run("python3", [repositoryRoot + "/scripts/browser-test", tractProgram, folder.path, screenshot])
    #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
    let checks = result.stdout.split(separator: "\n").filter { $0.hasPrefix("ok: ") }
    // Every check of the script ran: the addresses, the image, the edit, the error, the switcher, Ctrl-C.
    #expect(checks.count == 32, "\(result.stdout)")
    #expect(!result.stdout.contains("FAIL"), "\(result.stdout)")
    #expect(FileManager.default.fileExists(atPath: screenshot))
}

@Test("serve refuses a port in use, a port out of range and a host that is no address, and --port 0 picks a free port")
func serveStartsOrSaysWhy() throws {
    let folder = try TemporaryFolder()
    try folder.write(try String(contentsOfFile: repositoryRoot + "/examples/kazakhstan/en.md", encoding: .utf8), to: "en.md")
    let script = """
        "$0" serve en.md --port 0 > first.log 2>&1 &
        pid=$!
        for i in $(seq 100); do grep -q 'wrote' first.log && break; sleep 0.1; done
        port=$(sed -n 's|.*http://127.0.0.1:\\([0-9]*\\)/.*|\\1|p' first.log)
        echo "port $port"
        "$0" serve en.md --port "$port" > second.log 2>&1
        echo "second status $?"
        kill -INT $pid
        wait $pid
        echo "first status $?"
        """
    let result = try run("sh", ["-c", script, tractProgram], in: folder.path)
    let port = result.stdout.split(separator: "\n").first { $0.hasPrefix("port ") }.flatMap { Int($0.dropFirst(5)) }
    #expect(port != nil && port != 0 && port != 8090, "\(result.stdout)")
    let second = try String(contentsOfFile: folder.path + "/second.log", encoding: .utf8)
    #expect(result.stdout.contains("second status 1"), "\(result.stdout)")
    #expect(second.contains("error: cannot listen on 127.0.0.1:\(port ?? 0): the port is in use"), "\(second)")
    #expect(second.contains("hint: choose another with --port N, or --port 0 for a free one"), "\(second)")
    #expect(!second.contains("wrote"), "nothing is rendered by a server that cannot listen: \(second)")
    #expect(result.stdout.contains("first status 0"), "\(result.stdout)")

    let range = try run(tractProgram, ["serve", "en.md", "--port", "70000"], in: folder.path)
    #expect(range.status != 0 && range.stderr.contains("a port is a number from 0 to 65535"), "\(range.stderr)")
    let host = try run(tractProgram, ["serve", "en.md", "--host", "my-laptop", "--port", "0"], in: folder.path)
    #expect(host.status == 1 && host.stderr.contains("--host my-laptop: not an IP address"), "\(host.stderr)")
    #expect(!showsACrash(range.stderr + host.stderr + second))
}

@Test("serve shows a data merge's leaflets row by row")
func serveShowsEachRow() throws {
    let folder = try localGroups(table: threeGroups)
    let script = """
        "$0" serve groups --port 0 > serve.log 2>&1 &
        pid=$!
        for i in $(seq 300); do grep -q 'wrote' serve.log && break; sleep 0.1; done
        port=$(sed -n 's|.*http://127.0.0.1:\\([0-9]*\\)/.*|\\1|p' serve.log)
        curl -s "http://127.0.0.1:$port/state"
        echo
        pdftotext output/groups/bron/groups-en-a5-flyer.pdf - | tr '\\n' ' '
        kill -INT $pid
        wait $pid
        """
    let result = try run("sh", ["-c", script, tractProgram], in: folder.path)
    let lines = result.stdout.split(separator: "\n", maxSplits: 1)
    let state = try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any]
    // The row's values are in its leaflet, as in a batch.
    let text = lines.count > 1 ? String(lines[1]) : ""
    #expect(text.contains("SAVE THE BRON BUS LINE") && text.contains("bron@example.org") && !text.contains("{{"), "\(text)")
    let leaflets = state?["leaflets"] as? [[String: Any]] ?? []
    #expect(leaflets.compactMap { $0["row"] as? String }.sorted() == ["bron", "escape", "lyon-7e"], "\(result.stdout)")
    #expect(leaflets.allSatisfy { ($0["pages"] as? Int) == 1 && $0["layout"] as? String == "a5-flyer" })
}
