import Foundation
import Model
import TOMLKit

/// `current_context` and the `[contexts.NAME]` tables of the config file, and how the chosen context is laid over
/// the rest of the file (flags still win: they are applied after, by each option).
extension ConfigFile {
    static let contextKeys: Set<String> = [
        "label", "color", "pg", "redis", "key_prefix", "priority_steps", "sentry_url", "write", "thresholds",
    ]

    /// Reads the contexts of `root` into `c` (warnings for unknown keys and bad values, with line numbers).
    static func parseContexts(_ root: TOMLTable, into c: inout ConfigFile, name: String, text: String) {
        if let v = root["current_context"] {
            if let s = v.string {
                c.currentContext = s
            } else {
                c.warnings.append("\(name): `current_context` is not a string")
            }
        }
        guard let table = root["contexts"]?.table else { return }
        for key in table.keys.sorted() {
            guard let t = table[key]?.table else {
                c.warnings.append(
                    "\(name):\(line(of: key, section: "contexts", in: text)): `contexts.\(key)` is not a table")
                continue
            }
            var ctx = InstallContext(name: key)
            let section = "contexts.\(key)"
            for sub in t.keys where !contextKeys.contains(sub) {
                c.warnings.append(
                    "\(name):\(line(of: sub, section: section, in: text)): unknown key `\(section).\(sub)`")
            }
            ctx.label = t["label"]?.string
            ctx.color = t["color"]?.string
            if let color = ctx.color, !InstallContext.colors.contains(color.lowercased()) {
                c.warnings.append(
                    "\(name):\(line(of: "color", section: section, in: text)): `\(section).color` is not one of "
                        + InstallContext.colors.joined(separator: ", "))
            }
            ctx.pg = t["pg"]?.string
            ctx.redis = t["redis"]?.string
            ctx.keyPrefix = t["key_prefix"]?.string
            ctx.prioritySteps = t["priority_steps"].flatMap(Self.integers)
            ctx.sentryURL = t["sentry_url"]?.string
            if let w = t["write"] {
                if let policy = w.string.flatMap(InstallContext.WritePolicy.init(rawValue:)) {
                    ctx.write = policy
                } else {
                    c.warnings.append(
                        "\(name):\(line(of: "write", section: section, in: text)): `\(section).write` must be \"never\" or \"confirm\" (kept: never)"
                    )
                    ctx.write = .never
                }
            }
            if let th = t["thresholds"]?.table {
                let known = Set(thresholdKeys.map(\.0))
                for k in th.keys {
                    if known.contains(k), let v = th[k]?.double ?? th[k]?.int.map(Double.init) {
                        ctx.thresholds[k] = v
                    } else {
                        c.warnings.append("\(name): `\(section).thresholds.\(k)` is unknown or not a number")
                    }
                }
            }
            c.contexts[key] = ctx
        }
    }

    /// The file with `name`'s context (or `current_context` when `name` is nil) laid over it; nil context when
    /// the file names none. An unknown name is an error listing the contexts there are.
    func applyingContext(_ name: String?) throws -> ConfigFile {
        guard let chosen = name ?? currentContext else { return self }
        guard let ctx = contexts[chosen] else {
            let names = contexts.keys.sorted()
            throw ConfigError(
                "no context '\(chosen)' in the config file"
                    + (names.isEmpty
                        ? " (it has no [contexts.NAME] tables)" : "; contexts: \(names.joined(separator: ", "))"))
        }
        var c = self
        c.context = ctx
        if let v = ctx.pg { c.pg = v }
        if let v = ctx.redis { c.redis = v }
        if let v = ctx.keyPrefix { c.keyPrefix = v }
        if let v = ctx.prioritySteps { c.prioritySteps = v }
        if let v = ctx.sentryURL { c.sentryURL = v }
        for (key, path) in Self.thresholdKeys { if let v = ctx.thresholds[key] { c.thresholds[keyPath: path] = v } }
        return c
    }
}
