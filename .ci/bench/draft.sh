#!/usr/bin/env bash
# Timing of one agreement: in process (go test -bench: BenchmarkDraftPDF/Text and opening a
# release) and as a whole process (`ovk draft` of one profile, PDF and text, and `ovk version`
# for the start-up alone) with hyperfine (Debian package hyperfine; installed when missing, else
# a plain loop). The aim for a whole-process `ovk draft` is 15 ms.
# Not run by CI. Usage: .ci/bench/draft.sh [PROFILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${1:-examples/23060-opwijk.toml}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ovk" ./cmd/ovk
if ! command -v hyperfine >/dev/null 2>&1; then
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq hyperfine >/dev/null 2>&1; } || true
fi
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# the package that holds the one-agreement benchmarks (it moves as the code is reorganised)
pkg=$(grep -l 'func BenchmarkDraftPDF' internal/*/bench_test.go | head -1 | xargs dirname)
echo "go test -bench (one agreement, in process, ./$pkg):"
go test "./$pkg" -run XXX -bench 'Draft|Open' -benchmem -count 5 | grep Benchmark
echo
echo "whole process, ovk draft $profile:"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs 50 --export-json "$tmp/h.json" \
    "$tmp/ovk draft $profile -o $tmp/a.pdf" \
    "$tmp/ovk draft $profile --format text -o $tmp/a.txt" \
    "$tmp/ovk version"
  # mean wall and CPU (user + system) per command, in ms
  python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%-70s wall %6.1f ms (min %5.1f)  CPU %6.1f ms" % (r["command"].replace(sys.argv[2] + "/", ""), 1000 * r["mean"], 1000 * r["min"], 1000 * (r["user"] + r["system"])))' "$tmp/h.json" "$tmp" 2>/dev/null || true
else
  n=50
  start=$(date +%s%N)
  for _ in $(seq $n); do "$tmp/ovk" draft "$profile" -o "$tmp/a.pdf" 2>/dev/null; done
  end=$(date +%s%N)
  echo "mean $(((end - start) / n / 1000000)) ms per process ($n runs)"
fi
/usr/bin/time -v "$tmp/ovk" draft "$profile" -o "$tmp/a.pdf" 2>&1 | grep -E "Maximum resident|Elapsed|User time|System time" || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
