/// Every key a layout file may use, section by section. The decoder refuses any other, and
/// `docs/layouts.md` documents exactly these (a test checks both ways).
public enum LayoutKeys {
    public static let file = ["version", "description", "extends", "page", "colors", "pages", "styles",
                              "fitting", "keeps", "languages", "print", "imposition", "variants"]
    public static let variant = ["without", "max-words", "page", "colors", "pages", "styles", "fitting", "keeps", "languages"]
    public static let page = ["size", "orientation", "margins", "max-pages"]
    public static let sides = ["top", "right", "bottom", "left"]
    public static let pages = ["first", "following"]
    public static let box = ["left", "right", "width", "top", "bottom", "height", "padding", "background",
                             "border", "corner-radius", "columns", "gutter", "min-column-lines", "vertical-align", "flows", "overlap", "shows"]
    public static let edge = ["below", "above", "gap"]
    public static let border = ["width", "color"]
    public static let styles = ["kicker", "headline", "sub-headline", "body", "lead-in", "demand", "bullet",
                                "call-to-action", "signature", "date", "contact", "imprint"]
    public static let style = ["family", "weight", "style", "stretch", "size", "leading", "color", "align",
                               "case", "letter-spacing", "space-before", "space-after", "first-line-indent",
                               "hyphenate"]
    public static let bullet = ["mark", "family", "weight", "style", "stretch", "scale", "color", "indent"]
    public static let fitting = ["headline", "body", "fill"]
    public static let headlineFit = ["min", "max", "max-lines", "grow-to", "grow-lines"]
    public static let bodyFit = ["min", "max", "grow-to", "roles"]
    public static let fill = ["order", "max-spacing"]
    public static let keeps = ["orphans", "widows", "lead-in-with-demands", "whole-demands", "balance-columns"]
    public static let language = ["direction", "mirror", "styles", "fitting"]
    public static let print = ["bleed", "marks", "slug"]
    public static let imposition = ["sheet", "copies", "order", "flip"]

    /// The sections as `docs/layouts.md` names them, with their keys.
    public static let sections: [(name: String, keys: [String])] = [
        ("file", file), ("page", page), ("margins", sides), ("pages", pages), ("box", box), ("edge", edge),
        ("padding", sides), ("border", border), ("styles", styles), ("style", style), ("bullet", bullet),
        ("fitting", fitting), ("fitting.headline", headlineFit), ("fitting.body", bodyFit), ("fitting.fill", fill), ("keeps", keeps),
        ("languages", language), ("print", print), ("imposition", imposition), ("variants", variant),
    ]
}
