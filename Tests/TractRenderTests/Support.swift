import Foundation
import TractCompose
import TractLayouts
@_exported import TestSupport

/// The `tract` program built beside the test bundle.
let tractProgram: String = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var folder = bundle.deletingLastPathComponent()
    // On Linux the test bundle is `debug/tractPackageTests.xctest`; on macOS it is a folder.
    while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("tract").path), folder.path != "/" {
        folder = folder.deletingLastPathComponent()
    }
    return folder.appendingPathComponent("tract").path
}()

/// The reference layout, read from layouts/a4-classic.yaml.
let classicLayout: Layout = {
    do { return try LayoutLibrary.load("a4-classic") } catch { fatalError("layouts/a4-classic.yaml: \(error)") }
}()
