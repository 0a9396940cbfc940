# x12 fmt gives back the bytes it read: every test file the reader takes
# without a warning comes out identical, from a file and from a pipe; the
# rest come out stable (formatting the output again changes nothing).
# Separators changed and changed back give the original.
# Usage: bash fmt_roundtrip.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# One run over every file tells which draw findings (they start the
# finding's line); the rest are formatted forty to a run, from files and
# through stdin, and must come back as they went in. A run that does not
# is done again file by file, to name the file.
mapfile -t all < <(find "$data" -name '*.x12' | sort)
"$x12" fmt "${all[@]}" >/dev/null 2>"$work/all.err"
declare -A noisy=()
while IFS= read -r line; do
  for f in "${all[@]}"; do
    case $line in "$f":*) noisy[$f]=1 ;; esac
  done
done < <(sort -u -t: -k1,1 "$work/all.err")
clean=()
for f in "${all[@]}"; do
  if [ -n "${noisy[$f]:-}" ]; then
    "$x12" fmt "$f" >"$work/out.x12" 2>/dev/null
    if [ -s "$work/out.x12" ]; then
      "$x12" fmt "$work/out.x12" 2>/dev/null | cmp -s "$work/out.x12" - ||
        fail "$f: formatting the output again changes it"
    fi
  else
    clean+=("$f")
  fi
done
checked=0
for ((i = 0; i < ${#clean[@]}; i += 40)); do
  chunk=("${clean[@]:i:40}")
  cat "${chunk[@]}" >"$work/chunk.x12"
  if "$x12" fmt "${chunk[@]}" 2>"$work/err.txt" | cmp -s "$work/chunk.x12" - && [ ! -s "$work/err.txt" ] &&
    "$x12" fmt <"$work/chunk.x12" 2>/dev/null | cmp -s "$work/chunk.x12" -; then
    checked=$((checked + ${#chunk[@]}))
    continue
  fi
  for f in "${chunk[@]}"; do
    "$x12" fmt "$f" >"$work/out.x12" 2>"$work/err.txt"
    rc=$?
    [ $rc -eq 0 ] || fail "$f: exit $rc without a finding"
    cmp -s "$f" "$work/out.x12" || fail "$f: not byte for byte the same"
    "$x12" fmt <"$f" 2>/dev/null | cmp -s "$f" - || fail "$f: not the same through stdin"
  done
done
[ $checked -ge 10 ] || fail "only $checked files compared"

# Other separators and back.
src=$data/837/claims-837p.x12
"$x12" fmt --delimiters '|>}!' --newlines no "$src" >"$work/piped.x12" || fail "re-delimit"
grep -q '~' "$work/piped.x12" && fail "old terminator left in the output"
"$x12" fmt --delimiters '*:^~' --newlines yes "$work/piped.x12" | cmp -s "$src" - ||
  fail "re-delimited and back is not the original"

# -o writes atomically: a clash leaves no file and keeps an old one.
"$x12" fmt "$src" -o "$work/kept.x12" || fail "fmt -o"
cmp -s "$src" "$work/kept.x12" || fail "-o output differs"
echo old >"$work/kept.x12"
"$x12" fmt --delimiters '@:^~' "$src" -o "$work/kept.x12" 2>/dev/null
[ $? -eq 1 ] || fail "a clash must exit 1"
[ "$(cat "$work/kept.x12")" = old ] || fail "a failed fmt replaced the old file"
ls "$work" | grep -q 'tmp-' && fail "temporary file left behind"

echo "compared $checked files byte for byte"
exit $failed
