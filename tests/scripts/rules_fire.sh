# Every SNIP 3/4 rule written in a guide schema is proven both ways: for a
# rule R of schemas/G.yaml, tests/data/rules/G/R.fires.x12 draws R's finding
# and no other error, and tests/data/rules/G/R.holds.x12 (the same situation,
# put right) validates clean. A rule without both files fails the test, so
# no rule lands untested.
# Usage: bash rules_fire.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
schemas=$(cd "$data/../../schemas" && pwd)
rm -rf "$work" && mkdir -p "$work"
failed=0 rules=0

# The ids of a schema's `rules:` list.
rule_ids() {
  awk '/^rules:/ { in_rules = 1; next }
       /^[^ #-]/ { in_rules = 0 }
       in_rules && /^  - id:/ { sub(/^  - id: */, ""); gsub(/["'\'' ]/, ""); print }' "$1"
}

for schema in "$schemas"/*.yaml; do
  guide=$(basename "$schema" .yaml)
  for id in $(rule_ids "$schema"); do
    rules=$((rules + 1))
    dir="$data/rules/$guide"
    for kind in fires holds; do
      [ -f "$dir/$id.$kind.x12" ] || { echo "FAIL: $guide rule $id has no $id.$kind.x12"; failed=1; }
    done
    if [ -f "$dir/$id.fires.x12" ]; then
      "$x12" validate --format jsonl "$dir/$id.fires.x12" >"$work/$id.jsonl" 2>&1
      grep -q "\"code\":\"$id\"" "$work/$id.jsonl" ||
        { echo "FAIL: $guide/$id.fires.x12 does not fire $id:"; head -3 "$work/$id.jsonl"; failed=1; }
      others=$(grep '"severity":"error"' "$work/$id.jsonl" | grep -v "\"code\":\"$id\"")
      [ -z "$others" ] ||
        { echo "FAIL: $guide/$id.fires.x12 has other errors too:"; echo "$others" | head -3; failed=1; }
    fi
    if [ -f "$dir/$id.holds.x12" ]; then
      out=$("$x12" validate "$dir/$id.holds.x12" 2>&1) ||
        { echo "FAIL: $guide/$id.holds.x12 is not clean:"; echo "$out" | head -3; failed=1; }
    fi
  done
done
# A test file for a rule that no longer exists is a leftover.
for f in "$data"/rules/*/*.x12; do
  [ -e "$f" ] || continue
  guide=$(basename "$(dirname "$f")") id=$(basename "$f" | sed 's/\.\(fires\|holds\)\.x12$//')
  rule_ids "$schemas/$guide.yaml" | grep -qx "$id" || { echo "FAIL: $f tests no rule of $guide"; failed=1; }
done
echo "$rules rules checked"
[ "$rules" -gt 0 ] || { echo "FAIL: no rules found"; failed=1; }
exit $failed
