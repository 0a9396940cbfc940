#!/usr/bin/env bash
# A run killed with SIGKILL leaves no debris: an output file is written to an
# unnamed temporary file (O_TMPFILE) that only gets a name when complete, so
# after kill -9 part way the output is absent (or, had the run already
# finished, whole) and no out.json.tmp-XXXXXX is left beside it.
# Usage: bash kill_leaves_no_debris.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work/out" && cd "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# About 10 MB of X12 is some 140 MB of JSON: a second or so of writing.
"$x12" gen 837p --size 10M --now 2026-01-31 -o big.x12 || fail "gen failed"
"$x12" convert --to json -o whole.json big.x12 || fail "the reference convert failed"
whole=$(cksum <whole.json)
rm whole.json

killed=0
for delay in 0.05 0.2 0.5; do
  "$x12" convert --to json -o out/out.json big.x12 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null
  # Killed or finished first: either way nothing but a whole out.json.
  for f in out/*; do
    [ -e "$f" ] || continue
    if [ "$f" = out/out.json ]; then
      [ "$(cksum <"$f")" = "$whole" ] || fail "after kill -9 at ${delay}s out.json is not whole"
    else
      fail "after kill -9 at ${delay}s there is $f"
    fi
  done
  rm -f out/out.json
done
# A machine fast enough to finish first proves less, but nothing false.
echo "$killed of 3 runs killed part way"
exit $failed
