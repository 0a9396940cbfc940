#!/usr/bin/env bash
# A split killed part way never looks whole: its parts are written into a
# staging folder and put in place at the end, so after kill -9 the output
# folder is absent (a new one) or holds no part (an existing one), unless
# the run had already finished, when it holds the whole set.
# Usage: bash split_killed.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# Some 400 parts, each synced: a few seconds of writing.
"$x12" gen 837p --size 8M --now 2026-01-31 -o big.x12 || fail "gen failed"
"$x12" split --by claim --max 100 --out-dir whole big.x12 >/dev/null || fail "the reference split failed"
whole=$(cd whole && cat part-*.x12 | cksum)
parts=$(ls whole | wc -l)
[ "$parts" -gt 100 ] || fail "the reference split wrote only $parts parts"

# What is left in DIR after a kill: nothing of split's, or the whole set.
check() {
  local dir=$1 what=$2
  local there
  there=$(ls "$dir" 2>/dev/null | grep -c '^part-')
  [ "$there" = 0 ] && return
  [ "$there" = "$parts" ] && [ "$(cd "$dir" && cat part-*.x12 | cksum)" = "$whole" ] ||
    fail "$what: $there of $parts parts look like a split"
}

killed=0
for delay in 0.1 0.5 1; do
  rm -rf new* existing && mkdir existing
  for dir in new existing; do
    "$x12" split --by claim --max 100 --out-dir $dir big.x12 >/dev/null &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
    wait "$pid" 2>/dev/null
    check $dir "kill -9 at ${delay}s into a $dir folder"
  done
done
echo "$killed of 6 runs killed part way"
exit $failed
