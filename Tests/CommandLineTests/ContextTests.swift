import Foundation
import Probes
import Testing

@testable import Console
@testable import Model
@testable import sentry_console

/// Named installs: `[contexts.NAME]` laid over the file (a flag still wins), the badge and its colour, and the
/// write policy (never for production-like names unless the context says confirm).
@Suite struct ContextTests {
    static let text = """
        current_context = "staging"
        [connections]
        pg = "host=file-db dbname=sentry"
        redis = "redis://file-redis:6379/0"
        [thresholds]
        drain_eta_seconds = 900
        [contexts.staging]
        label = "staging eu"
        color = "yellow"
        pg = "host=staging-db dbname=sentry"
        redis = "redis://staging-redis:6379/0"
        key_prefix = "st:"
        [contexts.prod-eu]
        label = "PROD eu-1"
        color = "red"
        redis = "redis://prod-redis:6379/0"
        [contexts.prod-eu.thresholds]
        drain_eta_seconds = 300
        [contexts.prod-us]
        write = "confirm"
        """

    func watch(_ args: [String]) throws -> (Watch, ConfigFile) {
        let path = try ConfigPrecedenceTests.file(Self.text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let w = try Watch.parse(["--config", path] + args)
        return (w, try w.connection.loadConfig())
    }

    @Test func theCurrentContextAppliesAndAFlagStillWins() throws {
        let (w, file) = try watch(["--redis", "redis://flag-redis:6380/0"])
        let c = try w.coreConfiguration(file)
        #expect(file.context?.name == "staging")
        #expect(c.header.postgresTarget.contains("staging-db"), "context over the file")
        #expect(c.header.redisTarget.contains("flag-redis:6380"), "flag over the context")
        #expect(file.keyPrefix == "st:")
        #expect(c.thresholds.drainEtaSeconds == 900, "the file's, the context sets none")
        #expect(c.header.context == "staging eu" && c.header.contextRole == .warn)
    }

    @Test func contextFlagChoosesAnotherInstallWithItsThresholds() throws {
        let (w, file) = try watch(["--context", "prod-eu"])
        let c = try w.coreConfiguration(file)
        #expect(c.header.postgresTarget.contains("file-db"), "the file's, the context sets none")
        #expect(c.header.redisTarget.contains("prod-redis"))
        #expect(c.thresholds.drainEtaSeconds == 300)
        #expect(c.header.context == "PROD eu-1" && c.header.contextRole == .crit)
    }

    @Test func anUnknownContextIsAnErrorThatListsThem() throws {
        #expect {
            _ = try watch(["--context", "qa"])
        } throws: { error in
            "\(error)".contains("no context 'qa'") && "\(error)".contains("prod-eu, prod-us, staging")
        }
    }

    @Test func productionLikeNamesRefuseWritesUnlessTheContextSaysConfirm() async throws {
        #expect(InstallContext(name: "prod-eu").effectiveWrite == .never)
        #expect(InstallContext(name: "production").effectiveWrite == .never)
        #expect(InstallContext(name: "live_us").effectiveWrite == .never)
        #expect(InstallContext(name: "staging").effectiveWrite == .confirm)
        #expect(InstallContext(name: "products").effectiveWrite == .confirm, "a word, not a prefix")
        #expect(InstallContext(name: "prod-us", write: .confirm).effectiveWrite == .confirm)
        let (w, file) = try watch(["--context", "prod-eu", "--write", "--as", "oncall@example.com"])
        await #expect {
            _ = try await w.prepareTriage(file, postgres: PostgresSource(.init(conninfo: "host=/nonexistent")))
        } throws: { error in
            "\(error)".contains("context 'prod-eu' does not allow writes")
        }
    }

    @Test func theHeaderAndTheConfirmationNameTheContext() {
        var header = HeaderInfo(postgresTarget: "postgres@db:5432/sentry", redisTarget: "redis://r:6379/0")
        header.context = "PROD eu-1"
        header.contextRole = .crit
        let surface = ConsoleView(header: header).render(
            state: ConsoleState(), ui: UIState(), now: 1000, width: 80, height: 24)
        #expect(surface.line(0).contains(" RO  PROD eu-1  pg "), "\(surface.line(0))")
    }

    @Test func aRedisPasswordComesFromAFileWhenTheURLHasNone() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("sc-pw-\(UUID().uuidString)").path
        try "s3cret\n".write(toFile: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: secret) }
        let w = try Watch.parse(["--redis", "redis://r:6379/0", "--redis-password-file", secret])
        #expect(try w.connection.redisEndpoint(ConfigFile()).password == "s3cret")
        let inURL = try Watch.parse(["--redis", "redis://:url-pw@r:6379/0", "--redis-password-file", secret])
        #expect(try inURL.connection.redisEndpoint(ConfigFile()).password == "url-pw", "the URL's wins")
        let missing = try Watch.parse(["--redis-password-file", "/nonexistent/pw"])
        #expect(throws: (any Error).self) { try missing.connection.redisEndpoint(ConfigFile()) }
    }

    @Test func aConfigFileOthersCanReadWithAPasswordIsWarnedAbout() throws {
        let path = try ConfigPrecedenceTests.file("[connections]\npg = \"host=db password=hunter2\"\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        chmod(path, 0o644)
        #expect(try ConfigFile.load(path: path).warnings.contains { $0.contains("readable by others") })
        chmod(path, 0o600)
        #expect(try ConfigFile.load(path: path).warnings.isEmpty)
        let clean = try ConfigPrecedenceTests.file("[connections]\npg = \"host=db\"\n")
        defer { try? FileManager.default.removeItem(atPath: clean) }
        chmod(clean, 0o644)
        #expect(try ConfigFile.load(path: clean).warnings.isEmpty, "no password, no warning")
    }
}
