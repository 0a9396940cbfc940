# Every 999 and TA1 that `x12 validate` writes is itself valid: over every
# guide's valid and one-fault test files, the 999 passes `x12 validate`
# against the 999 schema, and the TA1 interchange has no envelope finding.
# Usage: bash ack_validates.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
export SOURCE_DATE_EPOCH=1767225600
failed=0 acks=0 redacted=0
for f in "$data"/005010X*/*.x12; do
  name=$(basename "$(dirname "$f")")-$(basename "$f" .x12)
  "$x12" validate --ack 999 --ack-out "$work/$name.999" "$f" >/dev/null 2>&1
  if [ $? -gt 1 ]; then echo "FAIL: validate gave up on $f"; failed=1; continue; fi
  case $f in
    */005010X231A1-999/*)
      # Acknowledgments are not acknowledged: a file of 999s gets an empty 999 file.
      [ -s "$work/$name.999" ] && { echo "FAIL: a 999 was written for the 999s of $f"; failed=1; }
      acks=$((acks + 1))
      continue ;;
  esac
  if ! out=$("$x12" validate "$work/$name.999" 2>&1); then
    echo "FAIL: the 999 for $f does not validate:"; echo "$out" | head -5; failed=1
  fi
  "$x12" validate --ack ta1 --ack-out "$work/$name.ta1" "$f" >/dev/null 2>&1
  if ! out=$("$x12" info "$work/$name.ta1" 2>&1 >/dev/null) || [ -n "$out" ]; then
    echo "FAIL: the TA1 for $f has envelope findings:"; echo "$out" | head -5; failed=1
  fi
  grep -q '^TA1\*' "$work/$name.ta1" || { echo "FAIL: no TA1 segment for $f"; failed=1; }
  # Where the 999 copies a bad value, --ack-redact leaves it out and the 999 still validates.
  if grep -q '^IK4\*[^*~]*\*[^*~]*\*[^*~]*\*' "$work/$name.999"; then
    "$x12" validate --ack 999 --ack-redact --ack-out "$work/$name.redacted.999" "$f" >/dev/null 2>&1
    if grep -q '^IK4\*[^*~]*\*[^*~]*\*[^*~]*\*' "$work/$name.redacted.999"; then
      echo "FAIL: --ack-redact left an IK404 in the 999 for $f"; failed=1
    elif ! out=$("$x12" validate "$work/$name.redacted.999" 2>&1); then
      echo "FAIL: the redacted 999 for $f does not validate:"; echo "$out" | head -5; failed=1
    fi
    redacted=$((redacted + 1))
  fi
  acks=$((acks + 1))
done
# A rejected file's 999 says so.
grep -q '^IK5\*R' "$work/005010X222A1-837-fault-missing-claim-amount.999" ||
  { echo "FAIL: the 999 of a rejected claim file does not reject it"; failed=1; }
grep -q '^AK9\*A' "$work/005010X222A1-837-valid-rich.999" ||
  { echo "FAIL: the 999 of a valid file does not accept it"; failed=1; }
echo "$acks files acknowledged, $redacted with IK404 redacted"
[ "$redacted" -ge 5 ] || { echo "FAIL: expected IK404 copies to redact, got $redacted"; failed=1; }
[ "$acks" -ge 100 ] || { echo "FAIL: expected every guide's test files, got $acks"; failed=1; }
exit $failed
