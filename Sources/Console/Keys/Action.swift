/// What a key does. Screens map keys to actions through their `KeyMap`; the app core performs them.
public enum Action: Hashable, Sendable {
    // Everywhere
    case quit, toggleHelp, toggleAlerts, togglePause, faster, slower, redraw, dismiss, contextPrompt
    case show(UIState.Screen)
    // Lists and panels
    case up, down, pageUp, pageDown, top, bottom, focusNext, focusPrevious, toggleEmpty
    // The alerts overlay
    case acknowledge, snoozeShort, snoozeLong, unsilence
    // Screens with a list
    case filter, sort, open, mark, copyURL
    // Workers: read CLIENT LIST now
    case readClients
    // Issues: triage (write mode)
    case resolve, archive, unresolve, assign, unassign, bookmark, markReviewed
    // Replay: the timeline
    case play, stepBack, stepForward, minuteBack, minuteForward, speedUp, speedDown, jump, timelineStart, timelineEnd
    case live
}
