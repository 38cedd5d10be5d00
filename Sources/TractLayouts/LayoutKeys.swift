/// Every key a layout file may use, section by section. The decoder refuses any other, and
/// `docs/layouts.md` documents exactly these (a test checks both ways).
public enum LayoutKeys {
    public static let file = ["version", "description", "extends", "page", "colors", "pages", "styles",
                              "fitting", "keeps", "languages"]
    public static let page = ["size", "orientation", "margins", "max-pages"]
    public static let sides = ["top", "right", "bottom", "left"]
    public static let pages = ["first", "following"]
    public static let box = ["left", "right", "width", "top", "bottom", "height", "padding", "background",
                             "border", "corner-radius", "columns", "gutter", "flows", "overlap"]
    public static let edge = ["below", "above", "gap"]
    public static let border = ["width", "color"]
    public static let styles = ["kicker", "headline", "sub-headline", "body", "lead-in", "demand", "bullet",
                                "call-to-action", "signature", "date", "imprint"]
    public static let style = ["family", "weight", "style", "stretch", "size", "leading", "color", "align",
                               "case", "letter-spacing", "space-before", "space-after", "first-line-indent",
                               "hyphenate"]
    public static let bullet = ["mark", "family", "weight", "style", "stretch", "scale", "color", "indent"]
    public static let fitting = ["headline", "body"]
    public static let headlineFit = ["min", "max", "max-lines"]
    public static let bodyFit = ["min", "max", "roles"]
    public static let keeps = ["orphans", "widows", "lead-in-with-demands", "whole-demands", "balance-columns"]
    public static let language = ["direction", "styles"]

    /// The sections as `docs/layouts.md` names them, with their keys.
    public static let sections: [(name: String, keys: [String])] = [
        ("file", file), ("page", page), ("margins", sides), ("pages", pages), ("box", box), ("edge", edge),
        ("padding", sides), ("border", border), ("styles", styles), ("style", style), ("bullet", bullet),
        ("fitting", fitting), ("fitting.headline", headlineFit), ("fitting.body", bodyFit), ("keeps", keeps),
        ("languages", language),
    ]
}

/// The closest of some words to a misspelt one, when it is close enough to be what was meant.
func closest(to word: String, among candidates: [String]) -> String? {
    // Ties go to the first in alphabetical order: candidates often come from a dictionary or a
    // set, whose order changes from run to run.
    let scored = candidates.map { ($0, editDistance(word, $0)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
    guard let (best, distance) = scored, distance <= max(2, word.count / 3) else { return nil }
    return best
}

/// Levenshtein distance: the fewest insertions, deletions and substitutions from one word to another.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var current = [i + 1]
        for (j, y) in b.enumerated() {
            current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
