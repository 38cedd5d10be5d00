import SwiftCSV
import TractCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The rows of a data merge: one leaflet per row, its values filling the `{{column}}`
/// placeholders. Read from CSV with a header row, TSV, or JSON Lines (one object per line), UTF-8.
public struct DataTable: Sendable {
    public var file: String
    public var columns: [String]
    public var rows: [DataRow]

    /// The formats, by the file's extension.
    public static let extensions = ["csv", "tsv", "jsonl", "ndjson"]

    /// Reads a table; every mistake is an error at its line.
    public static func read(_ path: String) throws(Diagnostic) -> DataTable {
        let bytes = try FileBytes.read(path, what: "data table", example: "groups.csv", limit: FileBytes.dataLimit)
        let kind = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        guard extensions.contains(kind) else {
            throw .error(at: SourceLocation(file: path), "a data table must be a .csv, .tsv or .jsonl file",
                         hint: "save the table as CSV with a header row (groups.csv), or give each row as a JSON object on its line (groups.jsonl)")
        }
        if let offset = SourceFile.firstInvalidUTF8(bytes) {
            let place = SourceFile.position(of: offset, in: bytes)
            throw .error(at: SourceLocation(file: path, line: place.line, column: place.column),
                         "the data table is not valid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                         hint: "save it as UTF-8: a spreadsheet's 'Save as' offers 'CSV UTF-8'")
        }
        var text = String(decoding: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes, as: UTF8.self)
        text = text.replacing("\r\n", with: "\n")
        // SwiftCSV drops an empty last field when no line break follows it (`bron,Bron,`).
        if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
        let table = kind == "jsonl" || kind == "ndjson" ? try jsonLines(text, path: path)
            : try delimited(text, path: path, delimiter: kind == "tsv" ? .tab : .comma)
        guard !table.rows.isEmpty else {
            throw .error(at: SourceLocation(file: path), "the data table has no rows",
                         hint: kind == "jsonl" || kind == "ndjson" ? "write one JSON object per line" : "write one row per leaflet under the header row")
        }
        return table
    }

    /// CSV or TSV: the header row names the columns; every row has as many fields.
    private static func delimited(_ text: String, path: String, delimiter: CSVDelimiter) throws(Diagnostic) -> DataTable {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, !first.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "," }) else {
            throw .error(at: SourceLocation(file: path, line: 1), "the data table has no header row",
                         hint: "name the columns on the first line: slug,city,contact")
        }
        var records: [[String]] = []
        var failure: Error?
        do {
            let csv = try CSV<Enumerated>(string: text, delimiter: delimiter, loadColumns: false)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { records.append($0) }
        } catch {
            failure = error
        }
        // The line each record starts on: one, and one more for each line break inside its fields.
        var starts: [Int] = []
        var line = 1
        for record in records {
            starts.append(line)
            line += 1 + record.reduce(0) { $0 + $1.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) } }
        }
        // A quote never closed can swallow the rows after it and still read as a table.
        if let (line, problem) = quoteProblem(in: text, delimiter: delimiter == .tab ? "\t" : ",") {
            throw .error(at: SourceLocation(file: path, line: line), problem,
                         hint: "a field with a comma, a quote or a line break is written between \"quotes\", a quote inside it as \"\"")
        }
        if failure != nil {
            throw .error(at: SourceLocation(file: path), "the data table cannot be read as \(delimiter == .tab ? "TSV" : "CSV")",
                         hint: "save it from a spreadsheet as CSV UTF-8")
        }
        guard let header = records.first else {
            throw .error(at: SourceLocation(file: path, line: 1), "the data table has no header row", hint: "name the columns on the first line")
        }
        let columns = header.map(trimmed)
        try checkColumns(columns, path: path, line: 1)
        var rows: [DataRow] = []
        for (index, record) in records.enumerated().dropFirst() {
            // A blank line, often the last, is no row.
            if record.allSatisfy({ trimmed($0).isEmpty }) { continue }
            guard record.count == columns.count else {
                throw .error(at: SourceLocation(file: path, line: starts[index]),
                             "this row has \(record.count) field\(record.count == 1 ? "" : "s") and the header \(columns.count)",
                             hint: "give every row one field per column; a field with a comma is written between \"quotes\"")
            }
            rows.append(DataRow(file: path, number: rows.count + 1, line: starts[index],
                                values: Dictionary(uniqueKeysWithValues: zip(columns, record))))
        }
        return DataTable(file: path, columns: columns, rows: rows)
    }

    /// Where the quotes of a CSV text go wrong, for the message: a quote opened and never
    /// closed (at the line it opens), or text after a closing quote or a quote inside an
    /// unquoted field (at its line). The table itself is read by SwiftCSV; this only finds the line.
    static func quoteProblem(in text: String, delimiter: Character) -> (line: Int, message: String)? {
        var line = 1
        var opened = 0
        var quoted = false
        var fieldStart = true
        var characters = text.makeIterator()
        var next = characters.next()
        while let character = next {
            next = characters.next()
            if quoted {
                if character == "\"" {
                    if next == "\"" { next = characters.next() }
                    else if next == nil || next == delimiter || next == "\n" { quoted = false }
                    else { return (line, "text follows a closing quote") }
                } else if character == "\n" {
                    line += 1
                }
                continue
            }
            if character == "\"" {
                guard fieldStart else { return (line, "a quote inside a field that does not start with one") }
                quoted = true
                opened = line
            } else if character == "\n" {
                line += 1
            }
            fieldStart = character == delimiter || character == "\n"
        }
        return quoted ? (opened, "a quote is opened here and never closed") : nil
    }

    /// JSON Lines: one object per line, its values text, numbers or true/false.
    private static func jsonLines(_ text: String, path: String) throws(Diagnostic) -> DataTable {
        var columns: [String] = []
        var rows: [DataRow] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { continue }
            let location = SourceLocation(file: path, line: index + 1)
            let object: [String: JSONField]
            do {
                object = try JSONDecoder().decode([String: JSONField].self, from: Data(line.utf8))
            } catch {
                throw .error(at: location, "this line is not a JSON object of text, numbers and true or false",
                             hint: "write each row as {\"slug\": \"lyon-7e\", \"city\": \"Lyon\"} on one line")
            }
            let keys = object.keys.sorted()
            try checkColumns(keys, path: path, line: index + 1)
            for key in keys where !columns.contains(key) { columns.append(key) }
            rows.append(DataRow(file: path, number: rows.count + 1, line: index + 1, values: object.mapValues(\.text)))
        }
        // A row without a key the others have would leave its placeholder as written.
        for row in rows {
            if let missing = columns.first(where: { row.values[$0] == nil }) {
                throw .error(at: SourceLocation(file: path, line: row.line), "this row has no \"\(missing)\", which other rows have",
                             hint: "give every row the same keys; write \"\(missing)\": \"\" for an empty value")
            }
        }
        return DataTable(file: path, columns: columns, rows: rows)
    }

    private static func checkColumns(_ columns: [String], path: String, line: Int) throws(Diagnostic) {
        for (index, column) in columns.enumerated() {
            guard Placeholders.isName(column) else {
                throw .error(at: SourceLocation(file: path, line: line),
                             column.isEmpty ? "column \(index + 1) has no name" : "'\(column)' cannot name a column",
                             hint: "name each column with letters, digits, - and _, such as slug or meeting_place")
            }
            if columns[..<index].contains(column) {
                throw .error(at: SourceLocation(file: path, line: line), "two columns are named '\(column)'",
                             hint: "give each column its own name")
            }
        }
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// A value of a JSON Lines row.
    private enum JSONField: Decodable {
        case text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .text(text) }
            else if let number = try? container.decode(Int.self) { self = .text(String(number)) }
            else if let number = try? container.decode(Double.self) { self = .text(String(number)) }
            else if let flag = try? container.decode(Bool.self) { self = .text(String(flag)) }
            else if container.decodeNil() { self = .text("") }
            else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a text value") }
        }

        var text: String { if case .text(let text) = self { text } else { "" } }
    }
}

/// One row of a data table.
public struct DataRow: Sendable, Hashable {
    public var file: String
    /// From 1, as a spreadsheet counts rows under its header.
    public var number: Int
    /// The line of the file the row starts on.
    public var line: Int
    public var values: [String: String]

    public init(file: String, number: Int, line: Int, values: [String: String]) {
        self.file = file
        self.number = number
        self.line = line
        self.values = values
    }

    /// The row's name in file names and in the preview's switcher: its `slug` column made a
    /// slug, else `row-N`.
    public var slug: String {
        guard let value = values["slug"], Placeholders.slug(value) != "row" else { return "row-\(number)" }
        return Placeholders.slug(value)
    }

    /// How messages name the row: `groups.csv:row 17 (slug lyon-7e)`.
    public var label: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        if let slug = values["slug"], !slug.isEmpty { return "\(name):row \(number) (slug \(slug))" }
        return "\(name):row \(number)"
    }
}
