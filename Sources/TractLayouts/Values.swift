import TractCompose
import TractCore
import TractYAML

/// A length as written in a layout, before it is measured against the page or a font size.
enum LengthValue {
    case points(Points)
    /// A percentage of the page's width or height, depending on the direction measured.
    case percent(Double)
    /// A multiple of the font size.
    case ems(Double)

    /// The length in points, with `percent` taken of `whole`.
    func resolved(against whole: Points) -> Points {
        switch self {
        case .points(let points): points
        case .percent(let percent): whole * (percent / 100)
        case .ems(let ems): Points(ems)  // only where the caller has said ems are allowed
        }
    }
}

/// Reading the values of a layout file: numbers, lengths, colours, keywords, with a diagnostic
/// at the value's place when one is wrong.
struct ValueReader {
    /// Named colours: the file's `colors` section and a few common names.
    var colors: [String: Color] = ["black": .black, "white": .white]
    /// Where to note the keys read, when a test asks.
    var asked: AskedKeys?

    /// The units a length may be written in.
    static let units: [(suffix: String, points: Double)] = [
        ("mm", 72 / 25.4), ("cm", 720 / 25.4), ("pt", 1), ("in", 72),
    ]

    /// A length: `15mm`, `1.5cm`, `12pt`, `1in`, `10%` (when `percent` allows), `1.2em` (when
    /// `ems` allows), or `0`.
    func length(_ node: YAMLNode, _ what: String, percent: Bool = false, ems: Bool = false) throws(Diagnostic) -> LengthValue {
        let text = try node.text(what).trimmingSpaces
        if let value = Double(text) {
            if value == 0 { return .points(.zero) }
            throw .error(at: node.location, "\(what) '\(text)' has no unit", hint: "write it with a unit: \(unitList(percent, ems))")
        }
        /// A number read, refused when no page could hold it (infinite, not a number, past 10 m).
        func sane(_ value: Double, largest: Double) throws(Diagnostic) -> Double {
            guard value.isFinite, abs(value) <= largest else {
                throw .error(at: node.location, "\(what) '\(text)' is not a length a page can hold",
                             hint: "write a length such as \(unitList(percent, ems).split(separator: ",")[0])")
            }
            return value
        }
        for (suffix, points) in ValueReader.units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count).trimmingSpaces) {
                return .points(Points(try sane(value * points, largest: ValueReader.largestLength.value)))
            }
        }
        if percent, text.hasSuffix("%"), let value = Double(text.dropLast().trimmingSpaces) { return .percent(try sane(value, largest: 1000)) }
        if ems, text.hasSuffix("em"), let value = Double(text.dropLast(2).trimmingSpaces) { return .ems(try sane(value, largest: 1000)) }
        throw .error(at: node.location, "\(what) '\(text)' is not a length", hint: "write a number and a unit: \(unitList(percent, ems))")
    }

    /// The longest length a layout may give: 10 m, far past any sheet a printer takes.
    static let largestLength = Points.mm(10_000)

    private func unitList(_ percent: Bool, _ ems: Bool) -> String {
        var examples = ["15mm", "1.5cm", "12pt", "1in"]
        if percent { examples.append("10%") }
        if ems { examples.append("1.2em") }
        return examples.joined(separator: ", ")
    }

    /// A length in points, percentages taken of `whole`.
    func points(_ node: YAMLNode, _ what: String, of whole: Points) throws(Diagnostic) -> Points {
        try length(node, what, percent: true).resolved(against: whole)
    }

    /// A font-relative length: ems as such, absolute lengths converted at `size`.
    func ems(_ node: YAMLNode, _ what: String, size: Points) throws(Diagnostic) -> Ems {
        switch try length(node, what, ems: true) {
        case .ems(let value): Ems(value)
        case .points(let points): Ems(points / size)
        case .percent: Ems(0)
        }
    }

    func number(_ node: YAMLNode, _ what: String, in range: ClosedRange<Double>) throws(Diagnostic) -> Double {
        let text = try node.text(what).trimmingSpaces
        guard let value = Double(text) else {
            throw .error(at: node.location, "\(what) '\(text)' is not a number", hint: "write a number such as \(formatted(range.lowerBound))")
        }
        guard range.contains(value) else {
            throw .error(at: node.location, "\(what) \(text) is out of range",
                         hint: "give a number from \(formatted(range.lowerBound)) to \(formatted(range.upperBound))")
        }
        return value
    }

    func integer(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) throws(Diagnostic) -> Int {
        let text = try node.text(what).trimmingSpaces
        guard let value = Int(text), range.contains(value) else {
            throw .error(at: node.location, "\(what) '\(text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)",
                         hint: "write a whole number such as \(range.lowerBound)")
        }
        return value
    }

    func bool(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> Bool {
        switch try node.text(what).trimmingSpaces.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let other: throw .error(at: node.location, "\(what) '\(other)' is not true or false", hint: "write true or false")
        }
    }

    /// One of a set of words.
    func keyword<T>(_ node: YAMLNode, _ what: String, _ options: [String: T]) throws(Diagnostic) -> T {
        let text = try node.text(what).trimmingSpaces
        if let value = options[text.lowercased()] { return value }
        let names = options.keys.sorted()
        let suggestion = closest(to: text.lowercased(), among: names).map { "did you mean '\($0)'? " } ?? ""
        throw .error(at: node.location, "\(what) '\(text)' is not one of \(names.joined(separator: ", "))",
                     hint: suggestion + "write one of \(names.joined(separator: ", "))")
    }

    /// A colour: `#rrggbb` or a name from the file's `colors`.
    func color(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> Color {
        let text = try node.text(what).trimmingSpaces
        guard !text.isEmpty else {
            // Most often `color: #b3121b`, where YAML reads everything from the # on as a comment.
            throw .error(at: node.location, "\(what) is empty", hint: "write the colour in quotes, \"#rrggbb\": without them, # starts a comment")
        }
        if let color = Color(hex: text) { return color }
        if let color = colors[text] { return color }
        let suggestion = closest(to: text, among: Array(colors.keys)).map { "did you mean '\($0)'? " } ?? ""
        throw .error(at: node.location, "\(what) '\(text)' is not a colour",
                     hint: suggestion + "write #rrggbb, or a name defined under `colors`")
    }

    /// Refuses the keys of a mapping that are not in `allowed`, suggesting the closest one.
    func checkKeys(_ node: YAMLNode, _ what: String, allowed: [String]) throws(Diagnostic) {
        for entry in try node.entries(what) where !allowed.contains(entry.key) {
            let hint = closest(to: entry.key, among: allowed).map { "did you mean '\($0)'?" }
                ?? "the keys of \(what) are \(allowed.joined(separator: ", "))"
            throw .error(at: entry.keyLocation, "unknown key '\(entry.key)' in \(what)", hint: hint)
        }
    }
}

extension StringProtocol {
    /// The text without spaces at either end.
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else { return "" }
        return String(self[first...last])
    }
}

extension Optional {
    /// `map` for decoding: the transform throws a diagnostic, and so does this.
    func decoded<T>(_ transform: (Wrapped) throws(Diagnostic) -> T) throws(Diagnostic) -> T? {
        guard let value = self else { return nil }
        return try transform(value)
    }
}
