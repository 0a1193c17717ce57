#!/usr/bin/env bash
# Whole-process timing of `ovk draft` for one agreement (PDF and text), with
# hyperfine when available (apt-get install hyperfine), else a plain loop.
# Not run by CI. Usage: .ci/bench/draft.sh [PROFILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=${1:-examples/23060-opwijk.toml}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ovk" ./cmd/ovk
echo "go test -bench (one agreement, in process):"
go test ./internal/draft -run XXX -bench 'Draft|Open' -benchmem -count 5 | grep Benchmark
echo
echo "whole process, ovk draft $profile:"
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 5 --runs 50 \
    "$tmp/ovk draft $profile -o $tmp/a.pdf" \
    "$tmp/ovk draft $profile --format text -o $tmp/a.txt" \
    "$tmp/ovk version"
else
  n=50
  start=$(date +%s%N)
  for _ in $(seq $n); do "$tmp/ovk" draft "$profile" -o "$tmp/a.pdf" 2>/dev/null; done
  end=$(date +%s%N)
  echo "mean $(( (end - start) / n / 1000000 )) ms per process ($n runs)"
fi
/usr/bin/time -v "$tmp/ovk" draft "$profile" -o "$tmp/a.pdf" 2>&1 | grep -E "Maximum resident|Elapsed|User time|System time" || true
