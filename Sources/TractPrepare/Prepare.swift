import TractCore

/// A leaflet with its language's typography applied and its break points inserted.
public struct PreparedLeaflet: Hashable, Sendable {
    public var language: String
    public var blocks: [Block]
    /// Warnings from the typography lint, with their places.
    public var warnings: [Diagnostic]

    /// The blocks of one role, in reading order.
    public func blocks(_ role: Role) -> [Block] {
        blocks.filter { $0.role == role }
    }
}

/// The prepare stage: typography rules, hyphenation points, then case, block by block.
public struct Preparer: Sendable {
    public let rules: TypographyRules
    let dictionary: HyphenationDictionary?

    /// The languages tract has typography for.
    public static var knownLanguages: [String] { TypographyRules.all.keys.sorted() }

    /// Prepares text in a language; an unknown tag or a missing dictionary is a diagnostic.
    public init(language: String) throws(Diagnostic) {
        guard let rules = TypographyRules.rules(for: language) else {
            throw .error("unknown language '\(language)'",
                         hint: "tract knows: \(Preparer.knownLanguages.joined(separator: ", "))")
        }
        self.rules = rules
        dictionary = try rules.hyphenation.flatMap { settings throws(Diagnostic) in
            settings.dictionary == nil ? nil : try HyphenationDictionary.shared(for: settings)
        }
    }

    /// Prepares every block; `treatment` says how each role is set. With a cache, a text
    /// prepared before in the same language and treatment is not prepared again.
    public func prepare(_ leaflet: Leaflet, treatment: (Role) -> TextTreatment,
                        cache: PreparationCache? = nil) -> PreparedLeaflet {
        var warnings: [Diagnostic] = []
        let blocks = leaflet.blocks.map { block in
            for finding in cache?.lint(block.text, rules) ?? Typography.lint(block.text, rules) {
                warnings.append(.warning(at: block.location(ofCharacter: finding.offset), finding.message, hint: finding.hint))
            }
            var prepared = block
            // The positions are those of the text as written; the prepared text has others.
            prepared.positions = []
            var treatment = treatment(block.role)
            if !treatment.hyphenate, rules.hyphenation != nil {
                // The role is not hyphenated, but a word too wide for its line may be broken at
                // the points hyphenation finds (the dictionary's or the syllables'): they are
                // found, then taken out of the text.
                treatment.hyphenate = true
                let hyphenated = cache?.prepared(block.text, treatment, by: self) ?? prepare(block.text, treatment)
                (prepared.text, prepared.emergencyBreaks) = hyphenated.removingSoftHyphens()
            } else {
                prepared.text = cache?.prepared(block.text, treatment, by: self) ?? prepare(block.text, treatment)
            }
            return prepared
        }
        return PreparedLeaflet(language: rules.language, blocks: blocks, warnings: warnings)
    }

    /// Prepares one text.
    public func prepare(_ text: StyledText, _ treatment: TextTreatment) -> StyledText {
        var result = Typography.apply(text, rules)
        // Hyphenation comes before the case: it tells acronyms and proper nouns by the case
        // the author wrote, which capitals would hide (every word of `NON À LA RÉPRESSION`
        // would pass for an acronym). A soft hyphen keeps its place through a case change.
        if treatment.hyphenate, let settings = rules.hyphenation {
            result = Hyphenation.insertSoftHyphens(result, dictionary: dictionary, settings: settings)
        }
        result = Casing.apply(treatment.textCase, to: result)
        return result
    }
}

/// Texts already prepared, for an engine that renders the same source in several layouts.
///
/// Not Sendable: one engine, on one thread, owns it.
public final class PreparationCache {
    private struct Key: Hashable {
        var language: String
        var text: StyledText
        var treatment: TextTreatment
    }

    private var prepared: [Key: StyledText] = [:]
    private var findings: [Key: [Typography.Finding]] = [:]
    /// Past this many texts the cache starts afresh, so a long batch never grows it without end.
    private let limit = 512

    public init() {}

    func prepared(_ text: StyledText, _ treatment: TextTreatment, by preparer: Preparer) -> StyledText {
        let key = Key(language: preparer.rules.language, text: text, treatment: treatment)
        if let known = prepared[key] { return known }
        if prepared.count >= limit { prepared.removeAll(keepingCapacity: true) }
        let result = preparer.prepare(text, treatment)
        prepared[key] = result
        return result
    }

    func lint(_ text: StyledText, _ rules: TypographyRules) -> [Typography.Finding] {
        let key = Key(language: rules.language, text: text, treatment: TextTreatment())
        if let known = findings[key] { return known }
        if findings.count >= limit { findings.removeAll(keepingCapacity: true) }
        let result = Typography.lint(text, rules)
        findings[key] = result
        return result
    }
}

/// Changes the case of a text, scalar by scalar, so styles stay with their letters.
public enum Casing {
    /// Sets a text in a case; capitals keep their accents (`à` → `À`), and `ß` becomes `SS`.
    public static func apply(_ textCase: TextCase, to text: StyledText) -> StyledText {
        guard textCase != .asWritten else { return text }
        var output = Output()
        for (scalar, style) in zip(text.scalars, text.styles) {
            let changed = textCase == .upper ? String(scalar).uppercased() : String(scalar).lowercased()
            for mapped in changed.unicodeScalars { output.append(mapped, style) }
        }
        return output.text
    }
}
