import Model

/// A connection slot owned by one `WorkerThread`: `use` connects when the slot is empty or broken, runs the
/// body, and empties the slot after a failure that left the connection unusable (hiredis' rule), so the next
/// call reconnects. Shared by every Redis client of the console (sampler, pidbox).
struct RedisSlot {
    private(set) var conn: RedisConnection?
    let connect: () throws(ProbeError) -> RedisConnection

    init(connect: @escaping () throws(ProbeError) -> RedisConnection) { self.connect = connect }

    mutating func use<T>(_ body: (RedisConnection) throws(ProbeError) -> T) -> Result<T, ProbeError> {
        do throws(ProbeError) {
            if conn?.isHealthy != true { conn = try connect() }
            guard let conn else { throw ProbeError(.io, "not connected") }
            return .success(try body(conn))
        } catch {
            if conn?.isHealthy != true { conn = nil }
            return .failure(error)
        }
    }
}
