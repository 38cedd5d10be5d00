import Foundation
import Testing
@testable import TractPrepare

/// The repository's root, from this file's path.
private let root: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}()

/// Every source of the examples and of the fill corpus, with the language its name gives.
private let sources: [(language: String, path: String)] = ["examples", "corpus"].flatMap { folder in
    let base = root + "/" + folder
    return ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted().flatMap { leaflet in
        ((try? FileManager.default.contentsOfDirectory(atPath: base + "/" + leaflet)) ?? []).sorted()
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }
            .map { (String($0.split(separator: ".")[0]), base + "/" + leaflet + "/" + $0) }
    }
}

/// A text's language, guessed when nobody says it.
@Suite struct LanguageGuessTests {
    @Test func everyExampleAndCorpusTextIsGuessedRight() throws {
        #expect(sources.count >= 24)
        for (language, path) in sources {
            var text = try String(contentsOfFile: path, encoding: .utf8)
            // Without its front matter, which names the language.
            text = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("lang:") }.joined(separator: "\n")
            let guess = LanguageGuesser.guess(text)
            #expect(guess.language == language, "\(path): \(guess)")
        }
    }

    /// A headline and two sentences in each language.
    static let shortTexts: [(String, String)] = [
        ("fr", "Grève jeudi\n\nNous appelons tous les salariés à cesser le travail. Rendez-vous devant la mairie à midi."),
        ("en", "Strike on Thursday\n\nWe call on all workers to stop work. Meet us outside the town hall at noon."),
        ("de", "Streik am Donnerstag\n\nWir rufen alle Beschäftigten auf, die Arbeit niederzulegen. Treffpunkt vor dem Rathaus um zwölf."),
        ("es", "Huelga el jueves\n\nLlamamos a todos los trabajadores a dejar el trabajo. Nos vemos frente al ayuntamiento a mediodía."),
        ("ru", "Забастовка в четверг\n\nМы призываем всех работников прекратить работу. Встречаемся у мэрии в полдень."),
        ("uk", "Страйк у четвер\n\nМи закликаємо всіх працівників припинити роботу. Зустрічаємося біля міськради опівдні."),
        ("kk", "Бейсенбіде ереуіл\n\nБарлық қызметкерлерді жұмысты тоқтатуға шақырамыз. Түсте әкімдік алдында кездесеміз."),
        ("ar", "إضراب يوم الخميس\n\nندعو جميع العمال إلى التوقف عن العمل. نلتقي أمام البلدية ظهرا."),
    ]

    @Test(arguments: shortTexts)
    func aShortTextIsGuessedRight(_ language: String, _ text: String) {
        let guess = LanguageGuesser.guess(text)
        #expect(guess.language == language, "\(guess)")
        #expect(!guess.reason.isEmpty)
    }

    @Test func theScriptDecidesFirst() {
        #expect(LanguageGuesser.guess("Ереуіл! Қалаға барамыз.").reason.contains("Kazakh"))
        #expect(LanguageGuesser.guess("Ми йдемо. Її немає.").language == "uk")
        #expect(LanguageGuesser.guess("Мы идём. Это всё.").language == "ru")
        #expect(LanguageGuesser.guess("تضامن مع العمال").reason.contains("Arabic"))
    }

    @Test func aTextTooShortOrWithoutLettersIsNotGuessed() {
        let short = LanguageGuesser.guess("Grève\n\nOui.")
        #expect(short.language == nil)
        #expect(short.candidates.count >= 2, "\(short)")
        let numbers = LanguageGuesser.guess("12 34\n\n56.")
        #expect(numbers.language == nil && numbers.candidates.isEmpty)
    }
}
