import Foundation
import Testing
@testable import TractLayouts
import TractCompose
import TractCore
import TestSupport

/// The tables of a Markdown document, by the `## name` heading they follow: each table's rows,
/// one string per row. Fenced code is skipped.
func tables(_ markdown: String) -> [String: [String]] {
    var tables: [String: [String]] = [:]
    var section: String?
    var inCode = false
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
        if line.hasPrefix("```") { inCode.toggle() }
        if inCode { continue }
        if line.hasPrefix("## ") {
            section = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        } else if line.hasPrefix("|"), let section {
            tables[section, default: []].append(line)
        }
    }
    return tables
}

/// `docs/layouts.md` shows, under each section's heading, the table the layout schema makes:
/// the same keys, values, defaults and words.
@Suite struct DocumentationTests {
    let documented: [String: [String]]

    init() throws {
        documented = tables(try String(contentsOfFile: repositoryRoot + "/docs/layouts.md", encoding: .utf8))
    }

    @Test(arguments: LayoutSchema.sections.map(\.name))
    func sectionTableIsTheSchemas(name: String) throws {
        let section = try #require(LayoutSchema.sections.first { $0.name == name })
        #expect(documented[name] == section.table.split(separator: "\n").map(String.init),
                "run `tract layouts --reference` and copy the table of \(name) into docs/layouts.md")
    }

    @Test func rolesTableIsTheTraits() {
        #expect(documented["roles"] == LayoutSchema.roles.split(separator: "\n").map(String.init))
    }

    @Test func referenceHasEverySection() {
        let reference = tables(LayoutSchema.reference)
        #expect(Set(reference.keys) == Set(LayoutSchema.sections.map(\.name) + ["roles"]))
    }

    // The reader of tables must be able to tell them apart: here it does, on a small document.

    @Test func readsTablesBySection() {
        let markdown = """
            | `ignored` | Before any section. |

            ## page

            Some text with `size` in it.

            | Key | What it says |
            | `size` | The size. |

            ```yaml
            ## not a heading
            | `inside-code` | skipped |
            ```

            ## fitting.body

            | `min` | The smallest. |
            """
        #expect(tables(markdown) == ["page": ["| Key | What it says |", "| `size` | The size. |"],
                                     "fitting.body": ["| `min` | The smallest. |"]])
    }
}
