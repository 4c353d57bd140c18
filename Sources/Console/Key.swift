/// A decoded key press, independent of the terminal library.
public enum Key: Equatable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace
    case resize
    case function(Int)
    /// The left button pressed at a cell (0-based), when the terminal reports the mouse.
    case click(x: Int, y: Int)
    case wheelUp, wheelDown
}
