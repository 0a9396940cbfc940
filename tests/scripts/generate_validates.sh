#!/usr/bin/env bash
# Every example claim document and roster converts to X12 that x12 validate
# passes without a finding; the same input and clock give the same bytes;
# and input that does not read leaves no output file behind.
set -euo pipefail
x12=$1 data=$2 work=$3
examples=$data/../../examples
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
export SOURCE_DATE_EPOCH=1767225600

check() { # input from output
  "$x12" convert "$1" --from "$2" --to x12 -o "$3" || fail "$1: convert exited $?"
  local report rc=0
  report=$("$x12" validate "$3") || rc=$?
  [ "$rc" = 0 ] || fail "$1: x12 validate exited $rc: $report"
  [ "$report" = "$3: 1 transaction, 0 errors, 0 warnings: valid" ] ||
    fail "$1: x12 validate reported: $report"
  "$x12" convert "$1" --from "$2" --to x12 -o "again-$3"
  cmp "$3" "again-$3" || fail "$1: a second run wrote different bytes"
}

n=0
for doc in "$examples"/claims*.json; do
  check "$doc" claims-json "$(basename "$doc" .json).x12"
  n=$((n + 1))
done
for roster in "$examples"/roster*.csv; do
  check "$roster" roster-csv "$(basename "$roster" .csv).270"
  n=$((n + 1))
done
[ "$n" -ge 4 ] || fail "expected at least 4 examples, found $n"

# Each guide the documents name is there.
for guide in 005010X222A1 005010X223A2 005010X224A2 005010X279A1; do
  grep -lq "\*$guide~" ./*.x12 ./*.270 || fail "no example writes $guide"
done

# Bad input: exit 2, and no file where the output would have gone.
echo '{"guide": "837P"}' > bad.json
rc=0
"$x12" convert bad.json --from claims-json --to x12 -o bad.x12 2> bad.err || rc=$?
[ "$rc" = 2 ] || fail "bad document: exit $rc, expected 2"
[ ! -e bad.x12 ] || fail "bad document: an output file was left behind"
grep -q "subscribers: required" bad.err || fail "bad document: $(cat bad.err)"
echo "ok: $n examples"
