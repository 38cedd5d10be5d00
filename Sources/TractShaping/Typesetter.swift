internal import CCairoPango
import TractCompose
import TractCore

/// Shapes and draws text with Pango over the bundled fonts.
///
/// A typesetter owns its Pango font map and context and caches font measures: use one per
/// thread, and keep it for many renders.
public final class Typesetter: TextShaper {
    let fonts: FontConfiguration
    /// The Pango context texts are shaped and laid out in, for the drawing of lines.
    package let context: TextContext
    private var metricsCache: [FontSpec: FontMetrics] = [:]
    private var hyphens: [FontSpec: TextLayout] = [:]

    /// The size texts are shaped at; widths are then divided by it to get ems. Large enough
    /// that Pango's 1/1024-point units round to a negligible fraction of an em.
    package static let referenceSize = Points(100)

    public init() throws(Diagnostic) {
        fonts = try FontConfiguration.shared()
        context = TextContext(fontMap: FontMap(fonts: fonts))
    }

    /// What `canDraw` answered, by code point.
    private var drawable: [UInt32: Bool] = [:]

    /// The family names of the bundled fonts.
    public var familyNames: Set<String> { fonts.familyNames() }

    /// The family names of the bundled fonts, read with fontconfig alone: no Pango object is
    /// made, so a process may still fork cleanly afterwards.
    public static func bundledFamilyNames() throws(Diagnostic) -> Set<String> {
        try FontConfiguration.shared().familyNames()
    }

    /// The bundled faces.
    public var faces: [FontFace] { fonts.faces() }

    /// Whether some bundled font can draw a character. Characters that are never drawn (soft
    /// hyphens, joiners, direction marks) count as drawable.
    public func canDraw(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII letters, digits and punctuation are in every bundled face.
        if scalar.value >= 0x20 && scalar.value < 0x7F { return true }
        if let known = drawable[scalar.value] { return known }
        let answer = scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .control
            || fonts.covers(scalar)
        drawable[scalar.value] = answer
        return answer
    }

    public func shape(_ text: StyledText, font: FontSpec, letterSpacing: Ems, direction: TextDirection) -> ShapedText {
        // A text shaped before in the same font (a batch sets each source in several layouts,
        // most of which share their faces) is not shaped again.
        let key = ShapeKey(text: text, font: font, letterSpacing: letterSpacing, direction: direction)
        if let measured = shapes[key] { return measured }
        let size = Typesetter.referenceSize
        let shaped = ShapedRuns(context, text: text, font: font, size: size, letterSpacing: letterSpacing,
                                direction: direction)
        let advances = shaped.advances(count: text.count, scale: 1 / (size.value * Double(PANGO_SCALE)))
        // The runs go with the measures: the lines cut from them carry them into the document.
        let measured = ShapedText(advances: advances, breaks: BreakRules.opportunities(in: text.scalars),
                                  hyphenWidth: hyphenWidth(font, letterSpacing: letterSpacing), glyphs: ShapedGlyphs(shaped))
        if shapes.count >= Typesetter.shapesCount { shapes.removeAll(keepingCapacity: true) }
        shapes[key] = measured
        return measured
    }

    /// What `shape` was asked.
    private struct ShapeKey: Hashable {
        var text: StyledText
        var font: FontSpec
        var letterSpacing: Ems
        var direction: TextDirection
    }

    /// Texts shaped before, with their runs; cleared when it holds `shapesCount`.
    private var shapes: [ShapeKey: ShapedText] = [:]
    static let shapesCount = 1024

    /// The width of the hyphen drawn at a soft-hyphen break, in ems.
    private func hyphenWidth(_ font: FontSpec, letterSpacing: Ems) -> Ems {
        Ems(hyphenLayout(font).width / Typesetter.referenceSize) + letterSpacing
    }

    /// A hyphen (U+2010) laid out in a font at the reference size.
    package func hyphenLayout(_ font: FontSpec) -> TextLayout {
        if let layout = hyphens[font] { return layout }
        let layout = TextLayout(context, text: StyledText("\u{2010}"), font: font, size: Typesetter.referenceSize,
                                letterSpacing: .zero)
        hyphens[font] = layout
        return layout
    }

    public func metrics(_ font: FontSpec) -> FontMetrics {
        if let cached = metricsCache[font] { return cached }
        let size = Typesetter.referenceSize
        let (ascent, descent) = context.ascentAndDescent(of: FontDescription(font, size: size))
        let unit = size.value * Double(PANGO_SCALE)
        // Pango has no cap height: measure the ink of a flat capital.
        let capHeight = TextLayout(context, text: StyledText("H"), font: font, size: size, letterSpacing: .zero).inkAboveBaseline / unit
        let result = FontMetrics(ascent: Ems(ascent / unit), descent: Ems(descent / unit), capHeight: Ems(capHeight))
        metricsCache[font] = result
        return result
    }
}
