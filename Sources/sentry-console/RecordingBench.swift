import Console
import ConsoleApp
import Foundation
import Model
import Recording

/// Hidden helpers for `bench/run`: a day-long recording made from a short real one, and timed seeks into it.
enum RecordingBench {
    /// Writes `hours` of `source`'s entries, repeated end to end, ending now (so retention keeps them all).
    static func synthesize(from source: String, into dir: String, hours: Double) throws {
        let src = try Recording(path: source)
        let entries = src.entries(from: src.start, through: src.end)
        let period = src.end - src.start + src.header.interval
        guard !entries.isEmpty, period > 0 else { throw RecordingError("\(source) holds no entries") }
        let end = Date().timeIntervalSince1970
        let first = end - hours * 3600
        var header = src.header
        header.started = first
        let writer = try RecordingWriter(directory: dir, header: header)
        var shift = first - src.start
        while src.start + shift < end {
            var batch: [RecordEntry] = []
            var batchTime = -Double.infinity
            for e in entries {
                let t = e.time + shift
                guard t < end else { break }
                if t - batchTime >= src.header.interval / 2, !batch.isEmpty {
                    try writer.append(batch, now: batchTime)
                    batch = []
                }
                if batch.isEmpty { batchTime = t }
                batch.append(shifted(e, by: shift))
            }
            if !batch.isEmpty { try writer.append(batch, now: batchTime) }
            shift += period
        }
        writer.close()
    }

    /// An entry moved `by` seconds (its stamps; the snapshots inside keep theirs, which replay does not use).
    static func shifted(_ e: RecordEntry, by d: Double) -> RecordEntry {
        switch e {
        case .event(let p):
            switch p {
            case .postgres(let r, let at, let retry): return .event(.postgres(r, at: at + d, retryAt: retry + d))
            case .redis(let r, let at, let retry): return .event(.redis(r, at: at + d, retryAt: retry + d))
            case .issues(let r, let at, let retry): return .event(.issues(r, at: at + d, retryAt: retry + d))
            case .heartbeats(let r, let at, let retry): return .event(.heartbeats(r, at: at + d, retryAt: retry + d))
            case .inspection(let r, let at, let retry): return .event(.inspection(r, at: at + d, retryAt: retry + d))
            case .names(let r, let at): return .event(.names(r, at: at + d))
            default: return e
            }
        case .alert(var t):
            t.at += d
            return .alert(t)
        case .silence(let key, let change, let by, let at):
            return .silence(key: key, change: change, by: by, at: at + d)
        case .action(var a):
            a.at += d
            return .action(a)
        case .interval(let seconds, let at): return .interval(seconds: seconds, at: at + d)
        }
    }

    /// Opens `dir` and seeks `count` random whole minutes the way the replay screen does; prints JSON timings.
    static func seeks(_ dir: String, count: Int) throws {
        let t0 = DispatchTime.now()
        let recording = try Recording(path: dir)
        let openMs = ms(since: t0)
        let header = HeaderInfo(postgresTarget: "pg", redisTarget: "redis")
        var replay = ReplayCore(timeline: recording, header: header, size: (120, 40))
        var times: [Double] = []
        var decodes: [Double] = []
        var rng = SystemRandomNumberGenerator()
        let minutes = Int((recording.end - recording.start) / 60)
        for _ in 0..<max(1, count) {
            let t = recording.start + Double(Int.random(in: 0...max(0, minutes), using: &rng) * 60)
            let s = DispatchTime.now()
            // Reading first (decoding the members the warm-up spans), then the seek itself (members cached).
            _ = recording.entries(from: t - RecordedState.warmup(recording.header), through: t)
            decodes.append(ms(since: s))
            replay.seek(t)
            _ = replay.frame()
            times.append(ms(since: s))
        }
        times.sort()
        decodes.sort()
        let hours = (recording.end - recording.start) / 3600
        print(
            #"{"hours":\#(Format.fixed(hours, 1)),"open_ms":\#(Format.fixed(openMs, 1)),"#
                + #""seek_median_ms":\#(Format.fixed(times[times.count / 2], 1)),"#
                + #""seek_p95_ms":\#(Format.fixed(times[min(times.count - 1, times.count * 95 / 100)], 1)),"#
                + #""seek_max_ms":\#(Format.fixed(times.last ?? 0, 1)),"seeks":\#(times.count),"#
                + #""decode_median_ms":\#(Format.fixed(decodes[decodes.count / 2], 1))}"#)
    }

    static func ms(since t: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e6
    }
}
