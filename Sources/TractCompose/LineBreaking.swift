import TractCore

/// One line of a broken paragraph.
public struct BrokenLine: Hashable, Sendable {
    /// The characters on the line, without the spaces at the break.
    public var range: Range<Int>
    /// Whether the line ends with a hyphen that is not in the text.
    public var hyphenated: Bool
    /// The width of the line as set, hyphen included, before justification.
    public var naturalWidth: Points
    /// The width the line is set in.
    public var width: Points
    /// How much the word spaces are stretched (positive) or shrunk (negative) to fill the width,
    /// as a fraction of what the breaker allows; 0 for a line that is not justified.
    public var ratio: Double
    /// Whether the line is filled to its width (justified and not the last of its paragraph).
    public var justified: Bool
    /// Whether the line ends between two letters of a word too wide for any line, with no
    /// dictionary point there.
    public var brokenInWord: Bool = false
    /// Whether the line ends at a break kept for a word too wide for its line: between two
    /// letters, or at a dictionary point in a role that is not hyphenated.
    public var lastResort: Bool = false

    /// How far the line's glyphs are widened (positive) or narrowed, as a fraction of their width.
    public var expansion: Double = 0
    /// Letter-spacing added after each character but the last, for a line its spaces and
    /// expansion cannot fill.
    public var tracking: Points = .zero
    /// How far the line's first character hangs into the left margin (the start, left to right).
    public var leftHang: Points = .zero
    /// How far the line's last character, or its hyphen, hangs into the right margin.
    public var rightHang: Points = .zero

    /// Whether the line is wider than its width even with its spaces shrunk as far as they
    /// go: a word with no break in it that the line cannot hold.
    public var isOverfull: Bool {
        justified ? ratio < -1.001 : naturalWidth > width + Points(0.5)
    }
}

/// What a line breaker needs to know besides the text.
public struct BreakSettings: Hashable, Sendable {
    public var justify: Bool
    /// How far a word space may stretch, as a fraction of its width.
    public var spaceStretch: Double = 0.6
    /// How far a word space may shrink, as a fraction of its width.
    public var spaceShrink: Double = 0.33
    /// The white space a ragged line may leave at its end without penalty, in ems.
    public var raggedStretch: Ems = Ems(2.5)
    /// Demerits for ending a line with a hyphen (TeX's `\hyphenpenalty`).
    public var hyphenPenalty: Double = 50
    /// Extra demerits for two hyphenated lines in a row.
    public var doubleHyphenDemerits: Double = 3000
    /// Demerits for breaking a proper noun, or between a number and the word it counts: as much
    /// as a line whose spaces stretch about twice their allowance, so that only a looser line is
    /// worse.
    public var discouragedBreakDemerits: Double = 1_000_000
    /// The most hyphenated lines in a row.
    public var maxConsecutiveHyphens: Int = 2
    /// Extra demerits when a tight line follows a loose one, or the reverse.
    public var fitnessDemerits: Double = 3000
    /// Demerits for each line, which favour fewer lines.
    public var linePenalty: Double = 10
    /// Demerits for a last line shorter than `shortLastLine` of the width.
    public var shortLastLineDemerits: Double = 8000
    public var shortLastLine: Double = 0.2
    /// Demerits for a ragged line that ends with a word of one or two letters (`À`, `LA`,
    /// `DU`): in a headline such a word belongs with the words after it.
    public var shortWordDemerits: Double = 150_000
    /// How far a justified line's glyphs may widen or narrow, as a fraction of their width.
    public var expansion: Double = 0
    /// The steps expansion is taken in, as pdfTeX takes it: a fraction of the glyphs' width.
    public var expansionStep: Double = 0.001
    /// The most letter-spacing for a line that spaces and expansion cannot fill, in ems.
    public var tracking: Ems = .zero
    /// Whether punctuation and hyphens at a justified line's ends hang into the margins.
    public var protrusion = false
    /// The stretch, in ems, that a pass before the last resort adds to every line.
    public var emergencyStretch: Ems = .zero

    public init(justify: Bool) {
        self.justify = justify
    }

    /// Takes a style's justification: its word-space limits, expansion, tracking, protrusion
    /// and emergency stretch.
    public mutating func apply(_ justification: Justification) {
        spaceStretch = max(0, justification.wordSpaceMax - 1)
        spaceShrink = min(1, max(0, 1 - justification.wordSpaceMin))
        expansion = justification.expansion
        tracking = justification.tracking
        protrusion = justification.protrusion
        emergencyStretch = justification.emergencyStretch
    }
}

/// How far characters hang into the margin at a justified line's ends, as a share of their
/// width: hyphens, full stops, commas, colons, quotes and guillemets, after microtype's
/// defaults for text fonts.
public enum Protrusion {
    /// The share of a character that hangs past the right edge when it ends a line.
    public static func right(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "-", "\u{2010}", "\u{00AD}", ".", ",": 0.7
        case "\u{2013}": 0.5
        case "\u{2014}": 0.3
        case ":", ";": 0.5
        case "!", "?": 0.2
        case "\u{201D}", "\u{2019}", "\"", "'", "\u{00BB}", "\u{203A}": 0.7
        case "\u{00AB}", "\u{2039}": 0.5
        case ")": 0.1
        default: 0
        }
    }

    /// The share of a character that hangs past the left edge when it starts a line.
    public static func left(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "\u{201C}", "\u{2018}", "\u{201E}", "\"", "'", "\u{00AB}", "\u{2039}": 0.7
        case "\u{00BB}", "\u{203A}": 0.5
        case "\u{2013}": 0.5
        case "\u{2014}": 0.3
        case "(": 0.1
        default: 0
        }
    }
}

/// The line-breaking stage: chooses where a paragraph's lines end.
public protocol LineBreaker: Sendable {
    /// Breaks a paragraph into lines; `widths(i)` is the width of line `i`.
    func breakLines(_ text: BreakableText, settings: BreakSettings, widths: (Int) -> Points) -> [BrokenLine]
}

/// Knuth and Plass's total-fit line breaking: of all the ways to break a paragraph, the one
/// whose lines are, all together, the most evenly spaced.
///
/// Each line's badness grows with the cube of how far its spaces stretch or shrink; hyphens,
/// two hyphens in a row and a tight line next to a loose one add demerits. A first pass only
/// accepts lines that stretch at most as far as `spaceStretch` allows, a second accepts
/// looser ones, and a last resort lets a word that is wider than the line overflow it.
public struct KnuthPlassBreaker: LineBreaker {
    public init() {}

    public func breakLines(_ text: BreakableText, settings: BreakSettings, widths: (Int) -> Points) -> [BrokenLine] {
        // As TeX does: first without hyphenation, accepting only well-spaced lines; then with
        // hyphenation and looser lines; then anything, as a last resort.
        if let lines = breakLines(text, settings: settings, widths: widths, tolerance: 1, hyphenate: false, emergency: false) {
            return lines
        }
        // TeX's emergency stretch: every line may stretch further, so that the looseness is
        // spread over the paragraph rather than left in one very loose line. Tried when the
        // second pass finds no breaks, or leaves a line stretched over twice its allowance,
        // and kept when its loosest line is less loose.
        let second = breakLines(text, settings: settings, widths: widths, tolerance: 3, hyphenate: true, emergency: false)
        if let second, KnuthPlassBreaker.loosest(second) <= 2 { return second }
        if settings.justify, settings.emergencyStretch > .zero,
           let spread = breakLines(text, settings: settings, widths: widths, tolerance: 3, hyphenate: true, emergency: false,
                                   extraStretch: settings.emergencyStretch.value),
           second.map({ KnuthPlassBreaker.loosest(spread) < KnuthPlassBreaker.loosest($0) }) ?? true {
            return spread
        }
        if let second { return second }
        return breakLines(text, settings: settings, widths: widths, tolerance: .infinity, hyphenate: true, emergency: true) ?? []
    }

    /// How far the loosest justified line stretches, as a fraction of its allowance.
    static func loosest(_ lines: [BrokenLine]) -> Double {
        lines.filter(\.justified).map(\.ratio).max() ?? 0
    }

    /// A feasible break, linked to the break before it.
    private struct Node {
        var candidate: Int
        var line: Int
        var fitness: Int
        var hyphens: Int
        var demerits: Double
        var previous: Int?
    }

    private func breakLines(_ text: BreakableText, settings: BreakSettings, widths: (Int) -> Points,
                            tolerance: Double, hyphenate: Bool, emergency: Bool, extraStretch: Double = 0) -> [BrokenLine]? {
        text.prefixWidth.withUnsafeBufferPointer { widthSums in
            text.prefixSpaces.withUnsafeBufferPointer { spaceSums in
                let measure = LineMeasure(widthSums: widthSums, spaceSums: spaceSums, scalars: text.scalars, size: text.size.value,
                                          hyphen: text.hyphenWidth.value, settings: settings, extraStretch: extraStretch)
                return breakLines(text, measure: measure, settings: settings, widths: widths,
                                  tolerance: tolerance, hyphenate: hyphenate, emergency: emergency)
            }
        }
    }

    /// The widths of lines, read straight from the prefix sums, for the breaker's inner loop.
    private struct LineMeasure {
        let widthSums: UnsafeBufferPointer<Double>
        let spaceSums: UnsafeBufferPointer<Double>
        let scalars: [Unicode.Scalar]
        let size: Double
        let hyphen: Double
        let justify: Bool
        let stretch: Double
        let shrink: Double
        let ragged: Double
        /// How far glyphs may widen or narrow, as a fraction of their width.
        let expansion: Double
        let protrudes: Bool
        /// The emergency stretch every line has in this pass, in points.
        var extraStretch: Double

        init(widthSums: UnsafeBufferPointer<Double>, spaceSums: UnsafeBufferPointer<Double>, scalars: [Unicode.Scalar],
             size: Double, hyphen: Double, settings: BreakSettings, extraStretch: Double) {
            self.widthSums = widthSums
            self.spaceSums = spaceSums
            self.scalars = scalars
            self.size = size
            self.hyphen = hyphen
            justify = settings.justify
            stretch = settings.spaceStretch
            shrink = settings.spaceShrink
            ragged = settings.raggedStretch.value * size
            expansion = settings.justify ? settings.expansion : 0
            protrudes = settings.justify && settings.protrusion
            self.extraStretch = extraStretch * size
        }

        /// The same measure without the pass's emergency stretch.
        var withoutExtraStretch: LineMeasure {
            var measure = self
            measure.extraStretch = 0
            return measure
        }

        /// How far a line's first character and its last (or its hyphen) hang into the margins,
        /// in points; a paragraph's last line, set flush left, hangs only at its start.
        @inline(__always)
        func hang(from start: Int, to candidate: BreakCandidate) -> (left: Double, right: Double) {
            guard protrudes else { return (0, 0) }
            let end = Swift.max(candidate.lineEnd, start)
            guard end > start else { return (0, 0) }
            let left = Protrusion.left(scalars[start]) * (widthSums[start + 1] - widthSums[start]) * size
            if candidate.kind == .end { return (left, 0) }
            let right = candidate.kind.drawsHyphen ? Protrusion.right("\u{2010}") * hyphen
                : Protrusion.right(scalars[end - 1]) * (widthSums[end] - widthSums[end - 1]) * size
            return (left, right)
        }

        /// The width of the line from `start` to a candidate, hyphen included, in points.
        @inline(__always)
        func natural(from start: Int, to candidate: BreakCandidate) -> Double {
            let end = Swift.max(candidate.lineEnd, start)
            return (widthSums[end] - widthSums[start]) * size + (candidate.kind.drawsHyphen ? hyphen : 0)
        }

        /// How far the line must stretch (positive) or shrink (negative) to fill `width`, as a
        /// fraction of what it can; ±infinity when it cannot at all.
        /// The glyphs' own widening or narrowing counts as stretch and shrink, and what hangs
        /// into the margins as width gained.
        @inline(__always)
        func ratio(from start: Int, to candidate: BreakCandidate, width: Double) -> Double {
            let natural = natural(from: start, to: candidate)
            let hang = hang(from: start, to: candidate)
            let width = width + hang.left + hang.right
            if natural == width { return 0 }
            let end = Swift.max(candidate.lineEnd, start)
            let spaces = (spaceSums[end] - spaceSums[start]) * size
            let glyphs = (natural - spaces) * expansion
            if natural < width {
                if candidate.kind == .end { return 0 }
                let room = justify ? spaces * stretch + glyphs + extraStretch : ragged
                return room > 0 ? (width - natural) / room : .infinity
            }
            let room = justify ? spaces * shrink + glyphs : 0
            return room > 0 ? (width - natural) / room : -.infinity
        }

        /// How a justified line fills its width: the glyphs widened or narrowed by their share
        /// of the adjustment (in steps, within the limit), letter-spacing for what the spaces
        /// could not take at their widest, and the hangs.
        func filling(from start: Int, to candidate: BreakCandidate, width: Double, settings: BreakSettings)
            -> (expansion: Double, tracking: Double, hang: (left: Double, right: Double)) {
            let natural = natural(from: start, to: candidate)
            let hang = hang(from: start, to: candidate)
            let adjust = width + hang.left + hang.right - natural
            let end = Swift.max(candidate.lineEnd, start)
            let spaces = (spaceSums[end] - spaceSums[start]) * size
            let glyphs = natural - spaces
            guard glyphs > 0 else { return (0, 0, hang) }
            let spaceRoom = spaces * (adjust > 0 ? stretch : shrink)
            let glyphRoom = glyphs * expansion
            var share = glyphRoom + spaceRoom > 0 ? adjust * glyphRoom / (glyphRoom + spaceRoom) / glyphs : 0
            share = Swift.min(expansion, Swift.max(-expansion, share))
            share = (share / settings.expansionStep).rounded() * settings.expansionStep
            // What the spaces would take beyond their widest goes to letter-spacing, up to its
            // limit; never between Arabic letters, whose joins it would break.
            let beyond = adjust - share * glyphs - spaces * stretch
            let gaps = end - start - 1
            guard beyond > 0, gaps > 0, settings.tracking > .zero,
                  !scalars[start..<end].contains(where: { (0x0600...0x06FF).contains($0.value) || (0xFB50...0xFEFF).contains($0.value) })
            else { return (share, 0, hang) }
            return (share, Swift.min(settings.tracking.value * size, beyond / Double(gaps)), hang)
        }
    }

    private func breakLines(_ text: BreakableText, measure: LineMeasure, settings: BreakSettings,
                            widths: (Int) -> Points, tolerance: Double, hyphenate: Bool,
                            emergency: Bool) -> [BrokenLine]? {
        // The width of each line, asked of `widths` once.
        var lineWidths: [Double] = []
        func lineWidth(_ line: Int) -> Double {
            while lineWidths.count <= line { lineWidths.append(widths(lineWidths.count).value) }
            return lineWidths[line]
        }
        // The last resort may break the words that no line can hold.
        let candidates = emergency ? text.candidates(withLastResortsWiderThan: Points(min(lineWidth(0), lineWidth(1))))
                                   : text.candidates
        let pass = Pass(text: text, measure: measure, settings: settings, candidates: candidates, tolerance: tolerance,
                        emergency: emergency)
        // A hyphen in the paragraph's last word would leave a fragment alone on the last line, and
        // a tie broken there a word; a pass without hyphenation keeps words and ties whole.
        let lastSpace = candidates.lastIndex { $0.kind == .space } ?? -1
        var search = Search()
        for (index, candidate) in candidates.enumerated() {
            if candidate.position <= text.start { continue }
            let inWordOrTie = candidate.kind == .hyphen || candidate.kind == .discouragedHyphen || candidate.kind == .discouragedSpace
            if inWordOrTie && (index > lastSpace || !hyphenate) { continue }
            // Every active break's line has its width at hand: the search reads them directly.
            if search.deepestLine >= lineWidths.count { _ = lineWidth(search.deepestLine) }
            pass.lines(endingAt: index, search: &search, widths: lineWidths)
            guard search.commit() else { return nil }
        }
        let last = candidates.count - 1
        let nodes = search.nodes
        guard let end = nodes.indices.filter({ nodes[$0].candidate == last }).min(by: { nodes[$0].demerits < nodes[$1].demerits })
        else { return nil }
        // The lines' figures are those of their true allowance, without the emergency stretch.
        return lines(endingAt: end, nodes: nodes, candidates: candidates, from: text.start, measure: measure.withoutExtraStretch,
                     settings: settings, widths: lineWidth)
    }

    /// The breaks found so far in one pass, the ones a line may still start from, and the best
    /// new break of each fitness class at the candidate in hand (TeX keeps one per class; the
    /// count of hyphens in a row rides along with it rather than multiplying the active breaks).
    private struct Search {
        var nodes = [Node(candidate: -1, line: 0, fitness: 1, hyphens: 0, demerits: 0, previous: nil)]
        var active = [0]
        var stillActive: [Int] = []
        var best = [Node](repeating: Node(candidate: -1, line: 0, fitness: 1, hyphens: 0, demerits: 0, previous: nil), count: 4)
        /// Which entries of `best` hold a break for the candidate in hand.
        var filled: UInt32 = 0
        /// The highest line number of a break found so far.
        var deepestLine = 0

        /// Keeps a break when it is the cheapest of its fitness class at this candidate.
        @inline(__always)
        mutating func offer(_ node: Node) {
            let key = node.fitness
            if filled & (1 << key) == 0 || node.demerits < best[key].demerits {
                filled |= 1 << key
                best[key] = node
            }
        }

        /// Ends the candidate in hand: its new breaks join the active ones. False when no break
        /// is left active, so that no line can reach the paragraph's end.
        @inline(__always)
        mutating func commit() -> Bool {
            swap(&active, &stillActive)
            for key in best.indices where filled & (1 << key) != 0 {
                nodes.append(best[key])
                active.append(nodes.count - 1)
                deepestLine = max(deepestLine, best[key].line)
            }
            filled = 0
            stillActive.removeAll(keepingCapacity: true)
            return !active.isEmpty
        }
    }

    /// What one pass of the breaker holds fixed.
    private struct Pass {
        let text: BreakableText
        let measure: LineMeasure
        let settings: BreakSettings
        let candidates: [BreakCandidate]
        let tolerance: Double
        let emergency: Bool

        /// Every line that can end at one candidate, each from an active break: their breaks
        /// are offered to `search`, and the active breaks a later line may still start from stay.
        @inline(__always)
        func lines(endingAt index: Int, search: inout Search, widths: [Double]) {
            let candidate = candidates[index]
            let flagged = candidate.kind.drawsHyphen || (candidate.kind == .explicit && text.scalars[candidate.position - 1] == "-")
            // In the last-resort pass, the least bad overfull line ending here: it is taken only
            // if no line can end here and no break is left active (a word wider than the line),
            // as TeX does, so that overfull lines never keep the active breaks from being pruned.
            var overfull: (node: Int, demerits: Double)?
            for (order, nodeIndex) in search.active.enumerated() {
                let node = search.nodes[nodeIndex]
                let start = node.candidate < 0 ? text.start : candidates[node.candidate].position
                let width = widths[node.line]
                let ratio = measure.ratio(from: start, to: candidate, width: width)
                // Active breaks are in text order: when the line from this one is too loose to
                // end here, the lines from the later ones are shorter still.
                if ratio > tolerance && candidate.kind != .end {
                    search.stillActive.append(contentsOf: search.active[order...])
                    break
                }
                if ratio < -1 {
                    // Overfull, and more so for every later candidate: the break is done with.
                    if emergency {
                        let cost = node.demerits + 1e20 + 1e15 * (measure.natural(from: start, to: candidate) - width)
                        if overfull.map({ cost < $0.demerits }) ?? true { overfull = (nodeIndex, cost) }
                    }
                    continue
                }
                if candidate.kind != .end { search.stillActive.append(nodeIndex) }
                let hyphens = flagged ? node.hyphens + 1 : 0
                // A word too wide for its line may take as many broken lines as it needs.
                if hyphens > settings.maxConsecutiveHyphens && candidate.kind.isOrdinary { continue }
                // With emergency stretch, a line is feasible by its extended allowance but costs by
                // its true one: the looseness is spread rather than heaped on one line.
                let cost = measure.extraStretch > 0 ? measure.withoutExtraStretch.ratio(from: start, to: candidate, width: width) : ratio
                let fitness = KnuthPlassBreaker.fitnessClass(cost)
                let demerits = KnuthPlassBreaker.demerits(
                    of: Line(start: start, end: candidate, width: width, ratio: cost, flagged: flagged),
                    after: node, fitness: fitness, text: text, measure: measure, settings: settings)
                search.offer(Node(candidate: index, line: node.line + 1, fitness: fitness, hyphens: hyphens,
                                  demerits: node.demerits + demerits, previous: nodeIndex))
            }
            if let overfull, search.filled == 0, search.stillActive.isEmpty {
                let node = search.nodes[overfull.node]
                search.offer(Node(candidate: index, line: node.line + 1, fitness: 0, hyphens: flagged ? node.hyphens + 1 : 0,
                                  demerits: overfull.demerits, previous: overfull.node))
            }
        }
    }

    /// A line a break would end, for its demerits.
    private struct Line {
        var start: Int
        var end: BreakCandidate
        var width: Double
        var ratio: Double
        var flagged: Bool
    }

    /// What a line costs after the break it starts from: its badness, its hyphen, a break kept
    /// for a word too wide for any line, two hyphens in a row, a tight line beside a loose one,
    /// a short last line and a short word left at a ragged line's end.
    @inline(__always)
    private static func demerits(of line: Line, after node: Node, fitness: Int, text: BreakableText, measure: LineMeasure,
                                 settings: BreakSettings) -> Double {
        let candidate = line.end
        var demerits = lineDemerits(ratio: line.ratio, flagged: line.flagged, settings: settings)
        // Dearer than the loosest line, cheaper than one that overflows: a dictionary point
        // first, then a break between two letters.
        if candidate.kind == .discouragedHyphen || candidate.kind == .discouragedSpace { demerits += settings.discouragedBreakDemerits }
        if candidate.kind == .emergencyHyphen { demerits += 1e13 }
        if candidate.kind == .character { demerits += 1e14 }
        if line.flagged && node.hyphens > 0 { demerits += settings.doubleHyphenDemerits }
        if abs(fitness - node.fitness) > 1 { demerits += settings.fitnessDemerits }
        if candidate.kind == .end, measure.natural(from: line.start, to: candidate) < line.width * settings.shortLastLine,
           node.candidate >= 0 {
            demerits += settings.shortLastLineDemerits
        }
        if !settings.justify, candidate.kind == .space, endsWithShortWord(text, at: candidate.lineEnd) {
            demerits += settings.shortWordDemerits
        }
        return demerits
    }

    /// The lines of the best chain of breaks, from the last one back to the paragraph's start.
    private func lines(endingAt end: Int, nodes: [Node], candidates: [BreakCandidate], from firstPosition: Int,
                       measure: LineMeasure, settings: BreakSettings, widths: (Int) -> Double) -> [BrokenLine] {
        var chain: [Node] = []
        var cursor: Int? = end
        while let index = cursor, nodes[index].candidate >= 0 {
            chain.append(nodes[index])
            cursor = nodes[index].previous
        }
        chain.reverse()
        var lines: [BrokenLine] = []
        var start = firstPosition
        for (line, node) in chain.enumerated() {
            let candidate = candidates[node.candidate]
            let width = widths(line)
            let natural = measure.natural(from: start, to: candidate)
            // A last line is set flush left, unless its spaces had to shrink for it to fit.
            let fills = settings.justify && (candidate.kind != .end || natural > width)
            let ratio = measure.ratio(from: start, to: candidate, width: width)
            var line = BrokenLine(range: start..<max(candidate.lineEnd, start), hyphenated: candidate.kind.drawsHyphen,
                                  naturalWidth: Points(natural), width: Points(width), ratio: fills ? ratio : 0,
                                  justified: fills, brokenInWord: candidate.kind == .character,
                                  lastResort: !candidate.kind.isOrdinary)
            if fills {
                let filling = measure.filling(from: start, to: candidate, width: width, settings: settings)
                (line.expansion, line.tracking) = (filling.expansion, Points(filling.tracking))
                (line.leftHang, line.rightHang) = (Points(filling.hang.left), Points(filling.hang.right))
            } else if settings.justify {
                line.leftHang = Points(measure.hang(from: start, to: candidate).left)
            }
            lines.append(line)
            start = candidate.position
        }
        return lines
    }

    /// Whether the word before `end` has at most two letters.
    private static func endsWithShortWord(_ text: BreakableText, at end: Int) -> Bool {
        var start = end
        while start > 0, text.scalars[start - 1].properties.isAlphabetic { start -= 1 }
        return end - start <= 2 && end > start
    }

    private static func lineDemerits(ratio: Double, flagged: Bool, settings: BreakSettings) -> Double {
        // Not capped as TeX caps it at 10 000: when a paragraph needs the last-resort pass, a
        // line stretched four times its allowance must still cost less than one stretched ten.
        // A line with no space to stretch is as bad as can be short of overflowing.
        let badness = ratio.isFinite ? min(100 * pow3(abs(ratio)), 1e6) : 1e6
        var demerits = (settings.linePenalty + badness) * (settings.linePenalty + badness)
        if flagged { demerits += settings.hyphenPenalty * settings.hyphenPenalty }
        return demerits
    }

    private static func pow3(_ value: Double) -> Double { value * value * value }

    /// TeX's four fitness classes: tight, decent, loose, very loose.
    private static func fitnessClass(_ ratio: Double) -> Int {
        if ratio < -0.5 { return 0 }
        if ratio <= 0.5 { return 1 }
        if ratio <= 1 { return 2 }
        return 3
    }
}
