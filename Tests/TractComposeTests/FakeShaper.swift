import TractCompose
import TractCore
import TractLayouts
import TractPrepare
import TestSupport

/// A shaper that needs no fonts: every character is half an em wide, a word space a quarter,
/// a narrow no-break space a sixth; lines break where `BreakRules` allows, as with real fonts.
/// Bold text is a tenth wider, so inline styles change widths as they do in real fonts.
struct FakeShaper: TextShaper {
    func shape(_ text: StyledText, font: FontSpec, letterSpacing: Ems, direction: TextDirection) -> ShapedText {
        let scalars = text.scalars
        let widthFactor = font.weight >= 700 ? 1.1 : 1.0
        let advances = zip(scalars, text.styles).map { scalar, style -> Ems in
            let base: Double = switch scalar {
            case " ", "\u{00A0}": 0.25
            case "\u{202F}": 1.0 / 6
            case "\u{00AD}": 0
            default: 0.5
            }
            let bold = style.contains(.strong) ? 1.1 : 1.0
            return Ems(base * widthFactor * bold + (scalar == "\u{00AD}" ? 0 : letterSpacing.value))
        }
        let breaks = BreakRules.opportunities(in: scalars)
        return ShapedText(advances: advances, breaks: breaks, hyphenWidth: Ems(0.3))
    }

    func metrics(_ font: FontSpec) -> FontMetrics {
        FontMetrics(ascent: Ems(0.9), descent: Ems(0.25), capHeight: Ems(0.7))
    }
}

/// The reference leaflet's text, from the example folder, with roles set as the parser would.
enum Fixtures {
    static let root = repositoryRoot

    static func seedLines() throws -> [String] {
        try seedText().split(separator: "\n").map(String.init)
    }

    /// The seed as a prepared leaflet (French typography and hyphenation, as the layout's
    /// styles ask), with `repeatBody` copies of the body to make it too long.
    static func seed(repeatBody: Int = 1) throws -> Leaflet {
        let lines = try seedLines()
        let preparer = try Preparer(language: "fr")
        func block(_ role: Role, _ index: Int, _ text: String) -> Block {
            let prepared = preparer.prepare(StyledText(text), classicLayout.style(role).treatment)
            return Block(role, prepared, at: SourceLocation(file: "fr.txt", line: index + 1))
        }
        var blocks = [block(.headline, 0, lines[0]), block(.subheadline, 1, lines[1])]
        for _ in 0..<repeatBody {
            for index in 2..<13 { blocks.append(block(.body, index, lines[index])) }
        }
        blocks.append(block(.leadIn, 13, lines[13]))
        for index in 14..<19 { blocks.append(block(.demand, index, String(lines[index].dropFirst(2)))) }
        blocks.append(block(.signature, 19, lines[19]))
        blocks.append(block(.date, 20, lines[20]))
        return Leaflet(language: "fr", blocks: blocks)
    }
}

/// The reference layout, read from layouts/a4-classic.yaml.
let classicLayout: Layout = {
    do { return try LayoutLibrary.load("a4-classic") } catch { fatalError("layouts/a4-classic.yaml: \(error)") }
}()
