# Every --out-dir refuses a folder that already holds files (exit 2,
# nothing written, the refusal names what is there), so an earlier run's
# files are never taken for this one's. x12 split never doubles a claim:
# --force replaces an earlier split's parts, removing the ones this run does
# not write, so merging the folder gives the input's claims exactly once.
# x12 convert --table all never mixes an 835's tables with an 837's: --force
# replaces the tables and removes an earlier run's others.
# Usage: bash used_out_dir.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }
claims=$data/../../examples/837p-claims.x12
clm() { "$x12" merge "$@" 2>/dev/null | tr '~' '\n' | grep -c '^CLM'; }

"$x12" split --by claim --out-dir "$work/st" "$claims" >/dev/null || fail "first split failed"
[ "$(ls "$work/st" | wc -l)" = 6 ] || fail "first split did not write 6 parts"
before=$(cat "$work/st"/* | cksum)

"$x12" split --by claim --max 3 --out-dir "$work/st" "$claims" >"$work/out" 2>"$work/err"
rc=$?
[ $rc = 2 ] || fail "a used folder gave exit $rc, not 2"
grep -q "not empty (part-000001.x12, part-000002.x12, part-000003.x12 and 3 more)" "$work/err" ||
  fail "the refusal does not name what is there: $(cat "$work/err")"
grep -q -- "--force" "$work/err" || fail "the refusal does not say --force"
[ ! -s "$work/out" ] || fail "a refused run listed parts"
[ "$(cat "$work/st"/* | cksum)" = "$before" ] || fail "a refused run changed the folder"

# A file of the user's own is refused too.
mkdir -p "$work/mine" && echo notes >"$work/mine/README"
"$x12" split --by claim --out-dir "$work/mine" "$claims" >/dev/null 2>&1
[ $? = 2 ] || fail "a folder with a user's file was not refused"

"$x12" split --by claim --max 3 --force --out-dir "$work/st" "$claims" >/dev/null ||
  fail "--force failed"
[ "$(ls "$work/st" | tr '\n' ' ')" = "part-000001.x12 part-000002.x12 " ] ||
  fail "--force left: $(ls "$work/st" | tr '\n' ' ')"
[ "$(clm "$work/st"/*.x12)" = 6 ] || fail "merging the forced folder gives $(clm "$work/st"/*.x12) claims, not 6"

# --force keeps what is not split's.
"$x12" split --by claim --force --out-dir "$work/mine" "$claims" >/dev/null || fail "--force into mine failed"
[ -f "$work/mine/README" ] || fail "--force removed a file split did not write"

# An empty folder is fine.
mkdir -p "$work/empty"
"$x12" split --by claim --out-dir "$work/empty" "$claims" >/dev/null || fail "an empty folder was refused"

# convert --out-dir: the tables of an 835, then of an 837.
remit=$data/../../examples/835-remit.x12
tables() { ls "$1" | tr '\n' ' '; }
"$x12" convert --to csv --table all --out-dir "$work/tables" "$remit" || fail "first convert failed"
[ "$(tables "$work/tables")" = "adjustments.csv claims.csv lines.csv payments.csv " ] ||
  fail "the 835 gave the tables $(tables "$work/tables")"
before=$(cat "$work/tables"/* | cksum)
"$x12" convert --to csv --table all --out-dir "$work/tables" "$claims" 2>"$work/err"
rc=$?
[ $rc = 2 ] || fail "convert into a used folder gave exit $rc, not 2"
grep -q "not empty (adjustments.csv, claims.csv, lines.csv and 1 more): tables left from an earlier run" \
  "$work/err" || fail "convert's refusal does not name what is there: $(cat "$work/err")"
[ "$(cat "$work/tables"/* | cksum)" = "$before" ] || fail "a refused convert changed the folder"
echo notes >"$work/tables/README"
"$x12" convert --to csv --table all --force --out-dir "$work/tables" "$claims" || fail "convert --force failed"
[ "$(tables "$work/tables")" = "README claims.csv diagnoses.csv lines.csv " ] ||
  fail "convert --force left $(tables "$work/tables")"
"$x12" convert --to csv --table claims --out-dir "$work/tables" "$claims" 2>/dev/null
[ $? = 2 ] || fail "one table into a used folder was not refused"
"$x12" convert --to csv --force "$claims" >/dev/null 2>&1
[ $? = 2 ] || fail "--force without --out-dir is not a usage error"
exit $failed
