import Yams

/// What went wrong in a YAML text, and where (line and column in that text, from 1), in words
/// a user can act on.
struct YAMLProblem {
    var line: Int?
    var column: Int?
    var message: String

    init(_ error: YamlError, in text: String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            (line, column, message) = (mark.line, mark.column, problem)
        case .duplicatedKeysInMapping(let duplicates, _):
            // Yams points at the mapping; the mistake is the second time a key is written.
            let key = duplicates.first ?? ""
            message = "the key '\(key)' is written twice"
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let places = lines.indices.filter { index in
                let trimmed = lines[index].drop { $0 == " " }
                return trimmed.hasPrefix(key + ":")
            }
            if places.count > 1 {
                line = places[1] + 1
                column = lines[places[1]].prefix { $0 == " " }.count + 1
            }
        default:
            message = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
        }
    }
}
