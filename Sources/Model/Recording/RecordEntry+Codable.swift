/// `{"type": "event" | "alert" | "silence" | "action", …}`, one JSON object per line of a recording.
extension RecordEntry: Codable {
    enum CodingKeys: String, CodingKey {
        case type, event, alert, action, key, change, seconds, by, at
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .event(let e):
            try c.encode("event", forKey: .type)
            try c.encode(e, forKey: .event)
        case .alert(let t):
            try c.encode("alert", forKey: .type)
            try c.encode(t, forKey: .alert)
        case .silence(let key, let change, let by, let at):
            try c.encode("silence", forKey: .type)
            try c.encode(key, forKey: .key)
            try c.encode(by, forKey: .by)
            try c.encode(at, forKey: .at)
            switch change {
            case .acknowledge: try c.encode("acknowledge", forKey: .change)
            case .unsilence: try c.encode("unsilence", forKey: .change)
            case .snooze(let s):
                try c.encode("snooze", forKey: .change)
                try c.encode(s, forKey: .seconds)
            }
        case .action(let a):
            try c.encode("action", forKey: .type)
            try c.encode(a, forKey: .action)
        case .interval(let seconds, let at):
            try c.encode("interval", forKey: .type)
            try c.encode(seconds, forKey: .seconds)
            try c.encode(at, forKey: .at)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .type) {
        case "event": self = .event(try c.decode(ProbeEvent.self, forKey: .event))
        case "alert": self = .alert(try c.decode(AlertTransition.self, forKey: .alert))
        case "action": self = .action(try c.decode(RecordedAction.self, forKey: .action))
        case "interval":
            self = .interval(
                seconds: try c.decode(Double.self, forKey: .seconds), at: try c.decode(Double.self, forKey: .at))
        case "silence":
            let change: ConsoleState.SilenceChange
            switch try c.decode(String.self, forKey: .change) {
            case "acknowledge": change = .acknowledge
            case "unsilence": change = .unsilence
            case "snooze": change = .snooze(seconds: try c.decode(Double.self, forKey: .seconds))
            case let other:
                throw DecodingError.dataCorruptedError(
                    forKey: .change, in: c, debugDescription: "unknown silence change \(other)")
            }
            self = .silence(
                key: try c.decode(String.self, forKey: .key), change: change,
                by: try c.decode(String.self, forKey: .by),
                at: try c.decode(Double.self, forKey: .at))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown entry \(other)")
        }
    }
}
