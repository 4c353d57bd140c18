import Foundation
import Testing

@testable import Model
@testable import sentry_console

/// Where each setting comes from: the flag, else the config file, else the default.
@Suite struct ConfigPrecedenceTests {
    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sc-config-\(UUID().uuidString).toml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    static let full = """
        [connections]
        pg = "host=file-db dbname=sentry user=sentry"
        redis = "redis://file-redis:6379/0"
        [console]
        interval = 10
        bell = true
        sentry_url = "https://file.example"
        [thresholds]
        connections_warn_percent = 70
        """

    /// kombu's `priority_steps`: the flag, else the file, else [0, 3, 6, 9]; nonsense is refused with an example.
    @Test func prioritySteps() throws {
        let path = try Self.file("[queues]\npriority_steps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try Watch.parse(["--config", path])
        #expect(try file.connection.prioritySteps(try file.connection.loadConfig()) == Array(0...9))
        let flag = try Watch.parse(["--config", path, "--priority-steps", "0, 5"])
        #expect(try flag.connection.prioritySteps(try flag.connection.loadConfig()) == [0, 5])
        let none = try Watch.parse(["--config", "/dev/null"])
        #expect(try none.connection.prioritySteps(try none.connection.loadConfig()) == [0, 3, 6, 9])
        for bad in ["0,x", "", "0,3,3", "0,300"] {
            #expect(throws: (any Error).self, "\(bad)") { try Watch.parse(["--priority-steps", bad]) }
        }
    }

    /// The shipped example (installed in /usr/share/doc) and the README's sample load without a warning.
    @Test func theExampleConfigsLoadCleanly() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        let example = root.appendingPathComponent("contrib/config.example.toml").standardized.path
        let w = try Watch.parse(["--config", example])
        #expect(try w.connection.loadConfig().warnings.isEmpty)
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```toml\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let path = try Self.file(String(readme[start.upperBound..<end.lowerBound]))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromReadme = try Watch.parse(["--config", path]).connection.loadConfig()
        #expect(fromReadme.warnings.isEmpty, "\(fromReadme.warnings)")
        #expect(fromReadme.prioritySteps == [0, 3, 6, 9])
    }

    @Test func aFlagBeatsTheFileWhichBeatsTheDefault() throws {
        let path = try Self.file(Self.full)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let watch = try Watch.parse(["--config", path, "--interval", "5", "--redis", "redis://flag-redis:6380/0"])
        let c = try watch.coreConfiguration(try watch.connection.loadConfig())
        #expect(c.interval == 5, "flag")
        #expect(c.header.redisTarget.contains("flag-redis:6380"), "flag")
        #expect(c.header.postgresTarget.contains("file-db"), "file")
        #expect(c.bell, "file")
        #expect(c.header.sentryURL == "https://file.example", "file")
        #expect(c.thresholds.connectionsWarnPercent == 70, "file")
        #expect(c.thresholds.connectionsCritPercent == AlertThresholds().connectionsCritPercent, "default")
        #expect(!c.header.writeMode, "read-only unless --write")
    }

    @Test func anEmptyFileLeavesTheDefaults() throws {
        let path = try Self.file("")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let watch = try Watch.parse(["--config", path])
        let c = try watch.coreConfiguration(try watch.connection.loadConfig())
        #expect(c.interval == 2)
        #expect(!c.bell)
        #expect(c.header.sentryURL.isEmpty)
        #expect(c.thresholds == AlertThresholds())
    }

    @Test func anIntervalOutOfRangeInTheFileIsAnError() throws {
        let path = try Self.file("[console]\ninterval = 600\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let watch = try Watch.parse(["--config", path])
        #expect(throws: (any Error).self) { try watch.coreConfiguration(try watch.connection.loadConfig()) }
    }
}
