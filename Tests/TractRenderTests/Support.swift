import Foundation
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
