/// Rewrites the neutral RGB colours of text and thin rules as DeviceGray, so that Ghostscript's
/// conversion to CMYK prints them in black ink alone.
///
/// Ghostscript maps DeviceGray to K only, but an RGB grey (r = g = b) to all four inks: a "rich"
/// black, which blurs small type and hairlines as soon as the plates are slightly out of register.
/// Large neutral fills, such as a black band, keep their RGB, where rich black is the deeper black.
enum BlackInk {
    /// The content stream with each `a b c RG` whose three numbers are equal written `a G`, and each
    /// such `a b c rg` written `a g` when all it paints is text and small fills (see `Extent.isMark`).
    /// Every other byte is kept as it was. A stream it cannot read is returned unchanged.
    ///
    /// The stream is read alone: a form XObject's colours are in the form's own stream, and what the
    /// stream paints through `Do`, `sh` or an inline image counts as large.
    static func rewrite(_ content: [UInt8]) -> [UInt8] {
        var lexer = Lexer(bytes: content)
        var interpreter = Interpreter()
        do throws(Malformed) {
            while let token = try lexer.next() { try interpreter.read(token) }
            try interpreter.finish()
        } catch {
            return content
        }
        return apply(interpreter.edits, to: content)
    }

    /// `content` with each edit made: the edit's first number kept, and the rest of its operation
    /// replaced by the gray operator.
    private static func apply(_ edits: [Edit], to content: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(content.count)
        var copied = 0
        for edit in edits.sorted(by: { $0.number.lowerBound < $1.number.lowerBound }) {
            result += content[copied..<edit.number.upperBound]
            result += [UInt8(ascii: " "), edit.grayOperator]
            copied = edit.end
        }
        result += content[copied...]
        return result
    }
}

/// Why a stream is returned unchanged: something in it is not content-stream syntax as PDF 1.7
/// (section 7.8.2) writes it, or the graphics state does not add up.
private struct Malformed: Error {}

/// One colour operation to write in gray: `a b c rg` (or `RG`) becomes `a g` (or `a G`).
private struct Edit {
    /// Where the first number is spelled; its bytes are kept.
    let number: Range<Int>
    /// Where the operator's spelling ends.
    let end: Int
    /// `g` for fill, `G` for stroke.
    let grayOperator: UInt8
}

// MARK: Reading the syntax

/// A piece of content-stream syntax, as the lexer reads it byte by byte.
private enum Atom {
    /// A number, with the bytes that spell it.
    case number(Double, Range<Int>)
    /// A name or a string.
    case value
    /// `[` or `<<`, named by its first byte.
    case open(UInt8)
    /// `]` or `>>`, named by the first byte of the bracket it closes.
    case close(UInt8)
    /// A bare word: an operator, or `true`, `false`, `null`.
    case keyword(String, Range<Int>)
}

/// What the interpreter reads: one operand, or one operator.
private enum Token {
    /// A number operand, with the bytes that spell it.
    case number(Double, Range<Int>)
    /// Any other operand: a name, a string, an array, a dictionary, a boolean, null.
    case value
    /// An operator, with the bytes that spell it; `BI` stands for a whole inline image.
    case `operator`(String, Range<Int>)
}

/// Splits a content stream into tokens, moving past comments, arrays, dictionaries and the
/// binary data of inline images.
private struct Lexer {
    let bytes: [UInt8]
    var position = 0

    /// The next token, or nil at the end of the stream.
    mutating func next() throws(Malformed) -> Token? {
        guard let atom = try atom() else { return nil }
        switch atom {
        case .number(let value, let range):
            return .number(value, range)
        case .value:
            return .value
        case .open(let bracket):
            try skipNested(bracket)
            return .value
        case .close:
            throw Malformed()
        case .keyword("true", _), .keyword("false", _), .keyword("null", _):
            return .value
        case .keyword("BI", let range):
            try skipInlineImage()
            return .operator("BI", range.lowerBound..<position)
        case .keyword(let name, let range):
            return .operator(name, range)
        }
    }

    /// The next atom, or nil at the end of the stream.
    private mutating func atom() throws(Malformed) -> Atom? {
        skipWhitespace()
        guard position < bytes.count else { return nil }
        let start = position
        let following = position + 1 < bytes.count ? bytes[position + 1] : nil
        switch bytes[position] {
        case UInt8(ascii: "("):
            try skipLiteralString()
            return .value
        case UInt8(ascii: "<") where following == UInt8(ascii: "<"):
            position += 2
            return .open(UInt8(ascii: "<"))
        case UInt8(ascii: "<"):
            try skipHexString()
            return .value
        case UInt8(ascii: ">") where following == UInt8(ascii: ">"):
            position += 2
            return .close(UInt8(ascii: "<"))
        case UInt8(ascii: "["):
            position += 1
            return .open(UInt8(ascii: "["))
        case UInt8(ascii: "]"):
            position += 1
            return .close(UInt8(ascii: "["))
        case UInt8(ascii: "/"):
            position += 1
            skipRegular()
            return .value
        case let byte where Lexer.isDelimiter(byte):
            // A stray `)` or `>`, or `{ }`, which belong to PostScript functions, not content.
            throw Malformed()
        case let byte:
            skipRegular()
            let range = start..<position
            guard "+-.0123456789".utf8.contains(byte) else {
                return .keyword(String(decoding: bytes[range], as: UTF8.self), range)
            }
            guard let value = Lexer.number(bytes[range]) else { throw Malformed() }
            return .number(value, range)
        }
    }

    /// A number as PDF spells it, `12`, `-3.5`, `.5`, `4.`: no exponent, no "inf", no hexadecimal,
    /// which Swift's own parser would take.
    static func number(_ spelling: ArraySlice<UInt8>) -> Double? {
        let sign = spelling.first == UInt8(ascii: "+") || spelling.first == UInt8(ascii: "-")
        let body = sign ? spelling.dropFirst() : spelling
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard body.contains(where: isDigit), body.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }),
              body.filter({ $0 == UInt8(ascii: ".") }).count <= 1,
              let value = Double(String(decoding: spelling, as: UTF8.self)), value.isFinite
        else { return nil }
        return value
    }

    /// Moves past the rest of an array or dictionary whose opening bracket was just read.
    private mutating func skipNested(_ bracket: UInt8) throws(Malformed) {
        var open = [bracket]
        while let innermost = open.last {
            switch try atom() {
            case nil: throw Malformed()
            case .open(let inner): open.append(inner)
            case .close(let closed):
                guard closed == innermost else { throw Malformed() }
                open.removeLast()
            default: break
            }
        }
    }

    /// Moves past an inline image after its `BI`: its entries, `ID`, its data and the `EI` after it.
    private mutating func skipInlineImage() throws(Malformed) {
        entries: while true {
            switch try atom() {
            case nil, .close: throw Malformed()
            case .open(let bracket): try skipNested(bracket)
            case .keyword("ID", _): break entries
            default: break
            }
        }
        // One whitespace byte follows `ID`; the data, which may hold any byte, ends at the first
        // `EI` that stands between whitespace and whitespace or the end (PDF 1.7, 8.9.7).
        guard position < bytes.count, Lexer.isWhitespace(bytes[position]) else { throw Malformed() }
        var index = position + 1
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "E"), bytes[index + 1] == UInt8(ascii: "I"), Lexer.isWhitespace(bytes[index - 1]),
               index + 2 == bytes.count || Lexer.isWhitespace(bytes[index + 2]) {
                position = index + 2
                return
            }
            index += 1
        }
        throw Malformed()
    }

    /// Moves past a `( … )` string: its parentheses balance unless escaped by a backslash.
    private mutating func skipLiteralString() throws(Malformed) {
        var depth = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"): position += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            default: break
            }
            position += 1
            if depth == 0 { return }
        }
        throw Malformed()
    }

    /// Moves past a `< … >` string, which holds only hexadecimal digits and whitespace.
    private mutating func skipHexString() throws(Malformed) {
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: ">") { return }
            guard Lexer.isWhitespace(byte) || Lexer.isHexDigit(byte) else { throw Malformed() }
        }
        throw Malformed()
    }

    /// Moves past whitespace and `%` comments, which run to the end of the line.
    private mutating func skipWhitespace() {
        while position < bytes.count {
            if Lexer.isWhitespace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "%") {
                while position < bytes.count && bytes[position] != 10 && bytes[position] != 13 { position += 1 }
            } else {
                return
            }
        }
    }

    /// Moves past the bytes up to the next whitespace or delimiter.
    private mutating func skipRegular() {
        while position < bytes.count && !Lexer.isWhitespace(bytes[position]) && !Lexer.isDelimiter(bytes[position]) {
            position += 1
        }
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        "()<>[]{}/%".utf8.contains(byte)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        "0123456789abcdefABCDEF".utf8.contains(byte)
    }
}

// MARK: Following the graphics state

/// An affine transformation as PDF writes it, `[a b c d e f]`: x′ = a·x + c·y + e, y′ = b·x + d·y + f.
private struct Matrix {
    var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

    /// This transformation, then `outer`: what `cm` makes of the CTM (PDF 1.7, 8.4.4).
    func concatenated(with outer: Matrix) -> Matrix {
        Matrix(a: a * outer.a + b * outer.c, b: a * outer.b + b * outer.d,
               c: c * outer.a + d * outer.c, d: c * outer.b + d * outer.d,
               e: e * outer.a + f * outer.c + outer.e, f: e * outer.b + f * outer.d + outer.f)
    }

    /// Where the point (x, y) goes.
    func transform(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// The bounding box, in device space, of a path's points and control points.
private struct Extent {
    var minX: Double, minY: Double, maxX: Double, maxY: Double

    /// The box of one point.
    init(_ point: (x: Double, y: Double)) {
        (minX, minY, maxX, maxY) = (point.x, point.y, point.x, point.y)
    }

    /// The box grown to hold `point`.
    func including(_ point: (x: Double, y: Double)) -> Extent {
        var grown = self
        (grown.minX, grown.maxX) = (Swift.min(minX, point.x), Swift.max(maxX, point.x))
        (grown.minY, grown.maxY) = (Swift.min(minY, point.y), Swift.max(maxY, point.y))
        return grown
    }

    /// Whether a fill of this box is a mark that black ink alone should print: a rule or border
    /// at most 3 pt thick, or a bullet of at most 150 pt² (a 12 pt square is 144).
    var isMark: Bool {
        let (width, height) = (maxX - minX, maxY - minY)
        return width <= 3 || height <= 3 || width * height <= 150
    }
}

/// A neutral `rg`, and what has been painted with it so far.
private struct NeutralFill {
    /// How to write it in gray.
    let edit: Edit
    /// Whether anything was painted with it.
    var painted = false
    /// Whether something other than text and marks was.
    var paintedLarge = false
}

/// The part of the graphics state that `q` saves and `Q` restores, as far as the rewrite needs it.
private struct GraphicsState {
    /// The current transformation matrix, from user space to device space.
    var ctm = Matrix()
    /// The neutral `rg` that sets the fill colour (an index into `Interpreter.fills`), or nil
    /// when the fill colour was set some other way.
    var fill: Int?
}

/// Follows the graphics state through a content stream's operators and decides which neutral
/// colours to write in gray.
private struct Interpreter {
    private var state = GraphicsState()
    private var saved: [GraphicsState] = []
    private var inText = false
    /// The box of the path under construction, nil when there is none or it has no point yet.
    private var path: Extent?
    private var operands: [Token] = []
    private var fills: [NeutralFill] = []
    private var strokes: [Edit] = []

    /// The edits to make: every neutral stroke colour, and the neutral fill colours that painted
    /// only text and marks.
    var edits: [Edit] {
        strokes + fills.filter { $0.painted && !$0.paintedLarge }.map(\.edit)
    }

    /// Takes the next token: an operand waits for its operator; an operator is carried out.
    mutating func read(_ token: Token) throws(Malformed) {
        guard case .operator(let name, let range) = token else {
            operands.append(token)
            return
        }
        try perform(name, endingAt: range.upperBound)
        operands.removeAll(keepingCapacity: true)
    }

    /// Checks that the stream ended where an operator can: no operand left waiting, no text open.
    func finish() throws(Malformed) {
        // An unmatched `q` is allowed: a page's content may be split over several streams.
        guard operands.isEmpty, !inText else { throw Malformed() }
    }

    /// Carries out one operator; the others do not change what the rewrite follows.
    private mutating func perform(_ name: String, endingAt end: Int) throws(Malformed) {
        switch name {
        case "q":
            saved.append(state)
        case "Q":
            guard let outer = saved.popLast() else { throw Malformed() }
            state = outer
        case "cm":
            let m = try numbers(6)
            state.ctm = Matrix(a: m[0], b: m[1], c: m[2], d: m[3], e: m[4], f: m[5]).concatenated(with: state.ctm)
        case "BT", "ET":
            guard inText == (name == "ET") else { throw Malformed() }
            inText.toggle()
        case "Tj", "TJ", "'", "\"":
            guard inText else { throw Malformed() }
            paint(large: false)
        case "rg":
            try setFill(endingAt: end)
        case "g", "k", "sc", "scn", "cs":
            state.fill = nil
        case "RG":
            if let edit = try neutralColour(endingAt: end, grayOperator: UInt8(ascii: "G")) { strokes.append(edit) }
        case "m", "l", "c", "v", "y", "re":
            try construct(name)
        case "f", "F", "f*", "B", "B*", "b", "b*":
            if let path { paint(large: !path.isMark) }
            path = nil
        case "S", "s", "n":
            path = nil
        case "sh", "Do", "BI":
            paint(large: true)
        default:
            break
        }
    }

    /// Sets the fill colour from `rg`: a neutral one becomes a candidate for gray.
    private mutating func setFill(endingAt end: Int) throws(Malformed) {
        guard let edit = try neutralColour(endingAt: end, grayOperator: UInt8(ascii: "g")) else {
            state.fill = nil
            return
        }
        fills.append(NeutralFill(edit: edit))
        state.fill = fills.count - 1
    }

    /// How to write the `rg` or `RG` whose operands are waiting in gray, or nil when its three
    /// components are not equal.
    private func neutralColour(endingAt end: Int, grayOperator: UInt8) throws(Malformed) -> Edit? {
        let rgb = try numbers(3)
        guard rgb[0] == rgb[1], rgb[1] == rgb[2], case .number(_, let first) = operands[0] else { return nil }
        return Edit(number: first, end: end, grayOperator: grayOperator)
    }

    /// How many numbers each path construction operator takes.
    private static let coordinateCounts = ["m": 2, "l": 2, "c": 6, "v": 4, "y": 4, "re": 4]

    /// Adds the points of a path construction operator to the path's box.
    private mutating func construct(_ name: String) throws(Malformed) {
        var coordinates = try numbers(Interpreter.coordinateCounts[name] ?? 0)
        if name == "re" {
            let (x, y, width, height) = (coordinates[0], coordinates[1], coordinates[2], coordinates[3])
            coordinates = [x, y, x + width, y, x, y + height, x + width, y + height]
        }
        for index in stride(from: 0, to: coordinates.count, by: 2) {
            let point = state.ctm.transform(coordinates[index], coordinates[index + 1])
            guard point.x.isFinite, point.y.isFinite else { throw Malformed() }
            path = path?.including(point) ?? Extent(point)
        }
    }

    /// Records that the current fill colour painted something, large or not.
    private mutating func paint(large: Bool) {
        guard let fill = state.fill else { return }
        fills[fill].painted = true
        if large { fills[fill].paintedLarge = true }
    }

    /// The waiting operands, which must be `count` numbers.
    private func numbers(_ count: Int) throws(Malformed) -> [Double] {
        guard operands.count == count else { throw Malformed() }
        var values: [Double] = []
        for operand in operands {
            guard case .number(let value, _) = operand else { throw Malformed() }
            values.append(value)
        }
        return values
    }
}
