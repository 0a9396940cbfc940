# x12 validate over the public corpus beside the repository (../shared/corpus,
# see its MANIFEST.tsv): never a crash, a hang or exit 2 on any file, and at
# least one error on every file its project wrote to fail. Our verdict where
# it differs from the reference validator's is explained in
# tests/conformance/README.md.
# Usage: bash corpus_conformance.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
. "$(dirname "$0")/lib/corpus.sh" "$data"
[ -n "$corpus" ] || exit 0
rm -rf "$work" && mkdir -p "$work"
failed=0 files=0
# awk, not read: read folds the manifest's empty columns together.
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
             { print $col["local_file"] "\t" $col["status"] }' "$corpus/MANIFEST.tsv" >"$work/files"
broken=0
# One validate for the whole corpus (the findings name their file); a file
# is looked at alone only when that run gave up, to name it.
paths=()
while IFS=$'\t' read -r file status; do paths+=("$corpus/$file"); done <"$work/files"
timeout 900 "$x12" validate --format jsonl "${paths[@]}" >"$work/all.jsonl" 2>"$work/all.err"
all_rc=$?
while IFS=$'\t' read -r file status; do
  files=$((files + 1))
  if [ $all_rc -gt 1 ]; then
    timeout 60 "$x12" validate --format jsonl "$corpus/$file" >/dev/null 2>"$work/err"
    rc=$?
    [ $rc -le 1 ] || { echo "FAIL: exit $rc on $file: $(head -c 300 "$work/err")"; failed=1; }
  fi
  if [ "$status" = intentionally-broken ]; then
    broken=$((broken + 1))
    grep -F "\"file\":\"$corpus/$file\"" "$work/all.jsonl" | grep -q '"severity":"error"' ||
      { echo "FAIL: $file is intentionally broken but validated clean"; failed=1; }
  fi
done <"$work/files"
[ $all_rc -le 1 ] || { echo "FAIL: validating the corpus exits $all_rc: $(head -c 300 "$work/all.err")"; failed=1; }
echo "$files corpus files validated, $broken of them intentionally broken"
[ "$files" -gt 200 ] || { echo "FAIL: expected the whole corpus, read $files files"; failed=1; }
exit $failed
