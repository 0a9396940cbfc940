# x12 scrub loses and doubles no claim on any 837 of the public corpus
# beside the repository (../shared/corpus, see its MANIFEST.tsv): the CLM
# segments x12 info counts in the input are those of --clean plus --rejects,
# or, when a claim cannot be placed, the run exits 2 and writes nothing.
# Usage: bash scrub_corpus_counts.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
corpus=$(cd "$data/../../.." 2>/dev/null && pwd)/shared/corpus
if [ ! -f "$corpus/MANIFEST.tsv" ]; then
  echo "no corpus at $corpus: nothing to check"
  exit 0
fi
rm -rf "$work" && mkdir -p "$work" && cd "$work"
failed=0 files=0 refused=0 claims=0
fail() { echo "FAIL: $*"; failed=1; }
while IFS= read -r f; do
  files=$((files + 1))
  rm -f clean.x12 rejects.x12
  "$x12" scrub "$corpus/$f" --clean clean.x12 --rejects rejects.x12 2>err.txt
  rc=$?
  if [ $rc = 2 ]; then
    refused=$((refused + 1))
    grep -q 'nothing is written' err.txt || fail "$f: exit 2: $(head -1 err.txt)"
    [ ! -e clean.x12 ] && [ ! -e rejects.x12 ] || fail "$f: exit 2 left output"
    continue
  fi
  [ $rc -le 1 ] || { fail "$f: exit $rc"; continue; }
  # Claims (CLM segments) by file: the input's, then the two outputs'.
  read -r in out < <("$x12" info --format jsonl "$corpus/$f" clean.x12 rejects.x12 2>/dev/null |
    awk -v input="$corpus/$f" '{ n = 0; if (match($0, /"claims":[0-9]+/)) n = substr($0, RSTART + 9, RLENGTH - 9) + 0
                                 if (index($0, "\"file\":\"" input "\"")) a += n; else b += n }
                               END { print a + 0, b + 0 }')
  [ "$in" = "$out" ] || fail "$f: $in claims in, $out out"
  claims=$((claims + in))
done < <(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
                     $col["st01"] == "837" { print $col["local_file"] }' "$corpus/MANIFEST.tsv")
echo "$files corpus 837 files, $claims claims, each in exactly one output; $refused refused whole"
[ "$files" -ge 50 ] || fail "expected the corpus's 837 files, read $files"
exit $failed
