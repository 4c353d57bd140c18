/// One line of news for the status line that every screen draws in its footer (an action's outcome or an
/// error); the next key press clears it.
public struct Notice: Equatable, Sendable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
