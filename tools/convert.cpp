// x12 convert: 835 remittances, 837 claims, 271 eligibility responses and
// 277 claim statuses as CSV tables (payments, claims, lines, adjustments;
// claims, lines, diagnoses; benefits; statuses), one table to stdout or -o,
// or all of them into a folder.

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <vector>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/claim_document.h"
#include "x12/claim_tables_csv.h"
#include "x12/codes.h"
#include "x12/eligibility_tables_csv.h"
#include "x12/error.h"
#include "x12/input_format.h"
#include "x12/json.h"
#include "x12/output_folder.h"
#include "x12/peek.h"
#include "x12/remittance_csv.h"
#include "x12/roster.h"
#include "x12/schema.h"
#include "x12/status_tables_csv.h"

namespace x12::cli {
namespace {

// Which tables are written: one kind per run, for every input.
enum class family { remittance, claims, eligibility, status };

// For messages: "835 remittance" tables ...
std::string_view family_name(family kind) {
  switch (kind) {
  case family::remittance:
    return "835 remittance";
  case family::claims:
    return "837 claim";
  case family::eligibility:
    return "271 eligibility";
  case family::status:
    return "277 claim status";
  }
  return {};
}

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
// set of the first input that opens, among the families that have the
// table (claims and lines: 835 or 837; all: any); else the 835.
family family_for(std::string_view table, input_buffer *first) {
  if (eligibility_table_named(table))
    return family::eligibility;
  if (status_table_named(table))
    return family::status;
  if (!claim_table_named(table) && table != "all")
    return family::remittance;
  if (!remittance_table_named(table) && table != "all")
    return family::claims;
  std::string set = first ? first_transaction_set(*first) : std::string();
  if (table == "all" && set == "271")
    return family::eligibility;
  if (table == "all" && set == "277")
    return family::status;
  return set == "837" ? family::claims : family::remittance;
}

// <table>.csv, for a table convert writes.
bool is_table_file(std::string_view name) {
  auto is = [&](std::string_view table) { return name == std::string(table) + ".csv"; };
  return std::any_of(std::begin(all_remittance_tables), std::end(all_remittance_tables),
                     [&](remittance_table t) { return is(name_of(t)); }) ||
         std::any_of(std::begin(all_claim_tables), std::end(all_claim_tables),
                     [&](claim_table t) { return is(name_of(t)); }) ||
         is(name_of(eligibility_table::benefits)) || is(name_of(status_table::statuses));
}

// --force: the tables of an earlier run that this one did not write go,
// so the folder holds one run's set of tables; other files stay.
void remove_earlier_tables(const std::string &out_dir, const std::vector<std::string> &earlier,
                           const std::vector<std::unique_ptr<output_file>> &outs) {
  for (const std::string &name : earlier) {
    std::filesystem::path path = std::filesystem::path(out_dir) / name;
    if (!is_table_file(name) || std::any_of(outs.begin(), outs.end(), [&](const auto &o) {
          return std::filesystem::path(o->path()) == path;
        }))
      continue;
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (ec)
      throw error("cannot remove an earlier table: " + ec.message(), {path.string()});
  }
}

std::string table_path(const std::string &output, const std::string &out_dir,
                       std::string_view name) {
  return out_dir.empty() ? output
                         : (std::filesystem::path(out_dir) / (std::string(name) + ".csv")).string();
}


// After a reader failed: when the input looks like another --from format,
// says which, since "unknown key" alone does not tell a claim document given
// to --from json what went wrong.
void suggest_format(const std::string &prog, const std::string &file, std::string_view tried,
                    std::string_view looks) {
  if (looks.empty() || looks == tried)
    return;
  if (looks == "x12") {
    fmt::print(stderr, "{}: {}: this looks like an X12 interchange, which --from x12 (the "
                       "default) reads --to json, csv, text or html\n",
               prog, file);
    return;
  }
  std::string_view what = looks == "json"          ? "a loop-tree JSON document (--to json)"
                          : looks == "claims-json" ? "a claims-JSON document"
                                                   : "a member roster CSV";
  fmt::print(stderr, "{}: {}: this looks like {}; try --from {}\n", prog, file, what, looks);
}

} // namespace

namespace {

// --from claims-json and roster-csv: business data in, one interchange out.
// The input is a document, read whole and checked before the output opens,
// so bad input leaves no file behind.
int generate_x12(const std::string &prog, const std::string &from, const std::string &to,
                 const std::vector<std::string> &files, const std::string &output,
                 const roster_options &roster, bool roster_flags, std::uint64_t control_number) {
  auto usage = [&](std::string_view message) {
    fmt::print(stderr, "{}: {}\n", prog, message);
    return int(trouble);
  };
  if (from != "claims-json" && from != "roster-csv")
    return usage(fmt::format("--from {}: expected x12, json, claims-json or roster-csv", from));
  if (to != "x12")
    return usage(fmt::format("--from {} converts --to x12", from));
  if (files.size() > 1)
    return usage(fmt::format("--from {} reads one file", from));
  if (from == "claims-json" && roster_flags)
    return usage("--sender, --receiver and --originator are for --from roster-csv; a claim "
                 "document names its sender and receiver");
  if (std::string why = roster_options_problem(roster); !why.empty())
    return usage(why);
  try {
    input_buffer in = input_buffer::open(files.empty() ? "-" : files[0]);
    while (in.more()) {
    }
    auto report = [&](const failure &f) {
      for (const std::string &problem : f.problems)
        fmt::print(stderr, "{}: {}: {}\n", prog, in.name(), problem);
      suggest_format(prog, in.name(), from, input_format_of(in.bytes()));
      return int(trouble);
    };
    envelope_settings settings{envelope_settings::resolve_now({}), control_number};
    if (from == "claims-json") {
      result<claim_document> doc = read_claim_document(in.bytes());
      if (!doc)
        return report(doc.error());
      output_file out(output);
      write_claim_document(*doc, out, settings);
      out.commit();
    } else {
      result<x12::roster> members = read_roster(in.bytes());
      if (!members)
        return report(members.error());
      output_file out(output);
      write_roster_270(*members, roster, out, settings);
      out.commit();
    }
  } catch (const std::exception &e) {
    print_error("convert", e);
    return trouble;
  }
  return clean;
}

} // namespace

namespace {

// --to json|jsonl and --from json --to x12: the loop tree both ways
// (x12/json.h). Every input goes to the one output; a JSON input that fails
// stops there and names the JSON path.
int convert_tree(const std::string &prog, const std::string &from, const std::string &to,
                 const std::vector<std::string> &files, const std::string &output, bool recount) {
  auto usage = [&](std::string_view message) {
    fmt::print(stderr, "{}: {}\n", prog, message);
    return int(trouble);
  };
  const bool to_json = to == "json" || to == "jsonl";
  if (to_json && from != "x12")
    return usage(fmt::format("--to {} reads X12, not {}", to, from));
  if (!to_json && to != "x12")
    return usage(fmt::format("--from json converts --to x12, not {}", to));
  if (recount && to_json)
    return usage("--recount is for --to x12");
  finding_printer printer(report_format::text, stderr);
  auto sink = [&](finding &&f) { printer(std::move(f)); };
  int rc = clean;
  try {
    std::optional<schema_set> schemas;
    if (to_json)
      schemas = schema_set::load();
    output_file out(output);
    for (const std::string &path : inputs_or_stdin(files)) {
      std::optional<input_buffer> in;
      try {
        in = input_buffer::open(path);
      } catch (const x12::error &e) {
        print_error("convert", e);
        rc = trouble;
        continue;
      }
      const bool json_in = looks_like_json(*in);
      const std::string_view looks = input_format_of(*in);
      if (to_json && json_in) {
        rc = usage(fmt::format("{}: the input is JSON; --to x12 converts it back", in->name()));
      } else if (to_json) {
        x12_to_json(*in, out, *schemas, to == "json" ? json_shape::document : json_shape::jsonl,
                    sink);
      } else if (from == "x12" && !json_in) {
        rc = usage(fmt::format("{}: --to x12 reads JSON (--from json) and this input is not",
                               in->name()));
        suggest_format(prog, in->name(), from, looks);
      } else if (auto r = json_to_x12(*in, out, {.recount = recount}); !r) {
        rc = usage(fmt::format("{}: {}", in->name(), r.error().message()));
        suggest_format(prog, in->name(), "json", looks);
        break;
      }
    }
    // As with the tables, what already reached stdout stays there.
    if (rc != trouble || output == "-")
      out.commit();
  } catch (const std::exception &e) {
    print_error("convert", e);
    return trouble;
  }
  if (rc == clean && printer.errors() > 0)
    rc = findings;
  return rc;
}

} // namespace

int convert_main(int argc, char **argv) {
  CLI::App app{"Convert 835 remittances (payments, claims, lines, adjustments), 837 claims "
               "(claims, lines, diagnoses), 271 eligibility responses (benefits) or 277 claim "
               "statuses (statuses) to CSV tables (RFC 4180, header row); --table all "
               "writes every table into --out-dir in one pass. --to json or jsonl writes any X12 as a "
               "loop tree named by the guide; --to x12 turns that JSON back into the same bytes. "
               "--from claims-json or roster-csv writes an 837 or a 270 from business data.",
               argv[0]};
  std::vector<std::string> files;
  std::string to, table, output = "-", out_dir, codes_dir;
  app.add_option("FILE", files, "835, 837, 271 or 277 files; '-' or none reads stdin");
  app.add_option("--to", to, "output format: csv, json, jsonl, text or html (a readable view, "
                             "as x12 view); x12 with --from")
      ->required();
  std::string color = "auto";
  add_color_option(app, color);
  app.add_option("--table", table, "835: payments, claims, lines, adjustments; 837: claims, "
                                   "lines, diagnoses; 271: benefits; 277: statuses; or all");
  app.add_option("-o,--output", output, "output file for one table, written atomically; "
                                        "'-' is stdout")
      ->default_str("-");
  app.add_option("--out-dir", out_dir, "folder for <table>.csv files, each written atomically");
  bool force = false;
  app.add_flag("--force", force, "--out-dir: write into a folder that already holds files, "
                                 "replacing an earlier run's tables and removing those this run "
                                 "does not write");
  app.add_option("--codes", codes_dir, "directory of code tables (CSV) that add to or replace "
                 "the shipped ones; their descriptions fill the description columns");
  std::string from = "x12";
  roster_options roster;
  std::uint64_t control_number = 1;
  bool recount = false;
  app.add_flag("--recount", recount, "--from json: write the SE01, GE01 and IEA01 counts, not "
                                     "the JSON's");
  app.add_option("--from", from, "input format: x12; json (what --to json writes; inferred "
                                 "for --to x12); or generate X12 from claims-json (an "
                                 "837P, 837I or 837D claim document) or roster-csv (a member "
                                 "roster, as a 270 inquiry): see GENERATION in x12-convert(1)")
      ->default_str("x12");
  auto *sender = app.add_option("--sender", roster.sender, "roster-csv: sender ID (ISA06, GS02)")
                     ->default_str(roster.sender);
  auto *receiver = app.add_option("--receiver", roster.receiver,
                                  "roster-csv: receiver ID (ISA08, GS03)")
                       ->default_str(roster.receiver);
  auto *originator = app.add_option("--originator", roster.originator,
                                    "roster-csv: TRN03, 1 and an EIN or 9 and your own 9 "
                                    "characters (default: 9 and the sender ID)");
  app.add_option("--control-number", control_number,
                 "generation: the interchange control number (ISA13)")
      ->check(CLI::Range(std::uint64_t(1), std::uint64_t(999999999)))
      ->default_str("1");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;
  // Options that mean nothing to a conversion are said, not ignored: the
  // table options are for CSV, and --codes for CSV and the view.
  const bool view = from == "x12" && (to == "text" || to == "html");
  if (to != "csv" && (!table.empty() || !out_dir.empty() || (!view && !codes_dir.empty()))) {
    fmt::print(stderr, "{}: --table and --out-dir are for --to csv, --codes for csv, text and "
                       "html\n",
               argv[0]);
    return trouble;
  }
  if (force && out_dir.empty()) {
    fmt::print(stderr, "{}: --force is for --out-dir\n", argv[0]);
    return trouble;
  }
  if (view) {
    view_request view;
    view.files = files;
    view.html = to == "html";
    view.color = color;
    view.output = output;
    view.codes_dir = codes_dir;
    return run_view("convert", view);
  }
  if (from == "json" || to == "json" || to == "jsonl" || (from == "x12" && to == "x12"))
    return convert_tree(argv[0], from, to, files, output, recount);
  if (from != "x12")
    return generate_x12(argv[0], from, to, files, output, roster,
                        sender->count() + receiver->count() + originator->count() > 0,
                        control_number);
  if (table.empty()) {
    fmt::print(stderr, "{}: --table is required\n", argv[0]);
    return trouble;
  }

  std::string prog = argv[0];
  auto usage = [&](std::string_view message) {
    fmt::print(stderr, "{}: {}\n", prog, message);
    return int(trouble);
  };
  if (to != "csv")
    return usage(fmt::format("--to {}: expected csv, json, jsonl, text or html (x12 with --from)",
                             to));
  if (table != "all" && !remittance_table_named(table) && !claim_table_named(table) &&
      !eligibility_table_named(table) && !status_table_named(table))
    return usage(fmt::format("--table {}: expected payments, claims, lines, adjustments, "
                             "diagnoses, benefits, statuses or all",
                             table));
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
    code_set codes;
    codes.add_shipped(schema_set::load().directory());
    if (!codes_dir.empty())
      codes.add_directory(codes_dir);

    // Tables an earlier run left would be read as this run's (an 835's
    // payments.csv beside an 837's claims.csv).
    std::vector<std::string> earlier;
    if (!out_dir.empty()) {
      earlier = folder_entries(out_dir);
      if (!force)
        refuse_used_folder(out_dir, earlier,
                           "tables left from an earlier run would be read as this run's",
                           "replace an earlier run's tables");
      std::filesystem::create_directories(out_dir);
    }
    std::vector<std::unique_ptr<output_file>> outs;
    auto add_output = [&](std::string_view name) {
      outs.push_back(std::make_unique<output_file>(table_path(output, out_dir, name)));
      return outs.back().get();
    };
    std::optional<remittance_csv> remittances;
    std::optional<claim_tables_csv> claims;
    std::optional<eligibility_csv> eligibility;
    std::optional<status_tables_csv> statuses;
    if (kind == family::eligibility) {
      eligibility.emplace(eligibility_outputs{.benefits = add_output("benefits")});
    } else if (kind == family::status) {
      statuses.emplace(status_outputs{.statuses = add_output("statuses")}, &codes);
    } else if (kind == family::remittance) {
      remittance_outputs where;
      for (remittance_table t : all_remittance_tables) {
        if (table != "all" && table != name_of(t))
          continue;
        (t == remittance_table::payments      ? where.payments
         : t == remittance_table::claims      ? where.claims
         : t == remittance_table::lines       ? where.lines
                                              : where.adjustments) = add_output(name_of(t));
      }
      remittances.emplace(where, &codes);
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
        skipped = remittances   ? read_remittances(in, remittances->callbacks(), sink).skipped
                  : claims      ? read_claims(in, claims->callbacks(), sink).skipped
                  : eligibility ? read_eligibility(in, eligibility->callbacks(), sink).skipped
                                : read_statuses(in, statuses->callbacks(), sink).skipped;
      } catch (const x12::error &e) {
        for (auto &o : outs)
          if (o->failed())
            throw; // a table is lost: no later input can mend it
        print_error("convert", e);
        rc = trouble;
        return;
      }
      if (skipped.count > 0) {
        report_skipped(prog, in.name(), skipped, family_name(kind));
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
    if (rc != trouble)
      remove_earlier_tables(out_dir, earlier, outs);
  } catch (const std::exception &e) {
    print_error("convert", e);
    return trouble;
  }
  if (rc == clean && printer.errors() > 0)
    rc = findings;
  return rc;
}

} // namespace x12::cli
