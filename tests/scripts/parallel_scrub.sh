# examples/parallel-scrub.sh, run with GNU parallel on this machine (-S :,
# the sshlogin form a run across hosts uses, and -j 2), holds exactly the
# claims a single x12 scrub holds and sends exactly the ones it sends: on
# the shipped night (whose duplicate LMG-2002 is only caught when its
# subscriber's claims stay in one part) cut two claims a part, and on 3,000
# generated claims cut 400 a part.
# Usage: bash parallel_scrub.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
recipe=$(cd "$data/../../examples" && pwd)/parallel-scrub.sh
rm -rf "$work" && mkdir -p "$work" && cd "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }
command -v parallel >/dev/null || { echo "FAIL: no GNU parallel (make deps installs it)"; exit 1; }
ids() { if [ -s "$1" ]; then "$x12" fmt --delimiters '*:^~' --newlines yes "$1" | awk -F'*' '/^CLM\*/ { print $2 }' | sort; fi; }

"$x12" gen 837p --claims 3000 --seed 7 --now 2026-01-15T09:00 -o gen.x12
check() { # name, input, claims a part, parallel options...
  local name=$1 input=$2 per=$3
  shift 3
  "$x12" scrub "$input" --clean "$name-single-clean.x12" --rejects "$name-single-rejects.x12" 2>/dev/null
  local single=$?
  X12=$x12 CLAIMS_PER_PART=$per bash "$recipe" "$input" "$name" "$@" 2>"$name.err"
  local rc=$?
  [ $rc = $single ] || fail "$name: exit $rc, a single scrub's $single: $(tail -2 "$name.err")"
  grep -q "^parallel-scrub: [0-9]* claims: " "$name.err" || fail "$name: no count: $(tail -2 "$name.err")"
  local parts
  parts=$(ls "$name/parts" | wc -l)
  [ "$parts" -ge 2 ] || fail "$name: only $parts part"
  for side in clean rejects; do
    ids "$name-single-$side.x12" >"$name-single-$side.ids"
    ids "$name/$side.x12" >"$name-$side.ids"
    cmp -s "$name-single-$side.ids" "$name-$side.ids" ||
      fail "$name: $side differs from a single scrub's: $(diff "$name-single-$side.ids" "$name-$side.ids" | head -3)"
  done
  [ -s "$name/report.csv" ] || fail "$name: no report"
  echo "ok: $name: $(wc -l <"$name-clean.ids") clean, $(wc -l <"$name-rejects.ids") rejected, in $parts parts"
}
check night "$data/../../examples/837p-nightly.x12" 2 -S :
grep -qx LMG-2002 night-rejects.ids || fail "night: the duplicate LMG-2002 was not rejected"
check generated gen.x12 400 -j 2
exit $failed
