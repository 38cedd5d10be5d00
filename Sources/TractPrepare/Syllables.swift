/// Where a word of an alphabet that spells its syllables plainly may break when a language's
/// patterns give it no point, or when the language has no patterns at all (Kazakh): between
/// syllables, found from the letters alone.
///
/// Debian's Ukrainian patterns leave about a quarter of the words of six letters and more
/// unbroken (`провели`, `своєчасну`, `центру`), and there are no Kazakh patterns. The rules are
/// those all three languages' orthographies share, kept to what is never wrong:
///
/// - each part keeps a vowel (`про-ве-ли`, never `п-ровели`, and `ре-монт`, not `ремон-т`);
/// - a single consonant between vowels opens the next syllable (`ро-бо-чі`);
/// - a run of consonants breaks after its first (`сес-три`, `цен-тру`, `рішен-ня`);
/// - the soft and hard signs, `й` and the apostrophe stay with the letter before them, and
///   a run of consonants may break after them (`боль-шой`, `вой-на`);
/// - two vowels in a row are not parted.
///
/// A word with a letter outside the table (a Latin word in a Russian text) gets no point.
public struct Syllables: Hashable, Sendable {
    public var vowels: Set<Unicode.Scalar>
    public var consonants: Set<Unicode.Scalar>
    /// Letters that never start a line: they close the syllable before them.
    public var closing: Set<Unicode.Scalar>

    public init(vowels: String, consonants: String, closing: String) {
        self.vowels = Set(vowels.unicodeScalars)
        self.consonants = Set(consonants.unicodeScalars)
        self.closing = Set(closing.unicodeScalars)
    }

    /// Russian, Ukrainian and Kazakh in Cyrillic: every letter of the three alphabets. The
    /// Ukrainian apostrophe is spelt `'`, as the patterns spell it.
    public static let cyrillic = Syllables(
        vowels: "аеёиоуыэюяіїєәөұү",
        consonants: "бвгджзклмнпрстфхцчшщґғқңһ",
        closing: "ьъй'"
    )

    /// The break points of a lower-case word: `i` is a break between letters `i - 1` and `i`.
    public func breakPoints(in word: [Unicode.Scalar]) -> [Int] {
        guard word.allSatisfy({ vowels.contains($0) || consonants.contains($0) || closing.contains($0) }),
              let firstVowel = word.firstIndex(where: vowels.contains),
              let lastVowel = word.lastIndex(where: vowels.contains), lastVowel > firstVowel else { return [] }
        var points: [Int] = []
        // A break at `point` leaves a vowel on each side.
        for point in (firstVowel + 1)...lastVowel where !closing.contains(word[point]) {
            let before = word[point - 1]
            let after = word[point]
            if vowels.contains(before) {
                // V-CV: one consonant between vowels opens the next syllable (the last vowel
                // is after it, so `point + 1` is in the word).
                if consonants.contains(after), vowels.contains(word[point + 1]) { points.append(point) }
            } else if consonants.contains(after) {
                // A run of consonants breaks after its first letter, or after a sign that closes
                // the syllable before it.
                if closing.contains(before) || vowels.contains(word[point - 2]) { points.append(point) }
            }
        }
        return points
    }
}
