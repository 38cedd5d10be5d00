import Testing
@testable import TractPrepare
import TractCore

/// One language's case: what the author typed and what the prepare stage makes of it, with or
/// without soft hyphens.
struct LanguageCase: Sendable, CustomTestStringConvertible {
    let language: String
    let example: Example
    let hyphenate: Bool

    /// A case of the typography rules alone.
    static func typography(_ language: String, _ input: String, _ expected: String, _ proves: String) -> LanguageCase {
        LanguageCase(language: language, example: Example(input, expected, proves), hyphenate: false)
    }

    /// A case of the rules followed by the language's hyphenation.
    static func hyphenation(_ language: String, _ input: String, _ expected: String, _ proves: String) -> LanguageCase {
        LanguageCase(language: language, example: Example(input, expected, proves), hyphenate: true)
    }

    var testDescription: String { "\(language): \(example.proves)" }
}

/// Each language's table (DESIGN.md, "Typography, per language, as data"): its quotes, outer
/// and nested, its space before `; : ! ?` (or the removal of typed ones), its numbers and its
/// hyphenation, through `Preparer(language:)` as the pipeline calls it.
@Suite("Typography per language")
struct LanguageTypographyTests {
    static let french: [LanguageCase] = [
        .typography("fr", "\"il a dit \"non\" hier\"", "«\u{202F}il a dit “non” hier\u{202F}»", "straight quotes inside a quotation become “ ”, unspaced"),
        .typography("fr", "« il a dit \"non\" »", "«\u{202F}il a dit “non”\u{202F}»", "a typed « opens the quotation the straight quotes nest in"),
        .typography("fr", "le mot “ non ”", "le mot “ non ”", "typed English quotes are left as typed"),
        .typography("fr", "Quoi ? Note: voir", "Quoi\u{202F}? Note\u{00A0}: voir", "U+202F before ?, U+00A0 before :"),
        .typography("fr", "2 000 personnes", "2\u{202F}000\u{00A0}personnes", "digit groups with U+202F, the number tied to its word"),
        .typography("fr", "15%", "15\u{00A0}%", "U+00A0 before %"),
        .hyphenation("fr", "la manifestation", "la ma\u{00AD}ni\u{00AD}fes\u{00AD}ta\u{00AD}tion", "French patterns, 2 and 3 letters at the ends"),
    ]

    static let canadianFrench: [LanguageCase] = [
        .typography("fr-CA", "Quoi ? Non ! Oui ; non", "Quoi? Non! Oui; non", "OQLF: no space before ? ! ;, typed ones removed"),
        .typography("fr-CA", "Note: voir", "Note\u{00A0}: voir", "OQLF: U+00A0 before :"),
        .typography("fr-CA", "Note\u{202F}: voir", "Note\u{00A0}: voir", "a typed U+202F before : becomes U+00A0"),
        .typography("fr-CA", "Il dit \"non\"", "Il dit «\u{00A0}non\u{00A0}»", "OQLF: U+00A0 inside « »"),
        .typography("fr-CA", "\"il dit \"non\" hier\"", "«\u{00A0}il dit “non” hier\u{00A0}»", "nested quotes become “ ”"),
        .typography("fr-CA", "2 000 personnes, 15 %", "2\u{202F}000\u{00A0}personnes, 15\u{00A0}%", "numbers as in French"),
        .typography("fr-CA", "Rendez-vous à 10:30 !", "Rendez-vous à 10:30!", "a time keeps its colon, the ! touches it"),
        .typography("fr-CA", "Voir https://exemple.org/a?b !", "Voir https://exemple.org/a?b!", "nothing inside a URL"),
        .hyphenation("fr-CA", "la manifestation", "la ma\u{00AD}ni\u{00AD}fes\u{00AD}ta\u{00AD}tion", "French patterns"),
    ]

    static let swissFrench: [LanguageCase] = [
        .typography("fr-CH", "Quoi? Non! Oui; non: si", "Quoi\u{202F}? Non\u{202F}! Oui\u{202F}; non\u{202F}: si", "U+202F before all four marks, : included"),
        .typography("fr-CH", "Note\u{00A0}: voir", "Note\u{202F}: voir", "a typed U+00A0 before : becomes U+202F"),
        .typography("fr-CH", "\"il dit \"non\" hier\"", "«\u{202F}il dit ‹\u{202F}non\u{202F}› hier\u{202F}»", "nested quotes become ‹ ›, spaced like « »"),
        .typography("fr-CH", "«il dit ‹oui›»", "«\u{202F}il dit ‹\u{202F}oui\u{202F}›\u{202F}»", "typed guillemets get their spaces"),
        .typography("fr-CH", "2 000 personnes", "2\u{202F}000\u{00A0}personnes", "numbers as in French"),
        .typography("fr-CH", "à 10:30 !", "à 10:30\u{202F}!", "a time keeps its colon unspaced"),
        .hyphenation("fr-CH", "la manifestation", "la ma\u{00AD}ni\u{00AD}fes\u{00AD}ta\u{00AD}tion", "French patterns"),
    ]

    static let english: [LanguageCase] = [
        .typography("en", "Hello !", "Hello!", "a space typed before ! is removed"),
        .typography("en", "Wait ; no : yes ?", "Wait; no: yes?", "and before ; : ?"),
        .typography("en", "He said \"no\"", "He said “no”", "straight quotes become “ ”"),
        .typography("en", "\"He said \"no\" today\"", "“He said ‘no’ today”", "nested straight quotes become ‘ ’"),
        .typography("en", "“He said \"no\" today”", "“He said ‘no’ today”", "inside typed “ ” too"),
        .typography("en", "15 % of 5 km", "15% of 5\u{00A0}km", "% touches the number, a unit takes U+00A0"),
        .typography("en", "2 000 people", "2 000 people", "numbers are left as typed, not tied"),
        .typography("en", "Meet at 10:30 !", "Meet at 10:30!", "a time keeps its colon"),
        .typography("en", "See https://example.org/a?b=1 !", "See https://example.org/a?b=1!", "nothing inside a URL"),
        .hyphenation("en", "International solidarity", "In\u{00AD}ter\u{00AD}na\u{00AD}tional sol\u{00AD}i\u{00AD}dar\u{00AD}ity", "US patterns, 3 letters after a break"),
        .hyphenation("en", "the UNITED workers", "the UNITED work\u{00AD}ers", "an acronym is left whole"),
    ]

    static let german: [LanguageCase] = [
        .typography("de", "Hallo !", "Hallo!", "a space typed before ! is removed"),
        .typography("de", "Er sagte \"nein\"", "Er sagte „nein“", "straight quotes become „ “"),
        .typography("de", "\"Er sagte \"nein\" heute\"", "„Er sagte ‚nein‘ heute“", "nested straight quotes become ‚ ‘"),
        .typography("de", "15% und 5 km", "15\u{00A0}% und 5\u{00A0}km", "DIN 5008: U+00A0 before % and units"),
        .typography("de", "2 000 Menschen", "2 000 Menschen", "numbers are left as typed, not tied"),
        .typography("de", "Achtung : heute", "Achtung: heute", "no space before :"),
        .hyphenation("de", "Die Demonstration der Gewerkschaften", "Die De\u{00AD}mons\u{00AD}tra\u{00AD}ti\u{00AD}on der Ge\u{00AD}werk\u{00AD}schaf\u{00AD}ten", "a noun's capital is no proper noun's"),
        .hyphenation("de", "Straßenbahnführung", "Stra\u{00AD}ßen\u{00AD}bahn\u{00AD}füh\u{00AD}rung", "ß and ü reach the ISO-8859-1 patterns"),
        .hyphenation("de", "die GEWERKSCHAFTEN", "die GEWERKSCHAFTEN", "an acronym is left whole"),
    ]

    static let spanish: [LanguageCase] = [
        .typography("es", "¡Hola ! ¿Qué ?", "¡Hola! ¿Qué?", "spaces typed before ! ? are removed"),
        .typography("es", "Dijo \"no\"", "Dijo «no»", "straight quotes become « », unspaced"),
        .typography("es", "\"Dijo \"no\" hoy\"", "«Dijo “no” hoy»", "nested straight quotes become “ ”"),
        .typography("es", "15% y 5 km", "15\u{00A0}% y 5\u{00A0}km", "RAE: U+00A0 before % and units"),
        .typography("es", "2 000 personas", "2 000 personas", "numbers are left as typed, not tied"),
        .typography("es", "Nota : hoy", "Nota: hoy", "no space before :"),
        .hyphenation("es", "la manifestación", "la ma\u{00AD}ni\u{00AD}fes\u{00AD}ta\u{00AD}ción", "Spanish patterns"),
        .hyphenation("es", "¿Solidaridad?", "¿So\u{00AD}li\u{00AD}da\u{00AD}ri\u{00AD}dad?", "a capital after ¿ starts a sentence"),
        .hyphenation("es", "en Argentina", "en Argentina", "a proper noun is left whole"),
    ]

    static let russian: [LanguageCase] = [
        .typography("ru", "Привет !", "Привет!", "a space typed before ! is removed"),
        .typography("ru", "Он сказал \"нет\"", "Он сказал «нет»", "straight quotes become « », unspaced"),
        .typography("ru", "\"Он сказал \"нет\" вчера\"", "«Он сказал „нет“ вчера»", "nested straight quotes become „ “"),
        .typography("ru", "2 000 человек", "2\u{202F}000\u{00A0}человек", "digit groups with U+202F, the number tied to its word"),
        .typography("ru", "15% и 1999 г.", "15\u{00A0}% и 1999\u{00A0}г.", "U+00A0 before % and a Cyrillic abbreviation"),
        .typography("ru", "в 2022 году", "в 2022 году", "a year is neither grouped nor tied"),
        .hyphenation("ru", "Солидарности!", "Соли\u{00AD}дар\u{00AD}но\u{00AD}сти!", "KOI8-R patterns, Cyrillic capital at a sentence start"),
        .hyphenation("ru", "в Казахстане", "в Казахстане", "a Cyrillic proper noun is left whole"),
        .hyphenation("ru", "в казахстане", "в казах\u{00AD}ста\u{00AD}не", "control: the same word in lower case breaks"),
        .hyphenation("ru", "СОЛИДАРНОСТИ", "СОЛИДАРНОСТИ", "a word in capitals is taken for an acronym"),
    ]

    static let ukrainian: [LanguageCase] = [
        .typography("uk", "Привіт !", "Привіт!", "a space typed before ! is removed"),
        .typography("uk", "\"Він сказав \"ні\" вчора\"", "«Він сказав „ні“ вчора»", "quotes « » with „ “ nested"),
        .typography("uk", "м'ясо", "м’ясо", "a typed apostrophe becomes ’"),
        .typography("uk", "2 000 гривень", "2\u{202F}000\u{00A0}гривень", "digit groups with U+202F, the number tied to its word"),
        .typography("uk", "15 %", "15\u{00A0}%", "U+00A0 before %"),
        .hyphenation("uk", "п’ятнадцять", "п’ятнад\u{00AD}цять", "the apostrophe does not split the word for the patterns"),
        .hyphenation("uk", "п'ятнадцять", "п’ятнад\u{00AD}цять", "nor does a typed one"),
        .hyphenation("uk", "м’ясо", "м’я\u{00AD}со", "by syllables, the apostrophe kept with its letter, two letters each side"),
        .hyphenation("uk", "хірурги провели", "хі\u{00AD}рурги про\u{00AD}ве\u{00AD}ли", "a word the patterns leave whole breaks by syllables"),
        .hyphenation("uk", "від Manchester", "від Manchester", "a Latin word in a Ukrainian text gets no syllable breaks"),
        .hyphenation("uk", "солідарність", "со\u{00AD}лі\u{00AD}дарність", "Ukrainian patterns"),
    ]

    static let kazakh: [LanguageCase] = [
        .typography("kk", "Сәлем !", "Сәлем!", "a space typed before ! is removed"),
        .typography("kk", "\"Ол \"жоқ\" деді\"", "«Ол „жоқ“ деді»", "quotes « » with „ “ nested"),
        .typography("kk", "2 000 адам", "2\u{202F}000\u{00A0}адам", "digit groups with U+202F, the number tied to its word"),
        .typography("kk", "15%", "15\u{00A0}%", "U+00A0 before %"),
        .typography("kk", "Ынтымақтастық ?", "Ынтымақтастық?", "Kazakh letters count as letters"),
        .hyphenation("kk", "ынтымақтастығымызды", "ын\u{00AD}ты\u{00AD}мақ\u{00AD}тас\u{00AD}ты\u{00AD}ғы\u{00AD}мыз\u{00AD}ды", "no Kazakh patterns: by syllables"),
        .hyphenation("kk", "біз Қазақстанда", "біз Қазақстанда", "a proper noun is left whole"),
    ]

    static let arabic: [LanguageCase] = [
        .typography("ar", "مرحبا ؟", "مرحبا؟", "a space typed before ؟ is removed"),
        .typography("ar", "نعم ، لا ؛ ربما !", "نعم، لا؛ ربما!", "and before ، ؛ !"),
        .typography("ar", "قال \"لا\" اليوم", "قال «لا» اليوم", "straight quotes become « »"),
        .typography("ar", "\"قال \"لا\" اليوم\"", "«قال ”لا“ اليوم»", "nested straight quotes become CLDR's ” “"),
        .typography("ar", "15 ٪ و١٥ %", "15٪ و١٥%", "the percent sign touches the number, in either digits"),
        .typography("ar", "2 000 شخص", "2 000 شخص", "numbers are left as typed"),
        .hyphenation("ar", "والديمقراطية", "والديمقراطية", "Arabic is not hyphenated"),
    ]

    static let all = french + canadianFrench + swissFrench + english + german + spanish + russian + ukrainian + kazakh + arabic

    /// Prepares the case's input in its language and compares with the expected text.
    @Test("each language's cases", arguments: all)
    func languageCase(_ test: LanguageCase) throws {
        let preparer = try Preparer(language: test.language)
        // The breaks a line takes as a matter of course; a proper noun's are only there to spare
        // a very loose line (HyphenationTests).
        let output = ordinaryBreaks(preparer.prepare(StyledText(test.example.input), TextTreatment(hyphenate: test.hyphenate)))
        #expect(output == test.example.expected, "got \(visible(output)), want \(visible(test.example.expected))")
    }

    /// Every language has a case of each kind the tables decide: typography and hyphenation.
    @Test func everyLanguageIsCovered() {
        for language in Preparer.knownLanguages {
            let cases = Self.all.filter { $0.language == language }
            #expect(cases.count >= 6, "\(language) has \(cases.count) cases")
            #expect(cases.contains { $0.hyphenate }, "\(language) has no hyphenation case")
        }
    }

    /// Applying the rules to their own output changes nothing, in every language.
    @Test("the rules are idempotent", arguments: all.filter { !$0.hyphenate })
    func idempotent(_ test: LanguageCase) throws {
        let rules = try #require(TypographyRules.rules(for: test.language))
        let once = Typography.apply(test.example.input, rules)
        #expect(Typography.apply(once, rules) == once, "\(visible(once))")
    }
}

/// How a tag finds its table, and what an unknown one says.
@Suite("Language tags")
struct LanguageTagTests {
    @Test("a tag resolves exactly, in any case, else by its primary language", arguments: [
        ("fr", "fr"), ("fr-CH", "fr-CH"), ("fr-ch", "fr-CH"), ("FR-ca", "fr-CA"), ("fr_CH", "fr-CH"),
        ("fr-BE", "fr"), ("fr-Latn-CH", "fr-CH"), ("en-GB", "en"), ("de-AT", "de"), ("kk-Cyrl-KZ", "kk"),
        ("uk-UA", "uk"), ("ar-EG", "ar"),
    ])
    func resolves(_ tag: String, _ language: String) throws {
        let rules = try #require(TypographyRules.rules(for: tag))
        #expect(rules.language == language)
        #expect(try Preparer(language: tag).rules == rules)
    }

    @Test func frenchOfBelgiumIsFrench() {
        #expect(TypographyRules.rules(for: "fr-BE") == .french)
    }

    @Test("an unknown tag is an error whose hint lists the known languages", arguments: ["xx", "klingon", "xx-FR", ""])
    func unknown(_ tag: String) {
        #expect(TypographyRules.rules(for: tag) == nil)
        do {
            _ = try Preparer(language: tag)
            Issue.record("'\(tag)' was accepted")
        } catch {
            #expect(error.severity == .error)
            #expect(error.message == "unknown language '\(tag)'")
            #expect(error.hints == ["tract knows: ar, de, en, es, fr, fr-CA, fr-CH, kk, ru, uk"])
        }
    }

    @Test func everyTableIsKnownByItsTag() {
        for (tag, rules) in TypographyRules.all {
            #expect(rules.language == tag)
            #expect(TypographyRules.rules(for: tag) == rules)
        }
    }

    @Test("the A-bas lint stays French", arguments: [("fr", 1), ("fr-CA", 1), ("fr-CH", 1), ("en", 0), ("de", 0), ("es", 0)])
    func lintIsFrench(_ tag: String, _ warnings: Int) throws {
        let rules = try #require(TypographyRules.rules(for: tag))
        #expect(Typography.lint(StyledText("A bas le régime"), rules).count == warnings)
    }
}

/// The hyphenation policy in other scripts and with the Ukrainian apostrophe.
@Suite("Hyphenation policy, other languages")
struct LanguageHyphenationTests {
    /// Where a word ends: at an apostrophe in French, past it in Ukrainian (`м’ясо` is one word).
    @Test("word ends", arguments: [
        ("fr", "l’effondrement", 1), ("uk", "м’ясо", 5), ("uk", "м'ясо", 5), ("uk", "мʼясо", 5),
        ("uk", "бур’ян,", 6), ("uk", "солдатів’ ", 8), ("ru", "солидарность!", 12),
    ])
    func wordEnds(_ tag: String, _ text: String, _ end: Int) throws {
        let settings = try #require(TypographyRules.rules(for: tag)?.hyphenation)
        #expect(Hyphenation.wordEnd(Array(text.unicodeScalars), from: 0, settings: settings) == end)
    }

    /// No break in a Ukrainian word leaves fewer than 2 letters on either side (the apostrophe
    /// is no letter) or separates the apostrophe from the letter before it.
    @Test func ukrainianBreaksKeepTheApostropheWithItsLetter() throws {
        let preparer = try Preparer(language: "uk")
        let words = ["п’ятнадцять", "дев’ятнадцять", "об’єднання", "м’ясокомбінат", "бур’янами", "пам’ятник",
                     "комп’ютерний", "здоров’я", "сім’ями", "зв’язківець", "мʼясокомбінат", "пʼятдесят"]
        var breaks = 0
        for word in words {
            let output = Array(preparer.prepare(StyledText(word), TextTreatment()).scalars)
            for (index, scalar) in output.enumerated() where scalar == Characters.softHyphen {
                breaks += 1
                let before = output[..<index].filter(Typography.isLetter).filter { $0 != "\u{02BC}" }
                let after = output[(index + 1)...].filter(Typography.isLetter).filter { $0 != "\u{02BC}" }
                #expect(before.count >= 2 && after.count >= 2, "\(visible(String(String.UnicodeScalarView(output))))")
                #expect(!Characters.apostrophes.contains(output[index + 1]), "\(visible(String(String.UnicodeScalarView(output))))")
            }
        }
        #expect(breaks >= 3, "the patterns should break some of these words, found \(breaks)")
    }

    /// Arabic prepares without a dictionary and inserts no soft hyphen.
    @Test func arabicHasNoSoftHyphens() throws {
        let preparer = try Preparer(language: "ar")
        #expect(preparer.rules.hyphenation == nil)
        #expect(!preparer.prepare(StyledText("التضامن الدولي والديمقراطية"), TextTreatment()).scalars.contains(Characters.softHyphen))
    }

    /// Kazakh has syllable rules and no dictionary: none is loaded, and asking for one says so.
    @Test func kazakhBreaksWithoutADictionary() throws {
        let preparer = try Preparer(language: "kk")
        let settings = try #require(preparer.rules.hyphenation)
        #expect(settings.dictionary == nil && settings.syllables != nil)
        #expect(throws: Diagnostic.self) { try HyphenationDictionary.shared(for: settings) }
        let prepared = preparer.prepare(StyledText("Халықаралық ынтымақтастығымызды қолдаймыз"), TextTreatment())
        #expect(prepared.scalars.filter { $0 == Characters.softHyphen }.count >= 8)
    }

    /// Spanish's preferred file is used when installed, and the fallback otherwise.
    @Test func aMissingPreferredDictionaryFallsBack() throws {
        var settings = try #require(TypographyRules.spanish.hyphenation)
        settings.dictionary = "hyph_xx_XX.dic"
        settings.fallbackDictionaries = ["hyph_es_ES.dic"]
        #expect(try HyphenationDictionary.shared(for: settings).path == "/usr/share/hyphen/hyph_es_ES.dic")
        settings.fallbackDictionaries = []
        #expect(throws: Diagnostic.self) { try HyphenationDictionary.shared(for: settings) }
    }
}
