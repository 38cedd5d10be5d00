/// A length in PostScript points (1/72 inch), the unit of PDF user space.
public struct Points: Hashable, Comparable, Sendable, AdditiveArithmetic, CustomStringConvertible {
    public var value: Double

    public init(_ value: Double) { self.value = value }

    public static let zero = Points(0)

    /// Millimetres to points: 1 in = 25.4 mm = 72 pt.
    public static func mm(_ millimetres: Double) -> Points { Points(millimetres * 72 / 25.4) }
    /// Centimetres to points.
    public static func cm(_ centimetres: Double) -> Points { .mm(centimetres * 10) }
    /// Inches to points.
    public static func inches(_ inches: Double) -> Points { Points(inches * 72) }

    /// The length in millimetres.
    public var millimetres: Double { value * 25.4 / 72 }

    public static func + (a: Points, b: Points) -> Points { Points(a.value + b.value) }
    public static func - (a: Points, b: Points) -> Points { Points(a.value - b.value) }
    public static func * (a: Points, k: Double) -> Points { Points(a.value * k) }
    public static func * (k: Double, a: Points) -> Points { Points(a.value * k) }
    public static func / (a: Points, k: Double) -> Points { Points(a.value / k) }
    /// The ratio of two lengths.
    public static func / (a: Points, b: Points) -> Double { a.value / b.value }
    public static prefix func - (a: Points) -> Points { Points(-a.value) }
    public static func < (a: Points, b: Points) -> Bool { a.value < b.value }

    public var description: String { formatted(self.value) + "pt" }
}

/// A length in ems: a multiple of the font size, for widths measured once and used at any size.
public struct Ems: Hashable, Comparable, Sendable, AdditiveArithmetic {
    public var value: Double

    public init(_ value: Double) { self.value = value }

    public static let zero = Ems(0)

    /// The length at a given font size.
    public func at(_ size: Points) -> Points { Points(value * size.value) }

    public static func + (a: Ems, b: Ems) -> Ems { Ems(a.value + b.value) }
    public static func - (a: Ems, b: Ems) -> Ems { Ems(a.value - b.value) }
    public static func * (a: Ems, k: Double) -> Ems { Ems(a.value * k) }
    public static func < (a: Ems, b: Ems) -> Bool { a.value < b.value }
}

/// A number with at most two decimals and no trailing zeros, for dumps and messages.
public func formatted(_ value: Double, decimals: Int = 2) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(rounded)
    // Double's description may use more digits than asked for; cut to `decimals`.
    if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > decimals + 1 {
        text = String(text[..<text.index(dot, offsetBy: decimals + 1)])
    }
    return text
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
