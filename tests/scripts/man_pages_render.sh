# Every man page renders without a warning, and every example keeps its
# text: each .Dl line and each line of a literal display that has a quote in
# the source is in the rendered page as written (mdoc takes the double quotes
# of a macro line for argument quoting and drops them unless escaped as \(dq).
# Every x12 page another names with .Xr is shipped.
# Usage: bash man_pages_render.sh X12_BINARY DATA_DIR WORK_DIR
set -u
data=$2 work=$3
man_dir=$(cd "$data/../../man" && pwd)
rm -rf "$work" && mkdir -p "$work"
command -v man >/dev/null || { echo "FAIL: no man command (man-db) to render the pages"; exit 1; }
export LC_ALL=C.UTF-8 MANWIDTH=200
failed=0 pages=0 examples=0
for page in "$man_dir"/*.[1-9]; do
  name=$(basename "$page")
  pages=$((pages + 1))
  man --warnings=all -l "$page" >"$work/$name.txt" 2>"$work/$name.err"
  if [ -s "$work/$name.err" ]; then
    echo "FAIL: $name renders with warnings:"; head -5 "$work/$name.err"; failed=1
  fi
  # The rendered text on one line per line, blanks squeezed, no overstrike.
  col -bx <"$work/$name.txt" | tr -s ' ' >"$work/$name.flat"
  # Example lines with a quote, as the reader should see them: one awk a
  # page reads the rendered text, then the page's example lines.
  out=$(awk -v name="$name" '
    FNR == NR { flat = flat $0 "\n"; next }
    /^\.Bd -literal/ { lit = 1; next }
    /^\.Ed/ { lit = 0 }
    !((/^\.Dl / || lit) && /["\047]/) { next }
    {
      line = $0
      sub(/^\.Dl /, "", line)
      gsub(/\\\(dq/, "\"", line); gsub(/\\\(aq/, "\047", line); gsub(/\\-/, "-", line)
      gsub(/\\&/, "", line); gsub(/\\e/, "\\", line)
      gsub(/  +/, " ", line); sub(/^ /, "", line)
      print "example"
      if (!index(flat, line)) print "FAIL: " name ": the example renders otherwise than written: " line
    }' "$work/$name.flat" "$page")
  examples=$((examples + $(grep -c '^example$' <<<"$out")))
  grep '^FAIL' <<<"$out" && failed=1
  for ref in $(grep -o '^\.Xr x12[-a-z]* [0-9]' "$page" | tr ' ' '.' | sed 's/^\.Xr\.//'); do
    [ -f "$man_dir/$ref" ] || { echo "FAIL: $name refers to $ref, which is not shipped"; failed=1; }
  done
done
echo "$pages pages, $examples quoted example lines"
[ "$pages" -ge 12 ] && [ "$examples" -ge 50 ] ||
  { echo "FAIL: expected the 12 shipped pages and their examples"; failed=1; }
exit $failed
