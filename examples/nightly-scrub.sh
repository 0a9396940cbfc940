#!/usr/bin/env bash
# A cron job's shape for the nightly claim file: scrub it, submit the clean claims, keep the
# rejects for the billing team and mail them the reasons. Every claim ends in exactly one of
# OUTBOX/NAME.send.x12 and OUTBOX/NAME.hold.x12 (x12 scrub checks the count); an empty send
# file is never submitted.
# Exit 0 all sent, 1 some held (the rest sent), 2 trouble (nothing sent).
# Usage: nightly-scrub.sh CLAIMS.x12 OUTBOX/ [path/to/x12]
# Set SUBMIT to the command that sends a file (default: echo), MAILTO to mail the report.
set -uo pipefail
claims=$1 outbox=$2 x12=${3:-x12}
submit=${SUBMIT:-echo submit}
name=$(basename "$claims" .x12)
send=$outbox/$name.send.x12 hold=$outbox/$name.hold.x12 report=$outbox/$name.reasons.csv
"$x12" scrub --clean "$send" --rejects "$hold" --report "$report" "$claims"
rc=$?
if [ "$rc" -ge 2 ]; then
  echo "$name: could not be scrubbed; nothing sent" >&2
  exit 2
fi
if [ -s "$send" ]; then
  $submit "$send" || { echo "$name: submitting $send failed" >&2; exit 2; }
fi
if [ "$rc" -eq 1 ]; then
  held=$(awk -F, '$5 == "reject" && $6 == ""' "$report" | wc -l)
  echo "$name: $held claims held in $hold (reasons: $report)"
  if [ -n "${MAILTO:-}" ]; then
    mail -s "x12 scrub: $held claims held from $name" "$MAILTO" <"$report"
  fi
fi
exit "$rc"
