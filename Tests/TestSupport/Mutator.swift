/// Random numbers from a seed (SplitMix64), so that a run of mutations is the same every time.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Changes a text the ways careless and hostile users do: cuts, repeats, stray markup, numbers
/// no page can hold, characters of other scripts, invisible ones, lines out of order.
public enum Mutator {
    /// What a mutation may insert.
    static let fragments: [String] = [
        "#", "# ", "## ", "- ", "-", "* ", "1. ", "\n", "\n\n", "---\n", "---", ":", " :", " ;", "!", "?", "« ", " »", "\"",
        "'", "’", "*", "**", "_", "`", "[", "]", "{", "}", "&a ", "*a", "|", ">", "<b>", "\\", "%", "\t", "\r\n", "\u{00A0}",
        "\u{202F}", "\u{00AD}", "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{202E}", "😀", "मध्य", "مطلب", "قَلَم", "Ωμέγα", "ﬁ",
        "https://example.org/a/very/long/path/that/never/ends?with=query&and=more", String(repeating: "a", count: 400),
        String(repeating: "Solidarité ", count: 60), "lang: xx\n", "lang: ar\n", "layout: nowhere\n", "logo: /dev/zero\n",
        "null", "~", "true", "yes", "1e308", "-1e308", "nan", "inf", "0", "-5", "999999999", "0.0001", "1e308mm", "-40mm",
        "nanpt", "infem", "200%", "-3em", "A4", "Z9", "auto", "middle", "[body]", "[]", "{}", "extends: a4-classic\n",
        "extends: /dev/zero\n", "columns: 6\n", "max-pages: 2\n", "size: 1pt\n",
    ]

    /// The text after `steps` random changes.
    public static func mutate(_ text: String, steps: Int, using random: inout SeededRandom) -> String {
        var characters = Array(text)
        for _ in 0..<steps {
            let position = characters.isEmpty ? 0 : Int.random(in: 0...characters.count, using: &random)
            switch Int.random(in: 0..<7, using: &random) {
            case 0:  // cut a stretch
                let end = min(characters.count, position + Int.random(in: 1...40, using: &random))
                characters.removeSubrange(position..<end)
            case 1:  // repeat a stretch
                let end = min(characters.count, position + Int.random(in: 1...80, using: &random))
                characters.insert(contentsOf: characters[position..<end], at: position)
            case 2, 3:  // insert something
                characters.insert(contentsOf: fragments.randomElement(using: &random)!, at: position)
            case 4:  // put one line in another's place
                var lines = String(characters).split(separator: "\n", omittingEmptySubsequences: false)
                if lines.count > 1 {
                    lines.swapAt(Int.random(in: 0..<lines.count, using: &random), Int.random(in: 0..<lines.count, using: &random))
                }
                characters = Array(lines.joined(separator: "\n"))
            case 5:  // change a number
                if let digit = characters[position...].firstIndex(where: \.isNumber) {
                    let end = characters[digit...].firstIndex { !$0.isNumber && $0 != "." } ?? characters.endIndex
                    let replacements = ["0", "-1", "1e308", "nan", "inf", "-100", "99999", "0.001"]
                    characters.replaceSubrange(digit..<end, with: replacements.randomElement(using: &random)!)
                }
            default:  // end the text early
                characters.removeSubrange(position...)
            }
        }
        return String(characters)
    }
}
