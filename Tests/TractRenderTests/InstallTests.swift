import Foundation
import Testing

// tract installed as a program: under a prefix of its own, run from elsewhere, with nothing
// set to tell it where its fonts and layouts are.

@Suite struct InstallTests {
    @Test func anInstalledTractRendersFromAnyFolder() throws {
        let folder = try TemporaryFolder()
        let staged = folder.path + "/stage/usr/local"
        let install = try run(repositoryRoot + "/scripts/install", [staged, tractProgram], in: repositoryRoot)
        #expect(install.status == 0, "\(install.stderr)")
        for file in ["bin/tract", "bin/tract-serve", "share/tract/fonts", "share/tract/layouts/a4-classic.yaml", "share/man/man1/tract.1",
                     "share/bash-completion/completions/tract", "share/zsh/site-functions/_tract",
                     "share/fish/vendor_completions.d/tract.fish"] {
            #expect(FileManager.default.fileExists(atPath: staged + "/" + file), "\(file)")
        }
        #expect(try String(contentsOfFile: staged + "/share/bash-completion/completions/tract", encoding: .utf8).contains("render"))
        // Moved after the install, as a DESTDIR staging folder is: it still finds its files.
        let moved = folder.path + "/elsewhere"
        try FileManager.default.moveItem(atPath: staged, toPath: moved)
        let program = moved + "/bin/tract"
        let work = folder.path + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let source = try folder.write(try String(contentsOfFile: repositoryRoot + "/examples/kazakhstan/en.md", encoding: .utf8),
                                      to: "work/en.md")
        let nothingSet = ["TRACT_HOME": ""]
        let version = try run(program, ["--version"], in: work, environment: nothingSet)
        // `tract serve` runs the tract-serve installed beside it, which says what is wrong with the host.
        let serve = try run(program, ["serve", source, "--host", "nowhere"], in: work, environment: nothingSet)
        #expect(serve.status == 1 && serve.stderr.contains("--host nowhere: not an IP address"), "\(serve.stderr)")
        #expect(version.stdout.contains("fonts: \(moved)/share/tract/fonts"), "\(version.stdout)")
        let rendered = try run(program, ["render", source, "--layout", "a5-flyer", "-o", work + "/en.pdf"], in: work,
                               environment: nothingSet)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(try run("pdffonts", [work + "/en.pdf"]).stdout.contains("Noto"))
    }

    @Test func aPrefixThatCannotBeWrittenIsRefused() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("not a folder", to: "file")
        let install = try run(repositoryRoot + "/scripts/install", [file + "/usr", tractProgram], in: repositoryRoot)
        #expect(install.status != 0)
        #expect(install.stderr.hasPrefix("error: cannot write to \(file)/usr"), "\(install.stderr)")
        #expect(install.stderr.contains("hint:"))
    }
}
