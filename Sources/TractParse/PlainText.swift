import TractCore

/// A block as the parser recognised it, with the reason, for `tract inspect`.
public struct RecognizedBlock: Hashable, Sendable {
    public var block: Block
    /// Why the block got its role, in a few words.
    public var reason: String
    /// The source lines the block was made of.
    public var lines: ClosedRange<Int>
}

/// The result of parsing: the leaflet and how each block was recognised.
public struct ParsedSource: Sendable {
    public var source: SourceFile
    public var recognized: [RecognizedBlock]
    /// The language the source says it is in (a Markdown front matter's `lang`).
    public var language: String?
    /// The layout the source asks for (front matter `layout`).
    public var layout: String?
    /// The web address the leaflet points to (front matter `url`).
    public var url: String?
    /// The logo's file (front matter `logo`), as a path from the current folder.
    public var logo: String?
    /// The photo (front matter `photo` and `photo-focus`), its path from the current folder.
    public var photo: Photo?
    /// The front matter's `photo-focus` and where it is written, which also applies to a photo
    /// leaflet.yaml gives.
    public var photoFocus: (point: FocusPoint, location: SourceLocation)?
    /// Keywords for the PDF's metadata (front matter `keywords`, separated by commas).
    public var keywords: [String] = []

    /// Keywords written as one line, separated by commas.
    public static func keywords(_ line: String) -> [String] {
        line.split(separator: ",").map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
            .filter { !$0.isEmpty }
    }

    /// A path written in a source or its leaflet.yaml, which is relative to the source's folder,
    /// as a path from the current folder.
    public static func path(_ written: String, besideSource source: String) -> String {
        let folder = Resources.parent(of: source)
        return written.hasPrefix("/") || folder.isEmpty ? written : folder + "/" + written
    }

    public init(source: SourceFile, recognized: [RecognizedBlock]) {
        self.source = source
        self.recognized = recognized
    }

    /// The content model, for the next stages.
    public var leaflet: Leaflet {
        Leaflet(language: language, blocks: recognized.map(\.block), url: url, logo: logo, photo: photo)
    }

    /// Parses a source in its format; each block knows where each of its characters was written.
    public static func parse(_ source: SourceFile) throws(Diagnostic) -> ParsedSource {
        var parsed = switch source.format {
        case .plainText: try PlainTextParser.parse(source)
        case .markdown: try MarkdownParser.parse(source)
        }
        let characters = SourceCharacters(source.text)
        for index in parsed.recognized.indices {
            let block = parsed.recognized[index].block
            parsed.recognized[index].block.positions = characters.positions(of: block.text, from: block.location)
        }
        return parsed
    }
}

/// Parses plain text in the shape of the reference leaflet (see DESIGN.md, Content).
///
/// Line 1 is the headline; line 2 the sub-headline when it is short; every further line, or
/// blank-line-separated block, is a paragraph; lines starting with a bullet are the demands,
/// and the paragraph just before them that ends with a colon is their lead-in; short lines
/// after the last demand are the signature, then the date.
public enum PlainTextParser {
    /// The longest headline, in characters: longer reads as a paragraph.
    static let headlineLimit = 150
    /// The longest sub-headline, in characters.
    static let subheadlineLimit = 180
    /// The longest signature or date line, in characters.
    static let closingLineLimit = 80
    /// A line at least this long that does not end a sentence is taken as hard-wrapped.
    static let wrappedLineLength = 60

    /// The markers that start a demand, each followed by a space.
    static let bulletMarkers: [Character] = ["-", "*", "•", "–", "—"]

    public static func parse(_ source: SourceFile) throws(Diagnostic) -> ParsedSource {
        let units = paragraphs(of: source.text)
        try checkHeadline(units, in: source)
        var roles: Roles = Array(repeating: nil, count: units.count)
        roles[0] = (.headline, "first line")
        let bulletIndices = units.indices.filter { units[$0].isBullet }
        markDemands(bulletIndices, of: units, in: &roles)
        markClosingLines(of: units, after: bulletIndices.last, in: &roles)
        if units.count > 2, roles[1] == nil, isSubheadline(units[1].text) {
            roles[1] = (.subheadline, "short line after the headline (\(units[1].text.count) characters)")
        }
        let recognized = recognized(units, roles: roles, lastDemand: bulletIndices.last ?? Int.max, file: source.path)
        return ParsedSource(source: source, recognized: recognized)
    }

    /// The role of each paragraph with why it has it; nil where no rule has given one yet.
    private typealias Roles = [(Role, String)?]

    /// Checks that the first paragraph can be the headline: there is one, it is not a list item,
    /// and it is short enough not to read as a paragraph.
    private static func checkHeadline(_ units: [Unit], in source: SourceFile) throws(Diagnostic) {
        guard let first = units.first else {
            throw SourceFile.emptySource(SourceLocation(file: source.path))
        }
        let headlineLocation = SourceLocation(file: source.path, line: first.lines.lowerBound, column: 1)
        if first.isBullet {
            throw .error(at: headlineLocation, "no headline: the first line is a list item",
                         hint: "put the headline on the first line, before the demands")
        }
        if first.text.count > headlineLimit {
            throw .error(at: headlineLocation,
                         "no headline: the first line is \(first.text.count) characters long and reads as a paragraph",
                         hint: "put a short headline (at most \(headlineLimit) characters) on the first line")
        }
    }

    /// Marks the list items as demands, and the paragraph before each list that ends with a
    /// colon as its lead-in.
    private static func markDemands(_ bulletIndices: [Int], of units: [Unit], in roles: inout Roles) {
        for index in bulletIndices {
            roles[index] = (.demand, "starts with '\(units[index].marker!)'")
        }
        // Each list of demands can have its lead-in, not only the first.
        for index in bulletIndices where index > 1 && !units[index - 1].isBullet && units[index - 1].text.hasSuffix(":") {
            roles[index - 1] = (.leadIn, "ends with a colon, just before the demands")
        }
    }

    /// Marks the closing lines, the signature and the date, among the short lines after the
    /// last demand (or after the sub-headline's place when there is none).
    private static func markClosingLines(of units: [Unit], after lastDemand: Int?, in roles: inout Roles) {
        // The closing lines: short lines at the very end, after the last demand or paragraph.
        var closing: [Int] = []
        var index = units.count - 1
        let closingStart = max(lastDemand.map { $0 + 1 } ?? 2, 1)
        while index >= closingStart, closing.count < 2, roles[index] == nil, isClosingLine(units[index].text) {
            closing.insert(index, at: 0)
            index -= 1
        }
        switch closing.count {
        case 2 where looksLikeDate(units[closing[0]].text) && !looksLikeDate(units[closing[1]].text):
            // "Paris, le 12 janvier 2022" above the signature, as in a letter.
            roles[closing[0]] = (.date, "short line at the end, looks like a date")
            roles[closing[1]] = (.signature, "last short line, after the date")
        case 2:
            roles[closing[0]] = (.signature, "short line at the end, no final full stop")
            roles[closing[1]] = (.date, "last short line")
        case 1 where looksLikeDate(units[closing[0]].text):
            roles[closing[0]] = (.date, "last short line, looks like a date")
        case 1:
            roles[closing[0]] = (.signature, "short line at the end, no final full stop")
        default:
            break
        }
    }

    /// The blocks of the paragraphs in their roles: those no rule gave one are the body, or the
    /// call to action after the last demand.
    private static func recognized(_ units: [Unit], roles: Roles, lastDemand: Int, file: String) -> [RecognizedBlock] {
        var recognized: [RecognizedBlock] = []
        for (index, unit) in units.enumerated() {
            let (role, reason) = roles[index] ?? (index > lastDemand
                ? (.callToAction, "paragraph after the demands")
                : (.body, "paragraph"))
            let location = SourceLocation(file: file, line: unit.lines.lowerBound, column: unit.column)
            recognized.append(RecognizedBlock(block: Block(role, StyledText(unit.text), at: location),
                                              reason: reason, lines: unit.lines))
        }
        return recognized
    }

    /// A paragraph of the source: one or more lines joined, with the bullet marker removed.
    struct Unit {
        var text: String
        var lines: ClosedRange<Int>
        /// The column where the text starts, after any bullet marker.
        var column: Int
        var marker: Character?
        var isBullet: Bool { marker != nil }
    }

    /// Splits the text into paragraphs: a blank line, a bullet or a line that ends a sentence
    /// ends one; a long line that stops mid-sentence is taken as hard-wrapped and joined.
    static func paragraphs(of text: String) -> [Unit] {
        // Split and trimmed by Unicode scalars: grapheme clusters are not needed to find line
        // ends and spaces, and are much slower to walk.
        let rawLines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
        let lines = rawLines.map(collapseSpaces)
        let closing = closingLineNumbers(lines)
        var units: [Unit] = []
        var canContinue = false
        for (offset, rawLine) in rawLines.enumerated() {
            let number = offset + 1
            let line = lines[offset]
            if line.isEmpty {
                canContinue = false
                continue
            }
            let indented = rawLine.first == " " || rawLine.first == "\t"
            let continuesBullet = indented && units.last?.isBullet == true && units.last?.lines.upperBound == number - 1
            let continuesWrapped = canContinue && !standsAlone(line, number: number, after: units, closing: closing)
            if let (marker, rest, column) = bullet(in: line, raw: rawLine) {
                units.append(Unit(text: rest, lines: number...number, column: column, marker: marker))
            } else if continuesWrapped || continuesBullet {
                units[units.count - 1].text += " " + line
                units[units.count - 1].lines = units[units.count - 1].lines.lowerBound...number
            } else {
                let column = rawLine.prefix { $0 == " " || $0 == "\t" }.count + 1
                units.append(Unit(text: line, lines: number...number, column: column, marker: nil))
            }
            canContinue = units.count > 1 && line.unicodeScalars.count >= wrappedLineLength && !endsSentence(line)
        }
        return units
    }

    /// Whether a line that follows a long line stopping mid-sentence still starts a block of its
    /// own: a capitalised line after a possible sub-headline (line 2 is the sub-headline when it
    /// is short), or a signature or date line at the end (a demand or paragraph without a final
    /// full stop must not swallow them). A line starting in lower case continues the sentence.
    static func standsAlone(_ line: String, number: Int, after units: [Unit], closing: Set<Int>) -> Bool {
        let startsLowercase = line.first?.isLowercase == true
        if closing.contains(number) { return !startsLowercase || looksLikeDate(line) }
        if units.count == 2, let second = units.last, !second.isBullet, second.lines.count == 1,
           isSubheadline(second.text) {
            return !startsLowercase
        }
        return false
    }

    /// The numbers of the last two non-blank lines when they could be the signature and date:
    /// short, not list items, and without a final full stop.
    static func closingLineNumbers(_ lines: [String]) -> Set<Int> {
        var numbers: Set<Int> = []
        for (offset, line) in lines.enumerated().reversed() where !line.isEmpty {
            guard numbers.count < 2, isClosingLine(line), bullet(in: line, raw: Substring(line)) == nil else { break }
            numbers.insert(offset + 1)
        }
        return numbers
    }

    /// The marker, the text after it and its column when a line is a list item.
    static func bullet(in line: String, raw: Substring) -> (Character, String, Int)? {
        guard let marker = line.first, bulletMarkers.contains(marker) else { return nil }
        let rest = line.dropFirst()
        guard rest.first == " " else { return nil }
        let text = rest.drop { $0 == " " }
        guard !text.isEmpty else { return nil }
        let leading = raw.prefix { $0 == " " || $0 == "\t" }.count
        let afterMarker = raw.dropFirst(leading + 1).prefix { $0 == " " || $0 == "\t" }.count
        return (marker, String(text), leading + 1 + afterMarker + 1)
    }

    /// The line with its ends trimmed and runs of spaces and tabs collapsed to one space.
    static func collapseSpaces(_ line: Substring) -> String {
        // Spaces and tabs are single UTF-8 bytes that never occur inside another character.
        var result: [UInt8] = []
        result.reserveCapacity(line.utf8.count)
        var pendingSpace = false
        for byte in line.utf8 {
            if byte == 0x20 || byte == 0x09 {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether a line ends with punctuation that closes a sentence (or a quotation or bracket).
    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.last else { return true }
        return ".!?:;…»\"”)".contains(last)
    }

    /// Whether a line could be the signature or the date: short, with no final full stop.
    static func isClosingLine(_ text: String) -> Bool {
        guard let last = text.last else { return false }
        return text.count <= closingLineLimit && !".!?:;…".contains(last)
    }

    /// Whether a closing line reads as a date rather than a signature: it has a digit.
    static func looksLikeDate(_ text: String) -> Bool {
        text.contains { $0.isNumber }
    }

    /// A sub-headline is one short sentence that does not introduce a list.
    static func isSubheadline(_ text: String) -> Bool {
        guard text.count <= subheadlineLimit, !text.hasSuffix(":") else { return false }
        let characters = Array(text)
        for index in characters.indices.dropLast(2) where ".!?".contains(characters[index]) {
            if characters[index + 1] == " ", characters[index + 2].isUppercase { return false }
        }
        return true
    }
}
