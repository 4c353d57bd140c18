import ConsoleApp
import Model
import Probes

extension Runtime {
    /// One sampler task per feed, each awaiting its probe's own thread, so a hung source never delays keys or
    /// drawing. The issue stream follows the Issues screen's query and sort, and re-reads when woken.
    func startSamplers() -> [Task<Void, Never>] {
        let pg = feeds.postgres
        let rd = feeds.redis
        let events = feeds.listener
        var tasks = [
            spawn(.postgres, sample: { await pg.sample() }, event: { .postgres($0, at: $1, retryAt: $2) }),
            spawn(
                .redis,
                sample: { [weak self] in await rd.sample(clients: await self?.clientListDemand ?? .background) },
                event: { .redis($0, at: $1, retryAt: $2) }),
            spawn(.events, sample: { events.drain() }, event: { .heartbeats($0, at: $1, retryAt: $2) }),
            spawn(
                .issues,
                sample: { [weak self] in
                    guard let (query, sort, me) = await self?.issueRequest else {
                        return .failure(.init(.timeout, "stopped"))
                    }
                    return await IssuesWithPending.read(pg, rd, query, sort: sort, me: me)
                }, event: { .issues($0, at: $1, retryAt: $2) }),
        ]
        if let pidbox = feeds.pidbox {
            // A round lasts the reply window (1 s by default); at most one round every 2 s.
            tasks.append(
                spawn(.pidbox, sample: { await pidbox.inspect() }, event: { .inspection($0, at: $1, retryAt: $2) }))
        }
        return tasks
    }

    private func spawn<S: Sendable>(
        _ id: SamplerID, sample: @escaping @Sendable () async -> Result<S, ProbeError>,
        event: @escaping @Sendable (Result<S, ProbeError>, Double, Double) -> ProbeEvent
    ) -> Task<Void, Never> {
        let sampler = Sampler<S>(
            alarm: alarms[id]!,
            cadence: { [weak self] in
                await self?.cadence(id) ?? SamplerCadence(interval: 2, paused: false)
            },
            sample: sample,
            report: { [weak self] result, at, next in await self?.report(event(result, at, next)) })
        return Task.detached { await sampler.run() }
    }
}
