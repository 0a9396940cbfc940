#!/usr/bin/env bash
# A cron job's shape: validate tonight's claim file, keep the 999 beside it, and pass the file
# on only when it is clean. Exit 0 submitted, 1 held back with a report, 2 trouble.
# Usage: nightly-check.sh CLAIMS.x12 OUTBOX/ [path/to/x12]
set -uo pipefail
claims=$1 outbox=$2 x12=${3:-x12}
name=$(basename "$claims" .x12)
"$x12" validate --format jsonl --ack 999 --ack-out "$outbox/$name.999" "$claims" >"$outbox/$name.findings.jsonl"
case $? in
  0) cp "$claims" "$outbox/$name.ready.x12" && echo "$name: clean, ready to submit" ;;
  1) echo "$name: held back, $(grep -c '"severity":"error"' "$outbox/$name.findings.jsonl") errors (see $name.findings.jsonl)"; exit 1 ;;
  *) echo "$name: could not be checked" >&2; exit 2 ;;
esac
