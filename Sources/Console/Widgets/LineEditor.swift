/// A one-line text field (filters, prompts): printable keys append up to `limit` characters, Backspace deletes,
/// ^U clears, Enter submits, Esc cancels. Characters in `refused` are not typed.
public struct LineEditor: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case editing
        case submit(String)
        case cancel
    }

    public private(set) var text: String
    public let limit: Int
    public let refused: Set<Character>

    public init(_ text: String = "", limit: Int = 240, refused: Set<Character> = []) {
        self.text = String(text.prefix(limit))
        self.limit = limit
        self.refused = refused
    }

    /// Applies one key; keys that are not editing keys leave the text as it is.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape: return .cancel
        case .enter: return .submit(text)
        case .backspace: text = String(text.dropLast())
        case .ctrl("u"): text = ""
        case .char(let c) where text.count < limit && !refused.contains(c): text.append(c)
        default: break
        }
        return .editing
    }
}
