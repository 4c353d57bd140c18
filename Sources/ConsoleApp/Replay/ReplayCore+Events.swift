import Console
import Model

/// Events in a replay: the timeline's keys first (unless a text field is open), then the screens' keys on the
/// recorded data; the clock plays the recording at `speed`.
extension ReplayCore: ConsoleCore {
    /// Applies one event; `now` is the real time, unused: the replay's own clock is `cursor`.
    public mutating func handle(_ event: AppEvent, now: Double) -> [Effect] {
        switch event {
        case .key(let key): return handleKey(key)
        case .tick:
            guard playing else { return [] }
            advance(to: cursor + speed)
            if cursor >= timeline.end {
                playing = false
                core.notify(Notice("end of the recording"))
            }
            return [.render(delayMs: 0)]
        case .probe: return []  // nothing is sampled in a replay
        default: return allowed(core.handle(event, now: cursor))
        }
    }

    mutating func handleKey(_ key: Key) -> [Effect] {
        if var editor = prompt {
            switch editor.handle(key) {
            case .editing: prompt = editor
            case .cancel: prompt = nil
            case .submit(let text):
                prompt = nil
                jump(text)
            }
            return [.render(delayMs: 0)]
        }
        if !core.isTyping, !core.state.ui.showHelp, let action = ReplayKeys.map.action(for: key) {
            core.notify(nil)
            perform(action)
            return [.render(delayMs: 0)]
        }
        return allowed(core.handle(.key(key), now: cursor))
    }

    mutating func perform(_ action: Action) {
        let interval = timeline.header.interval
        switch action {
        case .play:
            if !playing && cursor >= timeline.end { seek(Self.firstComplete(timeline)) }
            playing.toggle()
        // One sample is one sampling round: the sources answer a moment apart, so the step skips events
        // less than half an interval away.
        case .stepForward:
            playing = false
            let next = timeline.entries(from: cursor + interval / 2, through: cursor + 10 * interval + 60)
                .first { if case .event = $0 { true } else { false } }
            advance(to: next?.time ?? min(timeline.end, cursor + interval))
        case .stepBack:
            playing = false
            let previous = timeline.entries(from: cursor - 10 * interval - 60, through: cursor - interval / 2)
                .last { if case .event = $0 { true } else { false } }
            seek(previous?.time ?? cursor - interval)
        case .minuteForward: advance(to: cursor + 60)
        case .minuteBack: seek(cursor - 60)
        case .speedUp: speed = Self.speeds.first { $0 > speed } ?? speed
        case .speedDown: speed = Self.speeds.last { $0 < speed } ?? speed
        case .jump: prompt = LineEditor("", limit: 40)
        case .timelineStart:
            playing = false
            seek(Self.firstComplete(timeline))
        case .timelineEnd:
            playing = false
            seek(timeline.end)
        default: break
        }
    }

    /// Goes to the time `text` names (relative times count from the cursor), or says why not.
    mutating func jump(_ text: String) {
        guard
            let t = TimeSpec.resolve(
                text, forward: cursor, backward: cursor, latest: timeline.end, utcOffset: core.config.header.utcOffset)
        else {
            core.notify(Notice("not a time: \(text) (try 02:47, -30m, +5m or 2026-11-30T02:47Z)", isError: true))
            return
        }
        if t < timeline.start || t > timeline.end {
            core.notify(Notice("outside the recording; showing the nearest end", isError: true))
        }
        playing = false
        seek(t)
    }

    /// The core's effects a replay lets through: drawing, the terminal, the clipboard and quitting. A request
    /// for data that was never recorded is answered at once, so no pane waits for it.
    mutating func allowed(_ effects: [Effect]) -> [Effect] {
        var out: [Effect] = []
        for effect in effects {
            switch effect {
            case .quit, .render, .repaint, .resize, .copy, .beep: out.append(effect)
            case .loadDetail(let row):
                let e = ProbeError(.config, "not recorded: a replay shows what the recorder sampled")
                out += allowed(core.handle(.probe(.issueDetail(id: row.id, .failure(e), at: cursor)), now: cursor))
            case .loadProjectKeys(let id):
                let e = ProbeError(.config, "not recorded: a replay shows what the recorder sampled")
                out += allowed(core.handle(.probe(.projectKeys(id: id, .failure(e), at: cursor)), now: cursor))
            case .wake, .silenced, .resolveNames, .auditBegin, .writeTriage, .auditAbandoned, .shareSilence,
                .switchContext:
                break
            }
        }
        return out
    }
}
