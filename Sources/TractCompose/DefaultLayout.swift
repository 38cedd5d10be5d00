import TractCore

extension Layout {
    /// The built-in A4 leaflet: a red band with the headline, two justified columns of body,
    /// the demands in a tinted box, the signature and date closing the page.
    public static let a4Classic: Layout = {
        let page = Size(width: .mm(210), height: .mm(297))
        let margin = Points.mm(15)
        let inner = page.width - margin * 2
        let red = Color(hex: "#b3121b")!
        let ink = Color(hex: "#1c1c1c")!
        let serif = FontSpec(family: "Noto Serif")
        let display = FontSpec(family: "Noto Sans", weight: 900, stretch: 62.5)
        let condensedBold = FontSpec(family: "Noto Sans", weight: 700, stretch: 75)
        let condensedSemiBold = FontSpec(family: "Noto Sans", weight: 600, stretch: 75)

        let boxes = [
            BoxSpec(name: "band", x: .zero, width: page.width, top: .at(.zero), height: .content,
                    padding: Insets(top: .mm(11), right: margin, bottom: .mm(7), left: margin),
                    background: red, flows: [.kicker, .headline, .subheadline]),
            BoxSpec(name: "body", x: margin, width: inner, top: .below("band", gap: .mm(8)),
                    bottom: .above("demands", gap: .mm(6)), height: .fill,
                    columns: 2, gutter: .mm(6), flows: [.body]),
            BoxSpec(name: "demands", x: margin, width: inner, bottom: .above("closing", gap: .mm(4)), height: .content,
                    padding: Insets(top: .mm(5), right: .mm(6), bottom: .mm(5), left: .mm(6)),
                    background: Color(hex: "#f6e4e1")!, cornerRadius: .mm(1.5), flows: [.leadIn, .demand, .callToAction]),
            BoxSpec(name: "closing", x: margin, width: inner, bottom: .at(page.height - .mm(11)), height: .content,
                    flows: [.signature, .date, .imprint]),
        ]
        let styles: [Role: TextStyle] = [
            .kicker: TextStyle(font: condensedBold, size: Points(12), leading: 1.2, color: .white, textCase: .upper,
                               letterSpacing: Ems(0.08), spaceAfter: Points(4), hyphenate: false),
            .headline: TextStyle(font: display, size: Points(60), leading: 0.96, color: .white, textCase: .upper,
                                 hyphenate: false),
            .subheadline: TextStyle(font: condensedBold, size: Points(15.5), leading: 1.16, color: Color(hex: "#ffe1a8")!,
                                    spaceBefore: Points(9), hyphenate: false),
            .body: TextStyle(font: serif, size: Points(10), leading: 1.3, color: ink, alignment: .justify,
                             firstLineIndent: Ems(1.2)),
            .leadIn: TextStyle(font: condensedBold, size: Points(12.5), leading: 1.2, color: red, spaceAfter: Points(5),
                               hyphenate: false),
            .demand: TextStyle(font: condensedSemiBold, size: Points(11), leading: 1.22, color: ink, spaceBefore: Points(3.5),
                               hyphenate: false,
                               bullet: BulletStyle(mark: .square, font: condensedBold, scale: 0.95, color: red,
                                                   indent: Ems(1.1))),
            .callToAction: TextStyle(font: condensedBold, size: Points(11.5), leading: 1.2, color: red, spaceBefore: Points(6),
                                     hyphenate: false),
            .signature: TextStyle(font: condensedBold, size: Points(12), leading: 1.2, color: red, alignment: .right,
                                  hyphenate: false),
            .date: TextStyle(font: FontSpec(family: "Noto Serif", italic: true), size: Points(9.5), leading: 1.3,
                             color: ink, alignment: .right, spaceBefore: Points(1), hyphenate: false),
            .imprint: TextStyle(font: serif, size: Points(6.5), leading: 1.2, color: ink, spaceBefore: Points(3), hyphenate: false),
        ]
        return Layout(
            name: "a4-classic",
            summary: "A4 portrait: red headline band, two justified columns, demands in a tinted box",
            pageSize: page, pages: [PageTemplate(boxes: boxes)], styles: styles,
            headlineFit: HeadlineFit(minSize: Points(28), maxSize: Points(62), maxLines: 3),
            bodyFit: BodyFit(minSize: Points(7.5), maxSize: Points(11.5),
                             roles: [.body, .leadIn, .demand, .callToAction]),
            keeps: Keeps(orphans: 2, widows: 2, whole: [.demand, .headline, .subheadline],
                         withNext: [.leadIn, .kicker, .headline]))
    }()
}
