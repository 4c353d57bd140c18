import ArgumentParser
import Model

/// Alert flags shared by `watch`, `check` and `exporter`; each falls back to the config file.
struct AlertOptions: ParsableArguments {
    @Flag(
        name: .customLong("sentry-incidents"),
        help: ArgumentHelp(
            "Count Sentry's own metric-alert incidents (about your applications) as alerts: firing count, bell, check's exit code. Off by default; they are always listed apart."
        ))
    var sentryIncidents = false

    /// The config file's thresholds with the flags applied.
    func thresholds(_ c: ConfigFile) -> AlertThresholds {
        var t = c.thresholds
        t.sentryIncidents = sentryIncidents || (c.sentryIncidents ?? false)
        return t
    }
}
