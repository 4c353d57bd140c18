import Model

/// Reads the few figures the console shows from `ping`, `stats` and `active_queues` results (plain values;
/// anything missing stays nil). Strings are sanitized.
enum InspectionReader {
    static func apply(_ method: PidboxMessage.Method, _ result: PlainValue, to w: inout WorkerInspection) {
        switch method {
        case .ping:
            w.pong = result["ok"]?.string == "pong"
        case .stats:
            w.pid = result["pid"]?.int ?? w.pid
            if let total = result["total"]?.dict {
                w.processed = total.values.reduce(0) { $0 + ($1.int ?? 0) }
            }
            w.concurrency = result["pool"]?["max-concurrency"]?.int ?? w.concurrency
            w.prefetch = result["prefetch_count"]?.int ?? w.prefetch
            w.uptime = result["uptime"]?.double ?? w.uptime
        case .activeQueues:
            guard let queues = result.list else { return }
            w.queues = queues.prefix(500).compactMap {
                $0["name"]?.string.map { TextSanitizer.clean($0, maxLength: 200) }
            }.sorted()
        }
    }
}
