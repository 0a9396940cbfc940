// x12 gen: synthetic 837P or 835 files of any size, the same bytes for the
// same seed and clock, for tests and benchmarks.

#include <fmt/format.h>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/generate.h"

namespace x12::cli {

int gen_main(int argc, char **argv) {
  CLI::App app{"Generate a synthetic 837P claim file or an 835 remittance: made-up people and "
               "providers, real code sets, valid envelopes and balanced amounts. The same "
               "seed, limits and --now give the same bytes; an 835 pays the claims of the "
               "837P made with the same seed and --now.",
               argv[0]};
  std::string set, size_text, output = "-";
  std::uint64_t claims = 0;
  generate_options options;
  std::optional<std::string> now;
  // CLI11 reads "-3" into an unsigned as 2^64 - 3 and lets larger numbers
  // wrap: accept up to 19 digits, which always fit.
  const CLI::Validator digits(
      [](std::string &v) {
        return !v.empty() && v.size() <= 19 &&
                       v.find_first_not_of("0123456789") == std::string::npos
                   ? std::string()
                   : "'" + v + "' is not a whole number of at most 19 digits";
      },
      "");
  app.add_option("SET", set, "what to generate: 837p or 835")
      ->required()
      ->check(CLI::IsMember({"837p", "835"}, CLI::ignore_case));
  auto *size = app.add_option("--size", size_text,
                              "stop at the first transaction set that ends past this size: "
                              "bytes or K, M, G (powers of 1024), e.g. 100M");
  auto *claims_option =
      app.add_option("--claims", claims, "stop after this many claims (default 100)")
          ->check(digits)
          ->excludes(size);
  app.add_option("--seed", options.seed, "random seed")->check(digits)->default_str("1");
  app.add_option("--per-transaction", options.claims_per_transaction,
                 "837P claims per transaction set")
      ->check(digits)
      ->default_str("5000");
  app.add_option("--now", now,
                 "the run's date and time, e.g. 2026-01-31T13:45 (default: "
                 "SOURCE_DATE_EPOCH, else the clock); service dates fall before it");
  app.add_option("-o,--output", output, "output file, written atomically; '-' is stdout")
      ->default_str("-");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;

  for (auto [name, value] : {std::pair{"--claims", claims_option->count() ? claims : 1},
                              std::pair{"--per-transaction", options.claims_per_transaction}})
    if (value == 0) {
      fmt::print(stderr, "{}: {}: must be at least 1\n", argv[0], name);
      return trouble;
    }
  options.set = set == "835" ? generated_set::remittance_835 : generated_set::claims_837p;
  if (!size_text.empty()) {
    result<std::uint64_t> bytes = parse_byte_size(size_text);
    if (!bytes || *bytes == 0) {
      fmt::print(stderr, "{}: --size: {}\n", argv[0],
                 bytes ? "must be more than 0" : bytes.error().message());
      return trouble;
    }
    options.size = *bytes;
  } else {
    options.claims = claims ? claims : 100;
  }
  try {
    envelope_settings settings{envelope_settings::resolve_now(now)};
    output_file out(output);
    generate(out, options, settings);
    out.commit();
  } catch (const std::exception &e) {
    print_error("gen", e);
    return trouble;
  }
  return clean;
}

} // namespace x12::cli
