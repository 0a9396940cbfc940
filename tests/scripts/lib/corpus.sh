# The public corpus beside the repository (../shared/corpus, see its
# MANIFEST.tsv), for the script tests that read it. Sourced with the data
# folder, it sets `corpus`, or leaves it empty and says so when there is
# none (a clone made elsewhere):
#   . "$(dirname "$0")/lib/corpus.sh" "$data"
corpus=$(cd "$1/../../.." 2>/dev/null && pwd)/shared/corpus
if [ ! -f "$corpus/MANIFEST.tsv" ]; then
  echo "no corpus at $corpus"
  corpus=
fi
