/// How a role's text is set, as far as preparing it goes: its case and whether it hyphenates.
public struct TextTreatment: Hashable, Sendable {
    public var textCase: TextCase
    public var hyphenate: Bool

    public init(textCase: TextCase = .asWritten, hyphenate: Bool = true) {
        self.textCase = textCase
        self.hyphenate = hyphenate
    }
}

/// The case a style sets its text in.
public enum TextCase: String, Hashable, Sendable, CaseIterable {
    case asWritten = "as-written"
    /// Capitals, keeping accents (`à bas` → `À BAS`).
    case upper
    case lower
}
