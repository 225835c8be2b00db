#!/usr/bin/env bash
# Many collectors, one crawl: wall time of a crawl of awol-sim shared by 1, 2 and 4
# workers (`awol crawl --worker`) through a private PostgreSQL server, beside the
# politeness bound of the same requests, and beside a crawl of its own (one process,
# SQLite) in the same run.
#
# Each worker keeps its own global interval G (as if each had its own address), and every
# court its per-court interval P across all workers, so no crawl of R requests can end
# sooner than the bound max(R x G / N, (r - 1) x P), r being the requests of the busiest
# court (counted from the simulator's log of each run).  The ratio wall / bound is the
# figure: 1.10 is "within 10% of the bound".
# BENCH_SIZES="4" runs only those worker counts (no crawl of its own); BENCH_KEEP=DIR keeps
# the simulator's logs there.
# usage: bench/bench_workers.sh [BUILD] [SCALE] [P] [G]   (default build 0.04 0.3 0.15: 1/10
# of the defaults 3 s and 1.5 s, in their proportion)
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
scale=${2:-0.04}
per_court=${3:-0.3}
global=${4:-0.15}
here=$(cd "$(dirname "$0")" && pwd)
set +u
. "$here/../tests/pg/pg_lib.sh"
set -u
pg_start
tmp=$(mktemp -d)
simpid=
trap '[ -n "$simpid" ] && kill "$simpid" 2>/dev/null; pg_stop; rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config
awol=$build/awol

start_sim() { # NAME
	rm -f "$tmp/port"
	"$build/awol-sim" --listen 127.0.0.1:0 --port-file "$tmp/port" --seed 7 --scale "$scale" \
		--from 2023-01-01 --to 2023-12-31 --log "$tmp/$1.log" --faults none 2>/dev/null &
	simpid=$!
	for _ in $(seq 1 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
	port=$(cat "$tmp/port")
}
stop_sim() { kill "$simpid"; wait "$simpid" 2>/dev/null || true; simpid=; }
crawl() { # DB [extra...]
	local db=$1
	shift
	"$awol" crawl --db "$db" --key "$tmp/key" --from 2023-01-01 --to 2023-12-31 \
		--articles 337,338 --connect-to "127.0.0.1:$port" --per-court-interval "$per_court" \
		--global-interval "$global" --quiet "$@" >/dev/null 2>>"$tmp/err"
}
# requests, busiest court's requests, bound for N workers, from the simulator's log
bound() { # LOG N
	python3 - "$1" "$2" "$per_court" "$global" <<'PY'
import json, sys
n, p, g = int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
by = {}
for l in open(sys.argv[1]):
    h = json.loads(l)["host"]
    by[h] = by.get(h, 0) + 1
r = sum(by.values())
print(r, max(by.values()), max(r * g / n, (max(by.values()) - 1) * p))
PY
}
row() { # LABEL LOG N WALL
	local r rmax b
	read -r r rmax b < <(bound "$2" "$3")
	printf "%-26s %6d %6d %9.2f s %9.2f s %7.2f\n" "$1" "$r" "$rmax" "$b" "$4" "$(echo "$4 / $b" | bc -l)"
}

echo "== awol-sim scale $scale, per-court interval $per_court s, global interval $global s a worker"
printf "%-26s %6s %6s %11s %11s %7s\n" "crawl" "reqs" "court" "bound" "wall" "ratio"
if [ -z "${BENCH_SIZES:-}" ]; then
	start_sim own
	a=$(date +%s.%N)
	crawl "$tmp/own.db"
	b=$(date +%s.%N)
	stop_sim
	row "one process, SQLite" "$tmp/own.log" 1 "$(echo "$b - $a" | bc)"
fi
for n in ${BENCH_SIZES:-1 2 4}; do
	db=$(pg_newdb "w$n")
	"$awol" figures list --db "$db" >/dev/null # the team's database exists: schema made
	start_sim "w$n"
	a=$(date +%s.%N)
	pids=
	for k in $(seq 1 "$n"); do
		crawl "$db" --worker "w$k" &
		pids="$pids $!"
	done
	for p in $pids; do wait "$p"; done
	b=$(date +%s.%N)
	stop_sim
	row "$n worker(s), PostgreSQL" "$tmp/w$n.log" "$n" "$(echo "$b - $a" | bc)"
	[ -n "${BENCH_KEEP:-}" ] && cp "$tmp/w$n.log" "$tmp/err" "$BENCH_KEEP/"
done
