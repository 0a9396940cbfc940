# Every finding code the code base can emit is in the registry
# (libx12/include/x12/finding_codes.h, printed by x12 validate --list-checks):
# the codes named at the places findings are made (registered_code("...")),
# any string literal still set or returned as a finding's code, and the codes
# consumers compare a finding's code with.
# Usage: bash finding_codes_complete.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
root=$(cd "$data/../.." && pwd)
rm -rf "$work" && mkdir -p "$work"
failed=0
"$x12" validate --list-checks --format csv | tail -n +2 | cut -d, -f1 | sort -u >"$work/registry"
[ "$(wc -l <"$work/registry")" -ge 90 ] ||
  { echo "FAIL: the registry lists only $(wc -l <"$work/registry") codes"; failed=1; }
# The table itself names every code; it is what the others are checked against.
sources=$(find "$root/libx12/src" "$root/tools" -name '*.cpp' -o -name '*.h' |
  grep -v '/core/finding_code_table\.h$')
# shellcheck disable=SC2086
grep -ohE 'registered_code\("[^"]*"\)|\.code = "[^"]*"|code_finding\{"[^"]*"|\bf\.code == "[^"]*"' \
  $sources | grep -oE '"[^"]*"' | tr -d '"' | sort -u >"$work/emitted"
[ "$(wc -l <"$work/emitted")" -ge 90 ] ||
  { echo "FAIL: found only $(wc -l <"$work/emitted") codes in the sources; has the pattern changed?"
    failed=1; }
missing=$(comm -23 "$work/emitted" "$work/registry")
if [ -n "$missing" ]; then
  echo "FAIL: codes used in libx12/src or tools/ but not in the registry:"
  echo "$missing" | sed 's/^/  /'
  failed=1
fi
# A code the registry holds but nothing emits is a stale entry.
unused=$(comm -13 "$work/emitted" "$work/registry")
if [ -n "$unused" ]; then
  echo "FAIL: registry codes that nothing in libx12/src or tools/ emits:"
  echo "$unused" | sed 's/^/  /'
  failed=1
fi
echo "$(wc -l <"$work/registry") codes in the registry, $(wc -l <"$work/emitted") used"
exit $failed
