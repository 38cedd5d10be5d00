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
    var isDisplay: Bool { block.role.traits.isDisplay }
    /// From the top of a column to the first baseline: flat capitals touch the top.
    var capHeight: Points { metrics.capHeight.at(size) }
    /// From the last baseline to the bottom of descenders.
    var depth: Points { metrics.descent.at(size) }

    /// The settings to break the block's lines at a width: justified text in a measure under
    /// `justifiedMeasure` ems (a short text grown large, a narrow sidebar) is set ragged, since
    /// its few words a line would open into holes.
    func breakSettings(width: Points) -> BreakSettings {
        var settings = BreakSettings(justify: style.alignment == .justify && width >= size * FlowBlock.justifiedMeasure)
        // Display lines set their own spacing: only their word spaces give.
        settings.apply(isDisplay ? .spacesOnly : style.justification)
        return settings
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
    /// How many placed lines are wider than their column.
    var overfullLines = 0

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
        var cursor = Cursor()
        while cursor.block < blocks.count {
            if cursor.frame < frames.count {
                placeLines(in: frames, at: &cursor, into: &result)
            } else {
                leaveOver(at: &cursor, frame: frames.last, into: &result)
            }
        }
        if result.fits, cursor.frame < frames.count {
            result.slack = slack(in: frames, after: cursor, lastPlaced: result.placements.last)
        }
        return result
    }

    /// How far distributing has got: the block and the character its next line starts at, the
    /// frame, the last baseline placed in it and the space owed before the next block.
    private struct Cursor {
        var block = 0
        /// The character of the block that its next line starts at: past 0 when the block runs
        /// on from the frame before.
        var start = 0
        var frame = 0
        /// The last baseline placed in the frame; nil while the frame is empty.
        var lastBaseline: Points?
        /// The space after the block placed last, owed before the next one.
        var pendingSpace: Points = .zero

        /// Moves on to the next block in the same frame, when all of this one is placed.
        mutating func finishBlock(lastBaseline baseline: Points?, spaceAfter: Points) {
            lastBaseline = baseline
            pendingSpace = spaceAfter
            block += 1
            start = 0
        }

        /// Moves on to the next frame, where the block goes on from character `next`.
        mutating func turnFrame(continuingAt next: Int) {
            start = next
            frame += 1
            lastBaseline = nil
            pendingSpace = .zero
        }
    }

    /// Places as many lines of the cursor's block as its frame holds and the keeps allow, then
    /// moves the cursor on: to the next block when all of its lines are placed, else to the
    /// next frame.
    private func placeLines(in frames: [Frame], at cursor: inout Cursor, into result: inout Distribution) {
        let block = blocks[cursor.block]
        let frame = frames[cursor.frame]
        let lines = lines(cursor.block, from: cursor.start, frame: frame)
        let baselines = fittingBaselines(block, lines, after: cursor.lastBaseline, space: cursor.pendingSpace, in: frame,
                                         previousBlock: cursor.start == 0 && cursor.block > 0 ? blocks[cursor.block - 1] : nil)
        guard let count = linesToLeave(of: lines, fitting: baselines, at: cursor, in: frames, brokenKeeps: &result.brokenKeeps) else {
            cursor.frame += 1
            return
        }
        record(lines, count: count, at: baselines, cursor: cursor, into: &result)
        if count == lines.count {
            cursor.finishBlock(lastBaseline: count > 0 ? baselines[count - 1] : cursor.lastBaseline, spaceAfter: block.spaceAfter)
        } else {
            cursor.turnFrame(continuingAt: lines[count].range.lowerBound)
        }
    }

    /// How many of a block's lines to leave in the cursor's frame, where `baselines` are those
    /// of the lines that fit: none when the block must go with the next one and the next does
    /// not fit, fewer for the keeps; in an empty column that cannot hold even the kept part, all
    /// that fit, counted as a broken keep. Nil when the empty column holds none of them: it is
    /// passed over.
    private func linesToLeave(of lines: [BrokenLine], fitting baselines: [Points], at cursor: Cursor, in frames: [Frame],
                              brokenKeeps: inout Int) -> Int? {
        let block = blocks[cursor.block]
        let frame = frames[cursor.frame]
        var count = baselines.count
        let frameIsEmpty = cursor.lastBaseline == nil

        if count == lines.count, block.keepWithNext, cursor.block + 1 < blocks.count, !frameIsEmpty,
           !nextFits(after: baselines.last!, cursor.block + 1, frame: frame) {
            count = 0
        } else if count < lines.count {
            count = splitPoint(block, lines: lines, fitting: count, continuing: cursor.start > 0,
                               turnsPage: cursor.frame + 1 < frames.count && frames[cursor.frame + 1].box.page != frame.box.page)
        }
        if count == 0 && frameIsEmpty {
            // Not even the kept part fits an empty column: split where the column ends.
            count = baselines.count
            if count == 0 { return nil }
            if count < lines.count { brokenKeeps += 1 }
        } else if frameIsEmpty, count > 0, count < lines.count, count < keeps.orphans + keeps.widows {
            // A column too short for a paragraph's first and last lines to part in it: the
            // keeps hold, but a stub of a column reads as a broken page.
            brokenKeeps += 1
        }
        return count
    }

    /// Records the placement of the first `count` lines of the cursor's block at their
    /// baselines, and how many of them end at a last-resort break.
    private func record(_ lines: [BrokenLine], count: Int, at baselines: [Points], cursor: Cursor,
                        into result: inout Distribution) {
        let block = blocks[cursor.block]
        let start = cursor.start
        result.lastResortLines += lines[0..<count].filter(\.lastResort).count
        result.overfullLines += lines[0..<count].filter(\.isOverfull).count
        for offset in 0..<count {
            result.placements.append(Placement(
                block: cursor.block, line: lines[offset], frame: cursor.frame, baseline: baselines[offset],
                isFirstLine: start == 0 && offset == 0,
                indent: block.hang + (start == 0 && offset == 0 ? block.firstIndent : .zero)))
        }
    }

    /// Counts the lines of the cursor's block as left over, broken at the width of `frame` (the
    /// last one), when the frames have run out, and moves on to the next block.
    private func leaveOver(at cursor: inout Cursor, frame: Frame?, into result: inout Distribution) {
        let block = blocks[cursor.block]
        let rest = lines(cursor.block, from: cursor.start, frame: frame)
        result.leftoverLines += rest.count
        result.leftoverHeight = result.leftoverHeight + block.lineHeight * Double(rest.count) + block.spaceBefore
        cursor.block += 1
        cursor.start = 0
    }

    /// When everything fits, the height still free: below the last line in the cursor's frame,
    /// and all of the frames after it.
    private func slack(in frames: [Frame], after cursor: Cursor, lastPlaced: Placement?) -> Points {
        let used = cursor.lastBaseline.map { $0 + blocks[lastPlaced!.block].depth } ?? frames[cursor.frame].rect.y
        var slack = frames[cursor.frame].rect.maxY - used
        for frame in frames[(cursor.frame + 1)...] { slack = slack + frame.rect.height }
        return slack
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
        // Bounded: a search ends even when its ends are not numbers.
        for _ in 0..<searchSteps where high - low > Points(0.5) {
            let middle = (low + high) / 2
            if distribute(into: frames(middle)).fits { high = middle } else { low = middle }
        }
        return high
    }
}
