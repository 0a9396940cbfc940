#!/usr/bin/env bash
# The reader benchmark: generates 100 MB and 1 GB 837P files and a 100 MB
# 835 into bench/out/ (once; they are reproducible), then measures, each in
# its own process so each peak RSS is its own:
#   gen       x12 gen writing the file's kind and size to /dev/null
#   memchr    the baseline: memchr for the terminator over the mapped file
#   reader    reader::next() over every segment
#   envelope  reader + envelope_checker
#   info      the whole `x12 info FILE` command
#   validate  the whole `x12 validate FILE` command: SNIP 1-5 (the guide's
#             schema, its balancing and situational rules, code sets)
#   validate+pack  the same with examples/partner-rules.yaml (SNIP 7), 837P 100 MB
#   scrub     `x12 scrub FILE --clean --rejects --report` (837P): validation
#             per claim, the claim edits, both outputs and the report written
#   info-pipe `cat FILE | x12 info -`: the stream path, pages released as read
#   json, jsonl, json-to-x12  x12 convert --to json|jsonl, and back (837P 100 MB)
#   csv-all   x12 convert --to csv --table all --out-dir (835 100 MB)
# Rates are best of 3 runs; MB is 10^6 bytes; RSS is the peak resident set
# from /usr/bin/time.
# Usage: bash bench/run.sh [X12_BINARY]   (default build/x12; the benchmark
# binary is bench/x12_reader_bench in the same build directory)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
x12=$(realpath "${1:-$here/../build/x12}")
bench=$(dirname "$x12")/bench/x12_reader_bench
out=$here/out
now=2026-01-01T00:00
timer=/usr/bin/time

for tool in "$x12" "$bench" "$timer"; do
  [[ -x $tool ]] || { echo "run.sh: $tool is missing (build first: make build)" >&2; exit 2; }
done
mkdir -p "$out"

# name kind size
files=(
  "837p-100M.x12 837p 100M"
  "837p-1G.x12 837p 1G"
  "835-100M.x12 835 100M"
)

for f in "${files[@]}"; do
  read -r name kind size <<<"$f"
  if [[ ! -s $out/$name ]]; then
    echo "generating $out/$name" >&2
    "$x12" gen "$kind" --size "$size" --seed 1 --now "$now" -o "$out/$name"
  fi
done

# measure OUT COMMAND...: runs COMMAND under /usr/bin/time with its stdout
# to OUT; sets secs and rss_mb.
measure() {
  local log to=$1
  shift
  log=$(mktemp)
  "$timer" -f '%e %M' -o "$log" "$@" >"$to"
  read -r secs rss_kb <"$log"
  rm -f "$log"
  rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
}

# Best wall time of three runs of COMMAND (and the peak RSS of the last).
best_of_3() {
  local best=
  for _ in 1 2 3; do
    measure /dev/null "$@"
    if [[ -z $best ]] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$secs
    fi
  done
  secs=$best
}

rate() {
  awk -v n="$1" -v s="$2" 'BEGIN { if (n == "-" || s <= 0) print "-"; else printf "%.0f", n / s }'
}

cpu=$(awk -F: '/model name/ { sub(/^ +/, "", $2); print $2; exit }' /proc/cpuinfo)
ram=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1e6 }' /proc/meminfo)
echo "machine: ${cpu:-unknown CPU}, $(nproc) cores, $ram RAM; $(uname -sr)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

row() { printf '%-14s %8s  %-9s %8s %13s %11s %8s\n' "$@"; }
row file size mode MB/s segments/s claims/s RSS_MB
for f in "${files[@]}"; do
  read -r name kind size <<<"$f"
  path=$out/$name
  bytes=$(stat -c %s "$path")
  mb=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }')

  measure /dev/null "$x12" gen "$kind" --size "$size" --seed 1 --now "$now"
  row "$name" "${mb}MB" gen "$(rate "$mb" "$secs")" - - "$rss_mb"

  segments=- claims=-
  for mode in memchr reader envelope; do
    tsv=$(mktemp)
    measure "$tsv" "$bench" --mode "$mode" --runs 3 "$path"
    IFS=$'\t' read -r _ _ _ _ mbps segments seg_rate claims claim_rate _ < <(tail -n 1 "$tsv")
    rm -f "$tsv"
    row "$name" "${mb}MB" "$mode" "$mbps" "$seg_rate" "$claim_rate" "$rss_mb"
  done

  best_of_3 "$x12" info "$path"
  row "$name" "${mb}MB" info "$(rate "$mb" "$secs")" "$(rate "$segments" "$secs")" \
    "$(rate "$claims" "$secs")" "$rss_mb"

  best_of_3 "$x12" validate "$path"
  row "$name" "${mb}MB" validate "$(rate "$mb" "$secs")" "$(rate "$segments" "$secs")" \
    "$(rate "$claims" "$secs")" "$rss_mb"

  if [[ $name == 837p-100M.x12 ]]; then
    best_of_3 "$x12" validate --rules "$here/../examples/partner-rules.yaml" "$path"
    row "$name" "${mb}MB" validate+pack "$(rate "$mb" "$secs")" "$(rate "$segments" "$secs")" \
      "$(rate "$claims" "$secs")" "$rss_mb"
  fi
  if [[ $kind == 837p ]]; then
    # Exit 1 is a rejected claim (x12 gen's pools repeat a few claims), not a failure.
    best_of_3 sh -c '"$0" "$@"; [ $? -le 1 ]' "$x12" scrub "$path" --clean "$out/scrub-clean.x12" \
      --rejects "$out/scrub-rejects.x12" --report "$out/scrub-report.csv"
    row "$name" "${mb}MB" scrub "$(rate "$mb" "$secs")" "$(rate "$segments" "$secs")" \
      "$(rate "$claims" "$secs")" "$rss_mb"
  fi

  log=$(mktemp)
  start=$(date +%s.%N)
  cat "$path" | "$timer" -f '%e %M' -o "$log" "$x12" info - >/dev/null
  secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
  read -r _ rss_kb <"$log"
  rm -f "$log"
  rss_mb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }')
  row "$name" "${mb}MB" info-pipe "$(rate "$mb" "$secs")" "$(rate "$segments" "$secs")" \
    "$(rate "$claims" "$secs")" "$rss_mb"
done

# The JSON loop tree over the 100 MB 837P: `x12 convert --to json` and
# `--to jsonl` to /dev/null, then that JSON back with `--to x12`. All three
# rates are MB of X12: the JSON is about 13 times larger.
path=$out/837p-100M.x12
mb=$(awk -v b="$(stat -c %s "$path")" 'BEGIN { printf "%.0f", b / 1e6 }')
for mode in json jsonl; do
  best_of_3 "$x12" convert "$path" --to "$mode"
  row 837p-100M.x12 "${mb}MB" "$mode" "$(rate "$mb" "$secs")" - - "$rss_mb"
done
json=$out/837p-100M.json
"$x12" convert "$path" --to json >"$json"
best_of_3 "$x12" convert "$json" --to x12
row 837p-100M.x12 "${mb}MB" json-to-x12 "$(rate "$mb" "$secs")" - - "$rss_mb"
rm -f "$json"

# The 835 as CSV: `x12 convert --to csv --table all` writing the four tables
# (about twice the X12's size, each synced and renamed into place) into a
# folder under bench/out/, removed afterwards.
path=$out/835-100M.x12
mb=$(awk -v b="$(stat -c %s "$path")" 'BEGIN { printf "%.0f", b / 1e6 }')
tables=$out/835-100M-tables
best_of_3 "$x12" convert "$path" --to csv --table all --out-dir "$tables"
row 835-100M.x12 "${mb}MB" csv-all "$(rate "$mb" "$secs")" - - "$rss_mb"
rm -rf "$tables"
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
