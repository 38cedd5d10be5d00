/// A BCP 47 language tag, as tract reads one wherever it is given (`--lang`, a file's name, a
/// front matter's `lang`, `leaflet.yaml`, a layout's `languages`): in any case, with `_` read as
/// `-`, and spelled the canonical way (`AR` → `ar`, `fr_ca` → `fr-CA`, `kk-cyrl-kz` →
/// `kk-Cyrl-KZ`), so that a tag means the same thing everywhere.
public struct LanguageTag: Hashable, Sendable, CustomStringConvertible {
    /// The primary language, in lower case: `fr`.
    public let language: String
    /// The script, in title case: `Cyrl`; nil when the tag has none.
    public let script: String?
    /// The region, in capitals or digits: `CA`, `419`; nil when the tag has none.
    public let region: String?
    /// What follows (variants, extensions), in lower case.
    public let rest: [String]

    /// The tag, or nil when the text is not one: a language of two or three letters, then
    /// subtags of one to eight letters or digits.
    public init?(_ text: String) {
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }.map(String.init)
        guard let primary = subtags.first, (2...3).contains(primary.count), primary.allSatisfy(\.isASCIILetter) else {
            return nil
        }
        guard subtags.dropFirst().allSatisfy({ (1...8).contains($0.count) && $0.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit } })
        else { return nil }
        language = primary.lowercased()
        var others = subtags.dropFirst()[...]
        if let first = others.first, first.count == 4, first.allSatisfy(\.isASCIILetter) {
            script = first.prefix(1).uppercased() + first.dropFirst().lowercased()
            others = others.dropFirst()
        } else {
            script = nil
        }
        if let first = others.first,
           (first.count == 2 && first.allSatisfy(\.isASCIILetter)) || (first.count == 3 && first.allSatisfy(\.isASCIIDigit)) {
            region = first.uppercased()
            others = others.dropFirst()
        } else {
            region = nil
        }
        rest = others.map { $0.lowercased() }
    }

    /// The canonical spelling of a tag, or nil when the text is not one.
    public static func canonical(_ text: String) -> String? {
        LanguageTag(text)?.description
    }

    public var description: String {
        ([language] + [script, region].compactMap { $0 } + rest).joined(separator: "-")
    }

    /// The tags a table is searched by, the most specific first: the whole tag, then without
    /// its script and variants (`fr-Latn-CH` → `fr-CH`, `de-CH-1996` → `de-CH`), then the
    /// language alone (`fr-CA` → `fr`).
    public var fallbacks: [String] {
        var tags = [description]
        if let region { tags.append(language + "-" + region) }
        tags.append(language)
        var seen = Set<String>()
        return tags.filter { seen.insert($0).inserted }
    }

    /// The entry of a table keyed by canonical tags that applies to this one, by `fallbacks`.
    public func lookup<Value>(in table: [String: Value]) -> Value? {
        fallbacks.lazy.compactMap { table[$0] }.first
    }
}

private extension Character {
    var isASCIILetter: Bool { isASCII && isLetter }
    var isASCIIDigit: Bool { isASCII && isNumber }
}
