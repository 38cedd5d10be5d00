internal import CCMark
import TractCore
import TractYAML

/// The keys a Markdown source's front matter may give.
public enum FrontMatterKeys {
    public static let all = ["lang"] + Role.allCases.compactMap(\.traits.frontMatterKey) + ["url", "layout", "logo", "photo", "photo-focus", "keywords"]
}

/// Parses a Markdown source (CommonMark, by libcmark) with an optional YAML front matter.
///
/// `# headline`, `## sub-headline`, paragraphs for the body, a bullet list for the demands (the
/// paragraph just before it that ends with a colon is their lead-in), paragraphs after the list
/// for a call to action; `**strong**` and `*emphasis*` inline. The front matter gives what has no
/// markup: `lang`, `signature`, `date`, `kicker`, `call_to_action`, `contact`, `url`, `imprint`,
/// `layout`.
public enum MarkdownParser {
    public static func parse(_ source: SourceFile) throws(Diagnostic) -> ParsedSource {
        let (frontMatter, body, bodyLine) = try splitFrontMatter(source)
        var blocks = try self.blocks(of: body, file: source.path, firstLine: bodyLine)
        guard let headline = blocks.firstIndex(where: { $0.block.role == .headline }) else {
            throw .error(at: SourceLocation(file: source.path, line: bodyLine, column: 1), "no headline: a Markdown source needs a `# headline` line",
                         hint: "start the text with `# ` and the headline")
        }
        func block(_ role: Role, _ key: String, reason: String) -> RecognizedBlock? {
            guard let entry = frontMatter[key] else { return nil }
            return RecognizedBlock(block: Block(role, StyledText(entry.value), at: entry.location),
                                   reason: reason, lines: (entry.location.line ?? 1)...(entry.location.line ?? 1))
        }
        // A role the front matter gives goes before the headline when it reads before it (the
        // kicker), else after the text.
        var before: [RecognizedBlock] = []
        for role in Role.allCases {
            guard let key = role.traits.frontMatterKey, let given = block(role, key, reason: "front matter `\(key)`") else { continue }
            if role.isBefore(.headline) { before.append(given) } else { blocks.append(given) }
        }
        blocks.insert(contentsOf: before, at: headline)
        var parsed = ParsedSource(source: source, recognized: blocks)
        if let lang = frontMatter["lang"] {
            guard let tag = LanguageTag.canonical(lang.value) else {
                throw .error(at: lang.location, "'\(lang.value)' is not a language tag",
                             hint: "write a BCP 47 tag such as fr, en or fr-CA")
            }
            parsed.language = tag
        }
        parsed.layout = frontMatter["layout"]?.value
        parsed.url = frontMatter["url"]?.value
        parsed.keywords = frontMatter["keywords"].map { ParsedSource.keywords($0.value) } ?? []
        parsed.logo = frontMatter["logo"].map { ParsedSource.path($0.value, besideSource: source.path) }
        if let photo = frontMatter["photo"] {
            parsed.photo = Photo(path: ParsedSource.path(photo.value, besideSource: source.path))
        }
        if let focus = frontMatter["photo-focus"] {
            guard let point = FocusPoint(focus.value) else {
                throw .error(at: focus.location, "'\(focus.value)' is not a focus point", hint: "write \(FocusPoint.syntax)")
            }
            // The photo may also come from leaflet.yaml: whether there is one is known later.
            parsed.photoFocus = (point, focus.location)
            parsed.photo?.focus = point
        }
        return parsed
    }

    /// A front-matter value with where it was written.
    struct Entry {
        var value: String
        var location: SourceLocation
    }

    /// The front matter's values, the Markdown after it, and the line that Markdown starts on.
    static func splitFrontMatter(_ source: SourceFile) throws(Diagnostic) -> ([String: Entry], String, Int) {
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: " \t") == "---" else { return ([:], source.text, 1) }
        guard let end = lines.dropFirst().firstIndex(where: { ["---", "..."].contains($0.trimmingCharacters(in: " \t")) }) else {
            throw .error(at: SourceLocation(file: source.path, line: 1, column: 1), "the front matter is not closed",
                         hint: "end it with a line of three dashes `---`")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        // Lines in the YAML count from the line after the opening `---`.
        var entries: [String: Entry] = [:]
        guard let node = try YAMLNode.parse(yaml, file: source.path, firstLine: 2, what: "the front matter") else {
            return (entries, body, end + 2)
        }
        guard case .mapping(let mapping) = node.value else {
            throw .error(at: node.location, "the front matter must be `key: value` lines",
                         hint: "for example `lang: en` and `signature: …`")
        }
        for (name, keyLocation, value) in mapping {
            guard FrontMatterKeys.all.contains(name) else {
                throw .error(at: keyLocation, "unknown front matter key '\(name)'",
                             hint: closest(to: name, among: FrontMatterKeys.all).map { "did you mean '\($0)'?" }
                                 ?? "the keys are \(FrontMatterKeys.all.joined(separator: ", "))")
            }
            guard case .scalar(let text) = value.value, !value.isNull, !text.isEmpty else {
                throw .error(at: value.location, "front matter `\(name)` must be a single line of text",
                             hint: "write `\(name): …` with the text after the colon")
            }
            entries[name] = Entry(value: text, location: value.location)
        }
        return (entries, body, end + 2)
    }

    /// The blocks of the Markdown body, with their roles.
    static func blocks(of markdown: String, file: String, firstLine: Int) throws(Diagnostic) -> [RecognizedBlock] {
        let utf8 = Array(markdown.utf8)
        // transfer full: freed with cmark_node_free below.
        guard let document = utf8.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
        }) else {
            preconditionFailure("cmark_parse_document returned NULL")
        }
        defer { cmark_node_free(document) }
        var reader = BlockReader(file: file, firstLine: firstLine)
        var node = cmark_node_first_child(document)
        while let current = node {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_HEADING:
                reader.heading(current)
            case CMARK_NODE_LIST:
                reader.list(current)
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_CODE_BLOCK:
                reader.paragraph(current)
            default:
                // Thematic breaks and raw HTML carry no text for a leaflet.
                break
            }
            node = cmark_node_next(current)
        }
        if let place = reader.emptyHeadline, !reader.blocks.contains(where: { $0.block.role == .headline }) {
            throw .error(at: place, "the `#` headline is empty", hint: "write the headline after `# `, on the same line")
        }
        return reader.blocks
    }

    /// The blocks read so far from the top-level nodes of a Markdown body, in order.
    private struct BlockReader {
        /// The source's path and the line the body starts on, for the blocks' locations.
        let file: String
        let firstLine: Int
        var blocks: [RecognizedBlock] = []
        /// Whether a list (the demands) has been read: the paragraphs after it are the call to action.
        private(set) var sawList = false

        /// Where an empty `#` heading is, when the source has one and no headline.
        private(set) var emptyHeadline: SourceLocation?

        /// Adds a block made of a node, at the node's place in the source; a node with no text
        /// (an empty `##` or `-` line) adds none.
        private mutating func add(_ node: OpaquePointer, _ role: Role, _ text: StyledText, _ reason: String) {
            let line = Int(cmark_node_get_start_line(node)) + firstLine - 1
            let location = SourceLocation(file: file, line: line, column: Int(cmark_node_get_start_column(node)))
            guard !text.isBlank else {
                if role == .headline, emptyHeadline == nil { emptyHeadline = location }
                return
            }
            let end = Int(cmark_node_get_end_line(node)) + firstLine - 1
            blocks.append(RecognizedBlock(block: Block(role, text, at: location), reason: reason, lines: line...max(line, end)))
        }

        /// A heading: the first `#` is the headline, the first `##` before the list the
        /// sub-headline; any other reads as a paragraph.
        mutating func heading(_ node: OpaquePointer) {
            let level = cmark_node_get_heading_level(node)
            let hasHeadline = blocks.contains { $0.block.role == .headline }
            let hasSubheadline = blocks.contains { $0.block.role == .subheadline }
            if level == 1 && !hasHeadline {
                add(node, .headline, inlineText(node), "`#` heading")
            } else if level == 2 && !hasSubheadline && !sawList {
                add(node, .subheadline, inlineText(node), "`##` heading")
            } else {
                add(node, sawList ? .callToAction : .body, inlineText(node), "heading of level \(level)")
            }
        }

        /// A list: each item is a demand, and the paragraph just before it may be their lead-in.
        mutating func list(_ node: OpaquePointer) {
            // The paragraph just before the list that ends with a colon introduces it.
            if let last = blocks.last, [.body, .callToAction].contains(last.block.role),
               last.block.text.string.hasSuffix(":") {
                blocks[blocks.count - 1].block.role = .leadIn
                blocks[blocks.count - 1].reason = "ends with a colon, just before the list"
            }
            var item = cmark_node_first_child(node)
            while let entry = item {
                let demand = demand(entry)
                if !demand.block.text.isBlank { blocks.append(demand) }
                item = cmark_node_next(entry)
            }
            sawList = true
        }

        /// A paragraph, a quotation or a code block: the body, or the call to action after the list.
        mutating func paragraph(_ node: OpaquePointer) {
            let text = cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK ? codeText(node) : inlineText(node)
            add(node, sawList ? .callToAction : .body, text, sawList ? "paragraph after the list" : "paragraph")
        }

        /// A list item as a demand: its paragraphs joined by spaces, on the item's first line.
        private func demand(_ entry: OpaquePointer) -> RecognizedBlock {
            let itemLine = Int(cmark_node_get_start_line(entry)) + firstLine - 1
            var text = StyledText()
            var child = cmark_node_first_child(entry)
            while let paragraph = child {
                if !text.isEmpty { text.append(" ") }
                text.append(inlineText(paragraph))
                child = cmark_node_next(paragraph)
            }
            let itemLocation = SourceLocation(file: file, line: itemLine, column: Int(cmark_node_get_start_column(entry)))
            return RecognizedBlock(block: Block(.demand, text, at: itemLocation), reason: "list item", lines: itemLine...itemLine)
        }
    }

    /// The text of a block's inlines, with strong and emphasis as styles.
    static func inlineText(_ node: OpaquePointer) -> StyledText {
        var text = StyledText()
        var style: InlineStyle = []
        // transfer full: freed with cmark_iter_free.
        guard let iterator = cmark_iter_new(node) else { preconditionFailure("cmark_iter_new returned NULL") }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let current = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if entering, let literal = cmark_node_get_literal(current) { text.append(String(cString: literal), style: style) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                if entering { text.append(" ", style: style) }
            case CMARK_NODE_STRONG:
                if entering { style.insert(.strong) } else { style.remove(.strong) }
            case CMARK_NODE_EMPH:
                if entering { style.insert(.emphasis) } else { style.remove(.emphasis) }
            case CMARK_NODE_HTML_INLINE:
                // A tag (`<b>`) or a comment: markup, not text to print.
                break
            case CMARK_NODE_PARAGRAPH where entering && !text.isEmpty:
                text.append(" ", style: [])
            default:
                break
            }
        }
        return text
    }

    private static func codeText(_ node: OpaquePointer) -> StyledText {
        guard let literal = cmark_node_get_literal(node) else { return StyledText() }
        return StyledText(String(cString: literal).split(separator: "\n").joined(separator: " "))
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
