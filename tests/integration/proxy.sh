#!/usr/bin/env bash
# awol crawl --proxy and --cacert, on loopback: the simulator crawled through an HTTP
# proxy (CONNECT tunnel with --connect-to, absolute-URI GETs without), a SOCKS5 proxy
# and a TLS front with a CA of our own; each database equals a direct crawl (exports
# diffed) and the proxies saw the requests; failing proxies are named causes; bad values
# exit 2; a proxy password never reaches stderr, the database or the archive.
set -u
awol=${1:?usage: proxy.sh AWOL AWOL-SIM}
sim=${2:?usage: proxy.sh AWOL AWOL-SIM}
. "$(dirname "$0")/sim_lib.sh"
here=$(dirname "$0")
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; cleanup' EXIT

start_proxy() { # NAME KIND [options...]: sets $pport, log in $tmp/NAME.plog
	local name=$1
	shift
	"$py" "$here/proxy_server.py" "$1" "$tmp/$name.pport" "$tmp/$name.plog" "${@:2}" 2>"$tmp/$name.perr" &
	pids+=($!)
	for _ in $(seq 1 100); do [ -s "$tmp/$name.pport" ] && break; sleep 0.05; done
	pport=$(cat "$tmp/$name.pport")
}

courts=77GV0003,77GV0004,77GV0006
crawl() { # DB [extra...]: stderr in DB.err; the pseudonym key of the direct crawl
	local db=$1
	shift
	[ -f "$tmp/direct.db.key" ] && cp "$tmp/direct.db.key" "$db.key"
	"$awol" crawl --db "$db" --courts "$courts" --from 2023-01-01 --to 2023-12-31 \
		--per-court-interval 0.002 --global-interval 0 --timeout 5 --quiet "$@" \
		>"$db.out" 2>"$db.err"
}
# every entity as users get it, without what depends on the crawl's timing: its times and
# the row ids (the courts answer in another order each time); sorted
exports() { # DB [KEY...]: KEYs left out too
	local db=$1 w
	shift
	for w in cases persons charges events coverage; do
		"$awol" export --db "$db" --what "$w" --format jsonl
	done | "$py" -c '
import json, re, sys
drop = set(sys.argv[1:])
when = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
for line in sys.stdin:
    r = json.loads(line)
    print(json.dumps({k: v for k, v in r.items()
                      if k not in drop and k != "id" and not k.endswith("_id")
                      and not (isinstance(v, str) and when.match(v))},
                     ensure_ascii=False, sort_keys=True))' "$@" | LC_ALL=C sort
}
same_as_direct() { # DB [KEY...]: KEYs left out of both sides
	local db=$1
	shift
	exports "$tmp/direct.db" "$@" >"$db.want" && exports "$db" "$@" >"$db.export" &&
		test -s "$db.want" && cmp -s "$db.want" "$db.export" ||
		{ diff "$db.want" "$db.export" | head -5; false; }
}
count() { grep -c "$1" "$2"; }

start_sim s none

# 0. the direct crawl every other is compared with
crawl "$tmp/direct.db" --connect-to "127.0.0.1:$port"
check test "$?" = 0
exports "$tmp/direct.db" >"$tmp/direct.db.export"
check test "$(sqlite3 "$tmp/direct.db" "SELECT count(*) FROM cases")" -gt 0

# 1. an HTTP proxy with --connect-to: the proxy is asked to CONNECT to the simulator
start_proxy http http --forward-to "127.0.0.1:$port"
hport=$pport
crawl "$tmp/http.db" --connect-to "127.0.0.1:$port" --proxy "http://127.0.0.1:$hport"
check test "$?" = 0
check same_as_direct "$tmp/http.db"
check test "$(count "^CONNECT 127.0.0.1:$port" "$tmp/http.plog")" -gt 0
check test "$(count REFUSED "$tmp/http.plog")" = 0

# 2. the same proxy without --connect-to, plain http: absolute-URI GETs with the courts'
#    real hosts (the test proxy sends every one to the simulator, nothing leaves loopback)
: >"$tmp/http.plog"
crawl "$tmp/fwd.db" --scheme http --proxy "http://127.0.0.1:$hport"
check test "$?" = 0
# no --connect-to: awol cannot know the proxy reached a simulator, so it is not marked one
check same_as_direct "$tmp/fwd.db" simulated
check test "$(sqlite3 "$tmp/fwd.db" "SELECT count(*) FROM meta WHERE key = 'simulated'")" = 0
reqs=$(sqlite3 "$tmp/fwd.db" "SELECT sum(requests) FROM court_status")
check test "$(count '^GET http://[a-z0-9.-]*sudrf\.ru/' "$tmp/http.plog")" = "$reqs"

# 3. SOCKS5, local and remote name resolution: CONNECT to the --connect-to address
start_proxy socks socks5
sport=$pport
for scheme in socks5 socks5h; do
	crawl "$tmp/$scheme.db" --connect-to "127.0.0.1:$port" --proxy "$scheme://127.0.0.1:$sport"
	check test "$?" = 0
	check same_as_direct "$tmp/$scheme.db"
done
check test "$(count "^CONNECT 127.0.0.1:$port" "$tmp/socks.plog")" -gt 0

# 4. failing proxies are named causes: nothing listening, a SOCKS proxy that will not
#    connect, an HTTP proxy wanting other credentials (tunnel and forward mode)
dead=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
crawl "$tmp/refused.db" --connect-to "127.0.0.1:$port" --proxy "http://127.0.0.1:$dead"
check test "$?" = 1
check grep -q "not complete: proxy refused: 3 court" "$tmp/refused.db.err"
check test "$(sqlite3 "$tmp/refused.db" "SELECT count(*) FROM coverage WHERE error = 'proxy refused'")" -gt 0
crawl "$tmp/sockno.db" --connect-to "127.0.0.1:$dead" --proxy "socks5h://127.0.0.1:$sport"
check test "$?" = 1
check grep -q "not complete: proxy: the site refused the connection" "$tmp/sockno.db.err"

start_proxy auth http --forward-to "127.0.0.1:$port" --auth collector:right-one
aport=$pport
secret='S3cr3t-pw'
crawl "$tmp/auth.db" --connect-to "127.0.0.1:$port" --proxy "http://collector:$secret@127.0.0.1:$aport" \
	--archive "$tmp/auth.arc"
check test "$?" = 1
check grep -q "not complete: proxy authentication: 3 court" "$tmp/auth.db.err"
crawl "$tmp/authf.db" --scheme http --proxy "http://collector:$secret@127.0.0.1:$aport"
check test "$?" = 1
check grep -q "not complete: proxy authentication: 3 court" "$tmp/authf.db.err"
check test "$(sqlite3 "$tmp/authf.db" "SELECT count(*) FROM court_status WHERE error = 'proxy authentication'")" = 3
# the right credentials pass, and the password is nowhere
crawl "$tmp/authok.db" --connect-to "127.0.0.1:$port" --proxy "http://collector:right-one@127.0.0.1:$aport"
check test "$?" = 0
check same_as_direct "$tmp/authok.db"
"$awol" crawl --db "$tmp/bad.db" --from 2023-01-01 --to 2023-01-02 --proxy "http://collector:$secret@127.0.0.1" 2>"$tmp/bad.err"
check test "$?" = 2
check grep -q "http://\*\*\*@127.0.0.1" "$tmp/bad.err"
"$awol" coverage --db "$tmp/auth.db" >"$tmp/auth.cov" 2>&1
for db in auth authf authok; do "$awol" coverage --db "$tmp/$db.db" >>"$tmp/auth.cov" 2>&1; done
check test -s "$tmp/auth.cov"
# shellcheck disable=SC2046
check test -z "$(grep -rlaF -e "$secret" -e right-one "$tmp"/auth*.db* "$tmp/auth.arc" "$tmp/bad.err" "$tmp/auth.cov" 2>/dev/null)"

# 5. bad values exit 2 naming them, before any database is made
bad_value() { # OPTION VALUE MESSAGE-PART
	"$awol" crawl --db "$tmp/v.db" --from 2023-01-01 --to 2023-01-02 "$1" "$2" 2>"$tmp/v.err"
	local rc=$?
	if [ "$rc" = 2 ] && grep -qF -- "$3" "$tmp/v.err" && [ ! -e "$tmp/v.db" ]; then ok; else
		bad "$1 '$2': exit $rc, $(head -c 300 "$tmp/v.err")"
	fi
}
bad_value --proxy ftp://127.0.0.1:21 "'ftp://127.0.0.1:21': the scheme must be"
bad_value --proxy 127.0.0.1:3128 "'127.0.0.1:3128': not a proxy URL"
bad_value --proxy http://127.0.0.1 "'http://127.0.0.1': no port"
bad_value --proxy "socks5://u:$secret@:1080" "'socks5://***@:1080'"
bad_value --cacert "$tmp/none.pem" "--cacert $tmp/none.pem"
bad_value --cacert "$tmp" "Is a directory"
echo "not a certificate" >"$tmp/junk.pem"
bad_value --cacert "$tmp/junk.pem" "no PEM certificate"
check test -z "$(grep -laF "$secret" "$tmp/v.err")"

# 6. --cacert: a TLS front with a certificate for *.sudrf.ru from a CA of our own
if command -v openssl >/dev/null; then
	ssl() { openssl "$@" >/dev/null 2>&1; }
	for ca in ca other; do
		ssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=awol test $ca" \
			-keyout "$tmp/$ca.key" -out "$tmp/$ca.pem"
	done
	ssl req -newkey rsa:2048 -nodes -subj "/CN=sudrf.ru" -keyout "$tmp/srv.key" -out "$tmp/srv.csr"
	printf 'subjectAltName=DNS:*.sudrf.ru,DNS:sudrf.ru\n' >"$tmp/srv.ext"
	ssl x509 -req -in "$tmp/srv.csr" -CA "$tmp/ca.pem" -CAkey "$tmp/ca.key" -CAcreateserial \
		-days 2 -extfile "$tmp/srv.ext" -out "$tmp/srv.pem"
	start_proxy tls tls --forward-to "127.0.0.1:$port" --cert "$tmp/srv.pem" --key "$tmp/srv.key"
	tport=$pport
	crawl "$tmp/tls.db" --scheme https --connect-to "127.0.0.1:$tport" --cacert "$tmp/ca.pem"
	check test "$?" = 0
	# the same cases; each case's card link is the https page it was read from
	check same_as_direct "$tmp/tls.db" url
	check test "$("$awol" export --db "$tmp/tls.db" --what cases --format csv | "$py" -c '
import sys, pandas as pd
u = pd.read_csv(sys.stdin)["url"]
print(int(len(u) > 0 and u.str.startswith("https://").all()))')" = 1
	check test "$(count '^TLS$' "$tmp/tls.plog")" -gt 0
	# the same through the SOCKS proxy: the CA applies to the site behind it
	crawl "$tmp/tlss.db" --scheme https --connect-to "127.0.0.1:$tport" --cacert "$tmp/ca.pem" \
		--proxy "socks5h://127.0.0.1:$sport"
	check test "$?" = 0
	check same_as_direct "$tmp/tlss.db" url
	# without the CA, or with another one, the site is not trusted: the TLS cause
	for v in none other; do
		if [ $v = none ]; then
			crawl "$tmp/tls-$v.db" --scheme https --connect-to "127.0.0.1:$tport"
		else
			crawl "$tmp/tls-$v.db" --scheme https --connect-to "127.0.0.1:$tport" --cacert "$tmp/$v.pem"
		fi
		check test "$?" = 1
		check grep -q "not complete: TLS: " "$tmp/tls-$v.db.err"
		check test "$(sqlite3 "$tmp/tls-$v.db" "SELECT count(*) FROM cases")" = 0
	done
else
	bad "openssl is not installed (scripts/install-deps.sh)"
fi

echo "proxy: $pass passed, $fail failed"
[ "$fail" = 0 ]
