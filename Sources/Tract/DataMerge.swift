import TractCore
import TractParse

/// What a data merge checks before any leaflet renders, and where each row's files go.
public enum DataMerge {
    /// Every placeholder of a folder's sources, its leaflet.yaml and its output pattern names a
    /// column of the table (or `lang`, `layout`, `row`); the first that does not is an error at
    /// its place. Without a table, a placeholder is an error too: it would be printed as written.
    public static func checkPlaceholders(of folder: LeafletFolder, columns: [String]?) throws(Diagnostic) {
        var uses: [Placeholders.Use] = []
        for source in folder.sources { uses += Placeholders.uses(in: source.parsed.source.text, file: source.path) }
        let manifest = folder.manifest
        if access(manifest.file, F_OK) == 0,
           let bytes = try? FileBytes.read(manifest.file, what: "leaflet manifest", example: "leaflet.yaml", limit: FileBytes.settingsLimit) {
            uses += Placeholders.uses(in: withoutComments(String(decoding: bytes, as: UTF8.self)), file: manifest.file)
        }
        if let output = manifest.output { try checkPattern(output.pattern, at: output.location) }
        let known = (columns ?? []) + Placeholders.builtIn
        for use in uses where !known.contains(use.name) {
            guard let columns else {
                // The output pattern may use the built-in names without a table.
                throw .error(at: use.location, "{{\(use.name)}} is a placeholder, and this leaflet has no data table",
                             hint: "name one in leaflet.yaml (`data: groups.csv`) or with --data, or write the text itself")
            }
            let suggestion = closest(to: use.name, among: known).map { "did you mean '\($0)'? " } ?? ""
            throw .error(at: use.location, "{{\(use.name)}} names no column of the data table",
                         hint: suggestion + "the columns are \(columns.joined(separator: ", "))")
        }
    }

    /// A YAML file's text with its comments blanked out, each character a space, so that the
    /// places of the rest stay as they are: a comment may speak of `{{column}}`.
    static func withoutComments(_ yaml: String) -> String {
        yaml.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var quote: Character?
            var previous: Character = " "
            // The last character that is not a space: a quote opens a value only after `:`, `-`,
            // `[`, `{` or `,` (`contact: l'équipe` has an apostrophe, not a quote).
            var lastMark: Character = ":"
            var kept = ""
            for (offset, character) in line.enumerated() {
                if let open = quote {
                    if character == open { quote = nil }
                } else if (character == "\"" || character == "'") && ":-[{,".contains(lastMark) {
                    quote = character
                } else if character == "#" && (previous == " " || previous == "\t" || offset == 0) {
                    return kept + String(repeating: " ", count: line.count - offset)
                }
                kept.append(character)
                previous = character
                if character != " " && character != "\t" { lastMark = character }
            }
            return kept
        }.joined(separator: "\n")
    }

    /// A source rendered alone (`tract render`, `watch` or `serve` of one file) has no row to
    /// fill its placeholders: one in its text, or in what its leaflet.yaml adds, is an error at
    /// its place rather than printed as written.
    public static func refusePlaceholders(in parsed: ParsedSource) throws(Diagnostic) {
        let hint = "render the leaflet's folder with `tract batch FOLDER`: its leaflet.yaml names the data table (`data: groups.csv`), or give --data FILE"
        if let use = Placeholders.uses(in: parsed.source.text, file: parsed.source.path).first {
            throw .error(at: use.location, "{{\(use.name)}} is a placeholder, which only a data merge fills", hint: hint)
        }
        for item in parsed.recognized {
            if let use = Placeholders.uses(in: item.block.text.string, file: item.block.location.file).first {
                throw .error(at: item.block.location, "{{\(use.name)}} is a placeholder, which only a data merge fills", hint: hint)
            }
        }
        for value in [parsed.url, parsed.logo, parsed.photo?.path].compactMap({ $0 }) {
            if let use = Placeholders.uses(in: value, file: parsed.source.path).first {
                throw .error(at: SourceLocation(file: parsed.source.path), "{{\(use.name)}} is a placeholder, which only a data merge fills", hint: hint)
            }
        }
    }

    /// An output pattern stays inside the output folder: no absolute path, no `..`.
    static func checkPattern(_ pattern: String, at location: SourceLocation) throws(Diagnostic) {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        if pattern.hasPrefix("/") || parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) || pattern.contains("\\") {
            throw .error(at: location, "the output name '\(pattern)' would leave the output folder",
                         hint: "write a path inside it, such as \"{{slug}}/{{lang}}-{{layout}}.pdf\", without .., / at its start or empty parts")
        }
    }

    /// The job's file under its folder's output folder: leaflet.yaml's `output` pattern with
    /// each value made a slug (`Lyon 7e` → `lyon-7e`), else `FOLDER-LANG-LAYOUT.pdf`, in a
    /// folder of its row (its slug, else `row-N`) in a data merge.
    public static func outputName(of job: BatchJob) -> String {
        let folder = job.folder.name
        guard let pattern = job.folder.manifest.output?.pattern else {
            let name = "\(folder)-\(job.language)-\(job.layoutName).pdf"
            guard let row = job.row else { return name }
            return "\(row.slug)/\(name)"
        }
        var values = job.placeholderValues.mapValues(Placeholders.slug)
        values["layout"] = job.layoutName
        values["lang"] = job.language
        let filled = Placeholders.fill(pattern, values)
        return filled.lowercased().hasSuffix(".pdf") ? filled : filled + ".pdf"
    }
}

#if canImport(Glibc)
import Glibc
#endif
