// x12 fmt: writes X12 back out with other separators, line style or fixed
// trailer counts; with no options, byte for byte as it came in.

#include <fmt/format.h>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/reformat.h"

namespace x12::cli {

int fmt_main(int argc, char **argv) {
  CLI::App app{"Rewrite X12 with other separators (--delimiters), one segment "
               "per line or "
               "none (--newlines), or with SE01, GE01 and IEA01 recomputed "
               "(--fix-counts). "
               "With no options the output is byte for byte the input. Several "
               "FILEs are "
               "written one after the other.",
               argv[0]};
  std::vector<std::string> files;
  std::string delims_spec, output = "-", newlines = "keep";
  bool fix_counts = false;
  app.add_option("FILE", files, "X12 files; '-' or none reads stdin");
  app.add_option(
      "--delimiters", delims_spec,
      "element, component, repetition separators and segment terminator, "
      "e.g. '*:^~' or '|>^\\n'; default: each interchange's own");
  app.add_option("--newlines", newlines,
                 "after each terminator: keep (the input's style), yes (\\n), "
                 "crlf or no")
      ->check(CLI::IsMember({"keep", "yes", "no", "crlf"}))
      ->default_str("keep");
  app.add_flag(
      "--fix-counts", fix_counts,
      "recompute SE01, GE01 and IEA01; each change is reported on stderr");
  app.add_option("-o,--output", output,
                 "output file, written atomically; '-' is stdout")
      ->default_str("-");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;

  reformat_options options;
  options.fix_counts = fix_counts;
  if (newlines == "yes")
    options.line_break = "\n";
  else if (newlines == "crlf")
    options.line_break = "\r\n";
  else if (newlines == "no")
    options.line_break = "";
  try {
    if (!delims_spec.empty())
      options.delims = parse_delimiters(delims_spec);
  } catch (const std::exception &e) {
    fmt::print(stderr, "{}: --delimiters: {}\n", argv[0], e.what());
    return trouble;
  }

  finding_printer printer(report_format::text, stderr);
  auto sink = [&](finding &&f) { printer(std::move(f)); };
  int rc = clean;
  bool complete = true;
  try {
    output_file out(output);
    for (const std::string &path : inputs_or_stdin(files)) {
      try {
        input_buffer in = input_buffer::open(path);
        complete = reformat(in, out, options, sink).complete && complete;
      } catch (const x12::error &e) {
        if (out.failed())
          throw; // the output is lost: no later input can mend it
        print_error("fmt", e);
        rc = trouble;
      }
    }
    // Half a conversion is worse than none: a file is left as it was. What
    // already reached stdout cannot be taken back, so it is flushed.
    if ((complete && rc == clean) || output == "-")
      out.commit();
  } catch (const std::exception &e) {
    print_error("fmt", e);
    return trouble;
  }
  if (rc == clean && printer.errors() > 0)
    rc = findings;
  return rc;
}

} // namespace x12::cli
