import Testing
@testable import TractPrepare

/// The syllable rules of Cyrillic alphabets, word by word: `-` marks each break.
struct SyllableTests {
    @Test("Cyrillic syllables", arguments: [
        ("провели", "про-ве-ли"),      // one consonant between vowels opens the syllable
        ("операцій", "о-пе-ра-цій"),   // a first syllable of one vowel is a point; the word's settings keep two letters
        ("сестри", "сес-три"),         // a run of consonants breaks after its first
        ("центру", "цен-тру"),
        ("рішення", "рі-шен-ня"),      // a double consonant is parted
        ("ремонт", "ре-монт"),         // the last part keeps a vowel
        ("большой", "боль-шой"),       // the soft sign stays with the letter before it
        ("война", "вой-на"),           // so does й
        ("район", "район"),            // й before a vowel: no break either side of it
        ("объект", "объект"),          // nor of the hard sign
        ("аудит", "ау-дит"),           // two vowels are not parted
        ("м'ясо", "м'я-со"),           // the apostrophe closes its syllable
        ("ынтымақтастығымызды", "ын-ты-мақ-тас-ты-ғы-мыз-ды"),  // Kazakh letters
        ("өнеркәсіп", "ө-нер-кә-сіп"),
        ("вгн", "вгн"),                // no vowel, no break
        ("manifest", "manifest"),      // a letter outside the alphabet: no break
        ("moсква", "moсква"),          // nor with one Latin letter among Cyrillic ones
    ])
    func syllables(_ word: String, _ expected: String) {
        let scalars = Array(word.unicodeScalars)
        var marked = ""
        let points = Set(Syllables.cyrillic.breakPoints(in: scalars))
        for (index, scalar) in scalars.enumerated() {
            if points.contains(index) { marked += "-" }
            marked.unicodeScalars.append(scalar)
        }
        #expect(marked == expected)
    }
}
