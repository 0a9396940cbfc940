# Each command's one-line description is the same in `x12 --help`, on the
# NAME line of man/x12-<command>.1 and in the command list of x12(1); every
# x12-<command>.1 page is a command; `x12 help <command>` prints what
# `x12 <command> --help` prints.
# Usage: bash help_matches_man.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
man_dir=$(cd "$data/../../man" && pwd)
rm -rf "$work" && mkdir -p "$work"
failed=0 commands=0
# "  validate  check against ..." lines between "Commands:" and the blank line.
"$x12" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on' >"$work/list"
while read -r name summary; do
  commands=$((commands + 1))
  page=$man_dir/x12-$name.1
  if [ ! -f "$page" ]; then echo "FAIL: no man page for $name"; failed=1; continue; fi
  nd=$(sed -n 's/^\.Nd //p' "$page")
  [ "$nd" = "$summary" ] ||
    { printf 'FAIL: %s: x12 --help says\n  %s\nand the NAME line of x12-%s(1)\n  %s\n' \
        "$name" "$summary" "$name" "$nd"; failed=1; }
  entry=$(awk -v cmd=".It Cm $name" '$0 == cmd { getline; print; exit }' "$man_dir/x12.1")
  [ "$entry" = "$summary" ] ||
    { printf 'FAIL: %s: x12 --help says\n  %s\nand x12(1)\n  %s\n' "$name" "$summary" "$entry"
      failed=1; }
  "$x12" help "$name" >"$work/help.out" 2>&1
  "$x12" "$name" --help >"$work/dash-help.out" 2>&1
  cmp -s "$work/help.out" "$work/dash-help.out" ||
    { echo "FAIL: x12 help $name is not x12 $name --help"; failed=1; }
done <"$work/list"
for page in "$man_dir"/x12-*.1; do
  name=$(basename "$page" .1); name=${name#x12-}
  grep -Eq "^ *$name " "$work/list" || { echo "FAIL: x12-$name(1) is not in x12 --help"; failed=1; }
done
echo "$commands commands"
[ "$commands" -ge 9 ] || { echo "FAIL: expected the 9 commands in x12 --help, got $commands"; failed=1; }
exit $failed
