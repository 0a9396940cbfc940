# libx12 is a library others can use: `cmake --install` into a fresh
# prefix, then a program of someone else's (tests/install/consumer.cpp) is
# built against that tree alone, once through find_package(x12kit) and
# once through pkg-config, and both count the transactions and errors of
# shipped examples as x12 validate does.
# Usage: bash install_consumer.sh X12_BINARY DATA_DIR WORK_DIR
set -u
x12=$1 data=$2 work=$3
if [ -n "${X12_SANITIZED:-}" ]; then
  # An instrumented libx12.a links only into instrumented programs; the
  # install is tested by the plain build's run of this script.
  echo "skipped: a sanitized build's library is not what make install ships"
  exit 0
fi
build=$(dirname "$x12")
source=$(cd "$data/../.." && pwd)
rm -rf "$work" && mkdir -p "$work"
failed=0
fail() { echo "FAIL: $*"; failed=1; }
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
  { echo "FAIL: cmake --install: $(tail -3 "$work/install.log")"; exit 1; }
for f in include/x12/x12.h lib/libx12.a lib/cmake/x12kit/x12kit-config.cmake \
         lib/pkgconfig/x12kit.pc share/x12kit/schemas/elements.yaml; do
  [ -f "$prefix/$f" ] || fail "not installed: $f"
done

valid=$source/examples/837p-claims.x12 invalid=$source/examples/837p-invalid.x12
want_valid="1 transactions, 0 errors"
want_invalid="1 transactions, $("$x12" validate --format jsonl "$invalid" | grep -c '"severity":"error"') errors"
check() { # how it was built, the binary
  out=$("$2" "$valid") || fail "$1: the valid example exits $?"
  [ "$out" = "$want_valid" ] || fail "$1: '$out', not '$want_valid'"
  out=$("$2" "$invalid")
  [ $? = 1 ] || fail "$1: the invalid example does not exit 1"
  [ "$out" = "$want_invalid" ] || fail "$1: '$out', not '$want_invalid'"
}

# find_package(x12kit), with nothing of the source or build tree on the paths.
cmake -S "$source/tests/install" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$work/cmake.log" 2>&1 &&
  cmake --build "$work/cmake-build" >>"$work/cmake.log" 2>&1 ||
  fail "the find_package consumer does not build: $(grep -m3 -i error "$work/cmake.log")"
[ -x "$work/cmake-build/consumer" ] && check find_package "$work/cmake-build/consumer"

# pkg-config.
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
schemas=$(pkg-config --variable=schemasdir x12kit)
[ "$(cd "$schemas" && pwd)" = "$(cd "$prefix/share/x12kit/schemas" && pwd)" ] ||
  fail "pkg-config's schemasdir is $schemas"
# shellcheck disable=SC2046 # pkg-config's words
g++ -O1 -DX12_SCHEMAS_DIR="\"$schemas\"" "$source/tests/install/consumer.cpp" \
  $(pkg-config --cflags --libs x12kit) -o "$work/pc-consumer" 2>"$work/pc.log" ||
  fail "the pkg-config consumer does not build: $(head -3 "$work/pc.log")"
[ -x "$work/pc-consumer" ] && check pkg-config "$work/pc-consumer"
[ $failed = 0 ] && echo "ok: built against $prefix with find_package and with pkg-config"
exit $failed
