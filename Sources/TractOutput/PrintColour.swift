import TractCore
import TractShaping

#if canImport(Glibc)
import Glibc
#endif

/// How a finished PDF's colours are set for print.
public enum ColourOutput: String, Sendable, CaseIterable {
    /// As Cairo writes it, in DeviceRGB: for screens, office printers and most digital presses.
    case rgb
    /// Every colour in DeviceCMYK, for a print shop that asks for CMYK.
    case cmyk
    /// PDF/X-3: CMYK with an output intent that names the CMYK profile, for a print shop's preflight.
    case pdfx

    /// How messages name the result.
    var name: String { self == .pdfx ? "PDF/X" : rawValue.uppercased() }
}

/// Converts finished PDFs for print with Ghostscript, since Cairo writes RGB only.
///
/// Ghostscript's pdfwrite writes the PDF anew: every colour converted with its CMYK profile, the
/// fonts embedded, the page boxes kept, and for PDF/X a TrimBox equal to the MediaBox on pages
/// that have none. Black and grey text and thin rules are handed to it in DeviceGray
/// (`BlackInk`), which it sets in black ink alone (K, a grey as a tint of K), as print shops ask
/// for small text; photos, colours and large areas keep the profile's conversion.
public enum PrintColour {
    /// Converts the PDF at `path` in place: CMYK (DeviceCMYK everywhere) or PDF/X-3 (CMYK with an
    /// output intent naming a CMYK profile, the PDF/X conformance keys, a TrimBox kept). `.rgb`
    /// does nothing. The result replaces the file only when Ghostscript succeeded; on failure the
    /// original is left as it was and the diagnostic says what Ghostscript said.
    ///
    /// PDF/X requires a title: `title` is used when the PDF has none of its own, and the file's
    /// name when neither has one. Ghostscript dates the new file now, unless `SOURCE_DATE_EPOCH`
    /// is set, as for tract's own output.
    public static func convert(_ path: String, to output: ColourOutput, title: String? = nil,
                               language: String? = nil) throws(Diagnostic) {
        try convert(path, to: output, title: title, language: language, searchPath: environmentPath)
    }

    /// Whether Ghostscript can be run (`gs` on PATH).
    public static var ghostscriptAvailable: Bool {
        findGhostscript(searchPath: environmentPath) != nil
    }

    /// `convert`, with the folders to look for `gs` in and the environment to run it with given,
    /// so tests can do without Ghostscript or fix the date.
    static func convert(_ path: String, to output: ColourOutput, title: String?, language: String? = nil,
                        searchPath: String, environment: [String]? = nil) throws(Diagnostic) {
        guard output != .rgb else { return }
        guard let ghostscript = findGhostscript(searchPath: searchPath) else {
            throw .error(at: SourceLocation(file: path), "cannot convert to \(output.name): Ghostscript is not installed",
                         hint: "install it with `apt-get install ghostscript`")
        }
        var arguments = [ghostscript] + conversionArguments
        if output == .pdfx {
            guard let profile = cmykProfile(ghostscript: ghostscript) else {
                throw .error(at: SourceLocation(file: path), "cannot convert to PDF/X: Ghostscript's CMYK profile (\(profileName)) is missing",
                             hint: "reinstall Ghostscript with `apt-get install --reinstall ghostscript`")
            }
            arguments += pdfxArguments(profile: profile, title: title ?? documentName(path))
        }
        // Ghostscript writes a new catalog, without the original's /Lang unless told.
        if let language { arguments += ["-c", "[ {Catalog} << /Lang \(postScriptString(language)) >> /PUT pdfmark"] }
        // Black and grey text and rules go to Ghostscript in DeviceGray, which it converts to
        // black ink alone: small text in four inks blurs when the plates shift.
        // A file qpdf cannot read goes to Ghostscript as it is, for Ghostscript to say what is wrong.
        let separated = try OutputFile(path)
        defer { separated.discard() }
        let input = (try? Typesetter.separatingBlack(path, into: separated.temporaryPath)) != nil ? separated.temporaryPath : path
        // A name starting with a dash would be read as an option.
        arguments += ["-f", input.hasPrefix("-") ? "./" + input : input]
        try replace(path, withOutputOf: arguments, environment: environment, as: output)
    }

    /// Runs Ghostscript into a temporary file beside `path` and renames that over it, or removes
    /// it and throws what Ghostscript said.
    private static func replace(_ path: String, withOutputOf arguments: [String], environment: [String]?,
                                as output: ColourOutput) throws(Diagnostic) {
        let location = SourceLocation(file: path)
        var original = stat()
        guard stat(path, &original) == 0 else {
            throw .error(at: location, "cannot convert to \(output.name): \(String(cString: strerror(errno)))",
                         hint: "check the path; `ls` shows the files in a folder")
        }
        // The converted PDF is written beside the original and renamed over it, and is shared
        // as the original was.
        let temporary = try OutputFile(path)
        let descriptor = open(temporary.temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, original.st_mode & 0o7777)
        guard descriptor >= 0 else {
            throw .error(at: location, "cannot convert to \(output.name): \(String(cString: strerror(errno)))",
                         hint: "check that the folder accepts new files and the disk is not full")
        }
        fchmod(descriptor, original.st_mode & 0o7777)  // whatever the umask
        let finished = run(arguments, output: descriptor, environment: environment)
        // Read before close() can change errno: when nothing ran, it says why.
        let startError = String(cString: strerror(errno))
        close(descriptor)
        guard let finished, finished.status == 0 else {
            temporary.discard()
            let said = finished.map { whatGhostscriptSaid($0.stderr, status: $0.status) } ?? "it could not be started: \(startError)"
            throw .error(at: location, "Ghostscript could not convert the PDF to \(output.name): \(said)",
                         hint: "`qpdf --check \(path)` shows whether the PDF is damaged; without --\(output.rawValue) it stays in RGB")
        }
        try temporary.commit()
    }

    // MARK: Ghostscript's arguments

    /// What every conversion asks of Ghostscript.
    static let conversionArguments = [
        "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dQUIET",
        // A damaged PDF is an error, not a file with no pages and exit status 0.
        "-dPDFSTOPONERROR",
        "-sDEVICE=pdfwrite",
        "-sColorConversionStrategy=CMYK", "-sProcessColorModel=DeviceCMYK",
        "-dEmbedAllFonts=true", "-dSubsetFonts=true",
        // Images keep their resolution, and are recompressed without loss rather than as JPEG.
        "-dDownsampleColorImages=false", "-dDownsampleGrayImages=false", "-dDownsampleMonoImages=false",
        "-dAutoFilterColorImages=false", "-dColorImageFilter=/FlateEncode",
        "-dAutoFilterGrayImages=false", "-dGrayImageFilter=/FlateEncode",
        // The PDF goes to standard output, which is the temporary file: pdfwrite hashes the
        // output's name into the document ID, and one fixed name keeps the result the same
        // whatever the file is called. PostScript's own printing goes to stderr instead.
        "-sOutputFile=-", "-sstdout=%stderr",
    ]

    /// What PDF/X adds: the mode, the profile to convert with, and the prologue that names it as
    /// the output intent. `-dSAFER` forbids reading files, so the profile is allowed by name.
    static func pdfxArguments(profile: String, title: String) -> [String] {
        ["-dPDFX", "-sOutputICCProfile=" + profile, "--permit-file-read=" + profile,
         "-c", pdfxPrologue(profile: profile, title: title)]
    }

    /// The PostScript run before the PDF, after Ghostscript's lib/PDFX_def.ps: the document
    /// information PDF/X asks for, and the CMYK profile embedded as the output intent.
    static func pdfxPrologue(profile: String, title: String) -> String {
        // tract does no trapping, so /Trapped is /False. The profile is not a registered printing
        // condition, so the identifier is "Custom" and the profile itself is embedded.
        """
        [ /GTS_PDFXVersion (PDF/X-3:2002) /Title \(postScriptText(title)) /Trapped /False /DOCINFO pdfmark
        [ /_objdef {icc_PDFX} /type /stream /OBJ pdfmark
        [ {icc_PDFX} << /N 4 >> /PUT pdfmark
        [ {icc_PDFX} \(postScriptString(profile)) (r) file /PUT pdfmark
        [ /_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
        [ {OutputIntent_PDFX} <<
          /Type /OutputIntent /S /GTS_PDFX
          /OutputConditionIdentifier (Custom)
          /OutputCondition \(postScriptString(profileDescription))
          /Info \(postScriptString(profileDescription))
          /RegistryName (http://www.color.org)
          /DestOutputProfile {icc_PDFX}
        >> /PUT pdfmark
        [ {Catalog} << /OutputIntents [ {OutputIntent_PDFX} ] >> /PUT pdfmark
        """
    }

    /// Text as a PostScript hex string in UTF-16 with a byte-order mark, which PDF reads as Unicode.
    static func postScriptText(_ text: String) -> String {
        let units = [0xFEFF] + text.utf16.map(Int.init)
        return "<" + units.map { unit in
            let digits = String(unit, radix: 16, uppercase: true)
            return String(repeating: "0", count: 4 - digits.count) + digits
        }.joined() + ">"
    }

    /// Bytes (a path) as a PostScript literal string, with its parentheses and backslashes escaped.
    static func postScriptString(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "(" || character == ")" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "(" + escaped + ")"
    }

    /// The file's name without its folder and `.pdf`, the title of last resort.
    static func documentName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".pdf") ? String(name.dropLast(4)) : name
    }

    // MARK: Finding Ghostscript and its profile

    /// The folders in `PATH`, or the POSIX default when it is unset.
    static var environmentPath: String {
        getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin"
    }

    /// The first executable `gs` in the colon-separated folders of `searchPath`, as a shell finds it.
    static func findGhostscript(searchPath: String) -> String? {
        // Empty entries, which a shell reads as the current folder, are skipped: tract never runs
        // a `gs` from wherever it happens to be started.
        for folder in searchPath.split(separator: ":") {
            let candidate = String(folder) + "/gs"
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    /// The file name of Ghostscript's default CMYK profile, the one it converts with.
    static let profileName = "default_cmyk.icc"
    /// The description written in that profile; the output intent names it.
    static let profileDescription = "Artifex CMYK SWOP Profile"

    /// Ghostscript's CMYK profile, from where `gs` is installed:
    /// PREFIX/share/ghostscript/VERSION/iccprofiles/, beside PREFIX/bin/gs. (Debian links that
    /// folder to /usr/share/color/icc/ghostscript.)
    static func cmykProfile(ghostscript: String) -> String? {
        guard let real = realpath(ghostscript, nil) else { return nil }  // transfer full: freed below
        defer { free(real) }
        let share = Resources.parent(of: Resources.parent(of: String(cString: real))) + "/share/ghostscript"
        for version in Resources.fileNames(in: share).sorted() {
            let profile = share + "/" + version + "/iccprofiles/" + profileName
            if access(profile, R_OK) == 0 { return profile }
        }
        return nil
    }

    // MARK: Running Ghostscript

    /// Runs a program to its end, with `output` as its standard output; returns its wait status
    /// and what it wrote on stderr, or nil when it cannot be started (errno says why).
    private static func run(_ arguments: [String], output: Int32, environment: [String]?) -> (status: Int32, stderr: String)? {
        var errorPipe: [Int32] = [-1, -1]
        guard pipe(&errorPipe) == 0 else { return nil }
        // A program another thread starts must not hold the write end open, or the reading
        // below would not end until that program does.
        errorPipe.forEach(closeOnExec)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { $0.map { strdup($0) } + [nil] }
        defer { envp?.forEach { free($0) } }
        var pid: pid_t = 0
        let started = envp.map { posix_spawn(&pid, arguments[0], &actions, nil, argv, $0) }
            ?? posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        close(errorPipe[1])
        guard started == 0 else {
            close(errorPipe[0])
            errno = started
            return nil
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(errorPipe[0], $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(errorPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status, String(decoding: bytes, as: UTF8.self))
    }

    /// Keeps a descriptor from programs this process starts. (Swift's Glibc module has neither
    /// pipe2 nor mkostemp, which would do it with no moment between.)
    private static func closeOnExec(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }

    /// What a failed run of Ghostscript said, for a diagnostic: its first two meaningful lines,
    /// or how it ended when it said nothing.
    static func whatGhostscriptSaid(_ stderr: String, status: Int32) -> String {
        let lines = meaningfulLines(stderr).prefix(2)
        if !lines.isEmpty { return lines.joined(separator: "; ") }
        let signal = status & 0x7F
        return signal != 0 ? "it was killed by signal \(signal)" : "it exited with status \((status >> 8) & 0xFF)"
    }

    /// The lines of Ghostscript's stderr that say what went wrong, without the interpreter's
    /// stack dumps and its closing "Unrecoverable error" line.
    static func meaningfulLines(_ stderr: String) -> [String] {
        var lines: [String] = []
        var inStackDump = false
        for line in stderr.split(separator: "\n") {
            // "Operand stack:", "Execution stack:" and "Dictionary stack:" open dumps whose entries are indented.
            if line.hasSuffix(" stack:") {
                inStackDump = true
                continue
            }
            if inStackDump && line.first == " " { continue }
            inStackDump = false
            var text = line.drop(while: \.isWhitespace)
            while text.last?.isWhitespace == true { text.removeLast() }
            let noise = text.hasPrefix("Current allocation mode") || text.hasPrefix("Current file position")
                || text.contains("Unrecoverable error, exit code")
            if !text.isEmpty && !noise { lines.append(String(text)) }
        }
        return lines
    }
}
