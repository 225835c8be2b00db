#!/usr/bin/env bash
# Numbers that never mislead (issue 8, observations 1, 2 and 8): on a simulated crawl of
# 2022-2024 (337 and 338 only), partial periods are marked and never compared as whole
# ones, articles never searched and years never collected say so, CSV loads with pandas
# defaults, JSON parses, and --share/--sort/--limit/cross-tabs/several parts count right.
set -u
awol=${1:?usage: stats_honest.sh AWOL AWOL-SIM}
sim=${2:?usage: stats_honest.sh AWOL AWOL-SIM}
. "$(dirname "$0")/sim_lib.sh"

rm -f "$tmp/s.port"
"$sim" --listen 127.0.0.1:0 --port-file "$tmp/s.port" --seed 7 --scale 0.04 \
	--from 2022-01-01 --to 2024-12-31 --faults none 2>/dev/null &
simpid=$!
for _ in $(seq 1 100); do [ -s "$tmp/s.port" ] && break; sleep 0.05; done
port=$(cat "$tmp/s.port")
"$awol" crawl --db "$tmp/s.db" --courts garrison --from 2022-01-01 --to 2024-12-31 \
	--articles 337,338 --connect-to "127.0.0.1:$port" --per-court-interval 0.002 \
	--global-interval 0 --timeout 2 --quiet >/dev/null 2>"$tmp/crawl.err" ||
	{ echo "stats_honest: crawl failed"; cat "$tmp/crawl.err"; exit 1; }
stop_sim

AWOL="$awol" DB="$tmp/s.db" TMP="$tmp" "$py" - <<'PY'
import io, json, os, re, shutil, sqlite3, subprocess, sys
import pandas as pd
awol, db, tmp = os.environ["AWOL"], os.environ["DB"], os.environ["TMP"]
passed = failed = 0

def check(name, cond):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", name)

def run(*args, code=0, env=None):
    p = subprocess.run([awol, "stats", "--db", db] + list(args), capture_output=True, text=True,
                       env=env)
    if p.returncode != code:
        raise AssertionError("%s: exit %d, want %d: %s" % (args, p.returncode, code, p.stderr))
    return p

def js(*args, **kw):
    return json.loads(run("--format", "json", *args, **kw).stdout)

def csv(*args):
    return pd.read_csv(io.StringIO(run("--format", "csv", *args).stdout))

def data_rows(d):
    return [r for r in d["rows"] if not r["period_total"]]

try:
    # observation 1: ten months against six, no longer a plain -5%
    q1 = ("--by", "year", "--article", "337", "--from", "2023-03-01", "--to", "2024-06-30")
    d = js(*q1)
    rows = {r["period"]: r for r in d["rows"]}
    check("obs1: two rows", sorted(rows) == ["2023", "2024"])
    r23, r24 = rows["2023"], rows["2024"]
    check("obs1: 2023 partial, its days", r23["partial"] and r23["start"] == "2023-03-01"
          and r23["end"] == "2023-12-31" and r23["days"] == 306 and r23["period_days"] == 365)
    check("obs1: 2024 partial, its days", r24["partial"] and r24["start"] == "2024-01-01"
          and r24["end"] == "2024-06-30" and r24["days"] == 182)
    check("obs1: not comparable, no percentage", r24["previous"] == r23["count"]
          and r24["previous_comparable"] is False and r24["previous_change_pct"] is None
          and r24["previous_days"] == 306)
    check("obs1: rates per day", abs(r24["rate_per_day"] - r24["count"] / 182) < 0.001)
    check("obs1: by year has no second year-ago column", "year_ago" not in r24)
    t = run(*q1).stdout
    check("obs1: table stars partial years", re.search(r"^2023\*", t, re.M)
          and re.search(r"^2024\*", t, re.M) and "306 of 365 days" in t)
    check("obs1: table prints no percentage for unlike spans",
          not re.search(r"[-+]\d+%", t) and "n/c" in t)
    # whole years are comparable
    d = js("--by", "year", "--article", "337")
    rows = {r["period"]: r for r in d["rows"]}
    check("whole years comparable", rows["2023"]["previous_comparable"]
          and not rows["2023"]["partial"] and rows["2023"]["previous_change_pct"] is not None)

    # observation 2: an article never searched, a year never collected
    d = js("--by", "year", "--article", "332")
    check("obs2: 332 not searched, a lower bound", d["searched"] is False
          and d["lower_bound"] is True
          and d["coverage_detail"]["articles"] == [{"article": "332", "searched": False}]
          and "332" in d["coverage"] and "never searched" in d["coverage"])
    t = run("--by", "year", "--article", "332").stdout
    check("obs2: table says never searched, lower bound", "never searched" in t and "LOWER BOUND" in t)
    d = js("--by", "year", "--group", "article")
    srch = {r["group"]: r["searched"] for r in data_rows(d)}
    check("grouped by article: co-charged articles not searched", srch.get("337") is True
          and srch.get("338") is True and any(v is False for v in srch.values())
          and d["searched"] is False
          and {"article": "337", "searched": True} in d["coverage_detail"]["articles"])
    df = csv("--by", "year", "--group", "part")
    check("csv by part: searched column", set(df["searched"]) == {True, False})
    d = js("--by", "year", "--from", "2021-01-01", "--to", "2021-12-31")
    check("obs2: 2021 not collected, count null",
          [(r["period"], r["count"], r["collected"]) for r in d["rows"]] == [("2021", None, False)])
    t = run("--by", "year", "--from", "2021-01-01", "--to", "2021-12-31").stdout
    check("obs2: table says not collected", "not collected" in t and not re.search(r"^2021\s+\d+\s+0\b", t, re.M)
          and "0 cases" not in t and d["total"] is None)
    d = js("--by", "month", "--article", "337", "--from", "2021-11-01", "--to", "2022-02-28")
    got = [(r["period"], r["collected"], r["count"] is None) for r in d["rows"]]
    check("obs2: months before coverage not collected, after it counted",
          got == [("2021-11", False, True), ("2021-12", False, True), ("2022-01", True, False),
                  ("2022-02", True, False)])
    d = js("--by", "year", "--article", "337", "--compare")
    rt = [c for c in d["compare"] if c["period_end"] < "2022-01-01"]
    check("obs2: --compare: our side of a 2021 figure is not collected",
          rt and all(c["ours"] is None and c["collected"] is False for c in rt))

    # empty periods inside coverage are 0, every period of the range is there
    d = js("--by", "month", "--article", "338")
    months = [r["period"] for r in d["rows"]]
    check("every month of the coverage", months[0] == "2022-01" and months[-1] == "2024-12"
          and len(months) == 36 and all(r["collected"] is True and r["count"] is not None for r in d["rows"]))
    d = js("--by", "week", "--article", "338", "--from", "2023-01-01", "--to", "2023-12-31")
    check("empty weeks inside coverage are 0", any(r["count"] == 0 for r in d["rows"])
          and all(r["collected"] for r in d["rows"]))

    # observation 8: CSV for pandas, one JSON document
    for q in [("--by", "month"), ("--by", "quarter", "--group", "outcome", "--share"),
              ("--by", "year", "--group", "article,outcome"), q1]:
        out = run("--format", "csv", *q).stdout
        df = pd.read_csv(io.StringIO(out))
        check("csv %s: no comments, snake_case header" % (q,), not out.startswith("#")
              and all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in df.columns))
        check("csv %s: numeric columns" % (q,), all(pd.api.types.is_numeric_dtype(df[c])
              for c in ("days", "count", "rate_per_day", "previous", "previous_change_pct")
              if c in df.columns) and "(total)" not in out and "%" not in out)
    df = csv("--by", "year", "--group", "outcome", "--totals")
    check("csv --totals: period totals flagged", df["period_total"].any() and (df["outcome"] == "(total)").any())
    df = csv(*q1)
    check("csv: partial and days", list(df["partial"]) == [True, True] and list(df["days"]) == [306, 182])
    p = run("--format", "json", "--compare", "--article", "337")
    d = json.loads(p.stdout)
    check("compare json: one document", isinstance(d["compare"], list) and d["compare"] and "rows" in d)
    df = pd.read_csv(io.StringIO(run("--format", "csv", "--compare", "--article", "337").stdout))
    check("compare csv: one table", "figure" in df.columns and pd.api.types.is_numeric_dtype(df["published"]))

    # --share, --sort, --limit, cross-tabs, several parts
    d = js("--by", "year", "--group", "outcome", "--share")
    for per in ("2022", "2023", "2024"):
        s = sum(r["share"] for r in data_rows(d) if r["period"] == per)
        check("shares of %s add up to 1" % per, abs(s - 1) < 0.01)
    d = js("--by", "year", "--group", "region", "--sort", "count")
    c = [r["count"] for r in data_rows(d)]
    check("--sort count: largest first", c == sorted(c, reverse=True) and len(c) > 3)
    d = js("--by", "year", "--group", "region", "--sort", "count", "--limit", "3")
    check("--limit 3", len(data_rows(d)) == 3 and d["query"]["limit"] == 3)
    d = js("--by", "year", "--group", "region", "--sort", "group")
    g = [r["group"] for r in data_rows(d)]
    check("--sort group", g == sorted(g))
    d = js("--by", "year", "--group", "outcome,region")
    rows = data_rows(d)
    check("cross-tab: one field each", d["group_fields"] == ["outcome", "region"] and rows
          and all(set(r["groups"]) == {"outcome", "region"} for r in rows)
          and all(r["group"] == r["groups"]["outcome"] + " / " + r["groups"]["region"] for r in rows))
    tot = {r["period"]: r["count"] for r in d["rows"] if r["period_total"]}
    check("cross-tab cells add up to the period total", all(
        sum(r["count"] for r in rows if r["period"] == p) == n for p, n in tot.items()))
    d = js("--by", "year", "--group", "outcome")
    check("one group keeps a plain group string", all("/" not in r["group"] for r in d["rows"]))
    con = sqlite3.connect(db)
    want = con.execute("SELECT count(DISTINCT c.id) FROM cases c JOIN charges h ON h.case_id = c.id "
                       "WHERE h.article = '337' AND h.part IN ('3.1', '5')").fetchone()[0]
    d = js("--by", "year", "--article", "337", "--part", "3.1,5")
    check("several parts", d["total"] == want and want > 0 and d["query"]["part"] == "3.1,5")

    # the summary and the general query agree on all of it
    slow = dict(os.environ, AWOL_STATS_NO_FAST="1")
    for q in [q1, ("--by", "month", "--group", "outcome", "--share", "--sort", "count", "--limit", "7"),
              ("--by", "quarter", "--group", "region", "--from", "2021-10-15", "--to", "2023-02-03"),
              ("--by", "week", "--article", "332,338")]:
        check("summary = general %s" % (q,), js(*q) == js(*q, env=slow))

    # no crawl record: counts shown, collected unknown
    shutil.copy(db, tmp + "/nocov.db")
    subprocess.run(["sqlite3", tmp + "/nocov.db", "DELETE FROM coverage"], check=True)
    d = json.loads(subprocess.run([awol, "stats", "--db", tmp + "/nocov.db", "--by", "year",
                                   "--format", "json"], capture_output=True, text=True).stdout)
    check("no coverage record: collected unknown", d["coverage_detail"]["known"] is False
          and d["lower_bound"] is None and d["searched"] is None
          and all(r["collected"] is None and r["count"] is not None for r in d["rows"])
          and d["coverage"].startswith("coverage unknown"))

    # --court: the court's own counts, the coverage of its windows alone
    con = sqlite3.connect(db)
    court = con.execute("SELECT court_code FROM cases GROUP BY 1 ORDER BY count(*) DESC"
                        " LIMIT 1").fetchone()[0]
    other = con.execute("SELECT code FROM courts WHERE code NOT IN (SELECT court_code FROM"
                        " coverage) AND code NOT IN (SELECT court_code FROM cases) ORDER BY 1"
                        " LIMIT 1").fetchone()[0]
    con.close()
    for q in [("--by", "month"), ("--by", "quarter", "--article", "338"),
              ("--by", "month", "--from", "2023-02-10", "--to", "2023-11-20")]:
        g = {r["period"]: r["count"] for r in data_rows(js(*q, "--group", "court"))
             if r["group"].split(" ")[0] == court}
        one = js(*q, "--court", court)
        mine = {r["period"]: r["count"] for r in one["rows"]}
        check("--court %s %s: the rows of --group court" % (court, q), g and all(
            mine.get(k) == v for k, v in g.items()) and all(
            v in (0, None) for k, v in mine.items() if k not in g)
            and one["total"] == sum(g.values()))
        gen = js(*q, "--court", court, env=dict(os.environ, AWOL_STATS_NO_FAST="1"))
        check("--court %s: general query == summary" % (q,), gen["rows"] == one["rows"]
              and gen["total"] == one["total"])
    d = js("--by", "year", "--court", court)
    allc = js("--by", "year")
    check("--court: coverage of its windows alone",
          d["coverage_detail"]["courts"] == 1 and allc["coverage_detail"]["courts"] > 1
          and "at court " + court in d["coverage"]
          and d["coverage_detail"]["windows"]["all"] < allc["coverage_detail"]["windows"]["all"])
    d = js("--by", "year", "--court", other, "--from", "2023-01-01", "--to", "2023-12-31")
    check("--court of a court not crawled: not collected", d["total"] is None
          and d["rows"] and all(r["collected"] is False and r["count"] is None
                                for r in d["rows"])
          and "not collected" in d["coverage"])
    d = js("--by", "year", "--court", court + "," + other)
    check("--court two courts", d["total"] == js("--by", "year", "--court", court)["total"]
          and d["coverage_detail"]["courts"] == 1 and "at courts " in d["coverage"])
    for bad in ["XXGV9999", "garrison", "all", court + ",nowhere"]:
        p = run("--court", bad, code=2)
        check("--court %s: usage error naming it" % bad, p.stdout == "" and "court" in p.stderr)

    # bad input
    for bad in [("--group", "outcome,bogus"), ("--group", "outcome,outcome"), ("--part", "x"),
                ("--sort", "size"), ("--limit", "-1")]:
        p = run(*bad, code=2)
        check("usage error %s" % (bad,), p.stdout == "")
    t = subprocess.run([awol, "coverage", "--db", db], capture_output=True, text=True).stdout
    check("coverage lists searched articles", "articles searched: 337, 338" in t
          and re.search(r"not searched.*332", t))
except Exception as e:
    failed += 1
    print("FAIL:", e)
print("stats_honest: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
rc=$?
exit $rc
