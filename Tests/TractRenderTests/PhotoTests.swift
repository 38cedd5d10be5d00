import Foundation
import Testing
import TractCompose
import TractCore
@testable import TractDrawing

// Photos: `show: photo` boxes, the photo from the front matter or leaflet.yaml, cropped to
// cover its box around a focus or contained in it; a JPEG embedded as its own bytes; refused
// before anything is written when it is missing, not an image or too large; a warning when it
// prints under 150 dpi.

private let fixtures = repositoryRoot + "/Tests/TractRenderTests/Fixtures"
private let examplePhoto = repositoryRoot + "/examples/kazakhstan/photo.jpg"

/// The English example without its front matter.
private func englishText() throws -> String {
    let text = try String(contentsOfFile: repositoryRoot + "/examples/kazakhstan/en.md", encoding: .utf8)
    return String(text.split(separator: "---\n", maxSplits: 2, omittingEmptySubsequences: false)[2])
}

/// A folder with the English example as a Markdown source whose front matter gives `photo`
/// (copied in as `picture.jpg`) and the extra `frontMatter` lines.
private func folderWithPhoto(_ photo: String? = examplePhoto, frontMatter: String = "") throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    var lines = ["---", "lang: en", "credit: \"Photo: Camille\""]
    if let photo {
        try FileManager.default.copyItem(atPath: photo, toPath: folder.path + "/picture.jpg")
        lines.append("photo: picture.jpg")
    }
    if !frontMatter.isEmpty { lines.append(frontMatter) }
    try folder.write((lines + ["---", ""]).joined(separator: "\n") + englishText(), to: "leaflet.md")
    return folder
}

private func render(_ folder: TemporaryFolder, layout: String = "a4-photo", _ more: [String] = []) throws -> CommandResult {
    try run(tractProgram, ["render", "leaflet.md", "--layout", layout, "-o", "out.pdf"] + more, in: folder.path)
}

@Test("a4-photo embeds the JPEG's own bytes, draws the same crop in the preview, and prints the credit")
func jpegBytesAreEmbedded() throws {
    let folder = try folderWithPhoto()
    let result = try render(folder, ["--png"])
    #expect(result.status == 0, "\(result.stderr)")
    let pdf = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out.pdf"))
    let jpeg = try Data(contentsOf: URL(fileURLWithPath: examplePhoto))
    #expect(pdf.range(of: jpeg) != nil, "the JPEG's bytes are not in the PDF as they are")
    let images = try run("pdfimages", ["-list", folder.path + "/out.pdf"]).stdout
    #expect(images.contains(" 2400  1600 ") && images.contains("jpeg"), "\(images)")
    let text = try run("pdftotext", [folder.path + "/out.pdf", "-"]).stdout
    #expect(text.contains("Photo: Camille") && text.contains("Kazakhstan"))
    #expect(!result.stderr.contains("dpi"), "a 2400-pixel photo across A4 prints at over 150 dpi: \(result.stderr)")
    // The preview shows the photo at the top: its pixels are the photo's dark sky, not paper.
    let png = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/out.png"))
    #expect(png.count > 100_000, "a preview with a photo holds far more than text on white")
}

@Test("cover fills the frame and crops around the focus; contain shows the whole photo, centred")
func photoPlacement() {
    let frame = Rect(x: Points(10), y: Points(20), width: Points(300), height: Points(100))
    let size = (width: 2000.0, height: 2000.0)
    let top = PhotoImage.placement(of: size, in: frame, fit: .cover, focus: FocusPoint(x: 0.5, y: 0))
    #expect(top.width == Points(300) && top.height == Points(300))
    #expect(top.y == Points(20), "a focus at the top keeps the top in view")
    let bottom = PhotoImage.placement(of: size, in: frame, fit: .cover, focus: FocusPoint(x: 0.5, y: 1))
    #expect(bottom.maxY == Points(120), "a focus at the bottom keeps the bottom in view")
    let middle = PhotoImage.placement(of: size, in: frame, fit: .cover, focus: .center)
    #expect(middle.y == Points(-80))
    let contained = PhotoImage.placement(of: size, in: frame, fit: .contain, focus: FocusPoint(x: 0, y: 0))
    #expect(contained.width == Points(100) && contained.height == Points(100) && contained.x == Points(110))
}

@Test("the header gives a JPEG's size and its camera's orientation, and a PNG's size")
func imageHeaders() throws {
    let photo = try #require(ImageHeader.read(file: examplePhoto))
    #expect(photo.format == .jpeg && photo.width == 2400 && photo.height == 1600 && photo.orientation == 1)
    let rotated = try #require(ImageHeader.read(file: fixtures + "/rotated-photo.jpg"))
    #expect(rotated.width == 240 && rotated.height == 160 && rotated.orientation == 6)
    #expect(ImageHeader(Array("not an image".utf8)) == nil)
    #expect(ImageHeader([0xFF, 0xD8, 0xFF, 0xE0, 0x00]) == nil, "a JPEG cut short has no size")
}

@Test("a photo turned by its camera is drawn upright: its box sees it taller than wide")
func orientationIsApplied() throws {
    let image = try PhotoImage(reading: fixtures + "/rotated-photo.jpg")
    #expect(image.uprightSize.width == 160 && image.uprightSize.height == 240)
}

@Test("a photo under 150 dpi at its printed size is a warning naming the dpi and the pixels needed")
func lowResolutionWarning() throws {
    let folder = try folderWithPhoto(fixtures + "/small-photo.jpg")
    let result = try render(folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("picture.jpg: warning: the photo is 320 × 213 pixels:"), "\(result.stderr)")
    #expect(result.stderr.contains("dpi in its box") && result.stderr.contains("at least"), "\(result.stderr)")
}

@Test("a missing photo, a file that is not an image and a photo over 60 megapixels are refused, with no PDF")
func badPhotos() throws {
    let folder = try folderWithPhoto()
    try FileManager.default.removeItem(atPath: folder.path + "/picture.jpg")
    expectCleanFailure(try render(folder), location: "picture.jpg", mentioning: ["No such file"])
    try folder.write("a list of names, not a photo\n", to: "picture.jpg")
    expectCleanFailure(try render(folder), location: "picture.jpg", mentioning: ["neither a JPEG nor a PNG"])
    // A JPEG header that declares 10000 × 7000 pixels: refused from the header, before decoding.
    let huge: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x1B, 0x58, 0x27, 0x10, 0x03,
                         0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9]
    try folder.write(huge, to: "picture.jpg")
    expectCleanFailure(try render(folder), location: "picture.jpg", mentioning: ["10000 × 7000 pixels", "60 megapixels"])
    // Cut inside its tables: the size is there, the rest of the header is not.
    let damaged = Array(try Data(contentsOf: URL(fileURLWithPath: examplePhoto)).prefix(300))
    try folder.write(damaged, to: "picture.jpg")
    let broken = try render(folder)
    #expect(broken.status != 0 && broken.stderr.contains("picture.jpg: error: the JPEG photo cannot be"), "\(broken.stderr)")
    #expect(try folder.files() == ["leaflet.md", "picture.jpg"])
}

@Test("without a photo, a4-photo starts with the headline, and no credit is printed")
func noPhoto() throws {
    let folder = try folderWithPhoto(nil)
    let result = try render(folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("note: the photo credit is not printed: the leaflet has no photo"), "\(result.stderr)")
    let text = try run("pdftotext", ["-l", "1", "-bbox", folder.path + "/out.pdf", "-"]).stdout
    #expect(!text.contains("Camille"))
    // The headline's first word sits near the top margin, not under an empty half page.
    let first = try #require(text.split(separator: "\n").first { $0.contains(">NO<") })
    let yMin = first.split(separator: "\"").dropFirst(3).first.flatMap { Double($0) } ?? 999
    #expect(yMin < 80, "\(first)")
}

@Test("a layout without a photo box leaves out the credit; photo-focus is checked where it is written")
func creditAndFocus() throws {
    let folder = try folderWithPhoto()
    let classic = try render(folder, layout: "a4-classic")
    #expect(classic.status == 0 && classic.stderr.contains("the layout a4-classic shows no photo"), "\(classic.stderr)")
    #expect(try !run("pdftotext", [folder.path + "/out.pdf", "-"]).stdout.contains("Camille"))
    let badFocus = try folderWithPhoto(frontMatter: "photo-focus: left")
    expectCleanFailure(try render(badFocus), location: "leaflet.md:5:14", mentioning: ["'left' is not a focus point"])
}

@Test("--cmyk converts the photo too: no RGB image is left")
func photoInCMYK() throws {
    let folder = try folderWithPhoto()
    let result = try render(folder, ["--cmyk"])
    #expect(result.status == 0, "\(result.stderr)")
    let images = try run("pdfimages", ["-list", folder.path + "/out.pdf"]).stdout
    #expect(images.contains("cmyk") && !images.contains(" rgb "), "\(images)")
}

@Test("leaflet.yaml gives the photo to every language, and a language its own")
func photoPerLanguage() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.copyItem(atPath: examplePhoto, toPath: folder.path + "/shared.jpg")
    try FileManager.default.copyItem(atPath: fixtures + "/rotated-photo.jpg", toPath: folder.path + "/english.jpg")
    try folder.write("photo: shared.jpg\nlanguages:\n  en: {photo: english.jpg}\n", to: "leaflet.yaml")
    try folder.write(try seedText(), to: "fr.txt")
    try folder.write("---\nlang: en\n---\n" + englishText(), to: "en.md")
    for (source, pixels) in [("fr.txt", " 2400  1600 "), ("en.md", " 240   160 ")] {
        let result = try run(tractProgram, ["render", source, "--layout", "a4-photo", "-o", source + ".pdf"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let images = try run("pdfimages", ["-list", folder.path + "/" + source + ".pdf"]).stdout
        #expect(images.contains(pixels), "\(source): \(images)")
    }
}

@Test("a CMYK JPEG prints in its colours: it is embedded decoded, since its stored inks are inverted")
func cmykJPEG() throws {
    let folder = try folderWithPhoto(fixtures + "/cmyk-red.jpg")
    let result = try render(folder, ["--png"])
    #expect(result.status == 0, "\(result.stderr)")
    let images = try run("pdfimages", ["-list", folder.path + "/out.pdf"]).stdout
    #expect(!images.contains("jpeg"), "\(images)")
    // The middle of the photo's box, in the PDF drawn by poppler: red, not black or cyan.
    let ppm = folder.path + "/page"
    _ = try run("pdftoppm", ["-r", "20", "-f", "1", "-l", "1", "-x", "80", "-y", "30", "-W", "1", "-H", "1", folder.path + "/out.pdf", ppm])
    let pixel = Array(try Data(contentsOf: URL(fileURLWithPath: ppm + "-1.ppm")).suffix(3))
    #expect(pixel.count == 3 && pixel[0] > 180 && pixel[1] < 90 && pixel[2] < 90, "\(pixel)")
}

@Test("a JPEG cut short is refused, not printed half grey")
func truncatedJPEG() throws {
    let folder = try folderWithPhoto()
    let whole = Array(try Data(contentsOf: URL(fileURLWithPath: examplePhoto)))
    try folder.write(Array(whole.prefix(whole.count / 3)), to: "picture.jpg")
    expectCleanFailure(try render(folder), location: "picture.jpg", mentioning: ["damaged or cut short"])
    #expect(try folder.files() == ["leaflet.md", "picture.jpg"])
}

@Test("a front matter's photo-focus applies to the photo leaflet.yaml gives; without any photo it is an error")
func focusWithTheFolderPhoto() throws {
    let folder = try folderWithPhoto(nil, frontMatter: "photo-focus: 10% 10%")
    let alone = try render(folder)
    expectCleanFailure(alone, location: "leaflet.md:4:14", mentioning: ["photo-focus is given but the leaflet has no photo"])
    try FileManager.default.copyItem(atPath: examplePhoto, toPath: folder.path + "/shared.jpg")
    try folder.write("photo: shared.jpg\n", to: "leaflet.yaml")
    let withFolder = try render(folder)
    #expect(withFolder.status == 0, "\(withFolder.stderr)")
}
