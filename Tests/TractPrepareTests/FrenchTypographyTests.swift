import Testing
@testable import TractPrepare
import TractCore

/// French typography after the Imprimerie nationale (DESIGN.md, "Typography, per language, as
/// data"): each table is input → output through `Typography.apply` with `TypographyRules.french`.
@Suite("French typography")
struct FrenchTypographyTests {
    /// Every punctuation case of the reference leaflet, as the author typed it.
    static let seed: [Example] = [
        Example("Non à la répression du peuple !",
                "Non à la répression du peuple\u{202F}!",
                "seed headline: typed space before ! becomes U+202F"),
        Example("Pour une grève générale, des conseils ouvriers et des comités d’autodéfense !",
                "Pour une grève générale, des conseils ouvriers et des comités d’autodéfense\u{202F}!",
                "seed sub-headline: d’autodéfense kept, U+202F before !"),
        Example("Nous exprimons notre solidarité avec les travailleurs du Kazakhstan dans leur lutte pour leurs droits politiques et sociaux !",
                "Nous exprimons notre solidarité avec les travailleurs du Kazakhstan dans leur lutte pour leurs droits politiques et sociaux\u{202F}!",
                "seed: solidarité … sociaux !"),
        Example("Nous appelons toutes les organisations internationales de travailleurs à soutenir la protestation populaire au Kazakhstan !",
                "Nous appelons toutes les organisations internationales de travailleurs à soutenir la protestation populaire au Kazakhstan\u{202F}!",
                "seed: Nous appelons … Kazakhstan !"),
        Example("Le peuple a le droit de décider de son destin ! Pour un Kazakhstan libre et démocratique ! Pour une république ouvrière, pour le socialisme !",
                "Le peuple a le droit de décider de son destin\u{202F}! Pour un Kazakhstan libre et démocratique\u{202F}! Pour une république ouvrière, pour le socialisme\u{202F}!",
                "seed: three ! in one paragraph, each after U+202F"),
        Example("La Ligue socialiste internationale exige :",
                "La Ligue socialiste internationale exige\u{00A0}:",
                "seed lead-in: exige : takes U+00A0"),
        Example("La terreur du régime doit cesser, les troupes doivent se retirer des villes !",
                "La terreur du régime doit cesser, les troupes doivent se retirer des villes\u{202F}!",
                "seed demand 1"),
        Example("A bas le régime ! Démission de tous les complices de Nazarbayev, dont le président Tokayev !",
                "A bas le régime\u{202F}! Démission de tous les complices de Nazarbayev, dont le président Tokayev\u{202F}!",
                "seed demand 2: the rules do not rewrite A (the lint does the warning)"),
        Example("Expropriation des biens des oligarques sous le contrôle des ouvriers !",
                "Expropriation des biens des oligarques sous le contrôle des ouvriers\u{202F}!",
                "seed demand 3"),
        Example("Libération de tous les prisonniers et détenus politiques !",
                "Libération de tous les prisonniers et détenus politiques\u{202F}!",
                "seed demand 4"),
        Example("Tous les droits politiques doivent être garantis, y compris la formation de syndicats et de partis politiques, la tenue de grèves et de réunions !",
                "Tous les droits politiques doivent être garantis, y compris la formation de syndicats et de partis politiques, la tenue de grèves et de réunions\u{202F}!",
                "seed demand 5"),
        Example("Des dizaines de personnes auraient été tuées, des centaines ont été blessées et plus de 2 000 ont été emprisonnées dans des opérations « antiterroristes ».",
                "Des dizaines de personnes auraient été tuées, des centaines ont été blessées et plus de 2\u{202F}000\u{00A0}ont été emprisonnées dans des opérations «\u{202F}antiterroristes\u{202F}».",
                "seed: 2 000 grouped with U+202F and tied, « antiterroristes » with U+202F inside"),
        Example("les gouvernements des pays de l’Organisation du traité de sécurité collective (OTSC) à un soutien militaire",
                "les gouvernements des pays de l’Organisation du traité de sécurité collective (OTSC) à un soutien militaire",
                "seed: (OTSC) left alone, no space inside the brackets"),
        Example("où il y a 10 ans une manifestation pacifique de travailleurs du pétrole a été la cible de tirs (15 personnes ont été tuées, des centaines de blessés), les gens sont descendus dans la rue",
                "où il y a 10\u{00A0}ans une manifestation pacifique de travailleurs du pétrole a été la cible de tirs (15\u{00A0}personnes ont été tuées, des centaines de blessés), les gens sont descendus dans la rue",
                "seed: 10 ans and (15 personnes …) tie the number to its word"),
        Example("Le 2 janvier dernier, dans la ville de Zhanaozen,",
                "Le 2\u{00A0}janvier dernier, dans la ville de Zhanaozen,",
                "seed: 2 janvier"),
        Example("Et le 6 janvier, des militaires de Russie, de Biélorussie et d’Arménie ont été envoyés au Kazakhstan.",
                "Et le 6\u{00A0}janvier, des militaires de Russie, de Biélorussie et d’Arménie ont été envoyés au Kazakhstan.",
                "seed: 6 janvier"),
        Example("C’est pourquoi les travailleurs et les travailleurs doivent être sur le qui-vive.",
                "C’est pourquoi les travailleurs et les travailleurs doivent être sur le qui-vive.",
                "seed: qui-vive keeps its hyphen, not a dash"),
        Example("Après l’effondrement de l’URSS, le Kazakhstan",
                "Après l’effondrement de l’URSS, le Kazakhstan",
                "seed: typed ’ is kept"),
        Example("janvier 2022",
                "janvier 2022",
                "seed date: a year is not grouped nor tied"),
    ]

    /// Spaces before `; : ! ?`: typed spaces are removed first, then the table's is set.
    static let punctuation: [Example] = [
        Example("Quoi?", "Quoi\u{202F}?", "no typed space"),
        Example("Quoi ?", "Quoi\u{202F}?", "typed space"),
        Example("Quoi\u{00A0}?", "Quoi\u{202F}?", "typed U+00A0 becomes U+202F"),
        Example("Quoi\u{2009}?", "Quoi\u{202F}?", "typed thin space becomes U+202F"),
        Example("Quoi   ?", "Quoi\u{202F}?", "several typed spaces"),
        Example("Quoi?!", "Quoi\u{202F}?!", "?! takes one space, before the group"),
        Example("Quoi ? !", "Quoi\u{202F}?!", "a space typed inside the group is removed"),
        Example("Hein !?", "Hein\u{202F}!?", "!? likewise"),
        Example("Un témoin (?) a parlé", "Un témoin (?) a parlé", "(?) takes no space after the bracket"),
        Example("Le fait; la preuve", "Le fait\u{202F}; la preuve", "semicolon takes U+202F"),
        Example("Note: voir", "Note\u{00A0}: voir", "colon takes U+00A0"),
        Example("Note\u{202F}: voir", "Note\u{00A0}: voir", "a typed U+202F before a colon becomes U+00A0"),
        Example("Il dit : « Non ! »", "Il dit\u{00A0}: «\u{202F}Non\u{202F}!\u{202F}»", "! inside quotation marks"),
        Example("(hélas !)", "(hélas\u{202F}!)", "! before a closing bracket"),
        Example("? Au début", "? Au début", "nothing to space at the start of a text"),
        Example("Pourquoi... ?", "Pourquoi…\u{202F}?", "ellipsis then ?"),
    ]

    /// Quotation marks: straight double quotes become « » with U+202F inside.
    static let quotations: [Example] = [
        Example("Il dit \"non\" hier", "Il dit «\u{202F}non\u{202F}» hier", "straight quotes become « »"),
        Example("Il dit \" non \" hier", "Il dit «\u{202F}non\u{202F}» hier", "spaces typed inside straight quotes"),
        Example("Il dit \" non \" puis \"oui\"", "Il dit «\u{202F}non\u{202F}» puis «\u{202F}oui\u{202F}»", "pairs keep alternating"),
        Example("«non»", "«\u{202F}non\u{202F}»", "« » typed without spaces"),
        Example("«\u{00A0}non\u{00A0}»", "«\u{202F}non\u{202F}»", "« » typed with U+00A0"),
        Example("\"Non\", dit-il.", "«\u{202F}Non\u{202F}», dit-il.", "a quote at the start opens, before a comma closes"),
        Example("(\"non\")", "(«\u{202F}non\u{202F}»)", "a quote after a bracket opens"),
        Example("Le vote \"non\" !", "Le vote «\u{202F}non\u{202F}»\u{202F}!", "! after the closing mark"),
        Example("l'\"Organisation\" du traité", "l’«\u{202F}Organisation\u{202F}» du traité", "a quotation after an elision opens"),
        Example("l’\"Organisation\" du traité", "l’«\u{202F}Organisation\u{202F}» du traité", "the same after a typed ’"),
    ]

    /// Apostrophes, ellipses and dashes.
    static let marks: [Example] = [
        Example("l'URSS", "l’URSS", "' between letters becomes ’"),
        Example("aujourd'hui", "aujourd’hui", "' inside a word"),
        Example("Qu'y a-t-il ?", "Qu’y a-t-il\u{202F}?", "' and ? in one sentence"),
        Example("l'an 2000", "l’an 2000", "elision before a year"),
        Example("\"il a dit 'non'\"", "«\u{202F}il a dit 'non'\u{202F}»", "a ' that closes an inner quotation is no apostrophe"),
        Example("Et alors...", "Et alors…", "... becomes …"),
        Example("Et alors.... rien", "Et alors.... rien", "four full stops are not an ellipsis"),
        Example("Paris - le 6 janvier", "Paris –\u{00A0}le 6\u{00A0}janvier", "a spaced hyphen becomes an en dash tied to the word after"),
        Example("Il a dit - hélas - non", "Il a dit –\u{00A0}hélas\u{00A0}– non", "an incise: the closing dash is tied to the word before"),
        Example("un -- deux", "un –\u{00A0}deux", "a spaced double hyphen"),
        Example("un – deux", "un –\u{00A0}deux", "a typed en dash gets the same spaces"),
        Example("Un - deux. Trois - quatre", "Un –\u{00A0}deux. Trois –\u{00A0}quatre", "a new sentence opens a new incise"),
        Example("Il a dit - pourquoi ? - qu'il partait.", "Il a dit –\u{00A0}pourquoi\u{202F}?\u{00A0}– qu’il partait.", "a ? inside an incise does not end it"),
        Example("dit-il, un vis-à-vis", "dit-il, un vis-à-vis", "unspaced hyphens are not dashes"),
    ]

    /// Numbers: digit groups, units, ties.
    static let numbers: [Example] = [
        Example("300 000 personnes", "300\u{202F}000\u{00A0}personnes", "groups of three with U+202F"),
        Example("1 000 000 de", "1\u{202F}000\u{202F}000\u{00A0}de", "several groups"),
        Example("2\u{00A0}000 ont", "2\u{202F}000\u{00A0}ont", "a typed U+00A0 group separator becomes U+202F"),
        Example("en 2022 les", "en 2022 les", "a year is neither grouped nor tied"),
        Example("au 01 23 45 67 89", "au 01 23 45 67 89", "a telephone number is not grouped"),
        Example("2 0000", "2 0000", "a group of four digits is no group"),
        Example("3,5 millions", "3,5\u{00A0}millions", "a decimal number is tied"),
        Example("le G7 sommet", "le G7 sommet", "a name with a digit is no count"),
        Example("15 %", "15\u{00A0}%", "U+00A0 before %"),
        Example("15%", "15\u{00A0}%", "a space is added before %"),
        Example("12,5 % des voix", "12,5\u{00A0}% des voix", "% after a decimal number"),
        Example("3 000€", "3\u{202F}000\u{00A0}€", "€ after a grouped number"),
        Example("5 km", "5\u{00A0}km", "U+00A0 before a unit"),
        Example("à 5 km/h", "à 5\u{00A0}km/h", "the longest unit wins"),
        Example("5 mètres", "5\u{00A0}mètres", "a word that starts like a unit is tied as a word"),
    ]

    /// What the rules must leave alone: URLs, e-mail addresses, times.
    static let exceptions: [Example] = [
        Example("Voir https://exemple.org/a:b?c=1;d !", "Voir https://exemple.org/a:b?c=1;d\u{202F}!", "nothing inside a URL, the ! after it spaced"),
        Example("Site : www.exemple.org.", "Site\u{00A0}: www.exemple.org.", "a www address"),
        Example("(https://exemple.org)!", "(https://exemple.org)\u{202F}!", "a URL in brackets"),
        Example("https://exemple.org/a...b", "https://exemple.org/a...b", "no ellipsis in a URL"),
        Example("Écrire à contact@ligue.org ; merci", "Écrire à contact@ligue.org\u{202F}; merci", "an e-mail address"),
        Example("Rendez-vous à 10:30 !", "Rendez-vous à 10:30\u{202F}!", "a time keeps its colon unspaced"),
        Example("  un   deux\t trois \n", "un deux trois", "runs of spaces, tabs and line ends become one space, ends trimmed"),
    ]

    /// Applies the French rules to the example's input and compares with the expected text.
    func check(_ example: Example) {
        let output = Typography.apply(example.input, .french)
        #expect(output == example.expected, "got \(visible(output)), want \(visible(example.expected))")
    }

    @Test("seed", arguments: seed)
    func seedCase(_ example: Example) { check(example) }

    @Test("space before punctuation", arguments: punctuation)
    func punctuationCase(_ example: Example) { check(example) }

    @Test("quotation marks", arguments: quotations)
    func quotationCase(_ example: Example) { check(example) }

    @Test("apostrophes, ellipses, dashes", arguments: marks)
    func markCase(_ example: Example) { check(example) }

    @Test("numbers and units", arguments: numbers)
    func numberCase(_ example: Example) { check(example) }

    @Test("exceptions", arguments: exceptions)
    func exceptionCase(_ example: Example) { check(example) }

    /// Applying the rules to their own output changes nothing (`tract check --fix` is stable).
    @Test("the rules are idempotent", arguments: seed + punctuation + quotations + marks + numbers + exceptions)
    func idempotent(_ example: Example) {
        let once = Typography.apply(example.input, .french)
        let twice = Typography.apply(once, .french)
        #expect(twice == once, "\(visible(once)) → \(visible(twice))")
    }

    /// `Quoi?`, `Quoi ?` and `Quoi\u{00A0}?` come out the same, for every mark that takes a space.
    @Test("typed spaces do not matter", arguments: [";", ":", "!", "?"])
    func typedSpacesDoNotMatter(_ mark: String) {
        let outputs = Set(["", " ", "\u{00A0}", "\u{202F}", "  "].map { Typography.apply("Quoi\($0)\(mark) Non", .french) })
        #expect(outputs.count == 1, "\(outputs.map(visible))")
    }

    /// A space the rules insert takes the style of the mark it belongs to, and every other
    /// scalar keeps its own.
    @Test func insertedSpacesKeepTheStyle() throws {
        var text = StyledText("Non à la répression ")
        text.append("du peuple !", style: .strong)
        let result = Typography.apply(text, .french)
        #expect(result.string == "Non à la répression du peuple\u{202F}!")
        #expect(result.styles.count == result.scalars.count)
        let space = try #require(result.scalars.firstIndex(of: Characters.narrowNoBreakSpace))
        #expect(result.styles[space] == .strong)
        #expect(result.styles[0] == [])
        #expect(result.styles.last == .strong)
    }

    /// Each rule function alone, for the cases where `apply` would hide which rule acted.
    @Test func normalizeSpacesKeepsANoBreakSpace() {
        #expect(Typography.normalizeSpaces(StyledText("a \u{00A0} b")).string == "a\u{00A0}b")
        #expect(Typography.normalizeSpaces(StyledText(" a\n\nb ")).string == "a b")
    }

    @Test func digitGroupsLeaveNumbersTypedWithoutSpaces() {
        let rules = TypographyRules.french
        #expect(Typography.digitGroups(StyledText("75011 Paris, 2022, 300 000"), rules).string
                == "75011 Paris, 2022, 300\u{202F}000")
    }

    /// Only the tie of a number to the word it counts may be broken, to spare a very loose
    /// line: the spaces inside the number and before its unit never are.
    @Test func onlyANumbersTieToItsWordIsDiscouraged() {
        let result = Typography.apply(StyledText("2 000 personnes, 15 % et 5 km"), .french)
        #expect(result.string == "2\u{202F}000\u{00A0}personnes, 15\u{00A0}% et 5\u{00A0}km")
        let marked = result.scalars.indices.filter { result.styles[$0].contains(.discouragedBreak) }
        #expect(marked == [5])
    }

    @Test func neutralRulesSetNoFrenchSpaces() {
        #expect(Typography.apply("Quoi ? \"oui\" 15 %", .neutral) == "Quoi ? “oui” 15%")
    }

    /// Protected ranges cover the address or time and not the punctuation after it.
    @Test func protectedMaskCoversAddressesAndTimes() {
        let scalars = Array("à 10:30, voir https://a.org/x?y !".unicodeScalars)
        let mask = Typography.protectedMask(scalars)
        let protected = String(String.UnicodeScalarView(scalars.indices.filter { mask[$0] }.map { scalars[$0] }))
        #expect(protected == ":https://a.org/x?y")
    }
}

/// The lint: an unaccented capital `A` used as the preposition `à`.
@Suite("French lint")
struct FrenchLintTests {
    @Test func warnsOnABas() throws {
        let findings = Typography.lint(StyledText("A bas le régime !"), .french)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.offset == 0)
        #expect(finding.message.contains("'A bas'"))
        #expect(finding.hint == "write 'À bas'")
    }

    @Test("a warning where a sentence or quotation starts",
          arguments: [("exige : A bas le régime", 8), ("Non. A bas le régime", 5), ("« A bas la dictature »", 2), ("– A la rue", 2)])
    func warnsAfterAPause(_ text: String, _ offset: Int) {
        #expect(Typography.lint(StyledText(text), .french).map(\.offset) == [offset])
    }

    @Test("no warning", arguments: ["À bas le régime", "la catégorie A est pleine", "les plans B, A et C", "A-t-il dit", "A. Dupont", "UN A", "Il va à Paris"])
    func noWarning(_ text: String) {
        #expect(Typography.lint(StyledText(text), .french).isEmpty)
    }

    @Test func onlyFrenchIsLinted() {
        #expect(Typography.lint(StyledText("A bas le régime"), .neutral).isEmpty)
    }
}
