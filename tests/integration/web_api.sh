#!/usr/bin/env bash
# awol serve against a database crawled from awol-sim: every API answer equals the
# CLI's --format json for the same options (bytes and parsed); hostile requests get
# 4xx or correct data, never a crash; the database is never written; a crawl writing
# the same database meanwhile shows up in the answers; awol report writes one file.
set -u
awol=${1:?usage: web_api.sh AWOL AWOL-SIM}
sim=${2:?usage: web_api.sh AWOL AWOL-SIM}
. "$(dirname "$0")/sim_lib.sh"
srvpid=
stop_srv() { [ -n "$srvpid" ] && kill "$srvpid" 2>/dev/null; wait "$srvpid" 2>/dev/null; srvpid=; }
trap 'stop_srv; cleanup' EXIT

crawl() { # DB ARTICLES [--acts]
	"$awol" crawl --db "$1" --from 2023-01-01 --to 2023-12-31 --articles "$2" --courts garrison \
		--connect-to "127.0.0.1:$port" --per-court-interval 0 --global-interval 0 --quiet ${3:-} \
		>/dev/null 2>>"$tmp/crawl.err"
}
start_srv() { # DB
	rm -f "$tmp/srv.port"
	# every answer kept in memory, as a slow one on a big database is: given again, the
	# same bytes, until the database changes
	AWOL_TEST_ANSWER_MS=0 "$awol" serve --db "$1" --listen 127.0.0.1:0 --port-file "$tmp/srv.port" 2>>"$tmp/srv.err" &
	srvpid=$!
	for _ in $(seq 1 100); do [ -s "$tmp/srv.port" ] && break; sleep 0.05; done
	sport=$(cat "$tmp/srv.port")
}

start_sim web none
db="$tmp/w.db"
crawl "$db" 337 --acts # the act texts too: /api/outcomes has readings to answer with
check test -s "$db"
hash_before=$(sha256sum "$db" | cut -d' ' -f1)
start_srv "$db"
check test -n "$sport"

export AWOL="$awol" DB="$db" SPORT="$sport" TMP="$tmp"
"$py" - <<'PY'
import json, os, socket, subprocess, sys, threading, urllib.error, urllib.parse, urllib.request
awol, db, port = os.environ["AWOL"], os.environ["DB"], os.environ["SPORT"]
base = "http://127.0.0.1:%s" % port
passed = failed = 0

def check(name, cond):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", name)

def get(path, method="GET", body=None, headers=None):
    req = urllib.request.Request(base + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)

def cli(*args):
    return subprocess.run([awol] + list(args), capture_output=True, check=True).stdout

# /api/stats = awol stats --format json, for several queries (bytes and parsed)
for q in [{}, {"by": "year"}, {"by": "month", "group": "article", "article": "337,338"},
          {"by": "quarter", "group": "court", "from": "2023-02-01", "to": "2023-11-30"},
          {"unit": "defendants", "by": "half", "group": "outcome"},
          {"unit": "charges", "by": "week", "part": "1", "article": "337"},
          {"by": "month", "date": "decided", "group": "region"}, {"group": "level", "by": "year"},
          {"group": "outcome,region", "by": "year", "sort": "count", "limit": "5"},
          {"group": "article", "share": "1", "part": "3.1,5", "from": "2023-01-15"}]:
    qs = "&".join("%s=%s" % kv for kv in q.items())
    args = [x for k, v in q.items() for x in (("--" + k,) if k == "share" else ("--" + k, v))]
    want = cli("stats", "--db", db, "--format", "json", *args)
    code, got, h = get("/api/stats?" + qs)
    check("stats %s: 200" % q, code == 200)
    check("stats %s: same bytes as the CLI" % q, got == want)
    check("stats %s: same document" % q, json.loads(got) == json.loads(want))
    check("stats %s: JSON type" % q, h.get("Content-Type", "").startswith("application/json"))

# the same again, answered from memory: the same bytes
for q in ["by=year", "by=month&group=article&article=337,338", "group=level&by=year"]:
    args = [x for kv in q.split("&") for x in ("--" + kv.split("=")[0], kv.split("=")[1])]
    want = cli("stats", "--db", db, "--format", "json", *args)
    first, second = get("/api/stats?" + q)[1], get("/api/stats?" + q)[1]
    check("stats %s asked twice: the CLI's bytes both times" % q, first == want and second == want)
    check("stats %s and a changed order of its parameters: the same" % q,
          get("/api/stats?" + "&".join(reversed(q.split("&"))))[1] == want)

# /api/outcomes = awol stats of the readings of act texts (--group sentence..., --what terms)
import collections
court0 = collections.Counter(r["court_code"] for r in json.loads(cli("outcomes", "--db", db, "--format", "json"))["rows"]
                             if r["service"]).most_common(1)[0][0]
for q in [{"unit": "defendants", "group": "sentence", "share": "1"},
          {"unit": "defendants", "group": "sentence", "share": "1", "by": "quarter", "article": "337"},
          {"unit": "defendants", "group": "regime", "from": "2023-03-01", "to": "2023-10-31", "by": "month"},
          {"unit": "defendants", "group": "service", "court": court0, "part": "5,3.1"},
          {"unit": "defendants", "group": "ground", "share": "1", "by": "half", "date": "decided"},
          {"what": "terms"}, {"what": "terms", "group": "sentence", "by": "year"},
          {"what": "terms", "group": "article", "from": "2023-05-01", "by": "quarter"}]:
    qs = "&".join("%s=%s" % kv for kv in q.items())
    args = [x for k, v in q.items() for x in (("--" + k,) if k == "share" else ("--" + k, v))]
    want = cli("stats", "--db", db, "--format", "json", *args)
    code, got, h = get("/api/outcomes?" + qs)
    check("outcomes %s: 200" % q, code == 200)
    check("outcomes %s: same bytes as awol stats" % q, got == want)
    check("outcomes %s: rows" % q, len(json.loads(got)["rows"]) == json.loads(got)["count"] > 0)
doc = json.loads(get("/api/outcomes?unit=defendants&group=sentence&share=1")[1])
check("outcomes: simulated, base stated", doc["simulated"] is True and all(r["of"] and r["base"] > 0 for r in doc["rows"]))
for q, param in [("group=sentence", "unit"), ("unit=defendants&group=court", "group"),
                 ("what=terms&share=1", "share"), ("what=terms&group=regime", "group"),
                 ("unit=defendants&group=sentence&by=week", "by"), ("unit=defendants&group=sentence&date=received", "date"),
                 ("unit=defendants&group=sentence&from=2023-02-30", "from"), ("what=everything", "what"),
                 ("unit=defendants&group=sentence&court=../x", "court"), ("unit=defendants&group=sentence&part=5'", "part")]:
    code, got, _ = get("/api/outcomes?" + q)
    check("outcomes: 400 for %s" % q, code == 400 and json.loads(got).get("parameter") == param)
code, got, _ = get("/api/outcomes?unit=defendants&group=sentence&region=Atlantis")
check("outcomes: an unknown region is 400 naming it", code == 400 and "Atlantis" in json.loads(got)["error"])

# /api/stats?court= = awol stats --court (the dashboard's court view asks it)
for q in [{"court": court0, "by": "month"},
          {"court": court0 + ",25OV0000", "by": "quarter", "article": "337", "from": "2023-02-01"}]:
    args = [x for k, v in q.items() for x in ("--" + k, v)]
    want = cli("stats", "--db", db, "--format", "json", *args)
    code, got, _ = get("/api/stats?" + "&".join("%s=%s" % kv for kv in q.items()))
    check("stats %s: same bytes as the CLI" % q, code == 200 and got == want
          and json.loads(got)["query"]["courts"] == q["court"])
code, got, _ = get("/api/stats?court=../x")
check("stats: a bad court is 400 naming it", code == 400 and json.loads(got).get("parameter") == "court")
code, got, _ = get("/api/stats?court=99GV0001")
check("stats: a court the registry lacks is 400 naming it, as the CLI exits 2",
      code == 400 and json.loads(got).get("parameter") == "court" and "99GV0001" in json.loads(got)["error"])

# the listings = the CLI's --format json: one document (rows, count, what they rest on)
cases = json.loads(cli("cases", "--db", db, "--format", "json"))["rows"]
check("some cases crawled", len(cases) > 20)
court = cases[0]["court_code"]
for path, args in [("/api/coverage", ["coverage", "--db", db]),
                   ("/api/courts", ["courts", "--db", db]),
                   ("/api/courts?level=district", ["courts", "--db", db, "--level", "district"]),
                   ("/api/figures", ["figures", "list", "--db", db]),
                   ("/api/figures?article=338", ["figures", "list", "--db", db, "--article", "338"]),
                   ("/api/cases", ["cases", "--db", db]),
                   ("/api/cases?article=337", ["cases", "--db", db, "--article", "337"]),
                   ("/api/cases?court=" + court, ["cases", "--db", db, "--court", court]),
                   ("/api/cases?from=2023-03-01&to=2023-03-31",
                    ["cases", "--db", db, "--from", "2023-03-01", "--to", "2023-03-31"]),
                   ("/api/cases?date=decided&from=2023-06-01&outcome=convicted",
                    ["cases", "--db", db, "--date", "decided", "--from", "2023-06-01",
                     "--outcome", "convicted"])]:
    want = cli(*args, "--format", "json")
    code, got, _ = get(path)
    check("%s: 200" % path, code == 200)
    check("%s: same bytes as `awol %s --format json`" % (path, " ".join(args[:1])), got == want)
    check("%s: same document as the CLI" % path, json.loads(got) == json.loads(want))
    check("%s: a document with rows and count" % path,
          len(json.loads(got)["rows"]) == json.loads(got)["count"])
code, page, _ = get("/api/cases?court=" + court)
check("cases of one court", json.loads(page)["rows"] == [c for c in cases if c["court_code"] == court])
code, page, _ = get("/api/cases?from=2023-03-01&to=2023-03-31")
check("cases by received", json.loads(page)["rows"] == [c for c in cases if "2023-03-01" <= c["received"] <= "2023-03-31"])
# filtered and paged: limit/offset = the CLI's --limit/--offset, count the page, total all
full = json.loads(cli("cases", "--db", db, "--format", "json", "--article", "337"))
check("no page: total = count", full["total"] == full["count"] == len(full["rows"]))
for q in [("3", "0"), ("5", "4"), ("7", str(full["total"] - 2)), ("2", str(full["total"] + 10))]:
    path = "/api/cases?article=337&limit=%s&offset=%s" % q
    want = cli("cases", "--db", db, "--format", "json", "--article", "337", "--limit", q[0],
               "--offset", q[1])
    code, got, _ = get(path)
    doc = json.loads(got)
    check("%s: same bytes as awol cases --limit --offset" % path, code == 200 and got == want)
    check("%s: the page of the full listing" % path,
          doc["rows"] == full["rows"][int(q[1]):int(q[1]) + int(q[0])])
    check("%s: count = rows of the page, total = all selected" % path,
          doc["count"] == len(doc["rows"]) and doc["total"] == full["total"])
    check("%s: the query says the page" % path,
          doc["query"]["limit"] == int(q[0]) and doc["query"]["offset"] == int(q[1]))
code, got, _ = get("/api/cases?court=%s&limit=2&offset=1" % court)
check("a court's page", json.loads(got)["rows"] == [c for c in cases if c["court_code"] == court][1:3])
for bad in ["limit=-1", "limit=x", "offset=1e3", "limit=1000000000", "offset=-5"]:
    code, got, _ = get("/api/cases?" + bad)
    check("cases %s: 400 naming the parameter" % bad,
          code == 400 and json.loads(got)["parameter"] == bad.split("=")[0])
# each case links to its card on the court's site: the address the crawl asked (the court's
# host), never the loopback address --connect-to sent the requests to
hosts = {c["code"]: c["host"] for c in json.loads(cli("courts", "--db", db, "--format", "json"))["rows"]}
check("every case has its card's url", all(c["url"] for c in cases))
# (the sud_delo module answers on the court's host in its "x--y.sudrf.ru" form)
check("the url is on the court's own host",
      all(urllib.parse.urlsplit(c["url"]).hostname.replace("--", ".") == hosts[c["court_code"]]
          for c in cases))
check("the url is a card (name_op=case)",
      all("name_op=case" in c["url"] for c in cases))
check("no loopback url", not any("127.0.0.1" in c["url"] for c in cases))
code, got, _ = get("/api/cases?outcome=moon")
check("cases: an unknown outcome is 400 naming it", code == 400 and "moon" in json.loads(got)["error"])
# /api/compare = the "compare" of `awol stats --compare --format json`
for q in [{"article": "337"}, {"article": "337,338", "from": "2023-01-01", "to": "2023-12-31"}]:
    args = [x for k, v in q.items() for x in ("--" + k, v)]
    want = json.loads(cli("stats", "--db", db, "--compare", "--format", "json", *args))["compare"]
    code, got, _ = get("/api/compare?" + "&".join("%s=%s" % kv for kv in q.items()))
    check("compare %s = awol stats --compare" % q, code == 200 and json.loads(got) == want)
code, got, _ = get("/api/stats?compare=1&article=337&by=year")
check("stats compare=1 = the CLI's bytes", got == cli("stats", "--db", db, "--compare", "--format", "json", "--article", "337", "--by", "year"))
meta = json.loads(get("/api/meta")[1])
check("meta: simulated", meta["simulated"] is True and meta["cases"] == len(cases))

# /api/check: a claims file checked in memory = awol check --format json of the same file
# (named "claims": the API has no file name)
claims = open(os.environ["AWOL_SOURCE_ROOT"] + "/examples/claims-every-kind.yaml", "rb").read()
open(os.path.join(os.environ["TMP"], "claims"), "wb").write(claims)
want = subprocess.run([awol, "check", "--db", db, "--format", "json", "claims"],
                      capture_output=True, cwd=os.environ["TMP"]).stdout
code, got, _ = get("/api/check", "POST", claims)
check("check: 200", code == 200)
check("check: same bytes as awol check", got == want)
check("check: same document as awol check", json.loads(got) == json.loads(want))
check("check: verdicts in rows", len(json.loads(got)["rows"]) == json.loads(got)["count"] > 3)
code, got, _ = get("/api/check", "POST", b"claims: [unterminated")
check("check: bad YAML is 400 naming claims", code == 400 and json.loads(got)["parameter"] == "claims")
# a body that says it is over 1 MiB is refused before it is sent; one sent in chunks after
s = socket.create_connection(("127.0.0.1", int(port)), timeout=10)
s.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2097152\r\n\r\n")
check("check: a 2 MiB Content-Length is 413 at once", s.recv(200).startswith(b"HTTP/1.1 413"))
s.close()
import http.client
hc = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
hc.request("POST", "/api/check", body=iter([b"x" * 65536] * 32), encode_chunked=True)
r = hc.getresponse()
check("check: 2 MiB in chunks is 413", r.status == 413 and json.loads(r.read())["parameter"] == "claims")
hc.close()
code, got, _ = get("/api/check")
check("check: GET is 405", code == 405)

# bad parameters: 400 with a JSON error naming the parameter
for q, param in [("from=2023-13-01", "from"), ("to=yesterday", "to"), ("by=decade", "by"),
                 ("unit=people", "unit"), ("group=judge", "group"), ("date=filed", "date"),
                 ("article=337;DROP%20TABLE%20cases", "article"), ("article=337'%20OR%201=1--", "article"),
                 ("part=5%27--", "part"), ("from=2023-05-01&to=2023-01-01", "from"),
                 ("article=,", "article"), ("article=99999", "article"),
                 ("group=outcome,outcome", "group"), ("group=outcome,", "group"), ("sort=random", "sort"),
                 ("limit=0", "limit"), ("share=yes", "share"), ("part=3.1,", "part")]:
    code, got, _ = get("/api/stats?" + q)
    j = json.loads(got)
    check("400 for %s" % q, code == 400)
    check("error names %s for %s" % (param, q), j.get("parameter") == param and j.get("error"))
for path in ["/api/cases?date=filed", "/api/cases?from=2023-02-30",
             "/api/cases?court=../../x", "/api/courts?level=moon", "/api/stats?foo=1",
             "/api/stats?by=year&by=month", "/api/stats?from=" + "9" * 5000,
             "/api/stats?" + "&".join("a%d=1" % i for i in range(40)), "/api/stats?%zz=%zz",
             "/api/stats?article=%00337", "/api/figures?article=337,338"]:
    code, got, _ = get(path)
    check("4xx for %s" % path[:60], 400 <= code < 500)
    check("JSON error for %s" % path[:60], "error" in json.loads(got))
# paths: only embedded files and API routes exist
for path in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/api/../../etc/passwd",
             "//etc/passwd", "/app.js/../../../etc/passwd", "/api/stats/../../w.db", "/w.db",
             "/api/nope", "/index.html%00.js", "/" + "a" * 3000]:
    code, got, _ = get(path)
    check("404/414 for %s" % path[:40], code in (400, 404, 414))
    check("no file content for %s" % path[:40], b"root:" not in got and b"SQLite" not in got)
for m in ["PUT", "DELETE", "PATCH"]:
    check("%s is 405" % m, get("/api/stats", m)[0] == 405)
check("a Host not loopback is refused (DNS rebinding)",
      get("/api/stats", headers={"Host": "evil.example:80"})[0] == 403)
# raw garbage on the socket
for raw in [b"GARBAGE\r\n\r\n", b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n",
            b"GET " + b"/" * 100000 + b" HTTP/1.1\r\n\r\n", b"\x00\xff" * 1000]:
    s = socket.create_connection(("127.0.0.1", int(port)), timeout=5)
    try:
        s.sendall(raw)
        s.recv(100)
    except OSError:
        pass
    s.close()
# pages and their files
for path in ["/", "/courts", "/outcomes", "/claims", "/app.js", "/app.css", "/chart.min.js", "/regions.js"]:
    code, got, h = get(path)
    check("%s: 200" % path, code == 200 and len(got) > 100)
    check("%s: CSP" % path, "default-src 'self'" in h.get("Content-Security-Policy", ""))

# 1,000 requests in a burst from 50 threads: every answer 200 or 4xx, all correct
want = json.loads(cli("stats", "--db", db, "--format", "json", "--by", "month"))
codes, wrong = [], []
lock = threading.Lock()
def worker(k):
    for i in range(20):
        path = ["/api/stats?by=month", "/api/stats?from=bad", "/api/coverage", "/"][(k + i) % 4]
        try:
            code, got, _ = get(path)
        except Exception as e:
            code, got = 0, str(e).encode()
        with lock:
            codes.append(code)
            if path == "/api/stats?by=month" and (code != 200 or json.loads(got) != want):
                wrong.append(code)
ts = [threading.Thread(target=worker, args=(k,)) for k in range(50)]
[t.start() for t in ts]
[t.join() for t in ts]
check("burst: 1000 answers", len(codes) == 1000)
check("burst: every answer 200 or 400", all(c in (200, 400) for c in codes))
check("burst: every stats answer correct", not wrong)
check("server alive after all that", get("/api/meta")[0] == 200)
print("web_api: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
check test $? -eq 0
check kill -0 "$srvpid"

# the database was never written
stop_srv
check test "$(sha256sum "$db" | cut -d' ' -f1)" = "$hash_before"

# a crawl writing the database while the server reads it: the answers show the latest
start_srv "$db"
before=$(curl -s "http://127.0.0.1:$sport/api/meta" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["cases"])')
# answers kept before the crawl are not given after it
for path in "/api/stats?by=year&group=article" "/api/compare?article=337,338"; do
	curl -s "http://127.0.0.1:$sport$path" >/dev/null
	curl -s "http://127.0.0.1:$sport$path" >/dev/null
done
crawl "$db" 338 &
crawlpid=$!
while kill -0 $crawlpid 2>/dev/null; do
	curl -sf -o /dev/null "http://127.0.0.1:$sport/api/stats?group=article" || { bad "an answer failed during the crawl"; break; }
done
wait $crawlpid
check test $? -eq 0
after=$(curl -s "http://127.0.0.1:$sport/api/meta" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["cases"])')
cli_after=$("$awol" cases --db "$db" --format json | "$py" -c 'import json,sys; print(json.load(sys.stdin)["count"])')
check test "$after" -gt "$before"
check test "$after" = "$cli_after"
curl -s "http://127.0.0.1:$sport/api/stats?by=year&group=article" >"$tmp/api.json"
"$awol" stats --db "$db" --by year --group article --format json >"$tmp/cli.json"
check cmp -s "$tmp/api.json" "$tmp/cli.json"
curl -s "http://127.0.0.1:$sport/api/compare?article=337,338" >"$tmp/api.json"
"$awol" stats --db "$db" --compare --article 337,338 --format json |
	"$py" -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["compare"], sort_keys=True))' >"$tmp/cli.json"
"$py" -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))' "$tmp/api.json" >"$tmp/api2.json"
check cmp -s "$tmp/api2.json" "$tmp/cli.json"
stop_srv

# bad command lines
"$awol" serve --db "$tmp/missing.db" --listen 127.0.0.1:0 2>/dev/null; check test $? -eq 1
"$awol" serve --db "$db" --listen nowhere 2>/dev/null; check test $? -eq 2
"$awol" serve 2>/dev/null; check test $? -eq 2
"$awol" serve --db "$db" --listen 0.0.0.0:0 --port-file "$tmp/any.port" 2>"$tmp/warn.err" &
anypid=$!
for _ in $(seq 1 100); do [ -s "$tmp/any.port" ] && break; sleep 0.05; done
kill $anypid; wait $anypid 2>/dev/null
check grep -q "WARNING: listening on 0.0.0.0" "$tmp/warn.err"

# the report: one file, the same numbers, written atomically
"$awol" report --db "$db" --out "$tmp/r.html" --article 337,338 --lang en 2>/dev/null
check test $? -eq 0
"$py" - "$tmp/r.html" "$awol" "$db" <<'PY'
import json, re, subprocess, sys
html = open(sys.argv[1], encoding="utf-8").read()
data = json.loads(re.search(r"window\.AWOL_REPORT = (.*?);</script>", html, re.S).group(1))
want = json.loads(subprocess.run([sys.argv[2], "stats", "--db", sys.argv[3], "--format", "json",
                                  "--by", "month", "--group", "article", "--article", "337,338"],
                                 capture_output=True, check=True).stdout)
ok = data["answers"]["/api/stats?article=337,338&by=month&group=article"] == want
ok &= "<script src" not in html and "<link rel=\"stylesheet\"" not in html
urls = set(re.findall(r"""(?:src|href)\s*=\s*["']?(https?:[^"' >]+)""", html))
ok &= not urls  # links to court sites and sources are built from the data, none in the markup
sys.exit(0 if ok else 1)
PY
check test $? -eq 0
"$awol" report --db "$db" --out "$tmp/r2.html" --from 2023-05-01 --to 2023-01-01 2>/dev/null; check test $? -eq 2
"$awol" report --db "$db" --out "$tmp/r2.html" --lang fr 2>/dev/null; check test $? -eq 2
check test ! -e "$tmp/r2.html"
"$awol" report --db "$db" --out "$tmp/nodir/r.html" 2>/dev/null; check test $? -eq 1

echo "web_api: $pass passed, $fail failed (shell)"
[ "$fail" -eq 0 ]
