import ArgumentParser

@main
struct SentryConsole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentry-console",
        abstract: "A read-only terminal operations console for self-hosted Sentry (Postgres + Redis).",
        discussion: """
            Reads Sentry's Postgres and Redis directly: Celery queue depth and drain ETA, Postgres connections \
            and locks, event throughput. Read-only: sessions run with default_transaction_read_only=on and \
            Redis is only read with bounded commands.
            """,
        version: Version.text,
        subcommands: [
            Watch.self, Snapshot.self, Check.self, Issues.self, ExporterCommand.self, Record.self, Replay.self,
            Themes.self,
        ],
        defaultSubcommand: Watch.self)
}
