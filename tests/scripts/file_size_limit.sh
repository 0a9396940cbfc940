#!/usr/bin/env bash
# Past `ulimit -f` a write fails with EFBIG instead of killing the run with
# SIGXFSZ: every output path (-o, --out-dir, a split's parts, a 999, standard
# output redirected to a file) gives exit 2, "cannot write WHAT: File too
# large", and leaves nothing of what it began.
# Usage: bash file_size_limit.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

"$x12" gen 837p --size 2M --now 2026-01-31 -o big.x12 || fail "gen 837p failed"
"$x12" gen 835 --size 2M --now 2026-01-31 -o big835.x12 || fail "gen 835 failed"
"$x12" gen 837p --claims 2000 --per-transaction 1 --now 2026-01-31 -o many.x12 ||
  fail "gen many failed"
mkdir out

# One line per run: what the message names (a pattern), then the arguments.
# Each output is well past the 50 KiB limit; the 999 of 2000 transaction
# sets too.
while read -r what args; do
  [ -n "$what" ] || continue
  # shellcheck disable=SC2086 # the arguments are words
  (ulimit -f 50 && exec "$x12" $args) >/dev/null 2>err
  rc=$?
  [ $rc = 2 ] || fail "x12 $args past ulimit -f: exit $rc, not 2"
  grep -q "cannot write $what: File too large" err || fail "x12 $args said: $(cat err)"
  # --out-dir is made before the first table; it is left, with nothing in it.
  rmdir out/t 2>/dev/null
  [ -z "$(ls -A out)" ] || fail "x12 $args left: $(ls -A out | tr '\n' ' ')"
done <<EOF
out/o.json convert --to json -o out/o.json big.x12
out/claims.csv convert --to csv --table claims -o out/claims.csv big.x12
out/t/[a-z]*.csv convert --to csv --table all --out-dir out/t big835.x12
out/o.x12 fmt --newlines yes -o out/o.x12 big.x12
out/o.x12 merge --now 2026-01-31 -o out/o.x12 big.x12 big.x12
out/o.x12 gen 837p --size 1M --now 2026-01-31 -o out/o.x12
out/o.txt view -o out/o.txt big.x12
out/p/part-000001.x12 split --by claim --max 5000 --out-dir out/p big.x12
out/ack.x12 validate --ack 999 --ack-out out/ack.x12 --now 2026-01-31 many.x12
EOF
# Standard output redirected to a file: the file is the caller's to remove.
(ulimit -f 50 && exec "$x12" convert --to json big.x12) >out/stdout.json 2>err
rc=$?
[ $rc = 2 ] || fail "convert >file past ulimit -f: exit $rc, not 2"
grep -qx "x12 convert: cannot write standard output: File too large" err ||
  fail "convert >file said: $(cat err)"
(ulimit -f 50 && exec "$x12" info many.x12) >out/stdout.txt 2>err
rc=$?
[ $rc = 2 ] || fail "info >file past ulimit -f: exit $rc, not 2"
grep -qx "x12 info: cannot write standard output: File too large" err ||
  fail "info >file said: $(cat err)"
exit $failed
