import TractCore

/// A point on a page, in points from the top-left corner, y growing downwards.
public struct Point: Hashable, Sendable {
    public var x: Points
    public var y: Points

    public init(x: Points, y: Points) {
        self.x = x
        self.y = y
    }
}

/// A width and a height.
public struct Size: Hashable, Sendable {
    public var width: Points
    public var height: Points

    public init(width: Points, height: Points) {
        self.width = width
        self.height = height
    }
}

/// Space inside the edges of a box.
public struct Insets: Hashable, Sendable {
    public var top: Points
    public var right: Points
    public var bottom: Points
    public var left: Points

    public init(top: Points, right: Points, bottom: Points, left: Points) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }

    /// The same inset on every side.
    public init(all inset: Points) {
        self.init(top: inset, right: inset, bottom: inset, left: inset)
    }

    public static let zero = Insets(all: .zero)
}

/// A rectangle on a page.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Points
    public var y: Points
    public var width: Points
    public var height: Points

    public init(x: Points, y: Points, width: Points, height: Points) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Points { x + width }
    public var maxY: Points { y + height }

    /// The rectangle shrunk by insets.
    public func inset(by insets: Insets) -> Rect {
        Rect(x: x + insets.left, y: y + insets.top,
             width: width - insets.left - insets.right, height: height - insets.top - insets.bottom)
    }

    /// Whether two rectangles share some area (touching edges do not count).
    public func overlaps(_ other: Rect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// Whether `other` lies inside this rectangle, edges included, to a hundredth of a point.
    public func contains(_ other: Rect) -> Bool {
        let epsilon = Points(0.01)
        return other.x >= x - epsilon && other.y >= y - epsilon
            && other.maxX <= maxX + epsilon && other.maxY <= maxY + epsilon
    }

    public var description: String {
        "\(formatted(x.value)),\(formatted(y.value)) \(formatted(width.value))×\(formatted(height.value))"
    }
}

/// An sRGB colour.
public struct Color: Hashable, Sendable, CustomStringConvertible {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from `#rrggbb` or `rrggbb`; nil when the text is not one.
    public init?(hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        red = Double((value >> 16) & 0xFF) / 255
        green = Double((value >> 8) & 0xFF) / 255
        blue = Double(value & 0xFF) / 255
    }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 1, green: 1, blue: 1)

    /// `#rrggbb`.
    public var description: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for component in [red, green, blue] {
            let byte = Int((component * 255).rounded())
            text.append(digits[byte >> 4])
            text.append(digits[byte & 0xF])
        }
        return text
    }
}
