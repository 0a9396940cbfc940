#!/usr/bin/env bash
# x12 codes import icd10cm: a synthetic CMS/NCHS order file in the published
# layout (order number 5, code 7, valid flag 1, short description 60, long
# description, one blank between each; CRLF lines) becomes a table that
# `x12 codes` and `x12 validate --codes` read, dated for its fiscal year.
set -euo pipefail
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

# Every shipped billable code (flag 1), and the 3-character categories above
# them (flag 0), as FY2027's order file.
tail -n +2 "$data/../../schemas/codes/icd10cm.csv" |
  awk '{ if (substr($0, 1, 3) != cat) { cat = substr($0, 1, 3); print cat " 0" } print $0 " 1" }' |
  awk '{ printf "%05d %-7s %s %-60s %s\r\n", NR, $1, $2, "Short description of " $1,
         "Long description of " $1 " as the publisher writes it" }' > icd10cm_order_2027.txt
billable=$(($(wc -l < "$data/../../schemas/codes/icd10cm.csv") - 1))

out=$("$x12" codes import icd10cm icd10cm_order_2027.txt --codes fy2027)
[ "$out" = "fy2027/icd10cm.csv: $billable billable codes, FY2027 2026-10-01 to 2027-09-30" ] ||
  fail "import said: $out"
[ "$(head -n 1 fy2027/icd10cm.csv)" = code ] || fail "the table has no 'code' header"
grep -qx 'effective: 2026-10-01' fy2027/icd10cm.source || fail "no effective date in the .source"
grep -qx 'termination: 2027-09-30' fy2027/icd10cm.source || fail "no termination in the .source"
grep -qx 'vintage: FY2027' fy2027/icd10cm.source || fail "no vintage in the .source"
cmp -s <(tail -n +2 fy2027/icd10cm.csv) <(tail -n +2 "$data/../../schemas/codes/icd10cm.csv") ||
  fail "the imported codes differ from the order file's billable ones"

"$x12" codes --codes fy2027 lookup icd10cm E119 > out.txt || fail "E119 is not billable: $(cat out.txt)"
grep -q 'FY2027' out.txt || fail "lookup does not name FY2027: $(cat out.txt)"
rc=0; "$x12" codes --codes fy2027 lookup icd10cm E11 > out.txt || rc=$?
[ $rc = 1 ] || fail "E11, a category, exit $rc"

# Claims dated in FY2027 are checked against the imported list, without the
# warning the shipped FY2026 list gives them.
claims=$data/snip5/service-dates-after-table.x12
"$x12" validate "$claims" | grep -q code-table-not-in-effect || fail "no warning without the import"
out=$("$x12" validate --codes fy2027 "$claims") || fail "validate with the import: $out"
[ "$out" = "$claims: 1 transaction, 0 errors, 0 warnings: valid" ] || fail "validate said: $out"

# --schemas DIR writes into its codes/; --from and --to date the table.
"$x12" codes import icd10cm icd10cm_order_2027.txt --schemas mine --from 2026-10-01 --to 2027-03-31 > /dev/null
grep -qx 'termination: 2027-03-31' mine/codes/icd10cm.source || fail "--to not recorded"

expect_usage() { # name, then the command; exit 2 and nothing written
  local name=$1 rc=0
  shift
  "$@" > /dev/null 2> err.txt || rc=$?
  [ $rc = 2 ] || fail "$name: exit $rc, expected 2"
  [ -s err.txt ] || fail "$name: no message"
}
expect_usage "no folder" "$x12" codes import icd10cm icd10cm_order_2027.txt
expect_usage "two folders" "$x12" codes import icd10cm icd10cm_order_2027.txt --codes a --schemas b
cp icd10cm_order_2027.txt order.txt
expect_usage "no year" "$x12" codes import icd10cm order.txt --codes bad
expect_usage "bad date" "$x12" codes import icd10cm order.txt --codes bad --to 2027-9-30
printf '00099 X\r\n' >> order.txt
expect_usage "bad line" "$x12" codes import icd10cm order.txt --codes bad --to 2027-09-30
grep -q 'order.txt:[0-9]*:1: ' err.txt || fail "a bad line is not named: $(cat err.txt)"
[ ! -e bad ] || fail "a failed import wrote its folder"
echo "ok: $billable codes imported for FY2027"
