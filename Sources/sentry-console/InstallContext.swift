import Console
import Model

/// One named install from the config file (`[contexts.NAME]`, the k9s convention): where it is, how it is shown,
/// and whether it may be written to. Everything is optional; what a context leaves out comes from the rest of
/// the file, then the defaults.
struct InstallContext: Equatable {
    enum WritePolicy: String, Equatable {
        /// `--write` is refused in this context.
        case never
        /// Writes are possible in write mode, each behind the confirmation (which names the context).
        case confirm
    }

    var name: String
    var label: String?
    var color: String?
    var pg: String?
    var redis: String?
    var keyPrefix: String?
    var prioritySteps: [Int]?
    var sentryURL: String?
    var write: WritePolicy?
    /// Per-context alert thresholds, by their config key (`drain_eta_seconds` …).
    var thresholds: [String: Double] = [:]

    /// The header badge's text: the label, else the name.
    var badge: String { label ?? name }

    /// A context named like production (`prod`, `production`, `prd`, `live`, as a word) is `never` unless its
    /// config says `write = "confirm"`: the install that must not be changed by accident is protected by default.
    var effectiveWrite: WritePolicy {
        if let write { return write }
        let words = name.lowercased().split { !$0.isLetter && !$0.isNumber }
        return words.contains { ["prod", "production", "prd", "live"].contains(String($0)) } ? .never : .confirm
    }

    /// The theme role the header draws the badge in: red/yellow/green as the status colours, anything else the
    /// header's badge colour.
    var role: Role {
        switch color?.lowercased() {
        case "red": return .crit
        case "yellow", "orange": return .warn
        case "green": return .ok
        case "blue", "cyan", "magenta": return .titleFocus
        default: return .headerBadge
        }
    }

    static let colors = ["red", "yellow", "orange", "green", "blue", "cyan", "magenta"]
}
