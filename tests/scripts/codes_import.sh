#!/usr/bin/env bash
# x12 codes import icd10cm: a synthetic CMS/NCHS order file in the published
# layout (order number 5, code 7, valid flag 1, short description 60, long
# description, one blank between each; CRLF lines) becomes a table that
# `x12 codes` and `x12 validate --codes` read, dated for its fiscal year;
# the order files of two years become one table that dates each code by the
# years it is in.
set -euo pipefail
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

# The order file of the billable codes CODES (one a line, sorted), with the
# 3-character categories above them (flag 0).
order_file() {
  awk '{ if (substr($0, 1, 3) != cat) { cat = substr($0, 1, 3); print cat " 0" } print $0 " 1" }' "$1" |
    awk '{ printf "%05d %-7s %s %-60s %s\r\n", NR, $1, $2, "Short description of " $1,
           "Long description of " $1 " as the publisher writes it" }'
}
# Every code of the shipped table as FY2028's order file.
tail -n +2 "$data/../../schemas/codes/icd10cm.csv" | cut -d, -f1 | LC_ALL=C sort -u > codes-2028.txt
order_file codes-2028.txt > icd10cm_order_2028.txt
billable=$(wc -l < codes-2028.txt)

out=$("$x12" codes import icd10cm icd10cm_order_2028.txt --codes fy2028)
[ "$out" = "fy2028/icd10cm.csv: $billable billable codes, FY2028 2027-10-01 to 2028-09-30" ] ||
  fail "import said: $out"
[ "$(head -n 1 fy2028/icd10cm.csv)" = code ] || fail "the table has no 'code' header"
grep -qx 'effective: 2027-10-01' fy2028/icd10cm.source || fail "no effective date in the .source"
grep -qx 'termination: 2028-09-30' fy2028/icd10cm.source || fail "no termination in the .source"
grep -qx 'vintage: FY2028' fy2028/icd10cm.source || fail "no vintage in the .source"
cmp -s <(tail -n +2 fy2028/icd10cm.csv) codes-2028.txt ||
  fail "the imported codes differ from the order file's billable ones"

"$x12" codes --codes fy2028 lookup icd10cm E119 > out.txt || fail "E119 is not billable: $(cat out.txt)"
grep -q 'FY2028' out.txt || fail "lookup does not name FY2028: $(cat out.txt)"
rc=0; "$x12" codes --codes fy2028 lookup icd10cm E11 > out.txt || rc=$?
[ $rc = 1 ] || fail "E11, a category, exit $rc"

# Claims dated in FY2028 are checked against the imported list, without the
# warning the shipped FY2026-FY2027 list gives them.
claims=$data/snip5/service-dates-after-table.x12
"$x12" validate "$claims" | grep -q code-table-not-in-effect || fail "no warning without the import"
out=$("$x12" validate --codes fy2028 "$claims") || fail "validate with the import: $out"
[ "$out" = "$claims: 1 transaction, 0 errors, 0 warnings: valid" ] || fail "validate said: $out"

# Two years in one table: FY2029 drops M25562 (the first claim's diagnosis)
# and adds M2556Z. Codes of both years carry no dates, the two others theirs.
{ grep -vx M25562 codes-2028.txt; echo M2556Z; } | LC_ALL=C sort > codes-2029.txt
order_file codes-2029.txt > icd10cm_order_2029.txt
out=$("$x12" codes import icd10cm icd10cm_order_2029.txt icd10cm_order_2028.txt --codes years)
[ "$out" = "years/icd10cm.csv: $((billable + 1)) rows, 2 of them dated (codes not in every year), FY2028-FY2029 2027-10-01 to 2029-09-30" ] ||
  fail "the two-year import said: $out"
[ "$(head -n 1 years/icd10cm.csv)" = code,effective,termination ] || fail "no dated header"
grep -qx 'M25562,2027-10-01,2028-09-30' years/icd10cm.csv || fail "the dropped code is not dated"
grep -qx 'M2556Z,2028-10-01,2029-09-30' years/icd10cm.csv || fail "the added code is not dated"
grep -qx 'E119,,' years/icd10cm.csv || fail "a code of both years has dates"
grep -qx 'vintage: FY2028-FY2029' years/icd10cm.source || fail "no two-year vintage"
# The claims of FY2028 still pass; M25562 a year on is not in effect.
out=$("$x12" validate --codes years "$claims") || fail "validate with two years: $out"
sed 's/2028\([0-9][0-9][0-9][0-9]\)/2029\1/g' "$claims" > claims-2029.x12
rc=0; "$x12" validate --codes years claims-2029.x12 > out.txt || rc=$?
[ $rc = 1 ] || fail "M25562 in FY2029: exit $rc"
grep -q "not on the date of service 2029-02-20: it ended 2028-09-30 \[code-not-in-effect\]" out.txt ||
  fail "M25562 in FY2029: $(cat out.txt)"
expect2() { local rc=0; "$@" > /dev/null 2> err.txt || rc=$?; [ $rc = 2 ] || fail "$*: exit $rc"; }
order_file codes-2028.txt > icd10cm_order_2030.txt
expect2 "$x12" codes import icd10cm icd10cm_order_2028.txt icd10cm_order_2030.txt --codes gap
grep -q "fiscal years 2028 and 2030 do not follow one another" err.txt || fail "a gap: $(cat err.txt)"
expect2 "$x12" codes import icd10cm icd10cm_order_2028.txt icd10cm_order_2029.txt --codes d --to 2029-09-30
[ ! -e gap ] && [ ! -e d ] || fail "a refused import wrote its folder"

# --schemas DIR writes into its codes/; --from and --to date the table.
"$x12" codes import icd10cm icd10cm_order_2028.txt --schemas mine --from 2027-10-01 --to 2028-03-31 > /dev/null
grep -qx 'termination: 2028-03-31' mine/codes/icd10cm.source || fail "--to not recorded"

expect_usage() { # name, then the command; exit 2 and nothing written
  local name=$1 rc=0
  shift
  "$@" > /dev/null 2> err.txt || rc=$?
  [ $rc = 2 ] || fail "$name: exit $rc, expected 2"
  [ -s err.txt ] || fail "$name: no message"
}
expect_usage "no folder" "$x12" codes import icd10cm icd10cm_order_2028.txt
expect_usage "two folders" "$x12" codes import icd10cm icd10cm_order_2028.txt --codes a --schemas b
cp icd10cm_order_2028.txt order.txt
expect_usage "no year" "$x12" codes import icd10cm order.txt --codes bad
expect_usage "bad date" "$x12" codes import icd10cm order.txt --codes bad --to 2028-9-30
printf '00099 X\r\n' >> order.txt
expect_usage "bad line" "$x12" codes import icd10cm order.txt --codes bad --to 2028-09-30
grep -q 'order.txt:[0-9]*:1: ' err.txt || fail "a bad line is not named: $(cat err.txt)"
[ ! -e bad ] || fail "a failed import wrote its folder"
echo "ok: $billable codes imported for FY2028, and FY2028-FY2029 as one table"
