import Foundation
import Testing

// `tract batch` with a data table: one leaflet per row, errors that name the row.

/// A leaflet folder `groups` whose English source, leaflet.yaml and output names use the
/// columns of `table` (groups.csv unless named otherwise).
func localGroups(table: String, name: String = "groups.csv", manifest extra: String = "",
                 layouts: String = "[a5-flyer]") throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: folder.path + "/groups", withIntermediateDirectories: false)
    try folder.write("""
        ---
        lang: en
        ---

        # Save the {{city}} bus line!

        The regional council wants to close the line that links {{city}} to the hospital. Come to the meeting at {{place}}.

        - Keep the line and its timetable
        - A bus every thirty minutes

        """, to: "groups/en.md")
    try folder.write(table, to: "groups/\(name)")
    try folder.write("""
        data: \(name)
        layouts: \(layouts)
        organisation: "{{city}} committee"
        contact: "Contact: {{email}}"
        url: "https://example.org/bus/{{slug}}"
        \(extra)
        """, to: "groups/leaflet.yaml")
    return folder
}

let threeGroups = """
    slug,city,place,email
    lyon-7e,Lyon 7e,"salle Jean-Jaurès, 12 rue Montesquieu",lyon@example.org
    bron,Bron,la bibliothèque,bron@example.org
    ../../escape,Vénissieux,le centre social,venissieux@example.org

    """

@Test("each row makes its leaflets, with its values in the text, the contact, the address and the file's name")
func dataMergeFillsEachRow() throws {
    let folder = try localGroups(table: threeGroups, manifest: "output: \"{{slug}}/{{lang}}-{{layout}}.pdf\"")
    let result = try run(tractProgram, ["batch", "groups", "-o", "out"], in: folder.path)
    #expect(result.status == 0, "\(result.stderr)")
    let written = try allFiles(under: folder).filter { $0.hasSuffix(".pdf") }
    // A slug that tries to leave the folder is made a plain name.
    #expect(written == ["out/groups/bron/en-a5-flyer.pdf", "out/groups/escape/en-a5-flyer.pdf",
                        "out/groups/lyon-7e/en-a5-flyer.pdf"], "\(written)")
    #expect(result.stdout.contains("3 of 3 rows succeeded"), "\(result.stdout)")
    let text = try run("pdftotext", [folder.path + "/out/groups/lyon-7e/en-a5-flyer.pdf", "-"]).stdout.replacingOccurrences(of: "\n", with: " ")
    #expect(text.contains("LYON 7E") && text.contains("links Lyon 7e to the hospital"), "\(text)")
    #expect(text.contains("12 rue Montesquieu"), "\(text)")
    #expect(text.contains("Lyon 7e committee") && text.contains("lyon@example.org"), "\(text)")
    let bron = try run("pdftotext", [folder.path + "/out/groups/bron/en-a5-flyer.pdf", "-"]).stdout
    #expect(bron.contains("BRON") && !bron.contains("Lyon") && !bron.contains("{{"), "\(bron)")
}

@Test("each row's QR code goes to its own page")
func dataMergeQRCodes() throws {
    let folder = try localGroups(table: threeGroups, layouts: "[a4-print]")
    let result = try run(tractProgram, ["batch", "groups", "-o", "out"], in: folder.path)
    #expect(result.status == 0, "\(result.stderr)")
    // Without an output pattern, each row's files go in a folder named by its slug.
    _ = try run("pdftoppm", ["-r", "150", "-png", "-singlefile", folder.path + "/out/groups/bron/groups-en-a4-print.pdf", folder.path + "/bron"])
    let scanned = try run("zbarimg", ["-q", "--raw", folder.path + "/bron.png"]).stdout
    #expect(scanned.trimmingCharacters(in: .whitespacesAndNewlines) == "https://example.org/bus/bron", "\(scanned)")
}

@Test("a placeholder that names no column is an error at its place, before anything renders")
func dataMergeUnknownPlaceholder() throws {
    let folder = try localGroups(table: "slug,city,email\nlyon,Lyon,l@example.org\n")
    let result = try run(tractProgram, ["batch", "groups", "-o", "out"], in: folder.path)
    #expect(result.status == 1)
    #expect(result.stderr.contains("groups/en.md:7:106: error: {{place}} names no column of the data table"), "\(result.stderr)")
    #expect(result.stderr.contains("the columns are slug, city, email"))
    #expect(try allFiles(under: folder).allSatisfy { !$0.hasSuffix(".pdf") })
}

@Test("a row whose logo is missing, or whose text does not fit, fails alone and is named")
func dataMergeRowFailures() throws {
    let long = String(repeating: "a very long meeting place with many words ", count: 400)
    let folder = try localGroups(table: """
        slug,city,place,email,logo
        lyon-7e,Lyon 7e,the town hall,lyon@example.org,logo.svg
        bron,Bron,the library,bron@example.org,missing.svg
        venissieux,Vénissieux,\(long),v@example.org,logo.svg

        """, manifest: "logo: \"{{logo}}\"", layouts: "[a4-print]")
    try folder.write(Array(try Data(contentsOf: URL(fileURLWithPath: repositoryRoot + "/Tests/TractRenderTests/Fixtures/circle.svg"))),
                     to: "groups/logo.svg")
    let result = try run(tractProgram, ["batch", "groups", "-o", "out", "--jobs", "2"], in: folder.path)
    #expect(result.status == 1)
    #expect(result.stderr.contains("groups.csv:row 2 (slug bron): "), "\(result.stderr)")
    #expect(result.stderr.contains("missing.svg"), "\(result.stderr)")
    #expect(result.stderr.contains("groups.csv:row 3 (slug venissieux): "), "\(result.stderr)")
    #expect(result.stdout.contains("1 of 3 rows succeeded; failed: groups.csv:row 2 (slug bron), groups.csv:row 3 (slug venissieux)"), "\(result.stdout)")
    #expect(try allFiles(under: folder).filter { $0.hasSuffix(".pdf") } == ["out/groups/lyon-7e/groups-en-a4-print.pdf"])
}

@Test("an output name that would leave the output folder is refused at its place")
func dataMergeOutputStaysInside() throws {
    let folder = try localGroups(table: threeGroups, manifest: "output: \"../{{slug}}.pdf\"")
    let result = try run(tractProgram, ["batch", "groups", "-o", "out"], in: folder.path)
    #expect(result.status == 1)
    #expect(result.stderr.contains("groups/leaflet.yaml:6:9: error: the output name '../{{slug}}.pdf' would leave the output folder"), "\(result.stderr)")
}

@Test("--data gives the table on the command line, and a malformed table is an error at its line")
func dataMergeFromTheCommandLine() throws {
    let folder = try localGroups(table: threeGroups)
    try folder.write("slug,city,place,email\nlyon,Lyon,\"the hall,l@example.org\n", to: "broken.csv")
    let broken = try run(tractProgram, ["batch", "groups", "--data", "broken.csv", "-o", "out"], in: folder.path)
    #expect(broken.status == 1)
    #expect(broken.stderr.contains("broken.csv:2: error: a quote is opened here and never closed"), "\(broken.stderr)")
    try folder.write("{\"slug\": \"one\", \"city\": \"Lyon\", \"place\": \"here\", \"email\": \"x@example.org\"}\n", to: "one.jsonl")
    let one = try run(tractProgram, ["batch", "groups", "--data", "one.jsonl", "-o", "out"], in: folder.path)
    #expect(one.status == 0, "\(one.stderr)")
    #expect(try allFiles(under: folder).filter { $0.hasSuffix(".pdf") } == ["out/groups/one/groups-en-a5-flyer.pdf"])
}
