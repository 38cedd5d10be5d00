import TractCore

/// Whether a line may break before a character.
public enum BreakOpportunity: UInt8, Hashable, Sendable {
    case none
    case allowed
    case mandatory
}

/// A text measured once by a shaper, at 1 em, so it can be broken at any size.
///
/// Widths scale with the font size because the typesetting module shapes without hinting.
public struct ShapedText: Hashable, Sendable {
    /// The width each character adds to a line, in ems; a ligature or cluster shares its
    /// width among its characters.
    public var advances: [Ems]
    /// Whether a line may break before each character; one entry per character.
    public var breaks: [BreakOpportunity]
    /// The width of the hyphen drawn at a soft-hyphen break, in ems of the font at the break.
    public var hyphenWidth: Ems
    /// The shaper's glyphs, which the lines cut from the text carry so that a renderer draws
    /// them instead of shaping each line again; nil when there are none to reuse.
    public var glyphs: ShapedGlyphs?

    public init(advances: [Ems], breaks: [BreakOpportunity], hyphenWidth: Ems, glyphs: ShapedGlyphs? = nil) {
        precondition(advances.count == breaks.count, "one break entry per character")
        self.advances = advances
        self.breaks = breaks
        self.hyphenWidth = hyphenWidth
        self.glyphs = glyphs
    }
}

/// A shaper's glyphs for one text. What they are is the shaper's own: a renderer that knows
/// them draws a line from them, any other shapes the line again. They are never changed once
/// made, and two are equal when they are the same glyphs.
public final class ShapedGlyphs: Hashable, @unchecked Sendable {
    public let contents: AnyObject

    public init(_ contents: AnyObject) {
        self.contents = contents
    }

    public static func == (lhs: ShapedGlyphs, rhs: ShapedGlyphs) -> Bool { lhs === rhs }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(self))
    }
}

/// The vertical measures of a font, in ems.
public struct FontMetrics: Hashable, Sendable {
    /// From the baseline up to the top of the tallest letters.
    public var ascent: Ems
    /// From the baseline down to the bottom of descenders.
    public var descent: Ems
    /// From the baseline up to the top of a flat capital (`H`).
    public var capHeight: Ems

    public init(ascent: Ems, descent: Ems, capHeight: Ems) {
        self.ascent = ascent
        self.descent = descent
        self.capHeight = capHeight
    }
}

/// How composition reaches text shaping; the typesetting module implements it with Pango, tests
/// with a fake that needs no fonts.
public protocol TextShaper {
    /// Measures a text set in a font, with inline emphasis and letter-spacing applied, in a
    /// paragraph written in `direction`.
    func shape(_ text: StyledText, font: FontSpec, letterSpacing: Ems, direction: TextDirection) -> ShapedText
    /// The vertical measures of a font.
    func metrics(_ font: FontSpec) -> FontMetrics
}

/// Where lines may break in text written with spaces between words (Latin, Cyrillic, Greek,
/// Arabic…): after a word space, at a soft hyphen, and after a hyphen, dash or slash that
/// joins two words (`qui-vive`, `et/ou`). No-break spaces (U+00A0, U+202F) never allow a break.
public enum BreakRules {
    public static func opportunities(in scalars: [Unicode.Scalar]) -> [BreakOpportunity] {
        var breaks = [BreakOpportunity](repeating: .none, count: scalars.count)
        for index in scalars.indices.dropFirst() {
            let previous = scalars[index - 1]
            let next = scalars[index]
            switch previous {
            case "\n":
                breaks[index] = .mandatory
            case " " where next != " ", "\u{00AD}":
                breaks[index] = .allowed
            case "-", "\u{2010}", "\u{2013}", "\u{2014}", "/":
                if index >= 2, isWordCharacter(scalars[index - 2]), next.properties.isAlphabetic {
                    breaks[index] = .allowed
                }
            default:
                break
            }
        }
        return breaks
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
