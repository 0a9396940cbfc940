# A broken --schemas folder is a configuration error in the user's terms,
# exit 2, naming the file: a dictionary entry that is not a mapping says what
# was expected there (not yaml-cpp's "operator[] call on a scalar"), and a
# second file for one guide and transaction set is refused, naming both
# (it used to be taken silently, by file name order).
# Usage: bash schema_errors.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
shipped=$(cd "$data/../../schemas" && pwd)
claims=$data/../../examples/837p-claims.x12
rm -rf "$work" && mkdir -p "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

cp -r "$shipped" "$work/words"
echo 'foo: 1' >"$work/words/elements.yaml"
"$x12" validate --schemas "$work/words" "$claims" >/dev/null 2>"$work/err"
rc=$?
[ $rc = 2 ] || fail "a dictionary of scalars: exit $rc, not 2"
grep -q "elements.yaml:1:6: expected a mapping with the key 'name' here" "$work/err" ||
  fail "a dictionary of scalars said: $(cat "$work/err")"
grep -q 'operator\[\]' "$work/err" && fail "yaml-cpp's words reach the user: $(cat "$work/err")"

cp -r "$shipped" "$work/twice"
cp "$work/twice/005010X222A1-837.yaml" "$work/twice/my-copy.yaml"
"$x12" validate --schemas "$work/twice" "$claims" >/dev/null 2>"$work/err"
rc=$?
[ $rc = 2 ] || fail "two schemas for one guide: exit $rc, not 2"
grep -q "two schema files for 005010X222A1 837: 005010X222A1-837.yaml and my-copy.yaml" \
  "$work/err" || fail "two schemas for one guide said: $(cat "$work/err")"

# The shipped folder itself has one file per guide and transaction set.
"$x12" validate --schemas "$shipped" "$claims" >/dev/null 2>"$work/err" ||
  fail "the shipped schemas: $(cat "$work/err")"
exit $failed
