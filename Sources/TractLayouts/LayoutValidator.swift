import TractCompose
import TractCore
import TractYAML

/// Checks what no single value shows: boxes that name missing boxes or each other in a loop,
/// boxes outside the page or overlapping, roles that no box receives.
struct LayoutValidator {
    var layout: Layout
    /// The `pages` section, to point at the box a problem is about.
    var pagesNode: YAMLNode
    /// Roles that need no box: a variant's text has none of them.
    var absent: Set<Role> = []

    func validate() throws(Diagnostic) {
        for (index, template) in layout.pages.enumerated() {
            let key = index == 0 ? "first" : "following"
            try checkReferences(template, page: key)
            try checkGeometry(page: index, key: key)
        }
        try checkFlows()
    }

    /// Where a box's name is written: problems with the box are reported there.
    private func location(_ page: String, _ box: String) -> SourceLocation {
        guard case .mapping(let boxes)? = pagesNode[page]?.value, let entry = boxes.first(where: { $0.key == box }) else {
            return pagesNode.location
        }
        return entry.keyLocation
    }

    /// Every box an edge names is on the same page, and no box depends on itself.
    private func checkReferences(_ template: PageTemplate, page: String) throws(Diagnostic) {
        let names = template.boxes.map(\.name)
        /// The boxes a box is placed against, each with the key of the edge that names it.
        func references(_ box: BoxSpec) -> [(edge: String, other: String)] {
            [("top", box.top), ("bottom", box.bottom)].compactMap { key, edge -> (edge: String, other: String)? in
                switch edge {
                case .below(let other, _)?, .above(let other, _)?: (key, other)
                default: nil
                }
            }
        }
        for box in template.boxes {
            for (edge, other) in references(box) where !names.contains(other) {
                let hint = closest(to: other, among: names).map { "did you mean '\($0)'?" } ?? "the boxes of this page are \(names.joined(separator: ", "))"
                let written = pagesNode[page]?[box.name]?[edge]?[edge == "top" ? "below" : "above"]?.location
                throw .error(at: written ?? location(page, box.name),
                             "box '\(box.name)' is placed against '\(other)', which is not a box of this page", hint: hint)
            }
        }
        let byName = Dictionary(template.boxes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        /// The boxes from `start` round to `start` again, when they are placed against each other in a loop.
        func loop(from start: String) -> [String]? {
            var visited: Set<String> = []
            func search(_ path: [String]) -> [String]? {
                for (_, next) in references(byName[path.last!]!) {
                    if next == start { return path + [next] }
                    guard byName[next] != nil, visited.insert(next).inserted else { continue }
                    if let found = search(path + [next]) { return found }
                }
                return nil
            }
            return search([start])
        }
        for box in template.boxes {
            if let chain = loop(from: box.name) {
                throw .error(at: location(page, box.name), "boxes are placed against each other in a loop: \(chain.joined(separator: " → "))",
                             hint: "anchor one of them to the page with a length")
            }
        }
    }

    /// Every box lies on the page with a positive size, and no two overlap unless one says it may.
    private func checkGeometry(page index: Int, key: String) throws(Diagnostic) {
        let template = layout.pages[index]
        var heights: [String: Points] = [:]
        for box in template.boxes where box.height == .content {
            heights[box.name] = box.padding.top + box.padding.bottom
        }
        let rects = layout.rects(page: index, contentHeights: heights)
        let pageRect = Rect(x: .zero, y: .zero, width: layout.pageSize.width, height: layout.pageSize.height)
        let size = "\(formatted(layout.pageSize.width.millimetres, decimals: 1)) × \(formatted(layout.pageSize.height.millimetres, decimals: 1)) mm"
        for box in template.boxes {
            let rect = rects[box.name]!
            if rect.width <= .zero || (rect.height <= .zero && box.height != .content) {
                throw .error(at: location(key, box.name),
                             "box '\(box.name)' has no room: it is \(millimetres(rect.width)) wide and \(millimetres(rect.height)) tall",
                             hint: "check its edges and height, and those of the boxes it is placed against")
            }
            if !pageRect.contains(rect) {
                throw .error(at: location(key, box.name), "box '\(box.name)' goes outside the \(size) page (\(describe(rect)))",
                             hint: "move it inside the page, or make it smaller")
            }
        }
        for (offset, box) in template.boxes.enumerated() {
            for other in template.boxes[(offset + 1)...] where !box.mayOverlap && !other.mayOverlap {
                let (a, b) = (rects[box.name]!, rects[other.name]!)
                guard a.height > .zero, b.height > .zero, a.overlaps(b) else { continue }
                throw .error(at: location(key, other.name), "boxes '\(box.name)' and '\(other.name)' overlap",
                             hint: "move them apart, or add `overlap: true` to one of them if that is intended")
            }
        }
    }

    /// Every role has a box, and boxes that share a role list the same roles (they are linked).
    private func checkFlows() throws(Diagnostic) {
        var lists: [Role: (flows: [Role], box: String, page: String)] = [:]
        for (index, template) in layout.pages.enumerated() {
            let key = index == 0 ? "first" : "following"
            for box in template.boxes {
                for role in box.flows {
                    if let earlier = lists[role], earlier.flows != box.flows {
                        throw .error(at: location(key, box.name),
                                     "'\(role)' flows into '\(earlier.box)' with \(list(earlier.flows)) and into '\(box.name)' with \(list(box.flows))",
                                     hint: "linked boxes must list the same roles, in the same order")
                    }
                    lists[role] = lists[role] ?? (box.flows, box.name, key)
                }
            }
        }
        let missing = Role.allCases.filter { lists[$0] == nil && !absent.contains($0) }
        if let role = missing.first {
            throw .error(at: pagesNode.location, "no box receives '\(role)'\(missing.count > 1 ? " (nor \(missing.dropFirst().map(\.rawValue).joined(separator: ", ")))" : "")",
                         hint: "add it to the `flows` of a box, so that no text is left out"
                             + (absent.isEmpty ? "" : ", or to the variant's `without` if its texts have none"))
        }
    }

    private func list(_ roles: [Role]) -> String { "[" + roles.map(\.rawValue).joined(separator: ", ") + "]" }
    private func millimetres(_ length: Points) -> String { "\(formatted(length.millimetres, decimals: 1)) mm" }
    private func describe(_ rect: Rect) -> String {
        "from \(millimetres(rect.x)), \(millimetres(rect.y)) to \(millimetres(rect.maxX)), \(millimetres(rect.maxY))"
    }
}
