import Foundation
import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// The keys documented in Markdown, by section: each `## name` heading, and in it the table rows
/// whose first cell is a backquoted key (``| `size` | … |``). Fenced code is skipped.
func documentedKeys(_ markdown: String) -> [(section: String, keys: [String])] {
    var sections: [(section: String, keys: [String])] = []
    var inCode = false
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
        if line.hasPrefix("```") { inCode.toggle() }
        if inCode { continue }
        if line.hasPrefix("## ") {
            sections.append((String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), []))
        } else if line.hasPrefix("|"), !sections.isEmpty {
            let firstCell = line.dropFirst().prefix { $0 != "|" }.trimmingCharacters(in: .whitespaces)
            if firstCell.count > 2, firstCell.hasPrefix("`"), firstCell.hasSuffix("`") {
                sections[sections.count - 1].keys.append(String(firstCell.dropFirst().dropLast()))
            }
        }
    }
    return sections
}

/// The keys a layout accepts that the documentation leaves out, as `section: key`.
func undocumented(_ accepted: [(name: String, keys: [String])], _ documented: [(section: String, keys: [String])]) -> [String] {
    accepted.flatMap { section in
        let keys = documented.first { $0.section == section.name }?.keys ?? []
        return section.keys.filter { !keys.contains($0) }.map { "\(section.name): \($0)" }
    }
}

/// The keys the documentation gives that a layout does not accept, as `section: key`.
func unaccepted(_ accepted: [(name: String, keys: [String])], _ documented: [(section: String, keys: [String])]) -> [String] {
    undocumented(documented.map { ($0.section, $0.keys) }, accepted.map { ($0.name, $0.keys) })
}

/// `docs/layouts.md` documents exactly the keys of `LayoutKeys.sections`, each in its section.
@Suite struct DocumentationTests {
    let documentation: [(section: String, keys: [String])]

    init() throws {
        documentation = documentedKeys(try String(contentsOfFile: repositoryRoot + "/docs/layouts.md", encoding: .utf8))
    }

    @Test func everyKeyIsDocumented() {
        #expect(undocumented(LayoutKeys.sections, documentation) == [])
    }

    @Test func everyDocumentedKeyIsAccepted() {
        #expect(unaccepted(LayoutKeys.sections, documentation) == [])
    }

    // The checks above must be able to fail: here they do, on small documents.

    let markdown = """
        # Layouts

        | Key | What it says |
        | --- | --- |
        | `ignored` | Before any section. |

        ## page

        Some text with `size` in it.

        | Key | What it says |
        | --- | --- |
        | `size` | The size. |
        |`orientation`| Portrait or landscape. |
        | margins | Not backquoted, so not a key. |

        ```yaml
        ## not a heading
        | `inside-code` | skipped |
        ```

        ## fitting.body

        | `min` | The smallest. |
        | `colour` | Not a key of this section. |
        """

    @Test func readsSectionsAndKeys() {
        let sections = documentedKeys(markdown)
        #expect(sections.map(\.section) == ["page", "fitting.body"])
        #expect(sections.map(\.keys) == [["size", "orientation"], ["min", "colour"]])
    }

    @Test func findsUndocumentedKeys() {
        let accepted: [(name: String, keys: [String])] = [("page", ["size", "orientation", "margins"]), ("fitting.body", ["min", "colour"]),
                                                          ("keeps", ["orphans"])]
        #expect(undocumented(accepted, documentedKeys(markdown)) == ["page: margins", "keeps: orphans"])
    }

    @Test func findsKeysThatAreNotAccepted() {
        let accepted: [(name: String, keys: [String])] = [("page", ["size"]), ("fitting.body", ["min", "max"])]
        #expect(unaccepted(accepted, documentedKeys(markdown)) == ["page: orientation", "fitting.body: colour"])
    }
}
