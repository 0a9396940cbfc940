#!/usr/bin/env bash
# x12 convert --table all writes in one pass exactly what four runs of one
# table each write, for several files at once (and for the 271 and 277, what
# the one table of each writes); and a run that cannot read one of its
# inputs leaves no table behind.
set -euo pipefail
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

inputs=("$data/005010X221A1-835/valid-rich.x12" "$data/835/remit-two-payments.x12")
"$x12" convert "${inputs[@]}" --to csv --table all --out-dir all
for t in payments claims lines adjustments; do
  "$x12" convert "${inputs[@]}" --to csv --table "$t" -o "$t.csv"
  cmp "all/$t.csv" "$t.csv" || fail "--table all differs from --table $t"
  # RFC 4180: every row ends in CRLF.
  [ "$(grep -c $'\r$' "$t.csv")" = "$(wc -l < "$t.csv")" ] || fail "$t.csv: a row without CRLF"
done
[ "$(wc -l < claims.csv)" = 10 ] || fail "expected 9 claims and a header"

# The 271 and 277 tables: --table all is the one table of the family, and
# each row of a file's table is one EB (or rejection) or STC.
one_table() { # family-input table expected-rows
  "$x12" convert "$1" --to csv --table all --out-dir "all-$2"
  "$x12" convert "$1" --to csv --table "$2" -o "$2.csv"
  [ "$(ls "all-$2")" = "$2.csv" ] || fail "--table all wrote $(ls "all-$2"), expected $2.csv"
  cmp "all-$2/$2.csv" "$2.csv" || fail "--table all differs from --table $2"
  [ "$(grep -c $'\r$' "$2.csv")" = "$(wc -l < "$2.csv")" ] || fail "$2.csv: a row without CRLF"
  [ "$(wc -l < "$2.csv")" = "$3" ] || fail "$2.csv: $(wc -l < "$2.csv") lines, expected $3"
}
# 7 EB, a member not found and a payer that cannot answer; 8 STC.
one_table "$data/271/multi-member.x12" benefits 10
one_table "$data/277/277ca-multi-claim.x12" statuses 9

set +e
"$x12" convert "${inputs[0]}" "$data/835/no-such-file.x12" --to csv --table all \
  --out-dir partial 2> err.txt
rc=$?
set -e
[ "$rc" = 2 ] || fail "missing input: exit $rc, expected 2"
[ -z "$(ls -A partial)" ] || fail "a failed run left files: $(ls -A partial)"
grep -q 'no-such-file.x12: cannot open' err.txt || fail "no message for the missing file"
echo ok
