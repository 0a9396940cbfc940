// x12: the front end. `x12 <command> [args]` runs tools/<command>.cpp.
// Each summary is also the NAME line of man/x12-<command>.1 and the command's
// entry in x12(1); tests/scripts/help_matches_man.sh holds them to that.

#include <array>
#include <csignal>
#include <cstring>
#include <fmt/format.h>
#include <string>

#include "common/cli.h"
#include "common/commands.h"

namespace {

using x12::cli::command;

constexpr std::array commands = {
    command{"info", "one line per transaction set: envelopes, parties, guide and counts",
            x12::cli::info_main},
    command{"fmt", "rewrite X12 with other separators, line style or trailer counts",
            x12::cli::fmt_main},
    command{"split", "cut into valid interchanges by interchange, transaction set or claim",
            x12::cli::split_main},
    command{"merge", "join the transaction sets of several files under one interchange",
            x12::cli::merge_main},
    command{"gen", "generate synthetic 837P claim files or 835 remittances of any size",
            x12::cli::gen_main},
    command{"validate", "check against the HIPAA 5010 guides (SNIP 1-5, 7); write 999 and TA1",
            x12::cli::validate_main},
    command{"scrub", "split 837 claims into clean and rejects by validation and claim edits",
            x12::cli::scrub_main},
    command{"deid", "de-identify claim, remittance and eligibility files for sharing samples",
            x12::cli::deid_main},
    command{"codes", "list the SNIP 5 code tables, look a code up, or import a table",
            x12::cli::codes_main},
    command{"convert", "X12 to CSV tables or JSON and back; an 837 or 270 from business data",
            x12::cli::convert_main},
    command{"view", "show a file as the guide reads it: loops, segments, elements, values",
            x12::cli::view_main},
};

void usage(std::FILE *to) {
  x12::cli::print_to(to, "x12kit {} - tools for ASC X12 HIPAA 5010 files\n\n"
                 "Usage: x12 <command> [options] [FILE...]\n\nCommands:\n",
             X12_VERSION);
  for (const command &c : commands)
    x12::cli::print_to(to, "  {:<10}{}\n", c.name, c.summary);
  x12::cli::print_to(to, "\nFILE '-' or none reads standard input. A command's options: 'x12 help "
                 "<command>'.\nExit status: 0 clean, 1 findings, 2 usage or I/O error.\n");
}

const command *command_named(std::string_view name) {
  for (const command &c : commands)
    if (name == c.name)
      return &c;
  return nullptr;
}

int run(const command &c, int argc, char **argv) {
  std::string name = x12::cli::program(c.name);
  argv[0] = name.data();
  return c.main(argc, argv);
}

int not_a_command(std::string_view name) {
  fmt::print(stderr, "x12: '{}' is not a command. Run 'x12 --help' for the list.\n", name);
  return x12::cli::trouble;
}

// `x12 help` is the list; `x12 help <command>` is `x12 <command> --help`.
int help(int argc, char **argv) {
  if (argc == 2) {
    usage(stdout);
    return x12::cli::clean;
  }
  if (argc > 3) {
    fmt::print(stderr, "x12 help: one command at a time. Usage: x12 help [command]\n");
    return x12::cli::trouble;
  }
  const command *c = command_named(argv[2]);
  if (!c)
    return not_a_command(argv[2]);
  std::array<char *, 3> args = {argv[2], const_cast<char *>("--help"), nullptr};
  return run(*c, 2, args.data());
}

int dispatch(int argc, char **argv) {
  if (argc < 2) {
    usage(stderr);
    return x12::cli::trouble;
  }
  std::string_view verb = argv[1];
  if (verb == "help")
    return help(argc, argv);
  if (verb == "--help" || verb == "-h") {
    usage(stdout);
    return x12::cli::clean;
  }
  if (verb == "--version" || verb == "-V") {
    x12::cli::print_to(stdout, "x12kit {}\n", X12_VERSION);
    return x12::cli::clean;
  }
  if (const command *c = command_named(verb))
    return run(*c, argc - 1, argv + 1);
  return not_a_command(verb);
}

} // namespace

int main(int argc, char **argv) {
  // A file past `ulimit -f` is a write that fails with EFBIG, reported and
  // cleaned up like any other, not a SIGXFSZ death that leaves a half file.
  std::signal(SIGXFSZ, SIG_IGN);
  // A reader that stops reading (x12 ... | head) ends the run quietly, as it
  // does cat's, even when the parent left SIGPIPE ignored.
  std::signal(SIGPIPE, SIG_DFL);
  std::string prog = argc >= 2 && command_named(argv[1]) ? x12::cli::program(argv[1]) : "x12";
  return x12::cli::finish_stdout(prog, dispatch(argc, argv));
}
