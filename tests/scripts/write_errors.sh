#!/usr/bin/env bash
# A write error is an error in every command: standard output on a full
# disk (/dev/full) gives exit 2 and "x12 VERB: cannot write standard output:
# No space left on device", whatever the command would have printed. A
# reader that stops reading (| head) ends the run without a word on stderr,
# also when the parent left SIGPIPE ignored.
# Usage: bash write_errors.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }
examples=$data/../../examples
if ! [ -w /dev/full ]; then
  echo "no /dev/full here: nothing to check"
  exit 0
fi

# One line per run: the name in the message ('_' for its space), then the
# arguments.
while read -r prog args; do
  [ -n "$prog" ] || continue
  prog=${prog/_/ }
  # shellcheck disable=SC2086 # the arguments are words
  "$x12" $args >/dev/full 2>err
  rc=$?
  [ $rc = 2 ] || fail "x12 $args >/dev/full: exit $rc, not 2"
  grep -qx "$prog: cannot write standard output: No space left on device" err ||
    fail "x12 $args >/dev/full said: $(cat err)"
done <<EOF
x12 --help
x12 --version
x12 help
x12 help validate
x12_info info --help
x12_info info $examples/837p-claims.x12
x12_info info --format jsonl $examples/837p-claims.x12
x12_fmt fmt --newlines yes $examples/837p-claims.x12
x12_split split --by claim --out-dir parts $examples/837p-claims.x12
x12_merge merge --now 2026-01-31 $examples/837p-claims.x12 $examples/835-remit.x12
x12_gen gen 837p --claims 3 --now 2026-01-31
x12_validate validate $examples/837p-invalid.x12
x12_validate validate $examples/837p-claims.x12
x12_validate validate --ack 999 --ack-out - --now 2026-01-31 $examples/837p-invalid.x12
x12_codes codes
x12_codes codes lookup pos 11
x12_convert convert --to json $examples/837p-claims.x12
x12_convert convert --to csv --table claims $examples/837p-claims.x12
x12_convert convert --to text $examples/837p-claims.x12
x12_convert convert --from claims-json --to x12 $examples/claims.json
x12_view view $examples/835-remit.x12
x12_view view --to html $examples/835-remit.x12
x12_scrub scrub --help
x12_scrub scrub --clean s-clean.x12 --rejects s-rejects.x12 --report - $examples/837p-nightly.x12
x12_scrub scrub --clean s-clean.x12 --rejects s-rejects.x12 --ack-277ca - $examples/837p-nightly.x12
x12_deid deid --help
x12_deid deid --key k $examples/837p-claims.x12
EOF
# A scrub whose report could not be written leaves none of its outputs.
[ ! -e s-clean.x12 ] && [ ! -e s-rejects.x12 ] || fail "scrub >/dev/full left its outputs"
"$x12" scrub --clean s-clean.x12 --rejects /dev/full "$examples/837p-nightly.x12" 2>err
rc=$?
[ $rc = 2 ] || fail "scrub --rejects /dev/full: exit $rc, not 2"
[ ! -e s-clean.x12 ] || fail "scrub --rejects /dev/full left --clean"
# A split's list goes to stdout once its parts are in place; they stay.
[ "$(ls parts | wc -l)" = 6 ] || fail "split >/dev/full did not leave its 6 parts"

# -o naming a device writes it in place, and its failure names it.
"$x12" convert --to json -o /dev/full "$examples/837p-claims.x12" 2>err
rc=$?
[ $rc = 2 ] || fail "convert -o /dev/full: exit $rc, not 2"
grep -qx "x12 convert: cannot write /dev/full: No space left on device" err ||
  fail "convert -o /dev/full said: $(cat err)"

# A closed pipe: far more output than a pipe holds, read 10 bytes of.
"$x12" gen 837p --claims 3000 --per-transaction 1 --now 2026-01-31 -o many.x12 ||
  fail "gen failed"
for ignore in no yes; do
  for args in "info many.x12" "validate many.x12" "convert --to json many.x12" "fmt many.x12" \
    "view many.x12"; do
    # shellcheck disable=SC2086
    if [ $ignore = yes ]; then
      (trap '' PIPE && "$x12" $args 2>err | head -c 10 >head.out)
    else
      "$x12" $args 2>err | head -c 10 >head.out
    fi
    [ -s err ] && fail "x12 $args | head (SIGPIPE ignored: $ignore) said: $(cat err)"
    [ "$(stat -c %s head.out)" = 10 ] || fail "x12 $args | head read no 10 bytes"
  done
done
exit $failed
