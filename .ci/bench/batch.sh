#!/usr/bin/env bash
# Benchmark of "ovk batch": drafts the agreements of every Flemish municipality end to end and
# reports wall time, agreements per second, peak memory (max RSS, from /usr/bin/time -v), the
# cost per agreement on one worker, the time of an unchanged rerun, and the speed-up over
# drafting them one process at a time ("ovk draft" per profile).
#
# Usage: .ci/bench/batch.sh [DATA_DIR]
#   DATA_DIR holds gemeenten-2019.csv and gemeenten-2025.csv (nis,naam,provincie); default
#   ../shared/data next to the repository. The registers are built at run time in a temporary
#   folder (the municipality lists are never copied into the repository): each row gets a made-up
#   address and population, the rest comes from ovk's built-in base profile.
# Environment: SEQUENTIAL=0 skips the slow one-process-per-agreement comparison.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$repo/../shared/data}
for f in gemeenten-2019.csv gemeenten-2025.csv; do
	[[ -r $data/$f ]] || { echo "bench: $data/$f not found; give the data folder as argument" >&2; exit 2; }
done
need() { # need COMMAND DEBIAN-PACKAGE
	command -v "$1" >/dev/null 2>&1 && return
	echo "bench: installing $2" >&2
	apt-get install -y -qq "$2" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq "$2" >/dev/null; }
}
[[ -x /usr/bin/time ]] || need /usr/bin/time time
need qpdf qpdf

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -C "$repo" -o "$work/ovk" ./cmd/ovk
ovk=$work/ovk
cores=$(nproc)

# register YEAR: the municipality list plus a made-up address and population per row
register() {
	awk -F, 'NR == 1 { print "nis,naam,provincie,adres,inwoners,inburgeraars_per_jaar"; next }
		{ printf "%s,%s,%s,\"Marktplein 1, %s\",%d,%d\n", $1, $2, $3, $2, 4000 + (NR * 7919) % 120000, (NR * 37) % 400 }' \
		"$data/gemeenten-$1.csv" > "$work/register-$1.csv"
	echo "$work/register-$1.csv"
}

# timed LABEL COMMAND...: runs the command under /usr/bin/time -v; sets wall (s), cpu (user +
# system s) and rss (MB)
timed() {
	local label=$1; shift
	/usr/bin/time -v -o "$work/time.txt" "$@" > "$work/out.txt" 2> "$work/err.txt" || {
		local rc=$?
		# exit 2 means "some rows failed": still a valid run to measure
		[[ $rc == 2 ]] || { echo "bench: $label failed ($rc)" >&2; cat "$work/err.txt" >&2; exit 1; }
	}
	local elapsed
	elapsed=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
	wall=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<< "$elapsed")
	rss=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$work/time.txt")
	cpu=$(awk '/User time|System time/ { s += $NF } END { printf "%.2f", s }' "$work/time.txt")
}

drafted() { sed -n 's/.*"drafted":\([0-9]*\).*/\1/p' "$work/out.txt" | tail -1; }

echo "machine: $cores cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows every figure)"
printf '%-40s %7s %7s %7s %8s %7s %s\n' "run" "drafted" "wall s" "CPU s" "agr./s" "RSS MB" "notes"
row() { printf '%-40s %7s %7s %7s %8s %7s %s\n' "$@"; }

for spec in "2019 2020.1" "2025 2025.1" "2019 2025.1"; do
	read -r year release <<< "$spec"
	reg=$(register "$year")
	out=$work/out-$year-$release
	rows=$(($(wc -l < "$reg") - 1))
	timed "batch" "$ovk" batch --register "$reg" --release "$release" --out "$out" --json --force
	n=$(drafted)
	row "batch $rows rows ($year) under $release" "$n" "$wall" "$cpu" "$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.1f", n / w }')" "$rss" \
		"$(tail -1 "$work/out.txt" | sed 's/.*"summary"://; s/}}$/}/')"
	if [[ $spec == "2025 2025.1" ]]; then
		batch_wall=$wall batch_n=$n batch_out=$out batch_reg=$reg
	fi
done

# the Flemish renewal (2025 register, release 2025.1) again: unchanged, then on one worker
timed "rerun" "$ovk" batch --register "$batch_reg" --release 2025.1 --out "$batch_out" --json
row "unchanged rerun (2025, 2025.1)" "$(drafted)" "$wall" "$cpu" "-" "$rss" "nothing to draft"
timed "one worker" "$ovk" batch --register "$batch_reg" --release 2025.1 --out "$work/one" --json --workers 1
one_wall=$wall
row "batch --workers 1 (2025, 2025.1)" "$(drafted)" "$wall" "$cpu" \
	"$(awk -v n="$(drafted)" -v w="$wall" 'BEGIN { printf "%.1f", n / w }')" "$rss" \
	"$(awk -v n="$(drafted)" -v w="$wall" -v c="$cpu" 'BEGIN { printf "%.1f ms wall, %.1f ms CPU per agreement", 1000 * w / n, 1000 * c / n }')"

# one process per agreement: the profiles the batch embedded in its PDFs, drafted by "ovk draft"
if [[ ${SEQUENTIAL:-1} != 0 ]]; then
	mkdir -p "$work/profiles" "$work/seq"
	for pdf in "$batch_out"/*.pdf; do
		key=$(qpdf --list-attachments --verbose "$pdf" | awk '/^[^ ].* -> / { k = $1 } /preferred name: profile.toml/ { print k }')
		qpdf --show-attachment="$key" "$pdf" > "$work/profiles/$(basename "$pdf" .pdf).toml"
	done
	cat > "$work/seq.sh" <<-EOF
		for f in "$work"/profiles/*.toml; do "$ovk" draft --release 2025.1 "\$f" -o "$work/seq/\$(basename "\$f" .toml).pdf" 2>/dev/null; done
	EOF
	timed "sequential" bash "$work/seq.sh"
	seq_n=$(find "$work/seq" -name '*.pdf' | wc -l)
	row "ovk draft per profile, one at a time" "$seq_n" "$wall" "$cpu" \
		"$(awk -v n="$seq_n" -v w="$wall" 'BEGIN { printf "%.1f", n / w }')" "$rss" "max RSS of one process"
	same=0
	for f in "$work"/seq/*.pdf; do cmp -s "$f" "$batch_out/$(basename "$f")" && same=$((same + 1)); done
	echo
	echo "speed-up of batch over one process per agreement: $(awk -v s="$wall" -v b="$batch_wall" 'BEGIN { printf "%.1f", s / b }')x" \
		"($cores cores; $same of $seq_n PDFs byte-identical to the batch's)"
fi
echo "parallel speed-up over one worker: $(awk -v o="$one_wall" -v b="$batch_wall" 'BEGIN { printf "%.2f", o / b }')x on $cores cores"
echo "aim: the renewal ($batch_n agreements) in under 1 s wall and 300 MB: $(awk -v w="$batch_wall" 'BEGIN { print (w < 1 ? "met" : "not met") }') for time (${batch_wall} s)"
