/// The closest of some words to a misspelt one, when it is close enough to be what was meant.
public func closest(to word: String, among candidates: [String]) -> String? {
    // Ties go to the first in alphabetical order: candidates often come from a dictionary or a
    // set, whose order changes from run to run.
    let scored = candidates.map { ($0, editDistance(word, $0)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
    guard let (best, distance) = scored, distance <= max(2, word.count / 3) else { return nil }
    return best
}

/// Levenshtein distance: the fewest insertions, deletions and substitutions from one word to another.
public func editDistance(_ a: String, _ b: String) -> Int {
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

extension String {
    /// The text padded on the left with zeros to at least `width` characters.
    public func padding(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
