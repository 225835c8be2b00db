#!/usr/bin/env bash
# Outputs for other tools, as a journalist's tools see them: every command that
# prints data, with --format json through a JSON parser, jsonl line by line and
# csv through pandas.read_csv with its defaults (snake_case header, numeric
# columns numeric, no comments, no total rows); the data package checked
# against its own CSV files; the cases filters; and the simulated mark kept
# by reparse and carried by every export.  Data: a small crawl of awol-sim.
set -u
awol=${1:?usage: outputs_cli.sh AWOL AWOL-SIM}
sim=${2:?usage: outputs_cli.sh AWOL AWOL-SIM}
. "$(dirname "$0")/sim_lib.sh"
fixtures=$(cd "$(dirname "$0")/../fixtures/sudrf" && pwd)

if ! "$py" -c 'import pandas' 2>/dev/null; then
	echo "outputs_cli: python3-pandas is missing (scripts/install-deps.sh installs it)"
	exit 1
fi

start_sim sim none
"$awol" crawl --db "$tmp/sim.db" --from 2023-01-01 --to 2023-03-31 --articles 337,338 \
	--connect-to "127.0.0.1:$port" --per-court-interval 0.002 --global-interval 0 \
	--timeout 2 --quiet --archive "$tmp/arc" >/dev/null 2>"$tmp/crawl.err"
check test $? = 0
stop_sim
db=$tmp/sim.db

# --- the simulated mark survives reparse -------------------------------------------
"$awol" reparse --db "$tmp/re.db" --archive "$tmp/arc" 2>"$tmp/reparse.err"
check test $? = 0
check test "$(sqlite3 "$tmp/re.db" "SELECT value FROM meta WHERE key = 'simulated'")" = 1
check grep -q SIMULATED "$tmp/reparse.err"

# --- JSON documents, JSON Lines and CSV of every command that prints data -----------
# NAME|COMMAND... (run with --format FMT added); sim=1: the rows rest on simulated data
listings=(
	"cases|1|cases --db $db"
	"cases_filtered|1|cases --db $db --article 338 --from 2023-02-01 --to 2023-03-31"
	"cases_reparsed|1|cases --db $tmp/re.db"
	"courts|0|courts"
	"courts_db|0|courts --db $db --level garrison"
	"coverage|1|coverage --db $db"
	"figures|0|figures list"
	"captcha|0|captcha --db $db"
)
for w in cases persons charges events coverage court_coverage; do
	listings+=("export_$w|1|export --db $db --what $w")
done
listings+=("export_reparsed|1|export --db $tmp/re.db --what cases")

json_doc() { # FILE SIM: one object with rows, count and awol_version (and simulated)
	"$py" - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(d, dict), "not an object"
assert isinstance(d.get("rows"), list), "no rows array"
assert d.get("count") == len(d["rows"]), "count is not the number of rows"
assert d.get("awol_version"), "no awol_version"
if sys.argv[2] == "1":
    assert d.get("simulated") is True, "simulated data not marked"
    assert isinstance(d.get("coverage"), dict) and isinstance(d.get("query"), dict)
for r in d["rows"]:
    assert isinstance(r, dict), r
PY
}

json_lines() { # FILE SIM: one object a line, each marked simulated
	"$py" - "$1" "$2" <<'PY'
import json, sys
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    assert isinstance(o, dict), line
    if sys.argv[2] == "1":
        assert o.get("simulated") is True, "line not marked simulated: " + line
    n += 1
assert n > 0, "no lines"
PY
}

# pandas defaults; the JSON of the same command says which columns hold numbers
csv_clean() { # CSV JSON
	"$py" - "$1" "$2" <<'PY'
import json, re, sys
import pandas as pd
raw = open(sys.argv[1], encoding="utf-8").read()
assert not raw.startswith("#") and "\n#" not in raw, "comment line in CSV"
df = pd.read_csv(sys.argv[1])
for c in df.columns:
    assert re.fullmatch(r"[a-z][a-z0-9_]*", c), "header not snake_case: %r" % c
rows = json.load(open(sys.argv[2], encoding="utf-8"))["rows"]
assert len(df) == len(rows), "CSV has %d rows, JSON %d" % (len(df), len(rows))
for c in df.columns:
    vals = [r.get(c) for r in rows]
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        assert pd.api.types.is_numeric_dtype(df[c]), "column %s is not numeric: %s" % (c, df[c].dtype)
for v in df.astype(str).values.ravel():
    assert v.strip().lower() not in ("total", "(total)", "all", "(all)", "итого"), "a total row: %r" % v
PY
}

for l in "${listings[@]}"; do
	name=${l%%|*}
	rest=${l#*|}
	simflag=${rest%%|*}
	cmd=${rest#*|}
	# shellcheck disable=SC2086
	"$awol" $cmd --format json >"$tmp/$name.json" 2>"$tmp/$name.err"
	check test $? = 0
	json_doc "$tmp/$name.json" "$simflag" || bad "$name: --format json"
	# shellcheck disable=SC2086
	"$awol" $cmd --format csv >"$tmp/$name.csv" 2>"$tmp/$name.csverr"
	check test $? = 0
	if [ "$(wc -l <"$tmp/$name.csv")" -gt 0 ]; then
		csv_clean "$tmp/$name.csv" "$tmp/$name.json" || bad "$name: --format csv"
	fi
	# CSV has no field for it: the warning goes to stderr
	if [ "$simflag" = 1 ]; then
		grep -q SIMULATED "$tmp/$name.csverr" || bad "$name: csv without the simulated warning"
	fi
done

# JSON Lines where the rows stream
for l in "cases|cases --db $db" "cases_reparsed|cases --db $tmp/re.db" \
	"export|export --db $db --what cases" "export_events|export --db $tmp/re.db --what events"; do
	name=${l%%|*}
	# shellcheck disable=SC2086
	"$awol" ${l#*|} --format jsonl >"$tmp/$name.jsonl" 2>/dev/null
	check test $? = 0
	json_lines "$tmp/$name.jsonl" 1 || bad "$name: --format jsonl"
done
"$awol" parse --json "$fixtures/card_criminal_1inst_primary.html" >"$tmp/parse.jsonl"
check test $? = 0
json_lines "$tmp/parse.jsonl" 0 || bad "parse: JSON Lines"

# a table for people, the same rows as the JSON
"$awol" cases --db "$db" >"$tmp/cases.txt"
check grep -q '^\*\*\* SIMULATED DATA' "$tmp/cases.txt"
check test "$(grep -c '' "$tmp/cases.txt")" -eq "$(($("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["count"])' "$tmp/cases.json") + 3))"

# --- cases filters: the field names and values of export ----------------------------
"$py" - "$tmp/cases.json" "$tmp/cases_filtered.json" "$tmp/export_cases.json" <<'PY' || bad "cases filters"
import json, sys
every = json.load(open(sys.argv[1]))["rows"]
some = json.load(open(sys.argv[2]))
export = json.load(open(sys.argv[3]))["rows"]
rows = some["rows"]
assert rows and len(rows) < len(every), (len(rows), len(every))
assert all("338" in r["charges"] for r in rows), "a case without 338"
assert all("2023-02-01" <= r["received"] <= "2023-03-31" for r in rows)
assert some["query"]["article"] == "338" and some["query"]["from"] == "2023-02-01"
# every column of `cases` is a column of `export --what cases`, with the same values
ex = {(r["court_code"], r["uid"]): r for r in export}
for r in every:
    e = ex[(r["court_code"], r["uid"])]
    for k, v in r.items():
        assert e[k] == v, (k, v, e[k])
for k in ("outcome", "court_name", "region"):
    assert all(k in r for r in export), "export lacks " + k
PY
court=$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["rows"][0]["court_code"])' "$tmp/cases.json")
"$awol" cases --db "$db" --court "$court" --outcome convicted --format json >"$tmp/court.json"
check test $? = 0
"$py" - "$tmp/court.json" "$court" <<'PY' || bad "cases --court --outcome"
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
assert rows and all(r["court_code"] == sys.argv[2] and r["outcome"] == "convicted" for r in rows)
PY
# --outcome terminated takes every terminated:...; --date decided moves --from/--to
"$awol" cases --db "$db" --outcome terminated --date decided --from 2023-01-01 --to 2023-12-31 \
	--format json >"$tmp/term.json"
check test $? = 0
"$py" - "$tmp/term.json" "$tmp/cases.json" <<'PY' || bad "cases --outcome terminated --date decided"
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
every = json.load(open(sys.argv[2]))["rows"]
want = [r for r in every if r["outcome"].startswith("terminated:") and r["decided"]
        and "2023-01-01" <= r["decided"] <= "2023-12-31"]
assert rows and len(rows) == len(want), (len(rows), len(want))
assert len({r["outcome"] for r in rows}) > 1, "only one kind of termination"
PY
region=$(sqlite3 "$db" "SELECT k.region FROM cases c JOIN courts k ON k.code = c.court_code LIMIT 1")
"$awol" export --db "$db" --what cases --region "$region" --format jsonl >"$tmp/region.jsonl"
check test $? = 0
"$py" - "$tmp/region.jsonl" "$region" <<'PY' || bad "export --region"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows and all(r["region"] == sys.argv[2] for r in rows)
PY
for bad_opt in "--court 99GV0001" "--region Atlantis" "--outcome acquitted" "--from 2023-13-01" \
	"--from 2023-03-01 --to 2023-02-01" "--article AWOL" "--format xml"; do
	# shellcheck disable=SC2086
	"$awol" cases --db "$db" $bad_opt >/dev/null 2>"$tmp/bad.err"
	check test $? = 2
	check grep -q "${bad_opt##* }" "$tmp/bad.err"
done
"$awol" export --db "$db" --what coverage --outcome convicted >/dev/null 2>&1
check test $? = 2

# --- the data package --------------------------------------------------------------
for src in sim re; do
	"$awol" export --db "$tmp/$src.db" --datapackage "$tmp/pkg-$src" --article 337,338 2>/dev/null
	check test $? = 0
	"$py" - "$tmp/pkg-$src" "$src" <<'PY' || bad "datapackage of $src.db"
import json, os, sys
import pandas as pd
d = sys.argv[1]
p = json.load(open(os.path.join(d, "datapackage.json"), encoding="utf-8"))
assert p["profile"] == "tabular-data-package"
assert p["name"] and p["created"] and p["sources"] and p["resources"]
assert p["simulated"] is True and "SIMULATED" in p["title"]
assert p["awol_version"] and p["query"]["article"] == "337,338"
assert isinstance(p["coverage"], dict)
names = [r["name"] for r in p["resources"]]
for want in ("cases", "persons", "charges", "events", "coverage"):
    assert want in names, "no resource " + want
for r in p["resources"]:
    f = os.path.join(d, r["path"])
    assert os.path.isfile(f), "missing " + r["path"]
    assert os.path.getsize(f) == r["bytes"]
    fields = r["schema"]["fields"]
    df = pd.read_csv(f)
    assert list(df.columns) == [x["name"] for x in fields], (r["name"], list(df.columns))
    for x in fields:
        assert x["type"] in ("string", "integer", "number", "boolean", "date", "datetime"), x
        assert x.get("description"), x
        col = df[x["name"]].dropna()
        if x["type"] in ("integer", "number", "boolean"):
            assert pd.api.types.is_numeric_dtype(col) or col.empty, (r["name"], x["name"], df[x["name"]].dtype)
        if x["type"] == "integer":
            assert (col == col.round()).all()
        if x["type"] == "boolean":
            assert set(col.unique()) <= {0, 1}
        if x["type"] == "date":
            pd.to_datetime(col, format="%Y-%m-%d")
        if x["type"] == "datetime":
            pd.to_datetime(col, format="%Y-%m-%dT%H:%M:%SZ")
    pk = r["schema"].get("primaryKey")
    if pk:
        assert df[pk].is_unique, (r["name"], pk)
    for fk in r["schema"].get("foreignKeys", []):
        other = [o for o in p["resources"] if o["name"] == fk["reference"]["resource"]][0]
        od = pd.read_csv(os.path.join(d, other["path"]))
        assert set(df[fk["fields"]].dropna()) <= set(od[fk["reference"]["fields"]]), fk
cases = pd.read_csv(os.path.join(d, "cases.csv"))
assert len(cases) > 0 and "outcome" in cases and "court_name" in cases and "region" in cases
PY
done
# an existing package is replaced file by file; a failed export leaves no temporary files
"$awol" export --db "$db" --datapackage "$tmp/pkg-sim" --court "$court" 2>/dev/null
check test $? = 0
check test "$(ls "$tmp/pkg-sim" | grep -c tmp)" = 0
check test "$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["query"]["court"])' "$tmp/pkg-sim/datapackage.json")" = "$court"
: >"$tmp/afile"
"$awol" export --db "$db" --datapackage "$tmp/afile" 2>/dev/null
check test $? = 1
check test "$(ls "$tmp" | grep -c 'afile.tmp')" = 0

# --- stats and check: their own documents (docs/counting.md, docs/claims.md), the same CSV rules
root=$(cd "$(dirname "$0")/../.." && pwd)
for l in "stats|0|stats --db $db" \
	"stats_grouped|0|stats --db $db --by quarter --group article,outcome --share" \
	"stats_part|0|stats --db $db --by year --article 337 --part 3.1,5 --from 2023-02-01" \
	"stats_compare|0|stats --db $db --by half --article 337 --compare" \
	"check|1|check --db $db $root/examples/claims-every-kind.yaml" \
	"check_seed|1|check $root/examples/seed-article-claims.yaml"; do
	name=${l%%|*}
	rest=${l#*|}
	want=${rest%%|*}
	cmd=${rest#*|}
	# shellcheck disable=SC2086
	"$awol" $cmd --format json >"$tmp/$name.json" 2>/dev/null
	check test $? = "$want"
	"$py" - "$tmp/$name.json" <<'PY' || bad "$name: --format json"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(d, dict) and isinstance(d.get("rows"), list) and d["rows"], "no rows"
assert "simulated" in d, "no simulated field"
PY
	# shellcheck disable=SC2086
	"$awol" $cmd --format csv >"$tmp/$name.csv" 2>/dev/null
	check test $? = "$want"
	"$py" - "$tmp/$name.csv" <<'PY' || bad "$name: --format csv"
import re, sys
import pandas as pd
raw = open(sys.argv[1], encoding="utf-8").read()
assert raw and not raw.startswith("#") and "\n#" not in raw, "comment line in CSV"
df = pd.read_csv(sys.argv[1])
assert len(df) > 0
for c in df.columns:
    assert re.fullmatch(r"[a-z][a-z0-9_]*", c), "header not snake_case: %r" % c
for c in ("count", "days", "claimed", "published"):
    if c in df.columns:
        assert pd.api.types.is_numeric_dtype(df[c]), "%s not numeric: %s" % (c, df[c].dtype)
for v in df.astype(str).values.ravel():
    assert v.strip().lower() not in ("total", "(total)"), "a total row: %r" % v
PY
done

echo "outputs_cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
