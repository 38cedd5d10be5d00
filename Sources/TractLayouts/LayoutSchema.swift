import TractCompose
import TractCore
import TractYAML

/// One key of a layout file: what it holds, its default and what it says.
public struct LayoutKey: Sendable {
    public var name: String
    /// What the value is, as the documentation shows it: `length`, `colour`, `1 to 6`.
    public var type: String
    public var fallback: Fallback
    /// One line saying what the key does.
    public var summary: String
    /// The values a length or a font-relative length may take, checked where it is read.
    public var limits: Limits?

    /// The smallest and largest value of a length (in millimetres or points, as written in
    /// the documentation) or of a length relative to the font size (in ems).
    public struct Limits: Sendable {
        public enum Unit: String, Sendable { case mm, pt, em }
        public var low: Double
        public var high: Double
        public var unit: Unit

        public init(_ low: Double, _ high: Double, _ unit: Unit) {
            (self.low, self.high, self.unit) = (low, high, unit)
        }

        /// The limits in points (or ems).
        var range: ClosedRange<Double> {
            switch unit {
            case .mm: Points.mm(low).value...Points.mm(high).value
            case .pt, .em: low...high
            }
        }

        public var description: String { "\(formatted(low))\(low == 0 ? "" : unit.rawValue) to \(formatted(high))\(unit.rawValue)" }
    }

    /// The key with limits on its values.
    func within(_ low: Double, _ high: Double, _ unit: Limits.Unit) -> LayoutKey {
        var key = self
        key.limits = Limits(low, high, unit)
        return key
    }

    /// What a key that is not written stands for.
    public enum Fallback: Sendable {
        /// Nothing: the key is required, or its absence means none.
        case none
        /// A value written as in a layout file, which the decoder reads when the key is missing.
        case value(String)
        /// A value that follows from others, in words.
        case derived(String)
    }

    init(_ name: String, _ type: String, _ fallback: Fallback, _ summary: String) {
        (self.name, self.type, self.fallback, self.summary) = (name, type, fallback, summary)
    }

    init(_ name: String, _ type: String, _ summary: String) {
        self.init(name, type, .none, summary)
    }
}

/// The keys of one section of a layout file (`page`, `box`, `fitting.body`).
public struct LayoutSection: Sendable {
    /// The section's name, as the documentation's heading gives it.
    public var name: String
    public var keys: [LayoutKey]
    /// The defaults given as values, read as if written in a file.
    let defaults: [String: YAMLNode]

    init(name: String, keys: [LayoutKey]) {
        self.name = name
        self.keys = keys
        names = keys.map(\.name)
        defaults = Dictionary(uniqueKeysWithValues: keys.compactMap { key -> (String, YAMLNode)? in
            guard case .value(let text) = key.fallback else { return nil }
            return (key.name, LayoutSection.node(text, at: SourceLocation(file: "the default of \(name).\(key.name)")))
        })
    }

    public let names: [String]

    /// A default as the node a file would give: a scalar, or a list written `[a, b]`. (Read
    /// without a YAML parser: a process reads every section's defaults, and they are this simple.)
    static func node(_ text: String, at place: SourceLocation) -> YAMLNode {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return YAMLNode(.scalar(text), at: place) }
        let items = text.dropFirst().dropLast().split(separator: ",").map { $0.trimmingSpaces }
        return YAMLNode(.sequence(items.map { YAMLNode(.scalar($0), at: place) }), at: place)
    }

    public func key(_ name: String) -> LayoutKey? { keys.first { $0.name == name } }

    /// The section's table, as `docs/layouts.md` shows it.
    public var table: String {
        func cell(_ fallback: LayoutKey.Fallback) -> String {
            switch fallback {
            case .none: ""
            case .value(let value): "`\(value)`"
            case .derived(let words): words
            }
        }
        let rows = keys.map { key in
            let type = key.limits.map { "\(key.type), \($0.description)" } ?? key.type
            return "| `\(key.name)` | \(type) | \(cell(key.fallback)) | \(key.summary) |"
        }
        return (["| Key | Value | Default | What it says |", "| --- | --- | --- | --- |"] + rows).joined(separator: "\n")
    }
}

/// Every key a layout file may use, section by section, each once. The decoder reads each
/// section through it (`SectionReader`): it refuses any other key, it takes a missing key's
/// default from here, and a test checks that it asks for every key listed. `docs/layouts.md`
/// shows these tables (`tract layouts --reference` prints them; a test checks they agree).
public enum LayoutSchema {
    static let mapping = "mapping"
    static let flag = "`true` or `false`"

    public static let file = LayoutSection(name: "file", keys: [
        LayoutKey("version", "`1`", "The version of this format the file is written in. Required, unless inherited through `extends`."),
        LayoutKey("description", "text", "One line saying what the layout is for, shown by `tract layouts`."),
        LayoutKey("extends", "layout name or path", """
            Another layout this one starts from: a shipped layout's name, or a path relative to this file. \
            Every key given here replaces or adds to the parent's; mappings are merged key by key, lists and single values are \
            replaced, and a key set to null (`null`, `~` or nothing after the colon) removes the parent's (a box, a style). \
            Anchors and aliases (`&name`, `*name`) are refused, and a key written twice is an error at its second place, as in \
            every YAML file tract reads.
            """),
        LayoutKey("fonts", "path or list of paths", """
            Font files (`.ttf`, `.otf`, `.ttc`) and folders of them, relative to this file, whose families the styles may \
            name beside the bundled ones. A font whose licence forbids embedding (OpenType `fsType`) is refused.
            """),
        LayoutKey("system-fonts", flag, .value("false"), """
            `true` lets the styles name the fonts installed on the machine too. Off by default, so that a layout renders \
            the same everywhere.
            """),
        LayoutKey("page", mapping, "The page: its size, orientation, margins and how many pages a leaflet may take (see page). Required."),
        LayoutKey("colors", mapping, "Named colours, `name: \"#rrggbb\"`, usable wherever a colour is asked for."),
        LayoutKey("pages", mapping, "The boxes of the first page and of the pages after it (see pages). Required."),
        LayoutKey("styles", mapping, "A style for each role, and the demands' bullet (see styles)."),
        LayoutKey("fitting", mapping, "How the headline is sized to its box, and how the body is copyfitted (see fitting)."),
        LayoutKey("keeps", mapping, "What stays together across columns and boxes (see keeps)."),
        LayoutKey("languages", mapping, "What changes for some languages, by language tag (see languages)."),
        LayoutKey("print", mapping, "What a print shop needs around the page: bleed, crop marks, a slug line (see print)."),
        LayoutKey("imposition", mapping, "Several copies on a larger sheet, to print and cut (see imposition)."),
        LayoutKey("variants", "list", "Other designs of the layout for texts that lack some roles or have few words (see variants)."),
    ])

    public static let page = LayoutSection(name: "page", keys: [
        LayoutKey("size", "page size", """
            `A3`, `A4`, `A5`, `A6`, `Letter`, `Legal` or `DL`, or a width and height such as `210mm x 297mm`. Required.
            """),
        LayoutKey("orientation", "`portrait` or `landscape`", .derived("as `size` is"),
                  "Turns the page; a named size is portrait."),
        LayoutKey("margins", "length or sides", .value("15mm"), """
            The page margins: one length for all four sides, or a mapping (see margins). Boxes that do not say where they are \
            sit inside the margins.
            """),
        LayoutKey("max-pages", "`1` or `2`", .value("1"), """
            The most pages a leaflet may take: `2` for recto-verso. A leaflet that fits the first page alone takes one page; \
            otherwise the text that does not fit the first page continues on the second, in the boxes of `pages.following`, and \
            a box sized to its content whose roles have a box on both pages (the demands) goes on the second.
            """),
    ])

    /// The four sides of the page's margins or of a box's padding.
    static func sides(_ name: String, _ summaries: [String]) -> LayoutSection {
        LayoutSection(name: name, keys: zip(["top", "right", "bottom", "left"], summaries).map { side, summary in
            LayoutKey(side, "length", .value("0"), summary).within(0, 1000, .mm)
        })
    }

    public static let margins = sides("margins", ["The top side.", "The right side.", "The bottom side.", "The left side."])
    public static let padding = sides("padding", ["Space above the text.", "Space right of the text.", "Space below the text.",
                                                  "Space left of the text."])

    public static let pages = LayoutSection(name: "pages", keys: [
        LayoutKey("first", "boxes", "The boxes of the first page: a mapping from box names to boxes, painted in that order. Required."),
        LayoutKey("following", "boxes", .derived("the first page's boxes"),
                  "The boxes of the pages after the first (the back of a recto-verso leaflet)."),
    ])

    public static let box = LayoutSection(name: "box", keys: [
        LayoutKey("left", "length", .derived("the left margin"), "The distance from the page's left edge to the box."),
        LayoutKey("right", "length", .derived("the right margin"), "The distance from the page's right edge to the box."),
        LayoutKey("width", "length", .derived("from left to right"), "The box's width."),
        LayoutKey("top", "length or edge", .derived("the top margin"),
                  "Where the top edge is: a distance from the page's top, or an edge (see edge) below another box."),
        LayoutKey("bottom", "length or edge", .derived("the bottom margin"),
                  "Where the bottom edge is: a distance from the page's bottom, or an edge above another box."),
        LayoutKey("height", "length or `auto`", .derived("from top to bottom"),
                  "The box's height, or `auto`: as tall as the text it receives (and its padding)."),
        LayoutKey("padding", "length or sides", .value("0"),
                  "Space between the box's edges and its text: one length or a mapping of the four sides (see padding)."),
        LayoutKey("background", "colour", "A colour filling the box."),
        LayoutKey("border", mapping, "A line around the box (see border)."),
        LayoutKey("corner-radius", "length", .value("0"), "Rounds the corners of the background and border.").within(0, 500, .mm),
        LayoutKey("columns", "1 to 6", .value("1"), "How many columns the text is set in."),
        LayoutKey("gutter", "length", .value("5mm"), "The space between columns.").within(0, 100, .mm),
        LayoutKey("min-column-lines", "1 to 200", .derived("always `columns`"), """
            With it, the box sets a short text in fewer columns than `columns`: the most columns that still give each one \
            this many lines and are at least 16 ems of its justified text wide, so that a 100-word body, or one grown large, \
            is one wide column rather than two thin strips.
            """),
        LayoutKey("vertical-align", "`top` or `middle`", .value("top"), """
            `middle`: text that leaves room at the foot of the box is moved down to its middle, so a short text sits between \
            the headline and the signature rather than over a hole.
            """),
        LayoutKey("flows", "roles", """
            The roles whose text goes into the box, in reading order: `[body]`, `[lead-in, demand]`. Boxes that list the same \
            roles are linked: text that does not fit one continues in the next, on this page or the next. An empty list `[]` \
            makes a box that only draws its background and border. Required, unless the box `shows` a picture.
            """),
        LayoutKey("overlap", flag, .value("false"), "`true` lets the box overlap others (a logo on a band). Otherwise overlapping boxes are an error."),
        LayoutKey("shows", "`logo`, `photo` or `qr-code`", """
            A picture instead of text: the leaflet's logo, from its front matter or `leaflet.yaml`, as large as fits with its \
            proportions kept; its photo (`photo:`), fitted as `fit` says; or a QR code of the leaflet's `url`, with the address \
            under it in the `contact` style (both link to it). A box that shows a picture has no `flows`. A leaflet without a \
            logo or an address leaves the box empty; one without a photo leaves out the photo's box, and the boxes placed \
            below or above it take its place.
            """),
        LayoutKey("fit", "`cover` or `contain`", .value("cover"), """
            How a photo fills its box: `cover` fills the whole box and crops the photo around its focus; `contain` shows the \
            whole photo, as large as fits.
            """),
        LayoutKey("focus", "two percentages", .value("50% 50%"), """
            The point of a photo kept in view when `cover` crops it, across then down (`50% 30%`: the middle, a third of the \
            way down). A leaflet's own `photo-focus` wins.
            """),
    ])

    public static let edge = LayoutSection(name: "edge", keys: [
        LayoutKey("below", "box name", "For a `top` edge: the box this one starts below."),
        LayoutKey("above", "box name", "For a `bottom` edge: the box this one ends above."),
        LayoutKey("gap", "length", .value("0"), "The space between the two boxes.").within(0, 1000, .mm),
    ])

    public static let border = LayoutSection(name: "border", keys: [
        LayoutKey("width", "length", .value("1pt"), "The line's width.").within(0, 20, .mm),
        LayoutKey("color", "colour", .value("black"), "The line's colour."),
    ])

    /// A style for each role, in reading order, and the bullet after the demands.
    public static let styles = LayoutSection(name: "styles", keys: Role.allCases.flatMap { role in
        let key = LayoutKey(role.rawValue, "style", role.traits.summary)
        guard role == .demand else { return [key] }
        return [key, LayoutKey("bullet", "bullet", "The mark before each demand (see bullet). Without it, demands have no bullet.")]
    })

    public static let style = LayoutSection(name: "style", keys: [
        LayoutKey("family", "font family", .value("Noto Serif"), "The font family: a bundled one, or one of the fonts the layout adds with `fonts:` (`tract fonts --layout FILE` lists them)."),
        LayoutKey("weight", "weight", .value("regular"), """
            `thin`, `extra-light`, `light`, `regular`, `medium`, `semi-bold`, `bold`, `extra-bold`, `black`, or 100 to 900.
            """),
        LayoutKey("style", "`normal` or `italic`", .value("normal"), "Upright or italic."),
        LayoutKey("stretch", "width", .value("normal"), """
            `ultra-condensed`, `extra-condensed`, `condensed`, `semi-condensed`, `normal`, `semi-expanded`, `expanded`, \
            `extra-expanded`, `ultra-expanded`, or a percentage such as `75%`.
            """),
        LayoutKey("size", "length", .value("10pt"), "The font size. For the roles copyfitting scales, this is the size at scale 1.")
            .within(1, 2000, .pt),
        LayoutKey("leading", "number or length", .value("1.25"),
                  "The distance between baselines: a multiple of the size (`1.3`, from 0.5 to 4) or a length (`13pt`)."),
        LayoutKey("color", "colour", .value("black"), "The text's colour."),
        LayoutKey("align", "alignment", .value("left"), """
            `left`, `right`, `center` or `justify` (the last line of a paragraph is set left; in a measure under 14 ems, as in \
            a narrow sidebar or a short text grown large, justified text is set ragged).
            """),
        LayoutKey("case", "`as-written`, `upper` or `lower`", .value("as-written"), "Capitals keep their accents: `À BAS`."),
        LayoutKey("letter-spacing", "length or ems", .value("0"), "Extra space between letters.").within(-0.2, 1, .em),
        LayoutKey("space-before", "length", .value("0"), "Space above each paragraph of the role; dropped at the top of a column.")
            .within(0, 200, .mm),
        LayoutKey("space-after", "length", .value("0"), "Space below each paragraph of the role.").within(0, 200, .mm),
        LayoutKey("first-line-indent", "length or ems", .value("0"),
                  "The indent of a paragraph's first line, when it follows another of the same role.").within(0, 20, .em),
        LayoutKey("hyphenate", flag, .value("true"), "Whether words of the role may be broken at line ends."),
        LayoutKey("justification", mapping, "How justified lines are filled (see justification)."),
    ])

    public static let justification = LayoutSection(name: "justification", keys: [
        LayoutKey("word-space-min", "percentage", .value("67%"), "The narrowest a word space may become, as a share of its width."),
        LayoutKey("word-space-max", "percentage", .value("160%"), """
            The widest a word space may become before the line counts as loose; looser lines are taken only when no \
            better breaks exist.
            """),
        LayoutKey("expansion", "percentage", .value("2%"), """
            How far a line's glyphs may be widened or narrowed to fill it (font expansion, in steps of 0.1 %), counted by the \
            line breaker as stretch and shrink. `0%` turns it off.
            """),
        LayoutKey("tracking", "ems", .value("0.02em"), """
            The most letter-spacing a line may take when its spaces and expansion cannot fill it; never in Arabic, whose \
            letters join. `0em` turns it off.
            """).within(0, 0.1, .em),
        LayoutKey("protrusion", flag, .value("true"), """
            Whether hyphens, full stops, commas, colons, quotes and guillemets at a line's ends hang into the margin by a \
            share of their width, so that the edge looks straight.
            """),
        LayoutKey("emergency-stretch", "ems", .value("1.5em"), """
            The stretch every line of a paragraph gets in a pass tried before one very loose line is accepted, so that the \
            looseness is spread (TeX's emergency stretch). `0em` turns it off.
            """).within(0, 10, .em),
    ])

    public static let bullet = LayoutSection(name: "bullet", keys: [
        LayoutKey("mark", "`square`, `disc` or text", .value("square"),
                  "The drawn shapes, or any text such as `•` or `–`, set in the bullet's font."),
        LayoutKey("family", "font family", .derived("the demand's"), "The font of a text mark."),
        LayoutKey("weight", "weight", .derived("the demand's"), "Its weight."),
        LayoutKey("style", "`normal` or `italic`", .derived("the demand's"), "Its style."),
        LayoutKey("stretch", "width", .derived("the demand's"), "Its width."),
        LayoutKey("scale", "0.2 to 4", .value("1"), "The mark's size as a multiple of the demand's size."),
        LayoutKey("color", "colour", .derived("the demand's"), "The mark's colour."),
        LayoutKey("indent", "length or ems", .value("1.2em"), "The hanging indent: how far the demand's lines start from the mark.")
            .within(0, 20, .em),
    ])

    public static let fitting = LayoutSection(name: "fitting", keys: [
        LayoutKey("headline", mapping, "How the headline is sized (see fitting.headline)."),
        LayoutKey("body", mapping, "How the body is copyfitted (see fitting.body)."),
        LayoutKey("fill", mapping, "How a short text fills the page (see fitting.fill)."),
    ])

    public static let headlineFit = LayoutSection(name: "fitting.headline", keys: [
        LayoutKey("min", "length", .derived("`styles.headline.size`"), "The smallest headline size.").within(1, 2000, .pt),
        LayoutKey("max", "length", .derived("`styles.headline.size`"), "The largest headline size.").within(1, 2000, .pt),
        LayoutKey("max-lines", "1 to 6", .value("3"), "The most lines the headline may take."),
        LayoutKey("grow-to", "length", .derived("`max`"),
                  "How large the headline may grow when a short text leaves room (see fitting). Not below `max`.")
            .within(1, 2000, .pt),
        LayoutKey("grow-lines", "`max-lines` to 8", .derived("`max-lines`"), "The most lines a grown headline may take."),
    ])

    public static let bodyFit = LayoutSection(name: "fitting.body", keys: [
        LayoutKey("min", "length", .derived("`styles.body.size`"), "The body size at the smallest scale.").within(1, 2000, .pt),
        LayoutKey("max", "length", .derived("`styles.body.size`"), "The body size at the largest scale.").within(1, 2000, .pt),
        LayoutKey("grow-to", "length", .derived("`max`"),
                  "How large the body may grow when a short text leaves room (see fitting). Not below `max`.")
            .within(1, 2000, .pt),
        LayoutKey("roles", "roles", .value("[" + Role.allCases.filter(\.traits.scaled).map(\.rawValue).joined(separator: ", ") + "]"),
                  "The roles the scale applies to."),
    ])

    public static let fill = LayoutSection(name: "fitting.fill", keys: [
        LayoutKey("order", "stages", .value("[headline, body, spacing]"), """
            What takes the room a short text leaves, in order: any of `headline`, `body`, `flows` (each flow alone that still \
            has room in boxes of its own, a sidebar beside the body) and `spacing`, each at most once. The shipped layouts \
            give `[body, headline, flows, spacing]`, so a short text is first set larger and its headline then takes what is \
            left; `[]` fills nothing.
            """),
        LayoutKey("max-spacing", "1 to 6", .value("1"), """
            How far the space between blocks and the gaps between boxes may grow, as a multiple of the layout's; paragraphs \
            set with no space between them get up to a third of a line for each step past 1.
            """),
    ])

    public static let keeps = LayoutSection(name: "keeps", keys: [
        LayoutKey("orphans", "1 to 5", .value("2"), "The fewest lines of a paragraph left at the foot of a column."),
        LayoutKey("widows", "1 to 5", .value("2"), "The fewest lines of a paragraph carried to the head of the next column."),
        LayoutKey("lead-in-with-demands", flag, .value("true"), "The lead-in stays in the same column as the first demand."),
        LayoutKey("whole-demands", flag, .value("true"), "A demand is never split across columns or boxes."),
        LayoutKey("balance-columns", flag, .value("true"), "The columns of the box where the text ends end level."),
    ])

    public static let language = LayoutSection(name: "languages", keys: [
        LayoutKey("direction", "`ltr` or `rtl`", .derived("the script's"), """
            Right to left, lines start at the right: `left` and `right` alignments swap, the last line of a justified \
            paragraph is set right, and indents and bullets go to the right.
            """),
        LayoutKey("mirror", flag, .value("false"), """
            `true` places every box at its mirror place across the page (a sidebar on the right moves to the left), padding \
            included.
            """),
        LayoutKey("styles", mapping, """
            Style keys that change for the language, by role, merged over the layout's styles \
            (`body: {family: Noto Naskh Arabic}`).
            """),
        LayoutKey("fitting", mapping, """
            Fitting sizes that change for the language, merged over the layout's `fitting` (`body: {max: 13pt}`): a script \
            that reads small at a given size may be allowed larger.
            """),
    ])

    public static let print = LayoutSection(name: "print", keys: [
        LayoutKey("bleed", "0 to 10mm", .value("0"), """
            How far backgrounds that touch the edge of the page run past it, so that a cut a little off never leaves a white \
            line: `3mm` is usual. A bleed with no background at the edge is an error.
            """),
        LayoutKey("marks", flag, .value("false"), "`true` draws crop marks at the corners, outside the bleed."),
        LayoutKey("slug", flag, .value("false"), """
            `true` writes a line outside the page, under the marks: the leaflet's name, its language, the layout and the date.
            """),
    ])

    public static let imposition = LayoutSection(name: "imposition", keys: [
        LayoutKey("sheet", "page size", "The paper, a size as for `page.size` (`A4`, `A3`, `210mm x 297mm`). Required."),
        LayoutKey("copies", "1 to 64", "How many copies on a sheet. Copies that do not fit the sheet are an error. Required."),
        LayoutKey("order", "`same` or `consecutive`", .value("same"), """
            `same`: every copy on a sheet is the same page, a stack to cut into identical leaflets; a recto-verso leaflet gets \
            a second sheet with every back. `consecutive`: the copies are the leaflet's pages one after the other.
            """),
        LayoutKey("flip", "`long-edge` or `short-edge`", .value("long-edge"), """
            How the printer turns the sheet over for its back, which decides where each copy's back goes, as the printer's \
            duplex setting of the same name.
            """),
    ])

    public static let variant = LayoutSection(name: "variants", keys: [
        LayoutKey("without", "roles", "The roles the texts it is for have none of: `[lead-in, demand, call-to-action]`."),
        LayoutKey("max-words", "1 to 100000", """
            The most words the texts it is for have, every role counted. A variant gives `without`, `max-words` or both; with \
            both, a text must meet both.
            """),
        LayoutKey("page", mapping, "The page, as for the layout."),
        LayoutKey("colors", mapping, "Colours added or changed."),
        LayoutKey("pages", mapping, "The boxes that change, are added or (set to `null`) are removed."),
        LayoutKey("styles", mapping, "The styles that change."),
        LayoutKey("fitting", mapping, "The fitting that changes."),
        LayoutKey("keeps", mapping, "The keeps that change."),
        LayoutKey("languages", mapping, "What changes for some languages, merged over the layout's."),
    ])

    /// Every section, in the order of the documentation.
    public static let sections = [
        file, page, margins, pages, box, edge, padding, border, styles, style, justification, bullet,
        fitting, headlineFit, bodyFit, fill, keeps, language, print, imposition, variant,
    ]

    /// Every section's table under its heading, as `docs/layouts.md` shows them, after the roles.
    public static var reference: String {
        (["## roles\n\n\(roles)\n"] + sections.map { "## \($0.name)\n\n\($0.table)\n" }).joined(separator: "\n")
    }

    /// The roles, in reading order: what each is, where a source gives it, whether copyfitting
    /// scales it, what keeps it, and which boxes receive it in a layout that gives it none.
    public static var roles: String {
        func code(_ text: String?) -> String { text.map { "`\($0)`" } ?? "" }
        let rows = Role.allCases.map { role in
            let traits = role.traits
            let keeps = [traits.keptWhole ? "whole" : nil, traits.keptWithNext ? "with the next" : nil].compactMap { $0 }
            let cells = [code(role.rawValue), traits.summary, code(traits.frontMatterKey), code(traits.folderKey),
                         traits.scaled ? "yes" : "", keeps.joined(separator: ", "),
                         traits.fallback.map { "with `\($0.rawValue)`" } ?? "required"]
            return "| " + cells.joined(separator: " | ") + " |"
        }
        return (["| Role | What it is | Front matter | `leaflet.yaml` | Scaled | Kept | Without a box of its own |",
                 "| --- | --- | --- | --- | --- | --- | --- |"] + rows).joined(separator: "\n")
    }
}

/// The keys the decoder has asked a section for, as `section.key`: kept by a test to show that
/// every key the schema lists is read.
final class AskedKeys {
    var keys: Set<String> = []
}

/// One mapping of a layout read as a section of the schema. Its keys are checked when it is
/// made; each key is then asked for by name, and a key that is not written reads as its default.
struct SectionReader {
    let node: YAMLNode
    let section: LayoutSection
    /// Where the mapping is, for messages: `pages.first.body`.
    let what: String
    var asked: AskedKeys?

    /// Reads `node`, or when there is none, an empty section at `place`, where every key takes
    /// its default. Unless `checking` is false, a key the section does not list is an error.
    init(_ node: YAMLNode?, _ section: LayoutSection, _ what: String, at place: SourceLocation,
         values: ValueReader, checking: Bool = true) throws(Diagnostic) {
        self.node = node ?? YAMLNode(.mapping([]), at: place)
        self.section = section
        self.what = what
        asked = values.asked
        if checking { try values.checkKeys(self.node, what, allowed: section.names) }
    }

    /// The entries written for `keys`, in the order written.
    func entries(among keys: [String]) throws(Diagnostic) -> [(key: String, keyLocation: SourceLocation, value: YAMLNode)] {
        let wanted = Set(keys.filter { written($0) != nil })
        return try node.entries(what).filter { wanted.contains($0.key) }
    }

    /// The value written for `key`, nil when it is not.
    func written(_ key: String) -> YAMLNode? {
        // A mistake in tract, caught by the tests, which run a debug build.
        assert(section.names.contains(key), "'\(key)' is not a key of \(section.name) in the layout schema")
        asked?.keys.insert("\(section.name).\(key)")
        return node[key]
    }

    /// The value written for `key`, else its default, else nil.
    subscript(key: String) -> YAMLNode? {
        written(key) ?? section.defaults[key]
    }

    /// The path of `key` in messages: `pages.first.body.gutter`.
    func path(_ key: String) -> String { "\(what).\(key)" }

    /// A length read from `key`, refused outside the schema's limits for the key.
    func within(_ key: String, _ value: Points) throws(Diagnostic) -> Points {
        try check(key, value.value)
        return value
    }

    /// A font-relative length read from `key`, refused outside the schema's limits for the key.
    func within(_ key: String, _ value: Ems) throws(Diagnostic) -> Ems {
        try check(key, value.value)
        return value
    }

    private func check(_ key: String, _ value: Double) throws(Diagnostic) {
        guard let limits = section.key(key)?.limits, !limits.range.contains(value) else { return }
        let place = node[key] ?? node
        let written = (try? place.text(path(key)).trimmingSpaces) ?? ""
        throw .error(at: place.location, "\(path(key)) \(written) is out of range", hint: "give a value from \(limits.description)")
    }
}
