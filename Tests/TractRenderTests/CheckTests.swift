import Foundation
import Testing

// `tract check`: every place where the source's characters differ from what tract prints, at
// its line and column, in a compiler's format or as JSON; `--fix` writes them, keeping the
// line endings, the front matter and the markup, after which nothing is found and the PDF is
// the same.

private let typed = """
    ---
    lang: fr
    ---

    # Non a la repression !

    Il a dit "non"... Et apres ? Rien; rien  du tout - **vraiment** !

    - A bas le regime !

    """

@Test("check reports each difference at its place, and exits 1")
func checkReports() throws {
    let folder = try TemporaryFolder()
    try folder.write(typed, to: "fr.md")
    let result = try run(tractProgram, ["check", "fr.md"], in: folder.path)
    #expect(result.status == 1)
    let lines = result.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
    // The quotes, the three dots, the spaces before ? ; !, the spaced hyphen, the À.
    #expect(lines.contains { $0.hasPrefix("fr.md:7:10: warning:") }, "\(result.stderr)")
    #expect(lines.contains { $0.contains("fr.md:9:3: warning:") && $0.contains("à keeps its accent") }, "\(result.stderr)")
    #expect(lines.count >= 7, "\(result.stderr)")
    #expect(lines.contains { $0.contains("2 spaces where tract prints one") }, "\(result.stderr)")
    #expect(!showsACrash(result.stderr))
    let json = try run(tractProgram, ["check", "fr.md", "--format", "json"], in: folder.path)
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
    #expect(parsed?.count == lines.count, "\(json.stdout)")
    #expect(parsed?.first?["line"] as? Int != nil)
}

@Test("check --fix writes what tract prints: then nothing is found, CRLF endings and markup are kept, the PDF is the same")
func checkFixes() throws {
    let folder = try TemporaryFolder()
    let crlf = typed.replacingOccurrences(of: "\n", with: "\r\n")
    try folder.write(crlf, to: "fr.md")
    let before = try run(tractProgram, ["render", "fr.md", "-o", "before.pdf"], in: folder.path)
    #expect(before.status == 0, "\(before.stderr)")
    let fixed = try run(tractProgram, ["check", "--fix", "fr.md"], in: folder.path)
    #expect(fixed.stdout.contains("fixed"), "\(fixed.stdout) \(fixed.stderr)")
    let text = try String(contentsOfFile: folder.path + "/fr.md", encoding: .utf8)
    #expect(text.contains("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "line endings kept")
    #expect(text.contains("rien du tout") && text.hasPrefix("---\r\nlang: fr\r\n---") && text.contains("**vraiment**") && text.contains("«\u{202F}non\u{202F}»"), "\(text)")
    let again = try run(tractProgram, ["check", "fr.md"], in: folder.path)
    // What is left is advice the fix does not apply (the capital À).
    #expect(!again.stderr.contains("tract prints"), "\(again.stderr)")
    let after = try run(tractProgram, ["render", "fr.md", "-o", "after.pdf"], in: folder.path)
    #expect(after.status == 0)
    let one = try run("pdftotext", [folder.path + "/before.pdf", "-"]).stdout
    let two = try run("pdftotext", [folder.path + "/after.pdf", "-"]).stdout
    #expect(one == two)
}
