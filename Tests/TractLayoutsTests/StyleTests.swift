import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// The `styles` section: every key of a style, every role, and the demands' bullet.
@Suite struct StyleTests {
    /// The style of one role, from the keys written for it under `styles.body`.
    func body(_ keys: String) throws -> TextStyle {
        try #require(try load(minimalLayout + "styles:\n  body: {\(keys)}\n").styles[.body])
    }

    @Test func defaults() throws {
        let layout = try load(minimalLayout)
        for role in Role.allCases {
            #expect(layout.styles[role] == TextStyle(font: FontSpec(family: "Noto Serif"), size: Points(10)))
        }
        let style = try body("")
        #expect(style.leading == 1.25)
        #expect(style.color == .black)
        #expect(style.alignment == .left)
        #expect(style.textCase == .asWritten)
        #expect(style.hyphenate)
        #expect(style.bullet == nil)
    }

    /// Each role's key reaches that role, and no other.
    @Test(arguments: Role.allCases)
    func eachRole(role: Role) throws {
        let layout = try load(minimalLayout + "styles:\n  \(role.rawValue): {size: 13pt}\n")
        for other in Role.allCases {
            #expect(layout.styles[other]?.size == Points(other == role ? 13 : 10))
        }
    }

    @Test func family() throws {
        #expect(try body("family: Noto Sans").font.family == "Noto Sans")
        #expect(try body("family: \"Noto Naskh Arabic\"").font.family == "Noto Naskh Arabic")
    }

    @Test(arguments: [("thin", 100), ("extra-light", 200), ("light", 300), ("regular", 400), ("normal", 400), ("medium", 500),
                      ("semi-bold", 600), ("bold", 700), ("extra-bold", 800), ("black", 900), ("Bold", 700),
                      ("100", 100), ("650", 650), ("900", 900)])
    func weight(written: String, weight: Int) throws {
        #expect(try body("weight: \(written)").font.weight == weight)
    }

    @Test(arguments: [("normal", false), ("italic", true)])
    func style(written: String, italic: Bool) throws {
        #expect(try body("style: \(written)").font.italic == italic)
    }

    @Test(arguments: [("ultra-condensed", 50.0), ("extra-condensed", 62.5), ("condensed", 75), ("semi-condensed", 87.5),
                      ("normal", 100), ("semi-expanded", 112.5), ("expanded", 125), ("extra-expanded", 150),
                      ("ultra-expanded", 200), ("75%", 75), ("112.5%", 112.5), ("50%", 50), ("200%", 200)])
    func stretch(written: String, stretch: Double) throws {
        #expect(try body("stretch: \"\(written)\"").font.stretch == stretch)
    }

    @Test(arguments: [("12pt", 12.0), ("4.2333mm", 12), ("0.5cm", 14.17), ("0.25in", 18)])
    func size(written: String, points: Double) throws {
        #expect(try ((body("size: \(written)").size.value * 100).rounded() / 100) == points)
    }

    /// Leading is a multiple of the size, or a length turned into one.
    @Test(arguments: [("size: 10pt, leading: 1.3", 1.3), ("size: 10pt, leading: 13pt", 1.3), ("size: 20pt, leading: 24pt", 1.2),
                      ("leading: 0.96", 0.96), ("leading: 5mm", 5 * 72 / 25.4 / 10), ("leading: 4", 4)])
    func leading(keys: String, leading: Double) throws {
        #expect(abs(try body(keys).leading - leading) < 1e-9)
    }

    @Test func color() throws {
        let layout = try load(minimalLayout + "colors: {ink: \"#1c1c1c\"}\nstyles:\n  body: {color: ink}\n  date: {color: \"#ff0000\"}\n  imprint: {color: white}\n")
        #expect(layout.styles[.body]?.color == Color(hex: "#1c1c1c"))
        #expect(layout.styles[.date]?.color == Color(red: 1, green: 0, blue: 0))
        #expect(layout.styles[.imprint]?.color == .white)
    }

    @Test(arguments: TextAlignment.allCases)
    func align(alignment: TextAlignment) throws {
        #expect(try body("align: \(alignment.rawValue)").alignment == alignment)
    }

    @Test(arguments: TextCase.allCases)
    func textCase(textCase: TextCase) throws {
        #expect(try body("case: \(textCase.rawValue)").textCase == textCase)
    }

    /// Letter-spacing in ems, or a length divided by the size.
    @Test(arguments: [("letter-spacing: 0.08em", 0.08), ("size: 10pt, letter-spacing: 1pt", 0.1),
                      ("size: 20pt, letter-spacing: 1pt", 0.05), ("letter-spacing: -0.02em", -0.02), ("letter-spacing: 0", 0)])
    func letterSpacing(keys: String, ems: Double) throws {
        #expect(abs(try body(keys).letterSpacing.value - ems) < 1e-9)
    }

    @Test(arguments: [("first-line-indent: 1.2em", 1.2), ("size: 10pt, first-line-indent: 5pt", 0.5),
                      ("size: 12pt, first-line-indent: 0.5in", 3)])
    func firstLineIndent(keys: String, ems: Double) throws {
        #expect(abs(try body(keys).firstLineIndent.value - ems) < 1e-9)
    }

    @Test func spaceBeforeAndAfter() throws {
        let style = try body("space-before: 6pt, space-after: 2mm")
        #expect(style.spaceBefore == Points(6))
        #expect(mm(style.spaceAfter) == 2)
    }

    @Test(arguments: [("false", false), ("true", true), ("no", false)])
    func hyphenate(written: String, hyphenate: Bool) throws {
        #expect(try body("hyphenate: \(written)").hyphenate == hyphenate)
    }

    // MARK: Bullet

    /// The demand's style, with the bullet written under `styles.bullet` and `demand` as its base.
    func bullet(_ keys: String, demand: String = "size: 10pt") throws -> BulletStyle {
        let layout = try load(minimalLayout + "styles:\n  demand: {\(demand)}\n  bullet: {\(keys)}\n")
        return try #require(layout.styles[.demand]?.bullet)
    }

    @Test(arguments: [("square", BulletMark.square), ("disc", .disc), ("\"•\"", .text("•")), ("–", .text("–")), ("\"->\"", .text("->"))])
    func mark(written: String, mark: BulletMark) throws {
        #expect(try bullet("mark: \(written)").mark == mark)
    }

    @Test func bulletDefaultsComeFromTheDemand() throws {
        let bullet = try bullet("", demand: "family: Noto Sans, weight: bold, stretch: condensed, color: \"#b3121b\", size: 11pt")
        #expect(bullet.mark == .square)
        #expect(bullet.font == FontSpec(family: "Noto Sans", weight: 700, stretch: 75))
        #expect(bullet.color == Color(hex: "#b3121b"))
        #expect(bullet.scale == 1)
        #expect(bullet.indent == Ems(1.2))
        #expect(try load(minimalLayout + "styles: {demand: {size: 11pt}}").styles[.demand]?.bullet == nil)
    }

    @Test func everyBulletKey() throws {
        let bullet = try bullet("mark: \"•\", family: Noto Serif, weight: 300, style: italic, stretch: 87.5%, scale: 0.95, color: white, indent: 1.1em",
                                demand: "family: Noto Sans, size: 11pt")
        #expect(bullet.mark == .text("•"))
        #expect(bullet.font == FontSpec(family: "Noto Serif", weight: 300, italic: true, stretch: 87.5))
        #expect(bullet.scale == 0.95)
        #expect(bullet.color == .white)
        #expect(bullet.indent == Ems(1.1))
    }

    /// A bullet's indent as a length is measured against the demand's size.
    @Test func bulletIndentAsALength() throws {
        #expect(try bullet("indent: 5.5pt", demand: "size: 11pt").indent == Ems(0.5))
    }
}
