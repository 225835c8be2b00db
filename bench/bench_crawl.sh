#!/usr/bin/env bash
# Crawl benchmark: one simulated year of garrison courts at --scale 1 (about
# 5,000 art. 337/338 cases), crawled with the politeness intervals below.
# Prints requests per collected case, wall time against the lower bound the
# intervals allow, and awol's peak memory.
# usage: bench/bench_crawl.sh [BUILD] [PER_COURT_INTERVAL] [GLOBAL_INTERVAL] [SCALE]
set -euo pipefail
build=${1:-build}
pci=${2:-0.05}
gi=${3:-0.002}
scale=${4:-1}
tmp=$(mktemp -d)
trap 'kill $simpid 2>/dev/null; rm -rf "$tmp"' EXIT
"$build/awol-sim" --listen 127.0.0.1:0 --port-file "$tmp/port" --seed 1 --scale "$scale" \
	--from 2023-01-01 --to 2023-12-31 --faults none --log "$tmp/log" 2>/dev/null &
simpid=$!
for _ in $(seq 1 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
port=$(cat "$tmp/port")
/usr/bin/time -v "$build/awol" crawl --db "$tmp/b.db" --from 2023-01-01 --to 2023-12-31 \
	--articles 337,338 --connect-to "127.0.0.1:$port" --per-court-interval "$pci" \
	--global-interval "$gi" --quiet >/dev/null 2>"$tmp/time"
/usr/bin/python3 - "$tmp/log" "$tmp/time" "$tmp/b.db" "$pci" "$gi" <<'PY'
import json, re, sqlite3, sys
log, timef, db, pci, gi = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
reqs = [json.loads(l) for l in open(log)]
by = {}
for r in reqs:
    by[r["host"]] = by.get(r["host"], 0) + 1
t = open(timef).read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
secs = (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
cases = sqlite3.connect(db).execute("SELECT count(*) FROM cases").fetchone()[0]
# each court's requests are sequential and spaced by the per-court interval; all of them
# together by the global one: the crawl cannot be faster than the larger of the two
bound = max(len(reqs) * gi, max((n - 1) * pci for n in by.values()))
print("crawl  : %d cases, %d requests (%.2f per case) from %d courts" % (cases, len(reqs), len(reqs) / cases, len(by)))
print("time   : %.2f s wall, lower bound %.2f s (busiest court %d requests x %.3f s; all %d x %.3f s): %.1f%% above" % (
    secs, bound, max(by.values()), pci, len(reqs), gi, 100 * (secs / bound - 1)))
print("memory : peak RSS %.1f MB" % (rss / 1024))
PY
