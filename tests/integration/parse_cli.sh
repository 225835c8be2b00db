#!/usr/bin/env bash
# End-to-end checks of `awol parse`, `awol cases`, `awol courts` and the
# CLI's exit statuses, on the fixture pages and on bad input.
set -u
awol=${1:?usage: parse_cli.sh AWOL}
fx=${AWOL_FIXTURES:?}/sudrf
py=/usr/bin/python3
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if "$@"; then ok; else bad "$*"; fi; }

# 1. every fixture: one JSON object per page, the fields of the contract
"$awol" parse --json "$fx" >"$tmp/all.jsonl" 2>"$tmp/err"
check test $? -eq 0
check test "$(wc -l <"$tmp/all.jsonl")" -eq "$(ls "$fx"/*.html | wc -l)"
"$py" - "$tmp/all.jsonl" <<'PY' && ok || bad "JSON fields"
import json, sys
keys = ["file", "kind", "template", "court", "case", "persons", "parties", "events", "acts",
        "listing", "captcha", "error"]
pages = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    assert list(d.keys()) == keys, d.keys()
    pages[d["file"].split("/")[-1]] = d
c = pages["card_criminal_1inst_primary.html"]
assert c["kind"] == "card" and c["template"] == "primary"
assert c["case"]["number"] == "1-151/2026" and c["case"]["uid"] == "03RS0003-01-2026-003803-62"
assert c["case"]["received"] == "2026-04-22" and c["case"]["decided"] == "2026-05-06"
assert c["case"]["proceeding"] == "criminal" and c["case"]["instance"] == "first"
a = c["persons"][0]["articles"][0]
assert (a["law"], a["article"], a["part"], a["point"]) == ("УК РФ", "173.1", "2", "б"), a
assert c["case"]["result"].startswith("Уголовное дело ПРЕКРАЩЕНО\nназначена")
assert len(c["events"]) == 5 and c["court"]["code"] == "03RS0004"
l = pages["listing_civil_cassation_primary.html"]["listing"]
assert l["total"] == 530 and l["page_rows"] == 25 and len(l["rows"]) == 25 and l["next_url"]
assert set(l["rows"][0]) == {"number", "case_id", "case_uid", "url", "received", "judge",
                             "decided", "result", "text"}
kinds = {k: v["kind"] for k, v in pages.items()}
assert kinds["empty_no_data.html"] == "empty"
assert kinds["unavailable_throttled.html"] == "unavailable"
assert kinds["server_chooser.html"] == "chooser"
assert kinds["captcha_search_form_cp1251.html"] == "captcha"
assert pages["captcha_search_form_cp1251.html"]["captcha"]["image_png_base64"].startswith("iVBOR")
assert kinds["card_civil_1inst_vnkod.html"] == "card"
assert pages["card_civil_1inst_vnkod.html"]["template"] == "vnkod"
assert all(v["error"] is None for v in pages.values())
PY

# 2. stdin, and JSON by default when stdout is not a terminal
"$awol" parse - <"$fx/empty_no_data.html" >"$tmp/stdin.json"
check test $? -eq 0
check grep -q '"kind":"empty"' "$tmp/stdin.json"
check grep -q '"file":"-"' "$tmp/stdin.json"

# 3. bad input: reported by name, the others still parsed, exit 1
mkdir "$tmp/bad"
: >"$tmp/bad/empty.html"
head -c 5000 /dev/urandom >"$tmp/bad/garbage.html"
head -c 20000 "$fx/card_criminal_1inst_primary.html" >"$tmp/bad/truncated.html"
ln -s "$tmp/nowhere.html" "$tmp/bad/dangling.html"
truncate -s 200M "$tmp/bad/huge.html"
cp "$fx/empty_no_data.html" "$tmp/bad/good.html"
"$awol" parse --json "$tmp/bad" >"$tmp/bad.jsonl" 2>"$tmp/bad.err"
check test $? -eq 1
check grep -q "empty.html: empty page" "$tmp/bad.err"
check grep -q "garbage.html" "$tmp/bad.err"
check grep -q "dangling.html" "$tmp/bad.err"
check grep -q "huge.html.*limit" "$tmp/bad.err"
check grep -q '"kind":"empty"' "$tmp/bad.jsonl"
check test "$(grep -c . "$tmp/bad.jsonl")" -ge 5

# 4. usage errors: exit 2
"$awol" parse >/dev/null 2>&1; check test $? -eq 2
"$awol" parse --bogus x >/dev/null 2>&1; check test $? -eq 2
"$awol" nosuchcommand >/dev/null 2>&1; check test $? -eq 2
"$awol" courts --format xml >/dev/null 2>&1; check test $? -eq 2
"$awol" parse --help | grep -q -- "--keep-names"; check test $? -eq 0
"$awol" help cases | grep -q -- "--article"; check test $? -eq 0
"$awol" --version | grep -q "^awol "; check test $? -eq 0

# 5. --db: import, list, article filter, no names in the file
"$awol" parse --db "$tmp/p.db" "$fx" 2>"$tmp/db.err"
check test $? -eq 0
check test -f "$tmp/p.db.key"
check test "$(stat -c %a "$tmp/p.db.key")" = 600
"$awol" cases --db "$tmp/p.db" --format csv >"$tmp/cases.csv"
check grep -q "1-151/2026" "$tmp/cases.csv"
# 337: the two criminal cards, the card with embedded acts (the VNKOD copy with acts is the same case)
check test "$("$awol" cases --db "$tmp/p.db" --article 337 --format json | "$py" -c 'import json,sys; print(len(json.load(sys.stdin)["rows"]))')" = 3
if grep -q "Попова Анна Ивановна" "$tmp/p.db"; then bad "a defendant's name is in the database"; else ok; fi
"$awol" parse --db "$tmp/p.db" "$fx" 2>/dev/null
check test "$(sqlite3 "$tmp/p.db" 'SELECT count(*) FROM cases')" = 8
check test "$(sqlite3 "$tmp/p.db" '.tables' | grep -c -w -E 'cases|persons|charges|events|parties|acts|pages|courts')" -ge 1
"$awol" cases --db "$tmp/missing.db" >/dev/null 2>"$tmp/miss.err"; check test $? -eq 1
check grep -q "missing.db" "$tmp/miss.err"

# 6. courts
check test "$("$awol" courts --level garrison --format csv | tail -n +2 | wc -l)" = 104
"$awol" courts --format json | "$py" -c 'import json,sys; d=json.load(sys.stdin)["rows"]; assert len(d)==115 and d[0]["code"]' && ok || bad "courts json"

echo "parse_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
