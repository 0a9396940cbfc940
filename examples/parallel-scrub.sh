#!/usr/bin/env bash
# Scrub a night's claims on every core, or across machines, with GNU parallel:
#
#   examples/parallel-scrub.sh NIGHTLY.x12 OUT [PARALLEL-OPTIONS...]
#   examples/parallel-scrub.sh nightly.x12 out -j 4              # four local jobs
#   examples/parallel-scrub.sh nightly.x12 out -S :,host2,host3  # x12 on every host
#
# 1. x12 split --by subscriber cuts the file into parts of whole subscribers,
#    so each patient's claims stay together: the duplicate and NCCI edits
#    compare a patient's claims with one another, and see them all in one part;
# 2. parallel runs x12 scrub on each part (on the hosts of -S, the part sent
#    and the outputs brought back);
# 3. x12 merge joins the clean parts into OUT/clean.x12 and the rejects into
#    OUT/rejects.x12, and the reports into OUT/report.csv;
# 4. the claims are counted: those of the input must be those of clean.x12
#    plus rejects.x12, else the run exits 2.
# Exit status as x12 scrub's: 0 all clean, 1 some rejected, 2 trouble.
# Environment: X12 (default x12), CLAIMS_PER_PART (default 5000).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 NIGHTLY.x12 OUT [PARALLEL-OPTIONS...]" >&2; exit 2; }
in=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") out=$2
shift 2
x12=${X12:-x12}
per_part=${CLAIMS_PER_PART:-5000}

mkdir -p "$out"
cd "$out"
rm -rf parts clean rejects reports
"$x12" split --by subscriber --max "$per_part" --out-dir parts "$in" >/dev/null
mkdir -p clean rejects reports
# Other machines get the part and give the outputs back.
transfer=()
for a in "$@"; do
  case $a in
    -S | -S?* | --sshlogin | --sshlogin=* | --slf | --sshloginfile*)
      transfer=(--transferfile {} --return clean/{/} --return rejects/{/} --return "reports/{/.}.csv"
                --cleanup) ;;
  esac
done
# A part's scrub exits 1 when it rejects a claim: that is not a failed job.
parallel --will-cite --halt now,fail=1 "$@" "${transfer[@]}" \
  "mkdir -p clean rejects reports && $x12 scrub {} --clean clean/{/} --rejects rejects/{/} \
     --report reports/{/.}.csv 2>/dev/null; test \$? -le 1" ::: parts/*.x12

# An empty part output (no clean or no rejected claim there) is not X12.
join() {
  local side=$1
  mapfile -t files < <(find "$side" -name '*.x12' -size +0 | sort)
  if [ ${#files[@]} -gt 0 ]; then
    "$x12" merge "${files[@]}" -o "$side.x12"
  else
    : >"$side.x12"
  fi
}
join clean
join rejects
{ head -n 1 "$(ls reports/*.csv | head -n 1)"; for r in reports/*.csv; do tail -n +2 "$r"; done; } >report.csv

claims() {
  if [ -s "$1" ]; then
    "$x12" info --format jsonl "$1" | awk -F'"claims":' 'NF > 1 { n += $2 + 0 } END { print n + 0 }'
  else
    echo 0
  fi
}
read_in=$(claims "$in") clean_out=$(claims clean.x12) rejected_out=$(claims rejects.x12)
echo "parallel-scrub: $read_in claims: $clean_out clean, $rejected_out rejected ($(ls parts | wc -l) parts)" >&2
[ "$read_in" = $((clean_out + rejected_out)) ] || { echo "parallel-scrub: claims lost or doubled" >&2; exit 2; }
[ "$rejected_out" = 0 ]
