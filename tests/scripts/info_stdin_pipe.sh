#!/usr/bin/env bash
# Standard input through a pipe is read as a stream in chunks, not mapped:
# x12 info must say the same of it as of the file, for every reader and
# corpus test file and for an input large enough that segments straddle the
# 1 MiB read chunks.
set -euo pipefail
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

# About 6 MB: one interchange of 9000 transactions.
good=$data/reader/good-837p.x12
{
  head -n 2 "$good"
  sed -n '3,/^SE\*/p' "$good" > transaction.x12
  # ST and SE (first and last line) get the transaction's own number.
  awk '{ body[NR] = $0 }
       END { for (i = 1000; i < 10000; i++) for (j = 1; j <= NR; j++) {
               line = body[j]; if (j == 1 || j == NR) sub(/\*0001/, "*" i, line); print line } }' \
    transaction.x12
  printf 'GE*9000*101~\nIEA*1*000000101~\n'
} > big.x12
[ "$(stat -c %s big.x12)" -gt 3000000 ] || fail "big.x12 is too small"

compared=0
for f in "$data"/reader/* "$data"/corpus/*.x12 big.x12; do
  rc_file=0 rc_pipe=0 rc_dash=0
  "$x12" info "$f" > file.out 2> file.err || rc_file=$?
  cat "$f" | "$x12" info > pipe.out 2> pipe.err || rc_pipe=$?
  cat "$f" | "$x12" info - > dash.out 2> dash.err || rc_dash=$?
  [ $rc_file = $rc_pipe ] && [ $rc_file = $rc_dash ] ||
    fail "$f: exit $rc_file from the file, $rc_pipe and $rc_dash through a pipe"
  for part in out err; do
    sed "s|^$f|<stdin>|" file.$part > expected.$part
    cmp -s expected.$part pipe.$part || { diff -u expected.$part pipe.$part; fail "$f: std$part differs through a pipe"; }
    cmp -s expected.$part dash.$part || fail "$f: std$part differs through '-'"
  done
  compared=$((compared + 1))
done
[ "$(grep -c '^<stdin>: interchange' pipe.out)" = 9000 ] || fail "big.x12: expected 9000 transactions"
[ $compared -ge 30 ] || fail "only $compared files compared"
echo "ok: $compared inputs read the same from a file and a pipe"
