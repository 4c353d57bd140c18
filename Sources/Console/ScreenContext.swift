import Model

/// What every screen draws with besides the data and the UI state: header facts, glyphs, the time and size.
public struct ScreenContext: Sendable {
    public var header: HeaderInfo
    public var glyphs: Glyphs
    public var now: Double
    public var width: Int
    public var height: Int
    public var interval: Double

    public init(header: HeaderInfo, glyphs: Glyphs, now: Double, width: Int, height: Int, interval: Double) {
        self.header = header
        self.glyphs = glyphs
        self.now = now
        self.width = width
        self.height = height
        self.interval = interval
    }

    /// The area under the header and alerts strip and above the footer (a one-panel screen's frame).
    public var body: Rect { Rect(x: 0, y: 2, width: width, height: height - 3) }

    /// A source's frame status at the refresh interval (at least `floor` seconds, for slower streams).
    public func status<S>(of source: SourceState<S>, floor: Double = 0) -> PanelFrame.Status {
        PanelFrame.status(of: source, now: now, interval: max(interval, floor), utcOffset: header.utcOffset)
    }
}
