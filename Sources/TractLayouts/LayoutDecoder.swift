import TractCompose
import TractCore
import TractYAML

#if canImport(Glibc)
import Glibc
#endif

/// Turns a layout file's tree (after `extends` is merged) into a `Layout`, checking every key
/// and value on the way and the geometry at the end.
struct LayoutDecoder {
    /// The layout's name, from its file name.
    var name: String
    /// The families of the installed fonts; nil skips the check.
    var families: Set<String>?
    /// Where the families come from when they depend on the layout's own `fonts:`; nil keeps
    /// `families` as given.
    var fonts: FontFamilies?
    var values = ValueReader()
    /// The roles a variant's text has none of, which need no box.
    var absent: Set<Role> = []

    /// The layout format this version of tract reads.
    static let version = 1

    /// The longest side of a page or sheet.
    static let largestSide = Points(14_400)

    /// The named page sizes, portrait, in millimetres.
    static let pageSizes: [String: (Double, Double)] = [
        "a3": (297, 420), "a4": (210, 297), "a5": (148, 210), "a6": (105, 148),
        "letter": (215.9, 279.4), "legal": (215.9, 355.6), "dl": (99, 210),
    ]

    /// A section of the layout read through the schema; `node` nil reads as an empty one at `place`.
    func section(_ node: YAMLNode?, _ schema: LayoutSection, _ what: String, at place: SourceLocation) throws(Diagnostic) -> SectionReader {
        try SectionReader(node, schema, what, at: place, values: values)
    }

    mutating func decode(_ rootNode: YAMLNode) throws(Diagnostic) -> Layout {
        _ = try rootNode.entries("the layout")
        // The version first: a layout for a later version may use keys this one does not know.
        try checkVersion(try SectionReader(rootNode, LayoutSchema.file, "the layout", at: rootNode.location, values: values, checking: false))
        let root = try section(rootNode, LayoutSchema.file, "the layout", at: rootNode.location)
        let fontSources = try self.fontSources(root)
        if let fonts { families = try fonts.families(fontSources) }
        if let colors = root["colors"] {
            for entry in try colors.entries("colors") {
                values.colors[entry.key] = try values.color(entry.value, "colors.\(entry.key)")
            }
        }
        guard let pageNode = root["page"] else {
            throw .error(at: rootNode.location, "the layout has no `page` section", hint: "add `page:` with at least `size: A4`")
        }
        let (pageSize, margins, maxPages) = try page(pageNode)
        let styles = try self.styles(root["styles"])
        guard let pagesNode = root["pages"] else {
            throw .error(at: rootNode.location, "the layout has no `pages` section", hint: "add `pages:` with `first:` and its boxes")
        }
        let templates = try pages(pagesNode, page: pageSize, margins: margins)
        let (headline, body, filling) = try fitting(root["fitting"], styles: styles, at: root.node.location)
        var layout = Layout(name: name, summary: try root["description"].decoded { value throws(Diagnostic) in try value.text("description") } ?? "",
                            pageSize: pageSize, pages: templates, maxPages: maxPages, styles: styles,
                            headlineFit: headline, bodyFit: body, keeps: try keeps(root["keeps"], at: root.node.location))
        layout.filling = filling
        layout.fonts = fontSources
        if let languages = root["languages"] { layout.languages = try self.languages(languages, root: rootNode, styles: styles) }
        layout.print = try print(root["print"], at: root.node.location)
        if let impositionNode = root["imposition"] { layout.imposition = try imposition(impositionNode, page: pageSize) }
        if let bleedNode = root.written("print")?["bleed"], layout.print.bleed > .zero {
            if root["imposition"] != nil {
                throw .error(at: bleedNode.location, "print.bleed cannot go with imposition: the copies are cut edge to edge",
                             hint: "remove the bleed, or the imposition")
            }
            // Bleed is paper for backgrounds to run onto; with none at the edge it prints nothing.
            let touching = layout.pages.flatMap(\.boxes).contains { box in
                box.background != nil && (box.x <= Points(0.01) || box.x + box.width >= pageSize.width - Points(0.01)
                    || box.top == .at(.zero) || box.bottom == .at(pageSize.height))
            }
            guard touching else {
                throw .error(at: bleedNode.location, "print.bleed is set but no background reaches the edge of the page",
                             hint: "remove the bleed, or give a box that touches the edge a background")
            }
        }
        layout.receiveMissingRoles(except: absent)
        try LayoutValidator(layout: layout, pagesNode: pagesNode, absent: absent).validate()
        if let variantsNode = root["variants"] { layout.variants = try variants(variantsNode, root: rootNode) }
        return layout
    }

    /// Each variant: its keys laid over the layout's, as `extends` lays a file over its parent,
    /// and decoded as a whole layout, so its errors point at its own lines.
    private func variants(_ node: YAMLNode, root: YAMLNode) throws(Diagnostic) -> [LayoutVariant] {
        guard case .sequence(let items) = node.value else {
            throw .error(at: node.location, "variants must be a list",
                         hint: "write `- without: [demand]` followed by what changes, for each variant")
        }
        let base = root.removing("variants")
        var variants: [LayoutVariant] = []
        for (index, item) in items.enumerated() {
            let what = "variants[\(index + 1)]"
            _ = try item.entries(what)
            let variant = try section(item, LayoutSchema.variant, what, at: item.location)
            guard variant["without"] != nil || variant["max-words"] != nil else {
                throw .error(at: item.location, "\(what) does not say which texts it is for",
                             hint: "add `without: [demand]` (the roles its texts have none of) or `max-words: 150`")
            }
            let without = try variant["without"].decoded { node throws(Diagnostic) in try roles(node, "\(what).without") } ?? []
            if let node = variant["without"], without.isEmpty {
                throw .error(at: node.location, "\(what).without names no role", hint: "name the roles, such as `[lead-in, demand]`")
            }
            let maxWords = try variant["max-words"].decoded { node throws(Diagnostic) in
                try values.integer(node, "\(what).max-words", in: 1...100_000)
            }
            var decoder = LayoutDecoder(name: name, families: families, absent: Set(without))
            decoder.fonts = fonts
            decoder.values.asked = values.asked
            // What the variant changes: every key but the two that say which texts it is for.
            let changes = try variant.entries(among: LayoutSchema.variant.names.filter { $0 != "without" && $0 != "max-words" })
            let layout = try decoder.decode(base.merged(with: YAMLNode(.mapping(changes), at: item.location)))
            variants.append(LayoutVariant(without: Set(without), maxWords: maxWords, layout: layout))
        }
        return variants
    }

    /// The font files and folders of `fonts:`, each relative to the file that names it and
    /// checked to exist, the command line's after them; and `system-fonts`.
    private func fontSources(_ root: SectionReader) throws(Diagnostic) -> FontSources {
        var entries: [FontSources.Entry] = []
        if let node = root["fonts"] {
            let items: [YAMLNode]
            if case .sequence(let list) = node.value { items = list } else { items = [node] }
            for item in items {
                let written = try item.text("fonts").trimmingSpaces
                guard !written.isEmpty else {
                    throw .error(at: item.location, "an entry of fonts is empty", hint: "give a font file or a folder of fonts")
                }
                let folder = Resources.parent(of: item.location.file)
                let path = written.hasPrefix("/") || folder.isEmpty ? written : folder + "/" + written
                guard access(path, F_OK) == 0 else {
                    throw .error(at: item.location, "the font file or folder '\(written)' does not exist",
                                 hint: "paths in fonts are relative to the layout file (\(path))")
                }
                entries.append(FontSources.Entry(path: path, location: item.location))
            }
        }
        let system = try values.bool(root["system-fonts"]!, "system-fonts")
        return FontSources(entries: entries, system: system).adding(fonts?.extra ?? [])
    }

    private func checkVersion(_ root: SectionReader) throws(Diagnostic) {
        guard let node = root["version"] else {
            throw .error(at: root.node.location, "the layout does not say which version of the format it is written in",
                         hint: "add `version: \(LayoutDecoder.version)` at the top")
        }
        let version = try values.integer(node, "version", in: 1...1000)
        guard version == LayoutDecoder.version else {
            throw .error(at: node.location, "this layout is written for version \(version) of the format; tract reads version \(LayoutDecoder.version)",
                         hint: "update tract, or rewrite the layout for version \(LayoutDecoder.version) (docs/layouts.md)")
        }
    }

    // MARK: Page

    private func page(_ pageNode: YAMLNode) throws(Diagnostic) -> (Size, Insets, Int) {
        let node = try section(pageNode, LayoutSchema.page, "page", at: pageNode.location)
        guard let sizeNode = node["size"] else {
            throw .error(at: pageNode.location, "page has no size", hint: "add `size: A4`, or a width and height such as `size: 210mm x 297mm`")
        }
        var size = try pageSize(sizeNode)
        if let orientation = node["orientation"] {
            let landscape = try values.keyword(orientation, "page.orientation", ["portrait": false, "landscape": true])
            if landscape != (size.width > size.height) { size = Size(width: size.height, height: size.width) }
        }
        let margins = try insets(node["margins"]!, LayoutSchema.margins, "page.margins", page: size)
        let maxPages = try values.integer(node["max-pages"]!, "page.max-pages", in: 1...2)
        return (size, margins, maxPages)
    }

    private func pageSize(_ node: YAMLNode) throws(Diagnostic) -> Size {
        let text = try node.text("page.size").trimmingSpaces
        if let (width, height) = LayoutDecoder.pageSizes[text.lowercased()] {
            return Size(width: .mm(width), height: .mm(height))
        }
        if let parts = LayoutDecoder.dimensions(text) {
            let width = try values.length(YAMLNode(.scalar(parts.width), at: node.location), "the page width")
            let height = try values.length(YAMLNode(.scalar(parts.height), at: node.location), "the page height")
            let size = Size(width: width.resolved(against: .zero), height: height.resolved(against: .zero))
            guard size.width > .zero, size.height > .zero else {
                throw .error(at: node.location, "page.size '\(text)' is not a page", hint: "give a positive width and height")
            }
            // A PDF viewer shows no page side past 200 inches.
            guard size.width.value <= LayoutDecoder.largestSide.value + 1e-6, size.height.value <= LayoutDecoder.largestSide.value + 1e-6 else {
                throw .error(at: node.location, "page.size '\(text)' is larger than a PDF page can be",
                             hint: "give sides of at most 5080mm (200 inches)")
            }
            return size
        }
        func display(_ name: String) -> String { name.count == 2 ? name.uppercased() : name.capitalized }
        let names = LayoutDecoder.pageSizes.keys.map(display).sorted()
        let suggestion = closest(to: text.lowercased(), among: Array(LayoutDecoder.pageSizes.keys)).map { "did you mean '\(display($0))'? " } ?? ""
        throw .error(at: node.location, "page.size '\(text)' is not a page size",
                     hint: suggestion + "use \(names.joined(separator: ", ")), or a width and height such as 210mm x 297mm")
    }

    /// The width and height of `210mm x 297mm`, split at the `x` that a number follows (not the
    /// one of a unit such as `px`, so that a wrong unit is reported as such).
    static func dimensions(_ text: String) -> (width: String, height: String)? {
        for index in text.indices where text[index] == "x" {
            let height = text[text.index(after: index)...].trimmingSpaces
            if let first = height.first, first.isNumber || first == "." || first == "-" {
                return (text[..<index].trimmingSpaces, height)
            }
        }
        return nil
    }

    /// Four sides from one length or a mapping of `top`, `right`, `bottom`, `left`.
    private func insets(_ node: YAMLNode, _ schema: LayoutSection, _ what: String, page: Size) throws(Diagnostic) -> Insets {
        if case .scalar = node.value {
            // One length for the four sides, each held to the limits of a side.
            let sides = try SectionReader(node, schema, what, at: node.location, values: values, checking: false)
            let all = try values.length(node, what, percent: true)
            return Insets(top: try sides.within("top", all.resolved(against: page.height)),
                          right: try sides.within("right", all.resolved(against: page.width)),
                          bottom: try sides.within("bottom", all.resolved(against: page.height)),
                          left: try sides.within("left", all.resolved(against: page.width)))
        }
        guard case .mapping = node.value else {
            let key = what.split(separator: ".").last ?? ""
            throw .error(at: node.location, "\(what) must be one length, or a mapping of top, right, bottom and left",
                         hint: "write `\(key): 15mm`, or `\(key): {top: 20mm, left: 15mm}`")
        }
        let sides = try section(node, schema, what, at: node.location)
        func side(_ key: String, _ whole: Points) throws(Diagnostic) -> Points {
            try sides.within(key, values.points(sides[key]!, sides.path(key), of: whole))
        }
        return Insets(top: try side("top", page.height), right: try side("right", page.width),
                      bottom: try side("bottom", page.height), left: try side("left", page.width))
    }

    // MARK: Boxes

    private func pages(_ pagesNode: YAMLNode, page: Size, margins: Insets) throws(Diagnostic) -> [PageTemplate] {
        let node = try section(pagesNode, LayoutSchema.pages, "pages", at: pagesNode.location)
        guard let first = node["first"] else {
            throw .error(at: pagesNode.location, "pages has no `first` page", hint: "add `first:` with the boxes of the first page")
        }
        var templates = [PageTemplate(boxes: try boxes(first, "pages.first", page: page, margins: margins))]
        if let following = node["following"] {
            templates.append(PageTemplate(boxes: try boxes(following, "pages.following", page: page, margins: margins)))
        }
        return templates
    }

    private func boxes(_ node: YAMLNode, _ what: String, page: Size, margins: Insets) throws(Diagnostic) -> [BoxSpec] {
        var boxes: [BoxSpec] = []
        for entry in try node.entries(what) {
            boxes.append(try box(entry.key, entry.value, "\(what).\(entry.key)", page: page, margins: margins))
        }
        guard !boxes.isEmpty else {
            throw .error(at: node.location, "\(what) has no boxes", hint: "add at least one box with the roles that flow into it")
        }
        return boxes
    }

    private func box(_ name: String, _ boxNode: YAMLNode, _ what: String, page: Size, margins: Insets) throws(Diagnostic) -> BoxSpec {
        let node = try section(boxNode, LayoutSchema.box, what, at: boxNode.location)
        let (x, boxWidth) = try across(node, page: page, margins: margins)
        let (top, bottom, height) = try down(node, page: page, margins: margins)
        let shows = try node["shows"].decoded { value throws(Diagnostic) in
            try values.keyword(value, node.path("shows"), Dictionary(uniqueKeysWithValues: BoxPicture.allCases.map { ($0.rawValue, $0) }))
        }
        return BoxSpec(
            name: name, x: x, width: boxWidth, top: top, bottom: bottom, height: height,
            padding: try insets(node["padding"]!, LayoutSchema.padding, node.path("padding"), page: page),
            background: try node["background"].decoded { value throws(Diagnostic) in try values.color(value, node.path("background")) },
            border: try node["border"].decoded { value throws(Diagnostic) in try self.border(value, node.path("border"), page: page) },
            cornerRadius: try length(node, "corner-radius", of: page.width)!,
            columns: try values.integer(node["columns"]!, node.path("columns"), in: 1...6),
            gutter: try length(node, "gutter", of: page.width)!,
            minColumnLines: try node["min-column-lines"].decoded { value throws(Diagnostic) in
                try values.integer(value, node.path("min-column-lines"), in: 1...200) },
            centersContent: try values.keyword(node["vertical-align"]!, node.path("vertical-align"), ["top": false, "middle": true]),
            flows: try roles(try flows(node, shows: shows), node.path("flows")),
            mayOverlap: try values.bool(node["overlap"]!, node.path("overlap")),
            shows: shows,
            fit: try values.keyword(node["fit"]!, node.path("fit"), Dictionary(uniqueKeysWithValues: PictureFit.allCases.map { ($0.rawValue, $0) })),
            focus: try focus(node))
    }

    /// A box's focus point for its photo.
    private func focus(_ node: SectionReader) throws(Diagnostic) -> FocusPoint {
        let value = node["focus"]!
        guard let point = FocusPoint(try value.text(node.path("focus")).trimmingSpaces) else {
            throw .error(at: value.location, "\(node.path("focus")) '\(try value.text(node.path("focus")))' is not a focus point",
                         hint: "write \(FocusPoint.syntax)")
        }
        return point
    }

    /// A box's length under `key`, a share of `whole` when written as a percentage; nil when not given.
    private func length(_ node: SectionReader, _ key: String, of whole: Points) throws(Diagnostic) -> Points? {
        try node[key].decoded { value throws(Diagnostic) in try node.within(key, values.points(value, node.path(key), of: whole)) }
    }

    /// Where a box starts across the page and how wide it is.
    private func across(_ node: SectionReader, page: Size, margins: Insets) throws(Diagnostic) -> (x: Points, width: Points) {
        // Across: any two of left, right and width; the page margins fill in what is missing.
        let left = try length(node, "left", of: page.width)
        let right = try length(node, "right", of: page.width)
        let width = try length(node, "width", of: page.width)
        switch (left, right, width) {
        case let (left?, right?, nil): return (left, page.width - left - right)
        case let (left?, nil, width?): return (left, width)
        case let (nil, right?, width?): return (page.width - right - width, width)
        case let (nil, nil, width?): return (margins.left, width)
        case let (left?, nil, nil): return (left, page.width - left - margins.right)
        case let (nil, right?, nil): return (margins.left, page.width - margins.left - right)
        case (nil, nil, nil): return (margins.left, page.width - margins.left - margins.right)
        case (.some, .some, .some):
            throw .error(at: node["width"]!.location, "\(node.what) gives left, right and width",
                         hint: "give two of them; the third follows")
        }
    }

    /// A box's top and bottom edges, and its height.
    private func down(_ node: SectionReader, page: Size, margins: Insets)
        throws(Diagnostic) -> (top: Edge?, bottom: Edge?, height: BoxHeight) {
        // Down: any two of top, bottom and height; the page margins fill in what is missing.
        var top = try node["top"].decoded { value throws(Diagnostic) in try edge(value, node.path("top"), fromBottom: false, page: page) }
        var bottom = try node["bottom"].decoded { value throws(Diagnostic) in try edge(value, node.path("bottom"), fromBottom: true, page: page) }
        var height = BoxHeight.fill
        if let heightNode = node["height"] {
            if (try? heightNode.text("").trimmingSpaces.lowercased()) == "auto" {
                height = .content
            } else {
                height = .fixed(try values.points(heightNode, node.path("height"), of: page.height))
            }
            if top != nil && bottom != nil {
                throw .error(at: heightNode.location, "\(node.what) gives top, bottom and height",
                             hint: "give two of them; the third follows")
            }
            if top == nil && bottom == nil { top = .at(margins.top) }
        } else {
            top = top ?? .at(margins.top)
            bottom = bottom ?? .at(page.height - margins.bottom)
        }
        return (top, bottom, height)
    }

    /// A box's border: its width and colour.
    private func border(_ borderNode: YAMLNode, _ what: String, page: Size) throws(Diagnostic) -> Border {
        let node = try section(borderNode, LayoutSchema.border, what, at: borderNode.location)
        return Border(width: try node.within("width", values.points(node["width"]!, node.path("width"), of: page.width)),
                      color: try values.color(node["color"]!, node.path("color")))
    }

    /// The list of roles whose text goes into a box: none for a box that shows a picture,
    /// which cannot also receive text.
    private func flows(_ node: SectionReader, shows: BoxPicture?) throws(Diagnostic) -> YAMLNode {
        if let shows, let flowsNode = node["flows"] {
            throw .error(at: flowsNode.location, "\(node.what) shows the \(shows.rawValue) and cannot also receive text",
                         hint: "remove `flows`, or put the \(shows.rawValue) in a box of its own")
        }
        guard let flowsNode = node["flows"] ?? (shows != nil ? YAMLNode(.sequence([]), at: node.node.location) : nil) else {
            throw .error(at: node.node.location, "\(node.what) has no flows",
                         hint: "add `flows: [body]`, the roles whose text goes into the box, or `shows: logo`")
        }
        return flowsNode
    }

    // MARK: Print production

    private func print(_ printNode: YAMLNode?, at place: SourceLocation) throws(Diagnostic) -> PrintMarks {
        let node = try section(printNode, LayoutSchema.print, "print", at: place)
        var marks = PrintMarks()
        let bleed = node["bleed"]!
        marks.bleed = try values.points(bleed, "print.bleed", of: .zero)
        guard marks.bleed >= .zero, marks.bleed <= .mm(10) else {
            throw .error(at: bleed.location, "print.bleed \(marks.bleed) is not between 0 and 10 mm",
                         hint: "print shops usually ask for 3mm")
        }
        marks.cropMarks = try values.bool(node["marks"]!, "print.marks")
        marks.slug = try values.bool(node["slug"]!, "print.slug")
        return marks
    }

    private func imposition(_ impositionNode: YAMLNode, page: Size) throws(Diagnostic) -> Imposition {
        let node = try section(impositionNode, LayoutSchema.imposition, "imposition", at: impositionNode.location)
        guard let sheetNode = node["sheet"] else {
            throw .error(at: impositionNode.location, "imposition has no sheet", hint: "add `sheet: A4`, the paper the copies are printed on")
        }
        let sheet = try pageSize(sheetNode)
        guard let copiesNode = node["copies"] else {
            throw .error(at: impositionNode.location, "imposition does not say how many copies", hint: "add `copies: 2`")
        }
        let copies = try values.integer(copiesNode, "imposition.copies", in: 1...64)
        var imposition = Imposition(sheet: sheet, copies: copies)
        imposition.order = try values.keyword(node["order"]!, "imposition.order",
                                              Dictionary(uniqueKeysWithValues: Imposition.Order.allCases.map { ($0.rawValue, $0) }))
        imposition.flip = try values.keyword(node["flip"]!, "imposition.flip",
                                             Dictionary(uniqueKeysWithValues: Imposition.Flip.allCases.map { ($0.rawValue, $0) }))
        // The copies must fit the sheet one way or the other.
        guard let grid = SheetGrid(page: page, imposition: imposition) else {
            let millimetres = { (size: Size) in "\(Int(size.width.millimetres.rounded())) × \(Int(size.height.millimetres.rounded())) mm" }
            throw .error(at: copiesNode.location,
                         "\(copies) pages of \(millimetres(page)) do not fit on a sheet of \(millimetres(sheet))",
                         hint: "print fewer copies on the sheet, or choose a larger sheet")
        }
        imposition.sheet = grid.sheet
        return imposition
    }

    /// An edge: a length from the page's top (or bottom), or `{below: box, gap: length}`
    /// (`above` for a bottom edge).
    private func edge(_ node: YAMLNode, _ what: String, fromBottom: Bool, page: Size) throws(Diagnostic) -> Edge {
        if case .scalar = node.value {
            let distance = try values.points(node, what, of: page.height)
            return .at(fromBottom ? page.height - distance : distance)
        }
        let edge = try section(node, LayoutSchema.edge, what, at: node.location)
        let gap = try edge.within("gap", values.points(edge["gap"]!, edge.path("gap"), of: page.height))
        let relation = fromBottom ? "above" : "below"
        guard let other = edge[relation] else {
            throw .error(at: node.location, "\(what) names no box",
                         hint: "write `{\(relation): BOX, gap: 5mm}` to place it \(relation) another box")
        }
        let box = try other.text("\(what).\(relation)").trimmingSpaces
        return fromBottom ? .above(box, gap: gap) : .below(box, gap: gap)
    }

    private func roles(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> [Role] {
        guard case .sequence(let items) = node.value else {
            throw .error(at: node.location, "\(what) must be a list of roles", hint: "write `[body]` or `[lead-in, demand]`")
        }
        var roles: [Role] = []
        for item in items {
            let name = try item.text(what).trimmingSpaces
            guard let role = Role(rawValue: name) else {
                let names = Role.allCases.map(\.rawValue)
                let hint = closest(to: name, among: names).map { "did you mean '\($0)'?" } ?? "the roles are \(names.joined(separator: ", "))"
                throw .error(at: item.location, "'\(name)' is not a role", hint: hint)
            }
            roles.append(role)
        }
        return roles
    }

    // MARK: Styles

    /// The style every role starts from, read from the schema's defaults; a layout's `styles`
    /// change what differs.
    static let defaultStyle: TextStyle = {
        let defaults = YAMLNode(.mapping(LayoutSchema.style.keys.compactMap { key in
            LayoutSchema.style.defaults[key.name].map { (key.name, SourceLocation(file: "the default style"), $0) }
        }), at: SourceLocation(file: "the default style"))
        do {
            return try LayoutDecoder(name: "").style(defaults, "the default style",
                                                      base: TextStyle(font: FontSpec(family: ""), size: Points(1)))
        } catch {
            preconditionFailure("the layout schema's default style does not read: \(error)")
        }
    }()

    /// The style of every role; `what` is where the styles are written, for messages.
    private func styles(_ stylesNode: YAMLNode?, _ what: String = "styles") throws(Diagnostic) -> [Role: TextStyle] {
        var styles: [Role: TextStyle] = [:]
        for role in Role.allCases { styles[role] = LayoutDecoder.defaultStyle }
        guard let stylesNode else { return styles }
        let node = try section(stylesNode, LayoutSchema.styles, what, at: stylesNode.location)
        for role in Role.allCases {
            if let written = node.written(role.rawValue) { styles[role] = try style(written, node.path(role.rawValue)) }
        }
        if let bulletNode = node.written("bullet") {
            styles[.demand]!.bullet = try bullet(bulletNode, node.path("bullet"), base: styles[.demand]!)
        }
        return styles
    }

    /// A style: the keys written laid over `base`.
    private func style(_ styleNode: YAMLNode, _ what: String, base: TextStyle = LayoutDecoder.defaultStyle) throws(Diagnostic) -> TextStyle {
        let node = try section(styleNode, LayoutSchema.style, what, at: styleNode.location)
        var style = base
        style.font = try font(node, base: base.font)
        if let size = node.written("size") {
            style.size = try node.within("size", values.length(size, node.path("size")).resolved(against: .zero))
        }
        if let leading = node.written("leading") {
            if Double(try leading.text(node.path("leading")).trimmingSpaces) != nil {
                style.leading = try values.number(leading, node.path("leading"), in: 0.5...4)
            } else {
                style.leading = try values.length(leading, node.path("leading")).resolved(against: .zero) / style.size
                guard (0.5...4).contains(style.leading) else {
                    throw .error(at: leading.location, "\(node.path("leading")) is \(formatted(style.leading)) times the size",
                                 hint: "give a leading from half the size to four times it, such as 1.25 or \(formatted(style.size.value * 1.25))pt")
                }
            }
        }
        if let color = node.written("color") { style.color = try values.color(color, node.path("color")) }
        if let align = node.written("align") {
            style.alignment = try values.keyword(align, node.path("align"),
                                                 Dictionary(uniqueKeysWithValues: TextAlignment.allCases.map { ($0.rawValue, $0) }))
        }
        if let textCase = node.written("case") {
            style.textCase = try values.keyword(textCase, node.path("case"),
                                                Dictionary(uniqueKeysWithValues: TextCase.allCases.map { ($0.rawValue, $0) }))
        }
        try spacing(node, into: &style)
        if let hyphenate = node.written("hyphenate") { style.hyphenate = try values.bool(hyphenate, node.path("hyphenate")) }
        if let justification = node.written("justification") {
            style.justification = try self.justification(justification, node.path("justification"), size: style.size)
        }
        return style
    }

    /// A style's `justification`: every key not written takes the schema's default.
    private func justification(_ justificationNode: YAMLNode, _ what: String, size: Points) throws(Diagnostic) -> Justification {
        let node = try section(justificationNode, LayoutSchema.justification, what, at: justificationNode.location)
        func percentage(_ key: String, in range: ClosedRange<Double>) throws(Diagnostic) -> Double {
            let value = node[key]!
            let text = try value.text(node.path(key)).trimmingSpaces
            guard text.hasSuffix("%"), let number = Double(text.dropLast().trimmingSpaces), number.isFinite,
                  range.contains(number) else {
                throw .error(at: value.location, "\(node.path(key)) must be a percentage from \(formatted(range.lowerBound))% to \(formatted(range.upperBound))%",
                             hint: "write a percentage such as `\(formatted(range.lowerBound + (range.upperBound - range.lowerBound) / 2))%`")
            }
            return number / 100
        }
        return Justification(
            wordSpaceMin: try percentage("word-space-min", in: 0...100), wordSpaceMax: try percentage("word-space-max", in: 100...400),
            expansion: try percentage("expansion", in: 0...5),
            tracking: try node.within("tracking", values.ems(node["tracking"]!, node.path("tracking"), size: size)),
            protrusion: try values.bool(node["protrusion"]!, node.path("protrusion")),
            emergencyStretch: try node.within("emergency-stretch",
                                              values.ems(node["emergency-stretch"]!, node.path("emergency-stretch"), size: size)))
    }

    /// A style's letter spacing, paragraph spacing and indent.
    private func spacing(_ node: SectionReader, into style: inout TextStyle) throws(Diagnostic) {
        if let spacing = node.written("letter-spacing") {
            style.letterSpacing = try node.within("letter-spacing", values.ems(spacing, node.path("letter-spacing"), size: style.size))
        }
        if let before = node.written("space-before") {
            style.spaceBefore = try node.within("space-before", values.length(before, node.path("space-before")).resolved(against: .zero))
        }
        if let after = node.written("space-after") {
            style.spaceAfter = try node.within("space-after", values.length(after, node.path("space-after")).resolved(against: .zero))
        }
        if let indent = node.written("first-line-indent") {
            style.firstLineIndent = try node.within("first-line-indent", values.ems(indent, node.path("first-line-indent"), size: style.size))
        }
    }

    /// The font keys of a style or a bullet: family, weight, style, stretch, laid over `base`.
    private func font(_ node: SectionReader, base: FontSpec) throws(Diagnostic) -> FontSpec {
        var font = base
        if let family = node.written("family") {
            font.family = try family.text(node.path("family")).trimmingSpaces
            if let families, !families.contains(font.family) {
                let hint = closest(to: font.family, among: Array(families)).map { "did you mean '\($0)'? " } ?? ""
                let among = fonts == nil ? "the bundled fonts" : "the bundled fonts and the layout's"
                throw .error(at: family.location, "no font family '\(font.family)' among \(among)",
                             hint: hint + "`tract fonts --layout FILE` lists the families a layout can name; a layout may add its own with `fonts:`")
            }
        }
        if let weight = node.written("weight") {
            if Int(try weight.text(node.path("weight")).trimmingSpaces) != nil {
                font.weight = try values.integer(weight, node.path("weight"), in: 100...900)
            } else {
                font.weight = try values.keyword(weight, node.path("weight"), [
                    "thin": 100, "extra-light": 200, "light": 300, "regular": 400, "normal": 400, "medium": 500,
                    "semi-bold": 600, "bold": 700, "extra-bold": 800, "black": 900,
                ])
            }
        }
        if let style = node.written("style") {
            font.italic = try values.keyword(style, node.path("style"), ["normal": false, "italic": true])
        }
        if let stretch = node.written("stretch") { font.stretch = try self.stretch(stretch, node.path("stretch")) }
        return font
    }

    /// A font's width: a percentage of normal, or its name.
    private func stretch(_ node: YAMLNode, _ what: String) throws(Diagnostic) -> Double {
        let text = try node.text(what).trimmingSpaces
        if text.hasSuffix("%") {
            return try values.number(YAMLNode(.scalar(String(text.dropLast())), at: node.location), what, in: 50...200)
        }
        return try values.keyword(node, what, [
            "ultra-condensed": 50, "extra-condensed": 62.5, "condensed": 75, "semi-condensed": 87.5,
            "normal": 100, "semi-expanded": 112.5, "expanded": 125, "extra-expanded": 150,
            "ultra-expanded": 200,
        ])
    }

    private func bullet(_ bulletNode: YAMLNode, _ what: String, base: TextStyle) throws(Diagnostic) -> BulletStyle {
        let node = try section(bulletNode, LayoutSchema.bullet, what, at: bulletNode.location)
        let markNode = node["mark"]!
        let mark: BulletMark = switch try markNode.text(node.path("mark")).trimmingSpaces {
        case "square": .square
        case "disc": .disc
        case "": throw .error(at: markNode.location, "\(what).mark is empty", hint: "write square, disc, or a character such as •")
        case let text: .text(text)
        }
        return BulletStyle(
            mark: mark, font: try font(node, base: base.font),
            scale: try values.number(node["scale"]!, node.path("scale"), in: 0.2...4),
            color: try node["color"].decoded { value throws(Diagnostic) in try values.color(value, node.path("color")) } ?? base.color,
            indent: try node.within("indent", values.ems(node["indent"]!, node.path("indent"), size: base.size)))
    }

    // MARK: Fitting and keeps

    private func fitting(_ fittingNode: YAMLNode?, styles: [Role: TextStyle], at place: SourceLocation)
        throws(Diagnostic) -> (HeadlineFit, BodyFit, Filling) {
        let node = try section(fittingNode, LayoutSchema.fitting, "fitting", at: place)
        let headline = try headlineFit(node["headline"], size: styles[.headline]!.size, at: node.node.location)
        let fit = try section(node["body"], LayoutSchema.bodyFit, "fitting.body", at: node.node.location)
        let (low, high) = try sizes(fit, default: styles[.body]!.size)
        let body = BodyFit(minSize: low, maxSize: high, roles: Set(try roles(fit["roles"]!, "fitting.body.roles")),
                           growSize: try ceiling(fit, above: high))
        let fill = try section(node["fill"], LayoutSchema.fill, "fitting.fill", at: node.node.location)
        let filling = Filling(order: try stages(fill["order"]!),
                              maxSpacing: try values.number(fill["max-spacing"]!, "fitting.fill.max-spacing", in: 1...6))
        return (headline, body, filling)
    }

    private func headlineFit(_ node: YAMLNode?, size: Points, at place: SourceLocation) throws(Diagnostic) -> HeadlineFit {
        let fit = try section(node, LayoutSchema.headlineFit, "fitting.headline", at: place)
        let (low, high) = try sizes(fit, default: size)
        let lines = try values.integer(fit["max-lines"]!, "fitting.headline.max-lines", in: 1...6)
        return HeadlineFit(minSize: low, maxSize: high, maxLines: lines, growSize: try ceiling(fit, above: high),
                           growLines: try fit["grow-lines"].decoded { value throws(Diagnostic) in
                               try values.integer(value, "fitting.headline.grow-lines", in: lines...8) })
    }

    /// A `grow-to` size, which may not be below the `max` it grows from.
    private func ceiling(_ node: SectionReader, above high: Points) throws(Diagnostic) -> Points? {
        guard let grow = node["grow-to"] else { return nil }
        let what = node.what
        let size = try node.within("grow-to", values.length(grow, "\(what).grow-to").resolved(against: .zero))
        guard size >= high else {
            throw .error(at: grow.location, "\(what).grow-to (\(size)) is below \(what).max (\(high))",
                         hint: "grow-to is how far the size may grow past max: make it at least \(high), or remove it")
        }
        return size
    }

    /// The fill stages, in order, each at most once.
    private func stages(_ node: YAMLNode) throws(Diagnostic) -> [FillStage] {
        guard case .sequence(let items) = node.value else {
            throw .error(at: node.location, "fitting.fill.order must be a list", hint: "write `[headline, body, spacing]`, or `[]` to fill nothing")
        }
        var stages: [FillStage] = []
        for item in items {
            let name = try item.text("fitting.fill.order").trimmingSpaces
            guard let stage = FillStage(rawValue: name) else {
                let names = FillStage.allCases.map(\.rawValue)
                let hint = closest(to: name, among: names).map { "did you mean '\($0)'?" } ?? "the stages are \(names.joined(separator: ", "))"
                throw .error(at: item.location, "'\(name)' is not a fill stage", hint: hint)
            }
            guard !stages.contains(stage) else {
                throw .error(at: item.location, "fitting.fill.order names '\(name)' twice", hint: "name each stage once")
            }
            stages.append(stage)
        }
        return stages
    }

    /// A `min` and `max` size, the smaller first.
    private func sizes(_ node: SectionReader, default size: Points) throws(Diagnostic) -> (Points, Points) {
        let what = node.what
        let low = try node["min"].decoded { value throws(Diagnostic) in
            try node.within("min", values.length(value, "\(what).min").resolved(against: .zero)) } ?? size
        let high = try node["max"].decoded { value throws(Diagnostic) in
            try node.within("max", values.length(value, "\(what).max").resolved(against: .zero)) } ?? size
        guard low <= high else {
            throw .error(at: node["min"]?.location ?? node.node.location, "\(what).min (\(low)) is above \(what).max (\(high))",
                         hint: "make min the smaller size")
        }
        return (low, high)
    }

    /// What stays together: the roles' own keeps, less those the layout turns off.
    private func keeps(_ keepsNode: YAMLNode?, at place: SourceLocation) throws(Diagnostic) -> Keeps {
        let node = try section(keepsNode, LayoutSchema.keeps, "keeps", at: place)
        var keeps = Keeps(orphans: try values.integer(node["orphans"]!, "keeps.orphans", in: 1...5),
                          widows: try values.integer(node["widows"]!, "keeps.widows", in: 1...5),
                          whole: Set(Role.allCases.filter(\.traits.keptWhole)),
                          withNext: Set(Role.allCases.filter(\.traits.keptWithNext)),
                          balanceColumns: try values.bool(node["balance-columns"]!, "keeps.balance-columns"))
        if try !values.bool(node["lead-in-with-demands"]!, "keeps.lead-in-with-demands") { keeps.withNext.remove(.leadIn) }
        if try !values.bool(node["whole-demands"]!, "keeps.whole-demands") { keeps.whole.remove(.demand) }
        return keeps
    }

    // MARK: Languages

    private func languages(_ node: YAMLNode, root: YAMLNode, styles layoutStyles: [Role: TextStyle]) throws(Diagnostic) -> [String: LanguageOverride] {
        var overrides: [String: LanguageOverride] = [:]
        for entry in try node.entries("languages") {
            let what = "languages.\(entry.key)"
            guard let tag = LanguageTag.canonical(entry.key) else {
                throw .error(at: entry.keyLocation, "\(what): '\(entry.key)' is not a language tag",
                             hint: "write a BCP 47 tag such as ar, fr or fr-CA")
            }
            let language = try section(entry.value, LayoutSchema.language, what, at: entry.value.location)
            var override = LanguageOverride()
            if let direction = language["direction"] {
                override.direction = try values.keyword(direction, "\(what).direction", ["ltr": .leftToRight, "rtl": .rightToLeft])
            }
            override.mirror = try values.bool(language["mirror"]!, "\(what).mirror")
            if let stylesNode = language["styles"] { override.styles = try styles(stylesNode, "\(what).styles", root: root) }
            if let fittingNode = language["fitting"] {
                // Sizes merged over the layout's own fitting, so a language may change only `max`.
                let merged = (root["fitting"] ?? YAMLNode(.mapping([]), at: fittingNode.location)).merged(with: fittingNode)
                let (headline, body, filling) = try fitting(merged, styles: layoutStyles.merging(override.styles) { _, new in new },
                                                            at: fittingNode.location)
                (override.headlineFit, override.bodyFit, override.filling) = (headline, body, filling)
            }
            overrides[tag] = override
        }
        return overrides
    }

    /// The styles a language changes, each merged over the layout's own, so that it changes
    /// only the keys it gives.
    private func styles(_ stylesNode: YAMLNode, _ what: String, root: YAMLNode) throws(Diagnostic) -> [Role: TextStyle] {
        let merged = (root["styles"] ?? YAMLNode(.mapping([]), at: stylesNode.location)).merged(with: stylesNode)
        let styles = try self.styles(merged, what)
        let given = try section(stylesNode, LayoutSchema.styles, what, at: stylesNode.location)
        var changed: [Role: TextStyle] = [:]
        for role in Role.allCases where given.written(role.rawValue) != nil { changed[role] = styles[role] }
        if given.written("bullet") != nil { changed[.demand] = styles[.demand] }
        return changed
    }
}
