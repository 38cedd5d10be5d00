internal import CCairoPango
import TractCompose
import TractCore

/// A line cut out of a paragraph's shaped glyphs: the glyph runs that fall in its range, with
/// soft hyphens left out and the text rebuilt to match, ready to draw without shaping again.
///
/// Only for paragraphs set left to right: in a right-to-left or mixed paragraph, a line's runs
/// need reordering on their own, and such lines are shaped again instead.
package final class RetainedLine {
    /// The line's text as UTF-8, which the new runs' clusters point into.
    private(set) var utf8: [UInt8] = []
    /// The runs of the line, in visual order; each owns a copied item and glyph string.
    private var runs: [PangoGlyphItem] = []

    /// Cuts `range` (in scalars) out of a shaped paragraph; nil when the paragraph is not purely
    /// left to right.
    package init?(_ layout: ShapedRuns, range: Range<Int>) {
        if layout.hasRightToLeft { return nil }
        let cut = Cut(layout, range: range)
        utf8 = cut.utf8
        // A line that starts or ends inside a cluster (between the `f` and the `f` of an `ff`
        // ligature, where a word is hyphenated) cannot reuse the paragraph's glyphs: the
        // ligature belongs to both lines. It is shaped again.
        guard RetainedLine.startsCluster(cut.firstByte, in: layout), RetainedLine.startsCluster(cut.endByte, in: layout) else { return nil }
        let scalarAtByte = layout.scalarAtByte
        for run in layout.runs {
            let item = run.item.pointee
            guard Int(item.offset) < cut.endByte, Int(item.offset + item.length) > cut.firstByte else { continue }
            let (kept, clusterEnd) = cut.keptGlyphs(of: run, scalarAtByte: scalarAtByte)
            guard let first = kept.first else { continue }
            // The run's text ends where the first kept character after its last cluster starts.
            let end = cut.runEnd(after: clusterEnd, scalarAtByte: scalarAtByte)
            runs.append(copiedRun(run, text: first.offset..<end, glyphs: kept))
        }
    }

    /// A line's text cut out of its paragraph's, and where each of its characters went.
    private struct Cut {
        /// The line's scalars in the paragraph.
        let range: Range<Int>
        /// Where the line starts and ends in the paragraph's UTF-8.
        let firstByte: Int
        let endByte: Int
        /// The line's characters without soft hyphens, as UTF-8.
        private(set) var utf8: [UInt8] = []
        /// Where each of the line's scalars starts in `utf8`; -1 for a soft hyphen, left out.
        private(set) var newOffset: [Int]

        /// Cuts the scalars of `range` out of a shaped paragraph's text.
        init(_ layout: ShapedRuns, range: Range<Int>) {
            self.range = range
            // The new text: the line's characters without soft hyphens, and where each one starts.
            newOffset = [Int](repeating: -1, count: range.count)
            for index in range {
                let start = layout.offsets[index]
                let end = layout.offsets[index + 1]
                if end - start == 2, layout.utf8[start] == 0xC2, layout.utf8[start + 1] == 0xAD { continue }
                newOffset[index - range.lowerBound] = utf8.count
                utf8.append(contentsOf: layout.utf8[start..<end])
            }
            firstByte = layout.offsets[range.lowerBound]
            endByte = layout.offsets[range.upperBound]
        }

        /// The glyphs of a run that fall in the line, each with where its character starts in
        /// `utf8`, and where the last one's cluster ends in the paragraph's text.
        func keptGlyphs(of run: PangoGlyphItem, scalarAtByte: [Int32]) -> (glyphs: [(glyph: PangoGlyphInfo, offset: Int)], clusterEnd: Int) {
            let item = run.item.pointee
            let glyphs = run.glyphs.pointee
            let low = RetainedLine.firstGlyph(atOrAfter: firstByte, in: run)
            var kept: [(glyph: PangoGlyphInfo, offset: Int)] = []
            // Where the last kept glyph's cluster ends in the paragraph's text: a ligature's
            // cluster (`fi`) holds more than its first character.
            var clusterEnd = firstByte
            for index in low..<Int(glyphs.num_glyphs) {
                let byte = Int(item.offset + glyphs.log_clusters[index])
                if byte >= endByte { break }
                let scalar = Int(scalarAtByte[byte])
                let offset = newOffset[scalar - range.lowerBound]
                guard offset >= 0 else { continue }
                kept.append((glyphs.glyphs[index], offset))
                var next = index + 1
                while next < Int(glyphs.num_glyphs), glyphs.log_clusters[next] == glyphs.log_clusters[index] { next += 1 }
                clusterEnd = min(next < Int(glyphs.num_glyphs) ? Int(item.offset + glyphs.log_clusters[next])
                                                                : Int(item.offset + item.length), endByte)
            }
            return (kept, clusterEnd)
        }

        /// Where in `utf8` the first kept character at or after `clusterEnd` (a byte of the
        /// paragraph's text) starts; the end of `utf8` when there is none.
        func runEnd(after clusterEnd: Int, scalarAtByte: [Int32]) -> Int {
            guard clusterEnd < endByte else { return utf8.count }
            for scalar in Int(scalarAtByte[clusterEnd])..<range.upperBound where newOffset[scalar - range.lowerBound] >= 0 {
                return newOffset[scalar - range.lowerBound]
            }
            return utf8.count
        }
    }

    /// A run for the line: a copy of the paragraph's item over `text` (bytes of `utf8`) and a
    /// new glyph string holding the kept glyphs, their clusters counted from the text's start.
    private func copiedRun(_ run: PangoGlyphItem, text: Range<Int>, glyphs kept: [(glyph: PangoGlyphInfo, offset: Int)])
        -> PangoGlyphItem {
        // transfer full: freed in deinit with pango_item_free.
        guard let copy = pango_item_copy(run.item) else { preconditionFailure("pango_item_copy returned NULL") }
        copy.pointee.offset = Int32(text.lowerBound)
        copy.pointee.length = Int32(text.count)
        copy.pointee.num_chars = Int32(utf8[text].filter { $0 & 0xC0 != 0x80 }.count)
        // transfer full: freed in deinit with pango_glyph_string_free.
        guard let string = pango_glyph_string_new() else { preconditionFailure("pango_glyph_string_new returned NULL") }
        pango_glyph_string_set_size(string, Int32(kept.count))
        for (index, entry) in kept.enumerated() {
            string.pointee.glyphs[index] = entry.glyph
            string.pointee.log_clusters[index] = Int32(entry.offset - text.lowerBound)
        }
        return PangoGlyphItem(item: copy, glyphs: string, y_offset: 0, start_x_offset: 0, end_x_offset: 0)
    }

    /// The first glyph of a run whose cluster starts at or after a byte of the paragraph's text
    /// (the glyph count when there is none). Left to right, clusters grow with the glyph index.
    private static func firstGlyph(atOrAfter byte: Int, in run: PangoGlyphItem) -> Int {
        let offset = Int(run.item.pointee.offset)
        let glyphs = run.glyphs.pointee
        var low = 0
        var high = Int(glyphs.num_glyphs)
        while low < high {
            let middle = (low + high) / 2
            if offset + Int(glyphs.log_clusters[middle]) < byte { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether a glyph cluster starts at a byte of the paragraph's text (or a run or the text
    /// begins or ends there).
    private static func startsCluster(_ byte: Int, in layout: ShapedRuns) -> Bool {
        guard let run = layout.runs.first(where: { Int($0.item.pointee.offset) <= byte && byte < Int($0.item.pointee.offset + $0.item.pointee.length) })
        else { return true }
        let index = firstGlyph(atOrAfter: byte, in: run)
        return index < Int(run.glyphs.pointee.num_glyphs)
            && Int(run.item.pointee.offset) + Int(run.glyphs.pointee.log_clusters[index]) == byte
    }

    deinit {
        for run in runs {
            pango_item_free(run.item)
            pango_glyph_string_free(run.glyphs)
        }
    }

    /// The width of the line, in Pango units.
    var width: Int {
        runs.reduce(0) { total, run in
            var sum = 0
            for index in 0..<Int(run.glyphs.pointee.num_glyphs) { sum += Int(run.glyphs.pointee.glyphs[index].geometry.width) }
            return total + sum
        }
    }

    /// Adds letter-spacing after every glyph cluster but the line's last one.
    package func track(by amount: Points) {
        let units = Int32((amount.value * Double(PANGO_SCALE)).rounded())
        guard units != 0 else { return }
        for (number, run) in runs.enumerated() {
            let glyphs = run.glyphs.pointee
            let count = Int(glyphs.num_glyphs)
            for index in 0..<count where index + 1 < count || number + 1 < runs.count {
                if index + 1 == count || glyphs.log_clusters[index + 1] != glyphs.log_clusters[index] {
                    glyphs.glyphs[index].geometry.width += units
                }
            }
        }
    }

    /// Widens or narrows the word spaces so the line is `width` wide, less a hyphen drawn after it.
    package func justify(to width: Points, leaving hyphen: Points?) {
        let hyphenUnits = hyphen.map { Int(($0.value * Double(PANGO_SCALE)).rounded()) } ?? 0
        let units = Int(width.value * Double(PANGO_SCALE)) - hyphenUnits
        Justification.spread(units - self.width, over: runs.map { ($0.glyphs, $0.item.pointee.offset) }, text: utf8)
    }

    /// Draws the runs one after the other from the current point of a Cairo context, on the
    /// baseline, and leaves the current point at the end of the line.
    package func draw(on context: OpaquePointer) {
        var x = 0.0
        var y = 0.0
        cairo_get_current_point(context, &x, &y)
        utf8.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { text in
                for var run in runs {
                    cairo_move_to(context, x, y)
                    pango_cairo_show_glyph_item(context, text.baseAddress, &run)
                    var width = 0
                    for index in 0..<Int(run.glyphs.pointee.num_glyphs) { width += Int(run.glyphs.pointee.glyphs[index].geometry.width) }
                    x += Double(width) / Double(PANGO_SCALE)
                }
            }
        }
        cairo_move_to(context, x, y)
    }
}
