import Foundation
import Testing
@testable import TractParse
import TractCore

// Data merge: the table's rows, and the placeholders they fill.

@Suite("Data tables") struct DataTableTests {
    private func table(_ text: String, named name: String = "groups.csv") throws -> DataTable {
        let folder = try TemporaryFolder()
        return try DataTable.read(try folder.write(text, to: name))
    }

    private func problem(_ text: some Collection<UInt8>, named name: String = "groups.csv") throws -> Diagnostic? {
        let folder = try TemporaryFolder()
        let path = try folder.write(Array(text), to: name)
        do throws(Diagnostic) {
            _ = try DataTable.read(path)
            return nil
        } catch {
            return error
        }
    }

    @Test func csvRowsWithQuotesCommasAndLineBreaks() throws {
        let read = try table("slug,city,place\nlyon-7e,Lyon 7e,\"salle A, 12 rue B\"\nbron,Bron,\"sur deux\nlignes\"\nvenissieux,Vénissieux,\"le \"\"local\"\"\"\n\n")
        #expect(read.columns == ["slug", "city", "place"])
        #expect(read.rows.count == 3)
        #expect(read.rows[0].values["place"] == "salle A, 12 rue B")
        #expect(read.rows[1].values["place"] == "sur deux\nlignes")
        #expect(read.rows[2].values["place"] == "le \"local\"")
        // The line each row starts on counts the line break inside the second.
        #expect(read.rows.map(\.line) == [2, 3, 5])
        #expect(read.rows[2].label == "groups.csv:row 3 (slug venissieux)")
    }

    @Test func tsvAndJSONLines() throws {
        let tsv = try table("slug\tcity\nlyon\tLyon, 7e\n", named: "groups.tsv")
        #expect(tsv.rows[0].values["city"] == "Lyon, 7e")
        let lines = try table("{\"slug\": \"lyon\", \"members\": 42, \"open\": false}\n\n{\"open\": true, \"slug\": \"bron\", \"members\": null}\n",
                              named: "groups.jsonl")
        #expect(lines.rows.map(\.line) == [1, 3])
        #expect(lines.rows[0].values["members"] == "42" && lines.rows[1].values["open"] == "true" && lines.rows[1].values["members"] == "")
        #expect(lines.columns == ["members", "open", "slug"])
    }

    @Test func anEmptyLastFieldWithoutALineBreakIsAField() throws {
        let read = try table("slug,city,place\nlyon,Lyon,la mairie\nbron,Bron,")
        #expect(read.rows.count == 2 && read.rows[1].values["place"] == "")
    }

    @Test func aJSONLinesRowWithoutAKeyOthersHaveIsAnError() throws {
        let missing = try problem(Array("{\"slug\": \"a\", \"city\": \"Lyon\"}\n{\"slug\": \"b\"}\n".utf8), named: "groups.jsonl")
        #expect(missing?.location?.line == 2 && missing?.message == "this row has no \"city\", which other rows have", "\(String(describing: missing))")
    }

    @Test func aByteOrderMarkAndWindowsLineEndsAreNoData() throws {
        let read = try table("\u{FEFF}slug,city\r\nlyon,Lyon\r\n")
        #expect(read.columns == ["slug", "city"] && read.rows[0].values["city"] == "Lyon")
    }

    /// Each mistake in a table is an error at its line, with a hint.
    @Test func mistakesAreErrorsAtTheirLine() throws {
        let ragged = try problem(Array("slug,city\nlyon,Lyon\nbron,Bron,extra\n".utf8))
        #expect(ragged?.description.contains("groups.csv:3: error: this row has 3 fields and the header 2") == true, "\(String(describing: ragged))")
        let quote = try problem(Array("slug,city\nlyon,Lyon\nbron,\"Bron\"x\n".utf8))
        #expect(quote?.location?.line == 3 && quote?.message == "text follows a closing quote", "\(String(describing: quote))")
        let latin1 = try problem([UInt8]("slug,city\nvenissieux,V".utf8) + [0xE9] + [UInt8]("nissieux\n".utf8))
        #expect(latin1?.description.contains("groups.csv:2:13: error: the data table is not valid UTF-8") == true, "\(String(describing: latin1))")
        let unclosed = try problem(Array("slug,city\nlyon,Lyon\nbron,\"Bron\nvenissieux,Vénissieux\n".utf8))
        #expect(unclosed?.location?.line == 3 && unclosed?.message == "a quote is opened here and never closed", "\(String(describing: unclosed))")
        let inside = try problem(Array("slug,city\nly\"on,Lyon\n".utf8))
        #expect(inside?.location?.line == 2, "\(String(describing: inside))")
        let duplicate = try problem(Array("slug,city,slug\nlyon,Lyon,x\n".utf8))
        #expect(duplicate?.message == "two columns are named 'slug'")
        let unnamed = try problem(Array("slug,,city\nlyon,x,Lyon\n".utf8))
        #expect(unnamed?.message == "column 2 has no name")
        let empty = try problem(Array("slug,city\n".utf8))
        #expect(empty?.message == "the data table has no rows")
        let json = try problem(Array("{\"slug\": \"lyon\"}\n[1, 2]\n".utf8), named: "groups.jsonl")
        #expect(json?.location?.line == 2)
        let kind = try problem(Array("slug\nlyon\n".utf8), named: "groups.xlsx")
        #expect(kind?.message == "a data table must be a .csv, .tsv or .jsonl file")
    }
}

@Suite("Placeholders") struct PlaceholderTests {
    @Test func usesAreFoundWithTheirPlaces() {
        let uses = Placeholders.uses(in: "# À {{city}} !\nle {{ date }}, {{not a name}} {{}} {{x", file: "fr.md")
        #expect(uses.map(\.name) == ["city", "date"])
        #expect(uses.map { "\($0.location)" } == ["fr.md:1:5", "fr.md:2:4"])
    }

    @Test func aValueTakesThePlaceholdersStyleAndPlace() {
        var text = StyledText("Réunion à ")
        text.append("{{city}}", style: .strong)
        text.append(" le {{date}} {{unknown}}")
        var positions = (0..<text.scalars.count).map { SourcePosition(line: 1, column: $0 + 1) }
        let filled = Placeholders.fill(text, ["city": "Lyon", "date": "12 mars"], positions: &positions)
        #expect(filled.string == "Réunion à Lyon le 12 mars {{unknown}}")
        #expect(filled.styles[10..<14].allSatisfy { $0 == .strong } && filled.styles[14] == [])
        #expect(positions.count == filled.scalars.count)
        #expect(positions[10...13].allSatisfy { $0.column == 11 })
    }

    @Test("slugs", arguments: [("Lyon 7e", "lyon-7e"), ("  Saint-Priest / Bel-Air ", "saint-priest-bel-air"),
                                ("Vénissieux", "vénissieux"), ("Ve\u{301}nissieux", "ve\u{301}nissieux"), ("../../etc", "etc"),
                                ("", "row"), ("Алматы", "алматы")])
    func slugs(_ value: String, _ slug: String) {
        #expect(Placeholders.slug(value) == slug)
    }
}
