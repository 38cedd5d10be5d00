import TractCore

/// Filling the page: once the body has reached its largest size with room left, the room goes
/// to the body, the headline, each flow alone and the spacing, in the layout's order, each as
/// far as it can go before the text no longer fits.
extension Composer {
    /// The try that fills the page best, from the copyfitted one. A text copyfitted below the
    /// body's largest size was held back by one of its flows: the body and the spacing stay as
    /// they are, the headline grows up to its largest size, and the other flows (a body column
    /// beside a full sidebar) alone, up to the body's ceiling.
    func fill(_ measured: [Measured], from fitted: Attempt) -> Attempt {
        let largest = layout.bodyFit.maxSize / layout.style(.body).size
        let long = fitted.fit.scale < largest - 1e-9
        var best = fitted
        for stage in layout.filling.order where !long || stage == .headline || stage == .flows {
            switch stage {
            case .headline:
                let fit = layout.headlineFit
                let (size, lines) = long ? (fit.maxSize, fit.maxLines) : (fit.growSize, fit.growLines)
                guard size > best.fit.headline || lines > fit.maxLines else { continue }
                // The largest size the headline's words allow in its box, in the lines it may grow to.
                let widest = fitHeadline(measured, maxSize: max(size, best.fit.headline), maxLines: lines)
                best = grow(measured, best, from: best.fit.headline.value, to: widest.value, precision: 0.5) { fit, size in
                    fit.headline = Points(size)
                }
                if best.fit.headline < widest - Points(0.5) { best = widened(measured, best, lines: lines) }
            case .body:
                let ceiling = layout.bodyFit.growSize / layout.style(.body).size
                best = grow(measured, best, from: best.fit.scale, to: ceiling, precision: 0.004) { fit, scale in
                    fit.scale = scale
                }
            case .flows:
                // A flow that still leaves room in boxes of its own (a sidebar beside the body)
                // grows alone, up to the body's ceiling; the sub-headline follows the body.
                let ceiling = layout.bodyFit.growSize / layout.style(.body).size
                let chains = chains(pages: best.fit.pages)
                for index in chains.indices where chains[index][0].spec.height != .content {
                    let current = best.fit.scale * (best.fit.flowScale[index] ?? 1)
                    // A flow with less than a line of room left has nothing to grow into.
                    let flow = best.flows[index]
                    guard ceiling > current + 0.004, let first = flow.blocks.first, flow.slack > first.lineHeight else { continue }
                    best = grow(measured, best, from: best.fit.flowScale[index] ?? 1, to: ceiling / best.fit.scale, precision: 0.004) { fit, extra in
                        fit.flowScale[index] = extra
                    }
                }
            case .spacing:
                best = grow(measured, best, from: best.fit.spacing, to: layout.filling.maxSpacing, precision: 0.02) {
                    fit, spacing in fit.spacing = spacing
                }
            }
        }
        return best
    }

    /// A headline that the page's height stopped short of its box's width, in the fewest lines
    /// that cost it at most 15 % of its size: short words (an Arabic call of four words) then
    /// run the width of their box in two lines rather than leave a bare band beside three.
    private func widened(_ measured: [Measured], _ start: Attempt, lines most: Int) -> Attempt {
        for lines in 1..<most {
            let size = fitHeadline(measured, maxSize: start.fit.headline, maxLines: lines)
            // Already in this many lines: fewer would cost more than the threshold.
            if size >= start.fit.headline { return start }
            guard size >= start.fit.headline * 0.85 else { continue }
            var fit = start.fit
            fit.headline = size
            let candidate = place(measured, fit, balance: false)
            return candidate.holds(against: start) ? candidate : start
        }
        return start
    }

    /// The try with the largest value of one setting, between the one `start` has (which fits)
    /// and `end`, at which the text still fits without breaking more keeps or more words too
    /// wide for their line than `start` does (growing never squeezes a column to a line and a
    /// widow, nor sets a sidebar so large that its words must be broken); found by halving, so
    /// a search costs about log2(range / precision) tries.
    private func grow(_ measured: [Measured], _ start: Attempt, from low: Double, to high: Double, precision: Double,
                      _ set: (inout Fit, Double) -> Void) -> Attempt {
        guard high > low + precision else { return start }
        func attempt(_ value: Double) -> Attempt {
            var fit = start.fit
            set(&fit, value)
            return place(measured, fit, balance: false)
        }
        let widest = attempt(high)
        if widest.holds(against: start) { return widest }
        // Most settings that cannot go all the way cannot move at all (the flow that holds the
        // others back): one small step tells, before halving.
        let step = attempt(min(low + precision * 4, high))
        guard step.holds(against: start) else { return start }
        var low = min(low + precision * 4, high)
        var high = high
        var best = step
        // Bounded: a search ends even when its ends are not numbers.
        for _ in 0..<searchSteps where high - low > precision {
            let middle = (low + high) / 2
            let candidate = attempt(middle)
            if candidate.holds(against: start) {
                low = middle
                best = candidate
            } else {
                high = middle
            }
        }
        return best
    }

    /// A warning for each word that was wider than its line and had to be broken between two
    /// of its letters, naming it.
    func brokenWordWarnings(_ attempt: Attempt) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        var seen = Set<String>()
        for flow in attempt.flows {
            for placement in flow.placements where placement.line.brokenInWord {
                let block = flow.blocks[placement.block]
                let scalars = block.block.text.scalars
                var start = placement.line.range.upperBound
                while start > 0, !scalars[start - 1].properties.isWhitespace { start -= 1 }
                var end = placement.line.range.upperBound
                while end < scalars.count, !scalars[end].properties.isWhitespace { end += 1 }
                let word = String(String.UnicodeScalarView(scalars[start..<end].filter { $0 != "\u{00AD}" }))
                guard seen.insert(word).inserted else { continue }
                let box = flow.frames[placement.frame].box.name
                warnings.append(.warning(at: block.block.location,
                    "'\(word)' is wider than a line of box '\(box)' and was broken between two letters",
                    hint: "give the box more width, or shorten the word (a long address can often lose its https://)"))
            }
        }
        return warnings
    }
}

extension Composer.Attempt {
    /// Whether a grown try may replace the one it grew from: it fits, and breaks no more keeps,
    /// no more words too wide for their line and sets no more lines past their column's edge
    /// (growing never squeezes a column to a line and a widow, nor sets a sidebar so large that
    /// its words must be broken or stick out).
    func holds(against start: Composer.Attempt) -> Bool {
        fits && brokenKeeps <= start.brokenKeeps && lastResortLines <= start.lastResortLines
            && overfullLines <= start.overfullLines
    }
}
