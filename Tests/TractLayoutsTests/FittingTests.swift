import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// The `fitting`, `keeps` and `languages` sections.
@Suite struct FittingTests {
    @Test func fittingDefaultsToTheStyleSizes() throws {
        let layout = try load(minimalLayout + "styles: {headline: {size: 40pt}, body: {size: 9pt}}")
        #expect(layout.headlineFit == HeadlineFit(minSize: Points(40), maxSize: Points(40), maxLines: 3))
        #expect(layout.bodyFit == BodyFit(minSize: Points(9), maxSize: Points(9), roles: [.body, .leadIn, .demand, .callToAction]))
    }

    @Test func headline() throws {
        let layout = try load(minimalLayout + "fitting:\n  headline: {min: 28pt, max: 62pt, max-lines: 2}\n")
        #expect(layout.headlineFit == HeadlineFit(minSize: Points(28), maxSize: Points(62), maxLines: 2))
    }

    /// A bound left out is the style's size.
    @Test(arguments: [("{min: 20pt}", 20.0, 30.0), ("{max: 50pt}", 30, 50), ("{min: 30pt, max: 30pt}", 30, 30)])
    func headlineBound(fit: String, min: Double, max: Double) throws {
        let layout = try load(minimalLayout + "styles: {headline: {size: 30pt}}\nfitting: {headline: \(fit)}\n")
        #expect(layout.headlineFit.minSize == Points(min))
        #expect(layout.headlineFit.maxSize == Points(max))
        #expect(layout.headlineFit.maxLines == 3)
    }

    @Test func body() throws {
        let layout = try load(minimalLayout + "fitting:\n  body: {min: 7.5pt, max: 11.5pt, roles: [body, demand]}\n")
        #expect(layout.bodyFit == BodyFit(minSize: Points(7.5), maxSize: Points(11.5), roles: [.body, .demand]))
        #expect(layout.headlineFit.maxLines == 3)
    }

    @Test func keepsDefaults() throws {
        let keeps = try load(minimalLayout).keeps
        #expect(keeps == Keeps(orphans: 2, widows: 2, whole: [.kicker, .headline, .subheadline, .demand],
                               withNext: [.kicker, .headline, .leadIn], balanceColumns: true))
        #expect(try load(minimalLayout + "keeps: {orphans: 2, widows: 2, lead-in-with-demands: true, whole-demands: true, balance-columns: true}").keeps == keeps)
    }

    @Test func everyKeep() throws {
        let keeps = try load(minimalLayout + "keeps: {orphans: 3, widows: 4, lead-in-with-demands: false, whole-demands: false, balance-columns: false}").keeps
        #expect(keeps == Keeps(orphans: 3, widows: 4, whole: [.kicker, .headline, .subheadline],
                               withNext: [.kicker, .headline], balanceColumns: false))
    }

    @Test(arguments: [("orphans: 1", 1, 2), ("orphans: 5", 5, 2), ("widows: 1", 2, 1), ("widows: 3, orphans: 4", 4, 3)])
    func lines(keys: String, orphans: Int, widows: Int) throws {
        let keeps = try load(minimalLayout + "keeps: {\(keys)}").keeps
        #expect(keeps.orphans == orphans)
        #expect(keeps.widows == widows)
    }

    @Test func direction() throws {
        // Hebrew: a right-to-left language the shared settings say nothing of.
        let layout = try load(minimalLayout + "languages:\n  he: {direction: rtl}\n  fr: {direction: ltr}\n  de: {}\n")
        #expect(layout.languages["he"] == LanguageOverride(direction: .rightToLeft))
        #expect(layout.languages["fr"] == LanguageOverride(direction: .leftToRight))
        #expect(layout.languages["de"] == LanguageOverride())
        #expect(layout.direction == .leftToRight)
        #expect(layout.adapted(to: "he-IL").direction == .rightToLeft)
        // A tag in any case, with `_` for `-`, finds the same entry as the typography does.
        for tag in ["HE", "he_IL", "He-il"] { #expect(layout.adapted(to: tag).direction == .rightToLeft, "\(tag)") }
    }

    /// A layout's `languages` are keyed by canonical tags, whatever case the file writes them in.
    @Test func languageKeysAreCanonical() throws {
        let layout = try load(minimalLayout + "languages:\n  HE: {direction: rtl}\n  fr_ca: {direction: ltr}\n")
        // With the shared settings' Arabic and Kazakh.
        #expect(Set(layout.languages.keys) == ["he", "fr-CA", "ar", "kk"])
        #expect(layout.adapted(to: "he").direction == .rightToLeft)
        let file = try LayoutFile(minimalLayout + "languages:\n  arabic language: {}\n")
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load() }
        #expect(error?.message == "languages.arabic language: 'arabic language' is not a language tag")
    }

    /// A layout that says nothing of Arabic or Kazakh gets the shared settings; one that says
    /// something of them keeps the rest of the shared ones.
    @Test func sharedLanguages() throws {
        let plain = try load(minimalLayout)
        let arabic = plain.adapted(to: "ar")
        #expect(arabic.direction == .rightToLeft)
        #expect(arabic.style(.headline).font.family == "Noto Sans Arabic")
        #expect(arabic.style(.body).font.family == "Noto Naskh Arabic")
        #expect(plain.adapted(to: "kk").style(.body).alignment == .left)
        let own = try load(minimalLayout + "languages:\n  ar: {mirror: true, styles: {body: {leading: 2}}}\n")
        #expect(own.languages["ar"]?.mirror == true)
        #expect(own.adapted(to: "ar").style(.body).leading == 2)
        #expect(own.adapted(to: "ar").style(.body).font.family == "Noto Naskh Arabic")
        #expect(own.adapted(to: "ar").direction == .rightToLeft)
    }

    /// A language's style keys are laid over the layout's style for that role; other roles are left alone.
    @Test func languageStylesAreMergedOverTheLayouts() throws {
        let layout = try load(minimalLayout + """
            styles:
              body: {family: Noto Serif, size: 10pt, leading: 1.3, color: "#1c1c1c", align: justify}
              demand: {family: Noto Sans, size: 11pt}
              bullet: {mark: square, color: "#b3121b"}
            languages:
              fa:
                direction: rtl
                styles:
                  body: {family: Noto Naskh Arabic, align: right}
                  headline: {size: 30pt}
                  bullet: {mark: disc}

            """)
        let arabic = try #require(layout.languages["fa"])
        #expect(Set(arabic.styles.keys) == [.body, .headline, .demand])
        let body = try #require(arabic.styles[.body])
        #expect(body.font.family == "Noto Naskh Arabic")
        #expect(body.alignment == .right)
        #expect(body.size == Points(10))
        #expect(body.leading == 1.3)
        #expect(body.color == Color(hex: "#1c1c1c"))
        #expect(arabic.styles[.headline]?.size == Points(30))
        #expect(arabic.styles[.demand]?.font.family == "Noto Sans")
        #expect(arabic.styles[.demand]?.bullet?.mark == .disc)
        #expect(arabic.styles[.demand]?.bullet?.color == Color(hex: "#b3121b"))
        #expect(layout.styles[.body]?.font.family == "Noto Serif")
        #expect(layout.styles[.demand]?.bullet?.mark == .square)
    }
}
