#!/usr/bin/env bash
# A rule nested past the limit (256) is a load error (exit 2), not a stack
# overflow; the deepest accepted rule and a long binary chain load and run.
set -u
x12=$1 work=$3
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$work" && cd "$work" || exit 2
pack() { printf 'guide: 005010X222A1\nrules:\n  - id: deep\n    in: "2300"\n    expr: "%s"\n    message: m\n' "$1" > "$2"; }
rep() { local s=""; for ((i = 0; i < $2; i++)); do s+="$1"; done; printf '%s' "$s"; }
fail=0
expect() { # name rc-wanted pack
  "$x12" validate --rules "$3" "$src/examples/837p-claims.x12" > out 2> err
  rc=$?
  if [ "$rc" != "$2" ]; then echo "$1: exit $rc, wanted $2"; cat err; fail=1; fi
  if [ "$2" = 2 ] && ! grep -q "nests deeper than 256" err; then echo "$1: no depth message"; fail=1; fi
}
pack "$(rep '(' 3000)CLM02 < 5$(rep ')' 3000)" parens.yaml; expect parens-3000 2 parens.yaml
pack "$(rep 'not ' 3000)CLM02 < 5" nots.yaml; expect not-3000 2 nots.yaml
pack "CLM02 < $(rep '- ' 3000)5" negs.yaml; expect minus-3000 2 negs.yaml
pack "$(rep '(not ' 1500)CLM02 < 5$(rep ')' 1500)" mixed.yaml; expect mixed-3000 2 mixed.yaml
pack "$(rep '(' 250)CLM02 < 5$(rep ')' 250)" ok.yaml; expect parens-250 1 ok.yaml
pack "CLM02 < 1$(rep ' + 1' 3000)" chain.yaml; expect plus-chain-3000 0 chain.yaml
pack "CLM02 > 0$(rep ' and CLM02 > 0' 3000)" andchain.yaml; expect and-chain-3000 0 andchain.yaml
exit $fail
