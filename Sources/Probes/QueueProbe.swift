import Foundation
import Model

/// Reads Celery's kombu queues on Redis (docs/reference/celery-redis-wire.md): depth = Σ LLEN over the
/// queue list and its priority sub-lists; in-flight from `unacked`; next task by `LINDEX Q -1`.
/// Only read commands, bounded: SCAN (never KEYS), LLEN, HLEN, ZRANGE 0 0, ZCARD, LINDEX, SMEMBERS, INFO,
/// CLIENT LIST, and HGETALL of the console's own small silence board.
/// All per-refresh reads go out in one pipeline (one round trip).
public struct QueueProbe: Sendable {
    public struct Configuration: Sendable {
        public var keyPrefix = ""
        public var userQueues: [String] = []
        public var includeSentryQueues = true
        /// How many of the deepest queues get their next task peeked.
        public var peekCount = 5
        /// Seconds between binding re-discoveries (SCAN + SMEMBERS).
        public var discoveryInterval: Double = 30
        /// Messages read from each end of a sampled queue (0: no backlog attribution).
        public var breakdownPerEnd = 100
        /// Seconds between two samples of the same queue's contents.
        public var breakdownEvery: Double = 10
        /// kombu's `priority_steps` (broker_transport_options; default `[0, 3, 6, 9]`): a message of priority
        /// step s ≠ 0 waits in the list `Q` + SEP + s, step 0 in `Q` itself.
        public var prioritySteps = QueueProbe.defaultPrioritySteps {
            didSet { prioritySuffixes = Self.suffixes(prioritySteps) }
        }
        /// The list-name suffixes of `prioritySteps`: "" (the queue's own list) first, then one per other step.
        public private(set) var prioritySuffixes = Self.suffixes(QueueProbe.defaultPrioritySteps)

        static func suffixes(_ steps: [Int]) -> [String] {
            [""] + steps.filter { $0 != 0 }.map { QueueProbe.separator + String($0) }
        }
        /// Bytes read from each end of a list at most: fewer messages than `breakdownPerEnd` where they are big
        /// (256 KiB is a hundred Sentry envelopes; a queue of 1 MB payloads gets one message per end).
        public var breakdownBytesPerEnd = 256 * 1024
        /// At most this many queues are sampled per refresh (the deepest due ones).
        public var breakdownQueues = 6
        /// The shortest time between `CLIENT LIST` reads (O(clients) on the server; `ClientListDemand` sets the
        /// cadence from it): consumers carry their age between.
        public var clientListEvery: Double = 10
        /// Seconds between full depth polls (every priority sub-list of every queue); between them only each
        /// queue's main list and the sub-lists that held messages at the last full poll are read.
        public var fullPollEvery: Double = 10
        public init() {}
    }

    public static let separator = "\u{06}\u{16}"
    /// kombu's default `priority_steps` (Redis transport): four lists per queue.
    public static let defaultPrioritySteps = [0, 3, 6, 9]
    /// The list suffixes of the default steps (pidbox reply queues, which kombu publishes at priority 0).
    public static let priorityKeySuffixes = Configuration.suffixes(defaultPrioritySteps)
    /// Binding sets of fanout/reply exchanges, which are not task queues.
    static let nonTaskExchanges: Set<String> = ["celery.pidbox", "reply.celery.pidbox", "celeryev"]
    static let scanBudget = 200  // SCAN calls per discovery, each COUNT 1000

    public var configuration: Configuration
    private(set) var bound: Set<String> = []
    /// Commands this probe has sent so far (so Redis ops/s can leave the console's own load out).
    var commandsSent: Int64 = 0
    /// When each queue's contents were last sampled (raw names).
    var lastBreakdown: [String: Double] = [:]
    /// Average bytes of a message in each sampled queue (raw names), from its latest sample.
    var messageBytes: [String: Double] = [:]
    /// Decoded backlog messages by hash of their bytes, with when each was last seen (`decodeCached`).
    var decodedCache: [Int: (message: SampledMessage, used: Double)] = [:]
    private(set) var lastDiscovery: Double = -.infinity
    /// The SCAN refusal of the latest discovery, if any (`RedisSnapshot.discoveryRefused`).
    private(set) var discoveryRefused: String?
    private var deepest: [String] = []
    private var samples = 0
    /// The queue list, its sanitized names and its LLEN commands (four per queue: the list and its priority
    /// sub-lists), rebuilt only when the bound set changes.
    private var depthPlan:
        (
            bound: Set<String>, subLists: Set<String>?, names: [(String, QueueSample.Source)], clean: [String],
            pipeline: RedisPipeline, lengths: [[RedisPipeline.Slot<Int>?]]
        )?
    /// Priority sub-lists (raw key names) that held messages at the last full poll.
    private var busySubLists: Set<String> = []
    private var lastFullPoll: Double = -.infinity
    /// The last `CLIENT LIST` reading and when it was taken (nil: refused, or not read yet).
    private var lastHosts: (hosts: [ConsumerHost]?, at: Double, otherBlocked: Int?)?
    /// The read-now request last served, and the connected clients at the last sample (for the cadence).
    private var servedRequests = 0
    private var connectedClients = 0
    private var inFlightGroups: (groups: [InFlightGroup], at: Double)?
    /// The in-flight breakdown is re-read every this many samples (two small round trips).
    static let inFlightEvery = 5

    public init(configuration: Configuration) { self.configuration = configuration }

    /// Queue names to poll, with the source that named each (binding wins over the defaults).
    func queueNames() -> [(String, QueueSample.Source)] {
        var out: [String: QueueSample.Source] = [:]
        if configuration.includeSentryQueues { for q in SentryQueues.names { out[q] = .sentryDefault } }
        for q in configuration.userQueues { out[q] = .user }
        for q in bound { out[q] = .binding }
        return out.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Re-reads the binding sets when due: SCAN MATCH {P}_kombu.binding.* then SMEMBERS of each task exchange.
    mutating func discoverIfDue(_ conn: RedisConnection, now: Double) throws(ProbeError) -> Int {
        guard now - lastDiscovery >= configuration.discoveryInterval else { return 0 }
        let prefix = configuration.keyPrefix + "_kombu.binding."
        var keys: [[UInt8]] = []
        var cursor = "0"
        var calls = 0
        repeat {
            let reply = try conn.command("SCAN", cursor, "MATCH", Self.globEscape(prefix) + "*", "COUNT", "1000")
            commandsSent += 1
            // An ACL without SCAN (NOPERM) or a renamed command: the queues are the named ones, and it says so.
            if case .error(let e) = reply {
                discoveryRefused = TextSanitizer.clean(e, maxLength: 120)
                lastDiscovery = now
                return calls + 1
            }
            guard let parts = reply.array, parts.count == 2, let next = parts[0].string, let batch = parts[1].array
            else { throw ProbeError(.protocol, "unexpected SCAN reply") }
            keys += batch.compactMap(\.bytes)
            cursor = next
            calls += 1
        } while cursor != "0" && calls < Self.scanBudget && keys.count < 10_000
        let prefixBytes = Array(prefix.utf8)
        let taskSets = keys.filter { key in
            let exchange = String(decoding: key.dropFirst(prefixBytes.count), as: UTF8.self)
            return !Self.nonTaskExchanges.contains(exchange)
        }
        var found: Set<String> = []
        if !taskSets.isEmpty {
            let replies = try conn.pipeline(taskSets.map { [Array("SMEMBERS".utf8), $0] })
            commandsSent += Int64(taskSets.count)
            for reply in replies {
                for member in reply.array ?? [] {
                    if let q = Self.queueName(fromBindingMember: member.bytes ?? []) { found.insert(q) }
                }
            }
        }
        bound = found
        discoveryRefused = nil
        lastDiscovery = now
        return calls + (taskSets.isEmpty ? 0 : 1)
    }

    /// The queue (third field) of a binding member `routing_key SEP pattern SEP queue`.
    static func queueName(fromBindingMember member: [UInt8]) -> String? {
        let text = String(decoding: member, as: UTF8.self)
        let fields = text.components(separatedBy: separator)
        guard fields.count == 3, !fields[2].isEmpty else { return nil }
        return fields[2]
    }

    /// Escapes glob metacharacters so a key prefix is matched literally by SCAN MATCH.
    static func globEscape(_ s: String) -> String {
        var out = ""
        for c in s {
            if "*?[]\\".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// Takes one sample: one pipeline with every LLEN, the in-flight reads, the peeks, the buffer and INFO.
    /// `clients` says how often `CLIENT LIST` is wanted (see `ClientListDemand`).
    mutating func sample(
        _ conn: RedisConnection, now: Double, clients demand: ClientListDemand = .background
    ) throws(ProbeError) -> RedisSnapshot {
        var roundTrips = try discoverIfDue(conn, now: now) + 1
        let p = configuration.keyPrefix
        // A full poll reads every sub-list (nil set); between, only main lists and the busy sub-lists.
        let full = depthPlan?.bound != bound || now - lastFullPoll >= configuration.fullPollEvery
        let subLists: Set<String>? = full ? nil : busySubLists
        if depthPlan?.bound != bound || depthPlan?.subLists != subLists {
            let names = queueNames()
            var pipeline = RedisPipeline(reserving: names.count * 4 + 16)
            let lengths = names.map { (name, _) in
                configuration.prioritySuffixes.enumerated().map { i, suffix -> RedisPipeline.Slot<Int>? in
                    guard i == 0 || subLists?.contains(name + suffix) != false else { return nil }
                    return pipeline.add("LLEN", p + name + suffix, read: \.int)
                }
            }
            depthPlan = (
                bound, subLists, names, names.map { TextSanitizer.clean($0.0, maxLength: 200) }, pipeline, lengths
            )
        }
        let plan = depthPlan!
        let names = plan.names
        var pipeline = plan.pipeline
        let peeks = deepest.prefix(configuration.peekCount).map { $0 }
        let peekSlots = peeks.map { pipeline.add("LINDEX", p + $0, "-1", read: \.bytes) }
        let hlen = pipeline.add("HLEN", p + "unacked", read: \.int)
        let oldest = pipeline.add("ZRANGE", p + "unacked_index", "0", "0", "WITHSCORES", read: \.array)
        let bufferSlot = pipeline.add("ZCARD", "b:p", read: \.int)
        let infoSlot = pipeline.add("INFO", read: \.string)
        let every = demand.interval(connectedClients: connectedClients, floor: configuration.clientListEvery)
        let clientListDue =
            demand.requests != servedRequests || (lastHosts.map { now - $0.at >= every } ?? true)
        let clients = clientListDue ? pipeline.add("CLIENT", "LIST", read: \.string) : nil
        let board = pipeline.add("HGETALL", SilenceBoard.key, read: { $0 })
        let started = DispatchTime.now().uptimeNanoseconds
        let replies = try pipeline.send(conn)
        let pipelineMs = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        commandsSent += Int64(pipeline.commands.count)

        var queues: [QueueSample] = []
        queues.reserveCapacity(names.count)
        for (k, (_, source)) in names.enumerated() {
            // A sub-list that is not a list (a WRONGTYPE error) holds no Celery messages.
            let parts = plan.lengths[k].map { slot in slot.flatMap { replies[$0] } ?? 0 }
            queues.append(
                QueueSample(name: plan.clean[k], depth: parts.reduce(0, +), byPriority: parts, source: source))
        }
        var peeked: [String: String] = [:]
        for (name, slot) in zip(peeks, peekSlots) {
            if let bytes = replies[slot] { peeked[name] = TaskPeek.taskName(envelope: bytes) }
        }
        let firstSample = deepest.isEmpty
        let inFlight = replies[hlen] ?? 0
        let oldestScore = replies[oldest].flatMap { $0.count == 2 ? $0[1].string.flatMap(Double.init) : nil }
        let buffer = replies[bufferSlot]
        let stats = RedisInfo.stats(replies[infoSlot] ?? "")
        connectedClients = stats.connectedClients
        // CLIENT LIST may be renamed or ACL-denied on hardened servers: then consumers are unknown, not zero.
        if let clients {
            let hosts = replies[clients].map { ClientList.hosts($0, db: conn.endpoint.db) }
            let waiting = hosts.map { $0.reduce(0) { $0 + $1.waiting } }
            let other = stats.blockedClients.flatMap { b in waiting.map { max(0, b - $0) } }
            lastHosts = (hosts, now, other)
            servedRequests = demand.requests
        }
        let hosts = lastHosts?.hosts
        if full {
            busySubLists = []
            for (k, (name, _)) in names.enumerated() {
                for (i, suffix) in configuration.prioritySuffixes.enumerated().dropFirst()
                where (plan.lengths[k][i].flatMap { replies[$0] } ?? 0) > 0 {
                    busySubLists.insert(name + suffix)
                }
            }
            lastFullPoll = now
        }
        let shared = SilenceBoard.decode(replies[board] ?? .null, now: now)

        for k in queues.indices { queues[k].nextTask = peeked[names[k].0] }
        // Sort raw names with their samples so the next peek uses the key names Redis knows.
        // Deepest first; among equals, declared queues (bindings, --queue) before Sentry's defaults, then by name.
        let rank: [QueueSample.Source: Int] = [.binding: 0, .user: 1, .sentryDefault: 2]
        let order = queues.indices.sorted { a, b in
            let (x, y) = (queues[a], queues[b])
            if x.depth != y.depth { return x.depth > y.depth }
            if x.source != y.source { return rank[x.source, default: 3] < rank[y.source, default: 3] }
            return x.name < y.name
        }
        deepest = order.filter { queues[$0].depth > 0 }.map { names[$0].0 }
        queues = order.map { queues[$0] }
        let breakdowns = try breakdownsIfDue(conn, Array(zip(order.map { names[$0].0 }, queues)), now: now)
        if breakdowns != nil { roundTrips += 1 }
        // The very first sample (and `snapshot`, which takes only one) has no earlier ranking to peek by:
        // one extra small round trip peeks the deepest queues it just found.
        if firstSample && !deepest.isEmpty {
            let targets = Array(deepest.prefix(configuration.peekCount))
            let more = try conn.pipeline(targets.map { cmd("LINDEX", p + $0, "-1") })
            roundTrips += 1
            commandsSent += Int64(targets.count)
            for (name, reply) in zip(targets, more) {
                if let bytes = reply.bytes,
                    let k = queues.firstIndex(where: { $0.name == TextSanitizer.clean(name, maxLength: 200) })
                {
                    queues[k].nextTask = TaskPeek.taskName(envelope: bytes)
                }
            }
        }
        samples += 1
        if inFlight == 0 {
            inFlightGroups = nil
        } else if inFlightGroups == nil || samples % Self.inFlightEvery == 0 {
            inFlightGroups = (try inFlightByRoutingKey(conn, now: now), now)
            roundTrips += 2
        }
        let anyCelery = !bound.isEmpty || inFlight > 0 || queues.contains { $0.depth > 0 }
        var snapshot = RedisSnapshot(
            takenAt: now, db: conn.endpoint.db, keyPrefix: TextSanitizer.clean(p, maxLength: 64),
            broker: anyCelery ? .celery : .absent, queues: queues, inFlight: inFlight,
            oldestInFlightSeconds: oldestScore.map { max(0, now - $0) }, bufferBacklog: buffer,
            stats: stats, consoleCommands: commandsSent)
        snapshot.waitingConsumers = hosts.map(ClientList.waitingConsumers)
        snapshot.consumerHosts = hosts
        snapshot.consumerHostsAt = lastHosts?.at
        snapshot.otherBlockedClients = lastHosts?.otherBlocked
        snapshot.sharedSilences = shared
        snapshot.inFlightByQueue = inFlightGroups?.groups
        snapshot.inFlightByQueueAt = inFlightGroups?.at
        snapshot.breakdowns = breakdowns
        snapshot.discoveryRefused = discoveryRefused
        snapshot.roundTrips = roundTrips
        snapshot.pipelineMs = pipelineMs
        return snapshot
    }

    private func cmd(_ args: String...) -> [[UInt8]] { args.map { Array($0.utf8) } }
}
