import CCairoPango
import Foundation
import Testing
import TractCompose
import TractCore
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

/// The pixels of a PNG, as 0–255 red, green and blue.
struct Pixels {
    let width: Int
    let height: Int
    private let rgb: [UInt8]

    init(_ png: String) throws {
        // transfer full: destroyed below.
        guard let surface = cairo_image_surface_create_from_png(png), cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw CocoaError(.fileReadCorruptFile)
        }
        defer { cairo_surface_destroy(surface) }
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var rgb: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                // RGB24 in native (little-endian) order: blue, green, red, unused.
                let pixel = data.advanced(by: y * stride + x * 4)
                rgb += [pixel[2], pixel[1], pixel[0]]
            }
        }
        self.rgb = rgb
    }

    /// Every pixel's grey level, row by row, weighted as the eye sees the three colours.
    var greys: [UInt8] {
        stride(from: 0, to: rgb.count, by: 3).map { (start: Int) -> UInt8 in
            let red = Int(rgb[start]) * 299
            let green = Int(rgb[start + 1]) * 587
            let blue = Int(rgb[start + 2]) * 114
            return UInt8((red + green + blue) / 1000)
        }
    }

    /// The colour at a pixel, as `#rrggbb`.
    subscript(x: Int, y: Int) -> String {
        let start = (y * width + x) * 3
        return Color(red: Double(rgb[start]) / 255, green: Double(rgb[start + 1]) / 255, blue: Double(rgb[start + 2]) / 255).description
    }
}

/// The PDF in qpdf's QDF form: every stream uncompressed, every object on its own lines.
func uncompressed(_ pdf: String) throws -> String {
    let qdf = pdf + ".qdf"
    defer { try? FileManager.default.removeItem(atPath: qdf) }
    _ = try run("qpdf", ["--qdf", "--object-streams=disable", pdf, qdf])
    // Font programs are binary; decoding replaces their stray bytes, which no check below looks at.
    return try String(decoding: Data(contentsOf: URL(fileURLWithPath: qdf)), as: UTF8.self)
}

/// How a PDF sets its colours: operators with their operands, and colour spaces by name.
struct ColourUse {
    /// `r g b rg` and `r g b RG`.
    var rgbOperators = 0
    /// `c m y k k` and `c m y k K`.
    var cmykOperators = 0
    /// `/DeviceRGB` and `/CalRGB` anywhere in the file.
    var rgbSpaces = 0

    init(_ pdf: String) throws {
        let text = try uncompressed(pdf)
        let tokens = text.split(whereSeparator: \.isWhitespace)
        for (index, token) in tokens.enumerated() {
            // An operator counts only after its numbers, so that a stray "k" in a font program does not.
            func numbers(_ count: Int) -> Bool {
                index >= count && tokens[(index - count)..<index].allSatisfy { Double($0) != nil }
            }
            if (token == "rg" || token == "RG") && numbers(3) { rgbOperators += 1 }
            if (token == "k" || token == "K") && numbers(4) { cmykOperators += 1 }
        }
        rgbSpaces = text.components(separatedBy: "/DeviceRGB").count - 1 + text.components(separatedBy: "/CalRGB").count - 1
    }
}

/// A failure as a user should see it: a non-zero status, the first line of stderr an error at
/// `location`, the words given, a hint, and no crash.
func expectCleanFailure(_ result: CommandResult, location: String, mentioning words: [String],
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(result.status != 0, sourceLocation: sourceLocation)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix(location) == true && lines.first?.contains(": error: ") == true,
            "first line: \(lines.first ?? "")", sourceLocation: sourceLocation)
    for word in words {
        #expect(result.stderr.contains(word), "'\(word)' missing from: \(result.stderr)", sourceLocation: sourceLocation)
    }
    #expect(lines.dropFirst().contains { $0.hasPrefix("  hint: ") }, "no hint in: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(!showsACrash(result.stderr), sourceLocation: sourceLocation)
}
