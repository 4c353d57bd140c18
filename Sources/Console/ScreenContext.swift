import Model

/// What every screen draws with besides the data and the UI state: header facts, glyphs, the time and size.
struct ScreenContext: Sendable {
    var header: HeaderInfo
    var glyphs: Glyphs
    var now: Double
    var width: Int
    var height: Int
    var interval: Double

    /// The area under the header and alerts strip and above the footer (a one-panel screen's frame).
    var body: Rect { Rect(x: 0, y: 2, width: width, height: height - 3) }

    /// A source's frame status at the refresh interval (at least `floor` seconds, for slower streams).
    func status<S>(of source: SourceState<S>, floor: Double = 0) -> PanelFrame.Status {
        PanelFrame.status(of: source, now: now, interval: max(interval, floor), utcOffset: header.utcOffset)
    }
}
