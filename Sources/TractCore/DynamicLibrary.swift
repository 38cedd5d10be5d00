import TractCore

#if canImport(Glibc)
import Glibc
#endif

/// A shared library opened at run time, for the ones only some documents need (libqpdf for
/// print, librsvg for SVG logos): a run that does not need them does not pay to load them.
/// Never closed: the process may need it again at any time.
package struct DynamicLibrary: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    /// What the library is for and the Debian package that has it, for the messages.
    private let purpose: String
    private let package: String

    package init(_ file: String, for purpose: String, package: String) throws(Diagnostic) {
        guard let handle = dlopen(file, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            throw .error("cannot \(purpose): \(file) cannot be loaded (\(reason))",
                         hint: "install it with `apt-get install \(package)`")
        }
        self.handle = handle
        self.purpose = purpose
        self.package = package
    }

    /// A function of the library, as a C function type.
    package func function<T>(_ name: String) throws(Diagnostic) -> T {
        guard let address = dlsym(handle, name) else {
            throw .error("cannot \(purpose): the installed library lacks \(name)", hint: "install Debian 12's `\(package)`")
        }
        return unsafeBitCast(address, to: T.self)
    }
}
