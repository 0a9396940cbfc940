// x12 split: cuts a file into valid interchanges by interchange, transaction
// set or claim, and lists the files it wrote.

#include <boost/json.hpp>
#include <fmt/format.h>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/split.h"

namespace x12::cli {
namespace {

void print_part(const split_part &p, report_format format) {
  if (format == report_format::jsonl) {
    boost::json::object o;
    o["file"] = p.path;
    o["transactions"] = p.transactions;
    o["claims"] = p.claims;
    o["segments"] = p.segments;
    print_to(stdout, "{}\n", boost::json::serialize(o));
    return;
  }
  print_to(stdout, "{}: {} transaction{}, {} claim{}, {} segments\n", p.path,
             p.transactions, p.transactions == 1 ? "" : "s", p.claims,
             p.claims == 1 ? "" : "s", p.segments);
}

} // namespace

int split_main(int argc, char **argv) {
  CLI::App app{
      "Cut an X12 file into files that are each one complete interchange with "
      "fresh "
      "counts: one per interchange, or up to --max transaction sets or 837 "
      "claims "
      "each. A claim keeps its billing provider, subscriber and patient loops, "
      "renumbered. Prints one line per file written.",
      argv[0]};
  std::string file = "-";
  split_options options;
  report_format format = report_format::text;
  app.add_option("FILE", file, "X12 file; '-' or none reads stdin");
  std::string by;
  app.add_option("--by", by,
                 "what to cut by: interchange, transaction, claim, or subscriber (claims, "
                 "never cutting one subscriber's apart)")
      ->required()
      ->check(CLI::IsMember({"interchange", "transaction", "claim", "subscriber"}));
  auto *max =
      app.add_option(
             "--max", options.max,
             "transaction sets (--by transaction) or claims (--by claim, subscriber) per "
             "file")
          ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{999999999}))
          ->default_str("1");
  app.add_option("--out-dir", options.out_dir,
                 "folder for the files; made if missing")
      ->required();
  app.add_option("--prefix", options.prefix,
                 "file names are PREFIX-000001.x12 ...")
      ->default_str("part");
  app.add_option("--control-number", options.first_control_number,
                 "first ISA13 and GS06 for --by transaction or claim; each "
                 "file and group "
                 "takes the next")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{999999999}))
      ->default_str("1");
  app.add_flag("--force", options.force,
               "write into a folder that holds files, replacing an earlier split's parts "
               "(the ones this run does not write are removed)");
  add_format_option(app, format);
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;
  options.by = by == "interchange" ? split_unit::interchange
               : by == "claim"     ? split_unit::claim
               : by == "subscriber" ? split_unit::subscriber
                                   : split_unit::transaction;
  if (options.by == split_unit::interchange && max->count() > 0) {
    fmt::print(stderr,
               "{}: --max applies to --by transaction and --by claim; --by "
               "interchange writes one interchange per file\n",
               argv[0]);
    return trouble;
  }
  if (options.prefix.empty() || options.prefix.find('/') != std::string::npos) {
    fmt::print(stderr, "{}: --prefix must be a file name, without '/'\n",
               argv[0]);
    return trouble;
  }

  finding_printer printer(format, stderr);
  try {
    input_buffer in = input_buffer::open(file);
    split(
        in, options, [&](finding &&f) { printer(std::move(f)); },
        [&](const split_part &p) { print_part(p, format); });
  } catch (const std::exception &e) {
    print_error("split", e);
    return trouble;
  }
  return printer.errors() > 0 ? findings : clean;
}

} // namespace x12::cli
