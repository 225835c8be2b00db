#!/usr/bin/env bash
# The crawler against the simulator, on loopback: every fault on, truth
# equality, politeness from the simulator's log, captcha park/answer/solver,
# and kill -9 at random points followed by a resume.
set -u
awol=${1:?usage: crawl_sim.sh AWOL AWOL-SIM}
sim=${2:?usage: crawl_sim.sh AWOL AWOL-SIM}
. "$(dirname "$0")/sim_lib.sh"

crawl() { # DB [extra...]
	local db=$1
	shift
	"$awol" crawl --db "$db" --from 2023-01-01 --to 2023-12-31 --articles 337,338 \
		--connect-to "127.0.0.1:$port" --per-court-interval 0.002 --global-interval 0 \
		--timeout 2 --quiet "$@" >/dev/null 2>>"$tmp/crawl.err"
}

# 1. every fault on, a solver for the captchas
start_sim all all --throttle-interval 0.015
make_solver
crawl "$tmp/all.db" --captcha-cmd "$tmp/solver.sh" --acts
rc=$?
check test "$rc" -le 1 # 1 only if a court is dead, which must then be reported
ACTS=1 check same_as_truth "$tmp/all.db" "$tmp/all.truth"
# multi-server courts: the chooser was asked, and every server holding a case was found
check grep -q '"fault":"chooser"' "$tmp/all.log"
# card links without srv_num ("nosrv") are asked with the listing's server, never reaching
# the chooser (which used to make the crawler ask the same link forever)
check test "$(grep 'name_op=case' "$tmp/all.log" | grep -c '"fault":"chooser"')" = 0
check servers_found "$tmp/all.db" "$tmp/all.truth"
check test "$(sqlite3 "$tmp/all.db" "SELECT value FROM meta WHERE key='simulated'")" = 1
check grep -q '"fault":"throttle"' "$tmp/all.log"
check grep -q '"fault":"captcha"' "$tmp/all.log"
check grep -q '"fault":"5xx"' "$tmp/all.log"
check grep -q '"fault":"reset"' "$tmp/all.log"
check grep -q '"fault":"truncate"' "$tmp/all.log"
check grep -q '"fault":"timeout"' "$tmp/all.log"
dead=$(sqlite3 "$tmp/all.db" "SELECT count(*) FROM court_status WHERE status='dead'")
covdead=$(sqlite3 "$tmp/all.db" "SELECT count(DISTINCT court_code) FROM coverage WHERE status='dead'")
check test "$dead" = "$covdead"
stop_sim

# 2. politeness: per-court and global intervals, read from the simulator's log
start_sim polite none
"$awol" crawl --db "$tmp/polite.db" --from 2023-01-01 --to 2023-12-31 --articles 337 \
	--courts garrison --connect-to "127.0.0.1:$port" \
	--per-court-interval 0.06 --global-interval 0.004 --quiet >/dev/null 2>&1
check test $? -eq 0
"$py" - "$tmp/polite.log" <<'PY' && ok || bad "politeness"
import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1])]
assert len(reqs) > 100, len(reqs)
by = {}
for r in reqs:
    by.setdefault(r["host"], []).append(r["time"])
slack = 0.005  # arrival times carry scheduling jitter on a loaded machine
for h, ts in by.items():
    ts.sort()
    gaps = [b - a for a, b in zip(ts, ts[1:])]
    assert not gaps or min(gaps) >= 0.06 - slack, (h, min(gaps))
ts = sorted(r["time"] for r in reqs)
g = [b - a for a, b in zip(ts, ts[1:])]
assert min(g) >= 0.004 - slack, min(g)
print("politeness: %d requests, min gap per court %.3f s, overall %.3f s" % (
    len(reqs), min(min((b - a for a, b in zip(sorted(t), sorted(t)[1:])), default=9) for t in by.values()), min(g)))
PY
stop_sim

# 3. captcha: parked without a solver, answered by hand, resumed
start_sim cap captcha
crawl "$tmp/cap.db"
check test $? -eq 1
"$awol" captcha --db "$tmp/cap.db" >"$tmp/cap.list"
check grep -q "captcha/" "$tmp/cap.list"
for row in $(sqlite3 "$tmp/cap.db" "SELECT s.court_code || '=' || c.host FROM court_status s JOIN courts c ON c.code = s.court_code WHERE s.status = 'captcha'"); do
	code=${row%%=*}
	host=$(echo "${row#*=}" | sed 's/\./--/')
	digits=$(curl -s "http://127.0.0.1:$port/__sim/captcha?host=$host")
	"$awol" captcha --db "$tmp/cap.db" answer "$code" "$digits" >/dev/null || bad "answer $code"
done
crawl "$tmp/cap.db"
check test $? -eq 0
check same_as_truth "$tmp/cap.db" "$tmp/cap.truth"
"$awol" captcha --db "$tmp/cap.db" answer 77GV0005 12a45 >/dev/null 2>&1; check test $? -eq 2
stop_sim

# 4. kill -9 at random points, resume, compare with the truth
start_sim kill 5xx,empty,servers
for i in 1 2 3 4; do
	"$awol" crawl --db "$tmp/kill.db" --from 2023-01-01 --to 2023-12-31 --articles 337,338 \
		--connect-to "127.0.0.1:$port" --per-court-interval 0.01 --global-interval 0.002 \
		--acts --quiet >/dev/null 2>&1 &
	cpid=$!
	sleep "0.$((RANDOM % 6 + 2))"
	kill -9 "$cpid" 2>/dev/null
	wait "$cpid" 2>/dev/null
	if [ "$i" = 1 ]; then
		# every planned window has its row from the start: a killed crawl never looks complete
		check test "$(sqlite3 "$tmp/kill.db" "SELECT count(DISTINCT court_code) FROM coverage")" = \
			"$(sqlite3 "$tmp/kill.db" "SELECT count(*) FROM courts WHERE level = 'garrison' AND coalesce(host, '') != ''")"
		check test "$(sqlite3 "$tmp/kill.db" "SELECT count(*) FROM coverage WHERE status = 'pending'")" -gt 0
	fi
done
# SIGTERM (a service manager's stop) ends the crawl cleanly after the requests in flight (a
# fresh crawl: at least 1.6 s of global intervals, so it is surely under way)
"$awol" crawl --db "$tmp/term.db" --from 2023-01-01 --to 2023-12-31 --articles 337,338 \
	--connect-to "127.0.0.1:$port" --per-court-interval 0.01 --global-interval 0.002 \
	--acts --quiet >/dev/null 2>&1 &
cpid=$!
sleep 0.3
kill -TERM "$cpid" 2>/dev/null
wait "$cpid"
check test $? -eq 1
check test "$(sqlite3 "$tmp/term.db" "SELECT count(*) FROM coverage WHERE status != 'complete'")" -gt 0
crawl "$tmp/kill.db" --acts
check test $? -eq 0
ACTS=1 check same_as_truth "$tmp/kill.db" "$tmp/kill.truth"
check servers_found "$tmp/kill.db" "$tmp/kill.truth"
check test "$(sqlite3 "$tmp/kill.db" "SELECT count(*) FROM (SELECT court_code, uid FROM cases GROUP BY 1, 2 HAVING count(*) > 1)")" = 0
stop_sim

# 5. the archive rebuilds the database offline; --update fetches nothing unchanged
#    (the act texts are fetched by their links in a second run: primary act pages, and VNKOD
#    cards answering the &_doc=K link with the Document tab open)
start_sim arc 5xx,servers
crawl "$tmp/arc.db" --archive "$tmp/arc"
check test $? -eq 0
check test "$(sqlite3 "$tmp/arc.db" "SELECT count(*) FROM acts WHERE text IS NOT NULL")" = 0
crawl "$tmp/arc.db" --archive "$tmp/arc" --acts
check test $? -eq 0
check grep -q 'name_op=doc' "$tmp/arc.log"
check test "$(grep '"fault":"doc"' "$tmp/arc.log" | grep -c '_id=')" -gt 0 # VNKOD act links
"$awol" reparse --db "$tmp/rep.db" --archive "$tmp/arc" --acts 2>/dev/null
check test $? -eq 0
dump() { sqlite3 "$1" "SELECT c.court_code, c.uid, c.number, c.received, c.decided, c.result, p.seq, p.pseudonym, h.article, h.part, h.point FROM cases c JOIN persons p ON p.case_id = c.id JOIN charges h ON h.person_id = p.id ORDER BY 1, 2, 7, 9, 10"; }
check test "$(dump "$tmp/rep.db" | wc -l)" = "$(dump "$tmp/arc.db" | wc -l)"
# the same key gives the same pseudonyms: rebuild with the crawl's key and compare everything
rm -f "$tmp/rep2.db"*
cp "$tmp/arc.db.key" "$tmp/rep2.db.key"
"$awol" reparse --db "$tmp/rep2.db" --archive "$tmp/arc" --acts 2>/dev/null
check test "$(dump "$tmp/arc.db" | md5sum)" = "$(dump "$tmp/rep2.db" | md5sum)"
check test "$(dump "$tmp/arc.db" | wc -l)" -gt 100
acts() { sqlite3 "$1" "SELECT k.court_code, k.uid, a.seq, a.title, a.url, a.text FROM acts a JOIN cases k ON k.id = a.case_id ORDER BY 1, 2, 3"; }
check test "$(acts "$tmp/arc.db" | md5sum)" = "$(acts "$tmp/rep2.db" | md5sum)"
check test "$(sqlite3 "$tmp/rep2.db" "SELECT count(*) FROM acts WHERE length(text) > 200")" -gt 20
ACTS=1 check same_as_truth "$tmp/rep2.db" "$tmp/arc.truth"
before=$(grep -c 'name_op=case' "$tmp/arc.log")
crawl "$tmp/arc.db" --update
check test $? -eq 0
check test "$(grep -c 'name_op=case' "$tmp/arc.log")" = "$before"
f=$(ls "$tmp"/arc/*.awarc | head -1)
head -c 5000 "$f" > "$tmp/arc/zz-damaged.awarc"
"$awol" reparse --db "$tmp/rep3.db" --archive "$tmp/arc" >/dev/null 2>"$tmp/rep3.err"
check test $? -eq 1
check grep -q "zz-damaged.awarc" "$tmp/rep3.err"
stop_sim

# 6. the vintage (VNKOD) module: courts on it are crawled with its own URL scheme, and a
#    court the registry misclassifies is switched after the silent refusal
start_sim vn none
"$awol" figures list --db "$tmp/vn.db" >/dev/null
sqlite3 "$tmp/vn.db" "UPDATE courts SET template = 'primary' WHERE code = '27GV0006'; UPDATE courts SET template = 'vnkod' WHERE code = '77GV0005'"
"$awol" crawl --db "$tmp/vn.db" --courts 27GV0006,63GV0007,77GV0005 --from 2023-01-01 --to 2023-12-31 \
	--articles 337,338 --connect-to "127.0.0.1:$port" --per-court-interval 0.002 --global-interval 0 \
	--quiet >/dev/null 2>&1
check test $? -eq 0
check test "$(sqlite3 "$tmp/vn.db" "SELECT count(*) FROM pages WHERE template = 'vnkod' AND kind = 'card'")" -gt 0
want=$("$py" -c "import json,sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l)['court_code'] in ('27GV0006','63GV0007','77GV0005') and any(a['article'] in ('337','338') for p in json.loads(l)['persons'] for a in p['articles'])))" "$tmp/vn.truth")
check test "$(sqlite3 "$tmp/vn.db" "SELECT count(*) FROM cases")" = "$want"
check test "$want" -gt 0
stop_sim

# 7. a page that cannot be stored is asked again, never skipped: a trigger makes the store
#    refuse one case until it is dropped; its court must not be complete, then the rerun is whole
start_sim store none
"$awol" figures list --db "$tmp/store.db" >/dev/null
read -r fcourt fnum < <("$py" -c "
import json, sys
for l in open(sys.argv[1]):
    c = json.loads(l)
    if any(a['article'] == '337' for p in c['persons'] for a in p['articles']):
        print(c['court_code'], c['number']); break" "$tmp/store.truth")
sqlite3 "$tmp/store.db" "CREATE TRIGGER refuse BEFORE INSERT ON cases WHEN NEW.court_code = '$fcourt' AND NEW.number = '$fnum' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
crawl "$tmp/store.db"
check test $? -eq 1
check test "$(sqlite3 "$tmp/store.db" "SELECT count(*) FROM coverage WHERE court_code = '$fcourt' AND status = 'complete' AND '$fnum' LIKE '%/2023'")" -lt "$(sqlite3 "$tmp/store.db" "SELECT count(*) FROM coverage WHERE court_code = '$fcourt'")"
check test "$(sqlite3 "$tmp/store.db" "SELECT count(*) FROM court_status WHERE court_code = '$fcourt' AND status = 'complete'")" = 0
sqlite3 "$tmp/store.db" "DROP TRIGGER refuse"
crawl "$tmp/store.db"
check test $? -eq 0
check same_as_truth "$tmp/store.db" "$tmp/store.truth"
stop_sim

# 8. a database from before servers and act links were known (schema v1): servers never
#    asked, coverage for server 1 only, the cases of the other servers missing, acts without
#    URL or text.  The next crawl asks every court for its servers, finds the missing cases,
#    derives the act URLs from the cards and fetches the texts.
start_sim kill 5xx,empty,servers
cp "$tmp/kill.db" "$tmp/old.db"
cp "$tmp/kill.db.key" "$tmp/old.db.key"
sqlite3 "$tmp/old.db" "PRAGMA foreign_keys = ON;
DELETE FROM cases WHERE page_id IN (SELECT id FROM pages WHERE source LIKE '%srv_num=2%' OR source LIKE '%srv_num=3%');
UPDATE acts SET url = NULL, text = NULL, page_id = NULL;
DELETE FROM pages WHERE source LIKE '%srv_num=2%' OR source LIKE '%srv_num=3%';
DELETE FROM coverage WHERE server > 1;
UPDATE courts SET servers = NULL;"
check test "$(sqlite3 "$tmp/old.db" "SELECT count(*) FROM cases")" -lt "$(sqlite3 "$tmp/kill.db" "SELECT count(*) FROM cases")"
before=$(grep -c '"fault":"chooser"' "$tmp/kill.log")
crawl "$tmp/old.db" --acts
check test $? -eq 0
check test "$(grep -c '"fault":"chooser"' "$tmp/kill.log")" -gt "$before"
ACTS=1 check same_as_truth "$tmp/old.db" "$tmp/kill.truth"
check servers_found "$tmp/old.db" "$tmp/kill.truth"
# a court that retired a server: --update asks the chooser, the retired server's windows leave
read -r mcourt mservers < <(sqlite3 -separator ' ' "$tmp/old.db" "SELECT code, servers FROM courts WHERE servers > 1 ORDER BY code LIMIT 1")
sqlite3 "$tmp/old.db" "UPDATE courts SET servers = $((mservers + 1)) WHERE code = '$mcourt'"
crawl "$tmp/old.db" --update --courts "$mcourt"
check test $? -eq 0
check test "$(sqlite3 "$tmp/old.db" "SELECT servers FROM courts WHERE code = '$mcourt'")" = "$mservers"
check test "$(sqlite3 "$tmp/old.db" "SELECT count(*) FROM coverage WHERE court_code = '$mcourt' AND server > $mservers")" = 0
check test "$(sqlite3 "$tmp/old.db" "SELECT status FROM court_status WHERE court_code = '$mcourt'")" = complete
stop_sim

# 9. acts published after the first crawl: --update fetches the cards whose listing row
#    now links an act ("noacts" serves the same cases with no act published yet)
start_sim late noacts
crawl "$tmp/late.db"
check test $? -eq 0
check test "$(sqlite3 "$tmp/late.db" "SELECT count(*) FROM acts")" = 0
stop_sim
start_sim late none
crawl "$tmp/late.db" --update --acts
check test $? -eq 0
ACTS=1 check same_as_truth "$tmp/late.db" "$tmp/late.truth"
stop_sim

# 10. one dead server of a multi-server court: that server alone is given up (its windows
#     recorded dead), the court is partial, and the cases of its other servers are all in
start_sim dsrv servers,deadserver
crawl "$tmp/dsrv.db"
check test $? -eq 1
dead_server() { # DB TRUTH
"$py" - "$1" "$2" <<'PY'

import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
multi = dict(db.execute("SELECT code, servers FROM courts WHERE servers > 1"))
assert multi, "no multi-server court"
for code, n in multi.items():
    st = db.execute("SELECT status FROM court_status WHERE court_code = ?", (code,)).fetchone()[0]
    assert st == "partial", (code, st)
    rows = db.execute("SELECT server, status FROM coverage WHERE court_code = ?", (code,)).fetchall()
    assert sum(1 for s, x in rows if s == n and x == "dead") == 2, (code, rows)  # 337 and 338
    assert all(x == "complete" for s, x in rows if s < n), (code, rows)
want = {}
for l in open(sys.argv[2], encoding="utf-8"):
    c = json.loads(l)
    if c["court_code"] in multi and c["server"] < multi[c["court_code"]] and any(
            a["article"] in ("337", "338") for p in c["persons"] for a in p["articles"]):
        want[c["court_code"]] = want.get(c["court_code"], 0) + 1
got = dict(db.execute("SELECT court_code, count(*) FROM cases WHERE court_code IN (%s) GROUP BY 1"
                      % ",".join("?" * len(multi)), list(multi)))
assert want and got == want, (want, got)
print("dead server: %d court(s) partial, their other servers complete (%d cases)" % (len(multi), sum(got.values())))
PY
}
check dead_server "$tmp/dsrv.db" "$tmp/dsrv.truth"
# the next run asks the dead server again, and the court is still partial, not dead
crawl "$tmp/dsrv.db"
check test $? -eq 1
check dead_server "$tmp/dsrv.db" "$tmp/dsrv.truth"
# act texts: three links that keep failing are given up, the court's other texts all come
acourt=$(sqlite3 "$tmp/dsrv.db" "SELECT k.court_code FROM acts a JOIN cases k ON k.id = a.case_id JOIN court_status s ON s.court_code = k.court_code WHERE s.status = 'complete' GROUP BY 1 HAVING count(*) >= 5 ORDER BY count(*) DESC LIMIT 1")
nacts=$(sqlite3 "$tmp/dsrv.db" "SELECT count(*) FROM acts a JOIN cases k ON k.id = a.case_id WHERE k.court_code = '$acourt'")
sqlite3 "$tmp/dsrv.db" "UPDATE acts SET url = substr(url, 1, instr(url, '?')) || 'a=' || id
WHERE id IN (SELECT a.id FROM acts a JOIN cases k ON k.id = a.case_id WHERE k.court_code = '$acourt' ORDER BY a.id LIMIT 3)"
crawl "$tmp/dsrv.db" --acts --courts "$acourt"
check test $? -eq 0
check test "$(sqlite3 "$tmp/dsrv.db" "SELECT count(a.text) FROM acts a JOIN cases k ON k.id = a.case_id WHERE k.court_code = '$acourt'")" = "$((nacts - 3))"
stop_sim
# a failed --update (every site down) loses no complete window
complete=$(sqlite3 "$tmp/dsrv.db" "SELECT count(*) FROM coverage WHERE status = 'complete'")
crawl "$tmp/dsrv.db" --update --courts "$acourt"
check test $? -eq 1
check test "$(sqlite3 "$tmp/dsrv.db" "SELECT count(*) FROM coverage WHERE status = 'complete'")" = "$complete"
check test "$(sqlite3 "$tmp/dsrv.db" "SELECT status FROM court_status WHERE court_code = '$acourt'")" = dead

# 11. completeness is the union of complete windows, not the sum of their days: three
#     overlapping rows leaving June uncovered must not pass for the whole year
start_sim union none
"$awol" figures list --db "$tmp/union.db" >/dev/null
ucourt=$("$py" -c "
import json, sys
n = {}
for l in open(sys.argv[1]):
    c = json.loads(l)
    if any(a['article'] == '337' for p in c['persons'] for a in p['articles']):
        n[c['court_code']] = n.get(c['court_code'], 0) + 1
print(max(n, key=n.get))" "$tmp/union.truth")
sqlite3 "$tmp/union.db" "UPDATE courts SET servers = 1;
INSERT INTO coverage (court_code, server, article, date_axis, date_from, date_to, status, collected, updated_at) VALUES
('$ucourt', 1, '337', 'received', '2023-01-01', '2023-03-31', 'complete', 0, 'x'),
('$ucourt', 1, '337', 'received', '2023-02-01', '2023-05-31', 'complete', 0, 'x'),
('$ucourt', 1, '337', 'received', '2023-07-01', '2023-12-31', 'complete', 0, 'x');"
"$awol" crawl --db "$tmp/union.db" --courts "$ucourt" --articles 337 --from 2023-01-01 --to 2023-12-31 \
	--connect-to "127.0.0.1:$port" --per-court-interval 0.002 --global-interval 0 --quiet >/dev/null 2>&1
check test $? -eq 0
check test "$(sqlite3 "$tmp/union.db" "SELECT count(*) FROM cases")" = "$("$py" -c "
import json, sys
print(sum(1 for l in open(sys.argv[1]) if json.loads(l)['court_code'] == sys.argv[2] and any(a['article'] == '337' for p in json.loads(l)['persons'] for a in p['articles'])))" "$tmp/union.truth" "$ucourt")"
# ... and once the year is covered, a run without --update asks the court nothing
check test "$("$awol" crawl --db "$tmp/union.db" --courts "$ucourt" --articles 337 --from 2023-01-01 \
	--to 2023-12-31 --connect-to "127.0.0.1:$port" --per-court-interval 0.002 --global-interval 0 \
	--quiet 2>&1 >/dev/null | grep -o '[0-9]* requests' | head -1)" = "0 requests"
stop_sim

# 12. bad flags
"$awol" crawl --db "$tmp/x.db" --from 2023-13-01 --to 2023-12-31 >/dev/null 2>&1; check test $? -eq 2 # a usage error (issue 8)
"$awol" crawl --db "$tmp/x.db" >/dev/null 2>&1; check test $? -eq 2
"$awol" crawl --db "$tmp/x.db" --from 2023-01-01 --to 2023-12-31 --per-court-interval x >/dev/null 2>&1; check test $? -eq 2

echo "crawl_sim: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
