import ArgumentParser
import Console
import Foundation

/// Finds and parses a theme: an explicit path, else `NAME.theme` in the theme directories (the user's first, then
/// the installed ones, then the source tree's); `default` falls back to the built-in one, and `mono` (or NO_COLOR)
/// is colourless. An unknown name is an error that lists the themes there are.
enum ThemeLoader {
    /// Where themes are looked for, in order: $XDG_CONFIG_HOME/sentry-console/themes, next to the binary,
    /// ../share/sentry-console/themes (an installed package), the source tree's themes/.
    static var directories: [String] {
        let env = ProcessInfo.processInfo.environment
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? "") + "/.config")
        // The binary's own directory (argv[0] is a bare name when found through PATH).
        let me =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let exe = URL(fileURLWithPath: me).resolvingSymlinksInPath().deletingLastPathComponent()
        return [
            "\(config)/sentry-console/themes", exe.appendingPathComponent("themes").path,
            exe.appendingPathComponent("../share/sentry-console/themes").standardized.path,
            exe.appendingPathComponent("../../themes").standardized.path,
            exe.appendingPathComponent("../../../themes").standardized.path,
        ]
    }

    /// Every theme found, by name (the first directory holding a name wins), with its path; plus `mono`.
    static func available() -> [(name: String, path: String)] {
        var seen: [String: String] = [:]
        var order: [String] = []
        for dir in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for file in files.sorted() where file.hasSuffix(".theme") {
                let name = String(file.dropLast(6))
                guard seen[name] == nil else { continue }
                seen[name] = dir + "/" + file
                order.append(name)
            }
        }
        if seen["default"] == nil {
            seen["default"] = "(built in)"
            order.insert("default", at: 0)
        }
        if seen["mono"] == nil {
            seen["mono"] = "(built in)"
            order.append("mono")
        }
        return order.map { ($0, seen[$0]!) }
    }

    /// The theme and the warnings its file gave (unknown keys, bad colours, with line numbers).
    static func load(_ nameOrPath: String) throws -> (Theme, [String]) {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return (Theme.mono, []) }
        let isPath = nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme")
        let path = isPath ? nameOrPath : available().first { $0.name == nameOrPath }?.path
        if let path, let text = try? String(contentsOfFile: path, encoding: .utf8) {
            return Theme.parse(text, name: URL(fileURLWithPath: path).lastPathComponent)
        }
        if nameOrPath == "default" { return (Theme.builtin, []) }
        if nameOrPath == "mono" { return (Theme.mono, []) }
        if isPath { throw ValidationError("cannot read theme file \(nameOrPath)") }
        let names = available().map(\.name).joined(separator: ", ")
        throw ValidationError(
            "unknown theme '\(nameOrPath)'; themes: \(names) (sentry-console themes lists their paths)")
    }
}
