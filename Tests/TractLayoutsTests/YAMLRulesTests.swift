import Foundation
import Testing
import TractCore
import TractLayouts
import TractParse
import TestSupport

// Every YAML file tract reads (a Markdown front matter, leaflet.yaml, a layout) follows the same
// rules, read by one reader: a key written twice is an error at its second place, aliases are
// refused, and places are lines and columns of the file itself.

/// The error reading one of the three kinds of YAML file gives, for the same YAML text.
enum Reader: String, CaseIterable, CustomTestStringConvertible {
    case frontMatter, manifest, layout

    var testDescription: String { rawValue }

    /// Reads `yaml` (which starts with `version: 1` for a layout) as this kind of file; the line
    /// of the file the YAML's first line is on.
    func error(_ yaml: String) throws -> (error: Diagnostic?, firstLine: Int) {
        let folder = try TemporaryFolder()
        switch self {
        case .frontMatter:
            let path = try folder.write("---\n" + yaml + "---\n# Titre\n", to: "fr.md")
            return (diagnostic { () throws(Diagnostic) in _ = try ParsedSource.parse(SourceFile.read(path)) }, 2)
        case .manifest:
            try folder.write("# Titre\n", to: "fr.txt")
            try folder.write(yaml, to: "leaflet.yaml")
            return (diagnostic { () throws(Diagnostic) in _ = try LeafletFolder.read(folder.path) { _ throws(Diagnostic) in "fr" } }, 1)
        case .layout:
            let path = try folder.write(yaml, to: "layout.yaml")
            return (diagnostic { () throws(Diagnostic) in _ = try LayoutLibrary.load(path) }, 1)
        }
    }
}

@Test("a key written twice is an error at its second place, in every kind of YAML file", arguments: Reader.allCases)
func keyTwice(reader: Reader) throws {
    let (error, firstLine) = try reader.error("date: mars 2025\nimprint: x\ndate: avril 2025\n")
    #expect(error?.message == "'date' is given twice")
    #expect(error?.location?.line == firstLine + 2)
    #expect(error?.location?.column == 1)
    #expect(error?.hints == ["keep one of them"])
}

@Test("an alias is refused, in every kind of YAML file", arguments: Reader.allCases)
func aliasRefused(reader: Reader) throws {
    let (error, firstLine) = try reader.error("date: &when mars 2025\nimprint: *when\n")
    #expect(error?.message.hasPrefix("anchors and aliases (`&name`, `*name`) are not supported in ") == true, "\(error?.message ?? "")")
    // The anchor, the first of the two.
    #expect(error?.location?.line == firstLine && error?.location?.column == 7)
}

@Test("a syntax error is placed at its line and column of the file, in every kind of YAML file", arguments: Reader.allCases)
func syntaxErrorPlace(reader: Reader) throws {
    let (error, firstLine) = try reader.error("date: mars\nimprint: a: b\n")
    #expect(error?.message.hasSuffix("is not valid YAML: mapping values are not allowed in this context") == true,
            "\(error?.message ?? "")")
    #expect(error?.location?.line == firstLine + 1)
    #expect(error?.location?.column == 11)
}

@Test("a key written twice on one line is found at its second place")
func keyTwiceInFlow() throws {
    let (error, _) = try Reader.layout.error("version: 1\npage: {size: A4, margins: 1mm, size: A5}\n")
    #expect(error?.message == "'size' is given twice")
    #expect(error?.location?.line == 2 && error?.location?.column == 32)
}

@Test("null (~, null or nothing) removes a shared value in leaflet.yaml and is no text in a front matter")
func nullIsNothing() throws {
    let (error, _) = try Reader.frontMatter.error("date: ~\n")
    #expect(error?.message == "front matter `date` must be a single line of text")
    let folder = try TemporaryFolder()
    try folder.write("# Titre\n", to: "fr.txt")
    try folder.write("date: mars 2025\nlanguages:\n  fr: {date: ~}\n  de:\n    date:\n", to: "leaflet.yaml")
    let manifest = try LeafletFolder.read(folder.path) { _ throws(Diagnostic) in "fr" }.manifest
    #expect(manifest.value("date", language: "fr") == nil)
    #expect(manifest.value("date", language: "de") == nil)
    #expect(manifest.value("date", language: "es") == "mars 2025")
}

@Test("a line of a block of text that starts with * or & is text, not an alias")
func starInBlockText() throws {
    let (error, _) = try Reader.manifest.error("imprint: |\n  *Printed* by the union\n  & distributed free\n")
    #expect(error == nil, "\(error?.message ?? "")")
}
