import TractCore

/// The compose stage: measures the prepared blocks once, sizes the headline to its box,
/// copyfits the body, then places every line on the page.
/// The most steps any search for a size or a height takes: far more than halving the widest
/// range down to its precision needs, so that a search ends even if its ends are not numbers.
let searchSteps = 200

public struct Composer {
    public var layout: Layout
    public var shaper: any TextShaper
    public var breaker: any LineBreaker

    public init(layout: Layout, shaper: any TextShaper, breaker: any LineBreaker = KnuthPlassBreaker()) {
        self.layout = layout
        self.shaper = shaper
        self.breaker = breaker
    }

    /// Composes a leaflet whose blocks have been prepared; `info` goes to the PDF's metadata.
    ///
    /// Every block is shaped once; the tries that follow only break and place lines. A text
    /// too long for the page at the body's smallest size is an error; a short one has its room
    /// given to the headline, the body and the spacing, in the layout's order (`fill`).
    public func compose(_ leaflet: Leaflet, info: DocumentInfo) throws(Diagnostic) -> ComposedDocument {
        let measured = measure(leaflet)
        let fitted = fill(measured, from: try fit(measured))
        // The lines broken while fitting are reused: placing again only balances the columns.
        var attempt = place(measured, fitted.fit, balance: layout.keeps.balanceColumns, caches: fitted.caches)
        centreContent(&attempt)
        try checkEveryCharacterPlaced(attempt, blocks: measured.count)
        var pages = pages(attempt)
        for index in pages.indices {
            pages[index].elements += pictures(onPage: index, of: leaflet, rects: attempt.rects)
        }
        // The body's own size: its flow may have grown alone past the common scale.
        let bodyChain = chains(pages: fitted.fit.pages).firstIndex { $0[0].spec.flows.contains(.body) }
        let bodyScale = fitted.fit.scale * (bodyChain.flatMap { fitted.fit.flowScale[$0] } ?? 1)
        var document = ComposedDocument(pages: pages, info: info,
                                        bodySize: layout.style(.body).size * bodyScale,
                                        headlineSize: fitted.fit.headline, scale: fitted.fit.scale,
                                        print: layout.print, imposition: layout.imposition, layoutName: layout.name)
        document.warnings = brokenWordWarnings(attempt)
        return document
    }

    // MARK: Pictures

    /// The logo and QR code of a page's boxes that show them, when the leaflet has a logo and a
    /// web address; a QR code's address is written under it, in the contact style, shrunk to
    /// the box's width if need be.
    func pictures(onPage page: Int, of leaflet: Leaflet, rects: [BoxKey: Rect]) -> [PageElement] {
        var elements: [PageElement] = []
        for box in layout.template(forPage: page).boxes {
            guard let shows = box.shows, let rect = rects[BoxKey(page: page, name: box.name)] else { continue }
            let frame = rect.inset(by: box.padding)
            switch shows {
            case .logo:
                if let logo = leaflet.logo { elements.append(.picture(PlacedPicture(kind: .logo(path: logo), frame: frame))) }
            case .photo:
                guard let photo = leaflet.photo else { continue }
                let kind = PlacedPicture.Kind.photo(path: photo.path, fit: box.fit, focus: photo.focus ?? box.focus)
                elements.append(.picture(PlacedPicture(kind: kind, frame: frame)))
            case .qrCode:
                guard let url = leaflet.url else { continue }
                elements += qrCode(url, in: frame)
            }
        }
        return elements
    }

    private func qrCode(_ url: String, in frame: Rect) -> [PageElement] {
        let style = layout.style(.contact)
        // The address as a reader types it: without the scheme.
        var shown = url
        for scheme in ["https://", "http://"] where shown.hasPrefix(scheme) { shown.removeFirst(scheme.count) }
        let text = StyledText(shown)
        let shaped = shaper.shape(text, font: style.font, letterSpacing: style.letterSpacing, direction: .leftToRight)
        let ems = shaped.advances.reduce(0) { $0 + $1.value }
        let size = ems * style.size.value > frame.width.value ? Points(frame.width.value / ems) : style.size
        let width = Points(ems * size.value)
        let metrics = shaper.metrics(style.font)
        let captionHeight = size * (metrics.ascent.value + metrics.descent.value)
        let side = max(.zero, min(frame.width, frame.height - captionHeight - .mm(1)))
        let code = Rect(x: frame.x + (frame.width - side) / 2, y: frame.y, width: side, height: side)
        let caption = PlacedText(
            origin: Point(x: frame.x + (frame.width - width) / 2, y: code.y + side + .mm(1) + size * metrics.ascent.value),
            width: width, text: text, font: style.font, size: size, letterSpacing: style.letterSpacing, color: style.color,
            justified: false, naturalWidth: width, role: .contact, link: url)
        return [.picture(PlacedPicture(kind: .qrCode(text: url), frame: code, link: url)), .text(caption)]
    }

    // MARK: Measuring

    /// A block shaped once, at 1 em, in its role's font.
    struct Measured {
        var block: Block
        var shaped: ShapedText
        var metrics: FontMetrics
        /// The text ready for line breaking at any size.
        var breakable: BreakableText
        /// Whether the text is in a script whose marks reach above and below its letters.
        var tallInk: Bool
    }

    func measure(_ leaflet: Leaflet) -> [Measured] {
        leaflet.blocks.map { block in
            let style = layout.style(block.role)
            let shaped = shaper.shape(block.text, font: style.font, letterSpacing: style.letterSpacing,
                                      direction: layout.direction)
            return Measured(block: block, shaped: shaped, metrics: shaper.metrics(style.font),
                            breakable: BreakableText(block.text.scalars, shaped: shaped, size: Points(1),
                                                     emergencyBreaks: block.emergencyBreaks,
                                                     discouraged: Set(block.text.styles.indices.filter { block.text.styles[$0].contains(.discouragedBreak) })),
                            tallInk: block.text.scalars.contains { $0.isArabic })
        }
    }

    // MARK: Fitting

    /// The sizes and spaces of one try.
    struct Fit {
        var headline: Points
        /// The copyfit scale of the body roles, 1 at the body style's size.
        var scale: Double
        /// What the space between blocks and the gaps between boxes are multiplied by.
        var spacing: Double = 1
        /// The pages the text may take: 1, up to the layout's most.
        var pages: Int
        /// For flows that grow on their own to fill their boxes, by the index of their chain:
        /// what their sizes are multiplied by, past the common fit.
        var flowScale: [Int: Double] = [:]
    }

    /// The headline sized to its box, then the body copyfitted, on the front alone when it fits
    /// there: a recto-verso leaflet uses its back only for what the front cannot hold.
    func fit(_ measured: [Measured]) throws(Diagnostic) -> Attempt {
        let headline = fitHeadline(measured)
        // The front alone, when the text fits there at the body's smallest size.
        let smallest = layout.bodyFit.minSize / layout.style(.body).size
        if layout.maxPages > 1, place(measured, Fit(headline: headline, scale: smallest, pages: 1), balance: false).fits,
           let front = try? copyfit(measured, headlineSize: headline, pages: 1) {
            return front
        }
        do {
            return try copyfit(measured, headlineSize: headline, pages: layout.maxPages)
        } catch {
            // A long text: the headline gives up room, down to its smallest size, before the
            // text is called too long.
            return try copyfit(measured, headlineSize: smallerHeadline(measured, from: headline), pages: layout.maxPages)
        }
    }

    /// The largest headline size, from the layout's smallest to `size`, at which the body fits at
    /// its smallest; the smallest when none does.
    private func smallerHeadline(_ measured: [Measured], from size: Points) -> Points {
        let smallest = layout.bodyFit.minSize / layout.style(.body).size
        func fits(_ headline: Points) -> Bool {
            place(measured, Fit(headline: headline, scale: smallest, pages: layout.maxPages), balance: false).fits
        }
        var low = layout.headlineFit.minSize
        var high = size
        guard low < high, fits(low) else { return low }
        // Bounded: a search ends even when its ends are not numbers.
        for _ in 0..<searchSteps where high - low > Points(0.5) {
            let middle = (low + high) / 2
            if fits(middle) { low = middle } else { high = middle }
        }
        return low
    }

    /// The largest headline size, between the layout's minimum and `maxSize`, at which the
    /// headline fits its box's width in at most `maxLines` lines (by default, the layout's).
    func fitHeadline(_ measured: [Measured], maxSize: Points? = nil, maxLines: Int? = nil) -> Points {
        let fit = layout.headlineFit
        let maxSize = maxSize ?? fit.maxSize
        let maxLines = maxLines ?? fit.maxLines
        guard let headline = measured.firstIndex(where: { $0.block.role == .headline }),
              let box = layout.boxes(for: .headline).first else { return maxSize }
        let width = box.width - box.padding.left - box.padding.right
        let style = layout.style(.headline)
        let unit = measured[headline].breakable
        var widest = Points.zero
        var start = 0
        for candidate in unit.candidates {
            widest = max(widest, unit.lineWidth(from: start, to: candidate))
            start = candidate.position
        }
        func fits(_ size: Points) -> Bool {
            // A word wider than the box cannot fit, however the lines are broken.
            if widest * size.value > width { return false }
            let text = unit.at(size)
            let lines = breaker.breakLines(text, settings: BreakSettings(justify: style.alignment == .justify)) { _ in width }
            return lines.count <= maxLines && lines.allSatisfy { $0.naturalWidth <= width + Points(0.01) }
        }
        if fits(maxSize) { return maxSize }
        var low = fit.minSize
        var high = maxSize
        // Bounded: a search ends even when its ends are not numbers.
        for _ in 0..<searchSteps where high - low > Points(0.05) {
            let middle = (low + high) / 2
            if fits(middle) { low = middle } else { high = middle }
        }
        return low
    }

    /// The largest body scale, between the layout's minimum and maximum body sizes, at which
    /// everything fits `pages` pages. Shaping is not repeated: each try only breaks and places
    /// lines. A scale at which a column is too short to keep a paragraph's widows and orphans
    /// (or a demand whole) counts as not fitting, unless even the smallest size has one; so
    /// does a scale at which a word with no break sticks out of its column.
    func copyfit(_ measured: [Measured], headlineSize: Points, pages: Int, keepingKeeps: Bool = true,
                 keepingWidths: Bool = true) throws(Diagnostic) -> Attempt {
        let tries = Copyfitting(composer: self, measured: measured, headline: headlineSize, pages: pages,
                                keepingKeeps: keepingKeeps, keepingWidths: keepingWidths)
        let bodySize = layout.style(.body).size
        let low = layout.bodyFit.minSize / bodySize
        let high = layout.bodyFit.maxSize / bodySize
        let largest = tries.place(high)
        if tries.fits(largest) { return largest }
        let guess = Composer.firstGuess(below: largest, low: low, high: high)
        let guessed = tries.place(guess)
        var bracket: Bracket
        if tries.fits(guessed) {
            bracket = Bracket(low: guess, lowExcess: guessed.excess.value, high: high, highExcess: largest.excess.value,
                              best: guessed)
        } else {
            let smallest = tries.place(low)
            guard tries.fits(smallest) else {
                if smallest.fits {
                    // What even the smallest size cannot hold is no longer asked of the others.
                    return try copyfit(measured, headlineSize: headlineSize, pages: pages,
                                       keepingKeeps: keepingKeeps && smallest.brokenKeeps == 0,
                                       keepingWidths: keepingWidths && smallest.overfullLines == 0)
                }
                throw overflowError(smallest)
            }
            bracket = Bracket(low: low, lowExcess: smallest.excess.value, high: guess, highExcess: guessed.excess.value,
                              best: smallest)
        }
        return tries.narrowed(bracket)
    }

    /// The scale to try first when the largest does not fit, from how much room it misses.
    private static func firstGuess(below largest: Attempt, low: Double, high: Double) -> Double {
        // Text takes room as the square of its size (lines get longer and taller), so the
        // missing height gives a first guess.
        let fill = (largest.flowHeight + largest.excess) / largest.flowHeight
        // When the boxes have no room at all the ratio means nothing: start from the middle.
        return fill.isFinite && fill > 1 ? min(max(high / fill.squareRoot(), low), high) : (low + high) / 2
    }

    /// What the tries of one copyfit share: the blocks, the headline's size, the pages, and
    /// whether a try that splits a kept block counts as fitting.
    private struct Copyfitting {
        let composer: Composer
        let measured: [Measured]
        let headline: Points
        let pages: Int
        let keepingKeeps: Bool
        let keepingWidths: Bool

        /// Everything placed at a body scale, the columns not balanced.
        func place(_ scale: Double) -> Attempt {
            composer.place(measured, Fit(headline: headline, scale: scale, pages: pages), balance: false)
        }

        /// Whether a try fits, with its keeps held when they must be.
        func fits(_ attempt: Attempt) -> Bool {
            attempt.fits && (!keepingKeeps || attempt.brokenKeeps == 0) && (!keepingWidths || attempt.overfullLines == 0)
        }

        /// The try at the largest scale that fits, found by narrowing a bracket. The search ends
        /// when the scale is known to a twenty-fifth of a point of body size.
        func narrowed(_ bracket: Bracket) -> Attempt {
            var bracket = bracket
            // Bounded: a search ends even when its ends are not numbers.
            for _ in 0..<searchSteps where bracket.high - bracket.low > 0.004 {
                let middle = bracket.next
                let attempt = place(middle)
                bracket.move(to: middle, attempt, fits: fits(attempt))
            }
            return bracket.best
        }
    }

    /// A body scale that fits and a larger one that does not, each with how much room it
    /// leaves free (negative) or misses.
    private struct Bracket {
        var low: Double
        var lowExcess: Double
        var high: Double
        var highExcess: Double
        /// The try at `low`.
        var best: Attempt
        /// True when the end that fits moved last.
        var lastMoved: Bool?

        /// The scale to try next. A wide bracket is narrowed by interpolating on how much room
        /// is left or missing (regula falsi); a narrow one is halved, since there the room jumps
        /// by whole lines and interpolation crawls.
        var next: Double {
            var middle = (low + high) / 2
            if high - low > 0.02, highExcess > lowExcess {
                let interpolated = low + (high - low) * (-lowExcess / (highExcess - lowExcess))
                // Kept a little inside the bracket, so each try takes at least a tenth of it.
                let margin = (high - low) * 0.1
                middle = min(max(interpolated, low + margin), high - margin)
            }
            return middle
        }

        /// Moves one end to a scale that was tried: the low end when the try fits, the high one
        /// when it does not. When the same end moves twice in a row, the other end's excess is
        /// halved (the Illinois rule), so that a far end does not hold the interpolation back to
        /// small steps.
        mutating func move(to scale: Double, _ attempt: Attempt, fits: Bool) {
            if fits {
                low = scale
                lowExcess = attempt.excess.value
                best = attempt
                if lastMoved == true { highExcess /= 2 }
                lastMoved = true
            } else {
                high = scale
                highExcess = attempt.excess.value
                if lastMoved == false { lowExcess /= 2 }
                lastMoved = false
            }
        }
    }

    /// The narrowest column, in ems of its text, that a box choosing its columns sets justified
    /// text in: about 35 characters.
    static let narrowestColumn = 16.0

    /// How the error for a text too long for its layout begins.
    public static let tooLong = "the text does not fit"

    private func overflowError(_ attempt: Attempt) -> Diagnostic {
        let minimum = layout.bodyFit.minSize
        let pages = layout.maxPages == 1 ? "the page" : "the \(layout.maxPages) pages"
        let what: String
        if attempt.leftoverLines > 0 {
            let millimetres = Int(attempt.leftoverHeight.millimetres.rounded(.up))
            let lines = "\(attempt.leftoverLines) line\(attempt.leftoverLines == 1 ? "" : "s") (about \(millimetres) mm)"
            what = "\(lines) of \(attempt.overflowing.joined(separator: ", ")) are left over"
        } else {
            let millimetres = Int((-attempt.shortfall).millimetres.rounded(.up))
            what = "\(attempt.cramped ?? "the boxes") by about \(millimetres) mm"
        }
        return .error("\(Composer.tooLong) \(pages) even with the body at its minimum size (\(minimum)): \(what)",
                      hint: "shorten the text, or choose a layout with more room")
    }

    // MARK: Placing

    /// Everything placed at one scale, with what did not fit.
    struct Attempt {
        init(fit: Fit) {
            self.fit = fit
        }

        var rects: [BoxKey: Rect] = [:]
        var flows: [PlacedFlow] = []
        var leftoverLines = 0
        var leftoverHeight: Points = .zero
        /// Negative when the boxes' geometry is impossible at this scale: a box with no height,
        /// or boxes sized to their content grown into their neighbours.
        var shortfall: Points = .zero
        /// What the shortfall is about, in words: `box 'body' has no room`.
        var cramped: String?
        /// The flows that have lines left over, named by their roles.
        var overflowing: [String] = []
        /// How many blocks a column too short for them split against the keeps.
        var brokenKeeps = 0
        /// How many lines end inside a word too wide for its line.
        var lastResortLines = 0
        /// How many lines are wider than their column: a word with no break too wide for it.
        var overfullLines = 0

        /// The room left free in the flowed boxes.
        var slack: Points = .zero
        /// The height of the flowed boxes' columns, all together.
        var flowHeight: Points = .zero
        /// The sizes and spaces of this try.
        var fit: Fit
        /// The columns of the boxes that choose theirs by their text's length.
        var columns: [BoxKey: Int] = [:]
        /// The lines broken for each flow, to place them again at the same scale.
        var caches: [LineCache] = []

        var fits: Bool { leftoverLines == 0 && shortfall >= .zero }

        /// How much height is missing (positive) or left free (negative), for copyfitting to
        /// interpolate on.
        var excess: Points { fits ? -slack : leftoverHeight - shortfall }
    }

    /// One flow's blocks, the frames they went into and where each line landed.
    struct PlacedFlow {
        var blocks: [FlowBlock]
        var frames: [Frame]
        var placements: [Placement]
        /// The room the flow left free in its frames.
        var slack: Points
    }

    /// A box on a given page, counting pages from 0.
    struct BoxKey: Hashable {
        var page: Int
        var name: String
    }

    /// A box of a page template, placed on one page.
    struct BoxInstance {
        var page: Int
        var spec: BoxSpec
        var key: BoxKey { BoxKey(page: page, name: spec.name) }
    }

    /// The boxes that share a list of roles, on the first `pages` pages, in order: a flow
    /// continues from one to the next, from the first page to the back.
    func chains(pages: Int) -> [[BoxInstance]] {
        var chains: [[BoxInstance]] = []
        for page in 0..<pages {
            for box in layout.template(forPage: page).boxes {
                let instance = BoxInstance(page: page, spec: box)
                if let index = chains.firstIndex(where: { $0[0].spec.flows == box.flows }) {
                    chains[index].append(instance)
                } else {
                    chains.append([instance])
                }
            }
        }
        return chains
    }

    /// The box of a chain that a flow sized to its content goes into: the first, unless a flow
    /// that comes before it in reading order runs on to the last page in use; then its box on
    /// that page, so that on a recto-verso leaflet the demands follow the body onto the back
    /// while the headline stays on the front.
    private func contentBox(of chain: [BoxInstance], among chains: [[BoxInstance]]) -> BoxInstance {
        guard let last = chain.last, last.page > 0, last.page == chains.flatMap({ $0.map(\.page) }).max() else { return chain[0] }
        func order(_ chain: [BoxInstance]) -> Int { chain[0].spec.flows.compactMap { Role.allCases.firstIndex(of: $0) }.min() ?? 0 }
        let followsText = chains.contains { other in
            other[0].spec.height != .content && order(other) < order(chain) && other.contains { $0.page == last.page }
        }
        return followsText ? last : chain[0]
    }

    /// Everything placed at one try's fit: the boxes sized and placed on their pages, then each
    /// flow's lines in its boxes' columns, balanced when `balance` is set. `reused` holds the
    /// lines broken by an earlier try at the same fit.
    func place(_ measured: [Measured], _ fit: Fit, balance: Bool, caches reused: [LineCache]? = nil) -> Attempt {
        var attempt = Attempt(fit: fit)
        let chains = chains(pages: fit.pages)
        // Block indices are per flow, so each flow keeps its own cache of broken lines.
        let caches = reused ?? chains.map { _ in LineCache(breaker: breaker) }
        attempt.caches = caches
        let blocksByChain = chains.indices.map { index in
            resolve(measured, roles: chains[index][0].spec.flows, fit: fit, extra: fit.flowScale[index] ?? 1)
        }
        countHomeless(measured, chains: chains, in: &attempt)
        for (index, chain) in chains.enumerated() {
            chooseColumns(of: chain, blocks: blocksByChain[index], cache: caches[index], in: &attempt)
        }
        // A box as tall as its content takes all of its flow: the boxes linked to it get none.
        let contentBoxes = chains.map { $0[0].spec.height == .content ? contentBox(of: $0, among: chains) : nil }
        var contentHeights: [BoxKey: Points] = [:]
        for index in chains.indices {
            guard let instance = contentBoxes[index] else { continue }
            let distributor = Distributor(blocks: blocksByChain[index], keeps: layout.keeps, cache: caches[index])
            contentHeights[instance.key] = contentHeight(of: instance, distributor, columns: attempt.columns[instance.key])
        }
        placeBoxes(contentHeights: contentHeights, in: &attempt)
        checkRoom(&attempt)
        for (index, chain) in chains.enumerated() {
            let distributor = Distributor(blocks: blocksByChain[index], keeps: layout.keeps, cache: caches[index])
            placeFlow(of: chain, into: contentBoxes[index].map { [$0] } ?? chain, distributor, balance: balance, in: &attempt)
        }
        return attempt
    }

    /// Counts the blocks that no box on the pages in use receives as left over.
    private func countHomeless(_ measured: [Measured], chains: [[BoxInstance]], in attempt: inout Attempt) {
        // Every block needs a box on the pages in use: a recto-verso layout whose front has no
        // box for the demands cannot hold them on the front alone.
        let received = Set(chains.flatMap { $0[0].spec.flows })
        let homeless = measured.filter { !received.contains($0.block.role) }
        if !homeless.isEmpty {
            attempt.leftoverLines += homeless.count
            attempt.leftoverHeight = attempt.leftoverHeight + homeless.reduce(Points.zero) { $0 + layout.style($1.block.role).size }
            attempt.overflowing.append(Set(homeless.map(\.block.role.rawValue)).sorted().joined(separator: ", "))
        }
    }

    /// Records the columns of each box of a chain that chooses them by its flow's length.
    private func chooseColumns(of chain: [BoxInstance], blocks: [FlowBlock], cache: LineCache, in attempt: inout Attempt) {
        for instance in chain where instance.spec.minColumnLines != nil {
            attempt.columns[instance.key] = columnCount(instance.spec, blocks: blocks, cache: cache)
        }
    }

    /// The height of a box sized to its content: its flow's natural height in its columns, and
    /// its padding; nothing when it receives no blocks.
    private func contentHeight(of instance: BoxInstance, _ distributor: Distributor, columns chosen: Int?) -> Points {
        let box = instance.spec
        let count = chosen ?? max(box.columns, 1)
        let columnWidth = (box.width - box.padding.left - box.padding.right - box.gutter * Double(count - 1)) / Double(count)
        let inner = distributor.naturalHeight(width: columnWidth, columns: count, gutter: box.gutter)
        return distributor.blocks.isEmpty ? .zero : inner + box.padding.top + box.padding.bottom
    }

    /// Places the boxes of every page in use, those sized to their content at their height.
    private func placeBoxes(contentHeights: [BoxKey: Points], in attempt: inout Attempt) {
        for page in 0..<attempt.fit.pages {
            let heights = Dictionary(contentHeights.filter { $0.key.page == page }.map { ($0.key.name, $0.value) },
                                     uniquingKeysWith: { first, _ in first })
            for (name, rect) in layout.rects(page: page, contentHeights: heights, gapScale: attempt.fit.spacing, collapsingEmpty: true) {
                attempt.rects[BoxKey(page: page, name: name)] = rect
            }
        }
    }

    /// Distributes a chain's flow into the columns of the boxes that receive it, balancing them
    /// when `balance` is set, and adds its lines, what is left over and the room it leaves to
    /// the attempt.
    private func placeFlow(of chain: [BoxInstance], into receiving: [BoxInstance], _ distributor: Distributor, balance: Bool,
                           in attempt: inout Attempt) {
        var frames = receiving.flatMap { columns(of: $0, in: attempt.rects[$0.key]!, count: attempt.columns[$0.key]) }
        if chain[0].spec.height != .content {
            attempt.flowHeight = frames.reduce(attempt.flowHeight) { $0 + $1.rect.height }
        }
        var distribution = distributor.distribute(into: frames)
        if balance, distribution.fits, let last = distribution.placements.last, chain[0].spec.height != .content {
            (frames, distribution) = balanced(distributor, frames: frames, lastBox: frames[last.frame].box,
                                              fallback: distribution)
        }
        if !distribution.fits { attempt.overflowing.append(chain[0].spec.flows.map(\.rawValue).joined(separator: ", ")) }
        attempt.leftoverLines += distribution.leftoverLines
        attempt.leftoverHeight = attempt.leftoverHeight + distribution.leftoverHeight
        attempt.slack = attempt.slack + distribution.slack
        attempt.brokenKeeps += distribution.brokenKeeps
        attempt.lastResortLines += distribution.lastResortLines
        attempt.overfullLines += distribution.overfullLines
        attempt.flows.append(PlacedFlow(blocks: distributor.blocks, frames: frames, placements: distribution.placements,
                                        slack: distribution.slack))
    }

    /// The columns a box that chooses them is set in: the most, up to its `columns`, that still
    /// gives each column `minColumnLines` lines of the flow's text and a measure of at least
    /// `Composer.narrowestColumn` ems of its justified text.
    private func columnCount(_ box: BoxSpec, blocks: [FlowBlock], cache: LineCache) -> Int {
        guard let least = box.minColumnLines, box.columns > 1 else { return max(box.columns, 1) }
        let inner = box.width - box.padding.left - box.padding.right
        let justified = blocks.filter { $0.style.alignment == .justify }.map(\.size).max() ?? .zero
        for count in stride(from: box.columns, to: 1, by: -1) {
            let width = (inner - box.gutter * Double(count - 1)) / Double(count)
            if width < justified * Composer.narrowestColumn { continue }
            var lines = 0
            for index in blocks.indices {
                let block = blocks[index]
                lines += cache.lines(blocks, index, from: 0, firstWidth: width - block.hang - block.firstIndent,
                                     width: width - block.hang).count
                // Enough lines already: the rest of a long text need not be broken to tell.
                if lines >= least * count { return count }
            }
        }
        return 1
    }

    /// Records a shortfall when, at this scale, a box has no height left or a box sized to its
    /// content has grown into another box of its page.
    private func checkRoom(_ attempt: inout Attempt) {
        for page in 0..<attempt.fit.pages {
            let boxes = layout.template(forPage: page).boxes
            for box in boxes {
                let rect = attempt.rects[BoxKey(page: page, name: box.name)]!
                if rect.height < .zero && rect.height < attempt.shortfall {
                    attempt.shortfall = rect.height
                    attempt.cramped = "box '\(box.name)' has no room"
                }
            }
            for (index, box) in boxes.enumerated() where !box.mayOverlap {
                let rect = attempt.rects[BoxKey(page: page, name: box.name)]!
                for other in boxes[(index + 1)...] where !other.mayOverlap {
                    let otherRect = attempt.rects[BoxKey(page: page, name: other.name)]!
                    guard rect.height > .zero, otherRect.height > .zero, rect.overlaps(otherRect) else { continue }
                    let overlap = min(rect.maxY, otherRect.maxY) - max(rect.y, otherRect.y)
                    if -overlap < attempt.shortfall {
                        attempt.shortfall = -overlap
                        attempt.cramped = "boxes '\(box.name)' and '\(other.name)' overlap"
                    }
                }
            }
        }
    }

    /// Shortens the columns of the box where a flow ends to the least height that still holds
    /// it, so they end level instead of the last one running short.
    private func balanced(_ distributor: Distributor, frames: [Frame], lastBox: BoxKey,
                          fallback: Distribution) -> ([Frame], Distribution) {
        let last = frames.indices.filter { frames[$0].box == lastBox }
        guard let first = last.first, last.count > 1 else { return (frames, fallback) }
        let full = frames[first].rect.height
        func shortened(_ height: Points) -> [Frame] {
            var result = frames
            for index in last { result[index].rect.height = height }
            return result
        }
        var low = Points.zero
        var high = full
        var best = (frames, fallback)
        // Bounded: a search ends even when its ends are not numbers.
        for _ in 0..<searchSteps where high - low > Points(0.5) {
            let middle = (low + high) / 2
            let candidate = distributor.distribute(into: shortened(middle))
            // Shorter columns must not split what the full ones kept together.
            if candidate.fits && candidate.brokenKeeps <= fallback.brokenKeeps {
                high = middle
                best = (shortened(middle), candidate)
            } else {
                low = middle
            }
        }
        return best
    }

    /// Moves a flow's lines down by half the room left below them when they all sit in one
    /// box that centres its content, so that a short text sits in the middle of its box rather
    /// than over a hole. A flow that runs on from one box to another is left as it is: its
    /// lines must meet the next box's at the top.
    private func centreContent(_ attempt: inout Attempt) {
        for (flowIndex, flow) in attempt.flows.enumerated() {
            let boxes = Set(flow.placements.map { flow.frames[$0.frame].box })
            guard boxes.count == 1, let key = boxes.first,
                  let box = layout.template(forPage: key.page).boxes.first(where: { $0.name == key.name }),
                  box.centersContent, box.height != .content, let rect = attempt.rects[key] else { continue }
            let bottom = flow.placements.map { $0.baseline + flow.blocks[$0.block].depth }.max() ?? rect.maxY
            let room = rect.inset(by: box.padding).maxY - bottom
            guard room > .zero else { continue }
            for index in attempt.flows[flowIndex].placements.indices {
                attempt.flows[flowIndex].placements[index].baseline = attempt.flows[flowIndex].placements[index].baseline + room / 2
            }
        }
    }

    /// The factor a role's size and spaces are multiplied by in a try: the headline's fitted
    /// size, the copyfit scale for the body roles; the other roles keep their size until the
    /// body grows past its largest size, and then grow with it, so the hierarchy of sizes holds
    /// (never past two thirds of the headline, for the sub-headline).
    func factor(_ role: Role, _ fit: Fit) -> Double {
        let style = layout.style(role)
        if role == .headline { return fit.headline / style.size }
        if layout.bodyFit.roles.contains(role) { return fit.scale }
        let largest = layout.bodyFit.maxSize / layout.style(.body).size
        guard fit.scale > largest else { return 1 }
        let ceiling = fit.headline * (2.0 / 3.0) / layout.style(.subheadline).size
        return max(1, min(fit.scale / largest, ceiling))
    }

    /// The blocks of a flow with their sizes and spaces at a try's fit.
    private func resolve(_ measured: [Measured], roles: [Role], fit: Fit, extra: Double = 1) -> [FlowBlock] {
        var blocks: [FlowBlock] = []
        for item in measured where roles.contains(item.block.role) {
            let role = item.block.role
            let style = layout.style(role)
            let factor = factor(role, fit) * (role == .headline ? 1 : extra)
            let size = style.size * factor
            let follows = blocks.last?.block.role == role
            // Filling opens the space between blocks: a set space grows in proportion; blocks
            // set without any (paragraphs that follow each other) get up to a third of a line
            // for each step of `fill.max-spacing` past 1.
            var spaceBefore = style.spaceBefore * factor * fit.spacing
            if style.spaceBefore == .zero, style.spaceAfter == .zero, (blocks.last?.spaceAfter ?? .zero) == .zero {
                spaceBefore = size * style.leading * ((fit.spacing - 1) / 3)
            }
            blocks.append(FlowBlock(
                block: item.block, shaped: item.shaped, breakable: item.breakable, metrics: item.metrics,
                style: style, size: size,
                spaceBefore: spaceBefore, spaceAfter: style.spaceAfter * factor * fit.spacing,
                firstIndent: follows ? style.firstLineIndent.at(size) : .zero,
                hang: style.bullet.map { $0.indent.at(size) } ?? .zero,
                keepWhole: layout.keeps.whole.contains(role),
                keepWithNext: layout.keeps.withNext.contains(role),
                tallInk: item.tallInk))
        }
        return blocks
    }

    /// The columns of a box placed at `rect`, in reading order: from the right when lines are
    /// written right to left.
    private func columns(of instance: BoxInstance, in rect: Rect, count chosen: Int?) -> [Frame] {
        let box = instance.spec
        let inner = rect.inset(by: box.padding)
        let count = chosen ?? max(box.columns, 1)
        let width = (inner.width - box.gutter * Double(count - 1)) / Double(count)
        return (0..<count).map { index in
            let column = layout.direction == .rightToLeft ? count - 1 - index : index
            return Frame(rect: Rect(x: inner.x + (width + box.gutter) * Double(column), y: inner.y,
                             width: width, height: inner.height), box: instance.key)
        }
    }

    // MARK: Building the pages

    /// The composed pages: the first, then each later page that received some text.
    private func pages(_ attempt: Attempt) -> [ComposedPage] {
        var elements = [[PageElement]](repeating: [], count: attempt.fit.pages)
        var used = Set<BoxKey>()
        for flow in attempt.flows {
            for placement in flow.placements {
                used.insert(flow.frames[placement.frame].box)
            }
        }
        for page in 0..<attempt.fit.pages {
            for box in layout.template(forPage: page).boxes where box.background != nil || box.border != nil {
                let key = BoxKey(page: page, name: box.name)
                // A box sized to its content is not drawn when it received none.
                if box.height == .content && !used.contains(key) { continue }
                elements[page].append(.box(PlacedBox(name: box.name, frame: attempt.rects[key]!, background: box.background,
                                                     border: box.border, cornerRadius: box.cornerRadius)))
            }
        }
        for flow in attempt.flows {
            for placement in flow.placements {
                let block = flow.blocks[placement.block]
                let frame = flow.frames[placement.frame]
                elements[frame.box.page].append(contentsOf: texts(for: placement, block: block, in: frame.rect))
            }
        }
        let lastPage = used.map(\.page).max() ?? 0
        return (0...lastPage).map { ComposedPage(size: layout.pageSize, elements: elements[$0]) }
    }

    /// The placed text of one line, with its bullet when it opens a demand. Right to left, the
    /// indents and the bullet are on the right and the alignments are mirrored.
    private func texts(for placement: Placement, block: FlowBlock, in frame: Rect) -> [PageElement] {
        let line = placement.line
        let rightToLeft = layout.direction == .rightToLeft
        let available = frame.width - placement.indent
        // A line that is not justified sits at the start of the line: left, or right when the
        // text runs right to left.
        var alignment = block.style.alignment
        if alignment == .justify { alignment = line.justified ? .left : (rightToLeft ? .right : .left) }
        else if rightToLeft, alignment == .left { alignment = .right }
        else if rightToLeft, alignment == .right { alignment = .left }
        let offset: Points = switch alignment {
        case .left, .justify: .zero
        case .right: available - line.naturalWidth
        case .center: (available - line.naturalWidth) / 2
        }
        var text = block.block.text[line.range].removingSoftHyphens().text
        if line.hyphenated, let style = text.styles.last ?? block.block.text.styles.last {
            text.append("\u{2010}", style: style)
        }
        var elements: [PageElement] = []
        if placement.isFirstLine, let bullet = block.style.bullet {
            let start = rightToLeft ? frame.maxX - block.hang : frame.x + placement.indent - block.hang
            elements.append(bulletElement(bullet, block: block, at: Point(x: start, y: placement.baseline)))
        }
        // What hangs into the margins: the line's start is at the left left to right, at the right
        // right to left.
        let visualLeftHang = rightToLeft ? line.rightHang : line.leftHang
        let lineStart = (rightToLeft ? frame.x : frame.x + placement.indent) - visualLeftHang
        var placed = PlacedText(
            origin: Point(x: lineStart + offset, y: placement.baseline),
            width: line.justified ? available + line.leftHang + line.rightHang : line.naturalWidth, text: text,
            font: block.style.font, size: block.size, letterSpacing: block.style.letterSpacing, color: block.style.color,
            justified: line.justified, naturalWidth: line.naturalWidth, role: block.block.role,
            source: block.shaped.glyphs.map { TextSource(glyphs: $0, range: line.range, hyphenated: line.hyphenated) },
            direction: layout.direction)
        (placed.expansion, placed.tracking) = (line.expansion, line.tracking)
        elements.append(.text(placed))
        return elements
    }

    /// A demand's bullet, in the hanging indent (at `origin`, which is the indent's left edge),
    /// on the first line's baseline; right to left, a shape sits at the right of the indent.
    private func bulletElement(_ bullet: BulletStyle, block: FlowBlock, at origin: Point) -> PageElement {
        let size = block.size * bullet.scale
        switch bullet.mark {
        case .text(let mark):
            return .text(PlacedText(origin: origin, width: block.hang, text: StyledText(mark), font: bullet.font,
                                    size: size, letterSpacing: .zero, color: bullet.color, justified: false,
                                    naturalWidth: block.hang, role: block.block.role, direction: layout.direction))
        case .square, .disc:
            // A shape as wide as a lower-case letter, centred on the height of the capitals.
            let side = size * 0.5
            let centre = origin.y - block.capHeight / 2
            let x = layout.direction == .rightToLeft ? origin.x + block.hang - side : origin.x
            return .shape(PlacedShape(kind: bullet.mark == .square ? .square : .disc,
                                      frame: Rect(x: x, y: centre - side / 2, width: side, height: side),
                                      color: bullet.color))
        }
    }
}
