#!/usr/bin/env bash
# Benchmark of "ovk batch": drafts the agreements of every Flemish municipality end to end and
# reports wall time, agreements per second, CPU per agreement, peak memory (max RSS, from
# /usr/bin/time -v), the cost per agreement on one worker, the time of an unchanged rerun, the
# speed-up over drafting them one process at a time ("ovk draft" per profile), and a paired run
# against a peer: Typst (through its node binding, npm @myriaddreamin/typst-ts-node-compiler)
# typesetting the same agreements, alternately with ovk, several rounds.
#
# Usage: .ci/bench/batch.sh [DATA_DIR]
#   DATA_DIR holds gemeenten-2019.csv and gemeenten-2025.csv (nis,naam,provincie) and
#   fusies-2025.csv (nis_oud,naam_oud,nis_nieuw,naam_nieuw); default ../shared/data next to the
#   repository. The registers are built at run time in a temporary folder (the municipality lists
#   are never copied into the repository): each row gets a made-up address, population, dates and
#   OCMW chair, a merged municipality the names of the municipalities it was merged from; the
#   rest comes from ovk's built-in base profile. Both registers are drafted under the newest
#   release (the base profile's date is in its window).
# Environment: SEQUENTIAL=0 skips the slow one-process-per-agreement comparison; PEER=0 skips
# the paired run; ROUNDS=N sets its rounds (default 5).
# The peer is given the agreements as plain text (ovk draft --format text of each profile the
# batch embedded) and only typesets them: no clause selection, no checks, no attachments.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
data=${1:-$repo/../shared/data}
for f in gemeenten-2019.csv gemeenten-2025.csv fusies-2025.csv; do
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

# register YEAR: the municipality list plus a made-up address, population, signing date and
# OCMW data per row; a municipality formed by a merger lists its predecessors (fusies-2025.csv)
register() {
	awk -F, 'FNR == 1 { next }
		FILENAME ~ /fusies/ { m = "de gemeente " $2 " (NIS-code " $1 ")"; pred[$3] = ($3 in pred) ? pred[$3] " en " m : m; next }
		FNR == 2 { print "nis,naam,provincie,adres,inwoners,inburgeraars_per_jaar,overeenkomst.datum,ocmw.zetel," \
			"overeenkomst.ocmw_raadsbesluit,ondertekenaars.voorzitter.naam,parameters.samenvoeging.rechtsvoorgangers" }
		{ printf "%s,%s,%s,\"Marktplein 1, %s\",%d,%d,2026-03-20,\"Marktplein 1, %s\",2026-02-24,Voorzitter %s,%s\n",
			$1, $2, $3, $2, 4000 + (FNR * 7919) % 120000, (FNR * 37) % 400, $2, $2, ($1 in pred) ? "\"" pred[$1] "\"" : "" }' \
		"$data/fusies-2025.csv" "$data/gemeenten-$1.csv" > "$work/register-$1.csv"
	echo "$work/register-$1.csv"
}
# the newest release, which the base profile's dates are for
release=$("$ovk" releases --json | grep -m1 -o '"default": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')
[[ -n $release ]] || { echo "bench: no default release in ovk releases --json" >&2; exit 1; }
# a release still in draft is drafted as such (every page says ONTWERP)
status=$("$ovk" releases --json | awk -v r="\"$release\"" '$1 == "\"name\":" { cur = $2 } $1 == "\"status\":" && cur == r "," { gsub(/[",]/, "", $2); print $2 }')
draftrun=()
[[ $status == ontwerp ]] && draftrun=(--ontwerp)

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

# the Flemish renewal (2025 register), then the 2019 register (27 municipalities merged since)
for year in 2025 2019; do
	reg=$(register "$year")
	out=$work/out-$year
	rows=$(($(wc -l < "$reg") - 1))
	timed "batch" "$ovk" batch "${draftrun[@]}" --register "$reg" --release "$release" --out "$out" --json --force
	n=$(drafted)
	row "batch $rows rows ($year) under $release" "$n" "$wall" "$cpu" "$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.1f", n / w }')" "$rss" \
		"$(tail -1 "$work/out.txt" | sed 's/.*"summary"://; s/},"library.*$/}/')"
	if [[ $year == 2025 ]]; then
		batch_wall=$wall batch_n=$n batch_out=$out batch_reg=$reg
	fi
done

# the Flemish renewal (2025 register, newest release) again: unchanged, then on one worker
timed "rerun" "$ovk" batch "${draftrun[@]}" --register "$batch_reg" --release "$release" --out "$batch_out" --json
row "unchanged rerun (2025, $release)" "$(drafted)" "$wall" "$cpu" "-" "$rss" "nothing to draft"
timed "one worker" "$ovk" batch "${draftrun[@]}" --register "$batch_reg" --release "$release" --out "$work/one" --json --workers 1
one_wall=$wall
row "batch --workers 1 (2025, $release)" "$(drafted)" "$wall" "$cpu" \
	"$(awk -v n="$(drafted)" -v w="$wall" 'BEGIN { printf "%.1f", n / w }')" "$rss" \
	"$(awk -v n="$(drafted)" -v w="$wall" -v c="$cpu" 'BEGIN { printf "%.1f ms wall, %.1f ms CPU per agreement", 1000 * w / n, 1000 * c / n }')"

# the profiles the batch embedded in its PDFs, for "ovk draft" one at a time and for the peer
profiles() {
	[[ -d $work/profiles ]] && return
	mkdir -p "$work/profiles"
	for pdf in "$batch_out"/*.pdf; do
		key=$(qpdf --list-attachments --verbose "$pdf" | awk '/^[^ ].* -> / { k = $1 } /preferred name: profile.toml/ { print k }')
		qpdf --show-attachment="$key" "$pdf" > "$work/profiles/$(basename "$pdf" .pdf).toml"
	done
}

# one process per agreement: the profiles the batch embedded in its PDFs, drafted by "ovk draft"
if [[ ${SEQUENTIAL:-1} != 0 ]]; then
	profiles
	mkdir -p "$work/seq"
	cat > "$work/seq.sh" <<-EOF
		for f in "$work"/profiles/*.toml; do "$ovk" draft --release "$release" "\$f" -o "$work/seq/\$(basename "\$f" .toml).pdf" 2>/dev/null; done
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

# Paired run: ovk batch --force and the Typst peer on the same agreements, alternately (the
# order flips every round, so that neither always runs on a warmer or quieter machine).
if [[ ${PEER:-1} != 0 ]]; then
	command -v node >/dev/null 2>&1 || need node nodejs
	command -v npm >/dev/null 2>&1 || need npm npm
	peer=$work/peer
	mkdir -p "$peer"
	(cd "$peer" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent @myriaddreamin/typst-ts-node-compiler@0.7.0 >/dev/null)
	cp "$repo/.ci/bench/typst-peer.mjs" "$peer/"
	profiles
	mkdir -p "$work/text" "$work/typst"
	for f in "$work"/profiles/*.toml; do
		"$ovk" draft --release "$release" --format text "$f" -o "$work/text/$(basename "$f" .toml).txt" 2>/dev/null
	done
	rounds=${ROUNDS:-5}
	echo
	echo "paired run, $rounds rounds: ovk batch --force (2025 register, $release) and Typst $(node -p 'require("'"$peer"'/node_modules/@myriaddreamin/typst-ts-node-compiler/package.json").version') (node binding) on the same agreements"
	printf '%-6s %-6s %7s %7s %7s %12s %s\n' round tool drafted "wall s" "CPU s" "CPU ms/agr." "RSS MB"
	: > "$work/pairs.txt"
	for r in $(seq "$rounds"); do
		order="ovk typst"
		((r % 2 == 0)) && order="typst ovk"
		for tool in $order; do
			if [[ $tool == ovk ]]; then
				timed "ovk" "$ovk" batch "${draftrun[@]}" --register "$batch_reg" --release "$release" --out "$work/pair-ovk" --json --force
				n=$(drafted)
				ovk_wall=$wall ovk_cpu=$cpu ovk_rss=$rss ovk_n=$n
			else
				timed "typst" node "$peer/typst-peer.mjs" "$work/text" "$work/typst" "$repo/internal/pdf/fonts"
				n=$(sed -n 's/.*"drafted":\([0-9]*\).*/\1/p' "$work/out.txt")
				typst_wall=$wall typst_cpu=$cpu typst_rss=$rss typst_n=$n
			fi
			printf '%-6s %-6s %7s %7s %7s %12s %s\n' "$r" "$tool" "$n" "$wall" "$cpu" \
				"$(awk -v n="$n" -v c="$cpu" 'BEGIN { printf "%.2f", 1000 * c / n }')" "$rss"
		done
		echo "$ovk_wall $typst_wall $ovk_cpu $typst_cpu $ovk_n $typst_n $ovk_rss $typst_rss" >> "$work/pairs.txt"
	done
	[[ $ovk_n == "$typst_n" ]] || echo "bench: ovk drafted $ovk_n agreements, the peer $typst_n" >&2
	# median LIST: the median of numbers, one a line
	median() { sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
	ratio=$(awk '{ print $2 / $1 }' "$work/pairs.txt" | median)
	range=$(awk '{ print $2 / $1 }' "$work/pairs.txt" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "min %.1fx, max %.1fx", lo, hi }')
	ovk_med=$(awk '{ print $1 }' "$work/pairs.txt" | median)
	read -r ovk_ms typst_ms ovk_peak typst_peak < <(awk '{ oc += $3 / $5; tc += $4 / $6; if ($7 > om) om = $7; if ($8 > tm) tm = $8 }
		END { printf "%.2f %.2f %d %d\n", 1000 * oc / NR, 1000 * tc / NR, om, tm }' "$work/pairs.txt")
	printf 'Typst wall / ovk wall: median %.1fx (%s; %d rounds, %d cores)\n' "$ratio" "$range" "$rounds" "$cores"
	echo "CPU per agreement (mean of the rounds): ovk $ovk_ms ms, Typst $typst_ms ms; peak RSS: ovk $ovk_peak MB, Typst $typst_peak MB"
	echo "aims: renewal <= 0.4 s wall: $(awk -v w="$ovk_med" 'BEGIN { print (w <= 0.4 ? "met" : "not met") }') (median ${ovk_med} s);" \
		">= 10x Typst: $(awk -v r="$ratio" 'BEGIN { print (r >= 10 ? "met" : "not met") }');" \
		"<= 2.5 ms CPU per agreement: $(awk -v c="$ovk_ms" 'BEGIN { print (c <= 2.5 ? "met" : "not met") }')"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
