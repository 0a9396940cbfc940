#include "common/cli.h"

#include <boost/json.hpp>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <iostream>

#include "x12/error.h"

namespace x12::cli {

std::string program(const std::string &verb) { return "x12 " + verb; }

std::string plural(std::uint64_t n, const char *word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

int parse(CLI::App &app, int argc, char **argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp &e) {
    app.exit(e);
    return clean;
  } catch (const CLI::CallForAllHelp &e) {
    app.exit(e);
    return clean;
  } catch (const CLI::CallForVersion &e) {
    app.exit(e);
    return clean;
  } catch (const CLI::ParseError &e) {
    fmt::print(stderr, "{}: {}\nRun '{} --help' for usage.\n", app.get_name(), e.what(),
               app.get_name());
    return trouble;
  }
  return -1;
}

std::vector<std::string> inputs_or_stdin(const std::vector<std::string> &files) {
  if (files.empty())
    return {"-"};
  return files;
}

void add_format_option(CLI::App &app, report_format &format) {
  // A string option with our own check: CLI11's enum transformer prints its
  // internal mapping in --help and in the error message.
  app.add_option_function<std::string>(
         "--format",
         [&format](const std::string &v) {
           format = v == "jsonl" ? report_format::jsonl : report_format::text;
         },
         "report format: text (default) or jsonl, one JSON object per line")
      ->type_name("FORMAT")
      ->check(CLI::Validator(
          [](std::string &v) -> std::string {
            return v == "text" || v == "jsonl" ? "" : "'" + v + "' is not text or jsonl";
          },
          ""));
}

finding_printer::finding_printer(report_format format, std::FILE *to)
    : format_(format), to_(to) {}

std::string to_json(const finding &f) {
  boost::json::object o;
  o["file"] = f.where.file;
  o["severity"] = std::string(to_string(f.level));
  o["snip"] = f.snip;
  o["code"] = f.code;
  o["message"] = f.message;
  o["offset"] = f.where.offset;
  o["segment"] = f.where.segment;
  o["segment_id"] = f.where.segment_id;
  o["loop"] = f.where.loop;
  o["element"] = f.where.element ? element_ref(f.where.segment_id, f.where.element,
                                               f.where.component)
                                 : std::string();
  o["claim"] = f.claim;
  if (f.claim_index) {
    o["claim_index"] = f.claim_index;
    o["claim_offset"] = f.claim_offset;
  } else {
    o["claim_index"] = nullptr;
    o["claim_offset"] = nullptr;
  }
  o["transaction"] = f.transaction;
  o["guide"] = f.guide;
  if (!f.ta1_note.empty())
    o["ta1_note"] = f.ta1_note;
  if (f.count > 1) {
    o["count"] = f.count;
    o["end_offset"] = f.where.end_offset;
  }
  return boost::json::serialize(o);
}

void finding_printer::operator()(finding &&f) {
  if (f.level == severity::error)
    ++errors_;
  else if (f.level == severity::warning)
    ++warnings_;
  if (format_ == report_format::jsonl) {
    print_to(to_, "{}\n", to_json(f));
    return;
  }
  std::string where;
  if (!f.where.loop.empty())
    where = f.where.loop;
  if (f.where.element) {
    if (!where.empty())
      where += ' ';
    where += element_ref(f.where.segment_id, f.where.element, f.where.component);
  }
  // The code last, as compilers put a warning's flag: a script can pick it
  // out (or grep -v it), and the editor's file:line: parse is unchanged.
  print_to(to_, "{}:{}:{}: {}: {}{}{}\n", f.where.file, f.where.segment, f.where.offset,
             to_string(f.level), where.empty() ? "" : "[" + where + "] ", f.message,
             f.code.empty() ? "" : " [" + f.code + "]");
}

void print_error(const std::string &verb, const std::exception &e) {
  if (auto *x = dynamic_cast<const x12::error *>(&e); x && !x->position().file.empty()) {
    const error_position &p = x->position();
    if (p.line)
      fmt::print(stderr, "{}: {}:{}:{}: {}\n", program(verb), p.file, p.line, p.column, e.what());
    else
      fmt::print(stderr, "{}: {}: {}\n", program(verb), p.file, e.what());
    return;
  }
  fmt::print(stderr, "{}: {}\n", program(verb), e.what());
}

int finish_stdout(const std::string &prog, int rc) {
  // CLI11 prints --help through std::cout, whose flush is stdout's.
  errno = 0;
  std::cout.flush();
  if (std::fflush(stdout) == 0 && !std::ferror(stdout))
    return rc;
  // stdio keeps what it could not write and fflush tries it again, so errno
  // is the reason; EIO stands in should the error have been a passing one.
  int reason = errno ? errno : EIO;
  fmt::print(stderr, "{}: cannot write standard output: {}\n", prog, std::strerror(reason));
  return trouble;
}

} // namespace x12::cli
