import TractCompose
import TractCore
import TractYAML

/// Turns a layout file's tree (after `extends` is merged) into a `Layout`, checking every key
/// and value on the way and the geometry at the end.
struct LayoutDecoder {
    /// The layout's name, from its file name.
    var name: String
    /// The families of the installed fonts; nil skips the check.
    var families: Set<String>?
    var values = ValueReader()
    /// The roles a variant's text has none of, which need no box.
    var absent: Set<Role> = []

    /// The layout format this version of tract reads.
    static let version = 1

    /// The named page sizes, portrait, in millimetres.
    static let pageSizes: [String: (Double, Double)] = [
        "a3": (297, 420), "a4": (210, 297), "a5": (148, 210), "a6": (105, 148),
        "letter": (215.9, 279.4), "legal": (215.9, 355.6), "dl": (99, 210),
    ]

    mutating func decode(_ root: YAMLNode) throws(Diagnostic) -> Layout {
        _ = try root.entries("the layout")
        // The version first: a layout for a later version may use keys this one does not know.
        try checkVersion(root)
        try values.checkKeys(root, "the layout", allowed: LayoutKeys.file)
        if let colors = root["colors"] {
            for entry in try colors.entries("colors") {
                values.colors[entry.key] = try values.color(entry.value, "colors.\(entry.key)")
            }
        }
        guard let pageNode = root["page"] else {
            throw .error(at: root.location, "the layout has no `page` section", hint: "add `page:` with at least `size: A4`")
        }
        let (pageSize, margins, maxPages) = try page(pageNode)
        let styles = try self.styles(root["styles"])
        guard let pagesNode = root["pages"] else {
            throw .error(at: root.location, "the layout has no `pages` section", hint: "add `pages:` with `first:` and its boxes")
        }
        let templates = try pages(pagesNode, page: pageSize, margins: margins)
        let (headline, body, filling) = try fitting(root["fitting"], styles: styles)
        var layout = Layout(name: name, summary: try root["description"].decoded { value throws(Diagnostic) in try value.text("description") } ?? "",
                            pageSize: pageSize, pages: templates, maxPages: maxPages, styles: styles,
                            headlineFit: headline, bodyFit: body, keeps: try keeps(root["keeps"]))
        layout.filling = filling
        if let languages = root["languages"] { layout.languages = try self.languages(languages, root: root, styles: styles) }
        if let printNode = root["print"] { layout.print = try print(printNode) }
        if let impositionNode = root["imposition"] { layout.imposition = try imposition(impositionNode, page: pageSize) }
        if let bleedNode = root["print"]?["bleed"], layout.print.bleed > .zero {
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
        try LayoutValidator(layout: layout, pagesNode: pagesNode, absent: absent).validate()
        if let variantsNode = root["variants"] { layout.variants = try variants(variantsNode, root: root) }
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
            try values.checkKeys(item, what, allowed: LayoutKeys.variant)
            guard item["without"] != nil || item["max-words"] != nil else {
                throw .error(at: item.location, "\(what) does not say which texts it is for",
                             hint: "add `without: [demand]` (the roles its texts have none of) or `max-words: 150`")
            }
            let without = try item["without"].decoded { node throws(Diagnostic) in try roles(node, "\(what).without") } ?? []
            if let node = item["without"], without.isEmpty {
                throw .error(at: node.location, "\(what).without names no role", hint: "name the roles, such as `[lead-in, demand]`")
            }
            let maxWords = try item["max-words"].decoded { node throws(Diagnostic) in
                try values.integer(node, "\(what).max-words", in: 1...100_000)
            }
            var decoder = LayoutDecoder(name: name, families: families, absent: Set(without))
            let layout = try decoder.decode(base.merged(with: item.removing("without").removing("max-words")))
            variants.append(LayoutVariant(without: Set(without), maxWords: maxWords, layout: layout))
        }
        return variants
    }

    private func checkVersion(_ root: YAMLNode) throws(Diagnostic) {
        guard let node = root["version"] else {
            throw .error(at: root.location, "the layout does not say which version of the format it is written in",
                         hint: "add `version: \(LayoutDecoder.version)` at the top")
        }
        let version = try values.integer(node, "version", in: 1...1000)
        guard version == LayoutDecoder.version else {
            throw .error(at: node.location, "this layout is written for version \(version) of the format; tract reads version \(LayoutDecoder.version)",
                         hint: "update tract, or rewrite the layout for version \(LayoutDecoder.version) (docs/layouts.md)")
        }
    }

    // MARK: Page

    private func page(_ node: YAMLNode) throws(Diagnostic) -> (Size, Insets, Int) {
        try values.checkKeys(node, "page", allowed: LayoutKeys.page)
        guard let sizeNode = node["size"] else {
            throw .error(at: node.location, "page has no size", hint: "add `size: A4`, or a width and height such as `size: 210mm x 297mm`")
        }
        var size = try pageSize(sizeNode)
        if let orientation = node["orientation"] {
            let landscape = try values.keyword(orientation, "page.orientation", ["portrait": false, "landscape": true])
            if landscape != (size.width > size.height) { size = Size(width: size.height, height: size.width) }
        }
        var margins = Insets(all: .mm(15))
        if let marginNode = node["margins"] { margins = try insets(marginNode, "page.margins", page: size) }
        let maxPages = try node["max-pages"].decoded { value throws(Diagnostic) in try values.integer(value, "page.max-pages", in: 1...2) } ?? 1
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
    private func insets(_ node: YAMLNode, _ what: String, page: Size) throws(Diagnostic) -> Insets {
        if case .scalar = node.value {
            let all = try values.length(node, what, percent: true)
            return Insets(top: all.resolved(against: page.height), right: all.resolved(against: page.width),
                          bottom: all.resolved(against: page.height), left: all.resolved(against: page.width))
        }
        guard case .mapping = node.value else {
            let key = what.split(separator: ".").last ?? ""
            throw .error(at: node.location, "\(what) must be one length, or a mapping of top, right, bottom and left",
                         hint: "write `\(key): 15mm`, or `\(key): {top: 20mm, left: 15mm}`")
        }
        try values.checkKeys(node, what, allowed: LayoutKeys.sides)
        func side(_ key: String, _ whole: Points) throws(Diagnostic) -> Points {
            try node[key].decoded { value throws(Diagnostic) in try values.points(value, "\(what).\(key)", of: whole) } ?? .zero
        }
        return Insets(top: try side("top", page.height), right: try side("right", page.width),
                      bottom: try side("bottom", page.height), left: try side("left", page.width))
    }

    // MARK: Boxes

    private func pages(_ node: YAMLNode, page: Size, margins: Insets) throws(Diagnostic) -> [PageTemplate] {
        try values.checkKeys(node, "pages", allowed: LayoutKeys.pages)
        guard let first = node["first"] else {
            throw .error(at: node.location, "pages has no `first` page", hint: "add `first:` with the boxes of the first page")
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

    private func box(_ name: String, _ node: YAMLNode, _ what: String, page: Size, margins: Insets) throws(Diagnostic) -> BoxSpec {
        try values.checkKeys(node, what, allowed: LayoutKeys.box)
        let (x, boxWidth) = try across(node, what, page: page, margins: margins)
        let (top, bottom, height) = try down(node, what, page: page, margins: margins)
        let border = try node["border"].decoded { value throws(Diagnostic) in try self.border(value, "\(what).border", page: page) }
        let shows = try node["shows"].decoded { value throws(Diagnostic) in
            try values.keyword(value, "\(what).shows", Dictionary(uniqueKeysWithValues: BoxPicture.allCases.map { ($0.rawValue, $0) }))
        }
        let flowsNode = try flows(node, what, shows: shows)
        return BoxSpec(
            name: name, x: x, width: boxWidth, top: top, bottom: bottom, height: height,
            padding: try node["padding"].decoded { value throws(Diagnostic) in try insets(value, "\(what).padding", page: page) } ?? .zero,
            background: try node["background"].decoded { value throws(Diagnostic) in try values.color(value, "\(what).background") },
            border: border,
            cornerRadius: try length(node, "corner-radius", what, of: page.width) ?? .zero,
            columns: try node["columns"].decoded { value throws(Diagnostic) in try values.integer(value, "\(what).columns", in: 1...6) } ?? 1,
            gutter: try length(node, "gutter", what, of: page.width) ?? .mm(5),
            minColumnLines: try node["min-column-lines"].decoded { value throws(Diagnostic) in
                try values.integer(value, "\(what).min-column-lines", in: 1...200) },
            centersContent: try node["vertical-align"].decoded { value throws(Diagnostic) in
                try values.keyword(value, "\(what).vertical-align", ["top": false, "middle": true]) } ?? false,
            flows: try roles(flowsNode, "\(what).flows"),
            mayOverlap: try node["overlap"].decoded { value throws(Diagnostic) in try values.bool(value, "\(what).overlap") } ?? false,
            shows: shows)
    }

    /// A box's length under `key`, a share of `whole` when written as a percentage; nil when not given.
    private func length(_ node: YAMLNode, _ key: String, _ what: String, of whole: Points) throws(Diagnostic) -> Points? {
        try node[key].decoded { value throws(Diagnostic) in try values.points(value, "\(what).\(key)", of: whole) }
    }

    /// Where a box starts across the page and how wide it is.
    private func across(_ node: YAMLNode, _ what: String, page: Size, margins: Insets) throws(Diagnostic) -> (x: Points, width: Points) {
        // Across: any two of left, right and width; the page margins fill in what is missing.
        let left = try length(node, "left", what, of: page.width)
        let right = try length(node, "right", what, of: page.width)
        let width = try length(node, "width", what, of: page.width)
        switch (left, right, width) {
        case let (left?, right?, nil): return (left, page.width - left - right)
        case let (left?, nil, width?): return (left, width)
        case let (nil, right?, width?): return (page.width - right - width, width)
        case let (nil, nil, width?): return (margins.left, width)
        case let (left?, nil, nil): return (left, page.width - left - margins.right)
        case let (nil, right?, nil): return (margins.left, page.width - margins.left - right)
        case (nil, nil, nil): return (margins.left, page.width - margins.left - margins.right)
        case (.some, .some, .some):
            throw .error(at: node["width"]!.location, "\(what) gives left, right and width",
                         hint: "give two of them; the third follows")
        }
    }

    /// A box's top and bottom edges, and its height.
    private func down(_ node: YAMLNode, _ what: String, page: Size, margins: Insets)
        throws(Diagnostic) -> (top: Edge?, bottom: Edge?, height: BoxHeight) {
        // Down: any two of top, bottom and height; the page margins fill in what is missing.
        var top = try node["top"].decoded { value throws(Diagnostic) in try edge(value, "\(what).top", fromBottom: false, page: page) }
        var bottom = try node["bottom"].decoded { value throws(Diagnostic) in try edge(value, "\(what).bottom", fromBottom: true, page: page) }
        var height = BoxHeight.fill
        if let heightNode = node["height"] {
            if (try? heightNode.text("").trimmingSpaces.lowercased()) == "auto" {
                height = .content
            } else {
                height = .fixed(try values.points(heightNode, "\(what).height", of: page.height))
            }
            if top != nil && bottom != nil {
                throw .error(at: heightNode.location, "\(what) gives top, bottom and height",
                             hint: "give two of them; the third follows")
            }
            if top == nil && bottom == nil { top = .at(margins.top) }
        } else {
            top = top ?? .at(margins.top)
            bottom = bottom ?? .at(page.height - margins.bottom)
        }
        return (top, bottom, height)
    }

    /// A box's border: its width (1 pt unless given) and colour (black unless given).
    private func border(_ node: YAMLNode, _ what: String, page: Size) throws(Diagnostic) -> Border {
        try values.checkKeys(node, what, allowed: LayoutKeys.border)
        return Border(width: try node["width"].decoded { value throws(Diagnostic) in try values.points(value, "\(what).width", of: page.width) } ?? Points(1),
                      color: try node["color"].decoded { value throws(Diagnostic) in try values.color(value, "\(what).color") } ?? .black)
    }

    /// The list of roles whose text goes into a box: none for a box that shows a picture,
    /// which cannot also receive text.
    private func flows(_ node: YAMLNode, _ what: String, shows: BoxPicture?) throws(Diagnostic) -> YAMLNode {
        if let shows, let flowsNode = node["flows"] {
            throw .error(at: flowsNode.location, "\(what) shows the \(shows.rawValue) and cannot also receive text",
                         hint: "remove `flows`, or put the \(shows.rawValue) in a box of its own")
        }
        guard let flowsNode = node["flows"] ?? (shows != nil ? YAMLNode(.sequence([]), at: node.location) : nil) else {
            throw .error(at: node.location, "\(what) has no flows",
                         hint: "add `flows: [body]`, the roles whose text goes into the box, or `shows: logo`")
        }
        return flowsNode
    }

    // MARK: Print production

    private func print(_ node: YAMLNode) throws(Diagnostic) -> PrintMarks {
        try values.checkKeys(node, "print", allowed: LayoutKeys.print)
        var marks = PrintMarks()
        if let bleed = node["bleed"] {
            marks.bleed = try values.points(bleed, "print.bleed", of: .zero)
            guard marks.bleed >= .zero, marks.bleed <= .mm(10) else {
                throw .error(at: bleed.location, "print.bleed \(marks.bleed) is not between 0 and 10 mm",
                             hint: "print shops usually ask for 3mm")
            }
        }
        if let crop = node["marks"] { marks.cropMarks = try values.bool(crop, "print.marks") }
        if let slug = node["slug"] { marks.slug = try values.bool(slug, "print.slug") }
        return marks
    }

    private func imposition(_ node: YAMLNode, page: Size) throws(Diagnostic) -> Imposition {
        try values.checkKeys(node, "imposition", allowed: LayoutKeys.imposition)
        guard let sheetNode = node["sheet"] else {
            throw .error(at: node.location, "imposition has no sheet", hint: "add `sheet: A4`, the paper the copies are printed on")
        }
        let sheet = try pageSize(sheetNode)
        guard let copiesNode = node["copies"] else {
            throw .error(at: node.location, "imposition does not say how many copies", hint: "add `copies: 2`")
        }
        let copies = try values.integer(copiesNode, "imposition.copies", in: 1...64)
        var imposition = Imposition(sheet: sheet, copies: copies)
        if let order = node["order"] {
            imposition.order = try values.keyword(order, "imposition.order",
                                                  Dictionary(uniqueKeysWithValues: Imposition.Order.allCases.map { ($0.rawValue, $0) }))
        }
        if let flip = node["flip"] {
            imposition.flip = try values.keyword(flip, "imposition.flip",
                                                 Dictionary(uniqueKeysWithValues: Imposition.Flip.allCases.map { ($0.rawValue, $0) }))
        }
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
        try values.checkKeys(node, what, allowed: LayoutKeys.edge)
        let gap = try node["gap"].decoded { value throws(Diagnostic) in try values.points(value, "\(what).gap", of: page.height) } ?? .zero
        let relation = fromBottom ? "above" : "below"
        guard let other = node[relation] else {
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

    /// The style every role starts from; a layout's `styles` change what differs.
    static let defaultStyle = TextStyle(font: FontSpec(family: "Noto Serif"), size: Points(10))

    /// The style of every role; `what` is where the styles are written, for messages.
    private func styles(_ node: YAMLNode?, _ what: String = "styles") throws(Diagnostic) -> [Role: TextStyle] {
        var styles: [Role: TextStyle] = [:]
        for role in Role.allCases { styles[role] = LayoutDecoder.defaultStyle }
        guard let node else { return styles }
        try values.checkKeys(node, what, allowed: LayoutKeys.styles)
        for entry in try node.entries(what) where entry.key != "bullet" {
            styles[Role(rawValue: entry.key)!] = try style(entry.value, "\(what).\(entry.key)")
        }
        if let bulletNode = node["bullet"] {
            styles[.demand]!.bullet = try bullet(bulletNode, "\(what).bullet", base: styles[.demand]!)
        }
        return styles
    }

    private func style(_ node: YAMLNode, _ what: String, base: TextStyle = LayoutDecoder.defaultStyle) throws(Diagnostic) -> TextStyle {
        try values.checkKeys(node, what, allowed: LayoutKeys.style)
        var style = base
        style.font = try font(node, what, base: base.font)
        if let size = node["size"] {
            style.size = try values.length(size, "\(what).size").resolved(against: .zero)
            guard style.size > .zero else { throw .error(at: size.location, "\(what).size must be more than 0", hint: "write a size such as 10pt") }
        }
        if let leading = node["leading"] {
            if let multiple = Double(try leading.text("\(what).leading").trimmingSpaces) {
                style.leading = try values.number(leading, "\(what).leading", in: 0.5...4)
                _ = multiple
            } else {
                style.leading = try values.length(leading, "\(what).leading").resolved(against: .zero) / style.size
            }
        }
        if let color = node["color"] { style.color = try values.color(color, "\(what).color") }
        if let align = node["align"] {
            style.alignment = try values.keyword(align, "\(what).align",
                                                 Dictionary(uniqueKeysWithValues: TextAlignment.allCases.map { ($0.rawValue, $0) }))
        }
        if let textCase = node["case"] {
            style.textCase = try values.keyword(textCase, "\(what).case",
                                                Dictionary(uniqueKeysWithValues: TextCase.allCases.map { ($0.rawValue, $0) }))
        }
        if let spacing = node["letter-spacing"] { style.letterSpacing = try values.ems(spacing, "\(what).letter-spacing", size: style.size) }
        if let before = node["space-before"] { style.spaceBefore = try values.length(before, "\(what).space-before").resolved(against: .zero) }
        if let after = node["space-after"] { style.spaceAfter = try values.length(after, "\(what).space-after").resolved(against: .zero) }
        if let indent = node["first-line-indent"] { style.firstLineIndent = try values.ems(indent, "\(what).first-line-indent", size: style.size) }
        if let hyphenate = node["hyphenate"] { style.hyphenate = try values.bool(hyphenate, "\(what).hyphenate") }
        return style
    }

    /// The font keys of a style or a bullet: family, weight, style, stretch.
    private func font(_ node: YAMLNode, _ what: String, base: FontSpec) throws(Diagnostic) -> FontSpec {
        var font = base
        if let family = node["family"] {
            font.family = try family.text("\(what).family").trimmingSpaces
            if let families, !families.contains(font.family) {
                let hint = closest(to: font.family, among: Array(families)).map { "did you mean '\($0)'? " } ?? ""
                throw .error(at: family.location, "no font family '\(font.family)' among the bundled fonts",
                             hint: hint + "`tract fonts` lists the families")
            }
        }
        if let weight = node["weight"] {
            if let number = Int(try weight.text("\(what).weight").trimmingSpaces) {
                font.weight = try values.integer(weight, "\(what).weight", in: 100...900)
                _ = number
            } else {
                font.weight = try values.keyword(weight, "\(what).weight", [
                    "thin": 100, "extra-light": 200, "light": 300, "regular": 400, "normal": 400, "medium": 500,
                    "semi-bold": 600, "bold": 700, "extra-bold": 800, "black": 900,
                ])
            }
        }
        if let style = node["style"] {
            font.italic = try values.keyword(style, "\(what).style", ["normal": false, "italic": true])
        }
        if let stretch = node["stretch"] {
            let text = try stretch.text("\(what).stretch").trimmingSpaces
            if text.hasSuffix("%") {
                font.stretch = try values.number(YAMLNode(.scalar(String(text.dropLast())), at: stretch.location),
                                                 "\(what).stretch", in: 50...200)
            } else {
                font.stretch = try values.keyword(stretch, "\(what).stretch", [
                    "ultra-condensed": 50, "extra-condensed": 62.5, "condensed": 75, "semi-condensed": 87.5,
                    "normal": 100, "semi-expanded": 112.5, "expanded": 125, "extra-expanded": 150,
                    "ultra-expanded": 200,
                ])
            }
        }
        return font
    }

    private func bullet(_ node: YAMLNode, _ what: String, base: TextStyle) throws(Diagnostic) -> BulletStyle {
        try values.checkKeys(node, what, allowed: LayoutKeys.bullet)
        var mark = BulletMark.square
        if let markNode = node["mark"] {
            switch try markNode.text("\(what).mark").trimmingSpaces {
            case "square": mark = .square
            case "disc": mark = .disc
            case "": throw .error(at: markNode.location, "\(what).mark is empty", hint: "write square, disc, or a character such as •")
            case let text: mark = .text(text)
            }
        }
        return BulletStyle(
            mark: mark, font: try font(node, what, base: base.font),
            scale: try node["scale"].decoded { value throws(Diagnostic) in try values.number(value, "\(what).scale", in: 0.2...4) } ?? 1,
            color: try node["color"].decoded { value throws(Diagnostic) in try values.color(value, "\(what).color") } ?? base.color,
            indent: try node["indent"].decoded { value throws(Diagnostic) in try values.ems(value, "\(what).indent", size: base.size) } ?? Ems(1.2))
    }

    // MARK: Fitting and keeps

    private func fitting(_ node: YAMLNode?, styles: [Role: TextStyle]) throws(Diagnostic) -> (HeadlineFit, BodyFit, Filling) {
        let headlineSize = styles[.headline]!.size
        let bodySize = styles[.body]!.size
        var headline = HeadlineFit(minSize: headlineSize, maxSize: headlineSize, maxLines: 3)
        var body = BodyFit(minSize: bodySize, maxSize: bodySize, roles: [.body, .leadIn, .demand, .callToAction])
        var filling = Filling()
        guard let node else { return (headline, body, filling) }
        try values.checkKeys(node, "fitting", allowed: LayoutKeys.fitting)
        if let fit = node["headline"] {
            try values.checkKeys(fit, "fitting.headline", allowed: LayoutKeys.headlineFit)
            let (low, high) = try sizes(fit, "fitting.headline", default: headlineSize)
            let lines = try fit["max-lines"].decoded { value throws(Diagnostic) in try values.integer(value, "fitting.headline.max-lines", in: 1...6) } ?? 3
            headline = HeadlineFit(minSize: low, maxSize: high, maxLines: lines,
                                   growSize: try ceiling(fit, "fitting.headline", above: high),
                                   growLines: try fit["grow-lines"].decoded { value throws(Diagnostic) in
                                       try values.integer(value, "fitting.headline.grow-lines", in: lines...8) })
        }
        if let fit = node["body"] {
            try values.checkKeys(fit, "fitting.body", allowed: LayoutKeys.bodyFit)
            let (low, high) = try sizes(fit, "fitting.body", default: bodySize)
            body = BodyFit(minSize: low, maxSize: high,
                           roles: try fit["roles"].decoded { value throws(Diagnostic) in Set(try roles(value, "fitting.body.roles")) } ?? body.roles,
                           growSize: try ceiling(fit, "fitting.body", above: high))
        }
        if let fill = node["fill"] {
            try values.checkKeys(fill, "fitting.fill", allowed: LayoutKeys.fill)
            if let order = fill["order"] { filling.order = try stages(order) }
            if let spacing = fill["max-spacing"] { filling.maxSpacing = try values.number(spacing, "fitting.fill.max-spacing", in: 1...6) }
        }
        return (headline, body, filling)
    }

    /// A `grow-to` size, which may not be below the `max` it grows from.
    private func ceiling(_ node: YAMLNode, _ what: String, above high: Points) throws(Diagnostic) -> Points? {
        guard let grow = node["grow-to"] else { return nil }
        let size = try values.length(grow, "\(what).grow-to").resolved(against: .zero)
        guard size.value.isFinite, size <= Points(2000) else {
            // The value as written: a size this large cannot be printed as points.
            let written = (try? grow.text("\(what).grow-to").trimmingSpaces) ?? ""
            throw .error(at: grow.location, "\(what).grow-to \(written) is not a size a page can hold", hint: "write a size such as 120pt")
        }
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
    private func sizes(_ node: YAMLNode, _ what: String, default size: Points) throws(Diagnostic) -> (Points, Points) {
        let low = try node["min"].decoded { value throws(Diagnostic) in try values.length(value, "\(what).min").resolved(against: .zero) } ?? size
        let high = try node["max"].decoded { value throws(Diagnostic) in try values.length(value, "\(what).max").resolved(against: .zero) } ?? size
        guard low <= high else {
            throw .error(at: node["min"]?.location ?? node.location, "\(what).min (\(low)) is above \(what).max (\(high))",
                         hint: "make min the smaller size")
        }
        guard low > .zero else {
            throw .error(at: node["min"]?.location ?? node.location, "\(what).min must be more than 0", hint: "write a size such as 8pt")
        }
        return (low, high)
    }

    private func keeps(_ node: YAMLNode?) throws(Diagnostic) -> Keeps {
        // Headlines never break across columns, and a kicker or headline always stays with what follows.
        var keeps = Keeps(orphans: 2, widows: 2, whole: [.kicker, .headline, .subheadline, .demand],
                          withNext: [.kicker, .headline, .leadIn], balanceColumns: true)
        guard let node else { return keeps }
        try values.checkKeys(node, "keeps", allowed: LayoutKeys.keeps)
        if let orphans = node["orphans"] { keeps.orphans = try values.integer(orphans, "keeps.orphans", in: 1...5) }
        if let widows = node["widows"] { keeps.widows = try values.integer(widows, "keeps.widows", in: 1...5) }
        if let leadIn = node["lead-in-with-demands"], try !values.bool(leadIn, "keeps.lead-in-with-demands") {
            keeps.withNext.remove(.leadIn)
        }
        if let whole = node["whole-demands"], try !values.bool(whole, "keeps.whole-demands") {
            keeps.whole.remove(.demand)
        }
        if let balance = node["balance-columns"] { keeps.balanceColumns = try values.bool(balance, "keeps.balance-columns") }
        return keeps
    }

    // MARK: Languages

    private func languages(_ node: YAMLNode, root: YAMLNode, styles layoutStyles: [Role: TextStyle]) throws(Diagnostic) -> [String: LanguageOverride] {
        let base = root["styles"]
        var overrides: [String: LanguageOverride] = [:]
        for entry in try node.entries("languages") {
            let what = "languages.\(entry.key)"
            guard let tag = LanguageTag.canonical(entry.key) else {
                throw .error(at: entry.keyLocation, "\(what): '\(entry.key)' is not a language tag",
                             hint: "write a BCP 47 tag such as ar, fr or fr-CA")
            }
            try values.checkKeys(entry.value, what, allowed: LayoutKeys.language)
            var override = LanguageOverride()
            if let direction = entry.value["direction"] {
                override.direction = try values.keyword(direction, "\(what).direction", ["ltr": .leftToRight, "rtl": .rightToLeft])
            }
            if let mirror = entry.value["mirror"] { override.mirror = try values.bool(mirror, "\(what).mirror") }
            if let stylesNode = entry.value["styles"] {
                // A language's style changes only the keys it gives: merged over the layout's own.
                let merged = (base ?? YAMLNode(.mapping([]), at: stylesNode.location)).merged(with: stylesNode)
                let styles = try self.styles(merged, "\(what).styles")
                for styleEntry in try stylesNode.entries("\(what).styles") {
                    if styleEntry.key == "bullet" {
                        override.styles[.demand] = styles[.demand]
                    } else if let role = Role(rawValue: styleEntry.key) {
                        override.styles[role] = styles[role]
                    } else {
                        try values.checkKeys(stylesNode, "\(what).styles", allowed: LayoutKeys.styles)
                    }
                }
            }
            if let fittingNode = entry.value["fitting"] {
                // Sizes merged over the layout's own fitting, so a language may change only `max`.
                let merged = (root["fitting"] ?? YAMLNode(.mapping([]), at: fittingNode.location)).merged(with: fittingNode)
                let (headline, body, filling) = try fitting(merged, styles: layoutStyles.merging(override.styles) { _, new in new })
                (override.headlineFit, override.bodyFit, override.filling) = (headline, body, filling)
            }
            overrides[tag] = override
        }
        return overrides
    }
}
