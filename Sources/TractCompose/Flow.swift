import TractCore

/// A block with its style resolved at one copyfit scale, ready to be broken and placed.
struct FlowBlock {
    var block: Block
    var shaped: ShapedText
    /// The block's text ready for breaking, in ems: set at `size` for each try.
    var breakable: BreakableText
    var metrics: FontMetrics
    var style: TextStyle
    var size: Points
    var spaceBefore: Points
    var spaceAfter: Points
    /// The indent of the paragraph's first line.
    var firstIndent: Points
    /// The indent of every line, which leaves room for a bullet.
    var hang: Points
    var keepWhole: Bool
    var keepWithNext: Bool
    /// Whether the text reaches far above and below its line, as Arabic with its marks does:
    /// then a display block is spaced from its neighbours by the font's full height.
    var tallInk: Bool = false

    var lineHeight: Points { size * style.leading }
    /// How far the ink of the block's lines may reach below the baseline.
    var inkDepth: Points { tallInk ? metrics.descent.at(size) : .zero }
    /// How far the ink of the block's lines may reach above the baseline.
    var inkHeight: Points { tallInk ? metrics.ascent.at(size) : capHeight }
    /// Whether the block is a display line (kicker, headline, sub-headline), spaced by its ink.
    var isDisplay: Bool { [.kicker, .headline, .subheadline].contains(block.role) }
    /// From the top of a column to the first baseline: flat capitals touch the top.
    var capHeight: Points { metrics.capHeight.at(size) }
    /// From the last baseline to the bottom of descenders.
    var depth: Points { metrics.descent.at(size) }

    /// The settings to break the block's lines at a width: justified text in a measure under
    /// `justifiedMeasure` ems (a short text grown large, a narrow sidebar) is set ragged, since
    /// its few words a line would open into holes.
    func breakSettings(width: Points) -> BreakSettings {
        BreakSettings(justify: style.alignment == .justify && width >= size * FlowBlock.justifiedMeasure)
    }

    /// About 30 characters: the narrowest measure that is justified.
    static let justifiedMeasure = 14.0
}

/// A column that lines are placed in.
struct Frame {
    var rect: Rect
    /// The box the column belongs to.
    var box: Composer.BoxKey
}

/// One line placed in a frame.
struct Placement {
    var block: Int
    var line: BrokenLine
    var frame: Int
    var baseline: Points
    var isFirstLine: Bool
    /// The line's distance from the frame's left edge before alignment (indent and hang).
    var indent: Points
}

/// The outcome of distributing a flow: the placed lines and, when frames ran out, how much is
/// left over.
struct Distribution {
    var placements: [Placement] = []
    var leftoverLines = 0
    var leftoverHeight: Points = .zero
    /// When everything fits, the height still free: below the last line and in unused frames.
    var slack: Points = .zero
    /// How many times a column too short for what must be kept together had to split it
    /// anyway (leaving a widow, an orphan or a split demand), or a paragraph ran through a
    /// column with room for fewer lines than its orphans and widows together.
    var brokenKeeps = 0
    /// How many placed lines end at a break kept for a word too wide for its line.
    var lastResortLines = 0

    var fits: Bool { leftoverLines == 0 }
}

/// Breaks paragraphs into lines, remembering the results for a given start and width: copyfit
/// and column balancing place the same paragraphs several times.
final class LineCache {
    private struct Key: Hashable {
        var block: Int
        var start: Int
        var firstWidth: Double
        var width: Double
    }

    private var cache: [Key: [BrokenLine]] = [:]
    let breaker: LineBreaker

    init(breaker: LineBreaker) {
        self.breaker = breaker
    }

    /// The lines of `blocks[index]` from character `start` on, the first `firstWidth` wide.
    func lines(_ blocks: [FlowBlock], _ index: Int, from start: Int, firstWidth: Points, width: Points) -> [BrokenLine] {
        let key = Key(block: index, start: start, firstWidth: firstWidth.value, width: width.value)
        if let lines = cache[key] { return lines }
        let flow = blocks[index]
        let lines = breaker.breakLines(flow.breakable.at(flow.size, from: start), settings: flow.breakSettings(width: width)) {
            $0 == 0 ? firstWidth : width
        }
        cache[key] = lines
        return lines
    }
}

/// Places the lines of a flow's blocks in its frames, in order, keeping widows, orphans,
/// whole blocks and blocks that stay with the next one.
struct Distributor {
    var blocks: [FlowBlock]
    var keeps: Keeps
    var cache: LineCache

    func distribute(into frames: [Frame]) -> Distribution {
        var result = Distribution()
        var frameIndex = 0
        var lastBaseline: Points?
        var pendingSpace: Points = .zero
        var blockIndex = 0
        var start = 0

        while blockIndex < blocks.count {
            let block = blocks[blockIndex]
            guard frameIndex < frames.count else {
                let rest = lines(blockIndex, from: start, frame: frames.last)
                result.leftoverLines += rest.count
                result.leftoverHeight = result.leftoverHeight + block.lineHeight * Double(rest.count) + block.spaceBefore
                blockIndex += 1
                start = 0
                continue
            }
            let frame = frames[frameIndex]
            let lines = lines(blockIndex, from: start, frame: frame)
            let baselines = fittingBaselines(block, lines, after: lastBaseline, space: pendingSpace, in: frame,
                                             previousBlock: start == 0 && blockIndex > 0 ? blocks[blockIndex - 1] : nil)
            var count = baselines.count
            let frameIsEmpty = lastBaseline == nil

            if count == lines.count, block.keepWithNext, blockIndex + 1 < blocks.count, !frameIsEmpty,
               !nextFits(after: baselines.last!, blockIndex + 1, frame: frame) {
                count = 0
            } else if count < lines.count {
                count = splitPoint(block, lines: lines, fitting: count, continuing: start > 0,
                                   turnsPage: frameIndex + 1 < frames.count && frames[frameIndex + 1].box.page != frame.box.page)
            }
            if count == 0 && frameIsEmpty {
                // Not even the kept part fits an empty column: split where the column ends.
                count = baselines.count
                if count == 0 {
                    frameIndex += 1
                    continue
                }
                if count < lines.count { result.brokenKeeps += 1 }
            } else if frameIsEmpty, count > 0, count < lines.count, count < keeps.orphans + keeps.widows {
                // A column too short for a paragraph's first and last lines to part in it: the
                // keeps hold, but a stub of a column reads as a broken page.
                result.brokenKeeps += 1
            }
            result.lastResortLines += lines[0..<count].filter(\.lastResort).count
            for offset in 0..<count {
                result.placements.append(Placement(
                    block: blockIndex, line: lines[offset], frame: frameIndex, baseline: baselines[offset],
                    isFirstLine: start == 0 && offset == 0,
                    indent: block.hang + (start == 0 && offset == 0 ? block.firstIndent : .zero)))
            }
            if count == lines.count {
                lastBaseline = count > 0 ? baselines[count - 1] : lastBaseline
                pendingSpace = block.spaceAfter
                blockIndex += 1
                start = 0
            } else {
                start = lines[count].range.lowerBound
                frameIndex += 1
                lastBaseline = nil
                pendingSpace = .zero
            }
        }
        if result.fits, frameIndex < frames.count {
            let used = lastBaseline.map { $0 + blocks[result.placements.last!.block].depth } ?? frames[frameIndex].rect.y
            result.slack = frames[frameIndex].rect.maxY - used
            for frame in frames[(frameIndex + 1)...] { result.slack = result.slack + frame.rect.height }
        }
        return result
    }

    /// The lines of a block from `start`, at the width of a frame.
    private func lines(_ index: Int, from start: Int, frame: Frame?) -> [BrokenLine] {
        let block = blocks[index]
        let width = (frame?.rect.width ?? .zero) - block.hang
        let first = start == 0 ? width - block.firstIndent : width
        return cache.lines(blocks, index, from: start, firstWidth: first, width: width)
    }

    /// The baselines of as many of the lines as fit in the frame, one after the other.
    private func fittingBaselines(_ block: FlowBlock, _ lines: [BrokenLine], after lastBaseline: Points?,
                                  space: Points, in frame: Frame, previousBlock: FlowBlock? = nil) -> [Points] {
        var baselines: [Points] = []
        var previous = lastBaseline
        for index in lines.indices {
            let baseline: Points
            if let previous {
                let gap = index == 0 ? block.spaceBefore + space : .zero
                baseline = previous + block.lineHeight + gap + (index == 0 ? clearance(after: previousBlock, before: block, gap: gap) : .zero)
            } else {
                // A display line's marks must stay inside its box: Arabic's reach above the capitals.
                baseline = frame.rect.y + (block.isDisplay ? block.inkHeight : block.capHeight)
            }
            if baseline + block.depth > frame.rect.maxY + Points(0.001) { break }
            baselines.append(baseline)
            previous = baseline
        }
        return baselines
    }

    /// The space a block's first line needs past the usual leading so that its ink clears the
    /// ink of the display block before it (a headline's Arabic marks and the sub-headline's),
    /// with at least a tenth of the smaller size between them.
    private func clearance(after previous: FlowBlock?, before block: FlowBlock, gap: Points) -> Points {
        guard let previous, previous.isDisplay, previous.tallInk || block.tallInk else { return .zero }
        let needed = previous.inkDepth + max(gap, min(previous.size, block.size) * 0.1) + block.inkHeight
        return max(.zero, needed - block.lineHeight - gap)
    }

    /// How many lines to leave in this frame when only `fitting` of `lines` fit: none when the
    /// block is kept whole or would leave an orphan, fewer when the rest would be a widow.
    /// A word is not broken across a page turn: when the last line before the turn ends with a
    /// hyphen, it goes over with the rest if the widows and orphans allow.
    private func splitPoint(_ block: FlowBlock, lines: [BrokenLine], fitting: Int, continuing: Bool,
                            turnsPage: Bool) -> Int {
        if block.keepWhole { return 0 }
        let orphans = continuing ? 1 : keeps.orphans
        if fitting < orphans { return 0 }
        var count = fitting
        if lines.count - count < keeps.widows { count = lines.count - keeps.widows }
        if turnsPage, count > orphans, count > 0, lines[count - 1].hyphenated { count -= 1 }
        return count >= orphans ? count : 0
    }

    /// Whether the first lines of the next block (all of it when it is kept whole) fit after a
    /// baseline in the same frame.
    private func nextFits(after baseline: Points, _ index: Int, frame: Frame) -> Bool {
        let next = blocks[index]
        let nextLines = lines(index, from: 0, frame: frame)
        let needed = next.keepWhole ? nextLines.count : min(keeps.orphans, nextLines.count)
        let placed = fittingBaselines(next, Array(nextLines.prefix(needed)), after: baseline,
                                      space: blocks[index - 1].spaceAfter, in: frame, previousBlock: blocks[index - 1])
        return placed.count == needed
    }

    /// The height the blocks take in one column of unlimited height: from the column's top to
    /// the lowest descender of any line (a large headline's reach lower than a small line's
    /// after it).
    func naturalHeight(width: Points) -> Points {
        let frame = Frame(rect: Rect(x: .zero, y: .zero, width: width, height: Points(1e9)),
                          box: Composer.BoxKey(page: 0, name: ""))
        return distribute(into: [frame]).placements.reduce(Points.zero) { deepest, placement in
            max(deepest, placement.baseline + blocks[placement.block].depth)
        }
    }

    /// The least column height at which the blocks fit `count` columns of a width: one column's
    /// natural height, or a balanced height found by halving for several.
    func naturalHeight(width: Points, columns count: Int, gutter: Points) -> Points {
        let single = naturalHeight(width: width)
        guard count > 1 else { return single }
        func frames(_ height: Points) -> [Frame] {
            (0..<count).map { column in
                Frame(rect: Rect(x: (width + gutter) * Double(column), y: .zero, width: width, height: height),
                      box: Composer.BoxKey(page: 0, name: ""))
            }
        }
        var low = Points.zero
        var high = single
        while high - low > Points(0.5) {
            let middle = (low + high) / 2
            if distribute(into: frames(middle)).fits { high = middle } else { low = middle }
        }
        return high
    }
}
