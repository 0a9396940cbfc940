#!/usr/bin/env bash
# What `make demo` shows: the main jobs of x12kit on the shipped examples.
# Usage: examples/demo.sh [path/to/x12]
set -uo pipefail
x12=${1:-x12}
case $x12 in */*) x12=$(realpath "$x12") ;; esac
command -v "$x12" >/dev/null || { echo "demo: no x12 binary at '$x12'" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/x12-demo.XXXXXX")
trap 'rm -rf "$out"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; echo "(exit $?)"; }

cd "$here"
step "$x12" info 837p-claims.x12 835-remit.x12 270-inquiry.x12 271-response.x12 277ca-ack.x12
step "$x12" validate 837p-claims.x12 837i-claim.x12 837d-claim.x12 835-remit.x12 271-response.x12
step "$x12" validate --ack 999 --ack-out "$out/claims.999" 837p-invalid.x12
step cat "$out/claims.999"
step "$x12" validate "$out/claims.999"
step "$x12" split --by claim --max 2 --out-dir "$out/parts" 837p-claims.x12
step "$x12" merge "$out"/parts/*.x12 -o "$out/rejoined.x12"
step "$x12" info "$out/rejoined.x12"
step "$x12" validate --rules partner-rules.yaml 837p-claims.x12
step "$x12" scrub 837p-nightly.x12 --clean "$out/send.x12" --rejects "$out/hold.x12" --report "$out/reasons.csv" --ack-277ca "$out/rejects.277"
step "$x12" validate "$out/send.x12" "$out/rejects.277"
step "$x12" scrub 837p-nightly.x12 --config scrub-config.yaml --clean "$out/send.x12" --rejects "$out/hold.x12"
step "$x12" scrub 837p-claims.x12 --eligibility ../tests/data/scrub/eligibility-night.271 --eligibility ../tests/data/scrub/eligibility-active.271 --clean "$out/send.x12" --rejects "$out/hold.x12" --report -
step "$x12" deid --key demo-key 837p-claims.x12 -o "$out/deid.x12"
step grep -m1 -o "NM1\*IL[^~]*" 837p-claims.x12 "$out/deid.x12"
step "$x12" validate "$out/deid.x12"
step "$x12" convert 835-remit.x12 --to csv --table claims
step "$x12" convert 271-response.x12 --to csv --table benefits
step "$x12" convert 837p-claims.x12 --to json -o "$out/claims.json"
step "$x12" convert "$out/claims.json" --from json --to x12 -o "$out/claims-again.x12"
step cmp 837p-claims.x12 "$out/claims-again.x12"
step "$x12" convert claims.json --from claims-json --to x12 -o "$out/generated.837"
step "$x12" validate "$out/generated.837"
step "$x12" view 837p-claims.x12 -o "$out/claims.txt"
step grep -m1 -A12 "2300  Claim" "$out/claims.txt"
step "$x12" codes lookup carc 45
step "$x12" codes lookup icd10cm D691 --on 2026-11-05
exit 0
