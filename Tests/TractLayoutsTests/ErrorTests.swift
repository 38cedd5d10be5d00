import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// A layout with one mistake in it, the diagnostic it must give, and where that diagnostic points.
struct Mistake: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var message: String
    /// The text the diagnostic points at: its line and column are where this first appears; nil
    /// when the diagnostic names the file only.
    var at: String?
    /// Text one of the hints contains.
    var hint: String

    var testDescription: String { name }
}

/// The roles but those of the headline band, for layouts with a band box and a box for the rest.
let otherRoles = "[body, lead-in, demand, call-to-action, signature, date, contact, imprint]"

let mistakes: [Mistake] = [
    // YAML itself.
    Mistake(name: "a value after a value", text: "version: 1\npage:\n  size: A4: A5\npages: {first: {main: {flows: \(allRoles)}}}\n",
            message: "the layout is not valid YAML: mapping values are not allowed in this context", at: ": A5", hint: "indentation"),
    Mistake(name: "an unclosed list", text: "version: 1\npage: {size: A4}\npages: {first: {main: {flows: [body, date}}}\n",
            message: "the layout is not valid YAML: did not find expected ',' or ']'", at: "}}}", hint: "indentation"),
    Mistake(name: "a tab", text: "version: 1\npage:\n\tsize: A4\n",
            message: "the layout is not valid YAML: found character that cannot start any token", at: "\t", hint: "indentation"),
    Mistake(name: "a key given twice", text: "version: 1\npage: {size: A4}\npage: {size: A5}\npages: {first: {main: {flows: \(allRoles)}}}\n",
            message: "'page' is given twice", at: "page: {size: A5}", hint: "keep one"),
    Mistake(name: "a key given twice in a box", text: layout(boxes: "main: {columns: 2, columns: 3, flows: \(allRoles)}"),
            message: "'columns' is given twice", at: "columns: 3", hint: "keep one"),
    Mistake(name: "an empty file", text: "# nothing yet\n", message: "the layout is empty", at: nil, hint: "tract layouts"),
    Mistake(name: "a list for the whole file", text: "- version: 1\n",
            message: "the layout must be a mapping of `key: value` lines", at: "- version", hint: "key: value"),

    // Keys.
    Mistake(name: "misspelt margins", text: layout(page: "{size: A4, marigns: 10mm}", boxes: "main: {flows: \(allRoles)}"),
            message: "unknown key 'marigns' in page", at: "marigns", hint: "did you mean 'margins'?"),
    Mistake(name: "misspelt section", text: minimalLayout + "stlyes: {body: {size: 9pt}}\n",
            message: "unknown key 'stlyes' in the layout", at: "stlyes", hint: "did you mean 'styles'?"),
    Mistake(name: "misspelt box key", text: layout(boxes: "main: {colums: 2, flows: \(allRoles)}"),
            message: "unknown key 'colums' in pages.first.main", at: "colums", hint: "did you mean 'columns'?"),
    Mistake(name: "misspelt style key", text: minimalLayout + "styles:\n  body:\n    size: 9pt\n    colour: white\n",
            message: "unknown key 'colour' in styles.body", at: "colour", hint: "did you mean 'color'?"),
    Mistake(name: "a role that is not one", text: minimalLayout + "styles:\n  footer: {size: 9pt}\n",
            message: "unknown key 'footer' in styles", at: "footer", hint: "kicker, headline"),
    Mistake(name: "a third kind of page", text: minimalLayout.replacing("}}}", with: "}}, second: {}}"),
            message: "unknown key 'second' in pages", at: "second", hint: "first, following"),
    Mistake(name: "an edge key", text: layout(boxes: "main: {top: {under: band}, flows: \(allRoles)}"),
            message: "unknown key 'under' in pages.first.main.top", at: "under", hint: "below, above, gap"),
    Mistake(name: "a bullet key", text: minimalLayout + "styles: {bullet: {size: 9pt}}\n",
            message: "unknown key 'size' in styles.bullet", at: "size: 9pt", hint: "mark"),
    Mistake(name: "a fitting key", text: minimalLayout + "fitting: {headline: {max-line: 2}}\n",
            message: "unknown key 'max-line' in fitting.headline", at: "max-line", hint: "did you mean 'max-lines'?"),
    Mistake(name: "a keeps key", text: minimalLayout + "keeps: {orphan: 2}\n",
            message: "unknown key 'orphan' in keeps", at: "orphan", hint: "did you mean 'orphans'?"),
    Mistake(name: "a language key", text: minimalLayout + "languages: {ar: {dir: rtl}}\n",
            message: "unknown key 'dir' in languages.ar", at: "dir", hint: "direction"),
    Mistake(name: "a language style key", text: minimalLayout + "languages: {ar: {styles: {body: {fmaily: Noto Naskh Arabic}}}}\n",
            message: "unknown key 'fmaily' in languages.ar.styles.body", at: "fmaily", hint: "did you mean 'family'?"),

    // Types.
    Mistake(name: "a list for a length", text: layout(boxes: "main: {width: [10mm, 20mm], flows: \(allRoles)}"),
            message: "pages.first.main.width must be a single value, not a list or a mapping", at: "[10mm", hint: "one value"),
    Mistake(name: "a list for margins", text: layout(page: "{size: A4, margins: [10mm, 20mm]}", boxes: "main: {flows: \(allRoles)}"),
            message: "page.margins must be one length, or a mapping of top, right, bottom and left", at: "[10mm", hint: "15mm"),
    Mistake(name: "a word for a list", text: layout(boxes: "main: {flows: body}"),
            message: "pages.first.main.flows must be a list of roles", at: "body}", hint: "[body]"),
    Mistake(name: "a mapping for a section of boxes", text: "version: 1\npage: {size: A4}\npages: {first: [main]}\n",
            message: "pages.first must be a mapping of `key: value` lines", at: "[main]", hint: "key: value"),
    Mistake(name: "a word for a number", text: layout(boxes: "main: {columns: two, flows: \(allRoles)}"),
            message: "pages.first.main.columns 'two' is not a whole number from 1 to 6", at: "two", hint: "1"),
    Mistake(name: "too many columns", text: layout(boxes: "main: {columns: 7, flows: \(allRoles)}"),
            message: "pages.first.main.columns '7' is not a whole number from 1 to 6", at: "7", hint: "1"),
    Mistake(name: "a word for true or false", text: minimalLayout + "styles: {body: {hyphenate: maybe}}\n",
            message: "styles.body.hyphenate 'maybe' is not true or false", at: "maybe", hint: "true or false"),
    Mistake(name: "a leading out of range", text: minimalLayout + "styles: {body: {leading: 10}}\n",
            message: "styles.body.leading 10 is out of range", at: "10}", hint: "0.5 to 4"),
    Mistake(name: "a stretch out of range", text: minimalLayout + "styles: {body: {stretch: 300%}}\n",
            message: "styles.body.stretch 300 is out of range", at: "300%", hint: "50 to 200"),
    Mistake(name: "an unknown weight", text: minimalLayout + "styles: {body: {weight: heavy}}\n",
            message: "styles.body.weight 'heavy' is not one of black, bold, extra-bold, extra-light, light, medium, normal, regular, semi-bold, thin",
            at: "heavy", hint: "write one of"),
    Mistake(name: "a misspelt alignment", text: minimalLayout + "styles: {body: {align: centre}}\n",
            message: "styles.body.align 'centre' is not one of center, justify, left, right", at: "centre", hint: "did you mean 'center'?"),
    Mistake(name: "a weight out of range", text: minimalLayout + "styles: {body: {weight: 950}}\n",
            message: "styles.body.weight '950' is not a whole number from 100 to 900", at: "950", hint: "100"),
    Mistake(name: "an unknown colour", text: minimalLayout + "colors: {red: \"#b3121b\"}\nstyles: {body: {color: redd}}\n",
            message: "styles.body.color 'redd' is not a colour", at: "redd", hint: "did you mean 'red'?"),
    Mistake(name: "an unquoted colour", text: minimalLayout + "styles:\n  body:\n    color: #b3121b\n",
            message: "styles.body.color is empty", at: " #b3121b", hint: "quotes"),
    Mistake(name: "an empty bullet", text: minimalLayout + "styles: {bullet: {mark: \"\"}}\n",
            message: "styles.bullet.mark is empty", at: "\"\"", hint: "square"),
    Mistake(name: "an unknown role", text: layout(boxes: "main: {flows: [kicker, headline, sub-headline, bodi]}"),
            message: "'bodi' is not a role", at: "bodi", hint: "did you mean 'body'?"),
    Mistake(name: "an unknown direction", text: minimalLayout + "languages: {ar: {direction: right}}\n",
            message: "languages.ar.direction 'right' is not one of ltr, rtl", at: "right", hint: "ltr"),

    // Units.
    Mistake(name: "a length with no unit", text: layout(boxes: "main: {left: 15, flows: \(allRoles)}"),
            message: "pages.first.main.left '15' has no unit", at: "15,", hint: "15mm, 1.5cm, 12pt, 1in, 10%"),
    Mistake(name: "a length in pixels", text: layout(boxes: "main: {left: 15px, flows: \(allRoles)}"),
            message: "pages.first.main.left '15px' is not a length", at: "15px", hint: "15mm"),
    Mistake(name: "margins with no unit", text: layout(page: "{size: A4, margins: 15}", boxes: "main: {flows: \(allRoles)}"),
            message: "page.margins '15' has no unit", at: "15}", hint: "15mm"),
    Mistake(name: "a size with no unit", text: minimalLayout + "styles:\n  body:\n    size: 12\n",
            message: "styles.body.size '12' has no unit", at: "12", hint: "12pt"),
    Mistake(name: "a size of zero", text: minimalLayout + "styles:\n  body:\n    size: 0\n",
            message: "styles.body.size 0 is out of range", at: "0\n", hint: "1pt to 2000pt"),
    Mistake(name: "a percentage of a font size", text: minimalLayout + "styles: {body: {letter-spacing: 10%}}\n",
            message: "styles.body.letter-spacing '10%' is not a length", at: "10%", hint: "1.2em"),
    Mistake(name: "ems across the page", text: layout(boxes: "main: {left: 2em, flows: \(allRoles)}"),
            message: "pages.first.main.left '2em' is not a length", at: "2em", hint: "10%"),

    // The page.
    Mistake(name: "an unknown page size", text: layout(page: "{size: A7}", boxes: "main: {flows: \(allRoles)}"),
            message: "page.size 'A7' is not a page size", at: "A7", hint: "A3, A4, A5, A6, DL, Legal, Letter"),
    Mistake(name: "a misspelt page size", text: layout(page: "{size: Leter}", boxes: "main: {flows: \(allRoles)}"),
            message: "page.size 'Leter' is not a page size", at: "Leter", hint: "did you mean 'Letter'?"),
    Mistake(name: "a page of no width", text: layout(page: "{size: 0mm x 297mm}", boxes: "main: {flows: \(allRoles)}"),
            message: "page.size '0mm x 297mm' is not a page", at: "0mm x", hint: "positive"),
    Mistake(name: "a page size in pixels", text: layout(page: "{size: 800px x 600px}", boxes: "main: {flows: \(allRoles)}"),
            message: "the page width '800px' is not a length", at: "800px", hint: "15mm"),
    Mistake(name: "three pages", text: layout(page: "{size: A4, max-pages: 3}", boxes: "main: {flows: \(allRoles)}"),
            message: "page.max-pages '3' is not a whole number from 1 to 2", at: "3}", hint: "1"),
    Mistake(name: "an unknown orientation", text: layout(page: "{size: A4, orientation: sideways}", boxes: "main: {flows: \(allRoles)}"),
            message: "page.orientation 'sideways' is not one of landscape, portrait", at: "sideways", hint: "landscape"),
    Mistake(name: "no page size", text: layout(page: "{margins: 10mm}", boxes: "main: {flows: \(allRoles)}"),
            message: "page has no size", at: "{margins", hint: "size: A4"),
    Mistake(name: "no page", text: "version: 1\npages: {first: {main: {flows: \(allRoles)}}}\n",
            message: "the layout has no `page` section", at: "version", hint: "size: A4"),
    Mistake(name: "no pages", text: "version: 1\npage: {size: A4}\n",
            message: "the layout has no `pages` section", at: "version", hint: "first:"),
    Mistake(name: "no first page", text: "version: 1\npage: {size: A4}\npages: {following: {main: {flows: \(allRoles)}}}\n",
            message: "pages has no `first` page", at: "{following", hint: "first:"),
    Mistake(name: "a page with no boxes", text: "version: 1\npage: {size: A4}\npages: {first: {}}\n",
            message: "pages.first has no boxes", at: "{}", hint: "add at least one box"),
    Mistake(name: "a box with no flows", text: layout(boxes: "main: {columns: 2}"),
            message: "pages.first.main has no flows", at: "{columns", hint: "flows: [body]"),

    // The version.
    Mistake(name: "no version", text: "page: {size: A4}\npages: {first: {main: {flows: \(allRoles)}}}\n",
            message: "the layout does not say which version of the format it is written in", at: "page", hint: "version: 1"),
    Mistake(name: "a later version", text: "version: 2\npage: {size: A4}\npages: {first: {main: {flows: \(allRoles)}}}\n",
            message: "this layout is written for version 2 of the format; tract reads version 1", at: "2", hint: "version 1"),
    Mistake(name: "a later version with keys this one does not know",
            text: "version: 2\nfootnotes: {size: 7pt}\npage: {size: A4}\npages: {first: {main: {flows: \(allRoles)}}}\n",
            message: "this layout is written for version 2 of the format; tract reads version 1", at: "2", hint: "update tract"),
    Mistake(name: "a version that is not a number", text: "version: one\npage: {size: A4}\npages: {first: {main: {flows: \(allRoles)}}}\n",
            message: "version 'one' is not a whole number from 1 to 1000", at: "one", hint: "1"),

    // Geometry.
    Mistake(name: "a box outside the page", text: layout(boxes: "main: {left: 150mm, width: 100mm, flows: \(allRoles)}"),
            message: "box 'main' goes outside the 210 × 297 mm page (from 150 mm, 15 mm to 250 mm, 282 mm)", at: "main", hint: "inside the page"),
    Mistake(name: "a box below the page", text: layout(boxes: "main:", "  top: 250mm", "  height: 100mm", "  flows: \(allRoles)"),
            message: "box 'main' goes outside the 210 × 297 mm page (from 15 mm, 250 mm to 195 mm, 350 mm)", at: "main", hint: "inside the page"),
    Mistake(name: "a box of negative width", text: layout(boxes: "main: {width: -10mm, flows: \(allRoles)}"),
            message: "box 'main' has no room: it is -10 mm wide and 267 mm tall", at: "main", hint: "height"),
    Mistake(name: "a box of negative height", text: layout(boxes: "main:", "  top: 200mm", "  bottom: 150mm", "  flows: \(allRoles)"),
            message: "box 'main' has no room: it is 180 mm wide and -53 mm tall", at: "main", hint: "height"),
    Mistake(name: "left, right and width", text: layout(boxes: "main: {left: 10mm, right: 10mm, width: 100mm, flows: \(allRoles)}"),
            message: "pages.first.main gives left, right and width", at: "100mm", hint: "two of them"),
    Mistake(name: "top, bottom and height", text: layout(boxes: "main: {top: 10mm, bottom: 10mm, height: auto, flows: \(allRoles)}"),
            message: "pages.first.main gives top, bottom and height", at: "auto", hint: "two of them"),
    Mistake(name: "overlapping boxes", text: layout(boxes: "band: {top: 20mm, height: 100mm, flows: [kicker, headline, sub-headline]}",
                                                    "rest: {top: 100mm, flows: \(otherRoles)}"),
            message: "boxes 'band' and 'rest' overlap", at: "rest", hint: "overlap: true"),
    Mistake(name: "overlapping boxes on the following page",
            text: layout(boxes: "main: {flows: \(allRoles)}", more: "  following:\n    one: {height: 50mm, flows: \(allRoles)}\n    two: {top: 100mm, flows: \(allRoles)}\n    three: {top: 30mm, height: 40mm, flows: \(allRoles)}\n"),
            message: "boxes 'one' and 'three' overlap", at: "three", hint: "overlap: true"),
    Mistake(name: "a body no box receives", text: layout(boxes: "main: {flows: [kicker, headline, signature]}"),
            message: "no box receives 'body' (nor lead-in, demand, call-to-action)", at: "first", hint: "flows"),
    Mistake(name: "a box placed against a missing box", text: layout(boxes: "band: {height: auto, flows: [kicker, headline, sub-headline]}",
                                                                     "rest: {top: {below: bnad, gap: 8mm}, flows: \(otherRoles)}"),
            message: "box 'rest' is placed against 'bnad', which is not a box of this page", at: "bnad", hint: "did you mean 'band'?"),
    Mistake(name: "a box placed above a missing box", text: layout(boxes: "rest: {bottom: {above: foot}, flows: \(allRoles)}"),
            message: "box 'rest' is placed against 'foot', which is not a box of this page", at: "foot", hint: "rest"),
    Mistake(name: "an edge that names no box", text: layout(boxes: "main: {top: {gap: 5mm}, flows: \(allRoles)}"),
            message: "pages.first.main.top names no box", at: "{gap", hint: "below"),
    Mistake(name: "two boxes placed against each other", text: layout(boxes: "upper: {bottom: {above: lower}, height: 20mm, flows: [kicker, headline, sub-headline]}",
                                                                       "lower: {top: {below: upper}, flows: \(otherRoles)}"),
            message: "boxes are placed against each other in a loop: upper → lower → upper", at: "upper", hint: "anchor one"),
    Mistake(name: "a box placed against itself", text: layout(boxes: "main: {top: {below: main}, flows: \(allRoles)}"),
            message: "boxes are placed against each other in a loop: main → main", at: "main", hint: "anchor one"),
    Mistake(name: "a loop beside a box that is not in it",
            text: layout(boxes: "main: {top: {below: note}, bottom: {above: foot}, flows: [kicker, headline, sub-headline]}",
                         "foot: {top: 250mm, flows: [signature, date, contact, imprint]}",
                         "note: {top: {below: main}, flows: [body, lead-in, demand, call-to-action]}"),
            message: "boxes are placed against each other in a loop: main → note → main", at: "main", hint: "anchor one"),
    Mistake(name: "linked boxes with different roles", text: layout(boxes: "head: {height: 50mm, flows: [kicker, headline, sub-headline, body]}",
                                                                     "rest: {top: 100mm, flows: \(otherRoles)}"),
            message: "'body' flows into 'head' with [kicker, headline, sub-headline, body] and into 'rest' with [body, lead-in, demand, call-to-action, signature, date, contact, imprint, credit]",
            at: "rest", hint: "same roles"),

    // Fitting.
    Mistake(name: "a headline minimum above its maximum", text: minimalLayout + "fitting:\n  headline: {min: 40pt, max: 30pt}\n",
            message: "fitting.headline.min (40pt) is above fitting.headline.max (30pt)", at: "40pt", hint: "smaller"),
    Mistake(name: "a body minimum above its maximum", text: minimalLayout + "fitting:\n  body: {max: 9pt, min: 12pt}\n",
            message: "fitting.body.min (12pt) is above fitting.body.max (9pt)", at: "12pt", hint: "smaller"),
    Mistake(name: "a body minimum of zero", text: minimalLayout + "fitting:\n  body: {min: 0, max: 9pt}\n",
            message: "fitting.body.min 0 is out of range", at: "0,", hint: "1pt to 2000pt"),
    Mistake(name: "a headline ceiling below its maximum", text: minimalLayout + "fitting:\n  headline: {min: 30pt, max: 60pt, grow-to: 50pt}\n",
            message: "fitting.headline.grow-to (50pt) is below fitting.headline.max (60pt)", at: "50pt", hint: "at least 60pt"),
    Mistake(name: "a body ceiling below its maximum", text: minimalLayout + "fitting:\n  body: {min: 8pt, max: 11pt, grow-to: 9pt}\n",
            message: "fitting.body.grow-to (9pt) is below fitting.body.max (11pt)", at: "9pt}", hint: "at least 11pt"),
    Mistake(name: "an infinite ceiling", text: minimalLayout + "fitting:\n  body: {min: 8pt, max: 11pt, grow-to: 1e308pt}\n",
            message: "fitting.body.grow-to '1e308pt' is not a length a page can hold", at: "1e308pt", hint: "15mm"),
    Mistake(name: "fewer lines to grow to than to start with", text: minimalLayout + "fitting:\n  headline: {max-lines: 3, grow-lines: 2}\n",
            message: "fitting.headline.grow-lines '2' is not a whole number from 3 to 8", at: "2}", hint: "3"),
    Mistake(name: "a spacing limit below 1", text: minimalLayout + "fitting:\n  fill: {max-spacing: -1}\n",
            message: "fitting.fill.max-spacing -1 is out of range", at: "-1", hint: "from 1 to 6"),
    Mistake(name: "a spacing limit that is not a number", text: minimalLayout + "fitting:\n  fill: {max-spacing: nan}\n",
            message: "fitting.fill.max-spacing nan is out of range", at: "nan", hint: "from 1 to 6"),
    Mistake(name: "an unknown fill stage", text: minimalLayout + "fitting:\n  fill: {order: [headline, bdy]}\n",
            message: "'bdy' is not a fill stage", at: "bdy", hint: "did you mean 'body'?"),
    Mistake(name: "a fill stage named twice", text: minimalLayout + "fitting:\n  fill: {order: [body, spacing, body]}\n",
            message: "fitting.fill.order names 'body' twice", at: "body]", hint: "once"),
    Mistake(name: "a fill order that is not a list", text: minimalLayout + "fitting:\n  fill: {order: body}\n",
            message: "fitting.fill.order must be a list", at: "body}", hint: "[headline, body, spacing]"),
    Mistake(name: "a box's vertical alignment", text: layout(boxes: "main: {vertical-align: centre, flows: \(allRoles)}"),
            message: "pages.first.main.vertical-align 'centre' is not one of middle, top", at: "centre", hint: "middle"),
    Mistake(name: "no lines a column", text: layout(boxes: "main: {columns: 2, min-column-lines: 0, flows: \(allRoles)}"),
            message: "pages.first.main.min-column-lines '0' is not a whole number from 1 to 200", at: "0,", hint: "1"),
    Mistake(name: "too many headline lines", text: minimalLayout + "fitting:\n  headline: {max-lines: 7}\n",
            message: "fitting.headline.max-lines '7' is not a whole number from 1 to 6", at: "7", hint: "1"),
    Mistake(name: "a fitted role that is not one", text: minimalLayout + "fitting:\n  body: {roles: [body, demands]}\n",
            message: "'demands' is not a role", at: "demands", hint: "did you mean 'demand'?"),
    Mistake(name: "too many orphans", text: minimalLayout + "keeps:\n  orphans: 9\n",
            message: "keeps.orphans '9' is not a whole number from 1 to 5", at: "9", hint: "1"),

    // Variants.
    Mistake(name: "variants that are not a list", text: minimalLayout + "variants: {without: [demand]}\n",
            message: "variants must be a list", at: "{without", hint: "- without: [demand]"),
    Mistake(name: "a variant that says not for which texts", text: minimalLayout + "variants:\n  - styles: {body: {size: 12pt}}\n",
            message: "variants[1] does not say which texts it is for", at: "styles: {body", hint: "max-words: 150"),
    Mistake(name: "a variant for texts of no words", text: minimalLayout + "variants:\n  - max-words: 0\n",
            message: "variants[1].max-words '0' is not a whole number from 1 to 100000", at: "0", hint: "1"),
    Mistake(name: "a variant without a role that is not one", text: minimalLayout + "variants:\n  - without: [demands]\n",
            message: "'demands' is not a role", at: "demands", hint: "did you mean 'demand'?"),
    Mistake(name: "a variant for texts without nothing", text: minimalLayout + "variants:\n  - without: []\n",
            message: "variants[1].without names no role", at: "[]", hint: "[lead-in, demand]"),
    Mistake(name: "a variant with a key it cannot change", text: minimalLayout + "variants:\n  - without: [demand]\n    version: 2\n",
            message: "unknown key 'version' in variants[1]", at: "version: 2", hint: "without"),
    Mistake(name: "a variant whose box is wrong", text: minimalLayout + "variants:\n  - without: [demand]\n    pages: {first: {main: {columns: 9}}}\n",
            message: "pages.first.main.columns '9' is not a whole number from 1 to 6", at: "9}", hint: "1"),
    Mistake(name: "a variant that leaves a role it has without a box",
            text: minimalLayout + "variants:\n  - without: [demand]\n    pages: {first: {main: {flows: [headline]}}}\n",
            message: "no box receives 'body' (nor lead-in, call-to-action, signature, date, contact, imprint, credit)", at: "{first: {main: {flows: [headline", hint: "the variant's `without`"),
]

/// Every mistake a layout can hold gives one diagnostic, at the place of the mistake, with a hint.
@Suite struct ErrorTests {
    @Test(arguments: mistakes)
    func mistake(_ mistake: Mistake) throws {
        let file = try LayoutFile(mistake.text)
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load() }
        #expect(error?.severity == .error)
        #expect(error?.message == mistake.message)
        #expect(error?.location == mistake.at.map { file.location(of: $0) } ?? TractCore.SourceLocation(file: file.path))
        #expect(error?.hints.contains { $0.contains(mistake.hint) } == true, "hints: \(error?.hints ?? [])")
        #expect(error?.description.hasPrefix("\(file.path):") == true)
    }

    /// The same boxes as `overlapping boxes` load when one of them may overlap.
    @Test(arguments: ["band", "rest"])
    func overlapAllowed(box: String) throws {
        let text = layout(boxes: "band: {top: 20mm, height: 100mm, \(box == "band" ? "overlap: true, " : "")flows: [kicker, headline, sub-headline]}",
                          "rest: {top: 100mm, \(box == "rest" ? "overlap: true, " : "")flows: \(otherRoles)}")
        let layout = try load(text)
        #expect(layout.box(box)?.mayOverlap == true)
        #expect(layout.pages[0].boxes.count == 2)
    }

    /// Boxes that touch do not overlap.
    @Test func touchingBoxes() throws {
        let layout = try load(layout(boxes: "band: {top: 20mm, height: 80mm, flows: [kicker, headline, sub-headline]}",
                                     "rest: {top: {below: band}, flows: \(otherRoles)}"))
        #expect(layout.pages[0].boxes.map(\.name) == ["band", "rest"])
    }

    /// The families of the test layouts, and those the shared language settings name for Arabic.
    let bundledLatinAndArabic: Set<String> = ["Noto Serif", "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic"]

    @Test func unknownFamily() throws {
        let file = try LayoutFile(minimalLayout + "styles:\n  body: {family: Noto Serf}\n")
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load(families: bundledLatinAndArabic) }
        #expect(error?.message == "no font family 'Noto Serf' among the bundled fonts")
        #expect(error?.location == file.location(of: "Noto Serf"))
        #expect(error?.hints == ["did you mean 'Noto Serif'? `tract fonts --layout FILE` lists the families a layout can name; a layout may add its own with `fonts:`"])
        #expect(try file.load(families: bundledLatinAndArabic.union(["Noto Serf"])).styles[.body]?.font.family == "Noto Serf")
        #expect(try file.load().styles[.body]?.font.family == "Noto Serf")
    }

    /// Families are checked wherever a font is named: a bullet, a language's style.
    @Test(arguments: ["styles: {bullet: {family: Comic Sans}}\n", "languages: {ar: {styles: {body: {family: Comic Sans}}}}\n"])
    func unknownFamilyElsewhere(section: String) throws {
        let file = try LayoutFile(minimalLayout + section)
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load(families: bundledLatinAndArabic) }
        #expect(error?.message == "no font family 'Comic Sans' among the bundled fonts")
        #expect(error?.location == file.location(of: "Comic Sans"))
        #expect(error?.hints == ["`tract fonts --layout FILE` lists the families a layout can name; a layout may add its own with `fonts:`"])
    }

    @Test func knownFamilies() throws {
        let layout = try load(minimalLayout + "styles: {body: {family: Noto Sans}, bullet: {family: Noto Serif}}\n",
                              families: bundledLatinAndArabic)
        #expect(layout.styles[.body]?.font.family == "Noto Sans")
        #expect(layout.styles[.demand]?.bullet?.font.family == "Noto Serif")
    }

    /// A suggestion does not depend on the order the candidates come in (often a dictionary's).
    @Test(arguments: [["a3", "a4", "a5", "a6"], ["a6", "a5", "a4", "a3"], ["a5", "a3", "a6", "a4"]])
    func suggestionsBreakTiesAlphabetically(candidates: [String]) {
        #expect(closest(to: "a7", among: candidates) == "a3")
        #expect(closest(to: "margin", among: candidates + ["margins"]) == "margins")
        #expect(closest(to: "footnotes", among: candidates) == nil)
    }

    /// A page size is split at the `x` a number follows, not at one inside a unit.
    @Test(arguments: [("210mm x 297mm", "210mm", "297mm"), ("100mmx50mm", "100mm", "50mm"), ("800px x 600px", "800px", "600px"),
                      ("8.5in x .5in", "8.5in", ".5in")])
    func pageDimensions(text: String, width: String, height: String) throws {
        let parts = try #require(LayoutDecoder.dimensions(text))
        #expect(parts.width == width)
        #expect(parts.height == height)
        #expect(LayoutDecoder.dimensions("A4") == nil)
        #expect(LayoutDecoder.dimensions("box") == nil)
    }

    // MARK: extends

    @Test func extendsLoop() throws {
        let folder = try TemporaryFolder()
        let a = try LayoutFile(minimalLayout + "extends: b.yaml\n", name: "a.yaml", in: folder)
        let b = try LayoutFile("extends: a.yaml\n", name: "b.yaml", in: folder)
        let error = diagnostic { () throws(Diagnostic) in _ = try a.load() }
        #expect(error?.message == "layouts extend each other in a loop: a → b → a")
        #expect(error?.location == b.location(of: "a.yaml"))
        #expect(error?.hints.isEmpty == false)
    }

    @Test func extendsItself() throws {
        let file = try LayoutFile(minimalLayout + "extends: self.yaml\n", name: "self.yaml")
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load() }
        #expect(error?.message == "layouts extend each other in a loop: self → self")
        #expect(error?.location == file.location(of: "self.yaml"))
        #expect(error?.hints.isEmpty == false)
    }

    @Test func missingParentFile() throws {
        let file = try LayoutFile(minimalLayout + "extends: base.yaml\n")
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load() }
        #expect(error?.message == "cannot read the parent layout: No such file or directory")
        #expect(error?.location == file.location(of: "base.yaml"))
        #expect(error?.hints.contains { $0.contains(file.folder.path + "/base.yaml") } == true)
    }

    @Test func missingShippedParent() throws {
        let file = try LayoutFile(minimalLayout + "extends: no-such-layout\n")
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load() }
        #expect(error?.message == "unknown layout 'no-such-layout'")
        #expect(error?.location == file.location(of: "no-such-layout"))
        let names = try LayoutLibrary.available().map(\.name)
        #expect(error?.hints.first?.contains(names.joined(separator: ", ")) == true)
    }

    /// A mistake in a parent is reported in the parent, not at the child's `extends`.
    @Test func mistakeInTheParent() throws {
        let folder = try TemporaryFolder()
        let parent = try LayoutFile(minimalLayout + "styles: {body: {size: 12}}\n", name: "parent.yaml", in: folder)
        let child = try LayoutFile("extends: parent.yaml\n", name: "child.yaml", in: folder)
        let error = diagnostic { () throws(Diagnostic) in _ = try child.load() }
        #expect(error?.message == "styles.body.size '12' has no unit")
        #expect(error?.location == parent.location(of: "12"))
    }

    @Test func brokenParent() throws {
        let folder = try TemporaryFolder()
        let parent = try LayoutFile("version: 1\npage:\n  size: A4: A5\n", name: "parent.yaml", in: folder)
        let child = try LayoutFile("extends: parent.yaml\n", name: "child.yaml", in: folder)
        let error = diagnostic { () throws(Diagnostic) in _ = try child.load() }
        #expect(error?.message.hasPrefix("the layout is not valid YAML") == true)
        #expect(error?.location == parent.location(of: ": A5"))
    }

    @Test func unknownLayoutName() throws {
        let error = diagnostic { () throws(Diagnostic) in _ = try LayoutLibrary.load("no-such-layout") }
        #expect(error?.message == "unknown layout 'no-such-layout'")
        #expect(error?.hints.first?.contains("path of a .yaml file") == true)
    }

    @Test func missingLayoutFile() throws {
        let folder = try TemporaryFolder()
        let error = diagnostic { () throws(Diagnostic) in _ = try LayoutLibrary.load(folder.path + "/nowhere.yaml") }
        #expect(error?.message == "cannot read the layout: No such file or directory")
        #expect(error?.location == TractCore.SourceLocation(file: folder.path + "/nowhere.yaml"))
        #expect(error?.hints.isEmpty == false)
    }
}
