import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// The `pages` section: where boxes sit, how they look, what flows into them.
@Suite struct BoxTests {
    /// Across an A4 page with 15mm margins: any two of left, right and width, the margins filling in the rest.
    @Test(arguments: [("left: 20mm, right: 30mm", 20.0, 160.0), ("left: 20mm, width: 100mm", 20, 100),
                      ("right: 30mm, width: 100mm", 80, 100), ("width: 100mm", 15, 100), ("left: 20mm", 20, 175),
                      ("right: 30mm", 15, 165), ("", 15, 180), ("left: 10%, width: 50%", 21, 105), ("left: 0, right: 0", 0, 210)])
    func across(keys: String, x: Double, width: Double) throws {
        let layout = try load(layout(boxes: "main: {\(keys)\(keys.isEmpty ? "" : ", ")flows: \(allRoles)}"))
        let main = try #require(layout.box("main"))
        #expect(mm(main.x) == x)
        #expect(mm(main.width) == width)
    }

    /// Down an A4 page with 15mm margins: any two of top, bottom and height; edges are measured from the page's top.
    @Test(arguments: [("top: 20mm, bottom: 30mm", "20mm", "267mm", "fill"), ("top: 20mm, height: 100mm", "20mm", "none", "100mm"),
                      ("bottom: 30mm, height: 100mm", "none", "267mm", "100mm"), ("height: 100mm", "15mm", "none", "100mm"),
                      ("height: auto", "15mm", "none", "auto"), ("height: Auto", "15mm", "none", "auto"), ("bottom: 30mm, height: auto", "none", "267mm", "auto"),
                      ("top: 20mm", "20mm", "282mm", "fill"), ("bottom: 30mm", "15mm", "267mm", "fill"), ("", "15mm", "282mm", "fill"),
                      ("top: 10%, height: 50%", "29.7mm", "none", "148.5mm"), ("top: 0, bottom: 0", "0mm", "297mm", "fill")])
    func down(keys: String, top: String, bottom: String, height: String) throws {
        let layout = try load(layout(boxes: "main: {\(keys)\(keys.isEmpty ? "" : ", ")flows: \(allRoles)}"))
        let main = try #require(layout.box("main"))
        #expect(describe(main.top) == top)
        #expect(describe(main.bottom) == bottom)
        #expect(describe(main.height) == height)
    }

    @Test func edgesAgainstOtherBoxes() throws {
        let layout = try load(layout(boxes: "band: {top: 0, height: auto, flows: [kicker, headline, sub-headline]}",
                                     "body: {top: {below: band, gap: 8mm}, bottom: {above: closing, gap: 2%}, flows: [body, lead-in, demand, call-to-action]}",
                                     "closing: {bottom: 11mm, height: auto, flows: [signature, date, contact, imprint]}",
                                     "note: {top: {below: band}, bottom: {above: closing}, left: 150mm, overlap: true, flows: [body, lead-in, demand, call-to-action]}"))
        let body = try #require(layout.box("body"))
        #expect(describe(body.top) == "below band + 8mm")
        #expect(describe(body.bottom) == "above closing + 5.94mm")
        #expect(describe(body.height) == "fill")
        #expect(describe(layout.box("note")?.top) == "below band + 0mm")
        #expect(describe(layout.box("note")?.bottom) == "above closing + 0mm")
        #expect(describe(layout.box("closing")?.bottom) == "286mm")
        let rects = layout.rects(page: 0, contentHeights: ["band": .mm(40), "closing": .mm(20)])
        #expect(try mm(#require(rects["body"]).y) == 48)
        #expect(try mm(#require(rects["body"]).maxY) == 286 - 20 - 5.94)
    }

    @Test func defaults() throws {
        let main = try #require(try load(minimalLayout).box("main"))
        #expect(main.padding == .zero)
        #expect(main.background == nil)
        #expect(main.border == nil)
        #expect(main.cornerRadius == .zero)
        #expect(main.columns == 1)
        #expect(mm(main.gutter) == 5)
        #expect(main.mayOverlap == false)
        #expect(main.flows == Role.allCases)
    }

    @Test func everyKey() throws {
        let layout = try load(layout(boxes: """
            main: {left: 20mm, right: 20mm, top: 30mm, bottom: 30mm, padding: {top: 5mm, right: 6mm, bottom: 7mm, left: 8mm}, \
            background: "#f6e4e1", border: {width: 2pt, color: "#ff0000"}, corner-radius: 1.5mm, columns: 3, gutter: 4mm, \
            flows: [signature, date, contact, imprint, kicker, headline, sub-headline, body, lead-in, demand, call-to-action], overlap: true}
            """))
        let main = try #require(layout.box("main"))
        #expect([main.padding.top, main.padding.right, main.padding.bottom, main.padding.left].map(mm) == [5, 6, 7, 8])
        #expect(main.background == Color(hex: "f6e4e1"))
        #expect(main.border == Border(width: Points(2), color: Color(red: 1, green: 0, blue: 0)))
        #expect(mm(main.cornerRadius) == 1.5)
        #expect(main.columns == 3)
        #expect(mm(main.gutter) == 4)
        #expect(main.flows == [.signature, .date, .contact, .imprint, .kicker, .headline, .subheadline, .body, .leadIn, .demand, .callToAction, .credit])
        #expect(main.mayOverlap)
    }

    @Test(arguments: [("padding: 4mm", [4.0, 4, 4, 4]), ("padding: {left: 3mm}", [0, 0, 0, 3]),
                      ("padding: 1%", [2.97, 2.1, 2.97, 2.1]), ("padding: {top: 1cm, bottom: 2pt}", [10, 0, 0.71, 0])])
    func padding(keys: String, sides: [Double]) throws {
        let main = try #require(try load(layout(boxes: "main: {\(keys), flows: \(allRoles)}")).box("main"))
        #expect([main.padding.top, main.padding.right, main.padding.bottom, main.padding.left].map(mm) == sides)
    }

    @Test(arguments: [("border: {}", 1.0, Color.black), ("border: {width: 0.5mm}", 0.5 * 72 / 25.4, .black),
                      ("border: {color: white}", 1, .white)])
    func border(keys: String, width: Double, color: Color) throws {
        let border = try #require(try load(layout(boxes: "main: {\(keys), flows: \(allRoles)}")).box("main")?.border)
        #expect(abs(border.width.value - width) < 1e-9)
        #expect(border.color == color)
    }

    @Test(arguments: [("false", false), ("true", true), ("yes", true), ("off", false)])
    func overlap(written: String, overlap: Bool) throws {
        #expect(try load(layout(boxes: "main: {overlap: \(written), flows: \(allRoles)}")).box("main")?.mayOverlap == overlap)
    }

    @Test(arguments: 1...6)
    func columns(count: Int) throws {
        #expect(try load(layout(boxes: "main: {columns: \(count), flows: \(allRoles)}")).box("main")?.columns == count)
    }

    /// Boxes keep the order they are written in: it is the order they are painted in.
    @Test func boxesInOrder() throws {
        let layout = try load(layout(boxes: "z: {height: 10mm, flows: [kicker, headline, sub-headline]}",
                                     "a: {top: 30mm, flows: [body, lead-in, demand, call-to-action, signature, date, contact, imprint]}"))
        #expect(layout.pages[0].boxes.map(\.name) == ["z", "a"])
    }

    @Test func followingPages() throws {
        let text = layout(page: "{size: A4, max-pages: 2}",
                          boxes: "head: {height: 60mm, flows: [kicker, headline, sub-headline]}",
                          "main: {top: 80mm, bottom: 60mm, flows: [body, lead-in, demand, call-to-action]}",
                          "foot: {top: 250mm, flows: [signature, date, contact, imprint]}",
                          more: """
                            following:
                              back: {bottom: 60mm, columns: 2, flows: [body, lead-in, demand, call-to-action]}
                              end: {top: 250mm, flows: [signature, date, contact, imprint]}

                          """)
        let layout = try load(text)
        #expect(layout.pages.count == 2)
        #expect(layout.pages[1].boxes.map(\.name) == ["back", "end"])
        #expect(layout.box("back", page: 1)?.columns == 2)
        #expect(describe(layout.box("end", page: 1)?.top) == "250mm")
        #expect(try load(minimalLayout).pages.count == 1)
    }
}
