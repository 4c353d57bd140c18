/// What the app needs from a terminal: its size, presenting a frame, a full repaint, the bell and the clipboard.
/// `NcursesBackend` is the real one; tests record frames with their own.
@MainActor
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    /// Shows `surface`; returns the number of cells that changed.
    @discardableResult func present(_ surface: Surface) -> Int
    /// Forgets what is on screen, so the next frame repaints everything (Ctrl-L).
    func invalidate()
    /// Re-reads the terminal size after SIGWINCH.
    func resize()
    func beep()
    func copyToClipboard(_ text: String)
}
