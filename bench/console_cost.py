#!/usr/bin/env python3
"""Measures what sentry-console costs while it runs: terminal bytes (first frame, then steady state per
second), CPU seconds (user + system) and peak RSS, in a real pseudo-terminal of a fixed size.
Prints figures; it is a benchmark, not a test (nothing asserts).

    bench/console_cost.py --binary .build/release/sentry-console --seconds 20 --size 120x40 -- --pg … --redis …
"""
import argparse
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time


def run(binary, args, cols, rows, seconds, interval):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["LANG"] = os.environ.get("LANG", "C.UTF-8")
        os.execv(binary, [binary, "--interval", str(interval)] + args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.kill(pid, signal.SIGWINCH)
    start = time.monotonic()
    first_frame_at = None
    first_bytes = 0
    steady_bytes = 0
    settle = start + 3 * interval + 1  # after the first frames and the first real data
    steady_from = None
    while time.monotonic() - start < seconds:
        r, _, _ = select.select([fd], [], [], 0.1)
        if not r:
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        now = time.monotonic()
        if first_frame_at is None:
            first_frame_at = now - start
        if now < settle:
            first_bytes += len(data)
        else:
            steady_from = steady_from or settle
            steady_bytes += len(data)
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    rss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                rss = int(line.split()[1]) / 1024
    elapsed = time.monotonic() - start
    os.write(fd, b"q")
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    steady_secs = max(0.001, elapsed - (settle - start))
    return {
        "size": f"{cols}x{rows}",
        "first output after (s)": round(first_frame_at or -1, 3),
        "startup bytes (first frames)": first_bytes,
        "steady bytes/s": round(steady_bytes / steady_secs, 1),
        "CPU s (user+sys) over run": round(cpu, 2),
        "CPU % of one core": round(100 * cpu / elapsed, 2),
        "peak RSS MiB": round(rss, 1),
        "run s": round(elapsed, 1),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=".build/debug/sentry-console")
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--interval", type=float, default=2)
    p.add_argument("--size", action="append", default=[])
    p.add_argument("args", nargs=argparse.REMAINDER)
    a = p.parse_args()
    args = a.args[1:] if a.args[:1] == ["--"] else a.args
    for size in a.size or ["120x40", "80x24"]:
        cols, rows = map(int, size.split("x"))
        result = run(os.path.abspath(a.binary), args, cols, rows, a.seconds, a.interval)
        print("  ".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
