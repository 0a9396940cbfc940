// A program of someone else's built against an installed libx12: it counts
// the transactions and errors of the files it is given, with the installed
// schemas (X12_SCHEMAS_DIR: x12kit_SCHEMAS_DIR from the CMake package, or
// pkg-config's schemasdir). tests/scripts/install_consumer.sh builds it
// twice, through find_package(x12kit) and through pkg-config.
#include <cstdio>
#include <exception>

#include "x12/x12.h"

namespace {

struct counter : x12::validation_observer {
  int transactions = 0, errors = 0;
  void on_finding(const x12::finding &f) override { errors += f.level == x12::severity::error; }
  void on_transaction_start(const x12::transaction_header &) override { ++transactions; }
};

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: consumer FILE...\n");
    return 2;
  }
  try {
    x12::schema_set schemas = x12::schema_set::load(X12_SCHEMAS_DIR);
    counter c;
    x12::validator v(schemas, {}, c);
    for (int i = 1; i < argc; ++i) {
      x12::input_buffer in = x12::input_buffer::open(argv[i]);
      v.run(in);
    }
    std::printf("%d transactions, %d errors\n", c.transactions, c.errors);
    return c.errors > 0;
  } catch (const std::exception &e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 2;
  }
}
