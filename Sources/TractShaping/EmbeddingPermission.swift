import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// What a font's licence allows a PDF to do with it, from the `fsType` field of its OpenType
/// `OS/2` table.
///
/// tract embeds a subset of every font it uses, so it refuses a font marked for restricted
/// licence embedding (the value 2 in the low bits), for no subsetting (bit 8) or for bitmap
/// embedding only (bit 9). A font without an `OS/2` table, or marked installable, editable or
/// for preview and print, may be embedded.
enum EmbeddingPermission {
    /// Refuses a font file, naming the place that listed it, when one of its faces may not be
    /// embedded as a subset.
    static func check(_ path: String, at place: SourceLocation) throws(Diagnostic) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let file = FontFileReader(descriptor: descriptor)
        // TrueType, OpenType (CFF), old Apple TrueType, collections: the formats a PDF embeds.
        guard let tag = file.uint32(at: 0), [0x0001_0000, 0x4F54_544F, 0x7472_7565, 0x7474_6366].contains(tag) else {
            let woff = file.uint32(at: 0).map { $0 == 0x774F_4646 || $0 == 0x774F_4632 } ?? false
            throw .error(at: place, "the font \(path) is \(woff ? "a WOFF web font" : "not a TrueType or OpenType file"), which tract cannot embed in a PDF",
                         hint: "use the font's .ttf or .otf file\(woff ? ", or convert it (for example with fontTools: `fonttools ttLib.woff2 decompress`)" : "")")
        }
        for face in faceOffsets(file) {
            guard let fsType = fsType(in: file, at: face), let problem = problem(with: fsType) else { continue }
            throw .error(at: place, "the font \(path) may not be embedded in a PDF: its licence allows \(problem) (OpenType fsType \(fsType))",
                         hint: "a PDF made with it would break its licence; use a font whose licence allows embedding, such as one under the SIL Open Font License")
        }
    }

    /// What is wrong with an `fsType` value for a subset embedded in a PDF, or nil when nothing is.
    static func problem(with fsType: UInt16) -> String? {
        if fsType & 0x000F == 0x0002 { return "no embedding at all (restricted licence)" }
        if fsType & 0x0100 != 0 { return "embedding only the whole font, and tract embeds subsets" }
        if fsType & 0x0200 != 0 { return "embedding only its bitmaps, and tract embeds outlines" }
        return nil
    }

    /// The offset of each face's table directory: one for a font, several for a collection.
    static func faceOffsets(_ file: FontFileReader) -> [Int] {
        guard let tag = file.uint32(at: 0) else { return [] }
        guard tag == 0x7474_6366 /* ttcf */ else { return [0] }
        let count = min(Int(file.uint32(at: 8) ?? 0), 1000)
        return (0..<count).compactMap { file.uint32(at: 12 + 4 * $0).map(Int.init) }
    }

    /// The `fsType` of the face whose table directory is at `offset`; nil without an `OS/2` table.
    static func fsType(in file: FontFileReader, at offset: Int) -> UInt16? {
        guard let tables = file.uint16(at: offset + 4) else { return nil }
        for index in 0..<Int(tables) {
            let record = offset + 12 + 16 * index
            guard let tag = file.uint32(at: record) else { return nil }
            guard tag == 0x4F53_2F32 /* OS/2 */, let table = file.uint32(at: record + 8) else { continue }
            return file.uint16(at: Int(table) + 8)
        }
        return nil
    }
}

/// Big-endian numbers read from a font file at any offset; nil beyond its end.
struct FontFileReader {
    let descriptor: Int32

    func uint16(at offset: Int) -> UInt16? {
        bytes(2, at: offset).map { UInt16($0[0]) << 8 | UInt16($0[1]) }
    }

    func uint32(at offset: Int) -> UInt32? {
        bytes(4, at: offset).map { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }

    private func bytes(_ count: Int, at offset: Int) -> [UInt8]? {
        guard offset >= 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return read == count ? buffer : nil
    }
}
