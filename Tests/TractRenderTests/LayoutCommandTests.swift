import Foundation
import Testing

// The layout options of the command line: --layout, --set, and the layouts command.

@Test("render --layout uses a shipped layout by name and names the output after it")
func renderWithLayoutName() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: folder.path + "/kazakhstan", withIntermediateDirectories: false)
    try folder.write(seedText(), to: "kazakhstan/fr.txt")
    let result = try run(tractProgram, ["render", "kazakhstan/fr.txt", "--layout", "letter-classic"], in: folder.path)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try folder.files(in: "output") == ["kazakhstan-fr-letter-classic.pdf"])
}

@Test("render --layout takes a layout file, and --set changes one setting")
func renderWithLayoutFile() throws {
    let folder = try TemporaryFolder()
    let source = try folder.write(seedText(), to: "fr.txt")
    let layout = try folder.write("extends: \(repositoryRoot)/layouts/a4-classic.yaml\npage: {size: A3}\n", to: "big.yaml")
    let result = try run(tractProgram, ["render", source, "--layout", layout, "--set", "styles.body.size=9pt",
                                        "-o", folder.path + "/out.pdf"])
    #expect(result.status == 0, "\(result.stderr)")
    let info = try run("pdfinfo", [folder.path + "/out.pdf"]).stdout
    #expect(info.contains("841.89 x 1190.55 pts (A3)"))
}

@Test("a mistake in a layout or a --set is reported at its place, with a hint, and nothing is rendered")
func layoutMistakes() throws {
    let folder = try TemporaryFolder()
    let source = try folder.write(seedText(), to: "fr.txt")
    let layout = try folder.write("extends: a4-classic\npage:\n  marigns: 12mm\n", to: "typo.yaml")
    let typo = try run(tractProgram, ["render", source, "--layout", layout, "-o", folder.path + "/out.pdf"])
    #expect(typo.status != 0)
    #expect(typo.stderr.hasPrefix(layout + ":3:3: error: unknown key 'marigns'"), "\(typo.stderr)")
    #expect(typo.stderr.contains("hint: did you mean 'margins'?"))
    let set = try run(tractProgram, ["render", source, "--set", "styles.body.sise=9pt", "-o", folder.path + "/out.pdf"])
    #expect(set.status != 0)
    #expect(set.stderr.hasPrefix("--set styles.body.sise: error: unknown key 'sise'"), "\(set.stderr)")
    let unknown = try run(tractProgram, ["render", source, "--layout", "a4-clasic", "-o", folder.path + "/out.pdf"])
    #expect(unknown.status != 0 && unknown.stderr.contains("did you mean 'a4-classic'?"), "\(unknown.stderr)")
    #expect(try folder.files() == ["fr.txt", "typo.yaml"])
}

@Test("layouts lists every shipped layout with its description")
func listLayouts() throws {
    let result = try run(tractProgram, ["layouts"])
    #expect(result.status == 0)
    let names = result.stdout.split(separator: "\n").map { String($0.split(separator: " ").first ?? "") }
    for layout in ["a4-classic", "a4-impact", "a5-flyer", "a6-card", "a3-poster", "letter-classic"] {
        #expect(names.contains(layout), "\(layout) missing from: \(result.stdout)")
    }
    #expect(result.stdout.split(separator: "\n").allSatisfy { $0.split(separator: " ").count > 2 }, "every layout has a description")
}

@Test("layouts --check accepts a good layout and reports the first problem of a bad one")
func checkLayouts() throws {
    let good = try run(tractProgram, ["layouts", "--check", repositoryRoot + "/layouts/a5-flyer.yaml"])
    #expect(good.status == 0 && good.stdout.contains("ok"), "\(good.stderr)")
    let folder = try TemporaryFolder()
    let bad = try folder.write("extends: a4-classic\nstyles:\n  body: {family: Comic Sans}\n", to: "bad.yaml")
    let result = try run(tractProgram, ["layouts", "--check", bad])
    #expect(result.status != 0)
    #expect(result.stderr.hasPrefix(bad + ":3:18: error: no font family 'Comic Sans'"), "\(result.stderr)")
}

@Test("layouts --preview writes one contact sheet with every layout")
func preview() throws {
    let folder = try TemporaryFolder()
    let result = try run(tractProgram, ["layouts", "--preview", "--source", seedPath], in: folder.path)
    #expect(result.status == 0, "\(result.stderr)")
    let sheet = folder.path + "/output/layouts.png"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: sheet))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // The sheet is wide: six leaflets side by side, one of them with two pages.
    let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width > height * 4)
}
