#if canImport(Glibc)
import Glibc
#endif

/// A leaflet's photo: its file, and where its subject is, for cropping.
public struct Photo: Hashable, Sendable {
    /// The JPEG or PNG file, as a path from the current folder.
    public var path: String
    /// The point of the photo that stays in view when it is cropped to its box; nil leaves it
    /// to the box (`focus` in the layout, else the middle).
    public var focus: FocusPoint?

    public init(path: String, focus: FocusPoint? = nil) {
        self.path = path
        self.focus = focus
    }
}

/// A point of a picture, as fractions of its width from the left and of its height from the top.
public struct FocusPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static let center = FocusPoint(x: 0.5, y: 0.5)

    /// What a focus may be written as, for messages.
    public static let syntax = "two percentages, across then down, such as `50% 30%`"

    /// Reads `50% 30%`: across then down, each from 0% to 100%; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2 else { return nil }
        var values: [Double] = []
        for part in parts {
            // Digits and a point only: no hexadecimal, exponent or `nan` that Double() would read.
            let digits = part.dropLast()
            guard part.hasSuffix("%"), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let number = Double(digits), (0...100).contains(number) else { return nil }
            values.append(number / 100)
        }
        self.init(x: values[0], y: values[1])
    }
}

/// How a picture fills its box.
public enum PictureFit: String, Hashable, Sendable, CaseIterable {
    /// The whole box covered, the picture cropped around its focus.
    case cover
    /// The whole picture shown, as large as fits, the rest of the box left empty.
    case contain

    /// How much a picture of `size` is scaled to fill a frame of `frame` this way, in the frame's
    /// units per pixel.
    public func scale(of size: (width: Double, height: Double), into frame: (width: Double, height: Double)) -> Double {
        let across = frame.width / size.width, down = frame.height / size.height
        return self == .cover ? max(across, down) : min(across, down)
    }
}

/// What a JPEG or PNG file says of itself in its first bytes: its format, its size in pixels,
/// and for a JPEG the orientation its camera recorded (EXIF, 1 when upright or unsaid).
public struct ImageHeader: Hashable, Sendable {
    public enum Format: String, Sendable { case jpeg = "JPEG", png = "PNG" }

    public var format: Format
    public var width: Int
    public var height: Int
    public var orientation: Int = 1

    public var megapixels: Double { Double(width) * Double(height) / 1_000_000 }

    /// The size as the picture is seen: turned as its orientation says (5 to 8 are a quarter turn).
    public var uprightSize: (width: Double, height: Double) {
        orientation >= 5 ? (Double(height), Double(width)) : (Double(width), Double(height))
    }

    /// The header of a JPEG or PNG; nil when the bytes are neither or their header is damaged.
    public init?(_ bytes: [UInt8]) {
        if bytes.count >= 24, bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
           bytes[8..<16].elementsEqual([0, 0, 0, 13] + Array("IHDR".utf8)) {
            func number(at offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
            (format, width, height) = (.png, number(at: 16), number(at: 20))
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]), let found = ImageHeader.jpeg(bytes) {
            (format, width, height, orientation) = (.jpeg, found.width, found.height, found.orientation)
        } else {
            return nil
        }
        guard width > 0, height > 0 else { return nil }
    }

    /// The size from a JPEG's frame header, and the orientation from its EXIF segment, walking
    /// the segments from the start.
    private static func jpeg(_ bytes: [UInt8]) -> (width: Int, height: Int, orientation: Int)? {
        func uint16(_ offset: Int) -> Int? {
            offset + 2 <= bytes.count ? Int(bytes[offset]) << 8 | Int(bytes[offset + 1]) : nil
        }
        var offset = 2
        var orientation = 1
        while offset + 4 <= bytes.count {
            guard bytes[offset] == 0xFF else { return nil }
            let marker = bytes[offset + 1]
            if marker == 0xFF { offset += 1; continue }
            guard let length = uint16(offset + 2), length >= 2 else { return nil }
            let segment = offset + 4
            // Every start of frame but the DHT, JPG and DAC markers among C0 to CF.
            if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard let height = uint16(segment + 1), let width = uint16(segment + 3) else { return nil }
                return (width, height, orientation)
            }
            if marker == 0xE1, segment + 6 <= bytes.count, bytes[segment..<segment + 6].elementsEqual(Array("Exif".utf8) + [0, 0]) {
                orientation = exifOrientation(bytes, tiff: segment + 6, end: min(bytes.count, offset + 2 + length)) ?? 1
            }
            if marker == 0xDA || marker == 0xD9 { return nil }
            offset += 2 + length
        }
        return nil
    }

    /// The Orientation tag (0x0112) of the first image directory of an EXIF segment's TIFF data.
    private static func exifOrientation(_ bytes: [UInt8], tiff: Int, end: Int) -> Int? {
        guard tiff + 8 <= end else { return nil }
        let little = bytes[tiff] == 0x49
        func number(_ offset: Int, _ size: Int) -> Int? {
            guard offset >= tiff, offset + size <= end else { return nil }
            let slice = Array(bytes[offset..<offset + size])
            return (little ? slice.reversed() : slice).reduce(0) { $0 << 8 | Int($1) }
        }
        guard let directory = number(tiff + 4, 4), let count = number(tiff + directory, 2) else { return nil }
        for index in 0..<min(count, 512) {
            let entry = tiff + directory + 2 + 12 * index
            guard let tag = number(entry, 2) else { return nil }
            if tag == 0x0112 { return number(entry + 8, 2).flatMap { (1...8).contains($0) ? $0 : nil } }
        }
        return nil
    }

    /// The header of an image file, from its first bytes; nil when it cannot be read or is not
    /// a JPEG or PNG.
    public static func read(file path: String) -> ImageHeader? {
        guard let stream = fopen(path, "rb") else { return nil }
        defer { fclose(stream) }
        // The first 64 KiB hold the header of nearly every file; a JPEG's size may come after
        // megabytes of metadata, and then the rest is read.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count < 256 << 20 {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, stream) }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
            if let header = ImageHeader(bytes) { return header }
        }
        return ImageHeader(bytes)
    }
}
