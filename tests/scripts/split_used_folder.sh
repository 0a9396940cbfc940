# x12 split never doubles a claim: a folder that already holds files is
# refused (exit 2, nothing written, the refusal names what is there), and
# --force replaces an earlier split's parts, removing the ones this run does
# not write, so merging the folder gives the input's claims exactly once.
# Usage: bash split_used_folder.sh X12_BINARY DATA_DIR WORK_DIR
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
exit $failed
