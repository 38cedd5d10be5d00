import ArgumentParser
import Tract
import TractCommands
import TractCore
import TractParse

#if canImport(Glibc)
import Glibc
#endif

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report where the source's own characters differ from what tract prints, and fix them with --fix.",
        discussion: """
            Straight quotes, missing or wrong spaces before ; : ! ? and inside « », three dots, a spaced hyphen \
            for a dash, apostrophes, a capital that lost its accent: one warning each, with its place, by the \
            same rules as rendering. Exit status 0 when there is nothing to change, 1 otherwise.
            """
    )

    @Argument(help: "The leaflet's text: plain text (.txt) or Markdown (.md).")
    var source: String

    @Option(name: .customLong("lang"), help: "The source's language tag, when its file name is not one.")
    var language: String?

    @Flag(help: "Rewrite the file with the characters tract prints; line endings, front matter and markup are kept.")
    var fix = false

    @Option(help: "`text` (as a compiler writes) or `json` (for editors).")
    var format = "text"

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format must be text or json, not \(format)") }
    }

    func run() throws {
        var found = 0
        try running { () throws(Diagnostic) in
            let parsed = try ParsedSource.parse(SourceFile.read(source))
            let language = try Engine.languageAndNote(of: parsed, override: self.language).language
            let findings = try SourceCheck.findings(parsed, language: language)
            found = findings.count
            if fix {
                let fixable = findings.filter { $0.span != nil }
                if !fixable.isEmpty { try write(SourceCheck.fixed(parsed.source.text, fixable)) }
                print("\(source): fixed \(fixable.count) of \(findings.count)")
                found = findings.count - fixable.count
                for finding in findings where finding.span == nil { report(diagnostic(finding)) }
            } else if format == "json" {
                print(json(findings))
            } else {
                findings.forEach { report(diagnostic($0)) }
            }
        }
        if found > 0 { throw ExitCode.failure }
    }

    private func diagnostic(_ finding: CheckFinding) -> Diagnostic {
        .warning(at: finding.location, finding.message,
                 hint: finding.span == nil ? nil : "write “\(finding.printed)”, or run `tract check --fix \(source)`")
    }

    /// The findings as a JSON array, one object each.
    private func json(_ findings: [CheckFinding]) -> String {
        func quoted(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let items = findings.map { finding in
            "{\"file\": \(quoted(finding.location.file)), \"line\": \(finding.location.line ?? 0), \"column\": \(finding.location.column ?? 0), "
                + "\"message\": \(quoted(finding.message)), \"written\": \(quoted(finding.written)), \"printed\": \(quoted(finding.printed)), "
                + "\"fixable\": \(finding.span != nil)}"
        }
        return "[" + items.joined(separator: ",\n ") + "]"
    }

    /// Writes the fixed text over the source, through a temporary file renamed over it, with
    /// the file's byte-order mark and line endings as they were.
    private func write(_ text: String) throws(Diagnostic) {
        let original = try FileBytes.read(source, what: "source", example: "leaflet.txt", limit: FileBytes.sourceLimit)
        var output = text
        if original.contains(0x0D) {
            let crlf = original.indices.dropLast().contains { original[$0] == 0x0D && original[$0 + 1] == 0x0A }
            output = output.replacing("\n", with: crlf ? "\r\n" : "\r")
        }
        var bytes = Array(output.utf8)
        if original.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        var info = stat()
        stat(source, &info)
        let temporary = Resources.parent(of: source).isEmpty ? ".\(source).fix-\(getpid())"
            : Resources.parent(of: source) + "/.\(source.split(separator: "/").last!).fix-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, info.st_mode & 0o7777)
        guard descriptor >= 0 else {
            throw .error(at: SourceLocation(file: source), "cannot fix the source: \(String(cString: strerror(errno)))",
                         hint: "check that its folder can be written; nothing was changed")
        }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let closed = close(descriptor)
        guard written == bytes.count, closed == 0, rename(temporary, source) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .error(at: SourceLocation(file: source), "cannot fix the source: \(reason)",
                         hint: "check that the disk is not full and the file can be replaced; nothing was changed")
        }
    }
}
