import TractCompose
import TractCore
import TractLayouts
import TractParse
import TractPrepare
import TractRender

#if canImport(Glibc)
import Glibc
#endif

/// What a render writes besides its PDF, and how: the command line's options, carried whole from
/// `tract render` and `tract batch` to the engine, so that none is lost on the way.
public struct RenderOptions: Sendable, Equatable {
    /// PNG previews beside the PDF, one for each sheet.
    public var png: Bool
    /// RGB as drawn, or converted for print.
    public var colour: ColourOutput

    public init(png: Bool, colour: ColourOutput) {
        self.png = png
        self.colour = colour
    }
}

/// What one render produced.
public struct RenderResult: Sendable {
    /// The files written, PDF first.
    public var files: [String]
    public var document: ComposedDocument
    /// Warnings about the text (typography lint), with their places.
    public var warnings: [Diagnostic]
}

/// Runs the pipeline — parse, prepare, compose, render — for one source at a time.
///
/// An engine holds a typesetter (Pango font map and caches): make one per thread and reuse it.
public final class Engine {
    public let typesetter: Typesetter

    /// Texts already prepared: a batch renders each source in several layouts.
    private let preparationCache = PreparationCache()

    /// The typesetters of layouts that add fonts, by their fonts.
    private var typesetters: [FontSources: Typesetter] = [:]

    public init() throws(Diagnostic) {
        typesetter = try Typesetter()
    }

    /// How layouts find their font families: the bundled fonts', and those of the fonts each
    /// layout lists and of `extra` (`--fonts DIR`), read with fontconfig alone.
    public static func fontFamilies(adding extra: [FontSources.Entry] = []) -> FontFamilies {
        FontFamilies(extra: extra) { sources throws(Diagnostic) in try Typesetter.familyNames(for: sources) }
    }

    /// The typesetter that sees a layout's fonts: the bundled one unless the layout adds some.
    public func typesetter(for layout: Layout) throws(Diagnostic) -> Typesetter {
        if layout.fonts.isBundledOnly { return typesetter }
        if let known = typesetters[layout.fonts] { return known }
        let made = try Typesetter(fonts: layout.fonts)
        typesetters[layout.fonts] = made
        return made
    }

    /// Reads and parses a source file.
    public func parse(_ path: String) throws(Diagnostic) -> ParsedSource {
        try ParsedSource.parse(SourceFile.read(path))
    }

    /// Parses, prepares and composes a source without writing anything.
    public func compose(_ path: String, layout: Layout, language: String? = nil) throws(Diagnostic)
        -> (document: ComposedDocument, warnings: [Diagnostic]) {
        try compose(parseInFolder(path, language: language), layout: layout, language: language)
    }

    /// Parses a source and completes it with the `leaflet.yaml` beside it, if there is one.
    public func parseInFolder(_ path: String, language: String? = nil) throws(Diagnostic) -> ParsedSource {
        let parsed = try parse(path)
        guard let manifest = try LeafletFolder.manifest(besideSource: path) else { return parsed }
        return manifest.complete(parsed, language: try Engine.language(of: parsed, override: language))
    }

    /// Prepares and composes a parsed source without writing anything.
    public func compose(_ parsed: ParsedSource, layout: Layout, language: String? = nil) throws(Diagnostic)
        -> (document: ComposedDocument, warnings: [Diagnostic]) {
        let path = parsed.source.path
        let (tag, note) = try Engine.languageAndNote(of: parsed, override: language)
        let preparer: Preparer
        do {
            preparer = try Preparer(language: tag)
        } catch {
            var located = error
            located.location = located.location ?? SourceLocation(file: path)
            throw located
        }
        if let focus = parsed.photoFocus, parsed.photo == nil {
            throw .error(at: focus.location, "photo-focus is given but the leaflet has no photo",
                         hint: "add `photo: picture.jpg` here or in leaflet.yaml, or remove photo-focus")
        }
        let typesetter = try typesetter(for: layout)
        try checkCharacters(parsed, with: typesetter)
        var leaflet = parsed.leaflet
        leaflet.language = tag
        let layout = layout.suited(to: leaflet).adapted(to: tag)
        try checkBullet(of: layout, with: typesetter)
        let creditNote = leaveOutCredit(of: &leaflet, layout: layout, source: path)
        let prepared = preparer.prepare(leaflet, treatment: { layout.style($0).treatment }, cache: preparationCache)
        let spaceWarnings = narrowSpaceWarnings(prepared.blocks, layout: layout, typesetter: typesetter)
        let families = Set(layout.styles.values.flatMap { [$0.font.family] + ($0.bullet.map { [$0.font.family] } ?? []) })
        try typesetter.checkLicences(of: families)
        let composer = Composer(layout: layout, shaper: typesetter)
        // The metadata keeps the author's case: a style may set the headline in capitals.
        let plain = TextTreatment(textCase: .asWritten, hyphenate: false)
        func plainText(_ role: Role) -> String? {
            leaflet.blocks(role).first.map { preparer.prepare($0.text, plain).string }
        }
        let info = DocumentInfo(title: leaflet.title.map { preparer.prepare(StyledText($0), plain).string },
                                author: leaflet.author.map { preparer.prepare(StyledText($0), plain).string },
                                language: tag, subject: plainText(.subheadline), keywords: parsed.keywords,
                                name: Engine.leafletName(of: path), date: plainText(.date))
        let composed = Leaflet(language: tag, blocks: prepared.blocks, url: leaflet.url, logo: leaflet.logo, photo: leaflet.photo)
        do {
            let document = try composer.compose(composed, info: info)
            let notes = [note, creditNote].compactMap { $0 } + spaceWarnings + photoWarnings(document)
            return (document, notes + prepared.warnings + document.warnings)
        } catch {
            var located = error
            located.location = located.location ?? SourceLocation(file: path)
            if error.message.hasPrefix(Composer.tooLong) {
                located.hints = whatWouldFit(composed, layout: layout, language: tag, info: info, typesetter: typesetter) + located.hints
            }
            throw located
        }
    }

    /// For a text too long for its layout: the shipped layouts it fits, and whether a second
    /// page would take it, as hints.
    func whatWouldFit(_ leaflet: Leaflet, layout: Layout, language: String, info: DocumentInfo, typesetter: Typesetter) -> [String] {
        var hints: [String] = []
        if layout.maxPages == 1 {
            var twoPages = layout
            twoPages.maxPages = 2
            if (try? Composer(layout: twoPages, shaper: typesetter).compose(leaflet, info: info)) != nil {
                hints.append("it fits on two pages (recto-verso): --set page.max-pages=2")
            }
        }
        let names = ((try? LayoutLibrary.names()) ?? []).filter { $0 != layout.name }
        let fitting = names.filter { name in
            guard let other = try? LayoutLibrary.load(name) else { return false }
            let suited = other.suited(to: leaflet).adapted(to: language)
            return (try? Composer(layout: suited, shaper: typesetter).compose(leaflet, info: info)) != nil
        }
        hints.append(fitting.isEmpty ? "it fits none of the shipped layouts: shorten it"
                                     : "it fits these shipped layouts: \(fitting.joined(separator: ", ")) (--layout NAME)")
        return hints
    }

    /// Refuses a character that no font of the layout can draw, naming it and its place: a
    /// leaflet never prints a box for a missing glyph.
    func checkCharacters(_ parsed: ParsedSource, with typesetter: Typesetter) throws(Diagnostic) {
        let fonts = typesetter.sources.isBundledOnly ? "no bundled font" : "no font of the layout, bundled or its own,"
        for item in parsed.recognized {
            guard let index = item.block.text.scalars.firstIndex(where: { !typesetter.canDraw($0) }) else { continue }
            let missing = item.block.text.scalars[index]
            let code = "U+" + String(missing.value, radix: 16, uppercase: true).padding(4)
            let name = missing.properties.name.map { " (\($0))" } ?? ""
            throw .error(at: item.block.location(ofCharacter: index),
                         "\(fonts) can draw \(code) '\(String(missing))'\(name)",
                         hint: "replace or remove the character; `tract fonts` lists the fonts and the scripts they cover")
        }
    }

    /// Refuses a bullet mark that no bundled font can draw: it would print as an empty box
    /// before every demand.
    func checkBullet(of layout: Layout, with typesetter: Typesetter) throws(Diagnostic) {
        guard case .text(let mark)? = layout.style(.demand).bullet?.mark,
              let missing = mark.unicodeScalars.first(where: { !typesetter.canDraw($0) }) else { return }
        let code = "U+" + String(missing.value, radix: 16, uppercase: true).padding(4)
        throw .error("the layout \(layout.name) marks demands with '\(mark)', and no bundled font can draw \(code) '\(String(missing))'",
                     hint: "set styles.bullet.mark to square, disc, or a character such as • or –")
    }

    /// Takes the photo credit out of a leaflet whose photo the layout does not show (or that has
    /// none): a credit names the photo beside it. A note says so when the source itself gave it.
    func leaveOutCredit(of leaflet: inout Leaflet, layout: Layout, source path: String) -> Diagnostic? {
        let shown = leaflet.photo != nil && layout.pages.contains { $0.boxes.contains { $0.shows == .photo } }
        guard !shown, let credit = leaflet.blocks.first(where: { $0.role == .credit }) else { return nil }
        leaflet.blocks.removeAll { $0.role == .credit }
        guard credit.location.file == path else { return nil }
        let why = leaflet.photo == nil ? "the leaflet has no photo" : "the layout \(layout.name) shows no photo"
        return .note(at: credit.location, "the photo credit is not printed: \(why)")
    }

    /// The least resolution a photo should print at.
    public static let photoDPI = 150.0

    /// A warning for each photo that prints at less than `photoDPI` in its box, from the
    /// size its file's header gives.
    func photoWarnings(_ document: ComposedDocument) -> [Diagnostic] {
        var warned: Set<String> = []
        var warnings: [Diagnostic] = []
        for page in document.pages {
            for case .picture(let picture) in page.elements {
                guard case .photo(let path, let fit, _) = picture.kind, !warned.contains(path),
                      let header = ImageHeader.read(file: path) else { continue }
                let upright = header.uprightSize
                // Points per pixel as the photo is drawn: cropped to cover, or shrunk to fit.
                let scale = fit.scale(of: upright, into: (picture.frame.width.value, picture.frame.height.value))
                let dpi = 72 / scale
                guard dpi < Engine.photoDPI else { continue }
                warned.insert(path)
                let needed = (Int((upright.width * Engine.photoDPI / dpi).rounded(.up)), Int((upright.height * Engine.photoDPI / dpi).rounded(.up)))
                let size = "\(formatted(picture.frame.width.millimetres, decimals: 0)) × \(formatted(picture.frame.height.millimetres, decimals: 0)) mm"
                warnings.append(.warning(at: SourceLocation(file: path),
                    "the photo is \(Int(upright.width)) × \(Int(upright.height)) pixels: \(Int(dpi)) dpi in its box of \(size), under the \(Int(Engine.photoDPI)) dpi print needs",
                    hint: "use a larger photo, at least \(needed.0) × \(needed.1) pixels, or it will print soft"))
            }
        }
        return warnings
    }

    /// A warning for each family of the layout's own fonts that sets the text's narrow
    /// no-break spaces (French: before `; ! ?` and inside « ») without a narrow one of its own;
    /// those spaces are then set in the bundled `Typesetter.narrowSpaceFallback`.
    func narrowSpaceWarnings(_ blocks: [Block], layout: Layout, typesetter: Typesetter) -> [Diagnostic] {
        guard !typesetter.sources.isBundledOnly else { return [] }
        var seen: Set<String> = []
        var warnings: [Diagnostic] = []
        for block in blocks where block.text.scalars.contains("\u{202F}") {
            let font = layout.style(block.role).font
            guard seen.insert(font.family).inserted else { continue }
            let fallback = "the text's narrow no-break spaces are set in \(Typesetter.narrowSpaceFallback), a bundled font, instead"
            switch typesetter.narrowSpace(in: font) {
            case .narrow: continue
            case .missing:
                warnings.append(.warning("the layout \(layout.name) sets the \(block.role) in '\(font.family)', a family without a narrow no-break space (U+202F), which the text's typography puts before ; ! ? and inside « »: \(fallback)",
                                         hint: "use a font that has U+202F to set it in the family itself"))
            case .wide(let width):
                let ems = (width.value * 100).rounded() / 100
                warnings.append(.warning("the layout \(layout.name) sets the \(block.role) in '\(font.family)', a family whose narrow no-break space (U+202F) is \(ems) em wide, as wide as a word space: \(fallback)",
                                         hint: "use a font whose U+202F is narrow to set it in the family itself"))
            }
        }
        return warnings
    }

    /// Renders a source to a PDF (at `output`, else beside the source), and PNG previews beside
    /// it when asked: `NAME.png` for the first page, `NAME-2.png` for the second.
    public func render(_ path: String, layout: Layout, output: String?, language: String?,
                       options: RenderOptions) throws(Diagnostic) -> RenderResult {
        try render(parseInFolder(path, language: language), layout: layout, output: output, language: language, options: options)
    }

    /// Renders a parsed source, as `render(_:layout:output:language:options:)` does a file. A
    /// colour for print converts the PDF with Ghostscript; the previews stay RGB.
    public func render(_ parsed: ParsedSource, layout: Layout, output: String?, language: String?,
                       options: RenderOptions) throws(Diagnostic) -> RenderResult {
        let (png, colour) = (options.png, options.colour)
        let path = parsed.source.path
        let (document, warnings) = try compose(parsed, layout: layout, language: language)
        // The logo is an input even when the layout does not show it, and it is not read.
        if let logo = parsed.logo { FileBytes.noteInput(logo) }
        if let photo = parsed.photo { FileBytes.noteInput(photo.path) }
        for face in try typesetter(for: layout).faces where !face.isBundled { FileBytes.noteInput(face.path) }
        let pdf = output ?? Engine.defaultOutput(for: path, layout: layout.name)
        let settings = PDFSettings.fromEnvironment()
        // A preview for each sheet: NAME.png, then NAME-2.png for a back.
        let previews = png ? PrintSheets(document).sheets.indices.map { sheet in
            Engine.replacingExtension(of: pdf, with: sheet == 0 ? "png" : "\(sheet + 1).png", separator: sheet == 0 ? "." : "-")
        } : []
        try typesetter(for: layout).writePDF(document, to: pdf, previews: previews, settings: settings)
        let files = [pdf] + previews
        do throws(Diagnostic) {
            try PrintColour.convert(pdf, to: colour, title: document.info.title, language: document.info.language)
            // Ghostscript dates what it writes; a CMYK file carries no date unless asked, as
            // tract's own files do. PDF/X requires its dates.
            if colour == .cmyk && settings.creationDate == nil { try Typesetter.removeDates(from: pdf) }
        } catch {
            // All or nothing: a render that fails leaves none of its files behind.
            for file in files { unlink(file) }
            throw error
        }
        return RenderResult(files: files, document: document, warnings: warnings)
    }

    /// A leaflet's name: its file's, with its folder's before it when the file is named by its
    /// language alone (`kazakhstan-fr`).
    static func leafletName(of path: String) -> String {
        let file = defaultOutput(for: path).split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".pdf") ? String(file.dropLast(4)) : file
    }

    /// The layout whose files carry no layout name.
    public static let defaultLayout = "a4-classic"

    /// `output/NAME.pdf`: the source's name, prefixed with its folder's when the name is only
    /// a language tag (`examples/kazakhstan/fr.txt` → `output/kazakhstan-fr.pdf`), and followed
    /// by the layout's unless it is the default one (`output/kazakhstan-fr-a5-flyer.pdf`).
    public static func defaultOutput(for path: String, layout: String = defaultLayout) -> String {
        let source = SourceFile(path: path, text: "")
        var name = source.stem
        if LanguageTag(name) != nil {
            let folders = path.split(separator: "/").dropLast()
            if let folder = folders.last, folder != "." && folder != ".." { name = "\(folder)-\(name)" }
        }
        if layout != defaultLayout { name += "-" + layout }
        return "output/\(name).pdf"
    }

    /// The path with its extension replaced: `a.pdf` → `a.png`, or `a-2.png` with `-` as separator.
    static func replacingExtension(of path: String, with newExtension: String, separator: String = ".") -> String {
        let slash = path.lastIndex(of: "/")
        if let dot = path.lastIndex(of: "."), slash.map({ dot > $0 }) ?? true {
            return String(path[..<dot]) + separator + newExtension
        }
        return path + separator + newExtension
    }

    /// The language of a source, in its canonical spelling: `--lang` when given, else its front
    /// matter's `lang`, else the file's name when it is a tag (`fr_CA.txt`).
    public static func language(of parsed: ParsedSource, override: String?) throws(Diagnostic) -> String {
        try languageAndNote(of: parsed, override: override).language
    }

    /// The guess at the language of a source's text, for a source that does not say it.
    public static func guessLanguage(of parsed: ParsedSource) -> LanguageGuess {
        LanguageGuesser.guess(parsed.recognized.map(\.block.text.string).joined(separator: "\n"))
    }

    /// The language of a source, as `language(of:override:)` finds it, with a note when it was
    /// guessed from the text.
    public static func languageAndNote(of parsed: ParsedSource, override: String?) throws(Diagnostic)
        -> (language: String, note: Diagnostic?) {
        if let override {
            guard let tag = LanguageTag.canonical(override) else {
                throw .error(at: SourceLocation(file: parsed.source.path), "'\(override)' is not a language tag",
                             hint: "pass a BCP 47 tag such as --lang fr, en or fr-CA")
            }
            return (tag, nil)
        }
        if let tag = parsed.language { return (tag, nil) }
        if let tag = LanguageTag.canonical(parsed.source.stem) { return (tag, nil) }
        let guess = guessLanguage(of: parsed)
        let place = SourceLocation(file: parsed.source.path)
        guard let tag = guess.language else {
            let candidates = guess.candidates.map { "\(LanguageGuesser.name($0)) (--lang \($0))" }
            throw .error(at: place, "cannot tell the language of the source: \(guess.reason)",
                         hint: (candidates.isEmpty ? "" : "it may be \(candidates.joined(separator: " or ")); ")
                             + "pass --lang, give `lang:` in a Markdown front matter, or name the file by its language (fr.txt)")
        }
        return (tag, .note(at: place, "language guessed as \(LanguageGuesser.name(tag)) (\(tag)); pass --lang to choose"))
    }
}
