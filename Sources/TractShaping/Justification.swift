internal import CCairoPango

/// Justification, in one place for every line drawn: the word spaces (U+0020, not the no-break
/// U+00A0 and U+202F, which keep their width) of a line's glyph runs are widened or narrowed so that they add `extra`
/// Pango units, shared as evenly as whole units allow (the first spaces take the remainder).
enum Justification {
    /// `runs` are the line's glyph strings, each with the byte offset of its text in `utf8`.
    static func spread(_ extra: Int, over runs: [(glyphs: UnsafeMutablePointer<PangoGlyphString>, offset: Int32)], text utf8: [UInt8]) {
        var spaces: [UnsafeMutablePointer<PangoGlyphInfo>] = []
        for run in runs {
            let glyphs = run.glyphs.pointee
            var previousCluster: Int32 = -1
            for index in 0..<Int(glyphs.num_glyphs) {
                let cluster = glyphs.log_clusters[index]
                defer { previousCluster = cluster }
                guard cluster != previousCluster else { continue }
                let byte = Int(run.offset + cluster)
                if utf8[byte] == 0x20 {
                    spaces.append(glyphs.glyphs + index)
                }
            }
        }
        guard !spaces.isEmpty else { return }
        let share = extra / spaces.count
        let remainder = extra - share * spaces.count
        for (index, glyph) in spaces.enumerated() {
            glyph.pointee.geometry.width += Int32(share + (index < abs(remainder) ? remainder.signum() : 0))
        }
    }
}
