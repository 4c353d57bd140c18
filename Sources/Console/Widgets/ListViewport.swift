/// Scroll arithmetic for a list shown `visible` rows at a time. The app core clamps with it after every event
/// and resize; the panels draw with the same numbers, so drawing never has to hand state back.
public enum ListViewport {
    /// `scroll` within 0…count−visible.
    public static func clamp(_ scroll: Int, count: Int, visible: Int) -> Int {
        min(max(0, scroll), max(0, count - max(1, visible)))
    }

    /// The top row that keeps `selection` on screen, moving `scroll` as little as possible.
    public static func follow(selection: Int, scroll: Int, count: Int, visible: Int) -> Int {
        let v = max(1, visible)
        var top = clamp(scroll, count: count, visible: v)
        if selection < top { top = selection }
        if selection >= top + v { top = selection - v + 1 }
        return max(0, top)
    }
}
