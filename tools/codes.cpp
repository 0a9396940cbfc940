// x12 codes: the code tables SNIP 5 checks against, and lookups in them.

#include <boost/json.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/code_import.h"
#include "x12/codes.h"
#include "x12/finding_codes.h"
#include "x12/schema.h"

namespace x12::cli {
namespace {

// Lists with a format check and no table, and what a value passing it is.
const char *built_in(std::string_view list) {
  return list == "npi"     ? "a valid NPI"
         : list == "hcpcs" ? "shaped like a HCPCS or CPT procedure code"
         : list == "state" ? "a US state, territory or Canadian province code"
                           : nullptr;
}

void list_tables(const code_set &codes, report_format format) {
  for (const std::string &name : codes.names()) {
    const code_table &t = *codes.table(name);
    if (format == report_format::jsonl) {
      boost::json::object o;
      o["table"] = t.name;
      o["title"] = t.title;
      o["rows"] = t.size();
      o["vintage"] = t.vintage;
      o["effective"] = t.effective;
      o["termination"] = t.termination;
      o["descriptions"] = t.has_descriptions();
      o["source"] = t.source;
      o["file"] = t.file;
      print_to(stdout, "{}\n", boost::json::serialize(o));
    } else {
      print_to(stdout, "{:<24} {:>7} rows  {:<14} {}\n", t.name, t.size(),
                 t.vintage.empty() ? "-" : t.vintage, t.file);
    }
  }
}

// The days a code of `t` is in effect when they are its own, not the
// table's: "2025-10-01 to 2026-09-30", one span per row of the code.
std::vector<std::pair<std::string, std::string>> spans_of(const code_table &t,
                                                          std::string_view code) {
  std::vector<std::pair<std::string, std::string>> spans;
  const code_row *row = t.find(code);
  if (!row)
    return spans;
  const code_row *end = t.rows().data() + t.rows().size();
  for (; row != end && row->code == code; ++row)
    if (!row->effective.empty() || !row->termination.empty())
      spans.emplace_back(row->effective.empty() ? t.effective : row->effective,
                         row->termination.empty() ? t.termination : row->termination);
  return spans;
}

// Exit 0 when the code is on the list (on `day`, when given), 1 when not.
int lookup(const code_set &codes, const std::string &list, const std::string &code,
           const std::string &day, report_format format) {
  const code_table *t = codes.table(list);
  std::optional<code_finding> problem =
      check_code(codes, t ? t->name : list, code, {}, {}, true, day);
  if (!problem && t && !day.empty() && !t->covers(day))
    problem = code_finding{find_finding_code("code-table-not-in-effect"),
                           fmt::format("the {} list{} is not in effect on {}: it covers {} to {}",
                                       t->title, t->vintage.empty() ? "" : " (" + t->vintage + ")",
                                       day, t->effective, t->termination)};
  const code_row *row = t && !problem ? (day.empty() ? t->find(code) : t->find(code, day)) : nullptr;
  std::string description = row ? row->description : std::string();
  std::vector<std::pair<std::string, std::string>> spans;
  if (t && !problem)
    spans = spans_of(*t, code);
  if (format == report_format::jsonl) {
    boost::json::object o;
    o["table"] = t ? t->name : list;
    o["code"] = code;
    o["found"] = !problem;
    if (t)
      o["vintage"] = t->vintage;
    if (!description.empty())
      o["description"] = description;
    if (!spans.empty()) {
      boost::json::array a;
      for (const auto &[from, to] : spans)
        a.push_back(boost::json::object{{"from", from}, {"to", to}});
      o["in_effect"] = std::move(a);
    }
    if (problem) {
      o["finding"] = problem->code->code;
      o["message"] = problem->message;
    }
    print_to(stdout, "{}\n", boost::json::serialize(o));
  } else if (problem) {
    print_to(stdout, "{}\n", problem->message);
  } else {
    std::string on = t ? fmt::format("the {} list{}", t->title,
                                     t->vintage.empty() ? "" : " (" + t->vintage + ")")
                       : std::string(built_in(list));
    std::string when;
    for (const auto &[from, to] : spans)
      when += (when.empty() ? ", in effect " : " and ") + from + " to " + to;
    print_to(stdout, "'{}' is {}{}{}\n", code, t ? "in " + on : on, when,
             description.empty() ? "" : ": " + description);
  }
  return problem ? findings : clean;
}

bool is_date(std::string_view d) {
  return d.size() == 10 && d[4] == '-' && d[7] == '-' &&
         std::all_of(d.begin(), d.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
}

// The fiscal year a CCYY-MM-DD day falls in: October starts the next one.
unsigned fiscal_year_of(std::string_view day) {
  unsigned year = static_cast<unsigned>(std::stoul(std::string(day.substr(0, 4))));
  return day.substr(5, 2) >= "10" ? year + 1 : year;
}

// x12 codes import icd10cm FILE...: the billable codes of the order files
// of consecutive fiscal years as one table, each code dated by the years it
// is in; several files are dated by the years in their names.
int import_icd10cm_years(const std::vector<std::string> &files, const std::string &dir,
                         const std::string &verb) {
  std::vector<std::pair<unsigned, std::string>> by_year;
  for (const std::string &f : files) {
    if (unsigned year = fiscal_year_in_name(f))
      by_year.emplace_back(year, f);
    else {
      fmt::print(stderr, "{}: {}: no fiscal year in the file name; several files are dated by "
                         "theirs\n",
                 verb, f);
      return trouble;
    }
  }
  std::sort(by_year.begin(), by_year.end());
  std::vector<std::pair<unsigned, std::vector<std::string>>> years;
  std::string names;
  for (const auto &[year, f] : by_year) {
    years.emplace_back(year, read_icd10cm_order(f));
    names += (names.empty() ? "" : ", ") + std::filesystem::path(f).filename().string();
  }
  std::vector<code_row> rows = icd10cm_years(years);
  code_table_source source = icd10cm_fiscal_years(by_year.front().first, by_year.back().first);
  source.source = "CMS/NCHS " + names + " (valid flag 1 rows), by x12 codes import";
  write_code_table(dir, "icd10cm", rows, source);
  std::size_t dated = std::count_if(rows.begin(), rows.end(),
                                    [](const code_row &r) { return !r.effective.empty(); });
  print_to(stdout, "{}/icd10cm.csv: {} rows, {} of them dated (codes not in every year), {} {} "
                   "to {}\n",
           dir, rows.size(), dated, source.vintage, source.effective, source.termination);
  return clean;
}

// x12 codes import icd10cm FILE: the order file's billable codes as a table
// in `dir`, dated by --from and --to or the fiscal year in the file's name.
int import_icd10cm(const std::string &file, const std::string &dir, std::string from,
                   std::string to, const std::string &verb) {
  for (const std::string *d : {&from, &to})
    if (!d->empty() && !is_date(*d)) {
      fmt::print(stderr, "{}: '{}' is not a CCYY-MM-DD date\n", verb, *d);
      return trouble;
    }
  unsigned year = !to.empty()     ? fiscal_year_of(to)
                  : !from.empty() ? fiscal_year_of(from)
                                  : fiscal_year_in_name(file);
  if (!year) {
    fmt::print(stderr, "{}: {}: no fiscal year in the file name; give --from and --to\n", verb,
               file);
    return trouble;
  }
  code_table_source source = icd10cm_fiscal_year(year);
  if (!from.empty())
    source.effective = from;
  if (!to.empty())
    source.termination = to;
  if (source.termination < source.effective) {
    fmt::print(stderr, "{}: --to {} is before --from {}\n", verb, source.termination,
               source.effective);
    return trouble;
  }
  source.source = "CMS/NCHS " + std::filesystem::path(file).filename().string() +
                  " (valid flag 1 rows), by x12 codes import";
  std::vector<std::string> codes = read_icd10cm_order(file);
  write_code_table(dir, "icd10cm", rows_of(codes), source);
  print_to(stdout, "{}/icd10cm.csv: {} billable codes, {} {} to {}\n", dir, codes.size(),
             source.vintage, source.effective, source.termination);
  return clean;
}

} // namespace

int codes_main(int argc, char **argv) {
  CLI::App app{"List the code tables used by SNIP 5 validation (name, rows, vintage, file), "
               "look a code up in one, or import one from its publisher's file (import icd10cm "
               "FILE). Tables are CSV files; --codes adds or replaces them.",
               argv[0]};
  report_format format = report_format::text;
  std::string schemas_dir, codes_dir, list, code;
  bool no_shipped = false;
  add_format_option(app, format);
  app.add_option("--schemas", schemas_dir, "schema directory whose codes/ holds the shipped tables");
  app.add_option("--codes", codes_dir, "directory of code tables (CSV) that add to or replace "
                 "the shipped ones");
  app.add_flag("--no-shipped", no_shipped, "leave out the shipped tables");
  app.fallthrough();
  CLI::App *lookup_cmd = app.add_subcommand("lookup", "look CODE up in TABLE; exit 1 when absent");
  lookup_cmd->add_option("TABLE", list, "table name (icd10cm, pos, carc, ...) or npi, hcpcs, state")
      ->required();
  lookup_cmd->add_option("CODE", code, "the code, as X12 carries it (E119, not E11.9)")->required();
  std::string on_day;
  lookup_cmd->add_option("--on", on_day, "the date of service, CCYY-MM-DD: is the code in effect "
                                         "then");
  std::string import_table, from, to;
  std::vector<std::string> import_files;
  CLI::App *import_cmd = app.add_subcommand(
      "import", "make TABLE from its publisher's FILE, into the --codes folder (or --schemas's "
                "codes/)");
  import_cmd->add_option("TABLE", import_table, "the table to make: icd10cm")
      ->required()
      ->check(CLI::IsMember({"icd10cm"}));
  import_cmd->add_option("FILE", import_files,
                         "icd10cm: the CMS/NCHS order file, icd10cm_order_YYYY.txt; several, "
                         "of consecutive years, make one table that dates each code by the "
                         "years it is in")
      ->required();
  import_cmd->add_option("--from", from,
                         "first day the table is in effect, CCYY-MM-DD (default: 1 October "
                         "before the fiscal year in FILE's name)");
  import_cmd->add_option("--to", to,
                         "last day, CCYY-MM-DD (default: 30 September of that fiscal year)");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;

  if (*import_cmd) {
    // Never into the shipped schemas by default: the folder is the user's.
    if (codes_dir.empty() == schemas_dir.empty()) {
      fmt::print(stderr, "{}: import writes into one folder: give --codes DIR (read back by "
                         "--codes) or --schemas DIR (into its codes/)\n",
                 app.get_name());
      return trouble;
    }
    try {
      std::string dir = !codes_dir.empty()
                            ? codes_dir
                            : (std::filesystem::path(schemas_dir) / "codes").string();
      if (import_files.size() == 1)
        return import_icd10cm(import_files[0], dir, from, to, app.get_name());
      if (!from.empty() || !to.empty()) {
        fmt::print(stderr, "{}: --from and --to date one file; several are dated by the fiscal "
                           "years in their names\n",
                   app.get_name());
        return trouble;
      }
      return import_icd10cm_years(import_files, dir, app.get_name());
    } catch (const std::exception &e) {
      print_error("codes", e);
      return trouble;
    }
  }

  try {
    code_set codes;
    if (!no_shipped)
      codes.add_shipped(schema_set::load(schemas_dir).directory());
    if (!codes_dir.empty())
      codes.add_directory(codes_dir);
    if (!*lookup_cmd) {
      list_tables(codes, format);
      return clean;
    }
    if (!codes.table(list) && !built_in(list)) {
      fmt::print(stderr, "{}: no code table named '{}' (see `x12 codes`)\n", app.get_name(), list);
      return trouble;
    }
    if (!on_day.empty() && !is_date(on_day)) {
      fmt::print(stderr, "{}: --on {}: expected a CCYY-MM-DD date\n", app.get_name(), on_day);
      return trouble;
    }
    return lookup(codes, list, code, on_day, format);
  } catch (const std::exception &e) {
    print_error("codes", e);
    return trouble;
  }
}

} // namespace x12::cli
