// x12: the front end. `x12 <command> [args]` runs tools/<command>.cpp.

#include <array>
#include <cstring>
#include <fmt/format.h>
#include <string>

#include "common/cli.h"
#include "common/commands.h"

namespace {

using x12::cli::command;

constexpr std::array commands = {
    command{"info", "one line per transaction set: envelopes, guide, counts", x12::cli::info_main},
    command{"fmt", "rewrite with other separators or line style, or fixed counts",
            x12::cli::fmt_main},
    command{"split", "cut into valid interchanges by interchange, transaction or claim",
            x12::cli::split_main},
    command{"merge", "join the transactions of several files under one interchange",
            x12::cli::merge_main},
    command{"gen", "generate large synthetic 837P or 835 files for tests and benchmarks",
            x12::cli::gen_main},
    command{"validate", "check files against the HIPAA 5010 guides (SNIP 1, 2, 5); 999 and TA1",
            x12::cli::validate_main},
    command{"codes", "list the SNIP 5 code tables, or look a code up", x12::cli::codes_main},
    command{"convert", "835, 837, 271 and 277 as CSV tables", x12::cli::convert_main},
    command{"view", "show a file as the guide reads: loops, segments, element names and values",
            x12::cli::view_main},
};

void usage(std::FILE *to) {
  fmt::print(to, "x12kit {} - tools for ASC X12 HIPAA 5010 files\n\n"
                 "Usage: x12 <command> [options] [FILE...]\n\nCommands:\n",
             X12_VERSION);
  for (const command &c : commands)
    fmt::print(to, "  {:<10}{}\n", c.name, c.summary);
  fmt::print(to, "\nFILE '-' or none reads standard input. 'x12 <command> --help' for a "
                 "command's options.\nExit status: 0 clean, 1 findings, 2 usage or I/O "
                 "error.\n");
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return x12::cli::trouble;
  }
  std::string_view verb = argv[1];
  if (verb == "help" && argc > 2) {
    // `x12 help validate` is `x12 validate --help`.
    for (const command &c : commands)
      if (argv[2] == std::string_view(c.name)) {
        std::string name = x12::cli::program(c.name);
        char help[] = "--help";
        char *args[] = {name.data(), help, nullptr};
        return c.main(2, args);
      }
    fmt::print(stderr, "x12: '{}' is not a command. Run 'x12 --help' for the list.\n", argv[2]);
    return x12::cli::trouble;
  }
  if (verb == "--help" || verb == "-h" || verb == "help") {
    usage(stdout);
    return x12::cli::clean;
  }
  if (verb == "--version" || verb == "-V") {
    fmt::print("x12kit {}\n", X12_VERSION);
    return x12::cli::clean;
  }
  for (const command &c : commands) {
    if (verb == c.name) {
      std::string name = x12::cli::program(c.name);
      argv[1] = name.data();
      return c.main(argc - 1, argv + 1);
    }
  }
  fmt::print(stderr, "x12: '{}' is not a command. Run 'x12 --help' for the list.\n", verb);
  return x12::cli::trouble;
}
