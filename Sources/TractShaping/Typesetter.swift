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

    /// The fonts besides the bundled ones that this typesetter sees.
    public let sources: FontSources

    /// A typesetter over the bundled fonts and those of `sources`; throws when one of those
    /// cannot be used (not a font, a folder without fonts, a licence that forbids embedding).
    public init(fonts sources: FontSources = .bundled) throws(Diagnostic) {
        fonts = try FontConfiguration.shared(for: sources)
        self.sources = sources
        context = TextContext(fontMap: FontMap(fonts: fonts))
    }

    /// Forgets the fonts loaded besides the bundled ones, so that the next typesetter reads them
    /// again: for a watch, when a font file is saved.
    public static func forgetAddedFonts() {
        FontConfiguration.forgetAdded()
    }

    /// The family names of the bundled fonts and those of `sources`, read with fontconfig
    /// alone, as `bundledFamilyNames` does.
    public static func familyNames(for sources: FontSources) throws(Diagnostic) -> Set<String> {
        try FontConfiguration.shared(for: sources).familyNames()
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
    /// Read once: a typesetter's fonts do not change.
    public private(set) lazy var faces: [FontFace] = fonts.faces()

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
        let narrowSpace = text.scalars.contains(Typesetter.narrowSpace) ? narrowSpaceFallback(for: font) : nil
        let shaped = ShapedRuns(context, text: text, font: font, size: size, letterSpacing: letterSpacing,
                                direction: direction, narrowSpaceFamily: narrowSpace)
        let advances = shaped.advances(count: text.count, scale: 1 / (size.value * Double(PANGO_SCALE)))
        // The runs go with the measures: the lines cut from them carry them into the document.
        let measured = ShapedText(advances: advances, breaks: BreakRules.opportunities(in: text.scalars),
                                  hyphenWidth: hyphenWidth(font, letterSpacing: letterSpacing), glyphs: ShapedGlyphs(shaped))
        if shapes.count >= Typesetter.shapesCount { shapes.removeAll(keepingCapacity: true) }
        shapes[key] = measured
        return measured
    }

    // MARK: The narrow no-break space

    static let narrowSpace: Unicode.Scalar = "\u{202F}"
    /// The bundled family whose U+202F stands in for a face's missing or wide one.
    public static let narrowSpaceFallback = "Noto Serif"

    /// How a font sets the narrow no-break space French puts before `; ! ?` and inside « ».
    public enum NarrowSpace: Equatable, Sendable {
        /// Present, and at most as wide as a word space and a quarter of an em.
        case narrow
        /// The face has no U+202F.
        case missing
        /// The face's U+202F is as wide as given, in ems: wider than a narrow space should be.
        case wide(Ems)
    }

    /// How a font's face sets U+202F.
    public func narrowSpace(in font: FontSpec) -> NarrowSpace {
        if let known = narrowSpaces[font] { return known }
        let members = faces.filter { $0.families.contains(font.family) }
        let answer: NarrowSpace
        if !members.contains(where: { $0.covers(Typesetter.narrowSpace) }) {
            answer = .missing
        } else {
            let size = Typesetter.referenceSize
            func width(_ text: String) -> Double {
                let runs = ShapedRuns(context, text: StyledText(text), font: font, size: size, letterSpacing: .zero,
                                      direction: .leftToRight, narrowSpaceFamily: nil)
                return runs.advances(count: 1, scale: 1 / (size.value * Double(PANGO_SCALE)))[0].value
            }
            let narrow = width("\u{202F}"), word = width(" ")
            answer = narrow <= max(word, 0.12) + 0.001 && narrow <= 0.25 ? .narrow : .wide(Ems(narrow))
        }
        narrowSpaces[font] = answer
        return answer
    }

    /// The family U+202F is set in for a font: nil when its own face sets it narrow.
    func narrowSpaceFallback(for font: FontSpec) -> String? {
        narrowSpace(in: font) == .narrow ? nil : Typesetter.narrowSpaceFallback
    }

    private var narrowSpaces: [FontSpec: NarrowSpace] = [:]

    /// Refuses, for families a document uses, a face that is not bundled and whose licence
    /// forbids embedding it: the machine's own fonts (`system-fonts: true`) are checked here,
    /// the fonts a layout lists when they are loaded.
    public func checkLicences(of families: Set<String>) throws(Diagnostic) {
        guard !sources.isBundledOnly else { return }
        for face in faces where !face.isBundled && !licensed.contains(face.path) && face.families.contains(where: families.contains) {
            try EmbeddingPermission.check(face.path, at: SourceLocation(file: face.path))
            licensed.insert(face.path)
        }
    }

    /// The font files whose licence allows embedding, checked once.
    private var licensed: Set<String> = []

    /// What `shape` was asked.
    private struct ShapeKey: Hashable {
        var text: StyledText
        var font: FontSpec
        var letterSpacing: Ems
        var direction: TextDirection
    }

    /// Texts shaped before, with their runs; cleared when it holds `shapesCount`.
    private var shapes: [ShapeKey: ShapedText] = [:]
    static let shapesCount = 512

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
