import TractCore

/// The typography rules as small pure functions over styled text, applied in order by `apply`.
///
/// Each function first removes the spaces the author typed around a mark, then sets the ones
/// the language's table asks for, so `Quoi?`, `Quoi ?` and `Quoi ?` come out the same.
/// Nothing is changed inside URLs, e-mail addresses or times (`10:30`).
public enum Typography {
    /// Applies every rule of a language's table to a text. Each rule first looks for the
    /// characters it acts on and returns the text as it is when there are none.
    public static func apply(_ text: StyledText, _ rules: TypographyRules) -> StyledText {
        var result = normalizeSpaces(text)
        result = ellipses(result)
        result = apostrophes(result)
        result = quotes(result, rules)
        result = dashes(result, rules)
        result = punctuationSpaces(result, rules)
        result = digitGroups(result, rules)
        result = unitSpaces(result, rules)
        result = numberTies(result, rules)
        return result
    }

    /// Applies the rules to unstyled text; a convenience for tests and single strings.
    public static func apply(_ string: String, _ rules: TypographyRules) -> String {
        apply(StyledText(string), rules).string
    }

    // MARK: Rules

    /// Tabs and line ends become spaces, runs of spaces become one (a no-break space wins over a
    /// plain one), and the ends are trimmed.
    static func normalizeSpaces(_ text: StyledText) -> StyledText {
        var output = Output()
        var pending: (scalar: Unicode.Scalar, style: InlineStyle)?
        for (scalar, style) in zip(text.scalars, text.styles) {
            let isSpace = Characters.typedSpaces.contains(scalar) || scalar == "\t" || scalar == "\n"
            if isSpace {
                let candidate: Unicode.Scalar = scalar == "\t" || scalar == "\n" ? " " : scalar
                if pending == nil || Characters.noBreakSpaces.contains(candidate) && pending!.scalar == " " {
                    pending = (candidate, style)
                }
                continue
            }
            if let space = pending, !output.isEmpty { output.append(space.scalar, space.style) }
            pending = nil
            output.append(scalar, style)
        }
        return output.text
    }

    /// Three full stops become an ellipsis character.
    static func ellipses(_ text: StyledText) -> StyledText {
        guard text.scalars.contains(".") else { return text }
        let scalars = text.scalars
        let isProtected = protectedMask(scalars)
        var output = Output()
        var index = 0
        while index < scalars.count {
            if scalars[index] == ".", !isProtected[index], index + 2 < scalars.count,
               scalars[index + 1] == ".", scalars[index + 2] == ".",
               index + 3 == scalars.count || scalars[index + 3] != ".",
               index == 0 || scalars[index - 1] != "." {
                output.append(Characters.ellipsis, text.styles[index])
                index += 3
                continue
            }
            output.append(scalars[index], text.styles[index])
            index += 1
        }
        return output.text
    }

    /// A straight apostrophe between two letters, or between a letter and the quotation it
    /// elides into, becomes U+2019 (`l'URSS` → `l’URSS`, `l'"Union"` → `l’"Union"`).
    static func apostrophes(_ text: StyledText) -> StyledText {
        guard text.scalars.contains("'") else { return text }
        let scalars = text.scalars
        let isProtected = protectedMask(scalars)
        var output = Output()
        for index in scalars.indices {
            guard scalars[index] == "'" else {
                output.append(scalars[index], text.styles[index])
                continue
            }
            // An elision before a quotation (`l'"Organisation"`) is an apostrophe too; a `'`
            // that closes a quotation inside a quotation is not followed by a letter.
            let elidesBeforeQuote = index + 2 < scalars.count && scalars[index + 1] == "\"" && isLetter(scalars[index + 2])
            let between = index > 0 && index + 1 < scalars.count
                && isLetter(scalars[index - 1]) && (isLetter(scalars[index + 1]) || elidesBeforeQuote)
            output.append(between && !isProtected[index] ? Characters.apostrophe : "'", text.styles[index])
        }
        return output.text
    }

    /// Straight double quotes become the language's quotation marks, the inner pair inside an
    /// open quotation; the spaces just inside the marks are then set from the table (French:
    /// U+202F), whatever the author typed. Typed marks are left as they are, except those of a
    /// pair that takes a space (French « »).
    static func quotes(_ text: StyledText, _ rules: TypographyRules) -> StyledText {
        let spacedMarks = [rules.quotes, rules.innerQuotes].filter { $0.spaceInside != nil }.flatMap { [$0.open, $0.close] }
        guard text.scalars.contains(where: { $0 == "\"" || spacedMarks.contains($0) }) else { return text }
        let (marked, marks) = quotationMarks(text, rules)
        return spaceInsideQuotes(marked, marks)
    }

    /// A quotation mark whose inside space the rules set: its pair, and whether it opens.
    struct QuoteMark {
        var pair: QuotePair
        var opens: Bool

        /// The mark itself.
        var scalar: Unicode.Scalar { opens ? pair.open : pair.close }
    }

    /// Replaces each straight double quote by a mark of the outer pair, or of the inner pair
    /// inside an open quotation (see `opensQuotation` for which opens), and lists the marks
    /// whose inside space is set: those replaced, and the typed ones of a pair with a space.
    static func quotationMarks(_ text: StyledText, _ rules: TypographyRules) -> (StyledText, [QuoteMark?]) {
        let scalars = text.scalars
        let isProtected = protectedMask(scalars)
        let pairs = [rules.quotes, rules.innerQuotes]
        var output = Output()
        var marks: [QuoteMark?] = []
        // How many quotations are open: typed outer marks count too, so `« il dit "non" »`
        // nests. Typed inner marks do not: English ’ is also the apostrophe.
        var depth = 0
        for index in scalars.indices {
            let scalar = scalars[index]
            let isFree = !isProtected[index]
            var mark: QuoteMark?
            if isFree, scalar == "\"" {
                let next = index + 1 < scalars.count ? scalars[index + 1] : nil
                let opens = opensQuotation(after: output.last, before: next, isOpen: depth > 0, rules)
                if !opens { depth = max(depth - 1, 0) }
                // Levels alternate, outer, inner, outer…, as the typographic codes nest them.
                mark = QuoteMark(pair: pairs[depth % 2], opens: opens)
                if opens { depth += 1 }
            } else if isFree, scalar == rules.quotes.open || scalar == rules.quotes.close {
                let opens = scalar == rules.quotes.open
                depth = opens ? depth + 1 : max(depth - 1, 0)
                if rules.quotes.spaceInside != nil { mark = QuoteMark(pair: rules.quotes, opens: opens) }
            } else if isFree, rules.innerQuotes.spaceInside != nil,
                      scalar == rules.innerQuotes.open || scalar == rules.innerQuotes.close {
                mark = QuoteMark(pair: rules.innerQuotes, opens: scalar == rules.innerQuotes.open)
            }
            output.append(mark?.scalar ?? scalar, text.styles[index])
            marks.append(mark)
        }
        return (output.text, marks)
    }

    /// Sets its pair's space just inside each listed mark (none when the pair has none), in
    /// place of the spaces typed there.
    static func spaceInsideQuotes(_ text: StyledText, _ marks: [QuoteMark?]) -> StyledText {
        let scalars = text.scalars
        var output = Output()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let style = text.styles[index]
            index += 1
            guard let mark = marks[index - 1] else {
                output.append(scalar, style)
                continue
            }
            if !mark.opens, !output.isEmpty {
                output.trimTrailingSpaces()
                if let space = mark.pair.spaceInside { output.append(space, style) }
            }
            output.append(scalar, style)
            if mark.opens {
                while index < scalars.count, Characters.typedSpaces.contains(scalars[index]) { index += 1 }
                if let space = mark.pair.spaceInside, index < scalars.count { output.append(space, style) }
            }
        }
        return output.text
    }

    /// Whether a straight double quote between `previous` and `next` opens a quotation: it does
    /// after a space, an opening bracket or mark and before a word, it closes after a word and
    /// before a space or punctuation, and when both sides look alike it closes the open
    /// quotation or opens a new one.
    static func opensQuotation(after previous: Unicode.Scalar?, before next: Unicode.Scalar?, isOpen: Bool,
                               _ rules: TypographyRules) -> Bool {
        // After an elision (`l’"Organisation"`) a quotation opens: `l’« Organisation »`.
        if previous == Characters.apostrophe, let next, isLetter(next) { return true }
        let opening = [rules.quotes.open, rules.innerQuotes.open]
        let closing = [rules.quotes.close, rules.innerQuotes.close]
        let spaceBefore = previous.map { Characters.typedSpaces.contains($0) || "([{/–—-¿¡".unicodeScalars.contains($0) || opening.contains($0) } ?? true
        let spaceAfter = next.map { Characters.typedSpaces.contains($0) || ".,;:!?…)]}،؛؟".unicodeScalars.contains($0) || closing.contains($0) } ?? true
        // French writers often type the spaces of « » inside straight quotes (`" non "`), so a
        // space on both sides says nothing: the quote pairs with the previous one.
        if spaceBefore == spaceAfter { return !isOpen }
        return spaceBefore
    }

    /// A spaced hyphen or double hyphen becomes a spaced en dash. The dash of an opening
    /// incise is tied to the word after it and the dash that closes it to the word before it,
    /// so that a dash never ends up alone at the start or end of a line.
    static func dashes(_ text: StyledText, _ rules: TypographyRules) -> StyledText {
        guard text.scalars.contains(where: { $0 == "-" || $0 == Characters.enDash }) else { return text }
        guard rules.spacedDash else { return text }
        let scalars = text.scalars
        let isProtected = protectedMask(scalars)
        var output = Output()
        var index = 0
        var opening = true
        while index < scalars.count {
            let scalar = scalars[index]
            let isDoubleHyphen = scalar == "-" && index + 1 < scalars.count && scalars[index + 1] == "-"
            let length = isDoubleHyphen ? 2 : 1
            let isDash = scalar == "-" || scalar == Characters.enDash
            if isDash, !isProtected[index], index > 0, index + length < scalars.count,
               scalars[index - 1] == " " || Characters.noBreakSpaces.contains(scalars[index - 1]),
               scalars[index + length] == " " || Characters.noBreakSpaces.contains(scalars[index + length]) {
                let style = text.styles[index]
                output.trimTrailingSpaces()
                output.append(opening ? " " : Characters.noBreakSpace, style)
                output.append(Characters.enDash, style)
                output.append(opening ? Characters.noBreakSpace : " ", style)
                opening.toggle()
                index += length + 1
                continue
            }
            // An incise never runs past the end of its sentence (its closing dash gives way to
            // the full stop), so the next dash opens a new one. A sentence ends at `. ! ? …`
            // followed by a space and a capital: `– pourquoi ? –` stays one incise.
            if ".!?…".unicodeScalars.contains(scalar), index + 2 < scalars.count,
               Characters.typedSpaces.contains(scalars[index + 1]), scalars[index + 2].properties.isUppercase {
                opening = true
            }
            output.append(scalar, text.styles[index])
            index += 1
        }
        return output.text
    }

    /// Sets the table's space before `; : ! ?`, or none for the marks the table sets touching,
    /// in place of the spaces typed there: none at the start of a text, after an opening
    /// bracket (`(?)`) or inside a group (`?!` takes one space, before the group); a colon
    /// between digits (`10:30`) is a time and is left alone.
    static func punctuationSpaces(_ text: StyledText, _ rules: TypographyRules) -> StyledText {
        let marks = rules.noSpaceBefore.union(rules.spaceBefore.keys)
        guard text.scalars.contains(where: marks.contains) else { return text }
        let scalars = text.scalars
        let isProtected = protectedMask(scalars)
        var output = Output()
        for index in scalars.indices {
            let scalar = scalars[index]
            let style = text.styles[index]
            guard marks.contains(scalar), !isProtected[index] else {
                output.append(scalar, style)
                continue
            }
            let before = index > 0 ? scalars[index - 1] : nil
            let after = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == ":", let before, let after, isDigit(before), isDigit(after) {
                output.append(scalar, style)
                continue
            }
            output.trimTrailingSpaces()
            if let space = rules.spaceBefore[scalar], let previous = output.last,
               !"([{".unicodeScalars.contains(previous), !"!?".unicodeScalars.contains(previous) {
                output.append(space, style)
            }
            output.append(scalar, style)
        }
        return output.text
    }

    /// Groups of three digits are kept together with the table's separator (`2 000`,
    /// `300 000`): a group of one to three digits followed by spaced groups of exactly three.
    /// Numbers typed without spaces (years, postal codes) are left alone.
    static func digitGroups(_ text: StyledText, _ rules: TypographyRules) -> StyledText {
        guard text.scalars.contains(where: isDigit) else { return text }
        guard let separator = rules.digitGroupSeparator else { return text }
        var scalars = text.scalars
        let isProtected = protectedMask(scalars)
        var index = 0
        while index < scalars.count {
            guard isDigit(scalars[index]), index == 0 || !isDigit(scalars[index - 1]) && !",.".unicodeScalars.contains(scalars[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, isDigit(scalars[end]) { end += 1 }
            var groupEnd = end
            if end - index <= 3 {
                // Follow groups of exactly three digits, each after one typed space.
                while groupEnd < scalars.count, Characters.typedSpaces.contains(scalars[groupEnd]), !isProtected[groupEnd] {
                    let digits = (groupEnd + 1)..<(groupEnd + 4)
                    guard digits.upperBound <= scalars.count, digits.allSatisfy({ isDigit(scalars[$0]) }),
                          digits.upperBound == scalars.count || !isDigit(scalars[digits.upperBound]) else { break }
                    scalars[groupEnd] = separator
                    groupEnd = digits.upperBound
                }
            }
            index = max(groupEnd, end)
        }
        return StyledText(scalars: scalars, styles: text.styles)
    }

    /// The signs and units that follow a number, with a no-break space between.
    static let units: [String] = [
        "%", "‰", "€", "$", "£", "¥", "°C", "°F",
        "km", "m", "cm", "mm", "kg", "g", "mg", "t", "l", "L", "ml", "cl", "ha",
        "h", "min", "s", "km/h", "ko", "Mo", "Go", "To", "W", "kW", "MW", "V",
        "₽", "₴", "₸", "٪", "км", "м", "см", "мм", "кг", "г", "т", "л", "га", "ч", "мин", "с",
    ]
    /// The units as scalars, for matching.
    private static let unitScalars: [(String, [Unicode.Scalar])] = units.map { ($0, Array($0.unicodeScalars)) }

    /// The signs that a language may set touching the number or after a space.
    static let signs: Set<String> = ["%", "‰", "€", "$", "£", "¥", "₽", "₴", "₸", "٪"]

    /// A number and its unit or `%` are joined by U+00A0 (`15 %`, `5 km`, `20 €`); when the
    /// table wants a space before `%` and currency signs, one is added if the author left none.
    static func unitSpaces(_ text: StyledText, _ rules: TypographyRules) -> StyledText {
        guard text.scalars.contains(where: isDigit) else { return text }
        let scalars = text.scalars
        let isProtected = protectedMask(scalars)
        var output = Output()
        var index = 0
        while index < scalars.count {
            output.append(scalars[index], text.styles[index])
            guard isDigit(scalars[index]), !isProtected[index], index + 1 < scalars.count,
                  !isDigit(scalars[index + 1]) else {
                index += 1
                continue
            }
            let typedSpace = Characters.typedSpaces.contains(scalars[index + 1])
            let unitStart = typedSpace ? index + 2 : index + 1
            if let unit = unit(at: unitStart, in: scalars),
               typedSpace || (signs.contains(unit) && rules.spaceBeforePercent) {
                if typedSpace && !rules.spaceBeforePercent && signs.contains(unit) {
                    index += 2  // drop the typed space: this language sets the sign touching
                    continue
                }
                output.append(Characters.noBreakSpace, text.styles[index])
                index = unitStart
                continue
            }
            index += 1
        }
        return output.text
    }

    /// The longest unit that starts at `start` and ends at a word boundary.
    static func unit(at start: Int, in scalars: [Unicode.Scalar]) -> String? {
        var best: String?
        for (unit, unitScalars) in unitScalars {
            let end = start + unitScalars.count
            guard matches(scalars, at: start, unitScalars) else { continue }
            if end < scalars.count, isLetter(scalars[end]) || isDigit(scalars[end]) { continue }
            if best == nil || unit.unicodeScalars.count > best!.unicodeScalars.count { best = unit }
        }
        return best
    }

    /// A number is tied to the word after it with U+00A0 (`2 janvier`, `15 personnes`), so it
    /// ends a line alone only where the line would otherwise be very loose. Four-digit numbers are left free: they are mostly years, and
    /// `en 2022 les…` needs no tie. The tie is marked `.discouragedBreak`: the line breaker
    /// parts a number from its word only to spare a very loose line, as it breaks a proper noun.
    /// The spaces inside a number and before a unit are never marked.
    static func numberTies(_ text: StyledText, _ rules: TypographyRules) -> StyledText {
        guard text.scalars.contains(where: isDigit) else { return text }
        guard rules.tieNumberToNextWord else { return text }
        var scalars = text.scalars
        var styles = text.styles
        let isProtected = protectedMask(scalars)
        for index in scalars.indices.dropFirst().dropLast() where scalars[index] == " " && !isProtected[index] {
            guard isDigit(scalars[index - 1]), isLetter(scalars[index + 1]) else { continue }
            var start = index - 1
            while start > 0, isDigit(scalars[start - 1]) || scalars[start - 1] == rules.digitGroupSeparator { start -= 1 }
            if start > 0, isLetter(scalars[start - 1]) { continue }  // `G7 sommet`: a name, not a count
            let digits = scalars[start..<index].filter(isDigit)
            if digits.count == 4 && scalars[start..<index].allSatisfy(isDigit) { continue }
            scalars[index] = Characters.noBreakSpace
            styles[index].insert(.discouragedBreak)
        }
        return StyledText(scalars: scalars, styles: styles)
    }

    // MARK: Lint

    /// A note about the text that the rules do not change, with its offset in scalars.
    public struct Finding: Hashable, Sendable {
        public var offset: Int
        public var message: String
        public var hint: String
    }

    /// French: a lone capital `A` followed by a word, where a sentence or a quotation starts, is
    /// the preposition `à`, which keeps its accent as a capital (`A bas` → `À bas`).
    public static func lint(_ text: StyledText, _ rules: TypographyRules) -> [Finding] {
        guard rules.language.hasPrefix("fr") else { return [] }
        let scalars = text.scalars
        var findings: [Finding] = []
        for index in scalars.indices where scalars[index] == "A" {
            let startsWord = index == 0 || !isLetter(scalars[index - 1]) && scalars[index - 1] != Characters.apostrophe
            guard startsWord, index + 2 < scalars.count, scalars[index + 1] == " ",
                  isLetter(scalars[index + 2]), scalars[index + 2].properties.isLowercase else { continue }
            // Mid-sentence, the preposition is written `à`: a capital `A` after a word is a
            // name or a grade (`la catégorie A est`), not a missing accent.
            let previous = scalars[..<index].last { !Characters.typedSpaces.contains($0) }
            if let previous, isLetter(previous) || isDigit(previous) || previous == "," { continue }
            var word = ""
            var end = index + 2
            while end < scalars.count, isLetter(scalars[end]) {
                word.unicodeScalars.append(scalars[end])
                end += 1
            }
            findings.append(Finding(offset: index,
                                    message: "'A \(word)': the preposition à keeps its accent as a capital",
                                    hint: "write 'À \(word)'"))
        }
        return findings
    }

    // MARK: Character classes

    /// Whether a scalar belongs to a word: a letter or a combining mark.
    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        // Most text is Latin: answer from the code point before asking the Unicode tables.
        let value = scalar.value
        if value < 0x80 { return (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) }
        if value < 0xC0 { return value == 0xAA || value == 0xB5 || value == 0xBA }
        if value <= 0x24F { return value != 0xD7 && value != 0xF7 }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Whether a scalar is a decimal digit, in any script.
    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return (0x30...0x39).contains(scalar.value) }
        return scalar.value >= 0x660 && scalar.properties.numericType == .decimal
    }

    /// Whether a word is a URL (`https://…`, `www.…`) or an e-mail address (`nom@site.fr`).
    static func isAddress(_ token: ArraySlice<Unicode.Scalar>) -> Bool {
        var sawAt = false
        var last: Unicode.Scalar = " "
        var beforeLast: Unicode.Scalar = " "
        for scalar in token {
            switch scalar {
            case "/" where beforeLast == ":" && last == "/":
                return true
            case "@":
                sawAt = true
            case "." where sawAt:
                return true
            default:
                break
            }
            beforeLast = last
            last = scalar
        }
        let start = token.first == "(" ? token.index(after: token.startIndex) : token.startIndex
        return token[start...].starts(with: wwwPrefix)
    }

    private static let wwwPrefix: [Unicode.Scalar] = ["w", "w", "w", "."]

    /// Whether `pattern` occurs in `scalars` at `start`.
    static func matches(_ scalars: [Unicode.Scalar], at start: Int, _ pattern: [Unicode.Scalar]) -> Bool {
        guard start + pattern.count <= scalars.count else { return false }
        for (offset, scalar) in pattern.enumerated() where scalars[start + offset] != scalar { return false }
        return true
    }

    /// Marks the scalars that no rule may change: URLs, e-mail addresses and times.
    static func protectedMask(_ scalars: [Unicode.Scalar]) -> [Bool] {
        var mask = Array(repeating: false, count: scalars.count)
        // Addresses and times hold a colon, an at sign or `www.`: most texts hold none.
        guard scalars.indices.contains(where: { scalars[$0] == ":" || scalars[$0] == "@" || matches(scalars, at: $0, wwwPrefix) })
        else { return mask }
        var start = 0
        while start < scalars.count {
            if Characters.typedSpaces.contains(scalars[start]) {
                start += 1
                continue
            }
            var end = start
            while end < scalars.count, !Characters.typedSpaces.contains(scalars[end]) { end += 1 }
            let isAddress = isAddress(scalars[start..<end])
            if isAddress {
                // Punctuation that ends the sentence is not part of the address.
                var last = end
                while last > start, ".,;:!?)»”\"".unicodeScalars.contains(scalars[last - 1]) { last -= 1 }
                for index in start..<last { mask[index] = true }
            }
            start = end
        }
        // Times: digits, a colon, two digits (`10:30`).
        for index in scalars.indices where index >= 1 && index + 2 < scalars.count && scalars[index] == ":" {
            if isDigit(scalars[index - 1]), isDigit(scalars[index + 1]), isDigit(scalars[index + 2]) {
                mask[index] = true
            }
        }
        return mask
    }
}

/// Builds a styled text scalar by scalar.
struct Output {
    var scalars: [Unicode.Scalar] = []
    var styles: [InlineStyle] = []

    var isEmpty: Bool { scalars.isEmpty }
    var last: Unicode.Scalar? { scalars.last }

    mutating func append(_ scalar: Unicode.Scalar, _ style: InlineStyle) {
        scalars.append(scalar)
        styles.append(style)
    }

    /// Removes the spaces at the end, typed or set.
    mutating func trimTrailingSpaces() {
        while let last = scalars.last, Characters.typedSpaces.contains(last) {
            scalars.removeLast()
            styles.removeLast()
        }
    }

    var text: StyledText { StyledText(scalars: scalars, styles: styles) }
}
