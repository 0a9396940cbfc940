# man/x12-findings.7 holds what the registry holds: its list between the
# BEGIN and END lines is what `x12 validate --list-checks --format man`
# prints, every code is in it, and the page renders without a groff warning.
# To regenerate the list after changing the registry:
#   page=man/x12-findings.7
#   { sed '/^\.\\" BEGIN generated/q' $page; build/x12 validate --list-checks --format man
#     sed -n '/^\.\\" END generated/,$p' $page; } >$page.new && mv $page.new $page
# Usage: bash findings_page.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
page=$(cd "$data/../../man" && pwd)/x12-findings.7
rm -rf "$work" && mkdir -p "$work"
failed=0
[ -f "$page" ] || { echo "FAIL: no $page"; exit 1; }
"$x12" validate --list-checks --format man >"$work/generated" ||
  { echo "FAIL: x12 validate --list-checks --format man failed"; failed=1; }
awk '/^\.\\" END generated/ { on = 0 } on { print } /^\.\\" BEGIN generated/ { on = 1 }' \
  "$page" >"$work/checked-in"
[ -s "$work/checked-in" ] || { echo "FAIL: no BEGIN/END generated lines in $page"; failed=1; }
if ! diff -u "$work/checked-in" "$work/generated" >"$work/diff"; then
  echo "FAIL: man/x12-findings.7 is not what the registry prints; regenerate it (see $0):"
  head -40 "$work/diff"
  failed=1
fi
"$x12" validate --list-checks --format csv | tail -n +2 | cut -d, -f1 >"$work/codes"
while read -r code; do
  grep -qx "\.It Li $code" "$page" || { echo "FAIL: $code is not in $page"; failed=1; }
done <"$work/codes"
for macros in -mdoc -mandoc; do
  warnings=$(groff $macros -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || { echo "FAIL: groff $macros -ww: $warnings"; failed=1; }
done
echo "$(wc -l <"$work/codes") codes"
exit $failed
