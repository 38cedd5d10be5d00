import Testing
@testable import TractPrepare
import TractCore

/// The prepare stage as the pipeline calls it: rules, hyphenation, case, and the lint's places.
@Suite("Preparer")
struct PreparerTests {
    let preparer: Preparer

    init() throws {
        preparer = try Preparer(language: "fr")
    }

    /// The seed's headline in a capitals style with no hyphenation: accents kept, no soft hyphen.
    @Test func headlineInCapitals() {
        let output = preparer.prepare(StyledText("Non à la répression du peuple !"),
                                      TextTreatment(textCase: .upper, hyphenate: false))
        #expect(output.string == "NON À LA RÉPRESSION DU PEUPLE\u{202F}!")
        #expect(!output.scalars.contains(Characters.softHyphen))
    }

    /// Hyphenation reads the author's case, so a capitals style still hyphenates its words but
    /// not the acronyms among them.
    @Test func capitalsHyphenateByTheWrittenCase() {
        let output = preparer.prepare(StyledText("Non à la répression après l’URSS"),
                                      TextTreatment(textCase: .upper, hyphenate: true))
        #expect(output.string == "NON À LA RÉ\u{00AD}PRES\u{00AD}SION APRÈS L’URSS", "\(visible(output.string))")
    }

    @Test func bodyIsHyphenatedAndSpaced() {
        let output = preparer.prepare(StyledText("dans des opérations « antiterroristes »."), TextTreatment())
        #expect(output.string == "dans des opé\u{00AD}ra\u{00AD}tions «\u{202F}an\u{00AD}ti\u{00AD}ter\u{00AD}ro\u{00AD}ristes\u{202F}».",
                "\(visible(output.string))")
    }

    @Test func lowerCase() {
        let output = preparer.prepare(StyledText("ÀBAS L’URSS"), TextTreatment(textCase: .lower, hyphenate: false))
        #expect(output.string == "àbas l’urss")
    }

    /// The warning's column is the block's column plus the offset of the `A` in its text.
    @Test("lint warning columns", arguments: [
        ("A bas le régime ! Démission de tous les complices de Nazarbayev", 3, 3),
        ("Le peuple crie : A bas le régime", 1, 18),
    ])
    func lintColumn(_ text: String, _ blockColumn: Int, _ warningColumn: Int) throws {
        let block = Block(.demand, StyledText(text), at: SourceLocation(file: "fr.txt", line: 16, column: blockColumn))
        let prepared = preparer.prepare(Leaflet(language: "fr", blocks: [block])) { _ in TextTreatment() }
        let warning = try #require(prepared.warnings.first)
        #expect(prepared.warnings.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.location == SourceLocation(file: "fr.txt", line: 16, column: warningColumn))
        #expect(warning.hints == ["write 'À bas'"])
        #expect(warning.description.hasPrefix("fr.txt:16:\(warningColumn): warning: 'A bas'"))
    }

    /// The whole reference leaflet, one block per line as the parser makes it: one warning (the
    /// `A bas` of line 16, after the `- ` bullet), and no typed space left before `; : ! ?`.
    @Test func seedLeaflet() throws {
        var blocks: [Block] = []
        for (offset, line) in try seedLines().enumerated() where !line.isEmpty {
            let isDemand = line.hasPrefix("- ")
            let text = isDemand ? String(line.dropFirst(2)) : line
            let location = SourceLocation(file: "fr.txt", line: offset + 1, column: isDemand ? 3 : 1)
            blocks.append(Block(offset == 0 ? .headline : isDemand ? .demand : .body, StyledText(text), at: location))
        }
        let prepared = preparer.prepare(Leaflet(language: "fr", blocks: blocks)) { role in
            role == .headline ? TextTreatment(textCase: .upper, hyphenate: false) : TextTreatment()
        }
        #expect(prepared.warnings.map(\.location) == [SourceLocation(file: "fr.txt", line: 16, column: 3)])
        #expect(prepared.blocks.first?.text.string == "NON À LA RÉPRESSION DU PEUPLE\u{202F}!")

        var marks = 0
        for (source, block) in zip(blocks, prepared.blocks) {
            let scalars = block.text.scalars
            let typed = source.text.scalars.filter { $0 == "!" }.count
            #expect(scalars.filter { $0 == "!" }.count == typed, "no ! lost or added")
            for (index, scalar) in scalars.enumerated() where "!?;".unicodeScalars.contains(scalar) {
                marks += 1
                #expect(index > 0 && scalars[index - 1] == Characters.narrowNoBreakSpace, "\(visible(block.text.string))")
            }
            for (index, scalar) in scalars.enumerated() where scalar == ":" {
                #expect(index > 0 && scalars[index - 1] == Characters.noBreakSpace, "\(visible(block.text.string))")
            }
            #expect(!block.text.string.contains("'"), "every apostrophe is ’")
        }
        #expect(marks == 13, "the seed has 13 exclamation marks")
    }
}
