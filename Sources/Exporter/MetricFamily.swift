/// One metric family as the exporter exposes it: a name that follows Prometheus naming rules (a counter's
/// name ends in `_total`), help text that says where the number comes from, and its samples. Pure value;
/// `Exposition` turns a list of these into text through swift-prometheus.
public struct MetricFamily: Sendable, Equatable {
    public enum Kind: String, Sendable { case gauge, counter }

    /// One series: label pairs (names fixed by the family, values sanitized upstream) and its value.
    public struct Sample: Sendable, Equatable {
        public var labels: [Label]
        public var value: Double

        public init(_ labels: [Label] = [], _ value: Double) {
            self.labels = labels
            self.value = value
        }
    }

    /// A label name and value.
    public struct Label: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var name: String
    public var kind: Kind
    public var help: String
    public var samples: [Sample]

    public init(_ name: String, _ kind: Kind, help: String, _ samples: [Sample] = []) {
        self.name = name
        self.kind = kind
        self.help = help
        self.samples = samples
    }

    /// A family with one unlabelled sample.
    public init(_ name: String, _ kind: Kind, help: String, value: Double) {
        self.init(name, kind, help: help, [Sample([], value)])
    }

    /// The value of the sample whose labels match `labels` exactly.
    public func value(_ labels: [Label] = []) -> Double? { samples.first { $0.labels == labels }?.value }
}
