# x12 deid leaves no identifier of a patient, subscriber or relative: every
# name, ID, street, birth date, SSN, medical record number, claim number and
# note planted in tests/data/deid/planted-837p.x12 (examples/837p-claims.x12
# with an SSN, an MRN and a note added) is gone from the output, as a value
# and as text; provider identifiers stay; the output validates, and every
# shipped example keeps the errors it had; the same key gives the same output, and
# an 837 and its 835 still match claim to claim; --shift-dates keeps the
# interval between a subscriber's birth and service dates.
# Usage: bash deid_no_survivor.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }
planted=$data/deid/planted-837p.x12
segments() { "$x12" fmt --delimiters '*:^~' --newlines yes "$1"; }
values() { tr '~*:^\n' '\n\n\n\n\n' <"$1" | sed '/^$/d'; }

"$x12" deid --key night-key "$planted" -o out.x12 2>err.txt || fail "deid exit $?: $(cat err.txt)"
grep -q '^x12 deid: 1 transaction set, [0-9]* values replaced$' err.txt || fail "stderr: $(cat err.txt)"

# What was planted: the person segments' values (NM1 IL/QC 03 04 09, N3,
# DMG02, REF02 after them), CLM01, REF*EA, the note.
segments "$planted" | awk -F'*' '
  /^NM1\*(IL|QC)\*/ { person = 1; print $4; print $5; if ($10 != "") print $10; next }
  /^NM1\*/          { person = 0; next }
  /^HL\*|^CLM\*/    { person = 0 }
  person && /^N3\*/ { print $2 }
  person && /^DMG\*/ { print $3 }
  person && /^REF\*/ { print $3 }
  /^CLM\*/          { print $2 }
  /^REF\*EA\*/      { print $3 }
  /^NTE\*/          { sub(/~$/, "", $3); print $3 }' | sed 's/~$//' | sort -u >planted.txt
[ "$(wc -l <planted.txt)" -ge 25 ] || fail "only $(wc -l <planted.txt) planted values read"
for want in DOE JANE XJD100200300 19800214 451236987 MRN77881 MSF-1001 "12 OAK AVENUE"; do
  grep -qxF "$want" planted.txt || fail "the planted list lacks $want"
done
values out.x12 | sort -u >out-values.txt
while IFS= read -r v; do
  grep -qxF -- "$v" out-values.txt && fail "'$v' survives as a value"
  [ ${#v} -ge 6 ] && grep -qF -- "$v" out.x12 && fail "'$v' survives in the text"
done <planted.txt
# Providers, payers and the envelope stay.
for kept in 1234567893 371234567 "MAPLE STREET FAMILY PRACTICE" CHP00001 NWB0001 20260115; do
  grep -qF -- "$kept" out.x12 || fail "'$kept' (not a patient's) was replaced"
done
cmp -s <(segments "$planted" | wc -l) <(segments out.x12 | wc -l) || fail "the segment count changed"
[ "$(wc -c <out.x12)" = "$(wc -c <"$planted")" ] || fail "the size changed"
"$x12" validate out.x12 >validate.txt || fail "the output does not validate: $(head -3 validate.txt)"

# Every shipped example has the errors after deid that it had before. (Not
# the warnings: a date of service made 1 January of its year can fall
# before the ICD-10-CM list's first day and be checked for form only.)
errors() { "$x12" validate --format jsonl "$1" | grep '"severity":"error"' | grep -o '"code":"[^"]*"' | sort | uniq -c; }
for f in "$data"/../../examples/*.x12; do
  "$x12" deid --key k "$f" -o d.x12 2>/dev/null
  [ $? -le 1 ] || { fail "deid gave up on $f"; continue; }
  before=$(errors "$f")
  after=$(errors d.x12)
  [ "$before" = "$after" ] || fail "${f##*/}: findings [$before] became [$after]"
done

# Keyed: the same key, the same output; another key, another.
"$x12" deid --key night-key "$planted" -o again.x12 2>/dev/null
cmp -s out.x12 again.x12 || fail "the same key gave another output"
printf 'night-key\n' >key.txt
"$x12" deid --key-file key.txt "$planted" -o from-file.x12 2>/dev/null
cmp -s out.x12 from-file.x12 || fail "--key-file gave another output than --key"
X12_DEID_KEY=night-key "$x12" deid "$planted" -o from-env.x12 2>/dev/null
cmp -s out.x12 from-env.x12 || fail "X12_DEID_KEY gave another output than --key"
"$x12" deid --key other-key "$planted" -o other.x12 2>/dev/null
cmp -s out.x12 other.x12 && fail "another key gave the same output"

# The 837 and its 835 still match: the 835 pays MSF-1001 (CLP01).
segments "$data"/../../examples/835-remit.x12 | awk -F'*' 'BEGIN { OFS = "*" }
  /^CLP\*/ && !done { $2 = "MSF-1001"; done = 1 } { print }' >remit.x12
"$x12" deid --key night-key remit.x12 -o remit-out.x12 2>/dev/null
claim=$(segments out.x12 | awk -F'*' '/^CLM\*/ { print $2; exit }')
paid=$(segments remit-out.x12 | awk -F'*' '/^CLP\*/ { print $2; exit }')
[ -n "$claim" ] && [ "$claim" = "$paid" ] || fail "CLM01 became '$claim' but CLP01 '$paid'"
[ "$claim" != MSF-1001 ] || fail "CLM01 was kept"

# --shift-dates: Jane Doe's birth (1980-02-14) and first service date
# (2026-01-05) move back together.
"$x12" deid --key night-key --shift-dates "$planted" -o shifted.x12 2>/dev/null
days() { echo $((($(date -ud "$2" +%s) - $(date -ud "$1" +%s)) / 86400)); }
birth=$(segments shifted.x12 | awk -F'*' '/^DMG\*/ { print $3; exit }')
served=$(segments shifted.x12 | awk -F'*' '/^DTP\*472\*/ { sub(/~$/, "", $4); print $4; exit }')
[ "$birth" != 19800214 ] || fail "--shift-dates kept the birth date"
[ "$(days "$birth" "$served")" = "$(days 19800214 20260105)" ] ||
  fail "--shift-dates changed the interval: $birth to $served"
"$x12" validate shifted.x12 >/dev/null || fail "the shifted output does not validate"

# No key, two keys: usage errors, nothing written.
rm -f none.x12
"$x12" deid "$planted" -o none.x12 2>/dev/null
[ $? = 2 ] && [ ! -e none.x12 ] || fail "no key: not exit 2, or output written"
"$x12" deid --key a --key-file key.txt "$planted" -o none.x12 2>/dev/null
[ $? = 2 ] && [ ! -e none.x12 ] || fail "two keys: not exit 2, or output written"
[ $failed = 0 ] && echo "ok: $(wc -l <planted.txt) planted values gone, examples valid, keyed and matching"
exit $failed
