// x12 convert: 835 remittances as CSV tables (payments, claims, lines,
// adjustments), one table to stdout or -o, or all of them into a folder.

#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <vector>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/error.h"
#include "x12/remittance_csv.h"

namespace x12::cli {
namespace {

constexpr remittance_table all_tables[] = {remittance_table::payments,
                                           remittance_table::claims, remittance_table::lines,
                                           remittance_table::adjustments};

// Says what was skipped: the tables of other transaction sets do not exist yet.
void report_skipped(const std::string &prog, const std::string &file,
                    const remittance_summary &s) {
  std::string more = s.skipped > 1 ? fmt::format(" and {} more", s.skipped - 1) : "";
  fmt::print(stderr,
             "{}: {}: transaction set {} (ST02 {}){} skipped: only 835 tables exist yet\n",
             prog, file, s.first_skipped.id, s.first_skipped.control_number, more);
}

} // namespace

int convert_main(int argc, char **argv) {
  CLI::App app{"Convert 835 remittances to CSV tables (RFC 4180, header row): payments, "
               "claims, lines or adjustments; --table all writes the four into --out-dir "
               "in one pass. Other transaction sets and JSON are not there yet.",
               argv[0]};
  std::vector<std::string> files;
  std::string to, table, output = "-", out_dir;
  app.add_option("FILE", files, "835 files; '-' or none reads stdin");
  app.add_option("--to", to, "output format: csv")->required();
  app.add_option("--table", table, "payments, claims, lines, adjustments or all")->required();
  app.add_option("-o,--output", output, "output file for one table, written atomically; "
                                        "'-' is stdout")
      ->default_str("-");
  app.add_option("--out-dir", out_dir, "folder for <table>.csv files, each written atomically");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;

  std::string prog = argv[0];
  auto usage = [&](std::string_view message) {
    fmt::print(stderr, "{}: {}\n", prog, message);
    return int(trouble);
  };
  if (to != "csv")
    return usage(fmt::format("--to {}: only csv exists yet", to));
  std::vector<remittance_table> tables;
  if (table == "all")
    tables.assign(std::begin(all_tables), std::end(all_tables));
  else if (auto t = remittance_table_named(table))
    tables.push_back(*t);
  else
    return usage(fmt::format("--table {}: expected payments, claims, lines, adjustments or all",
                             table));
  if (out_dir.empty() && tables.size() > 1)
    return usage("--table all needs --out-dir");
  if (!out_dir.empty() && output != "-")
    return usage("-o and --out-dir cannot be used together");

  finding_printer printer(report_format::text, stderr);
  auto sink = [&](finding &&f) { printer(std::move(f)); };
  int rc = clean;
  try {
    if (!out_dir.empty())
      std::filesystem::create_directories(out_dir);
    std::vector<std::unique_ptr<output_file>> outs;
    remittance_outputs where;
    for (remittance_table t : tables) {
      std::string path = out_dir.empty()
                             ? output
                             : (std::filesystem::path(out_dir) / (std::string(name_of(t)) + ".csv"))
                                   .string();
      outs.push_back(std::make_unique<output_file>(path));
      output_file *o = outs.back().get();
      (t == remittance_table::payments      ? where.payments
       : t == remittance_table::claims      ? where.claims
       : t == remittance_table::lines       ? where.lines
                                            : where.adjustments) = o;
    }
    remittance_csv csv(where);
    for (const std::string &path : inputs_or_stdin(files)) {
      try {
        input_buffer in = input_buffer::open(path);
        remittance_summary s = read_remittances(in, csv.callbacks(), sink);
        if (s.skipped > 0) {
          report_skipped(prog, in.name(), s);
          if (rc == clean)
            rc = findings;
        }
      } catch (const x12::error &e) {
        print_error("convert", e);
        rc = trouble;
      }
    }
    // A file that could not be read leaves the tables as they were; what
    // already reached stdout cannot be taken back, so it is flushed.
    for (auto &o : outs)
      if (rc != trouble || o->path() == "-")
        o->commit();
  } catch (const std::exception &e) {
    print_error("convert", e);
    return trouble;
  }
  if (rc == clean && printer.errors() > 0)
    rc = findings;
  return rc;
}

} // namespace x12::cli
