#!/usr/bin/env bash
# Load test of "ovk serve": POST /v1/agreements (examples/23060-opwijk.toml → PDF) with wrk
# at 1, 8 and 64 concurrent clients against a local server, back to back as one run.
# Reports per level: agreements/s (200s), 429s/s, p50/p99 latency of all answers, errors
# (any other status, socket errors), the server's CPU time per agreement (user+system, including
# the 429s it answered), and its resident memory at the start and after each level.
#
# Usage: .ci/bench/load.sh [ADDR]          ADDR defaults to 127.0.0.1:0 (a free loopback port)
# Environment:
#   DURATION=20s       length of each level (three levels: a 60-second run)
#   LEVELS="1 8 64"    concurrent clients per level
#   THREADS=1          wrk threads (wrk shares the machine's cores with the server)
#   MAX_DRAFTING=0     ovk serve --max-drafting (0: 4 × cores)
# Needs wrk (Debian package wrk; installed here when missing). CI does not run this script.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
addr=${1:-127.0.0.1:0}
duration=${DURATION:-20s}
levels=${LEVELS:-1 8 64}
threads=${THREADS:-1}
profile=$repo/examples/23060-opwijk.toml

case $addr in
127.* | localhost:* | \[::1\]:*) ;;
*) echo "load: only loopback addresses are load-tested (got $addr)" >&2; exit 2 ;;
esac
if ! command -v wrk >/dev/null 2>&1; then
	echo "load: installing wrk" >&2
	apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null; }
fi

work=$(mktemp -d)
server=
cleanup() {
	if [[ -n $server ]] && kill -0 "$server" 2>/dev/null; then
		kill -TERM "$server" && wait "$server" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

go build -C "$repo" -o "$work/ovk" ./cmd/ovk
"$work/ovk" serve --addr "$addr" --max-drafting "${MAX_DRAFTING:-0}" 2>"$work/server.log" &
server=$!
url=
for _ in $(seq 100); do
	url=$(grep -o 'http://[^ )"]*' "$work/server.log" | head -1 || true)
	[[ -n $url ]] && break
	kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
	sleep 0.1
done
[[ -n $url ]] || { echo "load: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

# cpu: the server's user+system CPU time so far, in milliseconds
tck=$(getconf CLK_TCK)
cpu() { awk -v t="$tck" '{ printf "%d", ($14 + $15) * 1000 / t }' "/proc/$server/stat"; }
rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$server/status"; }
hwm() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$server/status"; }

# One POST to check the route and warm up (fonts, first allocations).
code=$(curl -s -o "$work/warm.pdf" -w '%{http_code}' -H 'Content-Type: application/toml' \
	--data-binary "@$profile" "$url/v1/agreements")
[[ $code == 200 ]] || { echo "load: warm-up answered $code" >&2; cat "$work/warm.pdf" >&2; exit 1; }
for _ in $(seq 20); do
	curl -s -o /dev/null -H 'Content-Type: application/toml' --data-binary "@$profile" "$url/v1/agreements"
done

# wrk script: POST the profile, count answers by status, print one RESULT line.
cat >"$work/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/toml"
local f = assert(io.open("$profile", "rb"))
wrk.body = f:read("*a")
f:close()
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; busy = 0; other = 0 end
function response(status, headers, body)
	if status == 200 then ok = ok + 1 elseif status == 429 then busy = busy + 1 else other = other + 1 end
end
function done(summary, latency, requests)
	local o, b, x = 0, 0, 0
	for _, t in ipairs(threads) do o = o + t:get("ok"); b = b + t:get("busy"); x = x + t:get("other") end
	local e = summary.errors
	local s = summary.duration / 1e6
	io.write(string.format("RESULT %.1f %.1f %.2f %.2f %d %d %d\n", o / s, b / s,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000, x,
		e.connect + e.read + e.write + e.timeout, o))
end
EOF

cores=$(nproc)
echo "ovk serve at $url; $cores cores; wrk $threads thread(s); $duration per level; profile $(basename "$profile")"
echo "RSS at start (after warm-up): $(rss) MiB"
printf '%-8s %12s %8s %8s %8s %6s %8s %12s %8s\n' clients "agreements/s" "429/s" "p50 ms" "p99 ms" other sockerr "CPU ms/agr." "RSS MiB"
for c in $levels; do
	t=$((c < threads ? c : threads))
	before=$(cpu)
	# RSS every 2 s while the level runs, to see whether memory stays flat
	(while kill -0 "$server" 2>/dev/null; do rss; echo; sleep 2; done) >"$work/rss-$c" &
	sampler=$!
	out=$(wrk -t"$t" -c"$c" -d"$duration" --timeout 10s -s "$work/post.lua" "$url/v1/agreements")
	kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
	used=$(($(cpu) - before))
	read -r rps busy p50 p99 other sockerr ok <<<"$(grep '^RESULT' <<<"$out" | cut -d' ' -f2-)"
	per=$(awk -v u="$used" -v n="$ok" 'BEGIN { printf "%.1f", n ? u / n : 0 }')
	printf '%-8s %12s %8s %8s %8s %6s %8s %12s %8s\n' "$c" "$rps" "$busy" "$p50" "$p99" "$other" "$sockerr" "$per" "$(rss)"
done
echo "RSS at end: $(rss) MiB (peak $(hwm) MiB)"
for c in $levels; do
	echo "RSS samples (MiB, every 2 s) at $c clients: $(grep . "$work/rss-$c" | tr '\n' ' ')"
done
errors=$(grep -c '"status":5' "$work/server.log" || true)
echo "server log: $(grep -c '"msg":"request"' "$work/server.log") requests, $errors with status 5xx"
grep '"status":5' "$work/server.log" | head -3 >&2 || true
echo "machine load (1/5/15 min): $(cut -d' ' -f1-3 /proc/loadavg)"
