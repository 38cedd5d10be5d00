import Foundation
import Testing
@testable import TractShaping
import TractCompose
import TractCore

// A layout's own fonts (`fonts:`, `--fonts DIR`, `system-fonts: true`): embedded in the PDF,
// named in any style, listed by `tract fonts`, and refused with a message at the layout's line
// when they are not fonts, hold none, or may not be embedded.

private let fixtures = repositoryRoot + "/Tests/TractRenderTests/Fixtures"

/// A folder holding the reference text as `leaflet.txt`, the fixture fonts under `fonts/`, and
/// a layout `mine.yaml` over a4-classic whose body and headline use `family`.
private func folderWithOwnFonts(family: String = "Fixture Garamond", fonts: String = "fonts",
                                copying: [String] = ["fonts"]) throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try folder.write(seedText(), to: "leaflet.txt")
    for name in copying {
        try FileManager.default.copyItem(atPath: fixtures + "/" + name, toPath: folder.path + "/" + name)
    }
    try folder.write("""
        version: 1
        extends: a4-classic
        fonts: \(fonts)
        styles:
          body:
            family: \(family)
          headline:
            family: \(family)
            weight: regular
            stretch: normal
        """, to: "mine.yaml")
    return folder
}

private func embeddedFonts(_ pdf: String) throws -> String {
    try run("pdffonts", [pdf]).stdout
}

@Test("a layout's font folder is used and embedded, in the body's regular and italic")
func layoutFontsAreEmbedded() throws {
    let folder = try folderWithOwnFonts()
    let result = try run(tractProgram, ["render", "leaflet.txt", "--layout", "mine.yaml", "-o", "out.pdf"], in: folder.path)
    #expect(result.status == 0, "\(result.stderr)")
    let fonts = try embeddedFonts(folder.path + "/out.pdf")
    #expect(fonts.contains("FixtureGaramond-Regular"), "\(fonts)")
    // The bundled fonts of the other styles are still there.
    #expect(fonts.contains("NotoSans-CondensedBold"), "\(fonts)")
    #expect(!result.stderr.contains("U+202F"), "the fixture has a narrow U+202F: \(result.stderr)")
    let text = try run("pdftotext", [folder.path + "/out.pdf", "-"]).stdout
    #expect(text.contains("Kazakhstan"))
}

@Test("--fonts DIR adds a folder for render, and tract fonts lists its families as added")
func fontsOptionAddsAFolder() throws {
    let folder = try folderWithOwnFonts()
    try folder.write("version: 1\nextends: a4-classic\nstyles:\n  body:\n    family: Fixture Garamond\n", to: "plain.yaml")
    let without = try run(tractProgram, ["render", "leaflet.txt", "--layout", "plain.yaml", "-o", "a.pdf"], in: folder.path)
    expectCleanFailure(without, location: "plain.yaml:5:13", mentioning: ["no font family 'Fixture Garamond'"])
    let with = try run(tractProgram, ["render", "leaflet.txt", "--layout", "plain.yaml", "--fonts", "fonts", "-o", "b.pdf"],
                       in: folder.path)
    #expect(with.status == 0, "\(with.stderr)")
    #expect(try embeddedFonts(folder.path + "/b.pdf").contains("FixtureGaramond-Regular"))
    let listed = try run(tractProgram, ["fonts", "--fonts", "fonts"], in: folder.path)
    #expect(listed.stdout.contains("Fixture Garamond (added): Latin"), "\(listed.stdout)")
    #expect(listed.stdout.contains("Noto Serif: Latin"), "\(listed.stdout)")
    let bundledOnly = try run(tractProgram, ["fonts"], in: folder.path)
    #expect(!bundledOnly.stdout.contains("Fixture"))
}

@Test("a family misspelt gets 'did you mean' among the bundled and the layout's families")
func misspeltOwnFamily() throws {
    let folder = try folderWithOwnFonts(family: "Fixture Garamon")
    let result = try run(tractProgram, ["render", "leaflet.txt", "--layout", "mine.yaml", "-o", "out.pdf"], in: folder.path)
    expectCleanFailure(result, location: "mine.yaml:8:13", mentioning: ["did you mean 'Fixture Garamond'?"])
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.pdf"))
}

@Test("a font whose licence forbids embedding is refused at the line that names it")
func restrictedFontIsRefused() throws {
    let folder = try folderWithOwnFonts(family: "Fixture Garamond Locked", fonts: "fonts-restricted",
                                        copying: ["fonts-restricted"])
    let result = try run(tractProgram, ["render", "leaflet.txt", "--layout", "mine.yaml", "-o", "out.pdf"], in: folder.path)
    expectCleanFailure(result, location: "mine.yaml:3:8", mentioning: ["may not be embedded", "fsType 2"])
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.pdf"))
}

@Test("a file that is not a font, a folder without fonts and a missing path are errors at their line")
func badFontEntries() throws {
    let folder = try folderWithOwnFonts(fonts: "[fonts, other]")
    func render() throws -> CommandResult {
        try run(tractProgram, ["render", "leaflet.txt", "--layout", "mine.yaml", "-o", "out.pdf"], in: folder.path)
    }
    expectCleanFailure(try render(), location: "mine.yaml:3:16", mentioning: ["'other' does not exist"])
    try FileManager.default.createDirectory(atPath: folder.path + "/other", withIntermediateDirectories: false)
    expectCleanFailure(try render(), location: "mine.yaml:3:16", mentioning: ["no fonts found in"])
    try FileManager.default.removeItem(atPath: folder.path + "/other")
    try folder.write("not a font", to: "other")
    expectCleanFailure(try render(), location: "mine.yaml:3:16", mentioning: ["is not a font file"])
    // A folder far too large to be a font folder (a mistaken `/`) is refused, not searched.
    try FileManager.default.removeItem(atPath: folder.path + "/other")
    try FileManager.default.createDirectory(atPath: folder.path + "/other", withIntermediateDirectories: false)
    for index in 0...5000 { FileManager.default.createFile(atPath: folder.path + "/other/\(index).txt", contents: nil) }
    expectCleanFailure(try render(), location: "mine.yaml:3:16", mentioning: ["holds more than 5000 files"])
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.pdf"))
    let missing = try run(tractProgram, ["render", "leaflet.txt", "--fonts", "nowhere", "-o", "out.pdf"], in: folder.path)
    #expect(missing.status != 0 && missing.stderr.contains("--fonts nowhere: no such file or folder"), "\(missing.stderr)")
}

@Test("a font without a narrow no-break space gets a warning, and French sets it from the bundled fallback")
func missingNarrowSpace() throws {
    let folder = try folderWithOwnFonts(family: "Fixture Garamond Plain", fonts: "fonts-no-narrow-space",
                                        copying: ["fonts-no-narrow-space"])
    let result = try run(tractProgram, ["render", "leaflet.txt", "--layout", "mine.yaml", "-o", "out.pdf"], in: folder.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("warning: the layout mine sets the headline in 'Fixture Garamond Plain', a family without a narrow no-break space (U+202F)"),
            "\(result.stderr)")
    #expect(result.stderr.contains("set in Noto Serif"))
    let fonts = try embeddedFonts(folder.path + "/out.pdf")
    #expect(fonts.contains("FixtureGaramondPlain-Regular") && fonts.contains("NotoSerif-Regular"), "\(fonts)")
    // English puts no U+202F in this text's body: no warning.
    let english = try run(tractProgram, ["render", "leaflet.txt", "--lang", "en", "--layout", "mine.yaml", "-o", "en.pdf"],
                          in: folder.path)
    #expect(english.status == 0 && !english.stderr.contains("U+202F"), "\(english.stderr)")
}

@Test("the narrow space check: the bundled serif's is narrow, the plain fixture has none")
func narrowSpaceCheck() throws {
    let bundled = try Typesetter()
    #expect(bundled.narrowSpace(in: FontSpec(family: "Noto Serif")) == .narrow)
    let own = try Typesetter(fonts: FontSources(entries: [.init(path: fixtures + "/fonts-no-narrow-space")]))
    #expect(own.narrowSpace(in: FontSpec(family: "Fixture Garamond Plain")) == .missing)
    #expect(own.narrowSpace(in: FontSpec(family: "Noto Serif")) == .narrow)
    #expect(own.familyNames.contains("Fixture Garamond Plain") && !bundled.familyNames.contains("Fixture Garamond Plain"))
}

@Test("fsType values: restricted, no subsetting and bitmap only are refused; installable, print and editable are not")
func embeddingPermissions() {
    #expect(EmbeddingPermission.problem(with: 0x0000) == nil)
    #expect(EmbeddingPermission.problem(with: 0x0004) == nil)
    #expect(EmbeddingPermission.problem(with: 0x0008) == nil)
    #expect(EmbeddingPermission.problem(with: 0x0002) != nil)
    #expect(EmbeddingPermission.problem(with: 0x0104) != nil)
    #expect(EmbeddingPermission.problem(with: 0x0208) != nil)
}

@Test("system fonts stay out unless a layout says system-fonts: true")
func systemFontsOnlyWhenAsked() throws {
    let withSystem = try Typesetter(fonts: FontSources(system: true))
    let bundled = try Typesetter()
    // Whatever the machine has, the bundled families are in both, and the bundled set has no more.
    #expect(bundled.familyNames.isSubset(of: withSystem.familyNames))
    #expect(bundled.faces.allSatisfy { $0.isBundled })
    // DejaVu Sans is installed with the test packages.
    #expect(withSystem.familyNames.contains("DejaVu Sans"))
    #expect(!bundled.familyNames.contains("DejaVu Sans"))
    #expect(withSystem.faces.contains { !$0.isBundled })
}

@Test("a layout with system-fonts: true may name a machine's family; without it, the same family is refused")
func systemFontsInALayout() throws {
    let folder = try folderWithOwnFonts(family: "DejaVu Sans", fonts: "[]", copying: [])
    let refused = try run(tractProgram, ["render", "leaflet.txt", "--layout", "mine.yaml", "-o", "out.pdf"], in: folder.path)
    expectCleanFailure(refused, location: "mine.yaml:8:13", mentioning: ["no font family 'DejaVu Sans'"])
    let layout = try String(contentsOfFile: folder.path + "/mine.yaml", encoding: .utf8)
    try folder.write(layout.replacingOccurrences(of: "fonts: []", with: "system-fonts: true"), to: "mine.yaml")
    let allowed = try run(tractProgram, ["render", "leaflet.txt", "--layout", "mine.yaml", "-o", "out.pdf"], in: folder.path)
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(try embeddedFonts(folder.path + "/out.pdf").contains("DejaVuSans"))
}

@Test("a WOFF web font is refused with a hint to use the .ttf or .otf")
func webFontIsRefused() throws {
    let folder = try folderWithOwnFonts(fonts: "garamond.woff", copying: [])
    try FileManager.default.copyItem(atPath: fixtures + "/fixture-garamond.woff", toPath: folder.path + "/garamond.woff")
    let result = try run(tractProgram, ["render", "leaflet.txt", "--layout", "mine.yaml", "-o", "out.pdf"], in: folder.path)
    expectCleanFailure(result, location: "mine.yaml:3:8", mentioning: ["a WOFF web font", ".ttf or .otf"])
}
