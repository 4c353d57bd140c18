import Probes
import Terminal

/// What `--version` prints: the release (scripts/package names the .deb after it), the compiler, the libraries.
enum Version {
    /// The release number; a git tag `vX.Y.Z` on a packaged commit must say the same (scripts/package checks).
    static let number = "0.2.0"

    static var compiler: String {
        #if compiler(>=6.3)
            "Swift 6.3"
        #elseif compiler(>=6.2)
            "Swift 6.2"
        #elseif compiler(>=6.1)
            "Swift 6.1"
        #else
            "Swift 6.0"
        #endif
    }

    /// "0.2.0 (Swift 6.3; libpq 15.8, hiredis 0.14.1, zlib 1.2.13, ncurses 6.4.20221231)".
    static var text: String {
        let libs = LinkedLibraries.versions.map { "\($0.name) \($0.version)" } + [NcursesBackend.libraryVersion]
        return "\(number) (\(compiler); \(libs.joined(separator: ", ")))"
    }
}
