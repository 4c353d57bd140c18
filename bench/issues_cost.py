#!/usr/bin/env python3
"""Server cost of the Issues screen's stream query at scale, from pg_stat_statements: for each dataset size it
builds a Sentry-shaped database with fixtures/large.sql (set-wise, generate_series), runs the real binary's
`issues --repeat N` for several searches, and prints calls and mean/max server execution time per refresh.
Also prints whether EXPLAIN shows a sequential scan on sentry_groupedmessage. Prints figures; asserts nothing.

    eval "$(scripts/servers env)"
    bench/issues_cost.py --binary .build/release/sentry-console --sizes 100000,1000000 [--nodestore 10000000]
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from load import dataset, psql  # noqa: E402

SEARCHES = [
    ("is:unresolved", "lastSeen"), ("is:unresolved", "timesSeen"), ("level:fatal is:unresolved", "lastSeen"),
    ("project:project-7", "lastSeen"), ("is:for_review", "lastSeen"), ("assigned:#team3", "lastSeen"), ("assigned:#team6", "lastSeen"),
    ("failure 99", "lastSeen"),
]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--binary", default=".build/release/sentry-console")
    p.add_argument("--pg", default=os.environ.get("SENTRY_CONSOLE_TEST_PG", ""), help="conninfo of the server (dbname is replaced)")
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--nodestore", type=int, default=0, help="nodestore_node rows per dataset (the issue asks for 10 M)")
    p.add_argument("--refreshes", type=int, default=20)
    p.add_argument("--quick", action="store_true", help="one small size, 3 refreshes (keeps the script working in CI)")
    a = p.parse_args()
    fixtures = os.environ.get("SENTRY_CONSOLE_FIXTURES", os.path.join(os.path.dirname(__file__), "..", "fixtures"))
    sizes = [20000] if a.quick else [int(s) for s in a.sizes.split(",")]
    refreshes = 3 if a.quick else a.refreshes
    print(f"{'issues':>9} {'nodestore':>10}  {'search':<28} {'sort':<10} {'calls':>5} {'mean ms':>8} {'max ms':>8}  seq scan")
    for n in sizes:
        conn, built = dataset(a.pg, n, a.nodestore, fixtures)
        if built:
            print(f"# built {n:,} issues / {a.nodestore:,} nodestore rows in {built:.1f} s")
        psql(conn, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        for search, sort in SEARCHES:
            psql(conn, "SELECT pg_stat_statements_reset()")
            subprocess.run([a.binary, "issues", "--pg", conn, "--query", search, "--sort", sort, "--limit", "200",
                            "--repeat", str(refreshes)], check=True, capture_output=True)
            row = psql(conn, "SELECT calls, round(mean_exec_time::numeric, 2), round(max_exec_time::numeric, 2), query "
                             "FROM pg_stat_statements WHERE query LIKE 'WITH cand AS%' ORDER BY total_exec_time DESC LIMIT 1")
            calls, mean, mx, query = row.split("|", 3)
            seq = psql(conn, "SELECT coalesce(sum(seq_scan), 0) FROM pg_stat_user_tables WHERE relname = 'sentry_groupedmessage'")
            print(f"{n:>9,} {a.nodestore:>10,}  {search:<28} {sort:<10} {calls:>5} {mean:>8} {mx:>8}  cumulative seq_scan={seq}")
            del query


if __name__ == "__main__":
    main()
