import Testing

@testable import Exporter

@Suite struct ExpositionTests {
    let families = [
        MetricFamily(
            "sentry_queue_depth", .gauge, help: "Depth.",
            [.init([.init("queue", #"we"ird\queue"#)], 5), .init([.init("queue", "line\nbreak")], 1)]),
        MetricFamily("sentry_events_processed_total", .counter, help: #"Inserts \ saved."#, value: 1234),
    ]

    @Test func textFormatEscapesLabelValuesAndHelp() {
        let text = String(decoding: Exposition.render(families, as: .text004), as: UTF8.self)
        #expect(text.contains(#"sentry_queue_depth{queue="we\"ird\\queue"} 5"#))
        #expect(text.contains(#"sentry_queue_depth{queue="line\nbreak"} 1"#))
        #expect(text.contains("# TYPE sentry_events_processed_total counter"))
        #expect(text.contains(#"# HELP sentry_events_processed_total Inserts \\ saved."#))
        #expect(text.contains("sentry_events_processed_total 1234"))
        #expect(!text.contains("# EOF"))
    }

    @Test func openMetricsNamesCounterFamiliesWithoutTotalAndEndsWithEOF() {
        let text = String(decoding: Exposition.render(families, as: .openMetrics), as: UTF8.self)
        #expect(text.contains("# TYPE sentry_events_processed counter\n"))
        #expect(text.contains("# HELP sentry_events_processed "))
        #expect(text.contains("\nsentry_events_processed_total 1234"))
        #expect(text.hasSuffix("# EOF\n"))
    }

    @Test func negotiationPrefersOpenMetricsOnlyWhenAskedFor() {
        let prometheus =
            "application/openmetrics-text;version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2"
        #expect(Exposition.Format.negotiate(accept: prometheus) == .openMetrics)
        #expect(Exposition.Format.negotiate(accept: nil) == .text004)
        #expect(Exposition.Format.negotiate(accept: "*/*") == .text004)
        #expect(Exposition.Format.negotiate(accept: "text/plain;version=0.0.4") == .text004)
        #expect(Exposition.Format.negotiate(accept: "application/openmetrics-text;q=0") == .text004)
    }
}
