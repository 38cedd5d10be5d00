import TractCore

/// A font as a style names it; the typesetting module finds the face.
public struct FontSpec: Hashable, Sendable, CustomStringConvertible {
    /// The family name, as fontconfig knows it (`Noto Serif`).
    public var family: String
    /// The weight, from 100 (thin) to 900 (black); 400 is regular, 700 bold.
    public var weight: Int
    public var italic: Bool
    /// The width, as a percentage of normal: 62.5 extra-condensed, 75 condensed, 100 normal.
    public var stretch: Double

    public init(family: String, weight: Int = 400, italic: Bool = false, stretch: Double = 100) {
        self.family = family
        self.weight = weight
        self.italic = italic
        self.stretch = stretch
    }

    /// The face that inline emphasis asks for: `strong` is bold (at least 700), `emphasis` italic.
    public func applying(_ style: InlineStyle) -> FontSpec {
        var font = self
        if style.contains(.strong) { font.weight = max(weight + 300, 700) }
        if style.contains(.emphasis) { font.italic.toggle() }
        return font
    }

    public var description: String {
        "\(family) \(weight)\(italic ? " italic" : "")\(stretch != 100 ? " \(formatted(stretch))%" : "")"
    }
}

/// How the lines of a paragraph sit between its edges.
public enum TextAlignment: String, Hashable, Sendable, CaseIterable {
    case left
    case right
    case center
    /// Lines filled to both edges; the last line of a paragraph is set left.
    case justify
}

/// What a bullet is drawn as.
public enum BulletMark: Hashable, Sendable {
    /// A character of the bullet's font.
    case text(String)
    /// A filled square, drawn as a shape.
    case square
    /// A filled circle, drawn as a shape.
    case disc
}

/// The marker set before each demand.
public struct BulletStyle: Hashable, Sendable {
    public var mark: BulletMark
    /// The font of a text mark.
    public var font: FontSpec
    /// The bullet's size, as a multiple of the demand's size.
    public var scale: Double
    public var color: Color
    /// How far the demand's lines are set from the bullet's left edge (the hanging indent).
    public var indent: Ems

    public init(mark: BulletMark, font: FontSpec, scale: Double = 1, color: Color, indent: Ems) {
        self.mark = mark
        self.font = font
        self.scale = scale
        self.color = color
        self.indent = indent
    }
}

/// How justified lines are filled: how far word spaces may open and close, how far the glyphs
/// may widen or narrow (font expansion), letter-spacing as a last resort, and punctuation that
/// hangs into the margin (protrusion).
public struct Justification: Hashable, Sendable {
    /// The narrowest a word space may become, as a fraction of its natural width.
    public var wordSpaceMin: Double
    /// The widest a word space may become before a line counts as loose.
    public var wordSpaceMax: Double
    /// How far a line's glyphs may be widened or narrowed, as a fraction of their width.
    public var expansion: Double
    /// The most letter-spacing added to a line that spaces and expansion cannot fill.
    public var tracking: Ems
    /// Whether punctuation and hyphens at a line's ends hang into the margin.
    public var protrusion: Bool
    /// Stretch added to every line in a pass tried before a very loose line is accepted
    /// (TeX's emergency stretch), in ems.
    public var emergencyStretch: Ems

    public init(wordSpaceMin: Double = 0.67, wordSpaceMax: Double = 1.6, expansion: Double = 0.02,
                tracking: Ems = Ems(0.02), protrusion: Bool = true, emergencyStretch: Ems = Ems(1.5)) {
        self.wordSpaceMin = wordSpaceMin
        self.wordSpaceMax = wordSpaceMax
        self.expansion = expansion
        self.tracking = tracking
        self.protrusion = protrusion
        self.emergencyStretch = emergencyStretch
    }

    /// Word spaces alone, as before expansion, tracking and protrusion.
    public static let spacesOnly = Justification(expansion: 0, tracking: .zero, protrusion: false, emergencyStretch: .zero)
}

/// Everything about how one role's text is set.
public struct TextStyle: Hashable, Sendable {
    public var font: FontSpec
    /// The size at a copyfit scale of 1.
    public var size: Points
    /// The distance between baselines, as a multiple of the size.
    public var leading: Double
    public var color: Color
    public var alignment: TextAlignment
    public var textCase: TextCase
    /// Extra space between letters, in ems of the size.
    public var letterSpacing: Ems
    /// Space above the paragraph, at a copyfit scale of 1; dropped at the top of a column.
    public var spaceBefore: Points
    /// Space below the paragraph, at a copyfit scale of 1.
    public var spaceAfter: Points
    /// Indent of a paragraph's first line; none for the first paragraph of a flow.
    public var firstLineIndent: Ems
    public var hyphenate: Bool
    /// A bullet before each paragraph of the role, with a hanging indent.
    public var bullet: BulletStyle?
    /// How justified lines are filled.
    public var justification = Justification()

    public init(font: FontSpec, size: Points, leading: Double = 1.25, color: Color = .black,
                alignment: TextAlignment = .left, textCase: TextCase = .asWritten,
                letterSpacing: Ems = .zero, spaceBefore: Points = .zero, spaceAfter: Points = .zero,
                firstLineIndent: Ems = .zero, hyphenate: Bool = true, bullet: BulletStyle? = nil) {
        self.font = font
        self.size = size
        self.leading = leading
        self.color = color
        self.alignment = alignment
        self.textCase = textCase
        self.letterSpacing = letterSpacing
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.firstLineIndent = firstLineIndent
        self.hyphenate = hyphenate
        self.bullet = bullet
    }

    /// What the prepare stage needs to know of the style.
    public var treatment: TextTreatment {
        TextTreatment(textCase: textCase, hyphenate: hyphenate)
    }
}
