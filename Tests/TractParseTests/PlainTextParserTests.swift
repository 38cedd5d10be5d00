import Testing
@testable import TractParse
import TractCore

/// The reference leaflet: every line lands in the role DESIGN.md gives it.
@Suite struct SeedTests {
    let parsed: ParsedSource

    init() throws {
        parsed = try PlainTextParser.parse(SourceFile.read(seedPath))
    }

    @Test func rolesInOrder() {
        let expected: [Role] = [.headline, .subheadline]
            + Array(repeating: .body, count: 11)
            + [.leadIn]
            + Array(repeating: .demand, count: 5)
            + [.signature, .date]
        #expect(parsed.roles == expected)
    }

    @Test func eachBlockIsOneSourceLine() {
        #expect(parsed.recognized.map(\.lines) == (1...21).map { $0...$0 })
        #expect(parsed.recognized.map { $0.block.location.line } == Array(1...21))
        #expect(parsed.recognized.allSatisfy { $0.block.location.file == seedPath })
    }

    @Test func headlineAndSubheadline() {
        #expect(parsed.texts[0] == "Non à la répression du peuple !")
        #expect(parsed.texts[1] == "Pour une grève générale, des conseils ouvriers et des comités d’autodéfense !")
        #expect(parsed.leaflet.title == "Non à la répression du peuple !")
    }

    @Test func leadInAndDemands() {
        #expect(parsed.leaflet.blocks(.leadIn).map(\.text.string) == ["La Ligue socialiste internationale exige :"])
        let demands = parsed.leaflet.blocks(.demand)
        #expect(demands.count == 5)
        #expect(demands.first?.text.string == "La terreur du régime doit cesser, les troupes doivent se retirer des villes !")
        #expect(demands.last?.text.string == "Tous les droits politiques doivent être garantis, y compris la formation de syndicats et de partis politiques, la tenue de grèves et de réunions !")
        #expect(demands.map(\.location.line) == Array(15...19))
        #expect(demands.allSatisfy { $0.location.column == 3 })
        #expect(demands.allSatisfy { !$0.text.string.hasPrefix("-") })
    }

    @Test func closingLines() {
        #expect(parsed.leaflet.blocks(.signature).map(\.text.string) == ["Ligue socialiste internationale"])
        #expect(parsed.leaflet.blocks(.date).map(\.text.string) == ["janvier 2022"])
        #expect(parsed.leaflet.author == "Ligue socialiste internationale")
    }

    @Test func bodyParagraphsAreWholeLines() {
        let body = parsed.leaflet.blocks(.body)
        #expect(body.count == 11)
        #expect(body.first?.text.string.hasPrefix("Après l’effondrement de l’URSS, le Kazakhstan,") == true)
        #expect(body.last?.text.string == "Le peuple a le droit de décider de son destin ! Pour un Kazakhstan libre et démocratique ! Pour une république ouvrière, pour le socialisme !")
    }

    @Test func reasonsSayWhy() {
        #expect(parsed.recognized[0].reason == "first line")
        #expect(parsed.recognized[1].reason.contains("short line after the headline"))
        #expect(parsed.recognized[13].reason.contains("colon"))
        #expect(parsed.recognized[14].reason == "starts with '-'")
    }
}

/// Sources that differ from the seed in the ways DESIGN.md allows.
@Suite struct VariantTests {
    @Test func blankLineSeparatedBlocks() throws {
        let parsed = try parse("""
            Non à la répression !

            Pour une grève générale !

            Après l’effondrement de l’URSS, le Kazakhstan est devenu la propriété d’un clan.

            La dictature a interdit les syndicats indépendants.

            La Ligue socialiste internationale exige :

            - La terreur doit cesser !
            - Libération des prisonniers !

            Ligue socialiste internationale
            janvier 2022

            """)
        #expect(parsed.roles == [.headline, .subheadline, .body, .body, .leadIn, .demand, .demand, .signature, .date])
        #expect(parsed.recognized.map(\.lines.lowerBound) == [1, 3, 5, 7, 9, 11, 12, 14, 15])
    }

    @Test func hardWrappedParagraphsAreJoined() throws {
        let parsed = try parse("""
            Non à la répression !
            Pour une grève générale !
            Après l’effondrement de l’URSS, le Kazakhstan, le pays le plus riche en
            ressources naturelles et le plus étendu en superficie, est devenu la
            propriété du clan familial de Nazarbayev.
            La dictature a interdit les syndicats.
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body, .body])
        #expect(parsed.texts[2] == "Après l’effondrement de l’URSS, le Kazakhstan, le pays le plus riche en ressources naturelles et le plus étendu en superficie, est devenu la propriété du clan familial de Nazarbayev.")
        #expect(parsed.recognized[2].lines == 3...5)
        #expect(parsed.recognized[3].lines == 6...6)
    }

    @Test func shortLinesAreNotJoined() throws {
        // A line under the hard-wrap length is a paragraph of its own even without a full stop.
        let parsed = try parse("""
            Titre
            Sous-titre.
            Un paragraphe sans point final
            Un autre paragraphe.
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body, .body])
    }

    @Test(arguments: ["-", "*", "•", "–"])
    func bulletMarkers(marker: String) throws {
        let parsed = try parse("""
            Non à la répression !
            Pour une grève générale !
            Nous exigeons :
            \(marker) La terreur doit cesser !
            \(marker) Libération des prisonniers !
            """)
        #expect(parsed.roles == [.headline, .subheadline, .leadIn, .demand, .demand])
        #expect(parsed.texts[3...] == ["La terreur doit cesser !", "Libération des prisonniers !"])
        #expect(parsed.recognized[3].block.location.column == 3)
        #expect(parsed.recognized[3].reason == "starts with '\(marker)'")
    }

    @Test func markerWithoutSpaceIsNotABullet() throws {
        let parsed = try parse("""
            Titre
            Sous-titre.
            -5 degrés ce matin, et les ouvriers étaient là.
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body])
        #expect(parsed.texts[2] == "-5 degrés ce matin, et les ouvriers étaient là.")
    }

    @Test func indentedLinesContinueABullet() throws {
        let parsed = try parse("""
            Titre
            Nous exigeons :
            - Libération de tous les prisonniers
              et détenus politiques !
            - Fin de la terreur !
            Ligue socialiste internationale
            """)
        #expect(parsed.roles == [.headline, .leadIn, .demand, .demand, .signature])
        #expect(parsed.texts[2] == "Libération de tous les prisonniers et détenus politiques !")
        #expect(parsed.recognized[2].lines == 3...4)
        #expect(parsed.recognized[3].lines == 5...5)
    }

    @Test func hardWrappedBulletIsJoined() throws {
        let parsed = try parse("""
            Titre
            Nous exigeons :
            - Tous les droits politiques doivent être garantis, y compris la
            formation de syndicats et de partis politiques !
            - Fin de la terreur !
            """)
        #expect(parsed.roles == [.headline, .leadIn, .demand, .demand])
        #expect(parsed.texts[2] == "Tous les droits politiques doivent être garantis, y compris la formation de syndicats et de partis politiques !")
    }

    @Test func indentedBulletColumn() throws {
        let parsed = try parse("Titre\nNous exigeons :\n   -   La terreur doit cesser !\n")
        #expect(parsed.roles == [.headline, .leadIn, .demand])
        #expect(parsed.texts[2] == "La terreur doit cesser !")
        #expect(parsed.recognized[2].block.location.column == 8)
    }

    @Test func longSecondLineIsBody() throws {
        let long = String(repeating: "Les gens sont privés du droit de choisir et de décider ", count: 4) + "de leur avenir."
        let parsed = try parse("Titre\n\(long)\nUn autre paragraphe.\n")
        #expect(parsed.roles == [.headline, .body, .body])
        #expect(parsed.recognized[1].reason == "paragraph")
    }

    @Test func secondLineWithTwoSentencesIsBody() throws {
        let parsed = try parse("""
            Titre
            La dictature a interdit les syndicats. Les gens sont privés de leurs droits.
            Un autre paragraphe.
            """)
        #expect(parsed.roles == [.headline, .body, .body])
    }

    @Test func noDemands() throws {
        let parsed = try parse("""
            Non à la répression !
            Pour une grève générale !
            La dictature a interdit les syndicats indépendants.
            Voici ce que nous pensons :
            Nous exprimons notre solidarité avec les travailleurs du Kazakhstan !
            Ligue socialiste internationale
            janvier 2022
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body, .body, .body, .signature, .date])
        #expect(parsed.leaflet.blocks(.leadIn).isEmpty)
        #expect(parsed.leaflet.blocks(.callToAction).isEmpty)
    }

    @Test func onlyADateAtTheEnd() throws {
        let parsed = try parse("""
            Titre
            Sous-titre.
            Nous exigeons :
            - Fin de la terreur !
            12 janvier 2022
            """)
        #expect(parsed.roles == [.headline, .subheadline, .leadIn, .demand, .date])
        #expect(parsed.recognized[4].reason.contains("date"))
    }

    @Test func onlyASignatureAtTheEnd() throws {
        let parsed = try parse("""
            Titre
            Sous-titre.
            Nous exigeons :
            - Fin de la terreur !
            Ligue socialiste internationale
            """)
        #expect(parsed.roles == [.headline, .subheadline, .leadIn, .demand, .signature])
    }

    @Test func callToActionAfterTheDemands() throws {
        let parsed = try parse("""
            Titre
            Sous-titre.
            La dictature a interdit les syndicats.
            Nous exigeons :
            - Fin de la terreur !
            - Libération des prisonniers !
            Rejoignez-nous samedi à 15 heures devant l’ambassade du Kazakhstan !
            Ligue socialiste internationale
            janvier 2022
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body, .leadIn, .demand, .demand, .callToAction, .signature, .date])
        #expect(parsed.recognized[6].reason == "paragraph after the demands")
    }

    @Test func tabsAndRunsOfSpacesCollapse() throws {
        let parsed = try parse("  Non  à la\trépression  !  \nPour   une\t\tgrève générale !\nNous exigeons :\n-\tFin  de la terreur !\n")
        #expect(parsed.texts == ["Non à la répression !", "Pour une grève générale !", "Nous exigeons :", "Fin de la terreur !"])
        #expect(parsed.recognized[3].block.location.column == 3)
    }

    @Test func nonBreakingSpacesAreKept() throws {
        // French typography is applied later; the parser must not eat the spaces it relies on.
        let parsed = try parse("Non\u{00A0}!\nPour une grève générale\u{202F}!\n")
        #expect(parsed.texts == ["Non\u{00A0}!", "Pour une grève générale\u{202F}!"])
    }

    @Test func leadingBlankLinesAreSkipped() throws {
        let parsed = try parse("\n\nTitre\nSous-titre.\nCorps du texte.\n")
        #expect(parsed.roles == [.headline, .subheadline, .body])
        #expect(parsed.recognized[0].lines == 3...3)
    }

    @Test func headlineIsNeverJoinedWithTheNextLine() throws {
        let parsed = try parse("""
            Non à la répression du peuple et à l’intervention militaire au Kazakhstan
            pour une grève générale !
            Corps du texte.
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body])
        #expect(parsed.texts[0] == "Non à la répression du peuple et à l’intervention militaire au Kazakhstan")
    }

    @Test func subheadlineWithoutFinalFullStop() throws {
        // A long line 2 that stops mid-sentence is still the sub-headline when the next line
        // starts a sentence of its own.
        let parsed = try parse("""
            Non à la répression du peuple
            Pour une grève générale, des conseils ouvriers et des comités d’autodéfense
            Après l’effondrement de l’URSS, le Kazakhstan est devenu la propriété d’un clan.
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body])
        #expect(parsed.texts[1] == "Pour une grève générale, des conseils ouvriers et des comités d’autodéfense")
    }

    @Test func hardWrappedSecondLineIsBody() throws {
        let parsed = try parse("""
            Non à la répression du peuple
            Après l’effondrement de l’URSS, le Kazakhstan, le pays le plus riche en
            ressources naturelles, est devenu la propriété du clan familial de
            Nazarbayev. Les sociétés transnationales ont détruit ses ressources.
            Un autre paragraphe.
            """)
        #expect(parsed.roles == [.headline, .body, .body])
        #expect(parsed.recognized[1].lines == 2...4)
    }

    @Test func demandWithoutFinalFullStopKeepsTheClosingLines() throws {
        let parsed = try parse("""
            Titre
            Nous exigeons :
            - Expropriation des biens des oligarques sous le contrôle des ouvriers
            - Tous les droits politiques doivent être garantis, y compris les syndicats
            Ligue socialiste internationale
            janvier 2022
            """)
        #expect(parsed.roles == [.headline, .leadIn, .demand, .demand, .signature, .date])
        #expect(parsed.texts[3] == "Tous les droits politiques doivent être garantis, y compris les syndicats")
        #expect(parsed.texts[4...] == ["Ligue socialiste internationale", "janvier 2022"])
    }

    @Test func demandWithoutFinalFullStopKeepsALoneDate() throws {
        let parsed = try parse("""
            Titre
            Nous exigeons :
            - Tous les droits politiques doivent être garantis, y compris les syndicats
            janvier 2022
            """)
        #expect(parsed.roles == [.headline, .leadIn, .demand, .date])
    }

    @Test func lowercaseLastLineStillContinuesAWrappedParagraph() throws {
        let parsed = try parse("""
            Titre
            Sous-titre.
            Nous appelons toutes les organisations de travailleurs à la grève dans tout le
            pays
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body])
        #expect(parsed.recognized[2].lines == 3...4)
    }

    @Test func dateAboveTheSignature() throws {
        let parsed = try parse("""
            Titre
            Sous-titre.
            Corps du texte.
            Paris, le 12 janvier 2022
            Ligue socialiste internationale
            """)
        #expect(parsed.roles == [.headline, .subheadline, .body, .date, .signature])
        #expect(parsed.leaflet.author == "Ligue socialiste internationale")
    }

    @Test func twoListsEachWithALeadIn() throws {
        let parsed = try parse("""
            Titre
            Sous-titre.
            Nous exigeons :
            - Fin de la terreur !
            - Libération des prisonniers !
            Et pour les travailleurs :
            - Des salaires décents !
            Ligue socialiste internationale
            """)
        #expect(parsed.roles == [.headline, .subheadline, .leadIn, .demand, .demand, .leadIn, .demand, .signature])
    }

    @Test func leafletKeepsEveryBlockInOrder() throws {
        let parsed = try parse("Titre\nSous-titre.\nCorps.\n")
        #expect(parsed.leaflet.blocks.map(\.role) == parsed.roles)
        #expect(parsed.leaflet.blocks.map(\.text.string) == ["Titre", "Sous-titre.", "Corps."])
    }
}

/// Sources without a headline: an error at the first line, with a hint.
@Suite struct MissingHeadlineTests {
    @Test func firstLineIsABullet() {
        let error = diagnostic { () throws(Diagnostic) in
            _ = try PlainTextParser.parse(SourceFile(path: "tract.txt", text: "- La terreur doit cesser !\nLigue\n"))
        }
        #expect(error?.severity == .error)
        #expect(error?.message == "no headline: the first line is a list item")
        #expect(error?.location == TractCore.SourceLocation(file: "tract.txt", line: 1, column: 1))
        #expect(error?.hints.isEmpty == false)
        #expect(error?.description.hasPrefix("tract.txt:1:1: error: no headline") == true)
    }

    @Test func bulletAfterLeadingBlankLines() {
        let error = diagnostic { () throws(Diagnostic) in
            _ = try PlainTextParser.parse(SourceFile(path: "tract.txt", text: "\n\n* Fin de la terreur !\n"))
        }
        #expect(error?.location?.line == 3)
        #expect(error?.message.contains("list item") == true)
    }

    @Test func firstLineTooLong() {
        let line = String(repeating: "a", count: 200)
        let error = diagnostic { () throws(Diagnostic) in
            _ = try PlainTextParser.parse(SourceFile(path: "tract.txt", text: line + "\nSuite.\n"))
        }
        #expect(error?.message.contains("200 characters") == true)
        #expect(error?.location == TractCore.SourceLocation(file: "tract.txt", line: 1, column: 1))
        #expect(error?.hints.first?.contains("\(PlainTextParser.headlineLimit)") == true)
    }

    @Test func headlineAtTheLimitIsAccepted() throws {
        let line = String(repeating: "a", count: PlainTextParser.headlineLimit)
        let parsed = try parse(line + "\n")
        #expect(parsed.roles == [.headline])
    }

    @Test func blankTextIsEmpty() {
        let error = diagnostic { () throws(Diagnostic) in
            _ = try PlainTextParser.parse(SourceFile(path: "tract.txt", text: " \n\t\n"))
        }
        #expect(error?.message == "the source is empty")
        #expect(error?.location?.file == "tract.txt")
        #expect(error?.hints.isEmpty == false)
    }
}
