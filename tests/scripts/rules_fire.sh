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

declare -A known=() # guide/id of every rule
# One validate per guide for its fires files and one for its holds files:
# the findings name their file, so a process a file would only add start-up.
for schema in "$schemas"/*.yaml; do
  guide=$(basename "$schema" .yaml)
  dir="$data/rules/$guide"
  fires=() holds=()
  for id in $(rule_ids "$schema"); do
    rules=$((rules + 1))
    known[$guide/$id]=1
    for kind in fires holds; do
      [ -f "$dir/$id.$kind.x12" ] || { echo "FAIL: $guide rule $id has no $id.$kind.x12"; failed=1; }
    done
    [ -f "$dir/$id.fires.x12" ] && fires+=("$dir/$id.fires.x12")
    [ -f "$dir/$id.holds.x12" ] && holds+=("$dir/$id.holds.x12")
  done
  if [ ${#fires[@]} -gt 0 ]; then
    "$x12" validate --format jsonl "${fires[@]}" >"$work/$guide.fires.jsonl" 2>&1
    [ $? -le 1 ] || { echo "FAIL: validate gave up on $guide's fires files:"; head -3 "$work/$guide.fires.jsonl"; failed=1; }
    # One awk reads the findings: each file must draw its rule's and no other error.
    printf '%s\n' "${fires[@]}" >"$work/$guide.fires"
    awk -v guide="$guide" '
      function field(name,   m) {
        return match($0, "\"" name "\":\"[^\"]*\"") ? substr($0, RSTART + length(name) + 4, RLENGTH - length(name) - 5) : ""
      }
      FNR == NR { id = $0; sub(/.*\//, "", id); sub(/\.fires\.x12$/, "", id); rule[$0] = id; next }
      {
        f = field("file"); code = field("code")
        if (!(f in rule)) next
        if (code == rule[f]) fired[f] = 1
        else if (field("severity") == "error" && !(f in other)) other[f] = $0
      }
      END {
        for (f in rule) {
          if (!(f in fired)) print "FAIL: " guide "/" rule[f] ".fires.x12 does not fire " rule[f]
          if (f in other) print "FAIL: " guide "/" rule[f] ".fires.x12 has other errors too: " other[f]
        }
      }' "$work/$guide.fires" "$work/$guide.fires.jsonl" >"$work/$guide.fails"
    [ -s "$work/$guide.fails" ] && { cat "$work/$guide.fails"; failed=1; }
  fi
  if [ ${#holds[@]} -gt 0 ]; then
    out=$("$x12" validate "${holds[@]}" 2>&1) ||
      { echo "FAIL: $guide's holds files are not all clean:"; echo "$out" | head -5; failed=1; }
  fi
done
for f in "$data"/rules/*/*.x12; do
  [ -e "$f" ] || continue
  guide=${f%/*} id=${f##*/}
  guide=${guide##*/} id=${id%.fires.x12}
  id=${id%.holds.x12}
  [ -n "${known[$guide/$id]:-}" ] || { echo "FAIL: $f tests no rule of $guide"; failed=1; }
done
echo "$rules rules checked"
[ "$rules" -gt 0 ] || { echo "FAIL: no rules found"; failed=1; }
exit $failed
