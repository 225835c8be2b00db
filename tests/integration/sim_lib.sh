# Shared by the integration scripts that run awol-sim (sourced, not run): a
# temporary directory removed on exit, pass/fail counters, and starting and
# stopping the simulator on a free loopback port.  Needs $sim set first.
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
simpid=
cleanup() { [ -n "$simpid" ] && kill "$simpid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if "$@"; then ok; else bad "$*"; fi; }

# seed 7, scale 0.04, 2023; truth and request log in $tmp/NAME.truth and .log; sets $port
start_sim() { # NAME FAULTS [extra awol-sim options...]
	local name=$1 faults=$2
	shift 2
	rm -f "$tmp/$name.port"
	"$sim" --listen 127.0.0.1:0 --port-file "$tmp/$name.port" --seed 7 --scale 0.04 \
		--from 2023-01-01 --to 2023-12-31 --truth "$tmp/$name.truth" --log "$tmp/$name.log" \
		--faults "$faults" "$@" 2>/dev/null &
	simpid=$!
	for _ in $(seq 1 100); do [ -s "$tmp/$name.port" ] && break; sleep 0.05; done
	port=$(cat "$tmp/$name.port")
}
# $tmp/solver.sh: a captcha solver (--captcha-cmd) asking the running simulator the answer
make_solver() {
	cat >"$tmp/solver.sh" <<SOLVER
#!/bin/sh
host=\$(basename "\$1" .png)
exec curl -s "http://127.0.0.1:$port/__sim/captcha?host=\$host"
SOLVER
	chmod +x "$tmp/solver.sh"
}
stop_sim() { kill "$simpid" 2>/dev/null; wait "$simpid" 2>/dev/null; simpid=; }

# compare the database with the simulator's truth for the reachable courts
# (with ACTS=1 in the environment, also every published act's text)
same_as_truth() { # DB TRUTH
	"$py" - "$1" "$2" <<'PY'
import json, os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
acts = os.environ.get("ACTS") == "1"
dead = {r[0] for r in db.execute("SELECT court_code FROM court_status WHERE status != 'complete'")}
want = {}
for line in open(sys.argv[2], encoding="utf-8"):
    c = json.loads(line)
    if c["court_code"] in dead:
        continue
    if not any(a["article"] in ("337", "338") for p in c["persons"] for a in p["articles"]):
        continue
    charges = sorted((a["article"], a["part"] or "", a["point"] or "")
                     for p in c["persons"] for a in p["articles"])
    want[(c["court_code"], c["uid"])] = (c["number"], c["received"], c["decided"], len(c["persons"]), charges) + ((c["acts"],) if acts else ())
got = {}
for cid, court, uid, number, received, decided in db.execute(
        "SELECT id, court_code, uid, number, received, decided FROM cases"):
    charges = sorted((a or "", p or "", q or "") for a, p, q in db.execute(
        "SELECT article, part, point FROM charges WHERE case_id = ?", (cid,)))
    n = db.execute("SELECT count(*) FROM persons WHERE case_id = ?", (cid,)).fetchone()[0]
    got[(court, uid)] = (number, received, decided, n, charges)
    if acts:  # texts fetched, each naming the case
        t = [r[0] for r in db.execute("SELECT text FROM acts WHERE case_id = ?", (cid,))]
        got[(court, uid)] += (sum(1 for x in t if x and number in x),)
missing = set(want) - set(got)
extra = set(got) - set(want)
diff = [k for k in set(want) & set(got) if want[k] != got[k]]
if missing or extra or diff or not want:
    print("truth %d, db %d, missing %d, extra %d, different %d" % (len(want), len(got), len(missing), len(extra), len(diff)))
    for k in list(missing)[:3] + list(extra)[:3] + diff[:3]:
        print(" ", k, want.get(k), got.get(k))
    sys.exit(1)
print("db equals truth: %d cases, %d unreachable court(s) reported" % (len(want), len(dead)))
PY
}

# every server of a multi-server court holding a case was found
servers_found() { # DB TRUTH
	"$py" - "$1" "$2" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
known = dict(db.execute("SELECT code, coalesce(servers, 1) FROM courts"))
live = {r[0] for r in db.execute("SELECT court_code FROM court_status WHERE status = 'complete'")}
need = {}
for l in open(sys.argv[2], encoding="utf-8"):
    c = json.loads(l)
    if c["court_code"] in live:
        need[c["court_code"]] = max(need.get(c["court_code"], 1), c["server"])
multi = [k for k, v in need.items() if v > 1]
assert multi, "no multi-server court in the simulated data"
bad = [(k, v, known[k]) for k, v in need.items() if known[k] < v]
assert not bad, bad
print("servers: %d multi-server court(s) found" % len(multi))
PY
}
