#!/usr/bin/env bash
# Nothing lost, nothing leaked, nothing run (issue 12): the captcha solver runs
# without a shell, corrupt and read-only databases, names kept out of the
# database, the archive's modes, redirects, concurrency, a full store, coverage
# without cards, refused connections, and a hostile server.
set -u
awol=${1:?usage: security.sh AWOL AWOL-SIM}
sim=${2:?usage: security.sh AWOL AWOL-SIM}
. "$(dirname "$0")/sim_lib.sh"

crawl() { # DB [extra...]
	local db=$1
	shift
	"$awol" crawl --db "$db" --from 2023-01-01 --to 2023-12-31 --articles 337 \
		--connect-to "127.0.0.1:$port" --per-court-interval 0.002 --global-interval 0 \
		--timeout 2 --quiet "$@"
}

# 1. the captcha solver gets the PNG path as one argument, never through a shell: a
#    database path that is shell code runs nothing; a solver that hangs is killed
start_sim cap captcha
cat >"$tmp/solver.sh" <<SOLVER
#!/bin/sh
host=\$(basename "\$1" .png)
exec curl -s "http://127.0.0.1:$port/__sim/captcha?host=\$host"
SOLVER
chmod +x "$tmp/solver.sh"
mkdir "$tmp/inj"
(cd "$tmp/inj" && crawl "a'\$(touch PWNED)'.db" --courts 27GV0001 --captcha-cmd "$tmp/solver.sh" \
	>/dev/null 2>&1)
check test $? -eq 0
check test ! -e "$tmp/inj/PWNED"
check test ! -e PWNED
check test "$(sqlite3 "$tmp/inj/a'\$(touch PWNED)'.db" "SELECT status FROM court_status WHERE court_code = '27GV0001'")" = complete
printf '#!/bin/sh\nsleep 30\n' >"$tmp/hang.sh"
chmod +x "$tmp/hang.sh"
start=$(date +%s)
crawl "$tmp/hang.db" --courts 27GV0001 --captcha-cmd "$tmp/hang.sh" --captcha-timeout 1 \
	>/dev/null 2>&1
check test $? -eq 1
check test $(($(date +%s) - start)) -lt 20
check test "$(sqlite3 "$tmp/hang.db" "SELECT status FROM court_status WHERE court_code = '27GV0001'")" = captcha
stop_sim

# 2. nothing to read: an empty directory given to parse, an archive folder holding only
#    garbage: an error naming the input, exit 1 (and no qsort of NULL under UBSan)
mkdir "$tmp/empty" "$tmp/garbage"
head -c 3000 /dev/urandom >"$tmp/garbage/x.awarc"
echo junk >"$tmp/garbage/notes.txt"
"$awol" parse "$tmp/empty" >/dev/null 2>"$tmp/empty.err"
check test $? -eq 1
check grep -q "$tmp/empty: no .html" "$tmp/empty.err"
"$awol" parse --db "$tmp/empty.db" "$tmp/empty" >/dev/null 2>"$tmp/empty.err"
check test $? -eq 1
"$awol" reparse --db "$tmp/rep0.db" --archive "$tmp/empty" >/dev/null 2>"$tmp/rep0.err"
check test $? -eq 1
check grep -q "$tmp/empty: no archive file" "$tmp/rep0.err"
"$awol" reparse --db "$tmp/rep1.db" --archive "$tmp/garbage" >/dev/null 2>"$tmp/rep1.err"
check test $? -eq 1
check grep -q "$tmp/garbage/x.awarc: damaged" "$tmp/rep1.err"

# 3. a damaged database: every reading command fails naming the file, never prints a part
#    of the rows with exit 0.  The later half of the leaf pages of the tables the commands
#    join (charges, persons, coverage, court_status) get an impossible b-tree page type: the
#    file still opens and its first rows read.
start_sim dmg none
crawl "$tmp/good.db" --articles 337,338 >/dev/null 2>&1
check test $? -eq 0
stop_sim
"$py" - "$tmp/good.db" "$tmp/bad.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
pages = []
for t in ("charges", "persons", "coverage", "court_status"):
    leaves = [r[0] for r in db.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (t,))]
    pages += leaves[len(leaves) // 2:]
ps = db.execute("PRAGMA page_size").fetchone()[0]
db.close()
b = bytearray(open(sys.argv[1], "rb").read())
for p in pages:
    b[(p - 1) * ps] = 0x55
open(sys.argv[2], "wb").write(b)
PY
for cmd in cases coverage stats captcha; do
	"$awol" "$cmd" --db "$tmp/bad.db" >"$tmp/bad.out" 2>"$tmp/bad.err"
	check test $? -eq 1
	check grep -q "bad.db: .*malformed" "$tmp/bad.err"
done
"$awol" cases --db "$tmp/good.db" --format csv >"$tmp/good.csv"
check test "$(wc -l <"$tmp/good.csv")" -gt 100

# 4. what holds names is its owner's alone: the archive directory 0700 and its files 0600,
#    the database 0600 like its key; a key others can read is warned of
start_sim priv none
(umask 022 && crawl "$tmp/priv.db" --courts 77GV0005 --archive "$tmp/privarc" >/dev/null 2>&1)
check test $? -eq 0
check test "$(stat -c %a "$tmp/privarc")" = 700
check test "$(stat -c %a "$tmp"/privarc/*.awarc | sort -u)" = 600
check test "$(stat -c %a "$tmp/priv.db")" = 600
check test "$(stat -c %a "$tmp/priv.db.key")" = 600
chmod 644 "$tmp/priv.db.key"
crawl "$tmp/priv.db" --courts 77GV0005 >/dev/null 2>"$tmp/priv.err"
check grep -q "priv.db.key: the pseudonym key is readable by others" "$tmp/priv.err"
"$awol" crawl --help | tr '\n' ' ' | grep -q "0700" && ok || bad "crawl --help says the archive is 0700"
stop_sim

# 5. a hostile server: a redirect to another host is refused (and that host never asked), a
#    redirect to the court's own dot form followed, a listing of a million cases a day not
#    walked, a 40 MB body cut at the cap, a slow-loris answer timed out; each court ends
#    with its cause named, and the crawl ends
"$py" "$(dirname "$0")/hostile_server.py" "$tmp/hostile.port" "$tmp/hostile.log" \
	"$AWOL_FIXTURES/sudrf/handmade_listing_criminal_primary.html" "$AWOL_FIXTURES/sudrf/empty_no_data.html" &
hpid=$!
for _ in $(seq 1 100); do [ -s "$tmp/hostile.port" ] && break; sleep 0.05; done
hport=$(cat "$tmp/hostile.port")
hostile() { # DB COURT TIMEOUT
	timeout 120 "$awol" crawl --db "$1" --courts "$2" --from 2023-01-01 --to 2023-01-02 \
		--articles 337 --connect-to "127.0.0.1:$hport" --per-court-interval 0.002 \
		--global-interval 0 --timeout "$3" --quiet >/dev/null 2>"$1.err"
}
cause() { sqlite3 "$1" "SELECT error FROM court_status WHERE court_code = '$2'"; }
hostile "$tmp/h1.db" 77GV0005 5
check test $? -eq 1
check grep -q "redirect refused: to evil.example" <<<"$(cause "$tmp/h1.db" 77GV0005)"
check test "$(grep -c evil "$tmp/hostile.log")" = 0
check test "$(grep -c '^235gvs--msk' "$tmp/hostile.log")" -ge 8
hostile "$tmp/h2.db" 77GV0011 5
check test $? -eq 0
check grep -q '^tverskoy.twr.sudrf.ru' "$tmp/hostile.log"
hostile "$tmp/h3.db" 77GV0001 5
check test $? -eq 1
check grep -q "listing announces 1000000 cases received in one day" <<<"$(cause "$tmp/h3.db" 77GV0001)"
check test "$(grep -c '^moskovskygvs' "$tmp/hostile.log")" -lt 20
check test "$(sqlite3 "$tmp/h3.db" "SELECT count(*) FROM coverage WHERE court_code = '77GV0001' AND status = 'dead'")" -ge 1
hostile "$tmp/h4.db" 78GV0001 20
check test $? -eq 1
check grep -q "body over the cap" <<<"$(cause "$tmp/h4.db" 78GV0001)"
start=$(date +%s)
hostile "$tmp/h5.db" 63GV0006 1
check test $? -eq 1
check test "$(cause "$tmp/h5.db" 63GV0006)" = timeout
check test $(($(date +%s) - start)) -lt 60
kill "$hpid" 2>/dev/null
wait "$hpid" 2>/dev/null

# 6. two processes on one database: two parse --db on a new database both succeed (ten
#    times); a second crawl refuses to start and names the pid of the first; a killed crawl
#    leaves no stale lock
for i in 1 2 3 4 5 6 7 8 9 10; do
	rm -f "$tmp/race.db"*
	"$awol" parse --db "$tmp/race.db" "$AWOL_FIXTURES/sudrf/card_criminal_1inst_primary.html" 2>>"$tmp/race.err" &
	p1=$!
	"$awol" parse --db "$tmp/race.db" "$AWOL_FIXTURES/sudrf/card_civil_1inst_primary.html" 2>>"$tmp/race.err" &
	p2=$!
	wait "$p1" || bad "parse 1 of race $i: $(tail -1 "$tmp/race.err")"
	wait "$p2" || bad "parse 2 of race $i: $(tail -1 "$tmp/race.err")"
done
check test "$(sqlite3 "$tmp/race.db" "SELECT count(*) FROM cases")" = 2
start_sim lock none
"$awol" crawl --db "$tmp/lock.db" --from 2023-01-01 --to 2023-12-31 --articles 337,338 \
	--connect-to "127.0.0.1:$port" --per-court-interval 0.5 --global-interval 0.05 --quiet \
	>/dev/null 2>&1 &
cpid=$!
for _ in $(seq 1 100); do [ -s "$tmp/lock.db.lock" ] && break; sleep 0.05; done
crawl "$tmp/lock.db" --courts 77GV0005 >/dev/null 2>"$tmp/lock.err"
check test $? -eq 1
check grep -q "lock.db: another crawl (pid $cpid) is using this database" "$tmp/lock.err"
kill -9 "$cpid"
wait "$cpid" 2>/dev/null
crawl "$tmp/lock.db" --courts 77GV0005 >/dev/null 2>"$tmp/lock.err"
check test $? -eq 0
stop_sim

# 7. a database in a folder the user cannot write: reading commands read it (immutable),
#    writing ones say "read-only" (as nobody: root writes everywhere)
mkdir "$tmp/ro"
cp "$tmp/good.db" "$tmp/ro/ro.db"
chmod 755 "$tmp" "$tmp/ro"
chmod 644 "$tmp/ro/ro.db"
chmod 555 "$tmp/ro"
# a copy of awol nobody can run wherever the build lies (a CI checkout under /root)
cp "$awol" "$tmp/awol-ro"
chmod 755 "$tmp/awol-ro"
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; else "$@"; fi; }
as_user "$tmp/awol-ro" cases --db "$tmp/ro/ro.db" --format csv >"$tmp/ro.csv" 2>"$tmp/ro.err"
check test $? -eq 0
check cmp -s "$tmp/ro.csv" "$tmp/good.csv"
for cmd in coverage stats captcha; do
	as_user "$tmp/awol-ro" "$cmd" --db "$tmp/ro/ro.db" >/dev/null 2>"$tmp/ro.err"
	check test $? -eq 0
done
as_user "$tmp/awol-ro" parse --db "$tmp/ro/ro.db" "$AWOL_FIXTURES/sudrf/card_criminal_1inst_primary.html" \
	>/dev/null 2>"$tmp/ro.err"
check test $? -eq 1
check grep -q "ro.db: read-only" "$tmp/ro.err"
chmod 755 "$tmp/ro"
chmod 700 "$tmp"

# 8. a full store (the AWOL_TEST_MAX_PAGES test hook caps the database) stops the crawl at
#    once, naming the database and the cause; the next run resumes to the whole (74 pages:
#    the fresh schema with one card takes 62, the outcomes and shared-crawl tables included)
start_sim full none
"$awol" parse --db "$tmp/full.db" "$AWOL_FIXTURES/sudrf/card_criminal_1inst_primary.html" 2>/dev/null
AWOL_TEST_MAX_PAGES=74 timeout 60 "$awol" crawl --db "$tmp/full.db" --from 2023-01-01 --to 2023-12-31 \
	--articles 337,338 --connect-to "127.0.0.1:$port" --per-court-interval 0.002 --global-interval 0 \
	--timeout 2 --quiet >/dev/null 2>"$tmp/full.err"
check test $? -eq 1
check grep -q "store failure, crawl stopped: .*full.db: database or disk is full" "$tmp/full.err"
check test "$(wc -l <"$tmp/full.log")" -lt 400
crawl "$tmp/full.db" --articles 337,338 >/dev/null 2>&1
check test $? -eq 0
# the crawl's cases (those of good.db) and the card parsed first
check test "$(sqlite3 "$tmp/full.db" "SELECT count(*) FROM cases")" = \
	"$(($(sqlite3 "$tmp/good.db" "SELECT count(*) FROM cases") + 1))"
stop_sim

# 9. a window walked without cards is complete for its listings only: coverage and stats say
#    so, and a later run with cards fetches the cards
start_sim nc none
crawl "$tmp/nc.db" --courts 77GV0005 --articles 337,338 --no-cards >/dev/null 2>&1
check test $? -eq 0
check test "$(sqlite3 "$tmp/nc.db" "SELECT count(*) FROM coverage WHERE status = 'listings_only'")" = 2
"$awol" coverage --db "$tmp/nc.db" >"$tmp/nc.cov"
check grep -q "listings_only" "$tmp/nc.cov"
"$awol" stats --db "$tmp/nc.db" --article 337 >"$tmp/nc.stats" 2>&1
check grep -q "0 of 1 court-article windows complete" "$tmp/nc.stats"
check grep -q "1 walked without cards" "$tmp/nc.stats"
before=$(grep -c 'name_op=case' "$tmp/nc.log")
crawl "$tmp/nc.db" --courts 77GV0005 --articles 337,338 >/dev/null 2>&1
check test $? -eq 0
check test "$(grep -c 'name_op=case' "$tmp/nc.log")" -gt "$before"
want=$("$py" -c "import json,sys; print(sum(1 for l in open(sys.argv[1]) if json.loads(l)['court_code'] == '77GV0005' and any(a['article'] in ('337','338') for p in json.loads(l)['persons'] for a in p['articles'])))" "$tmp/nc.truth")
check test "$want" -gt 0
check test "$(sqlite3 "$tmp/nc.db" "SELECT count(*) FROM cases")" = "$want"
check test "$(sqlite3 "$tmp/nc.db" "SELECT group_concat(DISTINCT status) FROM coverage")" = complete
check test "$(sqlite3 "$tmp/nc.db" "SELECT status FROM court_status")" = complete
# the simulator's log time is Unix seconds (docs/simulator.md), not microseconds
check "$py" -c "import json,sys,time; t=json.loads(open(sys.argv[1]).readline())['time']; sys.exit(abs(t - time.time()) > 3600)" "$tmp/nc.log"
# a --no-cards run over complete windows leaves them complete
crawl "$tmp/nc.db" --courts 77GV0005 --articles 337,338 --no-cards >/dev/null 2>&1
check test "$(sqlite3 "$tmp/nc.db" "SELECT group_concat(DISTINCT status) FROM coverage")" = complete
stop_sim

# 10. a refused connection: the court is given up at once (3 refusals), "connection refused"
#     named in the summary, the per-court table and coverage
start=$(date +%s)
"$awol" crawl --db "$tmp/refused.db" --courts 77GV0005,77GV0001 --from 2023-01-01 --to 2023-12-31 \
	--connect-to 127.0.0.1:1 --per-court-interval 0.002 --global-interval 0 >"$tmp/refused.out" \
	2>"$tmp/refused.err"
check test $? -eq 1
check test $(($(date +%s) - start)) -lt 30
check grep -q "not complete: connection refused: 2 court(s)" "$tmp/refused.err"
check grep -q "77GV0005 *dead.*connection refused" "$tmp/refused.out"
"$awol" coverage --db "$tmp/refused.db" >"$tmp/refused.cov"
check grep -q "77GV0001.*dead.*connection refused" "$tmp/refused.cov"
check test "$(sqlite3 "$tmp/refused.db" "SELECT count(*) FROM court_status WHERE status = 'dead' AND error = 'connection refused'")" = 2
# the per-court table only when something is incomplete, or with --verbose
start_sim tbl none
crawl "$tmp/tbl.db" --courts 77GV0005 >/dev/null 2>&1
"$awol" crawl --db "$tmp/tbl.db" --courts 77GV0005 --from 2023-01-01 --to 2023-12-31 --articles 337 \
	--connect-to "127.0.0.1:$port" --per-court-interval 0.002 --global-interval 0 >"$tmp/tbl.out" 2>&1
check test $? -eq 0
check test ! -s "$tmp/tbl.out" -o "$(grep -c '^court ' "$tmp/tbl.out")" = 0
"$awol" crawl --db "$tmp/tbl.db" --courts 77GV0005 --from 2023-01-01 --to 2023-12-31 --articles 337 \
	--connect-to "127.0.0.1:$port" --per-court-interval 0.002 --global-interval 0 --verbose >"$tmp/tbl.out" 2>&1
check grep -q '^court .*cause' "$tmp/tbl.out"
stop_sim

# 11. captcha answers: five digits or exit 2; replaced while not yet used; a crawl uses it
start_sim cap2 captcha
crawl "$tmp/cap2.db" --courts 27GV0001 >/dev/null 2>&1
check test $? -eq 1
for bad_answer in 1234 123456 12a45 ""; do
	"$awol" captcha --db "$tmp/cap2.db" answer 27GV0001 "$bad_answer" >/dev/null 2>"$tmp/cap2.err"
	check test $? -eq 2
done
"$awol" captcha --db "$tmp/cap2.db" answer 27GV0001 00000 >/dev/null
check test $? -eq 0
digits=$(curl -s "http://127.0.0.1:$port/__sim/captcha?host=habargvs--hbr.sudrf.ru")
"$awol" captcha --db "$tmp/cap2.db" answer 27GV0001 "$digits" >"$tmp/cap2.out"
check test $? -eq 0
check grep -q "answer replaced" "$tmp/cap2.out"
crawl "$tmp/cap2.db" --courts 27GV0001 >/dev/null 2>&1
check test $? -eq 0
"$awol" captcha --db "$tmp/cap2.db" answer 27GV0001 "$digits" >/dev/null 2>&1
check test $? -eq 1
stop_sim

echo "security: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
