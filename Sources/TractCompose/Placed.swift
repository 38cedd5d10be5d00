import TractCore

extension Composer {
    /// Checks, before anything is drawn, that every character of every block has its place on
    /// a page, inside its frame, at a place that is a number. Whatever let a composition lose
    /// text, it is an error that says what was lost, never a PDF without it.
    func checkEveryCharacterPlaced(_ attempt: Attempt, blocks: Int) throws(Diagnostic) {
        var seen = 0
        for flow in attempt.flows {
            seen += flow.blocks.count
            var covered = flow.blocks.map { [Bool](repeating: false, count: $0.block.text.count) }
            for placement in flow.placements {
                let block = flow.blocks[placement.block]
                let frame = flow.frames[placement.frame].rect
                let line = placement.line
                let lineStart = block.block.location(ofCharacter: line.range.lowerBound)
                guard placement.baseline.value.isFinite, placement.indent.value.isFinite, line.naturalWidth.value.isFinite,
                      frame.x.value.isFinite, frame.width.value.isFinite else {
                    throw lost(block, at: lineStart, "was given no place on the page")
                }
                // The frame across the page (down it, frames that run out leave lines over, which
                // copyfitting counts).
                guard frame.x >= Points(-0.5), frame.maxX <= layout.pageSize.width + Points(0.5) else {
                    throw lost(block, at: lineStart, "was placed outside the page")
                }
                if line.isOverfull {
                    throw lost(block, at: lineStart, "does not fit the width of its box",
                               hint: "a word is wider than the box at the smallest size: shorten it, or break it with a hyphen")
                }
                for index in line.range where index < covered[placement.block].count { covered[placement.block][index] = true }
            }
            for (index, block) in flow.blocks.enumerated() {
                let scalars = block.block.text.scalars
                // A line leaves out the spaces at its break, soft hyphens and invisible marks.
                if let missing = scalars.indices.first(where: { !covered[index][$0] && !scalars[$0].printsNothing }) {
                    throw lost(block, at: block.block.location(ofCharacter: missing), "was not placed on any page")
                }
            }
        }
        guard seen >= blocks else {
            throw .error("\(blocks - seen) blocks of the text have no box", hint: Composer.bugHint)
        }
    }

    static let bugHint = "this is a mistake in tract, not in your text: please report it with the source and the layout"

    private func lost(_ block: FlowBlock, at location: SourceLocation, _ what: String, hint: String = Composer.bugHint) -> Diagnostic {
        let words = block.block.text.string.split(separator: " ").prefix(6).joined(separator: " ")
        return .error(at: location, "text of the \(block.block.role) “\(words)…” \(what)", hint: hint)
    }
}
