/// What a piece of leaflet content is, which decides its box and its style. The cases are in
/// reading order, and everything tract knows of a role is said once, in `traits`.
public enum Role: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case kicker
    case headline
    case subheadline = "sub-headline"
    case body
    case leadIn = "lead-in"
    case demand
    case callToAction = "call-to-action"
    case signature
    case date
    case contact
    case imprint
    /// Last: a layout without a box for it sets it after the imprint.
    case credit

    public var description: String { rawValue }

    /// What the role is and how each part of tract treats it.
    public var traits: RoleTraits {
        switch self {
        case .kicker:
            RoleTraits(summary: "The small line above the headline.", frontMatterKey: "kicker",
                       keptWhole: true, keptWithNext: true, isDisplay: true, fallback: .headline)
        case .headline:
            RoleTraits(summary: "The headline, sized by `fitting.headline`.",
                       keptWhole: true, keptWithNext: true, isDisplay: true)
        case .subheadline:
            RoleTraits(summary: "The line under the headline.", keptWhole: true, isDisplay: true, fallback: .headline)
        case .body:
            RoleTraits(summary: "The paragraphs.", scaled: true)
        case .leadIn:
            RoleTraits(summary: "The paragraph that introduces the demands, ending with a colon.",
                       scaled: true, keptWithNext: true, fallback: .body)
        case .demand:
            RoleTraits(summary: "Each demand, one item of a bulleted list.", scaled: true, keptWhole: true, fallback: .leadIn)
        case .callToAction:
            RoleTraits(summary: "A closing appeal after the demands.", frontMatterKey: "call_to_action", scaled: true, fallback: .demand)
        case .signature:
            RoleTraits(summary: "Who signs the leaflet.", frontMatterKey: "signature", folderKey: "organisation", fallback: .callToAction)
        case .date:
            RoleTraits(summary: "The date.", frontMatterKey: "date", folderKey: "date", fallback: .signature)
        case .contact:
            RoleTraits(summary: "How to reach the organisation: address, website, phone.",
                       frontMatterKey: "contact", folderKey: "contact", fallback: .signature)
        case .imprint:
            RoleTraits(summary: "The legal printer's line.", frontMatterKey: "imprint", folderKey: "imprint", fallback: .contact)
        case .credit:
            RoleTraits(summary: "Who took the photo, set small beside it.", frontMatterKey: "credit", folderKey: "credit",
                       fallback: .imprint)
        }
    }

    /// Whether the role reads before `other`.
    public func isBefore(_ other: Role) -> Bool {
        Role.allCases.firstIndex(of: self)! < Role.allCases.firstIndex(of: other)!
    }

    /// The role whose boxes receive this one in a layout that gives it none of its own: the first
    /// role along the chain of fallbacks that has a box, nil when none has.
    public func receiver(among roles: Set<Role>) -> Role? {
        var role = self
        while !roles.contains(role) {
            guard let next = role.traits.fallback else { return nil }
            role = next
        }
        return role
    }
}

/// How each part of tract treats a role.
public struct RoleTraits: Sendable {
    /// One line saying what the role is, for the documentation.
    public var summary: String
    /// The front-matter key of a Markdown source that gives the role's text, when one does.
    public var frontMatterKey: String?
    /// The `leaflet.yaml` key that gives it to a source that has none of its own, when one does.
    public var folderKey: String?
    /// Copyfitting scales the role, unless a layout's `fitting.body.roles` says otherwise.
    public var scaled: Bool
    /// Never split across columns or boxes (for demands, unless `keeps.whole-demands` is false).
    public var keptWhole: Bool
    /// In the same column as the first line of what follows (for the lead-in, unless
    /// `keeps.lead-in-with-demands` is false).
    public var keptWithNext: Bool
    /// Display text, set large at the head of the leaflet and placed by its ink.
    public var isDisplay: Bool
    /// The role whose boxes receive it in a layout that gives it none; nil when a layout must.
    public var fallback: Role?

    init(summary: String, frontMatterKey: String? = nil, folderKey: String? = nil, scaled: Bool = false,
         keptWhole: Bool = false, keptWithNext: Bool = false, isDisplay: Bool = false, fallback: Role? = nil) {
        self.summary = summary
        self.frontMatterKey = frontMatterKey
        self.folderKey = folderKey
        self.scaled = scaled
        self.keptWhole = keptWhole
        self.keptWithNext = keptWithNext
        self.isDisplay = isDisplay
        self.fallback = fallback
    }
}
