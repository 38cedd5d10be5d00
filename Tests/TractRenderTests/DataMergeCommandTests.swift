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

/// A folder of `count` groups, for the tests of scale: one short English leaflet each, in a6-card.
func manyGroups(_ count: Int) throws -> TemporaryFolder {
    let rows = (1...count).map { "group-\($0),Town \($0),hall \($0),g\($0)@example.org" }
    return try localGroups(table: "slug,city,place,email\n" + rows.joined(separator: "\n") + "\n", layouts: "[a6-card]")
}

@Test("the manifest lists each file with its row, pages, body size and SHA-256, and --skip-existing renders only what changed")
func dataMergeManifest() throws {
    let folder = try localGroups(table: threeGroups)
    let first = try run(tractProgram, ["batch", "groups", "-o", "out"], in: folder.path)
    #expect(first.status == 0, "\(first.stderr)")
    let lines = try String(contentsOfFile: folder.path + "/out/manifest.jsonl", encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 3)
    let entries = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    let bron = try #require(entries.first { $0["slug"] as? String == "bron" })
    #expect(bron["row"] as? Int == 2 && bron["language"] as? String == "en" && bron["layout"] as? String == "a5-flyer")
    #expect(bron["file"] as? String == "out/groups/bron/groups-en-a5-flyer.pdf" && bron["pages"] as? Int == 1)
    #expect((bron["body"] as? Double ?? 0) > 6)
    let sum = try run("sha256sum", [folder.path + "/out/groups/bron/groups-en-a5-flyer.pdf"]).stdout.prefix(64)
    #expect(bron["sha256"] as? String == String(sum))

    // Nothing changed: nothing is rendered.
    let again = try run(tractProgram, ["batch", "groups", "-o", "out", "--skip-existing"], in: folder.path)
    #expect(again.stdout.contains("0 leaflets") && again.stdout.contains("3 already written and unchanged"), "\(again.stdout)")
    // A file removed, one damaged and a row changed: those three, and only they, are rendered again.
    unlink(folder.path + "/out/groups/bron/groups-en-a5-flyer.pdf")
    try folder.write("damaged", to: "out/groups/lyon-7e/groups-en-a5-flyer.pdf")
    try folder.write(threeGroups.replacingOccurrences(of: "le centre social", with: "la mairie"), to: "groups/groups.csv")
    let third = try run(tractProgram, ["batch", "groups", "-o", "out", "--skip-existing"], in: folder.path)
    #expect(third.status == 0 && third.stdout.contains("3 leaflets"), "\(third.stdout)")
    try folder.write(threeGroups, to: "groups/groups.csv")
    let fourth = try run(tractProgram, ["batch", "groups", "-o", "out", "--skip-existing"], in: folder.path)
    // Only the row put back as it was.
    #expect(fourth.stdout.contains("1 leaflets") && fourth.stdout.contains("2 already written"), "\(fourth.stdout)")
}

@Test("a batch killed with kill -9 and run again with --skip-existing ends with every file whole, rendering only what was missing")
func dataMergeResumesAfterAKill() throws {
    let folder = try manyGroups(200)
    let script = """
        setsid "$0" batch groups -o out --jobs 2 > first.log 2>&1 &
        pid=$!
        for i in $(seq 600); do [ "$(cat out/manifest.jsonl 2>/dev/null | grep -c .)" -ge 5 ] && break; sleep 0.02; done
        kill -9 -- -$pid
        wait $pid 2>/dev/null
        # The workers too are gone before the batch is run again.
        for i in $(seq 200); do kill -0 -- -$pid 2>/dev/null || break; sleep 0.05; done
        echo "killed after $(grep -c . out/manifest.jsonl) files"
        """
    let killed = try run("bash", ["-c", script, tractProgram], in: folder.path)
    let done = Int(killed.stdout.split(separator: " ").dropFirst(2).first ?? "") ?? 0
    #expect(done >= 5 && done < 200, "\(killed.stdout)")
    // What a process of this machine that is gone left is removed; another machine's is kept.
    let host = try run("hostname", []).stdout.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    let stale = "out/groups/group-1/.groups-en-a6-card.pdf.tmp-\(String(String.UnicodeScalarView(host.prefix(24))))-999999-1"
    let foreign = "out/groups/group-1/.groups-en-a6-card.pdf.tmp-othermachine-999999-1"
    try folder.write("partial", to: stale)
    try folder.write("partial", to: foreign)
    let resumed = try run(tractProgram, ["batch", "groups", "-o", "out", "--skip-existing", "--jobs", "2"], in: folder.path)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    // What the manifest had is not rendered again; what a killed worker had written but not
    // yet reported is rendered again, whole.
    let rendered = Int(resumed.stdout.split(separator: "\n").last { $0.contains(" leaflets in ") }?.split(separator: " ").first ?? "") ?? -1
    #expect(rendered == 200 - done, "\(resumed.stdout)")
    let pdfs = try allFiles(under: folder).filter { $0.hasSuffix(".pdf") }
    #expect(pdfs.count == 200)
    for pdf in pdfs {
        let check = try run("qpdf", ["--check", folder.path + "/" + pdf])
        #expect(check.status == 0, "\(pdf): \(check.stdout)")
    }
    // No temporary file of this machine is left.
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/" + stale))
    #expect(FileManager.default.fileExists(atPath: folder.path + "/" + foreign))
    #expect(try allFiles(under: folder).allSatisfy { !$0.contains(".tmp-") || $0.contains("othermachine") })
}

@Test("four shards through GNU parallel make, together, the same files as one run, byte for byte")
func dataMergeShardsThroughGNUParallel() throws {
    let folder = try manyGroups(10)
    let whole = try run(tractProgram, ["batch", "groups", "-o", "whole"], in: folder.path)
    #expect(whole.status == 0, "\(whole.stderr)")
    let sharded = try run("parallel", ["--will-cite", "-N0", tractProgram + " batch groups -o shards --shard auto --shards 4", ":::", "1", "2", "3", "4"],
                          in: folder.path)
    #expect(sharded.status == 0, "\(sharded.stderr)")
    // Each shard rendered its rows: 3, 3, 2 and 2 of the ten.
    let counts = sharded.stdout.split(separator: "\n").filter { $0.contains(" rows succeeded") }.map { String($0.prefix(1)) }.sorted()
    #expect(counts == ["2", "2", "3", "3"], "\(sharded.stdout)")
    let wholeFiles = try allFiles(under: folder).filter { $0.hasPrefix("whole/") && $0.hasSuffix(".pdf") }
    let shardFiles = try allFiles(under: folder).filter { $0.hasPrefix("shards/") && $0.hasSuffix(".pdf") }
    #expect(wholeFiles.count == 10 && shardFiles.map { String($0.dropFirst("shards/".count)) } == wholeFiles.map { String($0.dropFirst("whole/".count)) })
    for file in wholeFiles {
        let one = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + file))
        let other = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/shards/" + file.dropFirst("whole/".count)))
        #expect(one == other, "\(file)")
    }
}

@Test("--shard auto reads Kubernetes', Slurm's and GNU parallel's variables, and says what is missing")
func shardAutoEnvironment() throws {
    let folder = try manyGroups(4)
    func shard(_ environment: [String: String], _ extra: [String] = []) throws -> CommandResult {
        try run(tractProgram, ["batch", "groups", "-o", "out", "--shard", "auto"] + extra, in: folder.path, environment: environment)
    }
    let kubernetes = try shard(["JOB_COMPLETION_INDEX": "0", "TRACT_SHARD_COUNT": "4"])
    #expect(kubernetes.stdout.contains("1 of 1 rows succeeded"), "\(kubernetes.stdout)\(kubernetes.stderr)")
    let slurm = try shard(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "2"])
    #expect(slurm.stdout.contains("2 of 2 rows succeeded"), "\(slurm.stdout)\(slurm.stderr)")
    let parallel = try shard(["PARALLEL_SEQ": "3"], ["--shards", "4"])
    #expect(parallel.stdout.contains("1 of 1 rows succeeded"), "\(parallel.stdout)\(parallel.stderr)")
    let none = try shard([:])
    #expect(none.status == 1 && none.stderr.contains("--shard auto: no job runner said which shard this is"))
    let noCount = try shard(["PARALLEL_SEQ": "1"])
    #expect(noCount.status == 1 && noCount.stderr.contains("hint: give --shards N, or set TRACT_SHARD_COUNT"), "\(noCount.stderr)")
    let outside = try shard(["JOB_COMPLETION_INDEX": "4"], ["--shards", "4"])
    #expect(outside.status == 1 && outside.stderr.contains("makes this shard 5 of 4"))
}

@Test("a source rendered alone says its placeholders need a data merge, at their place")
func placeholdersNeedADataMerge() throws {
    let folder = try localGroups(table: threeGroups)
    let result = try run(tractProgram, ["render", "groups/en.md", "-o", "en.pdf"], in: folder.path)
    #expect(result.status == 1)
    #expect(result.stderr.contains("groups/en.md:5:12: error: {{city}} is a placeholder, which only a data merge fills"), "\(result.stderr)")
    #expect(result.stderr.contains("tract batch FOLDER") && !FileManager.default.fileExists(atPath: folder.path + "/en.pdf"))
}

@Test("two rows that would write the same files are refused at the later row's line")
func dataMergeSameSlugTwice() throws {
    let folder = try localGroups(table: "slug,city,place,email\nlyon,Lyon,a,l@example.org\nbron,Bron,b,b@example.org\nlyon,Lyon bis,c,x@example.org\n")
    let result = try run(tractProgram, ["batch", "groups", "-o", "out"], in: folder.path)
    #expect(result.status == 1)
    #expect(result.stderr.contains("groups/groups.csv:4: error: rows 1 and 3 would both write out/groups/lyon/groups-en-a5-flyer.pdf"), "\(result.stderr)")
    #expect(try allFiles(under: folder).filter { $0.hasSuffix(".pdf") } == ["out/groups/bron/groups-en-a5-flyer.pdf"])
}

@Test("an apostrophe in leaflet.yaml is no quote: a placeholder in a comment after it is not checked")
func dataMergeCommentsAfterAnApostrophe() throws {
    let folder = try localGroups(table: threeGroups, manifest: "imprint: l'équipe de {{city}}  # {{no-such-column}} is a comment")
    let result = try run(tractProgram, ["batch", "groups", "-o", "out"], in: folder.path)
    #expect(result.status == 0, "\(result.stderr)")
}

@Test("--shard auto refuses a count below 1, and --shards goes only with it")
func shardCountChecks() throws {
    let folder = try manyGroups(2)
    let zero = try run(tractProgram, ["batch", "groups", "-o", "out", "--shard", "auto"], in: folder.path,
                       environment: ["PARALLEL_SEQ": "1", "TRACT_SHARD_COUNT": "0"])
    #expect(zero.status == 1 && zero.stderr.contains("--shard auto: the count of shards is 0") && !showsACrash(zero.stderr), "\(zero.stderr)")
    let alone = try run(tractProgram, ["batch", "groups", "-o", "out", "--shards", "4"], in: folder.path)
    #expect(alone.status != 0 && alone.stderr.contains("--shards goes with --shard auto"), "\(alone.stderr)")
}
