import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// The `page` section: sizes, orientation, margins, the page count; and the units lengths take.
@Suite struct PageTests {
    @Test(arguments: [("A3", 297.0, 420.0), ("A4", 210, 297), ("A5", 148, 210), ("A6", 105, 148),
                      ("Letter", 215.9, 279.4), ("Legal", 215.9, 355.6), ("DL", 99, 210), ("a4", 210, 297), ("LEGAL", 215.9, 355.6)])
    func namedSize(name: String, width: Double, height: Double) throws {
        let layout = try load(layout(page: "{size: \(name)}", boxes: "main: {flows: \(allRoles)}"))
        #expect(mm(layout.pageSize.width) == width)
        #expect(mm(layout.pageSize.height) == height)
    }

    @Test(arguments: [("210mm x 297mm", 210.0, 297.0), ("21cm x 29.7cm", 210, 297), ("8.5in x 11in", 215.9, 279.4),
                      ("400pt x 600pt", 141.11, 211.67), ("100mmx50mm", 100, 50)])
    func sizeAsWidthAndHeight(size: String, width: Double, height: Double) throws {
        let layout = try load(layout(page: "{size: \(size), margins: 5mm}", boxes: "main: {flows: \(allRoles)}"))
        #expect(mm(layout.pageSize.width) == width)
        #expect(mm(layout.pageSize.height) == height)
    }

    @Test(arguments: [("A4", "landscape", 297.0, 210.0), ("A4", "portrait", 210, 297),
                      ("297mm x 210mm", "portrait", 210, 297), ("297mm x 210mm", "landscape", 297, 210),
                      ("DL", "Landscape", 210, 99)])
    func orientation(size: String, orientation: String, width: Double, height: Double) throws {
        let layout = try load(layout(page: "{size: \(size), orientation: \(orientation)}", boxes: "main: {flows: \(allRoles)}"))
        #expect(mm(layout.pageSize.width) == width)
        #expect(mm(layout.pageSize.height) == height)
    }

    /// A box that says nothing of where it is fills the space inside the margins, which shows them.
    @Test(arguments: [("{size: A4}", 15.0, 15.0, 15.0, 15.0), ("{size: A4, margins: 12mm}", 12, 12, 12, 12),
                      ("{size: A4, margins: {top: 10mm, left: 20mm}}", 10, 0, 0, 20),
                      ("{size: A4, margins: {top: 1cm, right: 2cm, bottom: 3cm, left: 4cm}}", 10, 20, 30, 40),
                      ("{size: A4, margins: 10%}", 29.7, 21, 29.7, 21),
                      ("{size: A4, margins: {top: 5%, right: 10%}}", 14.85, 21, 0, 0),
                      ("{size: A4, margins: 0}", 0, 0, 0, 0)])
    func margins(page: String, top: Double, right: Double, bottom: Double, left: Double) throws {
        let layout = try load(layout(page: page, boxes: "main: {flows: \(allRoles)}"))
        let main = try #require(layout.box("main"))
        #expect(describe(main.top) == "\(formatted(top))mm")
        #expect(describe(main.bottom) == "\(formatted(297 - bottom))mm")
        #expect(mm(main.x) == left)
        #expect(mm(main.width) == 210 - left - right)
    }

    @Test(arguments: [("{size: A4}", 1), ("{size: A4, max-pages: 1}", 1), ("{size: A4, max-pages: 2}", 2)])
    func maxPages(page: String, count: Int) throws {
        #expect(try load(layout(page: page, boxes: "main: {flows: \(allRoles)}")).maxPages == count)
    }

    /// Every unit, read where a length across the page is asked for.
    @Test(arguments: [("15mm", 15.0), ("1.5cm", 15), ("42.52pt", 15), ("0.5in", 12.7), ("10%", 21), ("0", 0),
                      (" 15 mm ", 15)])
    func units(written: String, millimetres: Double) throws {
        let layout = try load(layout(boxes: "main: {left: \"\(written)\", width: 50mm, flows: \(allRoles)}"))
        #expect(try mm(#require(layout.box("main")).x) == millimetres)
    }

    @Test func emsAreAMultipleOfTheSize() throws {
        let layout = try load(minimalLayout + "styles: {body: {size: 20pt, letter-spacing: 0.1em, first-line-indent: 1.5em}}")
        #expect(layout.styles[.body]?.letterSpacing == Ems(0.1))
        #expect(layout.styles[.body]?.firstLineIndent == Ems(1.5))
    }

    @Test func nameAndDescription() throws {
        let file = try LayoutFile(minimalLayout + "description: \"A4, one box\"", name: "one-box.yaml")
        let layout = try file.load()
        #expect(layout.name == "one-box")
        #expect(layout.summary == "A4, one box")
        #expect(try LayoutFile(minimalLayout).load().summary == "")
    }

    @Test func colors() throws {
        let layout = try load(layout(boxes: "a: {height: 20mm, background: red, flows: [kicker, headline, sub-headline]}",
                                     "b: {top: 40mm, height: 20mm, background: \"#00ff80\", flows: [body, lead-in, demand, call-to-action]}",
                                     "c: {top: 70mm, height: 20mm, background: shade, flows: [signature, date]}",
                                     "d: {top: 100mm, height: 20mm, background: white, border: {color: black}, flows: [contact, imprint]}",
                                     more: "colors:\n  red: \"#b3121b\"\n  shade: red\n"))
        #expect(layout.box("a")?.background == Color(hex: "#b3121b"))
        #expect(layout.box("b")?.background == Color(red: 0, green: 1, blue: 128.0 / 255))
        #expect(layout.box("c")?.background == Color(hex: "#b3121b"))
        #expect(layout.box("d")?.background == .white)
        #expect(layout.box("d")?.border?.color == .black)
    }
}
