# x12 convert --to json and back gives the input's exact bytes, for every
# .x12, .edi and .txt file under DATA_DIR and every file of the public
# corpus beside the repository (../shared/corpus, see its MANIFEST.tsv):
# whatever the separators and line breaks, with byte-order marks, indented
# segments, garbage between interchanges, envelope errors, even text that
# is not X12 (kept as bytes outside any interchange).
# Skipped, and listed: files holding NUL bytes (UTF-16 text), which the JSON
# does not keep outside segments; converting what comes back must then
# change nothing. The files also go through pipes (stdin, --from json
# inferred and given).
# Usage: bash json_roundtrip.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

files=$work/files
find "$data" -type f \( -name '*.x12' -o -name '*.edi' -o -name '*.txt' \) | sort >"$files"
. "$(dirname "$0")/lib/corpus.sh" "$data"
if [ -n "$corpus" ]; then
  awk -F'\t' -v dir="$corpus" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
                               { print dir "/" $col["local_file"] }' "$corpus/MANIFEST.tsv" >>"$files"
fi

# Files go forty to a run (a run writes one document per file, and those
# documents turn back into the files one after another), and through pipes
# forty at a time as one stream; a run that does not come back is done
# again file by file, to name the file.
one_file() {
  local f=$1 name=${1#"$data/"}
  name=${name#"$corpus/"}
  "$x12" convert "$f" --to json >"$work/json" 2>/dev/null
  local rc=$?
  [ $rc -le 1 ] || { fail "$name: convert --to json exit $rc"; return; }
  "$x12" convert "$work/json" --to x12 >"$work/back" 2>"$work/err" ||
    { fail "$name: back to X12: $(head -c 300 "$work/err")"; return; }
  cmp -s "$f" "$work/back" || fail "$name: not byte for byte the same"
}

plain=() exact=0 skipped=0
declare -A nul=()
while IFS= read -r f; do nul[$f]=1; done < <(tr '\n' '\0' <"$files" | LC_ALL=C xargs -0 grep -laP '\x00')
while IFS= read -r f; do
  if [ -n "${nul[$f]:-}" ]; then
    name=${f#"$data/"}
    name=${name#"$corpus/"}
    skipped=$((skipped + 1))
    echo "skipped $name: it holds NUL bytes (UTF-16 or binary), not kept outside segments"
    "$x12" convert "$f" --to json 2>/dev/null | "$x12" convert - --to x12 >"$work/back" 2>/dev/null
    "$x12" convert "$work/back" --to json 2>/dev/null | "$x12" convert - --to x12 2>/dev/null |
      cmp -s "$work/back" - || fail "$name: converting the result again changes it"
  else
    plain+=("$f")
  fi
done <"$files"

for ((i = 0; i < ${#plain[@]}; i += 40)); do
  chunk=("${plain[@]:i:40}")
  cat "${chunk[@]}" >"$work/chunk"
  "$x12" convert "${chunk[@]}" --to json >"$work/json" 2>/dev/null
  rc=$?
  if [ $rc -le 1 ] && "$x12" convert "$work/json" --to x12 2>/dev/null | cmp -s "$work/chunk" -; then
    exact=$((exact + ${#chunk[@]}))
  else
    for f in "${chunk[@]}"; do one_file "$f"; done
  fi
  "$x12" convert - --to json <"$work/chunk" 2>/dev/null | "$x12" convert --from json 2>/dev/null --to x12 |
    cmp -s "$work/chunk" - || fail "files $((i + 1)) to $((i + ${#chunk[@]})) are not the same through pipes"
done

echo "$exact files came back byte for byte; $skipped skipped (listed above)"
[ $exact -ge 100 ] || fail "only $exact files compared"
exit $failed
