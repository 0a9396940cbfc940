# Every 999 and TA1 that `x12 validate` writes is itself valid: over every
# guide's valid and one-fault test files, the 999 passes `x12 validate`
# against the 999 schema, and the TA1 interchange has no envelope finding.
# A guide's files are acknowledged in one run (one reply interchange each);
# a guide whose replies fail is done again file by file, to name the file.
# Usage: bash ack_validates.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
export SOURCE_DATE_EPOCH=1767225600
failed=0 acks=0 redacted=0
ik404='^IK4\*[^*~]*\*[^*~]*\*[^*~]*\*'

# The checks on the replies to FILES, written under the name NAME; quiet
# unless `say` is set, so a guide's run can be redone loudly file by file.
check() {
  local name=$1 say=$2 bad=0
  shift 2
  complain() { [ -n "$say" ] && echo "FAIL: $*"; bad=1; }
  "$x12" validate --ack 999 --ack-out "$work/$name.999" "$@" >/dev/null 2>&1
  [ $? -le 1 ] || { complain "validate gave up on $*"; return 1; }
  case $name in
    005010X231A1-999*)
      # Acknowledgments are not acknowledged: a file of 999s gets an empty 999 file.
      [ -s "$work/$name.999" ] && complain "a 999 was written for the 999s of $*"
      return $bad ;;
  esac
  out=$("$x12" validate "$work/$name.999" 2>&1) ||
    complain "the 999 for $* does not validate: $(head -5 <<<"$out")"
  "$x12" validate --ack ta1 --ack-out "$work/$name.ta1" "$@" >/dev/null 2>&1
  if ! out=$("$x12" info "$work/$name.ta1" 2>&1 >/dev/null) || [ -n "$out" ]; then
    complain "the TA1 for $* has envelope findings: $(head -5 <<<"$out")"
  fi
  [ "$(grep -c '^TA1\*' "$work/$name.ta1")" -ge $# ] || complain "not a TA1 segment for each of $*"
  # Where the 999 copies a bad value, --ack-redact leaves it out and the 999 still validates.
  if grep -q "$ik404" "$work/$name.999"; then
    "$x12" validate --ack 999 --ack-redact --ack-out "$work/$name.redacted.999" "$@" >/dev/null 2>&1
    if grep -q "$ik404" "$work/$name.redacted.999"; then
      complain "--ack-redact left an IK404 in the 999 for $*"
    elif ! out=$("$x12" validate "$work/$name.redacted.999" 2>&1); then
      complain "the redacted 999 for $* does not validate: $(head -5 <<<"$out")"
    fi
  fi
  return $bad
}

for dir in "$data"/005010X*/; do
  guide=$(basename "$dir")
  files=("$dir"*.x12)
  if ! check "$guide" "" "${files[@]}"; then
    for f in "${files[@]}"; do check "$guide-$(basename "$f" .x12)" say "$f" || failed=1; done
  fi
  acks=$((acks + ${#files[@]}))
  redacted=$((redacted + $(grep -c "$ik404" "$work/$guide.999" 2>/dev/null)))
done
for want in "005010X222A1-837/fault-missing-claim-amount ^IK5\*R" "005010X222A1-837/valid-rich ^AK9\*A"; do
  file=${want% *}
  check "${file/\//-}" say "$data/$file.x12" || failed=1
  grep -q "${want#* }" "$work/${file/\//-}.999" ||
    { echo "FAIL: the 999 of $file.x12 has no ${want#* }"; failed=1; }
done
echo "$acks files acknowledged, $redacted IK404 copies redacted"
[ "$redacted" -ge 5 ] || { echo "FAIL: expected IK404 copies to redact, got $redacted"; failed=1; }
[ "$acks" -ge 100 ] || { echo "FAIL: expected every guide's test files, got $acks"; failed=1; }
exit $failed
