#!/usr/bin/env bash
# The hostile catalogue against a live `ovk serve` under a memory limit
# (prlimit --as): per case the HTTP status, the time and the server's peak
# RSS (VmHWM, cumulative) and RSS, then whether the server is still alive.
# Usage: .ci/bench/hostile.sh [AS-LIMIT-BYTES]   (default 4 GiB)
set -euo pipefail
cd "$(dirname "$0")/../.."
limit=${1:-4294967296}
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/ovk" ./cmd/ovk
port=$((20000 + RANDOM % 20000))
prlimit --as="$limit" "$work/ovk" serve --addr "127.0.0.1:$port" --release 2025.1 >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

python3 - "$work" <<'PY'
import sys, os
w = sys.argv[1]
base = open('examples/23060-opwijk.toml').read()
def put(name, s): open(os.path.join(w, name), 'w').write(s)
put('deep-arrays.toml', base + '\n[parameters.x]\ny = ' + '[' * 100000 + ']' * 100000 + '\n')
put('deep-tables.toml', base + '\n[parameters.x]\ny = ' + '{a=' * 20000 + '1' + '}' * 20000 + '\n')
put('name-100k.toml', base.replace('naam      = "Opwijk"', 'naam      = "' + 'a' * 100000 + '"', 1))
put('rlo.toml', base.replace('naam      = "Opwijk"', 'naam      = "Op\u202ekjiw"', 1))
put('list-100k.toml', base + '\n[parameters.x]\ny = [' + '1,' * 100000 + ']\n')
h = 'nis,naam,provincie,adres,inwoners\n'
put('dup-100k.csv', h + '23060,Opwijk,Vlaams-Brabant,"Ringlaan 20, 1745 Opwijk",15000\n' * 100000)
put('rows-550k.csv', h + ''.join('1%05d,X,Antwerpen,x,1\n' % i for i in range(550000)))
put('dotted.csv', 'nis,naam,provincie,adres,inwoners,parameters.' + 'a.' * 99999 + 'a\n23060,Opwijk,Vlaams-Brabant,x,1,v\n')
put('cols.csv', 'nis,naam,provincie,adres,inwoners' + ',parameters.x.c' * 100000 + '\n')
PY

printf '%-22s %6s %8s %12s %10s\n' case status time_s peak_rss_mib rss_mib
run() { # name route content-type file
  local out
  out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -m 60 -H "Content-Type: $3" \
    --data-binary "@$work/$4" "http://127.0.0.1:$port$2" || echo "000 -")
  local hwm rss
  hwm=$(awk '/VmHWM/{print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo dead)
  rss=$(awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status" 2>/dev/null || echo dead)
  printf '%-22s %6s %8s %12s %10s\n' "$1" ${out} "$hwm" "$rss"
}
run deep-arrays /v1/agreements application/toml deep-arrays.toml
run deep-tables /v1/agreements application/toml deep-tables.toml
run name-100k /v1/agreements application/toml name-100k.toml
run rlo-in-name /v1/agreements application/toml rlo.toml
run list-100k /v1/agreements application/toml list-100k.toml
run dup-nis-100k /v1/batch text/csv dup-100k.csv
run rows-550k /v1/batch text/csv rows-550k.csv
run dotted-column /v1/batch text/csv dotted.csv
run columns-100k /v1/batch text/csv cols.csv
if kill -0 "$pid" 2>/dev/null && curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then
  echo "server alive"
else
  echo "server DEAD"; tail -5 "$work/serve.log"; exit 1
fi
