import Foundation
import Testing

// `tract watch`: one render at the start and one for each save (an editor's write-and-rename
// counts once), the last good PDF kept when a save breaks the source or the layout, a deleted
// source waited for, Ctrl-C a clean end. Driven by a shell script with pauses, as a writer
// saves.

@Test("watch renders on each save, keeps the last good PDF on an error, and ends cleanly on Ctrl-C")
func watchRendersOnSave() throws {
    let folder = try TemporaryFolder()
    let english = try String(contentsOfFile: repositoryRoot + "/examples/kazakhstan/en.md", encoding: .utf8)
    try folder.write(english, to: "en.md")
    try folder.write(english, to: "good.md")
    try folder.write("version: 1\nextends: a4-classic\n", to: "mine.yaml")
    let script = """
        "$0" watch en.md --layout mine.yaml -o en.pdf > watch.log 2>&1 &
        pid=$!
        sleep 2
        sed 's/repression/oppression/' en.md > .en.md.swp && mv .en.md.swp en.md   # a save by rename
        sleep 1.5
        : > en.md                                                                   # an empty source
        sleep 1.5
        test -s en.pdf && echo "pdf kept"
        cp good.md en.md
        sleep 1.5
        printf 'version: 1\\nextends: a4-classic\\ncolors: {red: nope}\\n' > mine.yaml  # a broken layout
        sleep 1.5
        printf 'version: 1\\nextends: a4-classic\\n' > mine.yaml
        sleep 1.5
        rm en.md
        sleep 1.5
        cp good.md en.md
        sleep 1.5
        kill -INT $pid
        sleep 1
        kill -9 $pid 2>/dev/null && echo "had to be killed"
        wait $pid
        echo "status $?"
        """
    let result = try run("sh", ["-c", script, tractProgram], in: folder.path)
    let log = try String(contentsOfFile: folder.path + "/watch.log", encoding: .utf8)
    let wrote = log.split(separator: "\n").filter { $0.contains(" wrote en.pdf (") }
    // The start, the renamed save, the restored source, the mended layout, the source back.
    #expect(wrote.count == 5, "\(log)")
    #expect(log.contains("en.md: error: the source is empty"), "\(log)")
    #expect(log.contains("mine.yaml:3:15: error: colors.red 'nope' is not a colour"), "\(log)")
    #expect(log.contains("cannot read the source"), "\(log)")
    #expect(log.split(separator: "\n").filter { $0.contains("not rendered") }.count == 3, "\(log)")
    #expect(result.stdout.contains("pdf kept"))
    #expect(result.stdout.contains("status 0") && !result.stdout.contains("killed"), "\(result.stdout)")
    #expect(log.contains("stopped watching en.md"))
    #expect(!showsACrash(log))
    // The renamed save changed the PDF's text.
    #expect(try run("pdftotext", [folder.path + "/en.pdf", "-"]).stdout.contains("REPRESSION"))
}
