# x12 view --to html writes a well-formed, self-contained page for every
# test file, broken and fuzzed ones included: it parses as XML, its HTML tags
# balance, it holds no script and loads nothing, values are escaped, and it
# has one folding <details> per loop the text view shows. convert --to html
# is the same page.
# Usage: bash view_html.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work/pages"
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# A file of our own with markup, quotes and bytes outside ASCII in its values.
sed -e 's/^NM1\*85\*2\*RIVERSIDE FAMILY CLINIC\*/NM1*85*2*<b>R\&D<\/b> "O'"'"'NEIL" \x01\xe9\*/' \
  "$data/005010X222A1-837/valid-minimal.x12" >"$work/markup.x12"
grep -q '<b>R&D' "$work/markup.x12" || fail "could not make the markup file"

# One page per folder of test files (several inputs make one page).
n=0
while IFS= read -r dir; do
  n=$((n + 1))
  mapfile -t files < <(find "$dir" -maxdepth 1 \( -name '*.x12' -o -name '*.bin' \) | sort)
  "$x12" view --to html "${files[@]}" -o "$work/pages/$n.html" 2>"$work/err.txt"
  rc=$?
  [ $rc -le 1 ] || fail "$dir: exit $rc: $(head -1 "$work/err.txt")"
  [ -s "$work/err.txt" ] && fail "$dir: wrote to stderr"
  echo "$dir" >"$work/pages/$n.name"
done < <({ find "$data" \( -name '*.x12' -o -name '*.bin' \) -printf '%h\n'; echo "$work"; } | sort -u)
[ $n -ge 15 ] || fail "only $n folders viewed"

python3 - "$work/pages" <<'EOF' || failed=1
import glob, html.parser, os, sys, xml.etree.ElementTree as ET

VOID = {"meta"}
ALLOWED = {"html", "head", "meta", "title", "style", "body", "section", "h1", "details",
           "summary", "span", "div", "code", "b", "table", "tr", "td", "p"}

class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.doctypes = [], [], 0
    def handle_decl(self, decl):
        self.doctypes += 1
    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name in ("src", "href", "style") or name.startswith("on"):
                self.problems.append(f"attribute {name}")
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
        else:
            self.stack.pop()

bad = 0
pages = sorted(glob.glob(os.path.join(sys.argv[1], "*.html")))
for page in pages:
    name = open(page[:-5] + ".name").read().strip()
    text = open(page, encoding="utf-8").read()
    problems = []
    try:
        ET.fromstring(text)
    except ET.ParseError as e:
        problems.append(f"not well-formed: {e}")
    c = Checker()
    c.feed(text)
    c.close()
    problems += c.problems
    if c.stack:
        problems.append(f"left open: {c.stack}")
    if c.doctypes != 1 or not text.startswith("<!DOCTYPE html>"):
        problems.append("doctype")
    for external in ("://", "url(", "@import", "<script", "<link", "<img"):
        if external in text:
            problems.append(f"external or active content: {external}")
    if not text.endswith("</html>\n"):
        problems.append("page not closed")
    if "markup.x12" in text:
        want = "&lt;b&gt;R&amp;D&lt;/b&gt; &quot;O&#39;NEIL&quot; \\x01\\xe9"
        if want not in text:
            problems.append("markup value not shown escaped")
    for p in problems:
        print(f"FAIL: {name}: {p}")
    bad += bool(problems)
print(f"{len(pages)} pages checked, {bad} bad")
sys.exit(1 if bad or not pages else 0)
EOF

# One <details> per loop header of the text view, for a rich file of each kind.
for f in "$data/005010X222A1-837/valid-rich.x12" "$data/005010X221A1-835/valid-rich.x12" \
  "$data/005010X279A1-271/valid-rich.x12"; do
  headers=$("$x12" view --color never "$f" | grep -cE '^ *[0-9][0-9A-Z]* {2}[A-Z]')
  folds=$("$x12" view --to html "$f" | grep -o '<details open="" class="loop">' | wc -l)
  [ "$headers" -gt 5 ] && [ "$headers" -eq "$folds" ] ||
    fail "$f: $headers loop headers in text, $folds loops in html"
done

# convert --to html is the view's page.
src=$data/005010X222A1-837/valid-rich.x12
"$x12" convert --to html "$src" >"$work/convert.html" || fail "convert --to html"
"$x12" view --to html "$src" | cmp -s - "$work/convert.html" || fail "convert and view pages differ"

exit $failed
