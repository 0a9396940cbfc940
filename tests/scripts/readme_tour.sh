# The README's tour runs as written: every command of the ```sh block after
# <!-- tour --> runs, with x12 on PATH as the built binary, from a folder
# holding a copy of examples/ (as the top of a fresh clone). A command must
# exit 0, or 1 when its line ends in "(exit 1)", and must not name a file
# that is not there.
# Usage: bash readme_tour.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
repo=$(cd "$data/../.." && pwd)
rm -rf "$work" && mkdir -p "$work/bin" "$work/clone"
ln -s "$(realpath "$x12")" "$work/bin/x12"
cp -r "$repo/examples" "$work/clone/"
export PATH="$work/bin:$PATH" SOURCE_DATE_EPOCH=1767225600

# The tour block's lines, comment-only and blank lines left out.
mapfile -t commands < <(awk '
  /^<!-- tour -->$/ { marked = 1; next }
  marked && /^```sh$/ { inside = 1; marked = 0; next }
  inside && /^```$/ { inside = 0; next }
  inside && !/^[[:space:]]*(#|$)/ { print }' "$repo/README.md")
failed=0 ran=0
for command in "${commands[@]}"; do
  want=0
  case $command in *'(exit 1)') want=1 ;; esac
  # jq is not one of the packages `make deps` installs: without it the x12
  # half of a pipeline still runs.
  if ! command -v jq >/dev/null; then command=${command%%| jq*}; fi
  (cd "$work/clone" && bash -o pipefail -c "$command" >"$work/stdout" 2>"$work/stderr")
  rc=$?
  ran=$((ran + 1))
  if [ "$rc" -ne "$want" ]; then
    echo "FAIL: exit $rc, not $want: $command"; head -5 "$work/stderr"; failed=1
  elif grep -Eq 'cannot open|No such file' "$work/stderr"; then
    echo "FAIL: names a missing file: $command"; head -5 "$work/stderr"; failed=1
  fi
done
echo "$ran tour commands run"
[ "$ran" -ge 20 ] || { echo "FAIL: expected the README's tour (20 or more commands), got $ran"; failed=1; }
rm -rf "$work/clone/out"
exit $failed
