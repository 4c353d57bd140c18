import Testing

@testable import Model
@testable import Probes

/// INFO and CLIENT LIST replies parsed into the console's figures.
@Suite struct RedisInfoTests {
    @Test func redisInfoParsesCRLF() {
        let info =
            "# Server\r\nredis_version:7.0.15\r\nrun_id:abc\r\nuptime_in_seconds:42\r\n# Memory\r\nused_memory:1024\r\ntotal_commands_processed:99\r\n"
        let s = RedisInfo.stats(info)
        #expect(s.version == "7.0.15")
        #expect(s.uptimeSeconds == 42)
        #expect(s.usedMemory == 1024)
        #expect(s.totalCommands == 99)
    }

    @Test func unknownAndMalformedLinesAreSkipped() {
        let s = RedisInfo.stats("garbage\r\nconnected_clients:x\r\nconnected_clients:12\r\n:\r\n")
        #expect(s.connectedClients == 12)
    }
}

@Suite struct ClientListTests {
    static let sample = """
        id=3 addr=10.0.0.5:50122 laddr=10.0.0.9:6379 fd=8 name= age=90 idle=0 flags=b db=0 sub=0 psub=0 multi=-1 qbuf=0 cmd=brpop user=default
        id=4 addr=10.0.0.5:50123 laddr=10.0.0.9:6379 fd=9 name= age=90 idle=3 flags=N db=0 sub=0 psub=0 multi=-1 qbuf=0 cmd=hset user=default
        id=5 addr=10.0.0.6:40000 laddr=10.0.0.9:6379 fd=10 name= age=9 idle=0 flags=b db=0 cmd=brpop user=default
        id=6 addr=10.0.0.6:40001 laddr=10.0.0.9:6379 fd=11 name= age=9 idle=0 flags=b db=0 cmd=brpop user=default
        id=7 addr=10.0.0.7:1 laddr=10.0.0.9:6379 fd=12 name= age=9 idle=0 flags=b db=2 cmd=brpop user=default
        id=8 addr=/tmp/redis.sock:0 laddr=/tmp/redis.sock:0 fd=13 name= age=9 idle=0 flags=b db=0 cmd=blpop user=default
        """

    @Test func countsOnlyBlockedPopsOnTheBrokerDb() {
        let hosts = ClientList.waitingConsumers(Self.sample, db: 0)
        #expect(
            hosts == [
                NamedCount(name: "10.0.0.6", count: 2), NamedCount(name: "10.0.0.5", count: 1),
                NamedCount(name: "local", count: 1),
            ])
        #expect(ClientList.waitingConsumers(Self.sample, db: 2) == [NamedCount(name: "10.0.0.7", count: 1)])
    }
}
