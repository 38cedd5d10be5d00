import Testing
@testable import TractOutput

// BlackInk.rewrite on small content streams, written as Cairo writes them: which neutral
// colours become DeviceGray (black ink alone once Ghostscript converts to CMYK) and which keep
// their RGB, and that nothing else in the stream changes.

/// The rewrite of a content stream given as text, as text.
private func rewritten(_ content: String) -> String {
    String(decoding: BlackInk.rewrite(Array(content.utf8)), as: UTF8.self)
}

@Test("neutral colours of text, thin rules, bullets and strokes become gray, keeping the first number as spelled",
      arguments: [
          // Text in Cairo's near-black, the colour set before BT as Cairo does.
          ("0.109804 0.109804 0.109804 rg\nBT\n/f-0-0 9 Tf\n1 0 0 -1 56 100 Tm\n(Hi)Tj\nET",
           "0.109804 g\nBT\n/f-0-0 9 Tf\n1 0 0 -1 56 100 Tm\n(Hi)Tj\nET"),
          // TJ, ' and " show text too.
          ("0 0 0 rg BT [(A)-20(B)]TJ (C)' 1 2 (D)\" ET", "0 g BT [(A)-20(B)]TJ (C)' 1 2 (D)\" ET"),
          // A rule 300 pt long and half a point thick.
          ("0 0 0 rg 10 10 300 0.5 re f", "0 g 10 10 300 0.5 re f"),
          // A 6 pt bullet under the y flip Cairo starts each page with: 36 pt².
          ("1 0 0 -1 0 842 cm 0 0 0 rg 50 60 m 56 60 l 56 66 l h f", "1 0 0 -1 0 842 cm 0 g 50 60 m 56 60 l 56 66 l h f"),
          // A neutral stroke colour, whatever it strokes.
          ("0.2 0.2 0.2 RG 4 w 0 0 500 500 re S", "0.2 G 4 w 0 0 500 500 re S"),
          // Equal as numbers, though spelled apart.
          ("1 1.0 1. rg BT (a) Tj ET", "1 g BT (a) Tj ET"),
          // The large fill inside q … Q is another colour's; after Q the neutral one shows only text.
          ("0 0 0 rg q 0.7 0.07 0.11 rg 0 0 595 60 re f Q BT (a) Tj ET", "0 g q 0.7 0.07 0.11 rg 0 0 595 60 re f Q BT (a) Tj ET"),
          // A comment that spells an operator is not one.
          ("% 1 0 0 rg\n0 0 0 rg BT (a) Tj ET", "% 1 0 0 rg\n0 g BT (a) Tj ET"),
      ])
func neutralMarksBecomeGray(content: String, expected: String) {
    #expect(rewritten(content) == expected)
}

@Test("colours, large neutral fills, unused colours and what the stream cannot follow are left as they are",
      arguments: [
          // A black band, 200 × 100 pt.
          "0 0 0 rg 0 0 200 100 re f",
          // Colours that are not neutral, one component apart.
          "0.7 0.07 0.11 rg BT (a) Tj ET",
          "0 0 0.5 rg BT (a) Tj ET 0.5 0 0.5 RG",
          // One colour for text and a band: the band decides.
          "0 0 0 rg BT (a) Tj ET 0 0 200 100 re f",
          // q … Q restores the neutral colour, which then fills a band.
          "0 0 0 rg BT (a) Tj ET q 0.7 0.07 0.11 rg BT (b) Tj ET Q 0 0 595 60 re f",
          // 2 × 2 pt under a scale of 10 is 20 × 20 pt on the page: 400 pt².
          "10 0 0 10 0 0 cm 0 0 0 rg 0 0 2 2 re f",
          // A colour replaced before it painted anything.
          "0 0 0 rg 1 0 0 rg BT (a) Tj ET",
          // A path ended without painting.
          "0 0 0 rg 0 0 1 1 re W n",
          // A shading or an XObject painted with the colour pending counts as large.
          "0 0 0 rg BT (a) Tj ET /sh0 sh",
          "0 0 0 rg BT (a) Tj ET /x5 Do",
          // Strings and comments that spell colour operators, with escaped and nested parentheses.
          "0 0 0 rg BT (0 0 0 rg \\) 1 1 1 RG) Tj ((x) 0 0 0 RG) Tj <30203020302052 47> Tj ET 0 0 200 100 re f",
      ])
func othersAreKept(content: String) {
    #expect(rewritten(content) == content)
}

@Test("malformed or truncated streams are returned unchanged",
      arguments: [
          "0 0 0 RG BT (Hi Tj ET",
          "0 0 0 RG BT (Hi\\) Tj ET",
          "0 0 0 RG BT (Hi) Tj ET 0 0",
          "0 0 0 RG BT (Hi) Tj",
          "0 0 0 RG (Hi) Tj",
          "0 0 0 RG BT [(Hi) TJ ET",
          "0 0 0 RG /P << /MCID 0 BDC",
          "0 0 0 RG 0 0 rg",
          "0 0 0 RG Q",
          "0 0 0 RG 1.2.3 1 1 rg",
          "0 0 0 RG 1e3 0 0 1 0 0 cm",
          "0 0 0 RG BT <4G> Tj ET",
          "0 0 0 RG ] [",
          "0 0 0 RG { }",
          "0 0 0 RG BI /W 1 /H 1 /BPC 8 ID \u{1} EIx",
      ])
func malformedIsKept(content: String) {
    #expect(rewritten(content) == content)
}

@Test("a stream cut anywhere inside a string comes back unchanged")
func truncatedInsideAString() {
    let content = Array("0 0 0 RG BT (a (nested) \\) string) Tj ET".utf8)
    let opening = content.firstIndex(of: UInt8(ascii: "("))!
    let closing = content.lastIndex(of: UInt8(ascii: ")"))!
    for end in 0...content.count {
        let prefix = Array(content[..<end])
        let result = BlackInk.rewrite(prefix)
        if end > opening && end <= closing { #expect(result == prefix, "cut at byte \(end)") }
    }
    #expect(BlackInk.rewrite(content) == Array("0 G BT (a (nested) \\) string) Tj ET".utf8))
}

@Test("an inline image's data is kept byte for byte, and the stream after its EI is read again")
func inlineImageDataIsKept() {
    // The data holds bytes that are not text, an "EI" without whitespace on one side, and a
    // colour operator that must stay as it is.
    let image = Array("BI /W 4 /H 4 /BPC 8 /CS /G /F /AHx ID ".utf8) + [0xFF, 0x00]
        + Array(" EIx 0 0 0 RG xEI 0 0 0 RG ".utf8) + [0x80, 0x0A] + Array("EI\n".utf8)
    let text = Array("0 0 0 rg BT (a) Tj ET".utf8)
    #expect(BlackInk.rewrite(image + text) == image + Array("0 g BT (a) Tj ET".utf8))
    // With the colour pending, the image counts as a large paint.
    #expect(BlackInk.rewrite(text + image) == text + image)
}
