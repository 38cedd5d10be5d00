import TractCore

/// Where tract lets a word break, on top of the dictionary's patterns.
///
/// A word is a run of letters; hyphens end one, and so do apostrophes unless the language keeps
/// them in its words (Ukrainian `м’ясо`): `l’effondrement` offers only `effondrement` and a
/// break never follows the apostrophe. Left alone: words shorter than `leftMin + rightMin`
/// letters, words touching a digit (`10h30`, `2e`), acronyms (`URSS`), proper nouns (a capital
/// that does not start a sentence, where capitals tell them) and URLs or e-mail addresses.
public enum Hyphenation {
    /// Inserts U+00AD at every allowed break; Pango draws the hyphen when a line ends there.
    public static func insertSoftHyphens(_ text: StyledText, dictionary: HyphenationDictionary?,
                                         settings: HyphenationSettings) -> StyledText {
        let scalars = text.scalars
        let isProtected = Typography.protectedMask(scalars)
        // Offsets where a soft hyphen goes, in increasing order: words are met left to right;
        // a proper noun's are kept for a line that would be very loose without them.
        var breaks: [(offset: Int, discouraged: Bool)] = []
        var start = 0
        while start < scalars.count {
            guard Typography.isLetter(scalars[start]) else {
                start += 1
                continue
            }
            let end = wordEnd(scalars, from: start, settings: settings)
            let policy = hyphenationPolicy(scalars, start..<end, isProtected: isProtected, settings: settings)
            if policy != .never {
                breaks += breakPoints(in: scalars[start..<end], dictionary: dictionary, settings: settings)
                    .map { (start + $0, policy == .onlyToSpareALooseLine) }
            }
            start = end
        }
        guard !breaks.isEmpty else { return text }
        var output = Output()
        var next = 0
        for index in scalars.indices {
            if next < breaks.count, breaks[next].offset == index {
                output.append(Characters.softHyphen, breaks[next].discouraged ? text.styles[index].union(.discouragedBreak) : text.styles[index])
                next += 1
            }
            output.append(scalars[index], text.styles[index])
        }
        return output.text
    }

    /// The end of the word that starts at `start`: the first scalar that is not a letter, or
    /// not an apostrophe between two letters where the language keeps apostrophes in words.
    static func wordEnd(_ scalars: [Unicode.Scalar], from start: Int, settings: HyphenationSettings) -> Int {
        var end = start
        while end < scalars.count {
            if Typography.isLetter(scalars[end]) {
                end += 1
            } else if settings.apostropheInWord, Characters.apostrophes.contains(scalars[end]),
                      end + 1 < scalars.count, Typography.isLetter(scalars[end + 1]) {
                end += 1
            } else {
                break
            }
        }
        return end
    }

    /// The offsets in a word where the patterns allow a break (or, where they allow none, the
    /// language's syllable rules) and the policy keeps it: at least
    /// `leftMin` letters before and `rightMin` after (an apostrophe is no letter), and never
    /// just before an apostrophe, which stays with the letter before it (`бур’-ян`).
    static func breakPoints(in word: ArraySlice<Unicode.Scalar>, dictionary: HyphenationDictionary?,
                            settings: HyphenationSettings) -> [Int] {
        var lower = lowercased(word)
        // A lower-case form of another length (rare: `İ`) cannot be mapped back.
        guard lower.count == word.count else { return [] }
        let isApostrophe = lower.map { settings.apostropheInWord && Characters.apostrophes.contains($0) }
        // The Ukrainian patterns spell the apostrophe `'`.
        for index in lower.indices where isApostrophe[index] { lower[index] = "'" }
        let letters = lower.count - isApostrophe.filter { $0 }.count
        var points = dictionary?.breakPoints(in: lower) ?? []
        if points.isEmpty, let syllables = settings.syllables { points = syllables.breakPoints(in: lower) }
        return points.filter { point in
            let lettersBefore = point - isApostrophe[..<point].filter { $0 }.count
            return !isApostrophe[point] && lettersBefore >= settings.leftMin && letters - lettersBefore >= settings.rightMin
        }
    }

    /// A word in lower case, for the dictionary's patterns; Latin letters are mapped directly.
    static func lowercased(_ word: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var lower: [Unicode.Scalar] = []
        lower.reserveCapacity(word.count)
        for scalar in word {
            let value = scalar.value
            // A–Z and À–Þ (but ×) lie 32 below their lower-case letters.
            if (0x41...0x5A).contains(value) || ((0xC0...0xDE).contains(value) && value != 0xD7) {
                lower.append(Unicode.Scalar(value + 32)!)
            } else if value < 0x100 {
                lower.append(scalar)
            } else {
                return Array(String(String.UnicodeScalarView(word)).lowercased().unicodeScalars)
            }
        }
        return lower
    }

    /// Whether the policy lets the word at `range` break at all.
    static func mayHyphenate(_ scalars: [Unicode.Scalar], _ range: Range<Int>, isProtected: [Bool],
                             settings: HyphenationSettings) -> Bool {
        hyphenationPolicy(scalars, range, isProtected: isProtected, settings: settings) == .always
    }

    /// How the word at `range` may break.
    enum Policy {
        case always
        /// A proper noun: only where the line would otherwise be very loose.
        case onlyToSpareALooseLine
        case never
    }

    static func hyphenationPolicy(_ scalars: [Unicode.Scalar], _ range: Range<Int>, isProtected: [Bool],
                                  settings: HyphenationSettings) -> Policy {
        guard range.count >= settings.leftMin + settings.rightMin else { return .never }
        if isProtected[range.lowerBound] { return .never }
        if range.lowerBound > 0, Typography.isDigit(scalars[range.lowerBound - 1]) { return .never }
        if range.upperBound < scalars.count, Typography.isDigit(scalars[range.upperBound]) { return .never }
        let word = scalars[range]
        let capitals = word.filter { $0.properties.isUppercase }.count
        if capitals >= 2 && !word.contains(where: { $0.properties.isLowercase }) { return .never }
        if settings.capitalMarksProperNoun, capitals >= 1, word.first!.properties.isUppercase,
           !startsSentence(scalars, at: range.lowerBound) {
            return .onlyToSpareALooseLine
        }
        return .always
    }

    /// Whether the word at `index` is the first of a sentence: nothing but spaces, quotes,
    /// brackets, dashes or Spanish opening marks between it and the start of the text or a full
    /// stop (not an initial's), `!`, `?` or `…`.
    static func startsSentence(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var position = index - 1
        while position >= 0 {
            let scalar = scalars[position]
            // A full stop after a lone capital is an initial or `M.` (Monsieur): the name after
            // it does not start a sentence, and a proper noun is not hyphenated.
            if scalar == ".", position > 0, scalars[position - 1].properties.isUppercase,
               position == 1 || !Typography.isLetter(scalars[position - 2]) {
                return false
            }
            if ".!?…".unicodeScalars.contains(scalar) { return true }
            if Characters.typedSpaces.contains(scalar) || "«»“”„‚‘‹›\"([–—-¿¡".unicodeScalars.contains(scalar) {
                position -= 1
                continue
            }
            return false
        }
        return true
    }
}
