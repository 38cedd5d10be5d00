import Testing
import TractCore
import TractPrepare

// Language tags read one way everywhere: in any case, `_` for `-`, with script and region.

@Test("a tag is read in any case, with _ for -, and spelled the canonical way", arguments: [
    ("AR", "ar"), ("ar-EG", "ar-EG"), ("fr_CA", "fr-CA"), ("fr-ca", "fr-CA"), ("kk-Cyrl-KZ", "kk-Cyrl-KZ"),
    ("KK_cyrl_kz", "kk-Cyrl-KZ"), ("sr-Latn", "sr-Latn"), ("es-419", "es-419"), ("de-CH-1996", "de-CH-1996"),
])
func canonicalTags(written: String, canonical: String) {
    #expect(LanguageTag.canonical(written) == canonical)
}

/// A tag as written, and its language, script and region.
private let tagParts: [(String, String, String?, String?)] = [
    ("kk-Cyrl-KZ", "kk", "Cyrl", "KZ"), ("sr-Latn", "sr", "Latn", nil), ("fr_CA", "fr", nil, "CA"),
]

@Test("a tag's parts", arguments: tagParts)
func parts(written: String, language: String, script: String?, region: String?) throws {
    let tag = try #require(LanguageTag(written))
    #expect(tag.language == language && tag.script == script && tag.region == region)
}

@Test("what is not a tag", arguments: ["", "f", "français", "fr-", "fr--CA", "fr CA", "12", "fr-abcdefghi", "ع"])
func notTags(text: String) {
    #expect(LanguageTag(text) == nil)
}

@Test("lookup falls back from the whole tag to the tag without its script, then to the language")
func fallbacks() throws {
    #expect(try #require(LanguageTag("fr-Latn-CH")).fallbacks == ["fr-Latn-CH", "fr-CH", "fr"])
    #expect(try #require(LanguageTag("fr_CA")).fallbacks == ["fr-CA", "fr"])
    #expect(try #require(LanguageTag("AR")).fallbacks == ["ar"])
    #expect(try #require(LanguageTag("de-CH-1996")).fallbacks == ["de-CH-1996", "de-CH", "de"])
}

@Test("the typography tables are found by the same tags", arguments: [
    ("AR", "ar"), ("ar-EG", "ar"), ("fr_CA", "fr-CA"), ("kk-Cyrl-KZ", "kk"), ("FR-ch", "fr-CH"),
])
func typographyByTag(tag: String, table: String) {
    #expect(TypographyRules.rules(for: tag)?.language == table)
}

@Test("a language tract has no table for is unknown, however it is written")
func unknownLanguage() {
    #expect(TypographyRules.rules(for: "sr-Latn") == nil)
    #expect(TypographyRules.rules(for: "not a tag") == nil)
}
