# x12 split then x12 merge gives back the claims it was given: the CLM (and
# 835 CLP) blocks of the input and of the merged output are the same set,
# byte for byte once the separators are the same. Every part and the merged
# file pass `x12 info` without a finding, and every part's HL hierarchy is
# numbered 1, 2, 3 ... with parents that exist and HL04 telling the truth.
# Usage: bash split_merge_roundtrip.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
export SOURCE_DATE_EPOCH=1767225600
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# One line per claim: CLM up to the next CLM, HL or SE; CLP up to the next
# CLP, LX, PLB or SE. Sorted, so the order of the parts does not matter.
claims() {
  "$x12" fmt --delimiters '*:^~' --newlines yes "$1" | awk '
    function flush() { if (b != "") print b; b = ""; kind = "" }
    /^(HL|SE)\*/ { flush(); next }
    /^CLM\*/ { flush(); b = $0; kind = "clm"; next }
    /^CLP\*/ { flush(); b = $0; kind = "clp"; next }
    /^(LX|PLB)\*/ && kind == "clp" { flush(); next }
    { if (b != "") b = b $0 }
    END { flush() }' | sort
}

# HL01 counts from 1 in each transaction, HL02 names an earlier HL, HL04 is
# 1 exactly when a later HL names this one as parent.
check_hl() {
  "$x12" fmt --delimiters '*:^~' --newlines yes "$1" | awk -F'*' -v file="$1" '
    function bad(m) { print "FAIL: " file ": " m; status = 1 }
    function close_txn(  id) {
      for (id = 1; id <= n; id++)
        if ((code[id] == "1") != (id in parent_of)) bad("HL " id " has HL04 " code[id])
      delete code; delete parent_of; n = 0
    }
    /^ST\*/ { close_txn() }
    /^HL\*/ {
      n++
      if ($2 != n) bad("HL01 " $2 " where " n " was due")
      p = $3
      if (p != "") { if (p + 0 < 1 || p + 0 >= n) bad("HL " n " has parent " p); parent_of[p] = 1 }
      c = $5; sub(/~$/, "", c); code[n] = c
    }
    END { close_txn(); exit status }'
}

no_findings() {
  "$x12" info "$1" >/dev/null 2>"$work/info.err" && [ ! -s "$work/info.err" ] ||
    fail "$1: x12 info reports: $(head -3 "$work/info.err")"
}

roundtrip() { # input, label, split options...
  local input=$1 label=$2
  shift 2
  local dir=$work/$label
  "$x12" split "$input" "$@" --out-dir "$dir/parts" >"$dir.list" 2>"$dir.err" ||
    { fail "$label: split exit $?: $(cat "$dir.err")"; return; }
  [ -s "$dir.err" ] && fail "$label: split wrote to stderr: $(cat "$dir.err")"
  [ "$(wc -l <"$dir.list")" -eq "$(ls "$dir/parts" | wc -l)" ] ||
    fail "$label: the list does not match the files"
  for part in "$dir"/parts/*; do
    no_findings "$part"
    check_hl "$part" || failed=1
  done
  "$x12" merge "$dir"/parts/* -o "$dir/merged.x12" 2>"$dir.merge.err" ||
    fail "$label: merge exit $?: $(cat "$dir.merge.err")"
  no_findings "$dir/merged.x12"
  claims "$input" >"$dir.want"
  claims "$dir/merged.x12" >"$dir.got"
  [ -s "$dir.want" ] || fail "$label: no claims found in the input"
  diff "$dir.want" "$dir.got" >/dev/null || { fail "$label: claims differ"; diff "$dir.want" "$dir.got" | head; }
  echo "$label: $(ls "$dir/parts" | wc -l) parts, $(wc -l <"$dir.got") claims"
}

mkdir -p "$work"/by-claim-{1,2,4} "$work"/mixed-{claim,transaction,interchange} "$work"/stdin
src=$data/837/claims-837p.x12
roundtrip "$src" by-claim-1 --by claim --max 1
roundtrip "$src" by-claim-2 --by claim --max 2
roundtrip "$src" by-claim-4 --by claim --max 4
[ "$(ls "$work/by-claim-2/parts" | wc -l)" -eq 3 ] || fail "6 claims by 2 should make 3 parts"
roundtrip - stdin --by claim --max 2 <"$src"
roundtrip "$data/split-mixed.x12" mixed-claim --by claim --max 2
roundtrip "$data/split-mixed.x12" mixed-transaction --by transaction --max 2
roundtrip "$data/split-mixed.x12" mixed-interchange --by interchange

# By interchange, a valid input comes back byte for byte.
cat "$work"/mixed-interchange/parts/* | cmp -s - "$data/split-mixed.x12" ||
  fail "--by interchange parts do not add up to the input"

exit $failed
