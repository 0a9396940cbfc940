// x12 convert: 835 remittances and 837 claims as CSV tables (payments,
// claims, lines, adjustments; claims, lines, diagnoses), one table to stdout
// or -o, or all of them into a folder.

#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <vector>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/claim_tables_csv.h"
#include "x12/error.h"
#include "x12/peek.h"
#include "x12/remittance_csv.h"

namespace x12::cli {
namespace {

// Which tables are written: one kind per run, for every input.
enum class family { remittance, claims };

constexpr remittance_table all_remittance_tables[] = {
    remittance_table::payments, remittance_table::claims, remittance_table::lines,
    remittance_table::adjustments};
constexpr claim_table all_claim_tables[] = {claim_table::claims, claim_table::lines,
                                            claim_table::diagnoses};

// Says what was skipped: the transaction sets of the other family.
void report_skipped(const std::string &prog, const std::string &file,
                    const skipped_sets &skipped, std::string_view written) {
  const transaction_header &first = skipped.first;
  std::string more = skipped.count > 1 ? fmt::format(" and {} more", skipped.count - 1) : "";
  fmt::print(stderr, "{}: {}: transaction set {} (ST02 {}){} skipped: the tables written are {} "
                     "tables\n",
             prog, file, first.id, first.control_number, more, written);
}

// A table name that only one family has decides; else the first transaction
// set of the first input that opens; else the 835.
family family_for(std::string_view table, input_buffer *first) {
  if (!claim_table_named(table) && table != "all")
    return family::remittance;
  if (!remittance_table_named(table) && table != "all")
    return family::claims;
  return first && first_transaction_set(*first) == "837" ? family::claims
                                                         : family::remittance;
}

std::string table_path(const std::string &output, const std::string &out_dir,
                       std::string_view name) {
  return out_dir.empty() ? output
                         : (std::filesystem::path(out_dir) / (std::string(name) + ".csv")).string();
}

} // namespace

int convert_main(int argc, char **argv) {
  CLI::App app{"Convert 835 remittances (payments, claims, lines, adjustments) or 837 claims "
               "(claims, lines, diagnoses) to CSV tables (RFC 4180, header row); --table all "
               "writes every table into --out-dir in one pass. JSON is not there yet.",
               argv[0]};
  std::vector<std::string> files;
  std::string to, table, output = "-", out_dir;
  app.add_option("FILE", files, "835 or 837 files; '-' or none reads stdin");
  app.add_option("--to", to, "output format: csv")->required();
  app.add_option("--table", table, "835: payments, claims, lines, adjustments; 837: claims, "
                                   "lines, diagnoses; or all")
      ->required();
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
  if (table != "all" && !remittance_table_named(table) && !claim_table_named(table))
    return usage(fmt::format(
        "--table {}: expected payments, claims, lines, adjustments, diagnoses or all", table));
  if (out_dir.empty() && table == "all")
    return usage("--table all needs --out-dir");
  if (!out_dir.empty() && output != "-")
    return usage("-o and --out-dir cannot be used together");

  finding_printer printer(report_format::text, stderr);
  auto sink = [&](finding &&f) { printer(std::move(f)); };
  int rc = clean;
  auto open = [&](const std::string &path) -> std::optional<input_buffer> {
    try {
      return input_buffer::open(path);
    } catch (const x12::error &e) {
      print_error("convert", e);
      rc = trouble;
      return std::nullopt;
    }
  };
  try {
    std::vector<std::string> paths = inputs_or_stdin(files);
    std::size_t next = 0;
    std::optional<input_buffer> first;
    while (!first && next < paths.size())
      first = open(paths[next++]);
    family kind = family_for(table, first ? &*first : nullptr);

    if (!out_dir.empty())
      std::filesystem::create_directories(out_dir);
    std::vector<std::unique_ptr<output_file>> outs;
    auto add_output = [&](std::string_view name) {
      outs.push_back(std::make_unique<output_file>(table_path(output, out_dir, name)));
      return outs.back().get();
    };
    std::optional<remittance_csv> remittances;
    std::optional<claim_tables_csv> claims;
    if (kind == family::remittance) {
      remittance_outputs where;
      for (remittance_table t : all_remittance_tables) {
        if (table != "all" && table != name_of(t))
          continue;
        (t == remittance_table::payments      ? where.payments
         : t == remittance_table::claims      ? where.claims
         : t == remittance_table::lines       ? where.lines
                                              : where.adjustments) = add_output(name_of(t));
      }
      remittances.emplace(where);
    } else {
      claim_outputs where;
      for (claim_table t : all_claim_tables) {
        if (table != "all" && table != name_of(t))
          continue;
        (t == claim_table::claims  ? where.claims
         : t == claim_table::lines ? where.lines
                                   : where.diagnoses) = add_output(name_of(t));
      }
      claims.emplace(where);
    }

    auto convert = [&](input_buffer &in) {
      skipped_sets skipped;
      try {
        skipped = remittances ? read_remittances(in, remittances->callbacks(), sink).skipped
                              : read_claims(in, claims->callbacks(), sink).skipped;
      } catch (const x12::error &e) {
        print_error("convert", e);
        rc = trouble;
        return;
      }
      if (skipped.count > 0) {
        report_skipped(prog, in.name(), skipped, remittances ? "835" : "837");
        if (rc == clean)
          rc = findings;
      }
    };
    if (first)
      convert(*first);
    while (next < paths.size())
      if (std::optional<input_buffer> in = open(paths[next++]))
        convert(*in);
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
