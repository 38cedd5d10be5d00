import TractCore
import TractLayouts
import TractParse
import TractPrepare

#if canImport(Glibc)
import Glibc
#endif

/// What one fuzz target does with an input: read it as a user's file would be read. A
/// diagnostic is a good outcome; only a crash, a hang or a runaway use of memory is a finding.
enum FuzzTarget: String, CaseIterable {
    case plainText = "plain-text"
    case markdown
    case layout
    case typography

    func run(_ bytes: [UInt8]) {
        switch self {
        case .plainText:
            _ = try? ParsedSource.parse(SourceFile.decode(bytes, path: "fuzz.txt"))
        case .markdown:
            _ = try? ParsedSource.parse(SourceFile.decode(bytes, path: "fuzz.md"))
        case .layout:
            _ = try? LayoutLibrary.load(text: String(decoding: bytes, as: UTF8.self), path: "fuzz.yaml")
        case .typography:
            let text = StyledText(String(decoding: bytes, as: UTF8.self))
            for preparer in FuzzTarget.preparers {
                _ = preparer.prepare(text, TextTreatment(textCase: .asWritten, hyphenate: true))
                _ = preparer.prepare(text, TextTreatment(textCase: .upper, hyphenate: false))
            }
        }
    }

    /// A preparer for every language with typography rules, made once.
    static let preparers: [Preparer] = Preparer.knownLanguages.compactMap { try? Preparer(language: $0) }

    /// The target `TRACT_FUZZ_TARGET` names.
    static func fromEnvironment() -> FuzzTarget {
        let name = getenv("TRACT_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            complain("tract-fuzz: set TRACT_FUZZ_TARGET to one of \(names)")
            exit(2)
        }
        return target
    }
}

/// Writes a line on stderr.
func complain(_ line: String) {
    var text = line + "\n"
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}

#if FUZZING
/// The target of this run, chosen once.
let fuzzTarget = FuzzTarget.fromEnvironment()

/// libFuzzer's entry: one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    fuzzTarget.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// libFuzzer's driver, which reads its options and corpus folders from the arguments.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The program's entry: the build names it so, and it hands over to libFuzzer.
@_cdecl("TractFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, testOneInput)
}
#else
/// Built without libFuzzer, the program replays inputs: `tract-fuzz FILE…` with
/// `TRACT_FUZZ_TARGET` set runs each file through the target, to reproduce a finding.
@main
struct Replay {
    static func main() {
        let target = FuzzTarget.fromEnvironment()
        for path in CommandLine.arguments.dropFirst() {
            guard let bytes = try? FileBytes.read(path, what: "input", example: "file", limit: 64 << 20) else {
                complain("tract-fuzz: cannot read \(path)")
                exit(1)
            }
            target.run(bytes)
            print("\(path): no crash")
        }
    }
}
#endif
