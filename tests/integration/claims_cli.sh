#!/usr/bin/env bash
# `awol check` against our own data and `awol stats --compare` by geography, on a
# simulated crawl of the Moscow region's four garrison courts and one Moscow city court
# (issue 8, observations 3, 5, 7): every kind and unit from the database, lower bounds
# where coverage is incomplete, simulated said; `check --format csv|json` loaded as users
# load them; `figures import` validation and repeated claim ids (issue 12, item 9).
set -u
awol=${1:?usage: claims_cli.sh AWOL AWOL-SIM}
sim=${2:?usage: claims_cli.sh AWOL AWOL-SIM}
root=${AWOL_SOURCE_ROOT:?}
. "$(dirname "$0")/sim_lib.sh"

"$sim" --listen 127.0.0.1:0 --port-file "$tmp/sim.port" --seed 7 --scale 0.3 \
	--from 2021-01-01 --to 2023-12-31 --faults none 2>/dev/null &
simpid=$!
for _ in $(seq 1 100); do [ -s "$tmp/sim.port" ] && break; sleep 0.05; done
port=$(cat "$tmp/sim.port")
"$awol" crawl --db "$tmp/r.db" --courts 77GV0003,77GV0004,77GV0006,77GV0017,77GV0005 \
	--from 2021-01-01 --to 2023-12-31 --articles 337,338 --connect-to "127.0.0.1:$port" \
	--per-court-interval 0.002 --global-interval 0 --timeout 2 --quiet >/dev/null 2>"$tmp/crawl.err"
check test $? -eq 0
stop_sim

AWOL="$awol" ROOT="$root" TMP="$tmp" "$py" - <<'PY'
import io, json, os, sqlite3, subprocess, sys
awol, root, tmp = os.environ["AWOL"], os.environ["ROOT"], os.environ["TMP"]
db = tmp + "/r.db"
passed = failed = 0

def check(name, cond):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", name)

def run(*args, code=None):
    p = subprocess.run([awol] + list(args), capture_output=True, text=True)
    if code is not None and p.returncode != code:
        raise AssertionError("%s: exit %d, want %d: %s" % (args, p.returncode, code, p.stderr))
    return p

# ---- independent counts, in Python, over the same database ----
con = sqlite3.connect(db)
def convicted(result):
    return result is not None and "приговор" in result.lower()
def ours(unit, articles, start, end, region):
    arts = set(articles.split("+"))
    seen = set()
    for cid, pid, art, received, decided, result, pdecided, presult, reg in con.execute(
            "SELECT c.id, p.id, h.article, c.received, c.decided, c.result, p.decided, p.result, "
            "k.region_code FROM cases c JOIN persons p ON p.case_id = c.id JOIN charges h ON "
            "h.person_id = p.id LEFT JOIN courts k ON k.code = c.court_code"):
        if art not in arts or reg != region:
            continue
        if unit == "cases_received" and received and start <= received <= end:
            seen.add(cid)
        elif unit == "verdicts" and decided and start <= decided <= end and convicted(result):
            seen.add(cid)
        elif unit == "cases_decided" and decided and start <= decided <= end:
            seen.add(cid)
        elif unit == "defendants" and received and start <= received <= end:
            seen.add(pid)
        elif unit == "defendants_convicted":
            d, r = pdecided or decided, presult or result
            if d and start <= d <= end and convicted(r):
                seen.add(pid)
    return len(seen)

def claims(items, *args, code=None, fmt="json"):
    path = tmp + "/c.yaml"
    open(path, "w").write("claims:\n" + "".join(items))
    p = run("check", "--db", db, path, "--format", fmt, *args, code=code)
    return p if fmt != "json" else {c["id"]: c for c in json.loads(p.stdout)["rows"]}

def count(cid, unit, value, period, geo=None, arts="337"):
    g = ', geography: "%s"' % geo if geo else ""
    return ('  - id: %s\n    kind: count\n    value: %s\n    from: db\n'
            '    says: {unit: %s, articles: "%s", period: "%s"%s}\n' % (cid, value, unit, arts, period, g))

def pair(cid, kind, value, num, den):
    def side(s):
        unit, arts, period = s
        return '{says: {unit: %s, articles: "%s", period: "%s", geography: "region:50"}}' % (unit, arts, period)
    return ('  - id: %s\n    kind: %s\n    value: %s\n    from: db\n    numerator: %s\n'
            '    denominator: %s\n' % (cid, kind, value, side(num), side(den)))

try:
    n50 = ours("cases_received", "337", "2023-01-01", "2023-12-31", "50")
    check("the simulated crawl holds region 50 cases", n50 > 5)
    check("the database is marked simulated",
          con.execute("SELECT value FROM meta WHERE key = 'simulated'").fetchone()[0] == "1")

    # observation 5: simulated, national coverage incomplete -> lower bound, never contradicted
    v = claims([count("nat", "cases_received", 5024, "2023"),
                count("small", "cases_received", 1, "2023")], code=1)
    c = v["nat"]
    check("national claim on partial coverage is not contradicted", c["verdict"] == "unverifiable")
    check("and says lower bound and simulated", c["lower_bound"] is True and c["simulated"] is True
          and "lower bound" in c["why"] and "SIMULATED" in c["caveat"])
    check("our count is what we hold", c["found"] >= n50)
    st = json.loads(run("stats", "--db", db, "--article", "337", "--by", "year", "--from", "2023-01-01",
                        "--to", "2023-12-31", "--format", "json", code=0).stdout)
    check("check counts what stats counts", c["found"] == st["total"])
    check("a lower bound above the claim contradicts it", v["small"]["verdict"] == "contradicted"
          and v["small"]["lower_bound"] is True)
    p = claims([count("nat", "cases_received", 5024, "2023")], code=1, fmt="table")
    check("the table says simulated and lower bound",
          "SIMULATED DATA" in p.stdout and "lower bound" in p.stdout and "[contradicted" not in p.stdout)

    # observation 7: every unit from the database, over complete regional coverage
    items, want = [], {}
    for unit in ["cases_received", "cases_decided", "verdicts", "defendants", "defendants_convicted",
                 "persons_sentenced", "cases_considered"]:
        base = {"persons_sentenced": "defendants_convicted", "cases_considered": "cases_decided"}.get(unit, unit)
        want[unit] = ours(base, "337", "2023-01-01", "2023-12-31", "50")
        items.append(count(unit, unit, want[unit], "2023", "region:50"))
    v = claims(items)
    for unit, n in want.items():
        c = v[unit]
        check("db unit %s holds (%s)" % (unit, c["why"]), c["verdict"] == "holds" and c["found"] == n
              and c["lower_bound"] is False and c["simulated"] is True)
    check("units differ (the test can tell them apart)", len(set(want.values())) >= 3)
    # a count wrong by half over complete coverage is contradicted
    v = claims([count("off", "cases_received", n50 * 2, "2023", "region:50")], code=1)
    check("complete coverage can contradict", v["off"]["verdict"] == "contradicted"
          and v["off"]["lower_bound"] is False)

    # every kind from the database
    a = ours("cases_received", "337", "2023-01-01", "2023-12-31", "50")
    b = ours("cases_received", "337", "2022-01-01", "2022-12-31", "50")
    da = ours("defendants", "337", "2023-01-01", "2023-12-31", "50")
    db_ = ours("defendants", "337+338", "2023-01-01", "2023-12-31", "50")
    ratio, change, share = a / b, 100.0 * (a - b) / b, 100.0 * da / db_
    v = claims([pair("ratio", "ratio", "%.2f" % ratio, ("cases_received", "337", "2023"),
                     ("cases_received", "337", "2022")),
                pair("change", "percent_change", "%.1f" % change, ("cases_received", "337", "2023"),
                     ("cases_received", "337", "2022")),
                pair("share", "share", "%.1f" % share, ("defendants", "337", "2023"),
                     ("defendants", "337+338", "2023"))])
    check("db ratio holds", v["ratio"]["verdict"] == "holds" and "%d/%d = %.2f" % (a, b, ratio) in v["ratio"]["why"])
    check("db percent change holds, arithmetic shown",
          v["change"]["verdict"] == "holds" and "(%d-%d)/%d = %+.1f%%" % (a, b, b, change) in v["change"]["why"])
    check("db share holds", v["share"]["verdict"] == "holds" and "%d/%d = %.1f%%" % (da, db_, share) in v["share"]["why"])
    # a ratio resting on a lower bound cannot be decided
    v = claims(['  - id: lb\n    kind: ratio\n    value: 1\n    from: db\n'
                '    numerator: {says: {unit: cases_received, articles: "337", period: "2023"}}\n'
                '    denominator: {says: {unit: cases_received, articles: "337", period: "2022"}}\n'], code=1)
    check("a ratio of lower bounds is unverifiable", v["lb"]["verdict"] == "unverifiable" and v["lb"]["lower_bound"])

    # articles never searched, and a region never crawled: lower bounds
    v = claims([count("a332", "cases_received", 1000, "2023", "region:50", "332"),
                count("r61", "cases_received", 1000, "2023", "region:61"),
                count("opened", "cases_opened", 10, "2023", "region:50")], code=1)
    check("an article never searched is a lower bound", v["a332"]["verdict"] == "unverifiable"
          and v["a332"]["lower_bound"] and "never searched" in v["a332"]["caveat"])
    check("a region not crawled is a lower bound", v["r61"]["verdict"] == "unverifiable" and v["r61"]["lower_bound"])
    check("cases opened are not court records", v["opened"]["verdict"] == "unverifiable"
          and "not cases investigators opened" in v["opened"]["why"])

    # check --format csv (pandas defaults) and json
    p = claims([count("x", "cases_received", 5024, "2023"), count("y", "cases_received", n50, "2023", "region:50")],
               code=1, fmt="csv")
    import pandas
    df = pandas.read_csv(io.StringIO(p.stdout))
    check("check csv loads with pandas", list(df.columns) == ["id", "kind", "claimed", "found", "verdict",
                                                             "lower_bound", "simulated", "why", "caveat", "text"]
          and len(df) == 2 and df["claimed"].dtype.kind in "if" and df["found"].dtype.kind == "f"
          and bool(df["lower_bound"][0]) is True and not p.stdout.startswith("#"))
    p = run("check", root + "/examples/claims-every-kind.yaml", "--format", "json", code=1)
    v = {c["id"]: c for c in json.loads(p.stdout)["rows"]}
    check("every kind from figures (docs example)",
          [v[k]["verdict"] for k in ["count-2023", "ratio-2023-2022", "change-2023-2022", "share-march-april-2023",
                                     "h1-2023-twice-2022", "moscow-region"]]
          == ["holds", "holds", "holds-approximately", "holds", "holds", "holds"]
          and "(5024-1001)/1001 = +401.9%" in v["change-2023-2022"]["why"]
          and "181 days" in v["h1-2023-twice-2022"]["caveat"])
    p = run("check", "--db", db, root + "/examples/claims-every-kind.yaml", "--format", "json", code=1)
    v = {c["id"]: c for c in json.loads(p.stdout)["rows"]}
    check("every kind from db (docs example) says simulated and lower bound",
          all(v[k]["simulated"] and v[k]["lower_bound"] and v[k]["verdict"] != "contradicted"
              for k in ["db-count-2023", "db-verdicts-2023", "db-ratio-2023-2022", "db-change-2023-2022",
                        "db-share-2023"]))

    # observation 3: --compare sets a regional figure against its region's courts only
    p = run("stats", "--db", db, "--article", "337", "--by", "year", "--from", "2021-01-01",
            "--to", "2025-12-31", "--compare", "--format", "json", code=0)
    cmp = {c["figure"]: c for c in json.loads(p.stdout)["compare"]}
    mz120 = cmp["MZ-120"]
    check("MZ-120 is the Moscow region's", mz120["geography"] == "region:50")
    check("and counted over the region's courts only",
          mz120["ours"] == ours("cases_received", "337", mz120["period_start"], mz120["period_end"], "50")
          and mz120["lower_bound"] is False and mz120["difference"] == mz120["ours"] - mz120["published"])
    check("MZ-056 runs past our crawl: a lower bound, no difference",
          cmp["MZ-056"]["lower_bound"] is True and cmp["MZ-056"]["difference"] is None)
    check("a region not crawled is not compared", cmp["MZ-121"]["lower_bound"] is True
          and cmp["MZ-121"]["difference"] is None and cmp["MZ-121"]["ours"] == 0)
    check("a national figure needs national coverage", cmp["MZ-006"]["lower_bound"] is True
          and cmp["MZ-006"]["difference"] is None and "lower bound" in cmp["MZ-006"]["note"])
    p = run("stats", "--db", db, "--article", "337", "--by", "year", "--from", "2021-01-01",
            "--to", "2025-12-31", "--compare", code=0)
    check("the compare table names the geography", "region:50" in p.stdout)

    # issue 12 item 9: figures import refuses and stores nothing
    hdr = "id,metric,value,unit,articles,period_start,period_end,geography,source,published,url\n"
    good = "T-0,m,5,cases_received,337,2023-01-01,2023-12-31,national,s,p,u\n"
    for name, text, needle in [
            ("1e999", hdr + good + "T-1,m,1e999,cases_received,337,2023-01-01,2023-12-31,national,s,p,u\n", ":3: column 'value'"),
            ("nan", hdr + good + "T-1,m,nan,cases_received,337,2023-01-01,2023-12-31,national,s,p,u\n", ":3: column 'value'"),
            ("inf", hdr + good + "T-1,m,inf,cases_received,337,2023-01-01,2023-12-31,national,s,p,u\n", ":3: column 'value'"),
            ("unknown column", hdr.rstrip("\n") + ",notes\n" + good.rstrip("\n") + ",x\n", ":1: column 12: unknown column 'notes'")]:
        open(tmp + "/f.csv", "w").write(text)
        p = run("figures", "import", tmp + "/f.csv", "--db", db, code=2)
        check("figures import refuses " + name, "f.csv" + needle in p.stderr)
        check("and stores nothing (" + name + ")",
              con.execute("SELECT count(*) FROM figures WHERE id LIKE 'T-%'").fetchone()[0] == 0)
    # repeated claim ids
    open(tmp + "/d.yaml", "w").write('claims:\n  - id: a\n    kind: count\n    value: 1\n    says: {unit: requests, period: "2023"}\n'
                                     '  - id: a\n    kind: count\n    value: 2\n    says: {unit: requests, period: "2023"}\n')
    p = run("check", tmp + "/d.yaml", code=2)
    check("a repeated claim id names both lines", "d.yaml:6:" in p.stderr and "line 2" in p.stderr)
except AssertionError as e:
    failed += 1
    print("FAIL:", e)
print("claims_cli: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
r=$?
[ $r = 0 ] && ok || bad "claims_cli checks"
echo "claims_cli: $pass passed, $fail failed"
[ $fail = 0 ]
