import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// The layouts in `layouts/`, whichever they are: each loads as it is shipped.
@Suite struct ShippedLayoutTests {
    @Test func thereAreShippedLayouts() throws {
        let names = try LayoutLibrary.available().map(\.name)
        #expect(!names.isEmpty)
        #expect(names == names.sorted())
    }

    @Test(arguments: try LayoutLibrary.available().map(\.name))
    func loads(name: String) throws {
        let layout = try LayoutLibrary.load(name)
        #expect(layout.name == name)
        #expect(layout.summary == (try LayoutLibrary.available().first { $0.name == name }?.summary))
        // Every role has a box (the validator also checks this; a layout must never get past it without).
        #expect(Set(layout.pages.flatMap(\.boxes).flatMap(\.flows)) == Set(Role.allCases))
    }

    /// Loading by name and by path gives the same layout.
    @Test(arguments: try LayoutLibrary.available().map(\.name))
    func loadsByPath(name: String) throws {
        let folder = try #require(LayoutLibrary.folder)
        #expect(try LayoutLibrary.load(folder + "/" + name + ".yaml") == LayoutLibrary.load(name))
    }
}
