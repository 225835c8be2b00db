#!/usr/bin/env bash
# Bad input at the command line (issue 8, observation 4): every mistyped value is a usage
# error (exit 2) whose message names it, with a suggestion for a near miss, and nothing is
# written; the shared validators (src/cli/validate.c) behind crawl, stats, cases, figures.
# Also КоАП cards (observation 10): their persons are parsed and never counted.
# With AWOL-SIM, a crawl shows what a valid selection is expanded to.
set -u
awol=${1:?usage: validate_cli.sh AWOL [AWOL-SIM]}
sim=${2:-}
fx=${AWOL_FIXTURES:?}/sudrf
. "$(dirname "$0")/sim_lib.sh"

# expect RC PATTERN CMD...: the exit status is RC and stderr matches the grep -E PATTERN
# (a command that accepted its bad input and went on is stopped after 10 s: exit 124)
expect() {
	local want=$1 pat=$2 rc
	shift 2
	timeout 10 "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "exit $rc, not $want: $* ($(head -c 300 "$tmp/err"))"
	elif [ -n "$pat" ] && ! grep -q -E -- "$pat" "$tmp/err"; then
		bad "stderr of '$*' lacks /$pat/: $(head -c 300 "$tmp/err")"
	else
		ok
	fi
}
db="$tmp/never.db"
# a crawl that wrongly accepts its input goes to a closed loopback port, never to the courts
crawl=("$awol" crawl --db "$db" --from 2023-01-01 --to 2023-01-31 --connect-to 127.0.0.1:1
	--timeout 1 --quiet)

# 1. commands and options: near misses are suggested
expect 2 "'stast' is not an awol command; did you mean 'stats'\?" "$awol" stast
expect 2 "'frobnicate' is not an awol command\. See" "$awol" frobnicate
expect 2 "unknown option '--verison'; did you mean '--version'\?" "$awol" --verison
expect 2 "did you mean 'crawl'" "$awol" help crwal
expect 0 "" "$awol" help --help
check grep -q "usage: awol help" "$tmp/out"
expect 0 "" "$awol" help help
check grep -q "usage: awol help" "$tmp/out"
expect 0 "" "$awol" help stats
check grep -q -- "--article" "$tmp/out"
expect 2 "unknown option '--artcle'; did you mean '--article'\?" "$awol" stats --db x --artcle 337
expect 2 "unknown option '--cortus'; did you mean '--courts'\?" "${crawl[@]}" --cortus 77GV0005
expect 2 "unknown option '--zzzzzz' \(see 'awol crawl --help'\)" "${crawl[@]}" --zzzzzz
expect 2 "--group must be one of: .*got 'regoin'; did you mean 'region'\?" \
	"$awol" stats --db x --group regoin

# 2. courts: codes, levels, names
expect 2 "unknown court '99GV0001'; did you mean 39GV0001 " "${crawl[@]}" --courts 99GV0001
expect 2 "unknown court '77GV0005x'; did you mean 77GV0005 " "${crawl[@]}" --courts 77GV0005,77GV0005x
expect 2 "unknown court 'distrcit'; did you mean district\?" "${crawl[@]}" --courts distrcit
expect 2 "unknown court 'XYZZY123456' \(give court codes" "${crawl[@]}" --courts XYZZY123456
expect 2 "'235 гарнизонный военный суд' is a court's name; give its code: 77GV0005" \
	"${crawl[@]}" --courts "235 гарнизонный военный суд"
expect 2 "unknown court 'Тверской'; did you mean 77GV0011 \(Тверской гарнизонный военный суд\)\?" \
	"${crawl[@]}" --courts Тверской
expect 2 "the appeal court hears no criminal case at first instance" "${crawl[@]}" --courts appeal
expect 2 "the cassation court hears" "${crawl[@]}" --courts cassation
expect 2 "50AV0000 \(Апелляционный военный суд\) is the appeal court" "${crawl[@]}" --courts 50AV0000
expect 2 "court 61GV0020 \(Донецкий гарнизонный военный суд\) has no site" "${crawl[@]}" --courts 61GV0020
expect 2 "--courts ',' selects no court" "${crawl[@]}" --courts ,
expect 2 "--courts '' selects no court" "${crawl[@]}" --courts ""

# 3. articles: numbers of the Criminal Code, everywhere
expect 2 "--articles: 'AWOL' is not an article of the Criminal Code" "${crawl[@]}" --articles 337,AWOL
expect 2 "--articles: '999' is not an article" "${crawl[@]}" --articles 999
expect 2 "--articles: '337.' is not an article" "${crawl[@]}" --articles 337.
expect 2 "--articles '337,,338': an empty article in the list" "${crawl[@]}" --articles 337,,338
expect 2 "--articles '': an empty article selects nothing" "${crawl[@]}" --articles ""
expect 2 "--article: 'AWOL' is not an article of the Criminal Code" \
	"$awol" stats --db "$db" --article AWOL
expect 2 "--article: 'AWOL' is not an article" "$awol" cases --db "$db" --article AWOL
expect 2 "--article: '33x' is not an article" "$awol" cases --db "$db" --article 337,33x
expect 2 "--article: 'x' is not an article" "$awol" figures list --article x
expect 2 "--part: 'x' is not a part of an article" "$awol" stats --db "$db" --article 337 --part x
expect 2 "--part: 'y' is not a part of an article" "$awol" stats --db "$db" --part 3.1,y

# 4. dates and periods
expect 2 "^awol crawl: --from 2023-02-30 is not a date YYYY-MM-DD$" \
	"${crawl[@]}" --from 2023-02-30 --to 2023-12-31
expect 2 "--to 31.12.2023 is not a date YYYY-MM-DD" "${crawl[@]}" --to 31.12.2023
expect 2 "--from 2024-01-01 is after --to 2023-12-31" "${crawl[@]}" --from 2024-01-01 --to 2023-12-31
expect 2 "^awol stats: --from 2023-13-01 is not a date YYYY-MM-DD$" \
	"$awol" stats --db "$db" --from 2023-13-01
expect 2 "--from 2024-01-01 is after --to 2023-12-31" \
	"$awol" stats --db "$db" --from 2024-01-01 --to 2023-12-31

# 5. --connect-to
expect 2 "--connect-to localhost: expected HOST:PORT" "${crawl[@]}" --connect-to localhost
expect 2 "--connect-to :8080: expected HOST:PORT" "${crawl[@]}" --connect-to :8080
expect 2 "--connect-to localhost:99999: the port must be a number from 1 to 65535" \
	"${crawl[@]}" --connect-to localhost:99999
expect 2 "--connect-to 127.0.0.1:http: the port" "${crawl[@]}" --connect-to 127.0.0.1:http
expect 2 "--connect-to 127.0.0.1:0: the port" "${crawl[@]}" --connect-to 127.0.0.1:0

# nothing above wrote a database
check test ! -e "$db"

# 6. КоАП cards: persons and articles from the parties tab, both templates; never counted
"$awol" parse --json "$fx/handmade_card_koap_primary.html" "$fx/handmade_card_koap_vnkod.html" \
	>"$tmp/koap.jsonl"
check test $? -eq 0
"$py" - "$tmp/koap.jsonl" <<'PY' && ok || bad "КоАП persons"
import json, sys
p, v = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
for d in (p, v):
    assert d["case"]["proceeding"] == "koap", d["case"]
    assert len(d["persons"]) == 1, d["persons"]
    assert d["persons"][0]["role"] == "defendant"
    assert [x["role"] for x in d["parties"]] == ["ЗАЩИТНИК"], d["parties"]
a = p["persons"][0]["articles"]
assert p["persons"][0]["name"] == "Зайцев Олег Викторович"
assert [(x["law"], x["article"], x["part"]) for x in a] == [("КоАП РФ", "12.26", "1")], a
a = v["persons"][0]["articles"]
assert v["persons"][0]["name"] == "Информация скрыта"
assert [(x["law"], x["article"], x["part"]) for x in a] == [("КоАП РФ", "12.8", "1"),
                                                           ("КоАП РФ", "12.7", "2")], a
PY
"$awol" parse --db "$tmp/k.db" "$fx/handmade_card_koap_primary.html" \
	"$fx/handmade_card_koap_vnkod.html" "$fx/handmade_card_criminal_2defendants_cp1251.html" \
	2>/dev/null
check test $? -eq 0
check test "$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM charges WHERE law = 'КоАП РФ'")" = 3
for fast in 0 1; do
	for unit in cases charges; do
		AWOL_STATS_NO_FAST=$fast "$awol" stats --db "$tmp/k.db" --by year --group article \
			--unit $unit --format json >"$tmp/s.json"
		"$py" - "$tmp/s.json" $unit <<'PY' && ok || bad "КоАП counted (fast=$fast unit=$unit)"
import json, sys
d = json.load(open(sys.argv[1]))
groups = {r["group"] for r in d["rows"]}
assert not any(g and g.startswith("12.") for g in groups), groups
assert d["total"] == (1 if sys.argv[2] == "cases" else 3), d["total"]
PY
	done
done

# 7. with the simulator: what a valid selection is expanded to
if [ -n "$sim" ]; then
	start_sim sel none
	"$awol" crawl --db "$tmp/sel.db" --courts "77gv0011, fleet,235gvs.msk.sudrf.ru" \
		--articles 337 --from 2023-01-01 --to 2023-01-31 --connect-to "127.0.0.1:$port" \
		--per-court-interval 0.002 --global-interval 0 --quiet >/dev/null 2>"$tmp/sel.err"
	check test $? -eq 0
	check test "$(sqlite3 "$tmp/sel.db" "SELECT group_concat(court_code) FROM (SELECT \
		court_code FROM court_status ORDER BY 1)")" = "25OV0000,39OV0000,51OV0000,77GV0005,77GV0011"
	stop_sim
fi

echo "validate_cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
