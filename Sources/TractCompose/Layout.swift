import TractCore

/// Where one horizontal edge of a box is.
public enum Edge: Hashable, Sendable {
    /// A distance from the top of the page.
    case at(Points)
    /// Below the bottom of another box, with a gap.
    case below(String, gap: Points)
    /// Above the top of another box, with a gap.
    case above(String, gap: Points)
}

/// How tall a box is.
public enum BoxHeight: Hashable, Sendable {
    case fixed(Points)
    /// As tall as its content (and its padding), which is never split.
    case content
    /// From its top edge down to its bottom edge.
    case fill
}

/// A box's outline.
public struct Border: Hashable, Sendable {
    public var width: Points
    public var color: Color

    public init(width: Points, color: Color) {
        self.width = width
        self.color = color
    }
}

/// A named rectangle of the page that content flows into.
public struct BoxSpec: Hashable, Sendable {
    public var name: String
    public var x: Points
    public var width: Points
    /// The top edge; nil when the bottom edge and the height place the box.
    public var top: Edge?
    /// The bottom edge; nil when the top edge and the height place the box.
    public var bottom: Edge?
    public var height: BoxHeight
    public var padding: Insets
    public var background: Color?
    public var border: Border?
    public var cornerRadius: Points
    public var columns: Int
    public var gutter: Points
    /// When set, the box uses fewer columns than `columns` for a text too short to give each
    /// column this many lines: a short body is not a thin strip beside an empty area.
    public var minColumnLines: Int?
    /// Whether text that leaves room at the foot of the box is moved down to the middle of it.
    public var centersContent: Bool
    /// The roles whose blocks flow into the box, in reading order. Boxes that list the same
    /// roles are linked: what does not fit in one continues in the next.
    public var flows: [Role]
    /// Whether the box may overlap other boxes of its page (a logo on a band, say).
    public var mayOverlap: Bool
    /// A picture the box shows: the leaflet's logo, or a QR code of its web address.
    public var shows: BoxPicture?
    /// How a photo fills the box.
    public var fit: PictureFit
    /// The point of the photo kept in view when it is cropped, unless the leaflet gives its own.
    public var focus: FocusPoint

    public init(name: String, x: Points, width: Points, top: Edge? = nil, bottom: Edge? = nil,
                height: BoxHeight, padding: Insets = .zero, background: Color? = nil, border: Border? = nil,
                cornerRadius: Points = .zero, columns: Int = 1, gutter: Points = .zero, minColumnLines: Int? = nil,
                centersContent: Bool = false, flows: [Role], mayOverlap: Bool = false, shows: BoxPicture? = nil,
                fit: PictureFit = .cover, focus: FocusPoint = .center) {
        self.name = name
        self.x = x
        self.width = width
        self.top = top
        self.bottom = bottom
        self.height = height
        self.padding = padding
        self.background = background
        self.border = border
        self.cornerRadius = cornerRadius
        self.columns = columns
        self.gutter = gutter
        self.minColumnLines = minColumnLines
        self.centersContent = centersContent
        self.flows = flows
        self.mayOverlap = mayOverlap
        self.shows = shows
        self.fit = fit
        self.focus = focus
    }
}

/// A picture a box shows instead of text.
public enum BoxPicture: String, Hashable, Sendable, CaseIterable {
    /// The leaflet's logo, scaled to fit the box with its proportions kept.
    case logo
    /// The leaflet's photo, fitted to the box as its `fit` says.
    case photo
    /// A QR code of the leaflet's web address, with the address under it.
    case qrCode = "qr-code"
}

/// What a print shop needs around the page: the bleed, the crop marks, a slug line.
public struct PrintMarks: Hashable, Sendable {
    /// How far backgrounds that touch the trim run past it.
    public var bleed: Points
    /// Crop marks at the corners, outside the bleed.
    public var cropMarks: Bool
    /// A line under the marks naming the leaflet, its language, the layout and the date.
    public var slug: Bool

    public init(bleed: Points = .zero, cropMarks: Bool = false, slug: Bool = false) {
        self.bleed = bleed
        self.cropMarks = cropMarks
        self.slug = slug
    }

    /// The paper around the trimmed page: the bleed, and room for the marks and the slug.
    public var margin: Points {
        cropMarks || slug ? max(bleed, .zero) + .mm(9) : bleed
    }
}

/// Several copies of the leaflet on a larger sheet, to print and cut.
public struct Imposition: Hashable, Sendable {
    /// The size of the sheet, in the orientation that holds the copies.
    public var sheet: Size
    public var copies: Int
    public var order: Order
    public var flip: Flip

    public enum Order: String, Hashable, Sendable, CaseIterable {
        /// Every copy on a sheet shows the same page: a stack to cut into identical leaflets.
        case same
        /// The copies show the leaflet's pages one after the other.
        case consecutive
    }

    /// How the duplex printer turns the sheet over for its back, which decides where the back of
    /// each copy goes.
    public enum Flip: String, Hashable, Sendable, CaseIterable {
        case longEdge = "long-edge"
        case shortEdge = "short-edge"
    }

    public init(sheet: Size, copies: Int, order: Order = .same, flip: Flip = .longEdge) {
        self.sheet = sheet
        self.copies = copies
        self.order = order
        self.flip = flip
    }
}

/// The boxes of one kind of page: the first page, or the pages after it.
public struct PageTemplate: Hashable, Sendable {
    public var boxes: [BoxSpec]

    public init(boxes: [BoxSpec]) {
        self.boxes = boxes
    }
}

extension PageTemplate {
    /// The template with every box moved to the mirror place across the page, its padding too.
    func mirrored(width: Points) -> PageTemplate {
        PageTemplate(boxes: boxes.map { box in
            var mirrored = box
            mirrored.x = width - box.x - box.width
            mirrored.padding = Insets(top: box.padding.top, right: box.padding.left, bottom: box.padding.bottom,
                                      left: box.padding.right)
            return mirrored
        })
    }
}

/// A design of a layout for some texts: those that have none of some roles (a strip made for
/// the demands gives its room to the body when there are none), or few words (a poster's three
/// columns become one wide column for a short call).
public struct LayoutVariant: Hashable, Sendable {
    /// The roles the text has none of.
    public var without: Set<Role>
    /// The most words the text may have, all roles counted.
    public var maxWords: Int?
    /// The whole layout as it is then.
    public var layout: Layout

    public init(without: Set<Role> = [], maxWords: Int? = nil, layout: Layout) {
        self.without = without
        self.maxWords = maxWords
        self.layout = layout
    }

    /// Whether the variant is made for a text with these roles and this many words.
    public func suits(roles: Set<Role>, words: Int) -> Bool {
        without.isDisjoint(with: roles) && words <= maxWords ?? .max
    }
}

/// What a layout changes for one language.
public struct LanguageOverride: Hashable, Sendable {
    public var direction: TextDirection?
    /// Whether the boxes are mirrored left to right (for a language written right to left).
    public var mirror: Bool
    /// Whole styles that replace the layout's for the roles they name.
    public var styles: [Role: TextStyle]
    /// Sizes to fit the headline and the body to, when they differ from the layout's.
    public var headlineFit: HeadlineFit?
    public var bodyFit: BodyFit?
    public var filling: Filling?

    public init(direction: TextDirection? = nil, mirror: Bool = false, styles: [Role: TextStyle] = [:]) {
        self.direction = direction
        self.mirror = mirror
        self.styles = styles
    }
}

/// The direction lines are written in.
public enum TextDirection: String, Hashable, Sendable {
    case leftToRight = "ltr"
    case rightToLeft = "rtl"
}

/// How the headline is sized to its box.
public struct HeadlineFit: Hashable, Sendable {
    public var minSize: Points
    public var maxSize: Points
    public var maxLines: Int
    /// How large the headline may grow when the page has room left with the body at its
    /// largest, and in how many lines; `maxSize` and `maxLines` when it may not grow.
    public var growSize: Points
    public var growLines: Int

    public init(minSize: Points, maxSize: Points, maxLines: Int, growSize: Points? = nil, growLines: Int? = nil) {
        self.minSize = minSize
        self.maxSize = maxSize
        self.maxLines = maxLines
        self.growSize = growSize ?? maxSize
        self.growLines = growLines ?? maxLines
    }
}

/// The body copyfit: one scale for all body roles, found between two sizes of the body role.
public struct BodyFit: Hashable, Sendable {
    public var minSize: Points
    public var maxSize: Points
    /// The roles whose sizes and spaces follow the scale.
    public var roles: Set<Role>
    /// How large the body may grow when the page still has room once the headline has grown;
    /// past `maxSize` every other role but the headline grows in proportion, so the hierarchy
    /// of sizes holds. `maxSize` when it may not grow.
    public var growSize: Points

    public init(minSize: Points, maxSize: Points, roles: Set<Role>, growSize: Points? = nil) {
        self.minSize = minSize
        self.maxSize = maxSize
        self.roles = roles
        self.growSize = growSize ?? maxSize
    }
}

/// What may take the room a short text leaves, once the body has reached its largest size.
public enum FillStage: String, Hashable, Sendable, CaseIterable {
    /// The headline grows, up to `HeadlineFit.growSize` in `growLines` lines.
    case headline
    /// The body and every role but the headline grow, up to `BodyFit.growSize`.
    case body
    /// Each flow that still leaves room in boxes of its own grows alone, up to the same
    /// ceiling: a sidebar's demands, or the body beside a full sidebar.
    case flows
    /// The space between blocks and between boxes grows, up to `Filling.maxSpacing` times the
    /// layout's.
    case spacing
}

/// How a page is filled when its text is short: what grows, in which order, and how far the
/// spacing may open.
public struct Filling: Hashable, Sendable {
    /// The stages, in the order they take the room left.
    public var order: [FillStage]
    /// The most the space between blocks and boxes may grow to, as a multiple of the layout's.
    public var maxSpacing: Double

    public init(order: [FillStage] = [.headline, .body, .spacing], maxSpacing: Double = 1) {
        self.order = order
        self.maxSpacing = maxSpacing
    }
}

/// The rules that keep lines together across columns and boxes.
public struct Keeps: Hashable, Sendable {
    /// The fewest lines of a paragraph left at the bottom of a column.
    public var orphans: Int
    /// The fewest lines of a paragraph carried to the top of the next column.
    public var widows: Int
    /// Roles whose blocks are never split across columns.
    public var whole: Set<Role>
    /// Roles whose blocks stay in the same column as the first line of the next block.
    public var withNext: Set<Role>
    /// Whether the columns of a flow's last box end at the same height.
    public var balanceColumns: Bool

    public init(orphans: Int = 2, widows: Int = 2, whole: Set<Role> = [], withNext: Set<Role> = [],
                balanceColumns: Bool = true) {
        self.orphans = orphans
        self.widows = widows
        self.whole = whole
        self.withNext = withNext
        self.balanceColumns = balanceColumns
    }
}

/// A page layout: the page, its boxes, a style per role, fitting and keeps.
public struct Layout: Hashable, Sendable {
    public var name: String
    /// One line saying what the layout is for.
    public var summary: String
    public var pageSize: Size
    /// The first page's template, then the template of every page after it.
    public var pages: [PageTemplate]
    /// The most pages a leaflet may take: 1, or 2 for recto-verso.
    public var maxPages: Int
    public var styles: [Role: TextStyle]
    public var headlineFit: HeadlineFit
    public var bodyFit: BodyFit
    /// How a short text fills the page.
    public var filling: Filling = Filling()
    public var keeps: Keeps
    public var direction: TextDirection
    /// What changes for some languages, by BCP 47 tag (`ar`, `fr-CH`).
    public var languages: [String: LanguageOverride]
    /// Bleed, crop marks and slug for a print shop.
    public var print: PrintMarks = PrintMarks()
    /// Copies on a larger sheet, when the layout imposes them.
    public var imposition: Imposition?
    /// Other designs of the same layout for texts that lack some roles, the first that applies
    /// taking the place of this one.
    public var variants: [LayoutVariant] = []
    /// The fonts the layout's styles may name besides the bundled ones.
    public var fonts: FontSources = .bundled

    public init(name: String, summary: String, pageSize: Size, pages: [PageTemplate], maxPages: Int = 1,
                styles: [Role: TextStyle], headlineFit: HeadlineFit, bodyFit: BodyFit, keeps: Keeps,
                direction: TextDirection = .leftToRight, languages: [String: LanguageOverride] = [:]) {
        precondition(!pages.isEmpty, "a layout has at least one page template")
        self.name = name
        self.summary = summary
        self.pageSize = pageSize
        self.pages = pages
        self.maxPages = maxPages
        self.styles = styles
        self.headlineFit = headlineFit
        self.bodyFit = bodyFit
        self.keeps = keeps
        self.direction = direction
        self.languages = languages
    }

    /// The layout as it is for a language: its overrides applied, found by the tag's fallbacks
    /// (`fr-CH`, then `fr`).
    public func adapted(to language: String) -> Layout {
        guard let override = LanguageTag(language)?.lookup(in: languages) else { return self }
        var layout = self
        if let direction = override.direction { layout.direction = direction }
        layout.styles.merge(override.styles) { _, new in new }
        if let fit = override.headlineFit { layout.headlineFit = fit }
        if let fit = override.bodyFit { layout.bodyFit = fit }
        if let filling = override.filling { layout.filling = filling }
        if override.mirror { layout.pages = layout.pages.map { $0.mirrored(width: pageSize.width) } }
        return layout
    }

    /// The layout as it is for a text: the first variant made for it, else this one.
    public func suited(to leaflet: Leaflet) -> Layout {
        var suited = self
        if !variants.isEmpty {
            let roles = Set(leaflet.blocks.map(\.role))
            let words = leaflet.blocks.reduce(0) { count, block in
                count + block.text.string.split(whereSeparator: \.isWhitespace).count
            }
            suited = variants.first { $0.suits(roles: roles, words: words) }?.layout ?? self
        }
        if leaflet.photo == nil { suited.leaveOutPhotoBoxes() }
        return suited
    }

    /// Gives the boxes that show a photo no height, for a leaflet that has none: the boxes placed
    /// against them take their place, as against an empty box sized to its content.
    mutating func leaveOutPhotoBoxes() {
        for page in pages.indices {
            for box in pages[page].boxes.indices where pages[page].boxes[box].shows == .photo {
                pages[page].boxes[box].height = .content
            }
        }
    }

    /// The style of a role; roles without one fall back to the body's.
    public func style(_ role: Role) -> TextStyle {
        styles[role] ?? styles[.body]!
    }

    /// The template of a page, counting from 0: the first, or the one for the pages after it.
    public func template(forPage index: Int) -> PageTemplate {
        index == 0 ? pages[0] : pages[min(1, pages.count - 1)]
    }

    /// The boxes a role flows into on the first page that has one, in order.
    public func boxes(for role: Role) -> [BoxSpec] {
        for page in 0..<maxPages {
            let boxes = template(forPage: page).boxes.filter { $0.flows.contains(role) }
            if !boxes.isEmpty { return boxes }
        }
        return []
    }
}

extension Layout {
    /// Every box's rectangle on a page, from its edges, its height and the boxes it is placed
    /// against; `contentHeights` gives the height of the boxes sized to their content (0 when
    /// missing), and `gapScale` multiplies the gaps between boxes. With `collapsingEmpty`, a box
    /// sized to its content that received none takes no room: a box placed against it is placed
    /// against what it stands on, with its own gap, so an empty box leaves no double gap.
    public func rects(page: Int, contentHeights: [String: Points] = [:], gapScale: Double = 1,
                      collapsingEmpty: Bool = false) -> [String: Rect] {
        var rects: [String: Rect] = [:]
        let boxes = template(forPage: page).boxes
        let specs = Dictionary(boxes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func isEmpty(_ name: String) -> Bool {
            collapsingEmpty && specs[name]?.height == .content && (contentHeights[name] ?? .zero) <= .zero
        }
        func rect(_ name: String, depth: Int) -> Rect {
            if let known = rects[name] { return known }
            // A missing box or a loop between boxes is refused when the layout is read; this
            // guard only keeps a bad layout built in code from recursing forever.
            guard let box = specs[name], depth <= specs.count else {
                return Rect(x: .zero, y: .zero, width: .zero, height: .zero)
            }
            func y(_ edge: Edge, depth: Int) -> Points {
                switch edge {
                case .at(let value): return value
                case .below(let other, let gap):
                    if isEmpty(other), depth <= specs.count, let through = specs[other]?.top, case .below(let under, _) = through {
                        return y(.below(under, gap: gap), depth: depth + 1)
                    }
                    return rect(other, depth: depth + 1).maxY + gap * gapScale
                case .above(let other, let gap):
                    if isEmpty(other), depth <= specs.count, let through = specs[other]?.bottom, case .above(let over, _) = through {
                        return y(.above(over, gap: gap), depth: depth + 1)
                    }
                    return rect(other, depth: depth + 1).y - gap * gapScale
                }
            }
            let height: Points? = switch box.height {
            case .fixed(let value): value
            case .content: contentHeights[name] ?? .zero
            case .fill: nil
            }
            let top: Points
            let resolvedHeight: Points
            if let topEdge = box.top {
                top = y(topEdge, depth: depth)
                resolvedHeight = height ?? (box.bottom.map { y($0, depth: depth) } ?? pageSize.height) - top
            } else {
                let bottom = box.bottom.map { y($0, depth: depth) } ?? pageSize.height
                resolvedHeight = height ?? bottom
                top = bottom - resolvedHeight
            }
            let result = Rect(x: box.x, y: top, width: box.width, height: resolvedHeight)
            rects[name] = result
            return result
        }
        for box in boxes { _ = rect(box.name, depth: 0) }
        return rects
    }
}

extension Layout {
    /// Gives each role that no box receives to the boxes of the role it falls back to
    /// (`RoleTraits.fallback`: a sub-headline goes with the headline, a date with the
    /// signature), in reading order among their flows. Roles in `absent` need no box.
    public mutating func receiveMissingRoles(except absent: Set<Role>) {
        let received = Set(pages.flatMap(\.boxes).flatMap(\.flows))
        for role in Role.allCases where !received.contains(role) && !absent.contains(role) {
            guard let receiver = role.receiver(among: received) else { continue }
            for page in pages.indices {
                for box in pages[page].boxes.indices where pages[page].boxes[box].flows.contains(receiver) {
                    var flows = pages[page].boxes[box].flows
                    flows.insert(role, at: flows.firstIndex { role.isBefore($0) } ?? flows.endIndex)
                    pages[page].boxes[box].flows = flows
                }
            }
        }
    }
}
