internal import CTextCat
import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// What tract makes of a text's language when nobody says it: the language, when the guess is
/// clear, the candidates best first, and how it was told.
public struct LanguageGuess: Sendable, Equatable {
    /// The tag, when one language stands out; nil when the guess is not clear.
    public var language: String?
    /// The languages the text may be in, the likeliest first.
    public var candidates: [String]
    /// How the guess was made, in words: "Arabic letters", "the sequences of its letters".
    public var reason: String
}

/// Guesses the language of a text among those tract has typography for: first by its script
/// (Arabic letters are Arabic; Cyrillic with ә ғ қ ң ө ұ ү һ is Kazakh), then by the letter
/// sequences libexttextcat knows of each language (the models LibreOffice uses).
public enum LanguageGuesser {
    /// The languages a guess may give, by the script they are written in.
    static let latin = ["de", "en", "es", "fr"]
    static let cyrillic = ["ru", "uk"]
    /// The letters of Kazakh that Russian and Ukrainian do not have.
    static let kazakhLetters: Set<Character> = ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "Ә", "Ғ", "Қ", "Ң", "Ө", "Ұ", "Ү", "Һ"]
    /// Once Kazakh is ruled out, the letters only Ukrainian has, and those only Russian has.
    static let ukrainianLetters: Set<Character> = ["і", "ї", "є", "ґ", "І", "Ї", "Є", "Ґ"]
    static let russianLetters: Set<Character> = ["ы", "э", "ъ", "ё", "Ы", "Э", "Ъ", "Ё"]

    /// Where libexttextcat's language models are.
    static let models = "/usr/share/libexttextcat/"

    public static func guess(_ text: String) -> LanguageGuess {
        var counts = (latin: 0, cyrillic: 0, arabic: 0)
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: counts.arabic += 1
            case 0x0400...0x052F: counts.cyrillic += 1
            case 0x0041...0x024F: counts.latin += 1
            default: break
            }
        }
        if counts.arabic > counts.latin + counts.cyrillic {
            return LanguageGuess(language: "ar", candidates: ["ar"], reason: "it is written in Arabic letters")
        }
        if counts.cyrillic > counts.latin {
            let letters = Set(text)
            /// The guess when the text has letters only `tag` has among the other Cyrillic languages.
            func byLetters(_ tag: String, _ found: Set<Character>) -> LanguageGuess {
                LanguageGuess(language: tag, candidates: [tag],
                              reason: "its Cyrillic has letters of \(name(tag)) (\(found.sorted().prefix(3).map(String.init).joined(separator: " ")))")
            }
            let kazakh = letters.intersection(kazakhLetters)
            if !kazakh.isEmpty { return byLetters("kk", kazakh) }
            let ukrainian = letters.intersection(ukrainianLetters), russian = letters.intersection(russianLetters)
            if !ukrainian.isEmpty, russian.isEmpty { return byLetters("uk", ukrainian) }
            if !russian.isEmpty, ukrainian.isEmpty { return byLetters("ru", russian) }
            return classify(text, among: cyrillic)
        }
        guard counts.latin > 0 else {
            return LanguageGuess(language: nil, candidates: [], reason: "it has no letters of a language tract knows")
        }
        return classify(text, among: latin)
    }

    /// The guess of libexttextcat among some languages.
    private static func classify(_ text: String, among languages: [String]) -> LanguageGuess {
        let reason = "the sequences of its letters are those of "
        guard let classifier = classifiers[languages.joined(separator: ",")] ?? nil else {
            return LanguageGuess(language: nil, candidates: languages,
                                 reason: "libexttextcat's language models are not installed (apt-get install libexttextcat-data)")
        }
        let candidates = classifier.classify(text)
        guard let best = candidates.first else {
            return LanguageGuess(language: nil, candidates: languages, reason: "the text is too short to tell")
        }
        let names = candidates.map { LanguageGuesser.name($0) }
        return LanguageGuess(language: candidates.count == 1 ? best : nil, candidates: candidates,
                             reason: reason + (candidates.count == 1 ? names[0] : names.joined(separator: " or ")))
    }

    /// The language's name in English, for messages.
    public static func name(_ tag: String) -> String {
        ["ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fr": "French", "kk": "Kazakh",
         "ru": "Russian", "uk": "Ukrainian"][tag] ?? tag
    }

    /// One classifier for each group of languages, made once; nil when the models are missing.
    private static let classifiers: [String: Classifier?] = [
        latin.joined(separator: ","): Classifier(languages: latin),
        cyrillic.joined(separator: ","): Classifier(languages: cyrillic),
    ]
}

/// A libexttextcat classifier over some languages' models. One classification runs at a time
/// in the process, whichever the classifier: libexttextcat is not safe to call from two threads
/// even on two handles (under parallel tests, a classification was seen to change).
private final class Classifier: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private static let lock = Lock()

    init?(languages: [String]) {
        // The configuration names each language's model file and its tag; it is read once.
        var template = Array("/tmp/tract-textcat-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        let path = String(cString: template)
        defer { unlink(path) }
        var lines = languages.map { "\($0).lm \($0)\n" }.joined()
        _ = lines.withUTF8 { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        // transfer full: released by textcat_Done in deinit.
        guard let handle = special_textcat_Init(path, LanguageGuesser.models) else { return nil }
        self.handle = handle
    }

    deinit {
        textcat_Done(handle)
    }

    /// The candidates libexttextcat finds, best first: several when their scores are close.
    func classify(_ text: String) -> [String] {
        // A few thousand bytes tell a language; more only costs time.
        let bytes = Array(text.utf8.prefix(4096))
        return Classifier.lock.withLock {
            guard let candidates = textcat_GetClassifyFullOutput(handle) else { return [] }
            defer { textcat_ReleaseClassifyFullOutput(handle, candidates) }
            let count = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { textcat_ClassifyFull(handle, $0.baseAddress, $0.count, candidates) }
            }
            guard count > 0 else { return [] }
            return (0..<Int(count)).map { String(cString: candidates[$0].name) }
        }
    }
}
