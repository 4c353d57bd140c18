import Model

/// A timeline held in memory, for driving replays in tests.
final class MemoryTimeline: Timeline {
    let header: RecordingHeader
    let all: [RecordEntry]
    var tornRecords: Int { 0 }
    var start: Double { all.first?.time ?? header.started }
    var end: Double { all.last?.time ?? header.started }

    init(header: RecordingHeader, entries: [RecordEntry]) {
        self.header = header
        all = entries.sorted { $0.time < $1.time }
    }

    func entries(from: Double, through: Double) -> [RecordEntry] {
        all.filter { $0.time >= from && $0.time <= through }
    }
}
