import Testing
@testable import TractPrepare
import TractCore

@Test func scratch() throws {
    let p = try Preparer(language: "fr")
    let lines = [
      "Il a dit \"non\" hier", "l'\"Organisation\" est", "Quoi ?!", "Quoi ? !", "Quoi?!", "(?)", "Quoi…?", "Hein !?",
      "Paris - le 6 janvier. Puis - hélas - rien.", "M. Tokayev a dit", "N. Nazarbayev a dit", "la catégorie A est bonne",
      "Voir www.exemple.org. Fin", "Écrire à contact@ligue.org ; merci", "Il est 10 : 30", "Il est 10:30:15",
      "20°C et 5km et 3 000€ et 12,5 % et 1 000 000 de", "en 2022 les", "le 1er janvier", "les 2 et 3 janvier",
      "Note : voir", "« Bonjour »", "«Bonjour»", "“Bonjour”", "\"Bonjour\"", "Le \"non\", dit-il.", "Le \"non\" !",
      "aujourd'hui", "l'URSS", "C'est", "presqu'île", "rock'n'roll", "'bonjour'", "l'an 2000", "Qu'y a-t-il ?",
      "il y a 2 000 ans", "un  double  espace ", "\tTab\n", "Il dit : \"Non !\"", "Quoi ?)", "tel. 01 23 45 67 89",
      "le 15/01/2022", "n° 12 345", "3,141 592", "10h30", "1 500 personnes", "le 12 h", "le G7 sommet", "article 12 alinéa",
      "Et alors... rien", "Et alors.... rien", "un -- deux", "mot - ", "A bas le régime !", "à bas", "l’Organisation intergouvernementale",
      "Kazakhstan.", "ÉTATS-UNIS", "Nazarbayev. Nazarbayev", "2e arrondissement", "anticonstitutionnellement", "COVID19 anticonstitutionnel",
      "https://www.exemple-organisation.org/manifestation", "« Manifestation »", "exploitation; non", "5 km/h", "100 %.", "Il y a 3 l'ont vu"
    ]
    for l in lines {
        let t = p.prepare(StyledText(l), TextTreatment())
        print(l.debugDescription, "=>", t.string.unicodeScalars.map { s -> String in
            switch s { case "\u{202F}": return "⍽"; case "\u{00A0}": return "␣"; case "\u{00AD}": return "|"; default: return String(s) } }.joined())
    }
    for l in ["A bas le régime", "Il a dit A bas", "la catégorie A est", "À bas"] {
      print(l, Typography.lint(StyledText(l), .french))
    }
    print(Casing.apply(.upper, to: StyledText("non à la répression ß œuvre ﬁn")).string)
}
