// x12 merge: the transaction sets of several files under one interchange,
// one group per functional group code and guide, with fresh envelopes.

#include <fmt/format.h>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/input.h"
#include "x12/merge.h"

namespace x12::cli {

int merge_main(int argc, char **argv) {
  CLI::App app{"Put the transaction sets of several X12 files under one new "
               "interchange, with "
               "one functional group per GS01 code and GS08 guide, fresh "
               "counts, control "
               "numbers and dates. Parties, usage and separators come from the "
               "first input "
               "unless --sender or --receiver say otherwise. ST02 is kept "
               "unless it repeats "
               "within a group; then it is renumbered with a warning.",
               argv[0]};
  std::vector<std::string> files;
  std::string output = "-";
  std::optional<std::string> now, sender, receiver;
  std::uint64_t control_number = 1;
  app.add_option("FILE", files, "X12 files; '-' or none reads stdin");
  app.add_option("-o,--output", output,
                 "output file, written atomically; '-' is stdout")
      ->default_str("-");
  app.add_option("--control-number", control_number,
                 "ISA13 of the new interchange and GS06 of its first group; "
                 "later groups "
                 "take the next numbers")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{999999999}))
      ->default_str("1");
  app.add_option(
      "--now", now,
      "date and time for ISA09/10 and GS04/05: 2026-01-31T13:45, 2026-01-31 or "
      "epoch seconds; default SOURCE_DATE_EPOCH, else the clock");
  app.add_option("--sender", sender,
                 "[QUALIFIER:]ID for ISA05/ISA06, and GS02");
  app.add_option("--receiver", receiver,
                 "[QUALIFIER:]ID for ISA07/ISA08, and GS03");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;

  merge_options options;
  try {
    options.settings.now = envelope_settings::resolve_now(now);
    options.settings.next_control_number = control_number;
    if (sender)
      options.sender = parse_party(*sender);
    if (receiver)
      options.receiver = parse_party(*receiver);
  } catch (const std::exception &e) {
    fmt::print(stderr, "{}: {}\n", argv[0], e.what());
    return trouble;
  }

  std::vector<std::string> inputs = inputs_or_stdin(files);
  // Every input is checked before anything is written: a merge that would
  // leave one out is not started.
  int rc = clean;
  for (const std::string &path : inputs) {
    if (path == "-")
      continue;
    try {
      input_buffer::open(path);
    } catch (const std::exception &e) {
      print_error("merge", e);
      rc = trouble;
    }
  }
  if (rc != clean)
    return rc;

  finding_printer printer(report_format::text, stderr);
  try {
    output_file out(output);
    merge_stats st = merge(inputs, out, options,
                           [&](finding &&f) { printer(std::move(f)); });
    if (st.transactions == 0) {
      fmt::print(stderr, "{}: no transaction sets to merge\n", argv[0]);
      return findings;
    }
    // Parts of one split transaction share its ST02: renumbering them is
    // routine, so it is one line, not one per transaction.
    if (st.renumbered)
      fmt::print(stderr, "{}: {} transaction set{} renumbered to keep ST02 unique in {} group\n",
                 argv[0], st.renumbered, st.renumbered == 1 ? "" : "s",
                 st.renumbered == 1 ? "its" : "their");
    // A merge stopped part way leaves no file; stdout gets what was written.
    if (st.complete || output == "-")
      out.commit();
  } catch (const std::exception &e) {
    print_error("merge", e);
    return trouble;
  }
  return printer.errors() > 0 ? findings : clean;
}

} // namespace x12::cli
