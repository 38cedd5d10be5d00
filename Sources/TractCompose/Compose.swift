import TractCore

/// The compose stage: measures the prepared blocks once, sizes the headline to its box,
/// copyfits the body, then places every line on the page.
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
    public func compose(_ leaflet: Leaflet, info: DocumentInfo) throws(Diagnostic) -> ComposedDocument {
        let measured = measure(leaflet)
        let headlineSize = fitHeadline(measured)
        let fitted = try copyfit(measured, headlineSize: headlineSize)
        let scale = fitted.scale
        // The lines broken while fitting are reused: placing again only balances the columns.
        let attempt = place(measured, headlineSize: headlineSize, scale: scale, balance: layout.keeps.balanceColumns,
                            caches: fitted.caches)
        var pages = pages(attempt)
        for index in pages.indices {
            pages[index].elements += pictures(onPage: index, of: leaflet, rects: attempt.rects)
        }
        return ComposedDocument(pages: pages, info: info,
                                bodySize: layout.style(.body).size * scale, headlineSize: headlineSize, scale: scale,
                                print: layout.print, imposition: layout.imposition, layoutName: layout.name)
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
    }

    func measure(_ leaflet: Leaflet) -> [Measured] {
        leaflet.blocks.map { block in
            let style = layout.style(block.role)
            let shaped = shaper.shape(block.text, font: style.font, letterSpacing: style.letterSpacing,
                                      direction: layout.direction)
            return Measured(block: block, shaped: shaped, metrics: shaper.metrics(style.font),
                            breakable: BreakableText(block.text.scalars, shaped: shaped, size: Points(1)))
        }
    }

    // MARK: Fitting

    /// The largest headline size, between the layout's minimum and maximum, at which the
    /// headline fits its box's width in at most the allowed number of lines.
    func fitHeadline(_ measured: [Measured]) -> Points {
        let fit = layout.headlineFit
        guard let headline = measured.firstIndex(where: { $0.block.role == .headline }),
              let box = layout.boxes(for: .headline).first else { return fit.maxSize }
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
            return lines.count <= fit.maxLines && lines.allSatisfy { $0.naturalWidth <= width + Points(0.01) }
        }
        if fits(fit.maxSize) { return fit.maxSize }
        var low = fit.minSize
        var high = fit.maxSize
        while high - low > Points(0.05) {
            let middle = (low + high) / 2
            if fits(middle) { low = middle } else { high = middle }
        }
        return low
    }

    /// The largest body scale, between the layout's minimum and maximum body sizes, at which
    /// everything fits the page. Shaping is not repeated: each try only breaks and places lines.
    func copyfit(_ measured: [Measured], headlineSize: Points) throws(Diagnostic) -> Attempt {
        let bodySize = layout.style(.body).size
        var low = layout.bodyFit.minSize / bodySize
        var high = layout.bodyFit.maxSize / bodySize
        let largest = place(measured, headlineSize: headlineSize, scale: high, balance: false)
        if largest.fits { return largest }
        // Text takes room as the square of its size (lines get longer and taller), so the
        // missing height gives a first guess.
        let fill = (largest.flowHeight + largest.excess) / largest.flowHeight
        let guess = min(max(high / fill.squareRoot(), low), high)
        var best = place(measured, headlineSize: headlineSize, scale: guess, balance: false)
        var lowExcess: Double
        var highExcess = largest.excess.value
        if best.fits {
            low = guess
            lowExcess = best.excess.value
        } else {
            high = guess
            highExcess = best.excess.value
            best = place(measured, headlineSize: headlineSize, scale: low, balance: false)
            guard best.fits else { throw overflowError(best) }
            lowExcess = best.excess.value
        }
        // Between a scale that fits and one that does not, a wide bracket is narrowed by
        // interpolating on how much room is left or missing (regula falsi); a narrow one is
        // halved, since there the room jumps by whole lines and interpolation crawls. The
        // search ends when the scale is known to a twenty-fifth of a point of body size.
        while high - low > 0.004 {
            var middle = (low + high) / 2
            if high - low > 0.02, highExcess > lowExcess {
                let interpolated = low + (high - low) * (-lowExcess / (highExcess - lowExcess))
                middle = min(max(interpolated, low + 0.002), high - 0.002)
            }
            let attempt = place(measured, headlineSize: headlineSize, scale: middle, balance: false)
            if attempt.fits {
                low = middle
                lowExcess = attempt.excess.value
                best = attempt
            } else {
                high = middle
                highExcess = attempt.excess.value
            }
        }
        return best
    }

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
        return .error("the text does not fit \(pages) even with the body at its minimum size (\(minimum)): \(what)",
                      hint: "shorten the text, or choose a layout with more room")
    }

    // MARK: Placing

    /// Everything placed at one scale, with what did not fit.
    struct Attempt {
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

        /// The room left free in the flowed boxes.
        var slack: Points = .zero
        /// The height of the flowed boxes' columns, all together.
        var flowHeight: Points = .zero
        var scale: Double = 1
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

    /// The boxes that share a list of roles, on every page the layout allows, in order: a flow
    /// continues from one to the next, from the first page to the back.
    var chains: [[BoxInstance]] {
        var chains: [[BoxInstance]] = []
        for page in 0..<layout.maxPages {
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

    func place(_ measured: [Measured], headlineSize: Points, scale: Double, balance: Bool,
               caches reused: [LineCache]? = nil) -> Attempt {
        var attempt = Attempt()
        attempt.scale = scale
        let chains = chains
        // Block indices are per flow, so each flow keeps its own cache of broken lines.
        let caches = reused ?? chains.map { _ in LineCache(breaker: breaker) }
        attempt.caches = caches
        let blocksByChain = chains.map { resolve(measured, roles: $0[0].spec.flows, headlineSize: headlineSize, scale: scale) }

        // A box as tall as its content takes all of its flow: the boxes linked after it get none.
        var contentHeights: [BoxKey: Points] = [:]
        for (index, chain) in chains.enumerated() where chain[0].spec.height == .content {
            let box = chain[0].spec
            let blocks = blocksByChain[index]
            let distributor = Distributor(blocks: blocks, keeps: layout.keeps, cache: caches[index])
            let count = max(box.columns, 1)
            let columnWidth = (box.width - box.padding.left - box.padding.right - box.gutter * Double(count - 1)) / Double(count)
            let inner = distributor.naturalHeight(width: columnWidth, columns: count, gutter: box.gutter)
            contentHeights[chain[0].key] = blocks.isEmpty ? .zero : inner + box.padding.top + box.padding.bottom
        }
        for page in 0..<layout.maxPages {
            let heights = Dictionary(contentHeights.filter { $0.key.page == page }.map { ($0.key.name, $0.value) },
                                     uniquingKeysWith: { first, _ in first })
            for (name, rect) in layout.rects(page: page, contentHeights: heights) {
                attempt.rects[BoxKey(page: page, name: name)] = rect
            }
        }
        checkRoom(&attempt)

        for (index, chain) in chains.enumerated() {
            let blocks = blocksByChain[index]
            let distributor = Distributor(blocks: blocks, keeps: layout.keeps, cache: caches[index])
            let receiving = chain[0].spec.height == .content ? [chain[0]] : chain
            var frames = receiving.flatMap { columns(of: $0, in: attempt.rects[$0.key]!) }
            if chain[0].spec.height != .content {
                attempt.flowHeight = frames.reduce(attempt.flowHeight) { $0 + $1.rect.height }
            }
            var distribution = distributor.distribute(into: frames)
            if balance, distribution.fits, let last = distribution.placements.last {
                let box = receiving.first { $0.key == frames[last.frame].box }!
                if box.spec.columns > 1, box.spec.height != .content {
                    (frames, distribution) = balanced(distributor, frames: frames, lastBox: box.key, fallback: distribution)
                }
            }
            if !distribution.fits { attempt.overflowing.append(chain[0].spec.flows.map(\.rawValue).joined(separator: ", ")) }
            attempt.leftoverLines += distribution.leftoverLines
            attempt.leftoverHeight = attempt.leftoverHeight + distribution.leftoverHeight
            attempt.slack = attempt.slack + distribution.slack
            attempt.flows.append(PlacedFlow(blocks: blocks, frames: frames, placements: distribution.placements))
        }
        return attempt
    }

    /// Records a shortfall when, at this scale, a box has no height left or a box sized to its
    /// content has grown into another box of its page.
    private func checkRoom(_ attempt: inout Attempt) {
        for page in 0..<layout.maxPages {
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
        guard let first = last.first else { return (frames, fallback) }
        let full = frames[first].rect.height
        func shortened(_ height: Points) -> [Frame] {
            var result = frames
            for index in last { result[index].rect.height = height }
            return result
        }
        var low = Points.zero
        var high = full
        var best = (frames, fallback)
        while high - low > Points(0.5) {
            let middle = (low + high) / 2
            let candidate = distributor.distribute(into: shortened(middle))
            if candidate.fits {
                high = middle
                best = (shortened(middle), candidate)
            } else {
                low = middle
            }
        }
        return best
    }

    /// The blocks of a flow with their sizes and spaces at a scale.
    private func resolve(_ measured: [Measured], roles: [Role], headlineSize: Points, scale: Double) -> [FlowBlock] {
        var blocks: [FlowBlock] = []
        for item in measured where roles.contains(item.block.role) {
            let role = item.block.role
            let style = layout.style(role)
            let factor: Double
            if role == .headline {
                factor = headlineSize / style.size
            } else {
                factor = layout.bodyFit.roles.contains(role) ? scale : 1
            }
            let size = style.size * factor
            let follows = blocks.last?.block.role == role
            blocks.append(FlowBlock(
                block: item.block, shaped: item.shaped, breakable: item.breakable, metrics: item.metrics,
                style: style, size: size,
                spaceBefore: style.spaceBefore * factor, spaceAfter: style.spaceAfter * factor,
                firstIndent: follows ? style.firstLineIndent.at(size) : .zero,
                hang: style.bullet.map { $0.indent.at(size) } ?? .zero,
                keepWhole: layout.keeps.whole.contains(role),
                keepWithNext: layout.keeps.withNext.contains(role)))
        }
        return blocks
    }

    /// The columns of a box placed at `rect`, in reading order: from the right when lines are
    /// written right to left.
    private func columns(of instance: BoxInstance, in rect: Rect) -> [Frame] {
        let box = instance.spec
        let inner = rect.inset(by: box.padding)
        let count = max(box.columns, 1)
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
        var elements = [[PageElement]](repeating: [], count: layout.maxPages)
        var used = Set<BoxKey>()
        for flow in attempt.flows {
            for placement in flow.placements {
                used.insert(flow.frames[placement.frame].box)
            }
        }
        for page in 0..<layout.maxPages {
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
        var text = block.block.text[line.range]
        if text.scalars.contains("\u{00AD}") {
            text = StyledText(scalars: text.scalars.filter { $0 != "\u{00AD}" },
                              styles: zip(text.scalars, text.styles).filter { $0.0 != "\u{00AD}" }.map(\.1))
        }
        if line.hyphenated, let style = text.styles.last ?? block.block.text.styles.last {
            text.append("\u{2010}", style: style)
        }
        var elements: [PageElement] = []
        if placement.isFirstLine, let bullet = block.style.bullet {
            let start = rightToLeft ? frame.maxX - block.hang : frame.x + placement.indent - block.hang
            elements.append(bulletElement(bullet, block: block, at: Point(x: start, y: placement.baseline)))
        }
        let lineStart = rightToLeft ? frame.x : frame.x + placement.indent
        elements.append(.text(PlacedText(
            origin: Point(x: lineStart + offset, y: placement.baseline),
            width: line.justified ? available : line.naturalWidth, text: text, font: block.style.font,
            size: block.size, letterSpacing: block.style.letterSpacing, color: block.style.color,
            justified: line.justified, naturalWidth: line.naturalWidth, role: block.block.role,
            source: block.shaped.handle.map { TextSource(handle: $0, range: line.range, hyphenated: line.hyphenated) },
            direction: layout.direction)))
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
