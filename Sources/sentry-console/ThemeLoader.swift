import Console
import Foundation

/// Finds and parses a theme: an explicit path, else `NAME.theme` in $XDG_CONFIG_HOME/sentry-console/themes,
/// next to the binary, or in the source tree's themes/; else the built-in default. NO_COLOR selects mono.
enum ThemeLoader {
    static func load(_ nameOrPath: String) -> (Theme, [String]) {
        let env = ProcessInfo.processInfo.environment
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return (Theme.mono, []) }
        if nameOrPath == "mono" { return (Theme.mono, []) }
        var candidates: [String] = []
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".theme") {
            candidates.append(nameOrPath)
        } else {
            let config = env["XDG_CONFIG_HOME"] ?? ((env["HOME"] ?? "") + "/.config")
            let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                .deletingLastPathComponent()
            candidates += [
                "\(config)/sentry-console/themes/\(nameOrPath).theme",
                exe.appendingPathComponent("themes/\(nameOrPath).theme").path,
                exe.appendingPathComponent("../share/sentry-console/themes/\(nameOrPath).theme").path,
                exe.appendingPathComponent("../../themes/\(nameOrPath).theme").path,
                exe.appendingPathComponent("../../../themes/\(nameOrPath).theme").path,
            ]
        }
        for path in candidates {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                return Theme.parse(text, name: URL(fileURLWithPath: path).lastPathComponent)
            }
        }
        if nameOrPath == "default" { return (Theme.builtin, []) }
        return (Theme.builtin, ["theme '\(nameOrPath)' not found; using the built-in default"])
    }
}
