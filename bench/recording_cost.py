"""Record and replay: what a recording costs on the bench's live data (MB per hour and recorder CPU at 1 s and
5 s, the console at the same interval beside it) and how fast a day-long recording seeks (a day synthesized
from the 1 s recording, random whole minutes, the replay screen's own seek). Figures only."""
import glob
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time


def _proc(pid):
    """(CPU seconds, peak RSS MiB) of one process."""
    ticks = os.sysconf("SC_CLK_TCK")
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    rss = 0.0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                rss = int(line.split()[1]) / 1024
    return cpu, rss


def _size(d):
    return sum(os.path.getsize(p) for p in glob.glob(os.path.join(d, "*.ndjson.gz")))


def recording_cost(say, table, bin_, pg_base, redis_port, seconds, settle, pty_run, quick):
    say("## Record and replay")
    say()
    pg = f"{pg_base} dbname=sentry"
    redis = f"redis://127.0.0.1:{redis_port}/0"
    rows = []
    keep = None
    for interval in (1, 5):
        d = tempfile.mkdtemp(prefix="sc-bench-rec-")
        rec = subprocess.Popen([bin_, "record", "--out", d, "--interval", str(interval), "--pg", pg, "--redis", redis],
                               stderr=subprocess.DEVNULL)
        console = pty_run([bin_, "--pg", pg, "--redis", redis, "--interval", str(interval)], 120, 40)
        console.pump(settle)
        t0, b0 = time.monotonic(), _size(d)
        r0, _ = _proc(rec.pid)
        c0, _ = console.usage()
        console.pump(seconds)
        t1, b1 = time.monotonic(), _size(d)
        r1, rss = _proc(rec.pid)
        c1, _ = console.usage()
        console.stop()
        rec.send_signal(signal.SIGINT)
        rec.wait(timeout=10)
        span = t1 - t0
        rows.append([f"{interval} s", f"{(b1 - b0) / span * 3600 / 1e6:.2f}", f"{(b1 - b0) / span * 86400 / 1e6:.1f}",
                     f"{(r1 - r0) / span * 100:.2f}", f"{(c1 - c0) / span * 100:.2f}", f"{rss:.1f}"])
        if interval == 1:
            keep = d
        else:
            shutil.rmtree(d, ignore_errors=True)
    table(["interval", "MB / hour", "MB / day", "recorder CPU % of a core", "console CPU % (same interval)",
           "recorder peak RSS MiB"], rows)
    say(f"Steady state over {seconds:.0f} s after {settle:.0f} s; sizes are the compressed segments on disk.")
    say()
    hours = 2 if quick else 24
    day = tempfile.mkdtemp(prefix="sc-bench-day-")
    try:
        t = time.monotonic()
        subprocess.run([bin_, "record", "--out", day, "--synthesize-from", keep, "--hours", str(hours)], check=True)
        made = time.monotonic() - t
        out = subprocess.run([bin_, "replay", day, "--bench-seeks", "10" if quick else "40"], check=True,
                             capture_output=True, text=True).stdout
        s = json.loads(out)
        table(["recording", "size MB", "segments", "open ms", "seek median ms", "seek p95 ms", "seek max ms"],
              [[f"{s['hours']:.0f} h at 1 s (synthesized in {made:.0f} s)", f"{_size(day) / 1e6:.1f}",
                str(len(glob.glob(os.path.join(day, '*.ndjson.gz')))), f"{s['open_ms']:.0f}",
                f"{s['seek_median_ms']:.0f}", f"{s['seek_p95_ms']:.0f}", f"{s['seek_max_ms']:.0f}"]])
        say("A seek rebuilds the model from the recording's warm-up window before the moment (the longest alert "
            "`for` plus slack) and draws the frame: what the replay screen does on `t`, `{` or `[`.")
        say()
    finally:
        shutil.rmtree(day, ignore_errors=True)
        shutil.rmtree(keep, ignore_errors=True)
