#!/usr/bin/env bash
# Counting rules on a hand-built database with known answers; published
# figures; claims (the seed article's verdicts, bad claims files); exports.
set -u
awol=${1:?usage: stats_cli.sh AWOL}
root=${AWOL_SOURCE_ROOT:?}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export AWOL="$awol" ROOT="$root" TMP="$tmp"
"$awol" figures list --db "$tmp/k.db" >/dev/null || { echo "stats_cli: cannot create db"; exit 1; }
sqlite3 "$tmp/k.db" <<'SQL'
INSERT INTO pages (id, source, sha256, kind, seen_at) VALUES (1, 'test', 'x', 'card', '2026-01-01');
INSERT INTO cases (id, court_code, case_key, number, uid, received, decided, result, page_id, first_seen, updated_at) VALUES
 (1, '77GV0005', 'A', '1-1/2023', 'A', '2023-01-02', '2023-02-01', 'Вынесен ПРИГОВОР', 1, 'x', 'x'),
 (2, '63GV0006', 'B', '1-2/2023', 'B', '2023-01-31', NULL, NULL, 1, 'x', 'x'),
 (3, '77GV0005', 'C', '1-3/2022', 'C', '2022-01-15', '2022-03-01', 'Уголовное дело ПРЕКРАЩЕНО
назначена мера уголовно-правового характера - СУДЕБНЫЙ ШТРАФ (ст. 25.1 УПК РФ)', 1, 'x', 'x'),
 (4, '77GV0005', 'D', '1-4/2021', 'D', '2021-01-03', '2021-02-01', 'Возвращено прокурору', 1, 'x', 'x'),
 (5, '63GV0006', 'E', '1-5/2023', 'E', '2023-07-01', '2023-08-01', 'что-то непонятное', 1, 'x', 'x');
INSERT INTO persons (id, case_id, seq, pseudonym, name_hidden) VALUES
 (1, 1, 0, 'p1', 0), (2, 1, 1, 'p2', 0), (3, 2, 0, NULL, 1), (4, 3, 0, 'p4', 0), (5, 4, 0, 'p5', 0), (6, 5, 0, 'p6', 0);
INSERT INTO charges (person_id, case_id, seq, law, article, part, text) VALUES
 (1, 1, 0, 'УК РФ', '337', '5', 'ст.337 ч.5'), (1, 1, 1, 'УК РФ', '338', '1', 'ст.338 ч.1'),
 (2, 1, 0, 'УК РФ', '337', '5', 'ст.337 ч.5'), (3, 2, 0, 'УК РФ', '337', '3.1', 'ст.337 ч.3.1'),
 (4, 3, 0, 'УК РФ', '337', '4', 'ст.337 ч.4'), (5, 4, 0, 'УК РФ', '338', '1', 'ст.338 ч.1'),
 (6, 5, 0, 'УК РФ', '332', '1', 'ст.332 ч.1');
SQL
"$py" - <<'PY'
import json, os, subprocess, sys
awol, root, tmp = os.environ["AWOL"], os.environ["ROOT"], os.environ["TMP"]
db = tmp + "/k.db"
passed = failed = 0

def run(*args, code=0):
    p = subprocess.run([awol] + list(args), capture_output=True, text=True)
    if p.returncode != code:
        raise AssertionError("%s: exit %d, want %d: %s" % (args, p.returncode, code, p.stderr))
    return p

def stats(*args):
    d = json.loads(run("stats", "--db", db, "--format", "json", *args).stdout)
    return {(r["period"], r["group"]): r for r in d["rows"]}, d

def check(name, cond):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", name)

try:
    rows, d = stats("--by", "month", "--article", "337")
    check("monthly 337: two cases in 2023-01", rows[("2023-01", "")]["count"] == 2)
    check("year-ago of 2023-01 is 2022-01", rows[("2023-01", "")]["year_ago"] == 1)
    check("total distinct cases", d["total"] == 3)
    check("coverage unknown without a crawl", "coverage unknown" in d["coverage"] and not d["simulated"])
    rows, d = stats("--by", "year", "--unit", "defendants", "--article", "337")
    check("defendants once per case", rows[("2023", "")]["count"] == 3 and rows[("2022", "")]["count"] == 1)
    check("previous year delta base", rows[("2023", "")]["previous"] == 1)
    rows, d = stats("--by", "year", "--unit", "charges", "--article", "337,338")
    check("charges", rows[("2023", "")]["count"] == 4)
    rows, d = stats("--by", "year", "--group", "article", "--from", "2023-01-01", "--to", "2023-12-31")
    check("case under each article", rows[("2023", "337")]["count"] == 2 and rows[("2023", "338")]["count"] == 1
          and rows[("2023", "332")]["count"] == 1)
    check("total counts distinct cases", rows[("2023", "(total)")]["count"] == 3)
    rows, d = stats("--by", "week", "--article", "338")
    check("2021-01-03 is ISO week 2020-W53", ("2020-W53", "") in rows)
    rows, d = stats("--by", "half")
    check("halves", rows[("2023-H1", "")]["count"] == 2 and rows[("2023-H2", "")]["count"] == 1)
    rows, d = stats("--by", "quarter", "--part", "5")
    check("part filter", rows[("2023-Q1", "")]["count"] == 1)
    rows, d = stats("--by", "year", "--group", "outcome")
    check("outcomes", rows[("2023", "convicted")]["count"] == 1 and rows[("2023", "pending")]["count"] == 1
          and rows[("2022", "terminated:judicial-fine")]["count"] == 1
          and rows[("2021", "returned-to-prosecutor")]["count"] == 1)
    check("unrecognised outcome reported", d["unrecognised_outcomes"] == ["что-то непонятное"])
    rows, d = stats("--by", "year", "--group", "region", "--from", "2023-01-01")
    check("region from the registry", any(g == "Город Москва" for (_, g) in rows))
    rows, d = stats("--by", "year", "--group", "district", "--from", "2023-01-01")
    check("district from the registry", any(g.startswith("77OV0000") for (_, g) in rows))
    rows, d = stats("--by", "month", "--date", "decided", "--article", "337")
    check("decided axis drops pending", sum(r["count"] for (p, g), r in rows.items() if p.startswith("2023")) == 1)
    run("stats", "--db", db, "--by", "fortnight", code=2)
    run("stats", "--db", db, "--from", "2023-02-30", code=2)
    run("stats", "--db", tmp + "/missing.db", code=1)
    p = run("stats", "--db", db, "--from", "2030-01-01")
    check("a period with no data says so", "no data" in p.stdout)
    # simulated banner
    subprocess.run(["sqlite3", db, "INSERT INTO meta VALUES ('simulated', '1')"], check=True)
    check("simulated banner", "SIMULATED" in run("stats", "--db", db).stdout)
    p = run("stats", "--db", db, "--format", "csv")
    check("simulated csv: data only, the mark on stderr and in JSON",
          p.stdout.startswith("period,") and "#" not in p.stdout and "SIMULATED" in p.stderr)
    check("simulated in json", stats()[1]["simulated"] is True)
    # the seed article's claims
    p = run("check", root + "/examples/seed-article-claims.yaml", "--format", "json", code=1)
    v = {c["id"]: c["verdict"] for c in json.loads(p.stdout)["rows"]}
    check("seed verdicts", v == {"desertion-h1-2023": "mislabelled", "double-2022": "mislabelled",
                                 "triple-2021": "mislabelled", "requests-sep-nov-2023": "holds",
                                 "requests-growth": "holds"})
    why = {c["id"]: c["why"] + " " + (c["caveat"] or "") for c in json.loads(p.stdout)["rows"]}
    check("mislabel reasons", "art. 337" in why["desertion-h1-2023"] and "cases_received" in why["desertion-h1-2023"]
          and "181 days" in why["double-2022"])
    # a claim that holds, a contradicted one, one from our db; exit 0 only when all hold
    open(tmp + "/ok.yaml", "w").write('claims:\n  - id: mz\n    text: "5024 AWOL cases received in 2023"\n    kind: count\n    value: 5024\n    says: {unit: cases_received, articles: "337", period: 2023-01-01..2023-12-29}\n')
    check("holds exits 0", json.loads(run("check", tmp + "/ok.yaml", "--format", "json").stdout)["rows"][0]["verdict"] == "holds")
    open(tmp + "/bad.yaml", "w").write('claims:\n  - id: x\n    kind: count\n    value: 6000\n    says: {unit: cases_received, articles: "337", period: "2023"}\n    figure: MZ-007\n  - id: ours\n    kind: count\n    value: 2\n    from: db\n    says: {unit: cases_received, articles: "337", period: 2023-01}\n')
    p = run("check", "--db", db, tmp + "/bad.yaml", "--format", "json", code=1)
    v = {c["id"]: (c["verdict"], c["lower_bound"]) for c in json.loads(p.stdout)["rows"]}
    # no crawl recorded: our count is a lower bound, never a confirmation
    check("contradicted and counted from db", v == {"x": ("contradicted", False), "ours": ("unverifiable", True)})
    for name, text, needle in [
            ("syntax", "claims:\n  - id: [unclosed\n", "bad.yaml"),
            ("unit", 'claims:\n  - id: u\n    kind: count\n    value: 1\n    says: {unit: apples, period: "2023"}\n', "unknown unit"),
            ("period", 'claims:\n  - id: p\n    kind: count\n    value: 1\n    says: {unit: requests, period: 2023-13}\n', "impossible period"),
            ("kind", 'claims:\n  - id: k\n    kind: guess\n    value: 1\n    says: {unit: requests, period: "2023"}\n', "unknown kind")]:
        open(tmp + "/bad.yaml", "w").write(text)
        p = run("check", tmp + "/bad.yaml", code=2)
        check("bad claims file: " + name, needle in p.stderr and "bad.yaml" in p.stderr)
    open(tmp + "/id.yaml", "w").write('claims:\n  - id: i\n    kind: count\n    value: 1\n    says: {unit: requests, period: "2023"}\n    figure: NOPE-1\n')
    p = run("check", tmp + "/id.yaml", "--format", "json", code=1)
    check("unknown figure id", json.loads(p.stdout)["rows"][0]["verdict"] == "unverifiable" and "NOPE-1" in json.loads(p.stdout)["rows"][0]["why"])
    # figures
    check("figures list", "MZ-006" in run("figures", "list", "--article", "337", "--format", "csv").stdout)
    open(tmp + "/f.csv", "w").write("id,metric,value,unit,articles,period_start,period_end,geography,source,published,url\nT-1,test,12x,cases_received,337,2023-01-01,2023-12-31,g,s,2024-01-01,u\n")
    p = run("figures", "import", tmp + "/f.csv", "--db", db, code=2)
    check("non-numeric figure named by line", "f.csv:2" in p.stderr)
    open(tmp + "/f.csv", "w").write("id,metric,value\nT-1,test,12\n")
    check("missing columns", "missing column" in run("figures", "import", tmp + "/f.csv", "--db", db, code=2).stderr)
    # exports: RFC 4180 quoting, one row per entity
    import csv, io
    out = run("export", "--db", db, "--what", "cases", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    check("export cases", len(rows) == 5 and "\n" in rows[2]["result"])
    out = run("export", "--db", db, "--what", "charges", "--format", "jsonl").stdout
    check("export charges jsonl", len(out.splitlines()) == 7 and json.loads(out.splitlines()[0])["article"] == "337")
    run("export", "--db", db, "--what", "persons", "--out", tmp + "/p.csv")
    check("export --out", open(tmp + "/p.csv", newline="").read().count("\r\n") == 7)
    run("export", "--db", db, "--what", "nope", code=2)
    # the case-count summary (built by the first stats on this database, written by
    # raw SQL): the same rows as the general query, also after a change by SQL
    def same_both_ways(*args):
        a = run("stats", "--db", db, "--format", "json", *args).stdout
        b = subprocess.run([awol, "stats", "--db", db, "--format", "json"] + list(args),
                           capture_output=True, text=True,
                           env=dict(os.environ, AWOL_STATS_NO_FAST="1")).stdout
        return a == b and json.loads(a)["rows"]
    queries = [("--by", "month", "--group", "article"),
               ("--by", "year", "--group", "court", "--from", "2023-01-01", "--to", "2023-12-31"),
               ("--by", "week", "--group", "outcome", "--article", "337,338"),
               ("--by", "quarter", "--group", "district", "--date", "decided",
                "--from", "2022-02-14", "--to", "2023-07-01")]
    check("summary gives the general query's rows", all(same_both_ways(*q) for q in queries))
    def sql(q):
        return subprocess.run(["sqlite3", db, q], capture_output=True, text=True, check=True).stdout.strip()
    check("stats built the summary", int(sql("SELECT count(*) FROM case_counts")) > 0)
    sql("UPDATE charges SET article = '338' WHERE id = 4")
    check("stale after a change by SQL", sql("SELECT (SELECT value FROM meta WHERE key = 'data_generation') "
                                             "!= (SELECT value FROM meta WHERE key = 'case_counts_generation')") == "1")
    check("same rows after the change", all(same_both_ways(*q) for q in queries))
    check("refresh: up to date", "already up to date" in run("refresh", "--db", db).stderr)
    check("refresh --force", "rebuilt" in run("refresh", "--db", db, "--force").stderr)
    run("refresh", "--db", tmp + "/missing.db", code=1)
    run("refresh", code=2)
    # a crawl holding the write lock: stats does not wait for it, and counts right anyway
    import sqlite3, threading, time
    sql("UPDATE charges SET article = '337' WHERE id = 4")
    writer = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    t0 = time.time()
    r = run("stats", "--db", db, "--format", "json", "--by", "month", "--group", "article")
    took = time.time() - t0
    writer.execute("COMMIT")
    writer.close()
    check("stats under a writer's lock does not wait for it", took < 5 and "not updated" in r.stderr)
    general = subprocess.run([awol, "stats", "--db", db, "--format", "json", "--by", "month",
                              "--group", "article"], capture_output=True, text=True,
                             env=dict(os.environ, AWOL_STATS_NO_FAST="1")).stdout
    check("and counts what the general query counts", r.stdout == general and json.loads(general)["rows"])
except AssertionError as e:
    failed += 1
    print("FAIL:", e)
print("stats_cli: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
