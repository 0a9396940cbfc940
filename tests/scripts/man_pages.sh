# Every man page renders without a groff warning, and no example line (.Dl,
# .D1, .Bd) holds a bare double quote: mdoc takes it for argument quoting and
# drops it, so a copied jq filter would lose its quotes ("error" became error).
# Usage: bash man_pages.sh X12_BINARY DATA_DIR WORK_DIR
set -u
data=$2
man=$data/../../man
failed=0
fail() { echo "FAIL: $*"; failed=1; }
pages=0
for page in "$man"/*.[157]; do
  pages=$((pages + 1))
  warnings=$(groff -mandoc -ww -z "$page" 2>&1)
  [ -z "$warnings" ] || fail "$(basename "$page"): $warnings"
  awk -v page="$(basename "$page")" '/^\.(Dl|D1) .*"/ { print "FAIL: " page ":" FNR ": a bare \" in an example: write \\(dq"; bad = 1 }
       END { exit bad }' "$page" || failed=1
done
[ "$pages" -ge 10 ] || fail "only $pages man pages found in $man"
exit $failed
