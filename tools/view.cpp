// x12 view: a readable view of X12 files, as text or one HTML page; also
// what `x12 convert --to text|html` runs.

#include <cstdlib>
#include <fmt/format.h>
#include <unistd.h>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/codes.h"
#include "x12/error.h"
#include "x12/view.h"

namespace x12::cli {
namespace {

// auto: only on a terminal, and not when NO_COLOR is set (no-color.org).
bool use_color(const std::string &mode, const std::string &output) {
  if (mode != "auto")
    return mode == "always";
  const char *no_color = std::getenv("NO_COLOR");
  return output == "-" && isatty(STDOUT_FILENO) && !(no_color && *no_color);
}

} // namespace

void add_color_option(CLI::App &app, std::string &mode) {
  app.add_option("--color", mode, "ANSI colours in text: auto (on a terminal, unless NO_COLOR "
                                  "is set), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
}

int run_view(const std::string &verb, const view_request &request) {
  int rc = clean;
  try {
    schema_set schemas = schema_set::load(request.schemas_dir);
    code_set codes;
    codes.add_shipped(schemas.directory());
    if (!request.codes_dir.empty())
      codes.add_directory(request.codes_dir);
    std::vector<std::string> paths = inputs_or_stdin(request.files);
    view_options options;
    options.format = request.html ? view_format::html : view_format::text;
    options.color = !request.html && use_color(request.color, request.output);
    options.several_inputs = paths.size() > 1;
    options.guide = request.guide;
    options.codes = &codes;
    output_file out(request.output);
    viewer view(schemas, out, options);
    for (const std::string &path : paths) {
      try {
        input_buffer in = input_buffer::open(path);
        view.add(in);
      } catch (const x12::error &e) {
        if (out.failed())
          throw; // the output is lost: no later input can mend it
        print_error(verb, e);
        rc = trouble;
      }
    }
    view.finish();
    out.commit();
    const view_counts &seen = view.counts();
    if (rc == clean && (seen.errors > 0 || seen.unplaced > 0))
      rc = findings;
  } catch (const std::exception &e) {
    print_error(verb, e);
    return trouble;
  }
  return rc;
}

int view_main(int argc, char **argv) {
  CLI::App app{"Show X12 files as a human reads the guide: one segment per line as sent, "
               "indented by loop, loop names where loops open, and under each segment its "
               "elements by name and value. Segments the guide does not place and envelope or "
               "loop problems are flagged in place. Values are shown: the view is for the "
               "file's owner.",
               argv[0]};
  view_request request;
  std::string to = "text";
  app.add_option("FILE", request.files, "X12 files; '-' or none reads stdin");
  app.add_option("--to", to, "text, or html: one self-contained page")
      ->check(CLI::IsMember({"text", "html"}))
      ->default_str("text");
  add_color_option(app, request.color);
  app.add_option("-o,--output", request.output, "output file, written atomically; '-' is stdout")
      ->default_str("-");
  app.add_option("--guide", request.guide,
                 "read every transaction with this guide (e.g. 005010X222A1)");
  app.add_option("--schemas", request.schemas_dir,
                 "directory of guide schemas (default: the shipped ones)");
  app.add_option("--codes", request.codes_dir, "directory of code tables (CSV) that add to or "
                 "replace the shipped ones; their descriptions follow code values");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;
  request.html = to == "html";
  return run_view("view", request);
}

} // namespace x12::cli
