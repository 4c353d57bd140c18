"""A program in its own pseudo-terminal of a fixed size: bytes it writes (with times), its screen (pyte), the
CPU seconds and peak RSS of its whole process tree (from /proc)."""
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time

import pyte


class _AnsweringScreen(pyte.Screen):
    """Answers the terminal's queries (cursor position, device status) like a real terminal: programs such
    as pg_activity (blessed) wait for the reply before drawing."""

    def __init__(self, cols, rows, fd):
        super().__init__(cols, rows)
        self.fd = fd

    def write_process_input(self, data):
        os.write(self.fd, data.encode())


class PtyRun:
    def __init__(self, argv, cols, rows, env=None):
        self.cols, self.rows = cols, rows
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(env or {})
            os.environ["TERM"] = "xterm-256color"
            os.environ["LANG"] = os.environ.get("LANG") or "C.UTF-8"
            os.environ.setdefault("LC_ALL", os.environ["LANG"])
            try:
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self._winsize(cols, rows)
        self.screen = _AnsweringScreen(cols, rows, fd)
        self.stream = pyte.ByteStream(self.screen)
        self.total = 0
        self.first_output = None
        self.chunks = []  # (monotonic time, bytes)

    def _winsize(self, cols, rows):
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        try:
            os.kill(self.pid, signal.SIGWINCH)
        except ProcessLookupError:
            pass

    def pump(self, seconds, until=None):
        """Reads output for up to `seconds`; with `until(screen_text)`, returns the elapsed time since start at
        which it first held (None if it never did)."""
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if r:
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return None
                now = time.monotonic()
                if self.first_output is None:
                    self.first_output = now - self.started
                self.total += len(data)
                self.chunks.append((now, len(data)))
                self.stream.feed(data)
                if until and until(self.text()):
                    return now - self.started

    def text(self):
        return "\n".join(self.screen.display)

    def bytes_between(self, t0, t1):
        return sum(n for t, n in self.chunks if t0 <= t < t1)

    def send(self, data):
        os.write(self.fd, data)

    def resize(self, cols, rows):
        self.cols, self.rows = cols, rows
        self.screen.resize(rows, cols)
        self._winsize(cols, rows)

    def first_byte_after(self, data, timeout=2.0):
        """Writes `data` and returns the seconds until the next output byte (None on timeout)."""
        self.pump(0.0)
        t0 = time.monotonic()
        self.send(data)
        while time.monotonic() - t0 < timeout:
            r, _, _ = select.select([self.fd], [], [], 0.01)
            if r:
                t1 = time.monotonic()
                try:
                    data = os.read(self.fd, 65536)
                except OSError:
                    return None
                self.total += len(data)
                self.chunks.append((t1, len(data)))
                self.stream.feed(data)
                return t1 - t0
        return None

    def keystrokes(self, presses, key=b"?"):
        """Milliseconds from each of `presses` writes of `key` (help toggles) to the next output byte."""
        samples = []
        for _ in range(presses):
            d = self.first_byte_after(key)
            if d is not None:
                samples.append(d * 1000)
            self.pump(0.15)
        return samples

    def tree(self):
        """The pid and every descendant (from /proc/*/stat)."""
        parents = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                    parents[int(entry)] = int(fields[1])
                except (OSError, IndexError):
                    pass
        out, frontier = {self.pid}, [self.pid]
        while frontier:
            p = frontier.pop()
            for child, parent in parents.items():
                if parent == p and child not in out:
                    out.add(child)
                    frontier.append(child)
        return out

    def usage(self):
        """(CPU seconds user+system, peak RSS MiB) summed over the process tree."""
        ticks = os.sysconf("SC_CLK_TCK")
        cpu, rss = 0.0, 0.0
        for p in self.tree():
            try:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                cpu += (int(fields[11]) + int(fields[12])) / ticks
                with open(f"/proc/{p}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            rss += int(line.split()[1]) / 1024
            except OSError:
                pass
        return cpu, rss

    def stop(self, quit_key=b"q"):
        try:
            self.send(quit_key)
        except OSError:
            pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            self.pump(0.1)
            pid, _ = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                break
        else:
            for p in self.tree():
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os.waitpid(self.pid, 0)
        os.close(self.fd)
