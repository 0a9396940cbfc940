# x12 scrub loses and doubles no claim on any 837 of the public corpus
# beside the repository (../shared/corpus, see its MANIFEST.tsv): the CLM
# segments x12 info counts in the inputs are those of --clean plus --rejects,
# or, when a claim cannot be placed, the run exits 2 and writes nothing.
# Usage: bash scrub_corpus_counts.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
. "$(dirname "$0")/lib/corpus.sh" "$data"
[ -n "$corpus" ] || exit 0
rm -rf "$work" && mkdir -p "$work" && cd "$work"
failed=0 files=0 refused=0 claims=0 runs=0
fail() { echo "FAIL: $*"; failed=1; }
# Claims (CLM segments) x12 info counts: of the inputs named first ($1 is
# how many), then of the outputs.
count() {
  local n=$1
  shift
  "$x12" info --format jsonl "$@" 2>/dev/null |
    awk -v n="$n" -v list="$(printf '%s\n' "${@:1:$n}")" '
      BEGIN { split(list, in_files, "\n"); for (i in in_files) input["\"file\":\"" in_files[i] "\""] = 1 }
      { c = 0; if (match($0, /"claims":[0-9]+/)) c = substr($0, RSTART + 9, RLENGTH - 9) + 0
        f = ""; if (match($0, /"file":"[^"]*"/)) f = substr($0, RSTART, RLENGTH)
        if (f in input) a += c; else b += c }
      END { print a + 0, b + 0 }'
}
# Scrubs FILES as one run; with `alone`, a refusal (exit 2) is checked
# rather than answered by running them one by one.
scrub() { # alone|together, files...
  local mode=$1
  shift
  rm -f clean.x12 rejects.x12
  runs=$((runs + 1))
  "$x12" scrub "$@" --clean clean.x12 --rejects rejects.x12 2>err.txt
  local rc=$?
  if [ $rc = 2 ] && [ "$mode" = together ] && [ $# -gt 1 ]; then
    for f in "$@"; do scrub alone "$f"; done
    return
  fi
  if [ $rc = 2 ]; then
    refused=$((refused + $#))
    grep -q 'nothing is written' err.txt || fail "$*: exit 2: $(head -1 err.txt)"
    [ ! -e clean.x12 ] && [ ! -e rejects.x12 ] || fail "$*: exit 2 left output"
    return
  fi
  [ $rc -le 1 ] || { fail "$*: exit $rc"; return; }
  read -r in out < <(count $# "$@" clean.x12 rejects.x12)
  [ "$in" = "$out" ] || fail "$*: $in claims in, $out out"
  claims=$((claims + in))
}
# Files with the same separators go through one run (the outputs take the
# first input's); a run that refuses is done again file by file.
while IFS= read -r list; do
  IFS='|' read -r -a group <<<"$list"
  files=$((files + ${#group[@]}))
  scrub together "${group[@]}" </dev/null
done < <(awk -F'\t' -v dir="$corpus" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  $col["st01"] == "837" { k = $col["element_sep"] $col["component_sep"] $col["repetition_sep"] $col["segment_term"]
                          g[k] = g[k] (g[k] == "" ? "" : "|") dir "/" $col["local_file"] }
  END { for (k in g) print g[k] }' "$corpus/MANIFEST.tsv")
echo "$files corpus 837 files in $runs scrub runs, $claims claims, each in exactly one output; $refused refused whole"
[ "$files" -ge 50 ] || fail "expected the corpus's 837 files, read $files"
exit $failed
