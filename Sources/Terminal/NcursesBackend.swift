internal import CNcurses
internal import CTerminalRestore
import Console
import Foundation

/// The only code that talks to ncurses, and only on the main actor. It applies `SurfaceDiff` runs and ends
/// every frame with one `wnoutrefresh` + `doupdate`; it never calls `clear()` per frame.
/// Invariant: after `stop()` (or a crash/signal) the terminal is back in its original mode.
@MainActor
public final class NcursesBackend: TerminalBackend {
    private var screen: OpaquePointer?
    private var registry: ColorRegistry?
    private var previous: Surface?
    private var stderrLog: String?
    private var savedStderr: Int32 = -1
    public private(set) var colors = 0
    /// False when the locale's character set is not UTF-8: every cell is then written as ASCII (`ASCIIFallback`).
    public private(set) var unicodeLocale = true
    private var fallback = ASCIIFallback()

    public init() {}

    /// The linked ncurses library's version ("ncurses 6.4.20221231").
    public nonisolated static var libraryVersion: String { String(cString: cncurses_library_version()) }

    /// Enters curses mode; returns an error text when the terminal cannot be used (unknown TERM, no tty).
    public func start(theme: Theme, monochrome: Bool, escDelayMs: Int = 50, mouse: Bool = false) -> String? {
        setlocale(LC_ALL, "")
        unicodeLocale = String(cString: nl_langinfo(Int32(CODESET))).uppercased() == "UTF-8"
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return "stdin/stdout is not a terminal" }
        // Anything written to stderr while curses owns the screen goes to a log file instead.
        let log = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/sentry-console-\(getuid()).log"
        savedStderr = dup(STDERR_FILENO)
        let fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if fd >= 0 {
            dup2(fd, STDERR_FILENO)
            close(fd)
            stderrLog = log
        }
        cncurses_save_tty(savedStderr)
        guard let scr = cncurses_newterm_fd(dup(STDOUT_FILENO), dup(STDIN_FILENO)) else {
            restoreStderr()
            return "cannot open terminal type '\(ProcessInfo.processInfo.environment["TERM"] ?? "")'"
        }
        screen = scr
        guard cncurses_can_address_cursor() != 0 else {
            stop()
            let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
            return "terminal type '\(term)' cannot move the cursor: a full-screen console needs one that can "
                + "(e.g. TERM=xterm-256color); headless: snapshot, check, issues"
        }
        cncurses_capture_exit_sequence()
        cncurses_install_crash_handlers()
        cbreak()
        noecho()
        nonl()
        let win = cncurses_stdscr()
        intrflush(win, false)
        keypad(win, true)
        nodelay(win, true)
        leaveok(win, true)
        curs_set(0)
        set_escdelay(Int32(escDelayMs))
        if mouse { _ = cncurses_enable_mouse() }
        if !monochrome && has_colors() {
            start_color()
            use_default_colors()
            colors = Int(cncurses_colors())
        }
        applyTheme(monochrome ? .mono : theme)
        return nil
    }

    /// Allocates colour pairs for a theme and forces a full repaint.
    public func applyTheme(_ theme: Theme) {
        registry = ColorRegistry(theme: theme, colors: colors, pairsAvailable: Int(cncurses_color_pairs()))
        previous = nil
    }

    /// Current terminal size in cells.
    public var size: (width: Int, height: Int) { (Int(cncurses_cols()), Int(cncurses_lines())) }

    /// Draws what changed since the last frame; returns the number of cells sent to ncurses.
    @discardableResult
    public func present(_ surface: Surface) -> Int {
        guard screen != nil, let registry else { return 0 }
        let runs = SurfaceDiff.diff(from: previous, to: surface)
        let win = cncurses_stdscr()
        for run in runs {
            guard wmove(win, Int32(run.y), Int32(run.x)) != ERR else { continue }
            for cell in run.cells where !cell.isContinuation {
                let (attr, pair) = registry.attrs[cell.role] ?? (cncurses_a_normal(), 0)
                if unicodeLocale {
                    Self.add(cell.glyph, attr, pair)
                } else {
                    // Outside UTF-8 a two-column glyph becomes two ASCII cells: one add each.
                    for ch in fallback.glyph(cell.glyph) { Self.add(String(ch), attr, pair) }
                }
            }
        }
        previous = surface
        if !runs.isEmpty {
            wnoutrefresh(win)
            doupdate()
        }
        return SurfaceDiff.cellCount(runs)
    }

    private static func add(_ glyph: String, _ attr: attr_t, _ pair: Int16) {
        let scalars = glyph.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
        _ = scalars.withUnsafeBufferPointer { buf in cncurses_add_cell(buf.baseAddress, Int32(buf.count), attr, pair) }
    }

    /// Puts `text` on the user's clipboard with OSC 52 (works through SSH where the terminal allows it). The
    /// text is the console's own (a URL built from sanitized parts); written after the frame, outside ncurses.
    public func copyToClipboard(_ text: String) {
        let payload = Data(text.utf8).base64EncodedString()
        let seq = "\u{1b}]52;c;\(payload)\u{07}"
        FileHandle.standardOutput.write(Data(seq.utf8))
    }

    /// Rings the terminal bell (a new firing alert, when enabled).
    public func beep() { _ = CNcurses.beep() }

    /// Forgets the last frame and makes the next `doupdate` repaint everything (Ctrl-L, resize).
    public func invalidate() {
        previous = nil
        clearok(cncurses_stdscr(), true)
    }

    /// Follows a terminal resize reported by SIGWINCH.
    public func resize() {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if cncurses_tty_size(&rows, &cols) == 0 { resizeterm(rows, cols) }
        werase(cncurses_stdscr())
        invalidate()
    }

    /// Reads every pending key without blocking.
    public func readKeys() -> [Key] {
        var keys: [Key] = []
        let win = cncurses_stdscr()
        while true {
            var ch: wint_t = 0
            let rc = wget_wch(win, &ch)
            if rc == ERR { break }
            if rc == cncurses_key_code_yes() {
                // SIGWINCH is the one resize source; `resizeterm` queues a KEY_RESIZE of its own, which would
                // resize (and repaint everything) once more at the next key.
                if Int32(ch) == cncurses_key_resize() { continue }
                if Int32(ch) == cncurses_key_mouse() {
                    var x: Int32 = 0
                    var y: Int32 = 0
                    switch cncurses_read_mouse(&x, &y) {
                    case 1: keys.append(.click(x: Int(x), y: Int(y)))
                    case 2: keys.append(.wheelUp)
                    case 3: keys.append(.wheelDown)
                    default: break
                    }
                    continue
                }
                if let k = KeyDecoder.functionKey(Int32(ch)) { keys.append(k) }
            } else if let k = KeyDecoder.character(UInt32(ch)) {
                keys.append(k)
            }
        }
        return keys
    }

    /// True when the terminal is gone (SSH dropped, pty closed): stdin reports hang-up or error. The kernel
    /// signals only the session leader on hang-up, so a console started from a script must check for itself.
    public var inputHungUp: Bool {
        var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, 0) >= 0 else { return true }
        return p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Leaves curses mode and restores the terminal and stderr; safe to call twice.
    public func stop() {
        guard screen != nil else { return }
        endwin()
        cncurses_uninstall_crash_handlers()
        if let screen { delscreen(screen) }
        screen = nil
        restoreStderr()
    }

    private func restoreStderr() {
        guard savedStderr >= 0 else { return }
        dup2(savedStderr, STDERR_FILENO)
        close(savedStderr)
        savedStderr = -1
        if let log = stderrLog, let data = FileManager.default.contents(atPath: log), !data.isEmpty {
            FileHandle.standardError.write(data)
        }
        if let log = stderrLog { unlink(log) }
        stderrLog = nil
    }
}
