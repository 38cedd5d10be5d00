internal import CCairoPango
import TractCompose
import TractCore

/// A Pango font map of the bundled fonts: one per typesetter, never shared between threads.
final class FontMap {
    fileprivate let pointer: UnsafeMutablePointer<PangoFontMap>

    init(fonts: FontConfiguration) {
        // transfer full: released by g_object_unref in deinit.
        pointer = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)
        // The font map takes its own reference to the configuration.
        pango_fc_font_map_set_config(OpaquePointer(pointer), fonts.config)
    }

    deinit {
        g_object_unref(pointer)
    }
}

/// A Pango context set up for print: 72 units per inch, so one unit is one point, no hinting
/// and no rounding of glyph positions, so widths grow exactly with the font size.
package final class TextContext {
    /// For the other wrappers of Pango objects: shaped runs and layouts.
    let pointer: OpaquePointer
    let fontMap: FontMap

    init(fontMap: FontMap) {
        self.fontMap = fontMap
        // transfer full: released by g_object_unref in deinit.
        pointer = pango_font_map_create_context(fontMap.pointer)
        pango_cairo_context_set_resolution(pointer, 72)
        pango_context_set_round_glyph_positions(pointer, 0)
        // transfer full: destroyed below, after the context has copied it.
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(pointer, options)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pointer))
    }

    /// A font's ascent and descent, in Pango units, as the context's font map finds the face.
    func ascentAndDescent(of font: FontDescription) -> (ascent: Double, descent: Double) {
        // transfer full: released by pango_font_metrics_unref.
        let metrics = pango_context_get_metrics(pointer, font.pointer, nil)
        defer { pango_font_metrics_unref(metrics) }
        return (Double(pango_font_metrics_get_ascent(metrics)), Double(pango_font_metrics_get_descent(metrics)))
    }
}

/// A Pango font description built from a `FontSpec` and a size.
final class FontDescription {
    /// For the other wrappers of Pango objects: shaped runs and layouts.
    let pointer: OpaquePointer

    init(_ font: FontSpec, size: Points) {
        // transfer full: released by pango_font_description_free in deinit.
        pointer = pango_font_description_new()
        pango_font_description_set_family(pointer, font.family)
        pango_font_description_set_weight(pointer, PangoWeight(rawValue: UInt32(font.weight)))
        pango_font_description_set_style(pointer, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_font_description_set_stretch(pointer, FontDescription.stretch(font.stretch))
        pango_font_description_set_absolute_size(pointer, size.value * Double(PANGO_SCALE))
    }

    deinit {
        pango_font_description_free(pointer)
    }

    /// The named CSS width nearest to a percentage.
    private static func stretch(_ percent: Double) -> PangoStretch {
        let steps: [(Double, PangoStretch)] = [
            (50, PANGO_STRETCH_ULTRA_CONDENSED), (62.5, PANGO_STRETCH_EXTRA_CONDENSED),
            (75, PANGO_STRETCH_CONDENSED), (87.5, PANGO_STRETCH_SEMI_CONDENSED), (100, PANGO_STRETCH_NORMAL),
            (112.5, PANGO_STRETCH_SEMI_EXPANDED), (125, PANGO_STRETCH_EXPANDED),
            (150, PANGO_STRETCH_EXTRA_EXPANDED), (200, PANGO_STRETCH_ULTRA_EXPANDED),
        ]
        return steps.min { abs($0.0 - percent) < abs($1.0 - percent) }!.1
    }
}

/// A Pango attribute list, filled from a styled text's emphasis and a letter-spacing.
final class AttributeList {
    /// For the other wrappers of Pango objects: shaped runs and layouts.
    let pointer: OpaquePointer

    /// Attributes for `text`, whose UTF-8 offsets are given by `offsets` (one per scalar, plus
    /// the end): bold and italic runs, and letter-spacing over the whole text.
    init(_ text: StyledText, offsets: [Int], font: FontSpec, letterSpacing: Points) {
        // transfer full: released by pango_attr_list_unref in deinit.
        pointer = pango_attr_list_new()
        for run in text.styleRuns where !run.style.isEmpty {
            let face = font.applying(run.style)
            let start = UInt32(offsets[run.range.lowerBound])
            let end = UInt32(offsets[run.range.upperBound])
            if face.weight != font.weight {
                insert(pango_attr_weight_new(PangoWeight(rawValue: UInt32(face.weight))), start, end)
            }
            if face.italic != font.italic {
                insert(pango_attr_style_new(face.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL), start, end)
            }
        }
        if letterSpacing != .zero {
            let units = Int32((letterSpacing.value * Double(PANGO_SCALE)).rounded())
            insert(pango_attr_letter_spacing_new(units), 0, UInt32(offsets.last ?? 0))
        }
    }

    /// Sets every occurrence of a character in another family.
    func setFamily(_ family: String, of character: Unicode.Scalar, in text: StyledText, offsets: [Int]) {
        for (index, scalar) in text.scalars.enumerated() where scalar == character {
            insert(pango_attr_family_new(family), UInt32(offsets[index]), UInt32(offsets[index + 1]))
        }
    }

    /// Adds an attribute over a byte range; the list takes ownership of it.
    private func insert(_ attribute: UnsafeMutablePointer<PangoAttribute>?, _ start: UInt32, _ end: UInt32) {
        guard let attribute else { preconditionFailure("pango_attr_*_new returned NULL") }
        attribute.pointee.start_index = start
        attribute.pointee.end_index = end
        pango_attr_list_insert(pointer, attribute)
    }

    deinit {
        pango_attr_list_unref(pointer)
    }
}

/// A Pango layout holding one paragraph or one line of text.
package final class TextLayout {
    private let pointer: OpaquePointer
    /// The text as UTF-8, as Pango indexes it.
    let utf8: [UInt8]
    /// The UTF-8 offset of each scalar, and of the end.
    let offsets: [Int]

    package init(_ context: TextContext, text: StyledText, font: FontSpec, size: Points, letterSpacing: Ems,
                 direction: TextDirection = .leftToRight) {
        // The base direction is the paragraph's, not guessed from the line's first letter: an
        // Arabic line that starts with a Latin name is still laid out right to left.
        pango_context_set_base_dir(context.pointer, direction.pango)
        // transfer full: released by g_object_unref in deinit.
        pointer = pango_layout_new(context.pointer)
        pango_layout_set_auto_dir(pointer, 0)
        (utf8, offsets) = utf8Offsets(text)
        let description = FontDescription(font, size: size)
        pango_layout_set_font_description(pointer, description.pointer)
        let attributes = AttributeList(text, offsets: offsets, font: font, letterSpacing: letterSpacing.at(size))
        pango_layout_set_attributes(pointer, attributes.pointer)
        utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                pango_layout_set_text(pointer, characters.baseAddress, Int32(characters.count))
            }
        }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pointer))
    }

    /// The layout's first line. transfer none: the line belongs to the layout.
    private var firstLine: UnsafeMutablePointer<PangoLayoutLine> {
        guard let line = pango_layout_get_line_readonly(pointer, 0) else {
            preconditionFailure("pango_layout_get_line_readonly returned NULL for line 0")
        }
        return line
    }

    /// Draws the first line at the current point of a Cairo context, on its baseline.
    package func showFirstLine(on context: OpaquePointer) {
        pango_cairo_show_layout_line(context, firstLine)
    }

    /// Widens or narrows the word spaces of a one-line layout so that it is exactly `width` wide.
    package func justify(to width: Points) {
        var runs: [(glyphs: UnsafeMutablePointer<PangoGlyphString>, offset: Int32)] = []
        forEachRun { run in runs.append((run.pointee.glyphs!, run.pointee.item!.pointee.offset)) }
        Justification.spread(Int((width - self.width).value * Double(PANGO_SCALE)), over: runs, text: utf8)
    }

    /// How far the ink of the first line rises above its baseline, in Pango units: for a flat
    /// capital, the cap height.
    var inkAboveBaseline: Double {
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_layout_get_extents(pointer, &ink, &logical)
        return Double(pango_layout_get_baseline(pointer)) - Double(ink.y)
    }

    /// The logical width of the layout, in points.
    package var width: Points {
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(pointer, &width, &height)
        return Points(Double(width) / Double(PANGO_SCALE))
    }

    /// Every glyph run of every line, in visual order within each line.
    func forEachRun(_ body: (UnsafeMutablePointer<PangoGlyphItem>) -> Void) {
        // transfer none: the lines belong to the layout.
        var lines = pango_layout_get_lines_readonly(pointer)
        while let node = lines {
            let line = node.pointee.data.assumingMemoryBound(to: PangoLayoutLine.self)
            var runs = line.pointee.runs
            while let run = runs {
                body(run.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self))
                runs = run.pointee.next
            }
            lines = node.pointee.next
        }
    }
}
