import TractCore
import TractParse
import TractPrepare

/// One place where a source's own characters differ from what tract prints, with the
/// characters to write there.
public struct CheckFinding: Sendable, Equatable {
    public var location: SourceLocation
    /// The characters of the source, and those tract prints in their place.
    public var written: String
    public var printed: String
    public var message: String
    /// The span of the source's characters to replace, as scalar offsets in the file; nil when
    /// the change is not one `--fix` makes (a lint's advice, a change across a line break).
    public var span: Range<Int>?
}

/// What `tract check` finds: the typography rules that rendering applies, run on each block
/// and compared with the block as written, and the lint's findings.
public enum SourceCheck {
    /// The findings of a parsed source in its language, in the order of the text.
    public static func findings(_ parsed: ParsedSource, language: String) throws(Diagnostic) -> [CheckFinding] {
        let rules = try Preparer(language: language).rules
        let file = SourceCharacters(parsed.source.text)
        var findings: [CheckFinding] = []
        for item in parsed.recognized {
            let block = item.block
            let written = block.text.scalars
            let printed = Typography.apply(block.text, rules).scalars
            let regions = changes(from: written, to: printed)
            for change in regions {
                let before = String(String.UnicodeScalarView(written[change.written]))
                let after = String(String.UnicodeScalarView(printed[change.printed]))
                // A space dropped from a run of them is said by `doubleSpaces`, at the run.
                if after.isEmpty, before.unicodeScalars.allSatisfy({ $0 == " " }) { continue }
                let span = file.span(of: change.written, in: block)
                findings.append(CheckFinding(location: block.location(ofCharacter: min(change.written.lowerBound, max(written.count - 1, 0))),
                                             written: before, printed: after,
                                             message: before.isEmpty ? "tract adds \(visible(after)) here"
                                                 : "tract prints \(visible(after)) here, not \(visible(before))",
                                             span: span))
            }
            // The places the rules change, but for a space dropped from a run, which is the run's.
            let changed = regions.filter { change in
                !(change.printed.isEmpty && written[change.written].allSatisfy { $0 == " " })
            }
            findings += doubleSpaces(in: block, file: file, except: changed.map(\.written))
            for lint in Typography.lint(block.text, rules) {
                findings.append(CheckFinding(location: block.location(ofCharacter: lint.offset), written: "", printed: "",
                                             message: lint.message + "; " + lint.hint, span: nil))
            }
        }
        return findings.sorted { ($0.location.line ?? 0, $0.location.column ?? 0) < ($1.location.line ?? 0, $1.location.column ?? 0) }
    }

    /// The runs of spaces the source has where the text has one (the parser reads a run as one
    /// space), within a line and outside the places the rules change.
    static func doubleSpaces(in block: Block, file: SourceCharacters, except changed: [Range<Int>]) -> [CheckFinding] {
        var findings: [CheckFinding] = []
        for index in block.text.scalars.indices where block.text.scalars[index] == " " {
            guard !changed.contains(where: { $0.contains(index) }), let start = file.offset(of: index, in: block) else { continue }
            var end = start
            while end < file.scalars.count, file.scalars[end] == " " || file.scalars[end] == "\t" { end += 1 }
            guard end - start >= 2, end < file.scalars.count, file.scalars[end] != "\n", file.scalars[end] != "\r" else { continue }
            findings.append(CheckFinding(location: block.location(ofCharacter: index), written: String(String.UnicodeScalarView(file.scalars[start..<end])),
                                         printed: " ", message: "\(end - start) spaces where tract prints one", span: start..<end))
        }
        return findings
    }

    /// The source's text with every fixable finding's characters replaced.
    public static func fixed(_ text: String, _ findings: [CheckFinding]) -> String {
        var scalars = Array(text.unicodeScalars)
        // From the end, so that the offsets before stay true.
        for finding in findings.sorted(by: { ($0.span?.lowerBound ?? 0) > ($1.span?.lowerBound ?? 0) }) {
            guard let span = finding.span, span.upperBound <= scalars.count else { continue }
            scalars.replaceSubrange(span, with: finding.printed.unicodeScalars)
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The regions where two texts differ, as ranges of each, from their longest common
    /// subsequence.
    static func changes(from written: [Unicode.Scalar], to printed: [Unicode.Scalar])
        -> [(written: Range<Int>, printed: Range<Int>)] {
        let difference = printed.difference(from: written)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var regions: [(written: Range<Int>, printed: Range<Int>)] = []
        var i = 0, j = 0
        while i < written.count || j < printed.count {
            if i < written.count, j < printed.count, !removed.contains(i), !inserted.contains(j) {
                i += 1
                j += 1
                continue
            }
            let (start, startPrinted) = (i, j)
            while i < written.count, removed.contains(i) { i += 1 }
            while j < printed.count, inserted.contains(j) { j += 1 }
            regions.append((start..<i, startPrinted..<j))
        }
        return regions
    }

    /// A text for a message, with its invisible characters named.
    static func visible(_ text: String) -> String {
        if text.isEmpty { return "nothing" }
        let names: [Unicode.Scalar: String] = [" ": "a space", "\u{00A0}": "a no-break space", "\u{202F}": "a narrow no-break space"]
        let parts = text.unicodeScalars.map { names[$0] ?? "" }
        if parts.allSatisfy({ !$0.isEmpty }) { return parts.joined(separator: " and ") }
        return "“" + String(text.unicodeScalars.map { names[$0] != nil ? "\u{2423}" : Character($0) }) + "”"
            + (text.unicodeScalars.contains { names[$0] != nil } ? " (␣: " + Set(text.unicodeScalars.compactMap { names[$0] }).sorted().joined(separator: ", ") + ")" : "")
    }
}

/// Where a block's characters are in the file: offsets from their recorded positions.
extension SourceCharacters {
    /// The offset of a block's character in the file, from its recorded position.
    func offset(of index: Int, in block: Block) -> Int? {
        guard block.positions.indices.contains(index) else { return nil }
        return offset(of: block.positions[index])
    }

    /// The file's characters that a range of a block's characters was written as: nil when they
    /// cannot be told apart from markup or run across a line break.
    func span(of range: Range<Int>, in block: Block) -> Range<Int>? {
        let start: Int
        if range.isEmpty {
            // An insertion goes before the character at the range, or after the last one.
            if let at = offset(of: range.lowerBound, in: block) { start = at }
            else if range.lowerBound > 0, let last = offset(of: range.lowerBound - 1, in: block) { start = last + 1 }
            else { return nil }
            return start..<start
        }
        guard let first = offset(of: range.lowerBound, in: block), let last = offset(of: range.upperBound - 1, in: block),
              last >= first else { return nil }
        // The written characters must be there as such: no line break between them. A space
        // is placed where the search stood, which may be on markup just before it (`** !`).
        let expected = Array(block.text.scalars[range])
        let markup: Set<Unicode.Scalar> = ["*", "_", "`", "~"]
        var from = first
        while from < scalars.count, from < first + 4, markup.contains(scalars[from]), !markup.contains(expected[0]) { from += 1 }
        let span = from..<(from + expected.count)
        guard span.upperBound <= scalars.count, Array(scalars[span]) == expected, last - first + 1 <= expected.count + 4 else { return nil }
        return span
    }
}
