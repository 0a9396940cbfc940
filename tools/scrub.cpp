// x12 scrub: pre-submission claim edits. Splits 837 files into the claims
// to send (--clean) and the ones to hold (--rejects), with a report of every
// verdict and every edit that fired; the count of claims is checked.

#include <boost/json.hpp>
#include <fmt/format.h>
#include <optional>

#include "common/cli.h"
#include "common/checks.h"
#include "common/commands.h"
#include "x12/ack_277ca.h"
#include "x12/age_sex.h"
#include "x12/coverage.h"
#include "x12/csv.h"
#include "x12/ncci.h"
#include "x12/finding_codes.h"
#include "x12/scrub.h"
#include "x12/scrub_config.h"

namespace x12::cli {
namespace {

enum class table_format { csv, jsonl };

// One report row: a claim's verdict (code empty) or an edit that fired.
struct report_row {
  std::string_view file, claim_id, payer_id, verdict, code, severity, line_number, procedure,
      message;
  std::optional<std::uint64_t> claim_index;
};

class report_writer {
public:
  report_writer(output_file &out, table_format format) : out_(out), format_(format) {
    if (format_ == table_format::csv)
      csv_.emplace(out_, std::initializer_list<std::string_view>{
                             "file", "claim_index", "claim_id", "payer_id", "verdict", "code",
                             "severity", "line_number", "procedure", "message"});
  }

  void row(const report_row &r) {
    if (csv_) {
      std::string index = r.claim_index ? std::to_string(*r.claim_index) : std::string();
      csv_->row({r.file, index, r.claim_id, r.payer_id, r.verdict, r.code, r.severity,
                 r.line_number, r.procedure, r.message});
      return;
    }
    boost::json::object o;
    o["file"] = r.file;
    if (r.claim_index)
      o["claim_index"] = *r.claim_index;
    else
      o["claim_index"] = nullptr;
    o["claim_id"] = r.claim_id;
    o["payer_id"] = r.payer_id;
    o["verdict"] = r.verdict;
    o["code"] = r.code;
    o["severity"] = r.severity;
    o["line_number"] = r.line_number;
    o["procedure"] = r.procedure;
    o["message"] = r.message;
    out_.write(boost::json::serialize(o));
    out_.put('\n');
  }

private:
  output_file &out_;
  table_format format_;
  std::optional<csv_writer> csv_;
};

} // namespace

int scrub_main(int argc, char **argv) {
  CLI::App app{"Split 837 claim files into the claims to send (--clean) and the ones to hold "
               "(--rejects): validation errors reject the claim they are in (or every claim "
               "under the loop they are in), and the claim edits add duplicate, timely-filing, "
               "future-date and zero-charge checks. Every claim ends in exactly one output; "
               "the exit status is 1 when any claim is rejected.",
               argv[0]};
  std::vector<std::string> files, ptp_files, mue_files, eligibility_files;
  std::string ack_path;
  bool ack_accepted = false;
  std::string clean_path, rejects_path, report_path, as_of,
      report_format_name = "csv";
  std::optional<std::string> now;
  std::uint64_t control_number = 1;
  unsigned filing_limit = 365;
  bool show_phi = false;
  app.add_option("FILE", files, "837 files; '-' or none reads stdin");
  app.add_option("--clean", clean_path, "where the clean claims go (an 837 interchange)")
      ->required();
  app.add_option("--rejects", rejects_path, "where the rejected claims go (an 837 interchange)")
      ->required();
  app.add_option("--report", report_path, "one row per claim verdict and per edit ('-': stdout)");
  app.add_option("--report-format", report_format_name, "csv (RFC 4180, default) or jsonl")
      ->check(CLI::IsMember({"csv", "jsonl"}));
  app.add_option("--ack-277ca", ack_path, "write a 277CA (005010X214) answering the claims "
                                          "('-': stdout)");
  app.add_flag("--ack-277ca-accepted", ack_accepted, "list the accepted claims in the 277CA too "
                                                   "(A2:20)");
  app.add_option("--as-of", as_of, "the date the date edits compare with (YYYY-MM-DD; default: "
                                   "each transaction's BHT04)");
  CLI::Option *filing_limit_option =
      app.add_option("--filing-limit", filing_limit, "days after the date of service a claim may "
                                                     "be filed (timely-filing; default 365)")
          ->check(CLI::Range(1u, 100000u));
  std::string config_path;
  app.add_option("--config", config_path, "payers' settings (YAML): edits to reject, warn or "
                                          "turn off and filing limits, for every claim or by "
                                          "payer; CONFIGURATION in x12-scrub(1)");
  app.add_option("--ptp", ptp_files, "CMS NCCI procedure-to-procedure edits as published (TXT or "
                                     "CSV); repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_option("--mue", mue_files, "CMS medically unlikely edits as published (CSV); repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  app.add_option("--eligibility", eligibility_files, "271 eligibility responses: a claim whose "
                                                     "patient they say is not covered on the "
                                                     "date of service is rejected; repeatable")
      ->type_name("FILE")
      ->allow_extra_args(false);
  std::string age_sex_file;
  app.add_option("--age-sex", age_sex_file, "a table of the ages and sex codes fit (CSV: code, "
                                            "list, sex, min_age, max_age): age-conflict and "
                                            "sex-conflict");
  check_flags checks;
  add_check_options(app, checks);
  app.add_option("--now", now, "date and time for the outputs' ISA and GS (2026-01-31T13:45; "
                              "default: the source's)");
  app.add_option("--control-number", control_number, "first control number of the outputs")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{999999999}))
      ->default_val(1);
  app.add_flag("--show-phi", show_phi, "quote element values and dates (may be patient data) in "
                                       "messages");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;
  if (ack_accepted && ack_path.empty()) {
    fmt::print(stderr, "{}: --ack-277ca-accepted needs --ack-277ca\n", app.get_name());
    return trouble;
  }
  if (clean_path == rejects_path) {
    fmt::print(stderr, "{}: --clean and --rejects name the same file\n", app.get_name());
    return trouble;
  }

  try {
    check_setup setup(checks);
    std::optional<scrub_config> config;
    if (!config_path.empty()) {
      config = load_scrub_config(config_path, [&](std::string_view code) {
        return find_finding_code(code) || setup.rule_ids.count(code);
      });
      if (config->all.filing_limit_days && filing_limit_option->count()) {
        fmt::print(stderr, "{}: --filing-limit and the config's filing_limit_days both set the "
                           "limit; keep one\n",
                   app.get_name());
        return trouble;
      }
    }
    ptp_table ptp;
    for (const std::string &f : ptp_files)
      ptp.add_file(f);
    ptp.seal();
    mue_table mue;
    for (const std::string &f : mue_files)
      mue.add_file(f);
    coverage_table coverage;
    for (const std::string &f : eligibility_files)
      coverage.add_file(f);
    age_sex_table age_sex;
    if (!age_sex_file.empty())
      age_sex.add_file(age_sex_file);
    envelope_settings settings;
    settings.now = envelope_settings::resolve_now(now);
    settings.next_control_number = control_number;

    scrub_options options;
    options.codes = setup.codes_used();
    options.partner = setup.partner_used();
    options.show_phi = show_phi;
    options.as_of = as_of;
    options.filing_limit_days = filing_limit;
    options.ptp = ptp.empty() ? nullptr : &ptp;
    options.mue = mue.empty() ? nullptr : &mue;
    options.config = config ? &*config : nullptr;
    options.coverage = eligibility_files.empty() ? nullptr : &coverage;
    options.age_sex = age_sex_file.empty() ? nullptr : &age_sex;

    output_file clean_out(clean_path), rejects_out(rejects_path);
    std::optional<output_file> report_out;
    std::optional<report_writer> report;
    if (!report_path.empty()) {
      report_out.emplace(report_path);
      report.emplace(*report_out,
                     report_format_name == "jsonl" ? table_format::jsonl : table_format::csv);
    }
    // Without --now the source's dates stay: a guide checks dates of
    // service against GS04, and the claims were made on those dates.
    claim_writer clean_claims(clean_out, settings, now.has_value()),
        rejected_claims(rejects_out, settings, now.has_value());
    std::optional<output_file> ack_out;
    std::optional<writer> ack_writer;
    std::optional<ack_277ca_builder> ack;
    if (!ack_path.empty()) {
      ack_out.emplace(ack_path);
      ack_writer.emplace(*ack_out, delimiters{}, "\n");
      ack.emplace(*ack_writer, settings, ack_accepted);
    }
    std::string file;
    auto on_verdict = [&](const claim_verdict &v) {
      if (ack)
        ack->add(v);
      if (!report)
        return;
      const claim_unit &u = *v.unit;
      const billed_claim &c = *v.claim;
      report_row r;
      r.file = file;
      r.claim_index = u.index;
      r.claim_id = u.claim_id;
      r.payer_id = c.payer.id;
      r.verdict = v.rejected ? "reject" : "clean";
      report->row(r);
      for (const finding &f : v.edits) {
        report_row e = r;
        e.verdict = f.level == severity::error ? "reject" : "warn";
        e.code = f.code;
        e.severity = to_string(f.level);
        e.message = f.message;
        if (const billed_line *l = f.claim_index == u.index ? line_at(c, f.where.offset) : nullptr) {
          e.line_number = l->line_number;
          e.procedure = l->procedure_code;
        }
        report->row(e);
      }
    };
    auto on_other = [&](finding &&f) {
      if (!report)
        return;
      report_row r;
      r.file = file;
      r.verdict = "warn"; // in no claim: it rejects none
      r.code = f.code;
      r.severity = to_string(f.level);
      r.message = f.message;
      report->row(r);
    };
    scrub_run run(setup.schemas, options, clean_claims, rejected_claims, on_verdict, on_other);
    if (ack)
      run.observe(*ack);
    for (const std::string &path : inputs_or_stdin(files)) {
      input_buffer in = input_buffer::open(path);
      file = in.name();
      run.scrub(in);
    }
    clean_claims.finish();
    rejected_claims.finish();
    if (ack)
      ack->finish();

    const scrub_counts &n = run.counts();
    if (n.clean + n.rejected != n.claims_read) {
      fmt::print(stderr,
                 "{}: {} read but {} placed by the guide ({} clean, {} rejected): a claim the "
                 "guide cannot place would be lost, so nothing is written; run x12 validate on "
                 "the input\n",
                 app.get_name(), plural(n.claims_read, "claim"), n.clean + n.rejected, n.clean,
                 n.rejected);
      return trouble;
    }
    // The clean claims go into place last: a run that fails on any output
    // never leaves a file a cron job would submit.
    if (report_out)
      report_out->commit();
    if (ack_out)
      ack_out->commit();
    rejects_out.commit();
    clean_out.commit();
    fmt::print(stderr, "{}: {}: {} clean, {} rejected\n", app.get_name(),
               plural(n.claims_read, "claim"), n.clean, n.rejected);
    if (n.clean == 0)
      fmt::print(stderr, "{}: no clean claims: {} is empty\n", app.get_name(), clean_path);
    if (n.rejected == 0)
      fmt::print(stderr, "{}: no rejected claims: {} is empty\n", app.get_name(), rejects_path);
    return n.rejected ? findings : clean;
  } catch (const std::exception &e) {
    print_error("scrub", e);
    return trouble;
  }
}

} // namespace x12::cli
