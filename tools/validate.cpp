// x12 validate: SNIP 1-5 validation against the guide schemas (their rules
// included), trading-partner rule packs (SNIP 7), with 999 or TA1
// acknowledgments.

#include <fmt/format.h>
#include <memory>
#include <optional>

#include "common/check_list.h"
#include "common/cli.h"
#include "common/checks.h"
#include "common/commands.h"
#include "x12/ack.h"
#include "x12/validate.h"

namespace x12::cli {
namespace {

enum class ack_kind { none, ack999, ta1 };

// Prints findings as they come, up to a limit, and counts them per file.
class report_printer : public validation_observer {
public:
  report_printer(report_format format, std::uint64_t limit) : printer_(format, stdout), limit_(limit) {}
  void on_finding(const finding &f) override {
    f.level == severity::error ? ++errors_ : f.level == severity::warning ? ++warnings_ : 0;
    if (limit_ && shown_ >= limit_)
      return;
    ++shown_;
    printer_(finding(f));
  }
  void on_transaction_end(const transaction_header &, std::uint64_t) override { ++transactions_; }
  std::uint64_t errors() const { return errors_; }
  std::uint64_t warnings() const { return warnings_; }
  std::uint64_t transactions() const { return transactions_; }
  std::uint64_t hidden() const { return errors_ + warnings_ - std::min(shown_, errors_ + warnings_); }
  void reset() { errors_ = warnings_ = transactions_ = 0; }

private:
  finding_printer printer_;
  std::uint64_t limit_;
  std::uint64_t shown_ = 0;
  std::uint64_t errors_ = 0, warnings_ = 0, transactions_ = 0;
};

// --format: text or jsonl for findings; csv and man too for --list-checks.
void add_validate_format_option(CLI::App &app, std::string &format) {
  app.add_option("--format", format,
                 "report format: text (default) or jsonl, one JSON object per line; csv and "
                 "man with --list-checks")
      ->type_name("FORMAT")
      ->check(CLI::Validator(
          [](std::string &v) -> std::string {
            return v == "text" || v == "jsonl" || v == "csv" || v == "man"
                       ? ""
                       : "'" + v + "' is not text, jsonl, csv or man";
          },
          ""));
}

check_list_format list_format(const std::string &format) {
  return format == "jsonl" ? check_list_format::jsonl
         : format == "csv" ? check_list_format::csv
         : format == "man" ? check_list_format::man
                           : check_list_format::text;
}

} // namespace

int validate_main(int argc, char **argv) {
  CLI::App app{"Validate X12 files against the HIPAA 5010 implementation guides: envelopes and "
               "syntax (SNIP 1), guide requirements (SNIP 2), balancing (SNIP 3), situational rules "
               "(SNIP 4), code sets (SNIP 5) and trading-partner rules (SNIP 7, --rules). Findings "
               "go to stdout; the exit status is 1 when any is an error.",
               argv[0]};
  std::vector<std::string> files;
  std::string format_name = "text";
  std::optional<std::string> guide, now;
  std::string ack_out;
  ack_kind ack = ack_kind::none;
  std::uint64_t max_findings = 0, control_number = 1;
  bool show_phi = false, list_checks = false, ack_redact = false;
  app.add_option("FILE", files, "X12 files; '-' or none reads stdin");
  add_validate_format_option(app, format_name);
  app.add_option("--guide", guide, "read every transaction with this guide (e.g. 005010X222A1)");
  check_flags checks;
  add_check_options(app, checks);
  std::string ack_name;
  app.add_option("--ack", ack_name, "write an acknowledgment: 999 or ta1")
      ->check(CLI::IsMember({"999", "ta1"}));
  app.add_option("--ack-out", ack_out, "where the acknowledgment goes ('-' for stdout)");
  app.add_flag("--ack-redact", ack_redact,
               "leave IK404, the copy of a bad value (may be patient data), out of the 999");
  app.add_option("--max-findings", max_findings, "print at most N findings (0: all)")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{1} << 40));
  app.add_flag("--show-phi", show_phi, "quote element values (may be patient data) in messages");
  app.add_option("--now", now, "date and time for the acknowledgment envelope (2026-01-31T13:45)");
  app.add_option("--control-number", control_number, "first control number of the acknowledgment")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{999999999}))
      ->default_val(1);
  app.add_flag("--list-checks", list_checks,
               "print every finding code with its 999, TA1 and 277CA codes, and exit (man "
               "x12-findings.7)");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;
  if (list_checks) {
    print_check_list(list_format(format_name), stdout);
    return clean;
  }
  if (format_name == "csv" || format_name == "man") {
    fmt::print(stderr, "{}: --format {} goes with --list-checks\n", app.get_name(), format_name);
    return trouble;
  }
  const report_format format = format_name == "jsonl" ? report_format::jsonl : report_format::text;
  if (!ack_name.empty())
    ack = ack_name == "999" ? ack_kind::ack999 : ack_kind::ta1;
  if ((ack != ack_kind::none) != !ack_out.empty()) {
    fmt::print(stderr, "{}: --ack and --ack-out go together\n", app.get_name());
    return trouble;
  }
  if (ack_redact && ack != ack_kind::ack999) {
    fmt::print(stderr, "{}: --ack-redact is for --ack 999 (a TA1 copies no values)\n",
               app.get_name());
    return trouble;
  }

  try {
    check_setup setup(checks);
    envelope_settings settings;
    settings.now = envelope_settings::resolve_now(now);
    settings.next_control_number = control_number;

    std::unique_ptr<output_file> ack_file;
    std::unique_ptr<writer> ack_writer;
    std::unique_ptr<validation_observer> ack_builder;
    if (ack != ack_kind::none) {
      ack_file = std::make_unique<output_file>(ack_out);
      ack_writer = std::make_unique<writer>(*ack_file, delimiters{}, "\n");
      if (ack == ack_kind::ack999)
        ack_builder = std::make_unique<ack_999_builder>(*ack_writer, settings, ack_redact);
      else
        ack_builder = std::make_unique<ta1_builder>(*ack_writer, settings);
    }

    report_printer printer(format, max_findings);
    observer_list observers;
    observers.add(printer);
    if (ack_builder)
      observers.add(*ack_builder);
    validation_options options;
    options.guide = guide;
    options.show_phi = show_phi;
    options.codes = setup.codes_used();
    options.partner = setup.partner_used();
    validator v(setup.schemas, options, observers);

    int rc = clean;
    for (const std::string &path : inputs_or_stdin(files)) {
      try {
        input_buffer in = input_buffer::open(path);
        printer.reset();
        v.run(in);
        if (format == report_format::text)
          print_to(stdout, "{}: {}, {}, {}: {}\n", in.name(), plural(printer.transactions(), "transaction"),
                     plural(printer.errors(), "error"), plural(printer.warnings(), "warning"),
                     printer.errors() ? "invalid" : "valid");
        if (printer.errors() && rc == clean)
          rc = findings;
      } catch (const x12::error &e) {
        if (ack_file && ack_file->failed())
          throw; // the acknowledgment is lost: no later input can mend it
        print_error("validate", e);
        rc = trouble;
      }
    }
    if (printer.hidden())
      fmt::print(stderr, "{}: {} more findings not shown (--max-findings)\n", app.get_name(),
                 printer.hidden());
    if (ack_file)
      ack_file->commit();
    return rc;
  } catch (const std::exception &e) {
    print_error("validate", e);
    return trouble;
  }
}

} // namespace x12::cli
