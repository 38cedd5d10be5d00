internal import CCairoPango
import TractCompose
import TractCore

/// A paragraph shaped on one line: Pango's items, each with its glyphs, in logical order.
///
/// Shaping through `pango_itemize` and `pango_shape_item` rather than a `PangoLayout` skips the
/// layout's own line breaking and break analysis, which composition does not use.
package final class ShapedRuns {
    /// The text as UTF-8, as Pango indexes it.
    let utf8: [UInt8]
    /// The UTF-8 offset of each scalar, and of the end.
    let offsets: [Int]
    /// Each run owns its item and glyph string, freed in deinit.
    private(set) var runs: [PangoGlyphItem] = []

    /// `narrowSpaceFamily`, when given, is the family every U+202F is set in.
    init(_ context: TextContext, text: StyledText, font: FontSpec, size: Points, letterSpacing: Ems,
         direction: TextDirection, narrowSpaceFamily: String?) {
        (utf8, offsets) = utf8Offsets(text)
        let description = FontDescription(font, size: size)
        pango_context_set_font_description(context.pointer, description.pointer)
        let attributes = AttributeList(text, offsets: offsets, font: font, letterSpacing: .zero)
        if let narrowSpaceFamily { attributes.setFamily(narrowSpaceFamily, of: "\u{202F}", in: text, offsets: offsets) }
        let spacing = Int32((letterSpacing.at(size).value * Double(PANGO_SCALE)).rounded())
        utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                let length = Int32(characters.count)
                // transfer full: the list is freed here, the items by the runs that take them.
                var node = pango_itemize_with_base_dir(context.pointer, direction.pango, characters.baseAddress, 0, length,
                                                       attributes.pointer, nil)
                let list = node
                defer { g_list_free(list) }
                while let current = node {
                    let item = current.pointee.data.assumingMemoryBound(to: PangoItem.self)
                    // transfer full: freed in deinit with pango_glyph_string_free.
                    guard let glyphs = pango_glyph_string_new() else { preconditionFailure("pango_glyph_string_new returned NULL") }
                    pango_shape_item(item, characters.baseAddress, length, nil, glyphs, PANGO_SHAPE_NONE)
                    if spacing != 0 { ShapedRuns.space(glyphs, by: spacing) }
                    runs.append(PangoGlyphItem(item: item, glyphs: glyphs, y_offset: 0, start_x_offset: 0, end_x_offset: 0))
                    node = current.pointee.next
                }
            }
        }
    }

    deinit {
        for run in runs {
            pango_item_free(run.item)
            pango_glyph_string_free(run.glyphs)
        }
    }

    /// Letter-spacing: the space is added after each cluster.
    /// The width each of the first `count` characters adds to a line, Pango's units times
    /// `scale`: a cluster's width shared among its characters.
    func advances(count: Int, scale: Double) -> [Ems] {
        var advances = [Ems](repeating: .zero, count: count)
        utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
                for var run in runs {
                    let first = Int(scalarAtByte[Int(run.item.pointee.offset)])
                    var widths = [Int32](repeating: 0, count: Int(run.item.pointee.num_chars))
                    pango_glyph_item_get_logical_widths(&run, characters.baseAddress, &widths)
                    for (offset, width) in widths.enumerated() where first + offset < count {
                        advances[first + offset] = Ems(Double(width) * scale)
                    }
                }
            }
        }
        return advances
    }

    private static func space(_ glyphs: UnsafeMutablePointer<PangoGlyphString>, by spacing: Int32) {
        let count = Int(glyphs.pointee.num_glyphs)
        for index in 0..<count where index + 1 == count || glyphs.pointee.log_clusters[index + 1] != glyphs.pointee.log_clusters[index] {
            glyphs.pointee.glyphs[index].geometry.width += spacing
        }
    }

    /// Whether some of the text runs right to left.
    var hasRightToLeft: Bool {
        runs.contains { $0.item.pointee.analysis.level % 2 == 1 }
    }

    /// The scalar index of every UTF-8 offset, made on first use.
    private(set) lazy var scalarAtByte: [Int32] = {
        var table = [Int32](repeating: 0, count: utf8.count + 1)
        for index in 0..<(offsets.count - 1) {
            for byte in offsets[index]..<offsets[index + 1] { table[byte] = Int32(index) }
        }
        table[utf8.count] = Int32(offsets.count - 1)
        return table
    }()
}

/// A text as UTF-8, and the offset where each of its scalars starts (and of the end).
func utf8Offsets(_ text: StyledText) -> (utf8: [UInt8], offsets: [Int]) {
    var bytes: [UInt8] = []
    var offsets: [Int] = []
    bytes.reserveCapacity(text.count + text.count / 4)
    offsets.reserveCapacity(text.count + 1)
    for scalar in text.scalars {
        offsets.append(bytes.count)
        let value = scalar.value
        switch value {
        case 0..<0x80:
            bytes.append(UInt8(value))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | (value >> 12) & 0x3F))
            bytes.append(UInt8(0x80 | (value >> 6) & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }
    offsets.append(bytes.count)
    return (bytes, offsets)
}

extension TextDirection {
    /// The base direction Pango lays a paragraph out in.
    var pango: PangoDirection {
        self == .rightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR
    }
}
