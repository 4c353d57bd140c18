import Model

extension QueueProbe {
    /// Queues whose messages are sampled: Sentry's event pipeline (`events.*`, `post_process_*`) and every
    /// queue the user names.
    func samplesContents(_ rawName: String) -> Bool {
        rawName.hasPrefix("events.") || rawName.hasPrefix("post_process_")
            || configuration.userQueues.contains(rawName)
    }

    /// Messages read per end of `raw`'s lists: `breakdownPerEnd`, fewer where messages are big (at most about
    /// `breakdownBytesPerEnd` bytes per end, at least one message).
    func perEnd(_ raw: String) -> Int {
        let k = configuration.breakdownPerEnd
        guard let size = messageBytes[raw] else { return k }
        return max(1, min(k, Int(Double(configuration.breakdownBytesPerEnd) / max(size, 1))))
    }

    /// Before a queue's first sample, its message size from the first and last message of each non-empty list
    /// (`LINDEX 0` and `LINDEX -1`: O(1) at the ends, two messages per list), in one pipeline.
    mutating func measureMessageSizes(_ conn: RedisConnection, _ queues: [(raw: String, sample: QueueSample)])
        throws(ProbeError)
    {
        let unknown = queues.filter { messageBytes[$0.raw] == nil }
        guard !unknown.isEmpty else { return }
        var pipeline = RedisPipeline(reserving: unknown.count * 8)
        var slots: [[RedisPipeline.Slot<RedisValue>]] = []
        for q in unknown {
            var ends: [RedisPipeline.Slot<RedisValue>] = []
            for (i, suffix) in configuration.prioritySuffixes.enumerated() where q.sample.depth(ofList: i) > 0 {
                let key = configuration.keyPrefix + q.raw + suffix
                ends.append(pipeline.add("LINDEX", key, "0", read: { $0 }))
                ends.append(pipeline.add("LINDEX", key, "-1", read: { $0 }))
            }
            slots.append(ends)
        }
        let replies = try pipeline.send(conn)
        commandsSent += Int64(pipeline.commands.count)
        for (q, ends) in zip(unknown, slots) {
            let sizes = ends.compactMap { replies[$0]?.bytes?.count }
            if !sizes.isEmpty { messageBytes[q.raw] = Double(sizes.reduce(0, +)) / Double(sizes.count) }
        }
    }

    /// Reads both ends of each due queue (non-empty, eligible, not sampled for `breakdownEvery` seconds; at
    /// most `breakdownQueues` per sample, deepest first) in one pipeline: per non-empty priority list,
    /// `LRANGE L 0 K-1` (newest) and `LRANGE L -K -1` (oldest), or `LRANGE L 0 2K-1` when the list is no longer
    /// than both ends together, K from `perEnd` (bounded in messages and in bytes). Never a middle range, never
    /// more than 2K messages per list, never a write.
    mutating func breakdownsIfDue(_ conn: RedisConnection, _ queues: [(raw: String, sample: QueueSample)], now: Double)
        throws(ProbeError) -> [QueueBreakdown]?
    {
        guard configuration.breakdownPerEnd > 0 else { return nil }
        let due = queues.filter {
            $0.sample.depth > 0 && samplesContents($0.raw)
                && now - (lastBreakdown[$0.raw] ?? -.infinity) >= configuration.breakdownEvery
        }.prefix(configuration.breakdownQueues)
        guard !due.isEmpty else { return nil }
        try measureMessageSizes(conn, Array(due))
        let p = configuration.keyPrefix
        var pipeline = RedisPipeline(reserving: due.count * 8)
        typealias Reads = (
            whole: RedisPipeline.Slot<[RedisValue]>?, newest: RedisPipeline.Slot<[RedisValue]>?,
            oldest: RedisPipeline.Slot<[RedisValue]>?
        )
        var plan: [(k: Int, lists: [Reads])] = []
        for q in due {
            let k = perEnd(q.raw)
            var lists: [Reads] = []
            for (i, suffix) in configuration.prioritySuffixes.enumerated() where q.sample.depth(ofList: i) > 0 {
                let key = p + q.raw + suffix
                if q.sample.depth(ofList: i) <= 2 * k {
                    lists.append((pipeline.add("LRANGE", key, "0", String(2 * k - 1), read: \.array), nil, nil))
                } else {
                    lists.append(
                        (
                            nil, pipeline.add("LRANGE", key, "0", String(k - 1), read: \.array),
                            pipeline.add("LRANGE", key, String(-k), "-1", read: \.array)
                        ))
                }
            }
            plan.append((k, lists))
        }
        let replies = try pipeline.send(conn)
        commandsSent += Int64(pipeline.commands.count)
        var out: [QueueBreakdown] = []
        for (q, (k, lists)) in zip(due, plan) {
            var oldest = MessageTally()
            var newest = MessageTally()
            var all = MessageTally()
            // Decodes one reply's messages, counting their bytes for the next sample's size.
            var bytes = 0
            var read = 0
            func messages(_ slot: RedisPipeline.Slot<[RedisValue]>) -> [SampledMessage] {
                (replies[slot] ?? []).map { value in
                    let envelope = value.bytes ?? []
                    (bytes, read) = (bytes + envelope.count, read + 1)
                    return decodeCached(envelope, now: now)
                }
            }
            for r in lists {
                if let whole = r.whole {
                    let items = messages(whole)
                    for m in items.prefix(k) { newest.add(m) }
                    for m in items.suffix(k) { oldest.add(m) }
                    for m in items { all.add(m) }
                } else if let n = r.newest, let o = r.oldest {
                    let head = messages(n)
                    let tail = messages(o)
                    for m in head { newest.add(m) }
                    for m in tail { oldest.add(m) }
                    for m in head + tail { all.add(m) }
                }
            }
            lastBreakdown[q.raw] = now
            if read > 0 { messageBytes[q.raw] = Double(bytes) / Double(read) }
            out.append(
                QueueBreakdown(
                    queue: q.sample.name, takenAt: now, depth: q.sample.depth, oldest: oldest, newest: newest, all: all)
            )
        }
        if decodedCache.count > Self.decodedCacheLimit / 4 {
            decodedCache = decodedCache.filter { now - $0.value.used < 3 * configuration.breakdownEvery }
        }
        return out
    }

    /// At most this many decoded messages are remembered.
    static let decodedCacheLimit = 8_000

    /// A message decoded once is not decoded again while it stays in the sampled ends of its queue (a slow
    /// backlog shows mostly the same messages every 10 s): remembered by length and a 64-bit hash of its bytes.
    mutating func decodeCached(_ envelope: [UInt8], now: Double) -> SampledMessage {
        var h = Hasher()
        h.combine(envelope.count)
        envelope.withUnsafeBytes { h.combine(bytes: $0) }
        let key = h.finalize()
        if var hit = decodedCache[key] {
            hit.used = now
            decodedCache[key] = hit
            return hit.message
        }
        let message = MessageDecoder.decode(envelope)
        if decodedCache.count < Self.decodedCacheLimit { decodedCache[key] = (message, now) }
        return message
    }
}
