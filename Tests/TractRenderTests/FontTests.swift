import Testing
import TractCompose
import TractCore
import TractLayouts
import TractRender

// The bundled fonts: every face covers French and the narrow no-break space, and that space is
// narrow in every font the default layout uses.

/// Every character French typography may put on a page.
private let frenchCharacters = "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ"
    + "ABCDEFGHIJKLMNOPQRSTUVWXYZÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ0123456789"
    + "«»“”’‘…–—‐-;:!?.,()%€\u{00A0}\u{202F}"

/// Every letter Kazakh adds to the Russian alphabet.
private let kazakhLetters = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"

/// The Arabic letters, and the punctuation Arabic text uses.
private let arabicCharacters = String(String.UnicodeScalarView((0x621...0x64A).compactMap(Unicode.Scalar.init))) + "،؛؟«»"

@Test("every Latin face covers French, U+202F and Kazakh Cyrillic; every Arabic face covers Arabic")
func facesCoverTheirScripts() throws {
    let faces = try Typesetter().faces
    #expect(faces.count >= 11)
    #expect(faces.contains { $0.families.contains("Noto Naskh Arabic") })
    for face in faces {
        let needed = face.families.contains { $0.contains("Arabic") } ? arabicCharacters : frenchCharacters + kazakhLetters
        let missing = needed.unicodeScalars.filter { !face.covers($0) }
        #expect(missing.isEmpty, "\(face.file) lacks \(missing.map { "U+" + String($0.value, radix: 16, uppercase: true) })")
    }
}

@Test("only the bundled fonts are visible, never the system's")
func onlyBundledFonts() throws {
    let typesetter = try Typesetter()
    #expect(typesetter.faces.allSatisfy { $0.families.contains { $0.hasPrefix("Noto") } })
    #expect(!typesetter.familyNames.contains("DejaVu Sans"))
}

@Test("the narrow no-break space is narrower than a word space in every font of the default layout")
func narrowSpaceIsNarrow() throws {
    let typesetter = try Typesetter()
    var fonts = Set(classicLayout.styles.values.map(\.font))
    fonts.formUnion(fonts.map { $0.applying(.strong) })
    for font in fonts {
        let shaped = typesetter.shape(StyledText("a\u{202F}b c"), font: font, letterSpacing: .zero, direction: .leftToRight)
        let narrow = shaped.advances[1].value
        let word = shaped.advances[3].value
        #expect(narrow > 0.05 && narrow < word, "\(font): U+202F is \(narrow) em, a space \(word) em")
    }
}
