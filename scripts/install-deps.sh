#!/usr/bin/env bash
# Install the Debian 12 packages awol needs, if any are missing.
# Runs apt-get only when something is missing; needs root for that.
set -euo pipefail

pkgs=(build-essential pkg-config meson ninja-build python3
      libcurl4-openssl-dev libxml2-dev libsqlite3-dev libpq-dev libmicrohttpd-dev
      libjansson-dev libyaml-dev libzstd-dev libcmocka-dev
      sqlite3 python3-lxml python3-pandas clang libclang-rt-14-dev curl openssl
      libjs-chart.js chromium python3-websockets
      postgresql)  # the server the PostgreSQL tests start on their own (tests/pg/pg_lib.sh)
[ "${AWOL_WITH_FUZZ:-1}" = 1 ] || true

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: these Debian packages are missing: ${missing[*]}" >&2
	echo "install-deps: run 'make deps' as root (or: sudo apt-get install ${missing[*]})" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
