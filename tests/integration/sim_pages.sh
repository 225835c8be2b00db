#!/usr/bin/env bash
# The simulator's answers that the crawler's act fetching and server handling rely on:
# a VNKOD act link (&_doc=K) answers with the card, some act texts carry a message phrase
# and still parse as acts, and the deadserver fault (not part of `all`) takes down the
# last server of multi-server courts only.
set -u
awol=${1:?usage: sim_pages.sh AWOL AWOL-SIM}
sim=${2:?usage: sim_pages.sh AWOL AWOL-SIM}
. "$(dirname "$0")/sim_lib.sh"

# 1. VNKOD act links give the card; act texts with «Ничего не найдено» are acts
start_sim pages none
"$py" - "$port" "$tmp/pages.truth" "$awol" "$tmp" <<'PY' && ok || bad "VNKOD _doc and act texts"
import json, re, subprocess, sys, urllib.request
port, truth, awol, tmp = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
def get(host, q):
    r = urllib.request.Request("http://127.0.0.1:%s/modules.php?name=sud_delo&%s" % (port, q),
                               headers={"Host": host, "User-Agent": "Mozilla/5.0"})
    with urllib.request.urlopen(r, timeout=10) as f:
        return f.read()
def parse(body, name, url):
    p = "%s/%s.html" % (tmp, name)
    open(p, "wb").write(body)
    return json.loads(subprocess.run([awol, "parse", "--json", p], capture_output=True).stdout)
hosts = {}
for l in open(truth, encoding="utf-8"):
    c = json.loads(l)
    hosts.setdefault(c["court_code"], c["host"])
# VNKOD (27GV0006): the listing links the act with &_doc=1, and that URL is the card
lst = get(hosts["27GV0006"], "name_op=r&srv_num=1&_deloId=1540006&case__case_type=0&_new=0"
          "&case__entry_date1d=01.01.2023&case__entry_date2d=31.12.2023").decode("cp1251")
docs = re.findall(r'href="/modules\.php\?([^"]*&_doc=1)"', lst)
assert docs, "no VNKOD act link"
card = get(hosts["27GV0006"], docs[0].split("name=sud_delo&", 1)[1])
j = parse(card, "vnkod_doc", None)
assert j["kind"] == "card" and j["template"] == "vnkod" and j["acts"], j
assert b"tab_content_Document1" in card
# primary: some act pages say «Ничего не найдено» in their text, and are acts all the same
seen = 0
for code, host in sorted(hosts.items()):
    if code in ("27GV0006", "63GV0007") or seen:
        continue
    try:
        lst = get(host, "name_op=r&srv_num=1&delo_id=1540006&case_type=0&new=0&delo_table=u1_case"
                  "&u1_case__ENTRY_DATE1D=01.01.2023&u1_case__ENTRY_DATE2D=31.12.2023").decode("cp1251")
    except Exception:
        continue
    for q in re.findall(r"href='/modules\.php\?name=sud_delo&([^']*name_op=doc[^']*)'", lst):
        if int(re.search(r"number=(\d+)", q).group(1)) % 7 != 3:
            continue
        body = get(host, q)
        assert "Ничего не найдено".encode("cp1251") in body
        j = parse(body, "act", None)
        assert j["kind"] == "act", j["kind"]
        seen += 1
        break
assert seen, "no act text with the phrase"
print("VNKOD _doc gives the card; an act saying «Ничего не найдено» is an act")
PY
stop_sim

# 2. deadserver: the last server of a multi-server court answers 503; not part of `all`
for faults in servers,deadserver all; do
	start_sim "dead-$faults" "$faults"
	"$py" - "$port" "$tmp/dead-$faults.truth" "$faults" <<'PY' && ok || bad "deadserver with $faults"
import json, re, sys, time, urllib.request, urllib.error
port, truth, faults = sys.argv[1], sys.argv[2], sys.argv[3]
def get(host, q):
    r = urllib.request.Request("http://127.0.0.1:%s/modules.php?name=sud_delo%s" % (port, q),
                               headers={"Host": host, "User-Agent": "Mozilla/5.0"})
    # under `all`, 5xx/reset/truncate hit the first attempt at some URLs, and requests closer
    # than the throttle interval get the «Информация временно недоступна» page: ask again
    for _ in range(20):
        try:
            with urllib.request.urlopen(r, timeout=10) as f:
                st, body = f.status, f.read().decode("cp1251")
        except urllib.error.HTTPError as e:
            st, body = e.code, e.read().decode("cp1251")
        except Exception:
            st, body = 0, ""
        if faults != "all" or (st == 200 and "временно недоступна" not in body):
            break
        time.sleep(0.2)
    return st, body
multi = sorted({(c["court_code"], c["host"]) for c in map(json.loads, open(truth, encoding="utf-8")) if c["server"] > 1})
assert multi, "no multi-server court"
for code, host in multi[:3]:
    st, body = get(host, "")
    assert st == 200 and "несколько серверов" in body, (code, st)
    n = max(int(x) for x in re.findall(r"srv_num=(\d+)", body))
    st, body = get(host, "&srv_num=%d&name_op=sf" % n)
    if faults == "all":
        assert st == 200, (code, st)
    else:
        assert st == 503 and "сайт временно недоступен" in body, (code, n, st)
    for s in range(1, n):
        st, body = get(host, "&srv_num=%d&name_op=sf" % s)
        assert st == 200, (code, s, st)
print("deadserver (%s): %d multi-server court(s) checked" % (faults, min(3, len(multi))))
PY
	if [ "$faults" = all ]; then
		if grep -q '"fault":"deadserver"' "$tmp/dead-$faults.log"; then bad "deadserver under all"; else ok; fi
	else
		if grep -q '"fault":"deadserver"' "$tmp/dead-$faults.log"; then ok; else bad "deadserver not logged"; fi
	fi
	stop_sim
done

echo "sim_pages: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
