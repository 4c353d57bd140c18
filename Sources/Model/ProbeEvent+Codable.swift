/// A probe event as a recording stores it: `{"kind": …, "at": …, "retryAt": …, "ok": value}` or `… "error": …}`.
/// Only the sampled feeds are recordable; an issue's detail and a project's keys are answers to one user's
/// request (`isRecordable` is false and encoding them throws).
extension ProbeEvent: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, at, retryAt, ok, error, breakdowns, idleQueues, idleSame
    }

    /// Whether a recording keeps this event (the sampled feeds, not one user's detail requests).
    public var isRecordable: Bool {
        switch self {
        case .issueDetail, .projectKeys: return false
        default: return true
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .postgres(let r, let at, let retryAt): try Self.put(&c, "postgres", r, at, retryAt)
        case .redis(let r, let at, let retryAt):
            // Most of Sentry's 89 queues are empty most of the time: those go as `[index, name, source]`, a third
            // of the bytes and values to decode (what a replay's seek spends its time on).
            guard case .success(var s) = r else { return try Self.put(&c, "redis", r, at, retryAt) }
            var idle: [IdleQueue] = []
            for (i, q) in s.queues.enumerated() where IdleQueue.isIdle(q) {
                idle.append(IdleQueue(index: i, name: q.name, source: q.source))
            }
            s.queues.removeAll(where: IdleQueue.isIdle)
            try Self.put(&c, "redis", Result<RedisSnapshot, ProbeError>.success(s), at, retryAt)
            // Within a run of lines (a member) the empty queues rarely change: then only `"idleSame": true`.
            let context = encoder.userInfo[RecordingContext.key] as? RecordingContext
            if let context, context.idle == idle {
                try c.encode(true, forKey: .idleSame)
            } else if !idle.isEmpty {
                try c.encode(idle, forKey: .idleQueues)
            }
            context?.idle = idle
            // The snapshot's own coding leaves its breakdowns out (the `snapshot` JSON shows them joined).
            if let b = s.breakdowns { try c.encode(b, forKey: .breakdowns) }
        case .issues(let r, let at, let retryAt): try Self.put(&c, "issues", r, at, retryAt)
        case .heartbeats(let r, let at, let retryAt): try Self.put(&c, "heartbeats", r, at, retryAt)
        case .inspection(let r, let at, let retryAt): try Self.put(&c, "inspection", r, at, retryAt)
        case .names(let r, let at): try Self.put(&c, "names", r, at, nil)
        case .issueDetail, .projectKeys:
            throw EncodingError.invalidValue(
                self, .init(codingPath: encoder.codingPath, debugDescription: "detail requests are not recorded"))
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let at = try c.decode(Double.self, forKey: .at)
        let retryAt = try c.decodeIfPresent(Double.self, forKey: .retryAt) ?? at
        switch kind {
        case "postgres": self = .postgres(try Self.result(c), at: at, retryAt: retryAt)
        case "redis":
            var r: Result<RedisSnapshot, ProbeError> = try Self.result(c)
            if case .success(var s) = r {
                s.breakdowns = try c.decodeIfPresent([QueueBreakdown].self, forKey: .breakdowns)
                let context = decoder.userInfo[RecordingContext.key] as? RecordingContext
                let idle: [IdleQueue]
                if try c.decodeIfPresent(Bool.self, forKey: .idleSame) == true {
                    guard let previous = context?.idle else {
                        throw DecodingError.dataCorruptedError(
                            forKey: .idleSame, in: c, debugDescription: "idleSame without an earlier line")
                    }
                    idle = previous
                } else {
                    idle = try c.decodeIfPresent([IdleQueue].self, forKey: .idleQueues) ?? []
                }
                context?.idle = idle
                for q in idle { s.queues.insert(q.sample, at: min(max(0, q.index), s.queues.count)) }
                r = .success(s)
            }
            self = .redis(r, at: at, retryAt: retryAt)
        case "issues": self = .issues(try Self.result(c), at: at, retryAt: retryAt)
        case "heartbeats": self = .heartbeats(try Self.result(c), at: at, retryAt: retryAt)
        case "inspection": self = .inspection(try Self.result(c), at: at, retryAt: retryAt)
        case "names": self = .names(try Self.result(c), at: at)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c, debugDescription: "unknown event kind \(kind)")
        }
    }

    private static func put<T: Encodable>(
        _ c: inout KeyedEncodingContainer<CodingKeys>, _ kind: String, _ r: Result<T, ProbeError>, _ at: Double,
        _ retryAt: Double?
    ) throws {
        try c.encode(kind, forKey: .kind)
        try c.encode(at, forKey: .at)
        if let retryAt, retryAt != at { try c.encode(retryAt, forKey: .retryAt) }
        switch r {
        case .success(let v): try c.encode(v, forKey: .ok)
        case .failure(let e): try c.encode(e, forKey: .error)
        }
    }

    private static func result<T: Decodable>(_ c: KeyedDecodingContainer<CodingKeys>) throws -> Result<T, ProbeError> {
        if let e = try c.decodeIfPresent(ProbeError.self, forKey: .error) { return .failure(e) }
        return .success(try c.decode(T.self, forKey: .ok))
    }
}
