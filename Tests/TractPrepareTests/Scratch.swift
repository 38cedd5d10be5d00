import Testing
@testable import TractPrepare
import TractCore

@Test func scratch() throws {
    let p = try Preparer(language: "fr")
    let lines = ["Non à la répression du peuple !", "Des dizaines de personnes auraient été tuées, des centaines ont été blessées et plus de 2 000 ont été emprisonnées dans des opérations « antiterroristes ».", "La Ligue socialiste internationale exige :", "Le 2 janvier dernier, où il y a 10 ans (15 personnes ont été tuées, des centaines de blessés)", "Quoi?! Il est 10:30 et voir https://exemple.org/a:b ou l'URSS... 15% - dit-il - \"bonjour\" 5 km", "l’effondrement répression manifestation Nazarbayev exploitant transnationales"]
    for l in lines {
        let t = p.prepare(StyledText(l), TextTreatment())
        print(t.string.unicodeScalars.map { s -> String in
            switch s { case "\u{202F}": return "⍽"; case "\u{00A0}": return "␣"; case "\u{00AD}": return "|"; default: return String(s) } }.joined())
    }
}
