#pragma once
// scrub: pre-submission claim edits. Every 837 claim of the input gets a
// verdict, clean or reject, with the edits that fired on it, and goes to
// exactly one of two claim_writers: nothing lost, nothing doubled.
//
// The edits, each a finding code (man x12-findings.7):
//   - validation per claim: a SNIP 1-5 error (and SNIP 7 with partner
//     rules) inside a claim rejects that claim; one in a loop the claim
//     depends on (its billing provider, subscriber or patient loops, the
//     transaction's header, its ST, GS or ISA) rejects every claim under
//     it. Trailer faults (SE, GE, IEA counts and numbers) are the input's
//     envelope, which the outputs replace: they are reported, and reject
//     nothing. Warnings never reject.
//   - claim edits (scrub/claim_edits.h): duplicate-claim, timely-filing,
//     future-service-date, zero-charge;
//   - with the CMS tables (ncci.h): ncci-ptp and mue, on the lines of a
//     patient's date of service across the clean claims of the run
//     (scrub/ncci_edits.h);
//   - with 271 responses (coverage.h): eligibility, the patient not covered
//     on the date of service (scrub/eligibility_edit.h);
//   - with a user's age and sex table (age_sex.h): age-conflict and
//     sex-conflict (scrub/age_sex_edit.h).
// A config (scrub_config.h) then turns any of them into a rejection, a
// warning or nothing, for every claim or for one payer's claims.
//
// Memory: one transaction's claims are held until its SE, because a loop's
// findings can come as late as its end (the 2000A closes after its last
// claim); plus the per-patient state of the duplicate edit.
//
//   x12::scrub_run run(schemas, options, clean, rejects, on_verdict, on_other);
//   run.scrub(in);   // per input file
//   x12::scrub_counts n = run.counts();

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "x12/claim_writer.h"
#include "x12/finding.h"
#include "x12/input.h"
#include "x12/schema.h"
#include "x12/unit.h"

namespace x12 {

class code_set;
class partner_rules;
class ptp_table;
class mue_table;
struct scrub_config;
class coverage_table;
class age_sex_table;

struct scrub_options {
  const code_set *codes = nullptr;       // SNIP 5; null turns it off
  const partner_rules *partner = nullptr; // SNIP 7 rule packs
  bool show_phi = false;
  /// The date edits compare with (YYYY-MM-DD); empty: each transaction's
  /// BHT04, the day the 837 was made.
  std::string as_of;
  unsigned filing_limit_days = 365; // timely-filing, unless the config says otherwise
  const ptp_table *ptp = nullptr;    // CMS NCCI PTP edits (ncci.h); null: none
  const mue_table *mue = nullptr;    // CMS MUEs
  const coverage_table *coverage = nullptr; // 271 answers (coverage.h); null: no eligibility edit
  const age_sex_table *age_sex = nullptr;   // a user's table (age_sex.h); null: no age/sex edits
  /// Actions and filing limits, for every claim or by payer (scrub_config.h);
  /// null: every edit as the registry says.
  const scrub_config *config = nullptr;
};

/// One claim's verdict.
struct claim_verdict {
  const claim_unit *unit = nullptr; // valid while the callback runs
  const billed_claim *claim = nullptr;
  bool rejected = false;
  /// What fired on it, in input order: findings inside the claim, those of
  /// the loops it depends on, then the claim edits.
  std::vector<finding> edits;
};

struct scrub_counts {
  std::uint64_t files = 0, transactions = 0;
  std::uint64_t claims_read = 0; // CLM segments in the input, counted apart from the units
  std::uint64_t clean = 0, rejected = 0;
  /// Transaction sets that are not 837 claims (copied nowhere, reported).
  std::uint64_t other_transactions = 0;
};

class scrub_run {
public:
  using verdict_sink = std::function<void(const claim_verdict &)>;
  /// `clean` and `rejects` receive the claims; `on_verdict` runs once per
  /// claim in input order; `other` gets the findings that belong to no claim
  /// (file, envelope, transactions that are not 837).
  scrub_run(const schema_set &schemas, const scrub_options &options, claim_writer &clean,
            claim_writer &rejects, verdict_sink on_verdict, finding_sink other);
  ~scrub_run();
  scrub_run(const scrub_run &) = delete;
  scrub_run &operator=(const scrub_run &) = delete;

  /// Also hands the run's events to `o` (for the source envelopes: a
  /// 277CA builder). Before the first scrub().
  void observe(validation_observer &o);
  /// Scrubs one input to its end. Throws x12::error on I/O failure.
  void scrub(input_buffer &in);
  const scrub_counts &counts() const noexcept;

private:
  class impl;
  std::unique_ptr<impl> impl_;
};

} // namespace x12
