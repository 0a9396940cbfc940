# x12 scrub loses and doubles nothing: for every 837 the tests and examples
# ship (the fault cases included), the CLM segments of the input are the CLM
# segments of --clean plus those of --rejects, the count on stderr says so,
# and clean output validates without an error. A run that cannot place every
# claim exits 2 and leaves no output. The night of examples/837p-nightly.x12
# rejects exactly the claims worked out by hand below.
# Usage: bash scrub_counts.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
failed=0 checked=0
fail() { echo "FAIL: $*"; failed=1; }
segments() { "$x12" fmt --delimiters '*:^~' --newlines yes "$@" 2>/dev/null; }
clm() { if [ -s "$1" ]; then segments "$1" | grep -c '^CLM\*'; else echo 0; fi; }

# The clean outputs are validated together at the end: the findings name
# their file.
clean_outputs=()
for f in "$data"/../../examples/*.x12 "$data"/corpus/*.x12 "$data"/837/*.x12 \
         "$data"/005010X22*-837/*.x12 "$data"/scrub/*.x12; do
  [ -f "$f" ] || continue
  dir=${f%/*} base=${f##*/}
  name=${dir##*/}-${base%.x12}
  out=$work/$name
  mkdir -p "$out"
  segments "$f" >"$out/in.x12"
  [ "$(awk -F'*' '/^ST\*/ { print $2; exit }' "$out/in.x12")" = 837 ] || continue
  in=$(grep -c '^CLM\*' "$out/in.x12")
  "$x12" scrub "$f" --clean "$out/clean.x12" --rejects "$out/rejects.x12" 2>"$out/stderr"
  rc=$?
  checked=$((checked + 1))
  if [ "$rc" -eq 2 ]; then
    grep -q 'nothing is written' "$out/stderr" || fail "$name: exit 2: $(head -1 "$out/stderr")"
    [ ! -e "$out/clean.x12" ] && [ ! -e "$out/rejects.x12" ] || fail "$name: exit 2 left output"
    continue
  fi
  [ "$rc" -le 1 ] || { fail "$name: exit $rc"; continue; }
  clean=$(clm "$out/clean.x12") rejected=$(clm "$out/rejects.x12")
  [ $((clean + rejected)) -eq "$in" ] ||
    fail "$name: $in claims in, $clean clean + $rejected rejected out"
  grep -q "^x12 scrub: $in claims\?: $clean clean, $rejected rejected$" "$out/stderr" ||
    fail "$name: stderr does not count $in: $clean clean, $rejected rejected: $(head -1 "$out/stderr")"
  [ "$rc" -eq $((rejected > 0 ? 1 : 0)) ] || fail "$name: exit $rc with $rejected rejected"
  [ "$clean" -gt 0 ] && clean_outputs+=("$out/clean.x12")
done
if [ ${#clean_outputs[@]} -gt 0 ]; then
  "$x12" validate "${clean_outputs[@]}" >"$work/validate" 2>&1 ||
    fail "a clean output does not validate: $(grep -m3 error "$work/validate")"
fi
[ "$checked" -ge 40 ] || fail "only $checked files checked: the glob lost the data"

# By hand, examples/837p-nightly.x12 (11 claims): MSF-1002 and MSF-1003 sit
# under a patient loop with a bad birth date; LMG-2002 repeats LMG-2001;
# LMG-2004 is 391 days old on its BHT04 date (limit 365); LMG-2005 charges
# zero; LMG-2006's date of service is month 13; MSF-3001 and MSF-3002 are in
# a transaction set whose BHT02 is 99. LMG-2003 repeats LMG-2001 but is a
# replacement (CLM05-3 7); MSF-1001 has a zero-charge line, a warning.
night=$work/night
mkdir -p "$night"
"$x12" scrub "$data/../../examples/837p-nightly.x12" --clean "$night/clean.x12" \
  --rejects "$night/rejects.x12" --report "$night/report.csv" --ack-277ca "$night/ack.277" 2>/dev/null
[ $? -eq 1 ] || fail "837p-nightly: exit is not 1"
ids() { segments "$1" | awk -F'*' '/^CLM\*/ { print $2 }' | sort | tr '\n' ' '; }
[ "$(ids "$night/clean.x12")" = "LMG-2001 LMG-2003 MSF-1001 " ] ||
  fail "837p-nightly: clean holds $(ids "$night/clean.x12")"
[ "$(ids "$night/rejects.x12")" = \
  "LMG-2002 LMG-2004 LMG-2005 LMG-2006 MSF-1002 MSF-1003 MSF-3001 MSF-3002 " ] ||
  fail "837p-nightly: rejects hold $(ids "$night/rejects.x12")"
# One verdict row per claim, and the edit that rejected each.
[ "$(awk -F, '$6 == "" && NR > 1' "$night/report.csv" | wc -l)" -eq 11 ] ||
  fail "837p-nightly: the report has not 11 verdict rows"
for want in MSF-1002,invalid-date MSF-1003,invalid-date LMG-2002,duplicate-claim \
            LMG-2004,timely-filing LMG-2005,zero-charge LMG-2006,invalid-date \
            MSF-3001,code-invalid MSF-3002,code-invalid; do
  awk -F, -v id="${want%,*}" -v code="${want#*,}" \
    '$3 == id && $6 == code && $5 == "reject" { found = 1 } END { exit !found }' \
    "$night/report.csv" || fail "837p-nightly: no reject row $want"
done

# The 277CA answers exactly the rejected claims (2200D TRN02 = CLM01), each
# with an A6/A7/A8 status, and is itself a valid 005010X214.
"$x12" validate "$night/ack.277" >"$night/ack.validate" ||
  fail "837p-nightly: the 277CA does not validate: $(grep -m1 error "$night/ack.validate")"
answered=$(segments "$night/ack.277" | awk -F'*' '{ sub(/~$/, "") } /^HL\*/ { pt = ($4 == "PT") } pt && /^TRN\*2\*/ { print $3 }' |
  sort | tr '\n' ' ')
[ "$answered" = "$(ids "$night/rejects.x12")" ] || fail "837p-nightly: the 277CA answers $answered"
[ "$(segments "$night/ack.277" | grep -c '^STC\*A[678]:')" -ge 8 ] ||
  fail "837p-nightly: the 277CA has fewer than 8 rejecting statuses"

# By hand, tests/data/scrub/ncci.x12 with the synthetic CMS-layout tables:
# N-1 bills G0283 with its column 1 G0281 (indicator 0); N-3 bills J3490 with
# J1100 (indicator 1, no modifier) while N-2 has 59 on it; N-4's A4550/A4556
# edit was deleted on 2025-12-31 and Q4101/Q4102 is indicator 9; N-5's pair is
# 0 until 2025 but 1 from 2026, and has 59; N-8's G0283 meets N-7's G0281 on the
# same day across claims; N-9 bills 5 units of J1100 (MUE 3 per line); N-10
# 2+2 units of A4550 (MUE 2 per day, MAI 2); N-12's Q4101 is a second unit
# that day after N-11's (MUE 1, MAI 3).
ncci=$work/ncci
mkdir -p "$ncci"
"$x12" scrub "$data/scrub/ncci.x12" --ptp "$data/scrub/ptp-synthetic.txt" \
  --mue "$data/scrub/mue-synthetic.csv" --clean "$ncci/clean.x12" --rejects "$ncci/rejects.x12" \
  2>/dev/null
[ "$(ids "$ncci/rejects.x12")" = "N-1 N-10 N-12 N-3 N-8 N-9 " ] ||
  fail "ncci: rejects hold $(ids "$ncci/rejects.x12")"
[ "$(ids "$ncci/clean.x12")" = "N-11 N-2 N-4 N-5 N-7 " ] ||
  fail "ncci: clean holds $(ids "$ncci/clean.x12")"

echo "$checked files checked"
exit $failed
