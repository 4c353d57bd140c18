import Foundation
import Model

/// Runs pidbox rounds on one Redis connection, the way kombu's `Mailbox._broadcast` + `_collect` do
/// (docs/reference/celery-redis-wire.md §7): SADD the reply binding → PUBLISH each request → collect the reply
/// list until the timeout (polled with RPOP; kombu blocks in BRPOP) → SREM the binding, DEL the reply lists. Late
/// replies (a worker that did its SMEMBERS just before our SREM) would leave an orphan list without TTL, so the
/// previous round's lists are deleted again at the start of the next one. Touches only keys named after its own random oid, and the one binding member.
struct PidboxSession {
    struct Settings: Sendable {
        var keyPrefix = ""
        var serializer = PidboxMessage.Serializer.pickle
        var timeout: Double = 1
        /// Every how many rounds `stats` and `active_queues` are asked too (also the first round, and the round
        /// after a worker answered that has not told its queues yet).
        var detailEvery = 10
    }

    let settings: Settings
    private var rounds = 0
    /// Oids whose keys must be (re)deleted: the last round's, and any round cut short by an I/O error.
    private var leftovers: [String] = []
    /// Workers that have answered a detailed round (their pid and queues are known).
    private var detailedNames: Set<String> = []
    private var newcomer = false

    init(settings: Settings) { self.settings = settings }

    private var bindingKey: String { settings.keyPrefix + "_kombu.binding." + PidboxMessage.replyExchange }

    private func replyKeys(_ oid: String) -> [String] {
        QueueProbe.priorityKeySuffixes.map { settings.keyPrefix + PidboxMessage.replyQueue(oid: oid) + $0 }
    }

    /// One round; `now` stamps it. Throws on I/O errors (the caller reconnects; cleanup is retried next time).
    mutating func round(_ conn: RedisConnection, now: Double, clock: () -> Double) throws(ProbeError) -> InspectRound {
        try cleanLeftovers(conn)
        let oid = UUID().uuidString.lowercased()
        let member = PidboxMessage.bindingMember(oid: oid)
        let detailed = rounds % max(1, settings.detailEvery) == 0 || newcomer
        rounds += 1
        let methods: [PidboxMessage.Method] = detailed ? [.ping, .stats, .activeQueues] : [.ping]
        var tickets: [String: PidboxMessage.Method] = [:]
        let channel = settings.keyPrefix + "/\(conn.endpoint.db).celery.pidbox"
        var commands: [[[UInt8]]] = [[b("SADD"), b(bindingKey), b(member)]]
        for m in methods {
            let ticket = UUID().uuidString.lowercased()
            tickets[ticket] = m
            let env = PidboxMessage.envelope(
                m, ticket: ticket, oid: oid, serializer: settings.serializer,
                deliveryTag: UUID().uuidString.lowercased(), expires: now + settings.timeout)
            commands.append([b("PUBLISH"), b(channel), env])
        }
        leftovers.append(oid)  // until the cleanup below has run
        let sent = try conn.pipeline(commands)
        for case .error(let e) in sent { throw ProbeError(.server, "pidbox: \(e)") }
        let receivers = sent.dropFirst().compactMap(\.int).max() ?? 0

        var byNode: [String: WorkerInspection] = [:]
        var problems: [String] = []
        let deadline = clock() + settings.timeout
        var received = 0
        let replyKey = settings.keyPrefix + PidboxMessage.replyQueue(oid: oid)
        while received < 1000 {
            let remaining = deadline - clock()
            guard remaining > 0.01 else { break }
            // RPOP polled, not BRPOP: a blocked console connection would count as an idle consumer in INFO's
            // blocked_clients for as long as it waits (DECISIONS 41). The list is this round's own.
            guard let raw = try conn.command("RPOP", replyKey).bytes else {
                usleep(UInt32(min(Self.pollInterval, remaining) * 1_000_000))
                continue
            }
            received += 1
            do {
                let decoded = try PidboxMessage.decodeReply(raw)
                guard let method = tickets[decoded.ticket] else { continue }  // someone else's reply
                for (node, result) in decoded.results.prefix(500) {
                    let name = TextSanitizer.clean(node, maxLength: 120)
                    var w = byNode[name] ?? WorkerInspection(name: name, pong: false)
                    InspectionReader.apply(method, result, to: &w)
                    byNode[name] = w
                }
            } catch {
                if problems.count < 5 { problems.append(TextSanitizer.clean(error.reason, maxLength: 120)) }
            }
        }
        // Cleanup in kombu's order: unbind first (no new replies routed), then delete the lists.
        var cleanup: [[[UInt8]]] = [[b("SREM"), b(bindingKey), b(member)]]
        cleanup.append([b("DEL")] + replyKeys(oid).map(b))
        _ = try conn.pipeline(cleanup)
        // The lists stay on the leftovers list for one more round: a late LPUSH is deleted then.
        leftovers = [oid]
        // A node that answered stats/active_queues but whose pong was lost still answered.
        let replies = byNode.values.map { w -> WorkerInspection in
            var w = w
            w.pong = w.pong || w.pid != nil || w.queues != nil
            return w
        }
        let answered = Set(replies.filter(\.pong).map(\.name))
        if detailed { detailedNames.formUnion(answered) }
        newcomer = !answered.isSubset(of: detailedNames)
        return InspectRound(
            startedAt: now, timeout: settings.timeout, serializer: settings.serializer.rawValue, detailed: detailed,
            receivers: receivers, replies: replies.filter(\.pong).sorted { $0.name < $1.name }, problems: problems)
    }

    /// Deletes the reply lists of earlier rounds (and unbinds a round that was cut short).
    mutating func cleanLeftovers(_ conn: RedisConnection) throws(ProbeError) {
        guard !leftovers.isEmpty else { return }
        var commands: [[[UInt8]]] = []
        for oid in leftovers {
            commands.append([b("SREM"), b(bindingKey), b(PidboxMessage.bindingMember(oid: oid))])
            commands.append([b("DEL")] + replyKeys(oid).map(b))
        }
        _ = try conn.pipeline(commands)
        leftovers = []
    }

    /// Seconds between two polls of an empty reply list (about 20 cheap RPOPs per one-second round).
    static let pollInterval = 0.05

    private func b(_ s: String) -> [UInt8] { Array(s.utf8) }
}
