/// Semantic colour roles (htop's ColorElements idea): views name a role, themes decide what it looks like.
public enum Role: UInt8, CaseIterable, Sendable {
    case normal, dim, header, headerBadge, writeBadge, border, title, titleFocus, label, value
    case ok, warn, crit, stale, selection, graph, keyHint, keyLabel

    /// The key used in theme files.
    public var key: String {
        switch self {
        case .normal: return "text.normal"
        case .dim: return "text.dim"
        case .header: return "header"
        case .headerBadge: return "header.badge"
        case .writeBadge: return "header.write"
        case .border: return "panel.border"
        case .title: return "panel.title"
        case .titleFocus: return "panel.title.focus"
        case .label: return "table.header"
        case .value: return "text.value"
        case .ok: return "status.ok"
        case .warn: return "status.warn"
        case .crit: return "status.crit"
        case .stale: return "status.stale"
        case .selection: return "panel.selection"
        case .graph: return "graph"
        case .keyHint: return "footer.key"
        case .keyLabel: return "footer.label"
        }
    }

    public static func named(_ key: String) -> Role? { allCases.first { $0.key == key } }
}
