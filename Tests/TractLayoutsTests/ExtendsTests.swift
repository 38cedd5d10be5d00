import Foundation
import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// `extends` and `--set`: how a layout is laid over another, and settings over a layout.
@Suite struct ExtendsTests {
    let parent = """
        version: 1
        description: the parent
        page: {size: A4, margins: 12mm}
        pages:
          first:
            main: {columns: 2, flows: \(allRoles)}
        styles:
          body: {family: Noto Sans, size: 10pt, color: "#1c1c1c"}
          headline: {size: 40pt}
        fitting:
          body: {min: 8pt, max: 11pt, roles: [body, lead-in]}

        """

    /// Writes the parent beside `child` and loads the child.
    func child(_ text: String) throws -> Layout {
        let folder = try TemporaryFolder()
        try folder.write(parent, to: "parent.yaml")
        return try LayoutFile(text, name: "child.yaml", in: folder).load()
    }

    @Test func childOverridesParentKeyByKey() throws {
        let layout = try child("""
            extends: parent.yaml
            description: the child
            page: {size: A5}
            styles:
              body: {size: 9pt}
            pages:
              first:
                main: {flows: [body, kicker, headline, sub-headline, lead-in, demand, call-to-action, signature, date, contact, imprint]}

            """)
        #expect(layout.name == "child")
        #expect(layout.summary == "the child")
        #expect(mm(layout.pageSize.width) == 148)
        let main = try #require(layout.box("main"))
        #expect(mm(main.x) == 12)
        #expect(main.columns == 2)
        #expect(main.flows.first == .body)
        let body = try #require(layout.styles[.body])
        #expect(body.size == Points(9))
        #expect(body.font.family == "Noto Sans")
        #expect(body.color == Color(hex: "#1c1c1c"))
        #expect(layout.styles[.headline]?.size == Points(40))
        #expect(layout.bodyFit == BodyFit(minSize: Points(8), maxSize: Points(11), roles: [.body, .leadIn]))
    }

    /// Lists are replaced, not merged.
    @Test func listsAreReplaced() throws {
        let layout = try child("extends: parent.yaml\nfitting: {body: {roles: [demand]}}\n")
        #expect(layout.bodyFit.roles == [.demand])
        #expect(layout.bodyFit.minSize == Points(8))
    }

    @Test func chainOfThree() throws {
        let folder = try TemporaryFolder()
        try folder.write(parent, to: "parent.yaml")
        try folder.write("extends: parent.yaml\nstyles: {body: {size: 9pt}}\n", to: "middle.yaml")
        let layout = try LayoutFile("extends: middle.yaml\nstyles: {body: {color: white}}\n", in: folder).load()
        #expect(layout.styles[.body]?.size == Points(9))
        #expect(layout.styles[.body]?.color == .white)
        #expect(layout.styles[.body]?.font.family == "Noto Sans")
        #expect(layout.summary == "the parent")
    }

    @Test func parentInAnotherFolder() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/base", withIntermediateDirectories: true)
        try folder.write(parent, to: "base/parent.yaml")
        let layout = try LayoutFile("extends: base/parent.yaml\n", in: folder).load()
        #expect(layout.summary == "the parent")
    }

    /// A shipped layout can be extended by name; whatever the child does not say stays as shipped.
    @Test func extendsAShippedLayout() throws {
        let name = try #require(try LayoutLibrary.available().first?.name)
        let shipped = try LayoutLibrary.load(name)
        let layout = try load("extends: \(name)\nstyles: {imprint: {size: 5pt}}\n")
        #expect(layout.styles[.imprint]?.size == Points(5))
        #expect(layout.pageSize == shipped.pageSize)
        #expect(layout.pages == shipped.pages)
        #expect(layout.styles[.body] == shipped.styles[.body])
        #expect(layout.summary == shipped.summary)
    }

    // MARK: --set

    @Test func setAScalar() throws {
        let layout = try load(minimalLayout + "styles: {body: {size: 10pt, color: white}}", settings: ["styles.body.size=9pt", "page.margins=12mm"])
        #expect(layout.styles[.body]?.size == Points(9))
        #expect(layout.styles[.body]?.color == .white)
        #expect(mm(try #require(layout.box("main")).x) == 12)
    }

    @Test func setAList() throws {
        let layout = try load(minimalLayout, settings: ["fitting.body.roles=[body, demand]",
                                                        "pages.first.main.flows=[credit, imprint, contact, date, signature, call-to-action, demand, lead-in, body, sub-headline, headline, kicker]"])
        #expect(layout.bodyFit.roles == [.body, .demand])
        #expect(layout.box("main")?.flows == Role.allCases.reversed())
    }

    @Test func setANewKey() throws {
        let layout = try load(minimalLayout, settings: ["styles.headline.weight=bold", "page.max-pages=2", "keeps.widows=3"])
        #expect(layout.styles[.headline]?.font.weight == 700)
        #expect(layout.maxPages == 2)
        #expect(layout.keeps.widows == 3)
    }

    /// Settings apply in order, the last one winning, and over the whole `extends` chain.
    @Test func laterSettingsWin() throws {
        let folder = try TemporaryFolder()
        try folder.write(parent, to: "parent.yaml")
        let file = try LayoutFile("extends: parent.yaml\nstyles: {body: {size: 9pt}}\n", in: folder)
        let layout = try file.load(settings: ["styles.body.size=11pt", "styles.body.size=12pt"])
        #expect(layout.styles[.body]?.size == Points(12))
        #expect(layout.styles[.body]?.font.family == "Noto Sans")
    }

    @Test func unknownKeyFromASetting() throws {
        let file = try LayoutFile(minimalLayout)
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load(settings: ["page.marigns=10mm"]) }
        #expect(error?.message == "unknown key 'marigns' in page")
        #expect(error?.location == TractCore.SourceLocation(file: "--set page.marigns"))
        #expect(error?.hints == ["did you mean 'margins'?"])
    }

    @Test func wrongValueFromASetting() throws {
        let file = try LayoutFile(minimalLayout)
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load(settings: ["styles.body.size=10px"]) }
        #expect(error?.message == "styles.body.size '10px' is not a length")
        #expect(error?.location == TractCore.SourceLocation(file: "--set styles.body.size"))
        #expect(error?.hints.isEmpty == false)
    }

    @Test(arguments: ["styles.body.size", "=9pt"])
    func settingWithoutAKey(setting: String) throws {
        let file = try LayoutFile(minimalLayout)
        let error = diagnostic { () throws(Diagnostic) in _ = try file.load(settings: [setting]) }
        #expect(error?.message == "a setting must read key.path=value")
        #expect(error?.location?.file == "--set \(setting)")
        #expect(error?.hints == ["for example --set styles.body.size=10pt"])
    }
}
