import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// A layout that uses the keys no shipped layout does.
let everyKeyLayout = """
    version: 1
    description: Every key
    colors: {red: "#b3121b"}
    page: {size: A5, orientation: portrait, margins: {top: 10mm, right: 10mm, bottom: 10mm, left: 10mm}, max-pages: 2}
    pages:
      first:
        head: {left: 0, right: 0, top: 0, height: auto, flows: [headline], padding: {top: 2mm, right: 2mm, bottom: 2mm, left: 2mm},
               background: red, border: {width: 1pt, color: black}, corner-radius: 2mm}
        logo: {width: 20mm, bottom: 10mm, height: 20mm, shows: logo, overlap: false}
        main: {top: {below: head, gap: 4mm}, bottom: {above: logo, gap: 4mm}, columns: 2, gutter: 5mm, min-column-lines: 4,
               vertical-align: middle, flows: [body]}
      following:
        main: {flows: [body]}
    styles:
      headline: {family: Noto Sans, weight: bold, style: italic, stretch: condensed, size: 30pt, leading: 1.1, color: red,
                 align: center, case: upper, letter-spacing: 0.01em, space-before: 0, space-after: 2pt, first-line-indent: 0,
                 hyphenate: false}
      bullet: {mark: disc, family: Noto Sans, weight: bold, style: normal, stretch: normal, scale: 1, color: red, indent: 1.2em}
      body: {align: justify, justification: {word-space-min: 70%, word-space-max: 150%, expansion: 1.5%, tracking: 0.01em,
                                             protrusion: true, emergency-stretch: 1em}}
    fitting:
      headline: {min: 20pt, max: 30pt, max-lines: 3, grow-to: 40pt, grow-lines: 4}
      body: {min: 8pt, max: 10pt, grow-to: 12pt, roles: [body]}
      fill: {order: [body], max-spacing: 2}
    keeps: {orphans: 2, widows: 2, lead-in-with-demands: true, whole-demands: true, balance-columns: true}
    languages:
      ar: {direction: rtl, mirror: true, styles: {body: {size: 11pt}}, fitting: {body: {max: 11pt}}}
    print: {bleed: 3mm, marks: true, slug: true}
    variants:
      - without: [demand]
        max-words: 300
        page: {margins: 12mm}
        colors: {red: "#c00000"}
        pages: {first: {main: {columns: 1}}}
        styles: {body: {size: 11pt}}
        fitting: {body: {max: 11pt}}
        keeps: {orphans: 1}
        languages: {ar: {mirror: false}}

    """

/// The same on an imposed sheet, which cannot go with a bleed.
let imposedLayout = """
    version: 1
    page: {size: A5}
    pages: {first: {main: {flows: [headline, body]}}}
    imposition: {sheet: A4, copies: 2, order: same, flip: long-edge}

    """

/// The schema is the one list of a layout's keys: the decoder reads each key it lists, takes
/// the defaults it gives, and refuses any other key.
@Suite struct SchemaTests {
    @Test func everyListedKeyIsRead() throws {
        let asked = AskedKeys()
        for item in try LayoutLibrary.available() {
            _ = try LayoutLibrary.load(item.name, settings: [], families: nil, asked: asked)
        }
        for text in [everyKeyLayout, imposedLayout] {
            let file = try LayoutFile(text)
            _ = try LayoutLibrary.load(file.path, settings: [], families: nil, asked: asked)
        }
        let listed = LayoutSchema.sections.flatMap { section in section.names.map { "\(section.name).\($0)" } }
        #expect(listed.filter { !asked.keys.contains($0) } == [])
    }

    @Test func everyDefaultReads() {
        for section in LayoutSchema.sections {
            for key in section.keys {
                guard case .value = key.fallback else { continue }
                #expect(section.defaults[key.name] != nil, "\(section.name).\(key.name)")
            }
        }
    }

    @Test func eachKeyOnceInItsSection() {
        for section in LayoutSchema.sections {
            #expect(Set(section.names).count == section.names.count, "\(section.name)")
        }
    }

    @Test func defaultStyleComesFromTheSchema() {
        let style = LayoutDecoder.defaultStyle
        #expect(style.font == FontSpec(family: "Noto Serif", weight: 400, italic: false, stretch: 100))
        #expect(style.size == Points(10))
        #expect(style.leading == 1.25)
        #expect(style.alignment == .left && style.textCase == .asWritten && style.hyphenate)
        #expect(style.letterSpacing == .zero && style.spaceBefore == .zero && style.firstLineIndent == .zero)
    }

    @Test func defaultsApplyWhereAKeyIsMissing() throws {
        let layout = try load(minimalLayout)
        let box = try #require(layout.pages.first?.boxes.first)
        #expect(box.columns == 1 && box.gutter == Points(5 * 72 / 25.4) && box.padding == .zero && !box.mayOverlap)
        #expect(layout.keeps.orphans == 2 && layout.keeps.widows == 2 && layout.keeps.balanceColumns)
        #expect(layout.bodyFit.roles == [.body, .leadIn, .demand, .callToAction])
        #expect(layout.filling.order == [.headline, .body, .spacing] && layout.filling.maxSpacing == 1)
        #expect(layout.headlineFit.maxLines == 3)
        #expect(layout.print.bleed == .zero && !layout.print.cropMarks)
    }

    @Test func rolesKeptAsTheirTraitsSay() throws {
        let layout = try load(minimalLayout)
        #expect(layout.keeps.whole == [.kicker, .headline, .subheadline, .demand])
        #expect(layout.keeps.withNext == [.kicker, .headline, .leadIn])
        let loose = try load(minimalLayout + "keeps: {whole-demands: false, lead-in-with-demands: false}\n")
        #expect(loose.keeps.whole == [.kicker, .headline, .subheadline])
        #expect(loose.keeps.withNext == [.kicker, .headline])
    }
}

/// A layout may leave out a role: its text goes into the boxes of the role it falls back to.
@Suite struct RoleFallbackTests {
    @Test func missingRolesJoinTheBoxesOfTheirFallbacks() throws {
        let layout = try load(layout(boxes: "top: {height: 60mm, flows: [headline]}", "main: {top: 80mm, flows: [body]}"))
        let flows = layout.pages[0].boxes.map(\.flows)
        #expect(flows == [[.kicker, .headline, .subheadline],
                          [.body, .leadIn, .demand, .callToAction, .signature, .date, .contact, .imprint, .credit]])
    }

    @Test func aRoleGoesWhereItsNearestFallbackIs() throws {
        // The date has no box, but the signature has: it goes there, after the signature.
        let layout = try load(layout(boxes: "top: {height: 60mm, flows: [kicker, headline, sub-headline]}",
                                     "main: {top: 80mm, bottom: 60mm, flows: [body, lead-in, demand, call-to-action]}",
                                     "foot: {top: 250mm, flows: [signature, contact, imprint]}"))
        #expect(layout.pages[0].boxes[2].flows == [.signature, .date, .contact, .imprint, .credit])
        #expect(layout.pages[0].boxes[1].flows == [.body, .leadIn, .demand, .callToAction])
    }

    @Test func linkedBoxesAllReceiveTheRole() throws {
        let layout = try load(layout(boxes: "left: {width: 80mm, flows: [headline, body]}", "right: {left: 110mm, flows: [headline, body]}"))
        #expect(layout.pages[0].boxes[0].flows == layout.pages[0].boxes[1].flows)
        #expect(layout.pages[0].boxes[0].flows.count == Role.allCases.count)
    }

    @Test func fallbacksEndAtTheHeadlineOrTheBody() {
        let received: Set<Role> = [.headline, .body]
        for role in Role.allCases {
            #expect(role.receiver(among: received) != nil, "\(role)")
        }
        #expect(Role.date.receiver(among: [.headline]) == nil)
    }
}
