# No claim lost or doubled: for every 837 and 835 the tests and examples
# ship, the claims counted in the bytes (CLM, CLP segments) are the claims
# `x12 info` reports, the rows of the claims table, and the claims across the
# parts of `x12 split --by claim`. A file whose structure stops a reader
# (a cut-short file) must still agree between the counters that read it.
# Usage: bash claim_counts.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
export SOURCE_DATE_EPOCH=1767225600
failed=0 checked=0
fail() { echo "FAIL: $*"; failed=1; }

segments() { "$x12" fmt --delimiters '*:^~' --newlines yes "$@" 2>/dev/null; }

for f in "$data"/../../examples/*.x12 "$data"/corpus/*.x12 "$data"/837/*.x12 "$data"/835/*.x12; do
  [ -f "$f" ] || continue
  set_id=$(segments "$f" | awk -F'*' '/^ST\*/ { print $2; exit }')
  case $set_id in
    837) seg=CLM ;;
    835) seg=CLP ;;
    *) continue ;;
  esac
  name=$(basename "$f" .x12)
  in_bytes=$(segments "$f" | grep -c "^$seg\*")
  [ "$in_bytes" -gt 0 ] || continue
  checked=$((checked + 1))

  info=$("$x12" info "$f" 2>/dev/null | grep -o '[0-9]* claims\?$' | awk '{ s += $1 } END { print s + 0 }')
  [ "$info" = "$in_bytes" ] || fail "$name: info says $info claims, the file has $in_bytes $seg"

  rows=$("$x12" convert "$f" --to csv --table claims -o "$work/$name.csv" 2>/dev/null; \
         [ -f "$work/$name.csv" ] && tail -n +2 "$work/$name.csv" | wc -l || echo missing)
  [ "$rows" = "$in_bytes" ] || fail "$name: the claims table has $rows rows for $in_bytes $seg"

  if [ "$set_id" = 837 ]; then
    "$x12" split --by claim --max 1 --out-dir "$work/$name.parts" "$f" >/dev/null 2>&1
    parts=$(cat "$work/$name.parts"/*.x12 2>/dev/null | "$x12" fmt --delimiters '*:^~' --newlines yes - 2>/dev/null | grep -c '^CLM\*')
    [ "$parts" = "$in_bytes" ] || fail "$name: split wrote $parts claims for $in_bytes CLM"
  fi
done

[ "$checked" -ge 10 ] || fail "only $checked files checked: the glob lost the data"
echo "$checked files checked"
exit $failed
