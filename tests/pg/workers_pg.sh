#!/usr/bin/env bash
# Many collectors, one crawl (`awol crawl --worker`): three workers share a crawl of
# awol-sim through PostgreSQL.
#  1. every fault on: the database equals the simulator's truth and the exports equal
#     those of a one-process crawl into SQLite of the same simulator;
#  2. politeness: no two requests to one court closer than the per-court interval,
#     whichever worker sent them (the simulator's log), and each worker did its share;
#  3. SIGKILL: a worker killed mid-crawl, and its replacement killed too; the others
#     finish, nothing lost or stored twice, the dead workers shown as gone;
#  4. the same on one SQLite file; a site blocking one worker: its courts are left to
#     the other, and collected; captchas parked, answered once, used by the next workers;
#     the refusals (a crawl of its own while workers
#     run, a second worker of one name, another plan, bad names and leases).
set -u
awol=${1:?usage: workers_pg.sh AWOL AWOL-SIM}
sim=${2:?usage: workers_pg.sh AWOL AWOL-SIM}
. "$(dirname "$0")/pg_sim_lib.sh"

crawl() { # DB [extra...]
	local db=$1
	shift
	"$awol" crawl --db "$db" --key "$key" --from 2023-01-01 --to 2023-12-31 \
		--articles 337,338 --connect-to "127.0.0.1:$port" --timeout 2 --quiet "$@"
}
# worker NAME DB [extra...]: in the background, its exit status in $tmp/NAME.rc
worker() {
	local name=$1 db=$2
	shift 2
	(crawl "$db" --worker "$name" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc") &
	workers="$workers $!"
}
workers=
# wait for the workers started (not the simulator)
wait_workers() {
	local p
	for p in $workers; do wait "$p"; done
	workers=
}
# the rows of an export, without ids and the times of the crawl, sorted
rows() { # DB WHAT
	"$awol" export --db "$1" --what "$2" --format csv 2>/dev/null | "$py" -c '
import sys, pandas as pd
d = pd.read_csv(sys.stdin, dtype=str, keep_default_na=False)
drop = [c for c in d.columns if c.endswith("_id") or c in ("first_seen", "updated_at", "error")]
d = d.drop(columns=drop)
print(d.sort_values(list(d.columns)).to_csv(index=False))'
}
same_exports() { # DB1 DB2
	local w
	for w in cases persons charges events coverage; do
		rows "$1" "$w" >"$tmp/e1"
		rows "$2" "$w" >"$tmp/e2"
		if cmp -s "$tmp/e1" "$tmp/e2" && [ "$(wc -l <"$tmp/e1")" -gt 1 ]; then
			ok
		else
			bad "export $w differs between $1 and $2"
			diff "$tmp/e1" "$tmp/e2" | head -6
		fi
	done
}
# no two requests to one court closer than the interval, whoever sent them
polite() { # LOG INTERVAL
	"$py" - "$1" "$2" <<'PY'
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
gap = float(sys.argv[2])
assert len(reqs) > 100, len(reqs)
by = {}
for r in reqs:
    by.setdefault(r["host"], []).append(r["time"])
worst = min(min((b - a for a, b in zip(sorted(t), sorted(t)[1:])), default=9) for t in by.values())
assert worst >= gap - 0.005, ("two requests to one court %.4f s apart" % worst)
print("politeness: %d requests to %d courts, min gap per court %.3f s" % (len(reqs), len(by), worst))
PY
}

# 1. every fault on, with a solver for the captchas: three workers, and one process
start_sim all all --throttle-interval 0.015
make_solver
opts="--acts --captcha-cmd $tmp/solver.sh --captcha-timeout 1 --per-court-interval 0.02 --global-interval 0"
crawl "$tmp/one.db" $opts >/dev/null 2>"$tmp/one.err"
check test $? -le 1
pg=$(pg_newdb faults)
for w in w1 w2 w3; do worker "$w" "$pg" $opts --lease 3; done
wait_workers
for w in w1 w2 w3; do
	check test "$(cat "$tmp/$w.rc")" -le 1
	check grep -q "worker $w: " "$tmp/$w.err"
done
"$awol" db copy --from "$pg" --to "$tmp/faults.db" >/dev/null 2>&1
check test $? -eq 0
ACTS=1 check same_as_truth "$tmp/faults.db" "$tmp/all.truth"
check servers_found "$tmp/faults.db" "$tmp/all.truth"
same_exports "$pg" "$tmp/one.db"
# the same courts given up, for the same reason
check test "$(sqlite3 "$tmp/faults.db" "SELECT group_concat(court_code) FROM (SELECT court_code FROM court_status WHERE status != 'complete' ORDER BY 1)")" = \
	"$(sqlite3 "$tmp/one.db" "SELECT group_concat(court_code) FROM (SELECT court_code FROM court_status WHERE status != 'complete' ORDER BY 1)")"
"$awol" workers --db "$pg" --format json >"$tmp/workers.json"
check "$py" - "$tmp/workers.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["count"] == 3 and [r["worker"] for r in d["rows"]] == ["w1", "w2", "w3"], d
assert all(r["state"] == "finished" and r["courts"] is None for r in d["rows"]), d["rows"]
assert all(r["requests"] > 0 for r in d["rows"]), d["rows"]
assert d["courts"].get("held", 0) == 0 and d["courts"].get("todo", 0) == 0, d["courts"]
assert d["simulated"] is True
PY
stop_sim

# 2. politeness across workers, and the work shared
start_sim polite none
pg=$(pg_newdb polite)
for w in p1 p2 p3; do
	worker "$w" "$pg" --per-court-interval 0.06 --global-interval 0.004 --lease 2
done
wait_workers
for w in p1 p2 p3; do check test "$(cat "$tmp/$w.rc")" -eq 0; done
check polite "$tmp/polite.log" 0.06
"$awol" workers --db "$pg" --format csv >"$tmp/workers.csv"
check "$py" - "$tmp/workers.csv" <<'PY'
import sys, pandas as pd
d = pd.read_csv(sys.argv[1])
assert list(d["worker"]) == ["p1", "p2", "p3"], d
assert (d["requests"] > 20).all(), d[["worker", "requests"]]
PY
stop_sim

# 3. SIGKILL mid-crawl, twice: k1 killed, its replacement k4 killed; k2 and k3 finish
start_sim kill none
pg=$(pg_newdb kill)
kopts="--per-court-interval 0.05 --global-interval 0.004 --lease 1.1"
for w in k1 k2 k3; do worker "$w" "$pg" $kopts; done
sleep 0.8
pkill -9 -f -- "--worker k1 "
worker k4 "$pg" $kopts
sleep 0.8
pkill -9 -f -- "--worker k4 "
wait_workers
for w in k2 k3; do check test "$(cat "$tmp/$w.rc")" -eq 0; done
"$awol" db copy --from "$pg" --to "$tmp/kill.db" >/dev/null 2>&1
check same_as_truth "$tmp/kill.db" "$tmp/kill.truth"
check test "$(sqlite3 "$tmp/kill.db" "SELECT count(*) FROM coverage WHERE status != 'complete'")" -eq 0
# nothing stored twice: one case per court and number, one card page per URL
check test "$(sqlite3 "$tmp/kill.db" "SELECT count(*) - count(DISTINCT court_code || '/' || number) FROM cases")" -eq 0
check polite "$tmp/kill.log" 0.05
"$awol" workers --db "$pg" --format json >"$tmp/kw.json"
check "$py" - "$tmp/kw.json" <<'PY'
import json, sys
d = {r["worker"]: r for r in json.load(open(sys.argv[1]))["rows"]}
assert d["k1"]["state"] == "gone" and d["k4"]["state"] == "gone", d
assert d["k2"]["state"] == "finished" and d["k3"]["state"] == "finished", d
PY
"$awol" workers --db "$pg" >"$tmp/kw.txt"
check grep -q "gone" "$tmp/kw.txt"
check grep -q "courts of the shared crawl: 100 done" "$tmp/kw.txt"

# 4. on one SQLite file, a site blocking one worker, the refusals
rm -f "$tmp/lite.db"
for w in s1 s2; do worker "$w" "$tmp/lite.db" --per-court-interval 0.02 --global-interval 0 --lease 2; done
wait_workers
for w in s1 s2; do check test "$(cat "$tmp/$w.rc")" -eq 0; done
check same_as_truth "$tmp/lite.db" "$tmp/kill.truth"
same_exports "$tmp/lite.db" "$tmp/kill.db"
stop_sim
# a site that blocks one worker (its User-Agent, as a firewall would its address): the
# courts it was given are left to the other, and collected
start_sim ua ua
pg=$(pg_newdb ua)
worker x1 "$pg" --user-agent curl/8.0 --per-court-interval 0.02 --global-interval 0 --lease 2
sleep 0.5
worker x2 "$pg" --per-court-interval 0.02 --global-interval 0 --lease 2
wait_workers
check test "$(cat "$tmp/x1.rc")" -le 1
check test "$(cat "$tmp/x2.rc")" -eq 0
"$awol" db copy --from "$pg" --to "$tmp/ua.db" >/dev/null 2>&1
check same_as_truth "$tmp/ua.db" "$tmp/ua.truth"
check test "$(sqlite3 "$tmp/ua.db" "SELECT count(*) FROM court_status WHERE status != 'complete'")" -eq 0
check test "$(PG_DB=ua pg_psql -tA -c "SELECT count(*) FROM crawl_blocks WHERE worker = 'x1'")" -gt 0
check test "$(PG_DB=ua pg_psql -tA -c "SELECT count(*) FROM crawl_blocks WHERE worker = 'x2'")" -eq 0
"$awol" workers --db "$pg" --format json | "$py" -c '
import json, sys
d = {r["worker"]: r for r in json.load(sys.stdin)["rows"]}
assert "blocked" in d["x1"]["last_error"], d["x1"]
assert d["x2"]["last_error"] is None, d["x2"]' && ok || bad "the blocked worker's last error"
stop_sim

# listings only (--no-cards): every court as complete as it can be, both workers exit 0
start_sim nocards none
pg=$(pg_newdb nocards)
for w in n1 n2; do worker "$w" "$pg" --no-cards --per-court-interval 0.02 --global-interval 0 --lease 2; done
wait_workers
for w in n1 n2; do check test "$(cat "$tmp/$w.rc")" -eq 0; done
check test "$(PG_DB=nocards pg_psql -tA -c "SELECT count(*) FROM coverage WHERE status = 'listings_only'")" -gt 0
stop_sim

# captchas without a solver: the courts wait; answered once (awol captcha answer), the
# next workers use the answers and complete them
start_sim cap captcha
pg=$(pg_newdb cap)
for w in c1 c2; do worker "$w" "$pg" --per-court-interval 0.02 --global-interval 0 --lease 2; done
wait_workers
for w in c1 c2; do check test "$(cat "$tmp/$w.rc")" -eq 1; done
"$awol" workers --db "$pg" --format json | "$py" -c '
import json, sys
assert json.load(sys.stdin)["courts"].get("captcha", 0) > 0' && ok || bad "courts waiting for a captcha"
answered=0
for row in $(PG_DB=cap pg_psql -tA -F= -c "SELECT s.court_code, c.host FROM court_status s JOIN courts c ON c.code = s.court_code WHERE s.status = 'captcha'"); do
	code=${row%%=*}
	host=$(echo "${row#*=}" | sed 's/\./--/')
	digits=$(curl -s "http://127.0.0.1:$port/__sim/captcha?host=$host")
	"$awol" captcha --db "$pg" answer "$code" "$digits" >/dev/null && answered=$((answered + 1))
done
check test "$answered" -gt 0
for w in c3 c4; do worker "$w" "$pg" --per-court-interval 0.02 --global-interval 0 --lease 2; done
wait_workers
for w in c3 c4; do check test "$(cat "$tmp/$w.rc")" -eq 0; done
"$awol" db copy --from "$pg" --to "$tmp/cap.db" >/dev/null 2>&1
check same_as_truth "$tmp/cap.db" "$tmp/cap.truth"
check test "$(sqlite3 "$tmp/cap.db" "SELECT count(*) FROM court_status WHERE status != 'complete'")" -eq 0
stop_sim

# a crawl of its own is refused while workers hold the database, and the other way round
start_sim busy none --throttle-interval 0
pg=$(pg_newdb busy)
worker b1 "$pg" --per-court-interval 0.3 --global-interval 0.05 --lease 2
sleep 0.7
crawl "$pg" >/dev/null 2>"$tmp/own.err"
check test $? -eq 1
check grep -q "another crawl is using this database" "$tmp/own.err"
crawl "$pg" --worker b1 --per-court-interval 0.3 >/dev/null 2>"$tmp/same.err"
check test $? -eq 1
check grep -q "worker 'b1' is already running" "$tmp/same.err"
crawl "$pg" --worker b2 --articles 337 --per-court-interval 0.3 >/dev/null 2>"$tmp/plan.err"
check test $? -eq 1
check grep -q "is running another crawl" "$tmp/plan.err"
pkill -INT -f -- "--worker b1 "
wait_workers
check test "$(cat "$tmp/b1.rc")" -eq 1
"$awol" workers --db "$pg" --format json | "$py" -c '
import json, sys
d = json.load(sys.stdin)
assert d["rows"][0]["state"] == "stopped" and d["courts"].get("todo", 0) > 0, d' && ok || bad "stopped worker"
stop_sim
crawl "$tmp/x.db" --worker 'a b' >/dev/null 2>"$tmp/err"; check test $? -eq 2
check grep -q "not a worker name" "$tmp/err"
crawl "$tmp/x.db" --worker w --lease 0.5 >/dev/null 2>"$tmp/err"; check test $? -eq 2
check grep -q "must be at least --per-court-interval" "$tmp/err"
crawl "$tmp/x.db" --worker w --captcha-cmd /bin/true --lease 30 >/dev/null 2>"$tmp/err"
check test $? -eq 2
check grep -q "longer than --captcha-timeout" "$tmp/err"
crawl "$tmp/x.db" --lease 5 >/dev/null 2>"$tmp/err"; check test $? -eq 2
check grep -q "needs --worker" "$tmp/err"
"$awol" workers >/dev/null 2>&1; check test $? -eq 2
# a database of before the shared crawl (schema 6), read without migrating: no workers
"$awol" figures list --db "$tmp/v6.db" >/dev/null 2>&1
sqlite3 "$tmp/v6.db" "DROP TABLE crawl_courts; DROP TABLE crawl_workers; DROP TABLE crawl_blocks; PRAGMA user_version = 6"
"$awol" workers --db "$tmp/v6.db" >"$tmp/v6.out" 2>&1
check test $? -eq 0
check grep -q "no worker has joined" "$tmp/v6.out"

echo "workers_pg: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
