// The scrub run: the validator's events go to a unit_builder and to this
// run's own bookkeeping; at each transaction's end its claims get their
// verdicts and go to the clean or the rejects writer.

#include "x12/scrub.h"

#include <map>
#include <unordered_set>

#include "x12/ack.h"
#include "x12/csv.h"
#include "x12/error.h"
#include "x12/scrub_config.h"
#include "x12/validate.h"

#include "age_sex_edit.h"
#include "claim_edits.h"
#include "eligibility_edit.h"
#include "ncci_edits.h"
#include "core/finding_code_table.h"

namespace x12 {
namespace {

bool is_trailer(std::string_view id) noexcept { return id == "SE" || id == "GE" || id == "IEA"; }

} // namespace

class scrub_run::impl : public validation_observer {
public:
  impl(const schema_set &schemas, const scrub_options &options, claim_writer &clean,
       claim_writer &rejects, verdict_sink on_verdict, finding_sink other)
      : options_(options), clean_(clean), rejects_(rejects),
        on_verdict_(std::move(on_verdict)), other_(std::move(other)),
        builder_(schemas,
                 [this](const claim_unit &u) {
                   if (scrubbing_)
                     pending_.push_back(u);
                 }),
        edits_(options), ncci_(options.ptp, options.mue), validator_(schemas, validation(options), fan_) {
    if (!options.as_of.empty() && !scrub_detail::is_iso_date(options.as_of))
      throw error("the as-of date " + options.as_of + " is not a date (YYYY-MM-DD)");
    fan_.add(builder_);
    fan_.add(*this);
  }

  void scrub(input_buffer &in) {
    ++counts_.files;
    file_ = in.name();
    if (!line_break_chosen_) {
      // The outputs keep the first input's line style.
      // The ISA is 106 bytes, its terminator the last: what follows it is
      // the file's line break, if any.
      std::string_view b = in.bytes();
      std::string lb;
      if (b.size() > 107 && b[106] == '\r' && b[107] == '\n')
        lb = "\r\n";
      else if (b.size() > 106 && b[106] == '\n')
        lb = "\n";
      clean_.line_break(lb);
      rejects_.line_break(lb);
      line_break_chosen_ = true;
    }
    validator_.run(in);
  }

  const scrub_counts &counts() const noexcept { return counts_; }
  void observe(validation_observer &o) { fan_.add(o); }

  // ---- the run's own events ------------------------------------------------

  void on_finding(const finding &f) override {
    if (f.claim_index) {
      claim_findings_[f.claim_index].push_back(f);
    } else if (is_trailer(f.where.segment_id) || (!scrubbing_ && in_transaction_)) {
      forward(f);
    } else if (in_transaction_) {
      transaction_findings_.push_back(f);
    } else if (f.where.segment_id == "ISA") {
      interchange_findings_.push_back(f);
    } else if (f.where.segment_id == "GS") {
      group_findings_.push_back(f);
    } else {
      forward(f);
    }
  }

  void on_interchange_start(const interchange_header &h) override {
    clean_.source_interchange(h);
    rejects_.source_interchange(h);
  }
  void on_interchange_end() override {
    forward_unused(interchange_findings_, interchange_used_);
    forward_unused(group_findings_, group_used_);
  }
  void on_group_start(const group_header &h) override {
    clean_.source_group(h);
    rejects_.source_group(h);
  }
  void on_group_end() override { forward_unused(group_findings_, group_used_); }

  void on_transaction_start(const transaction_header &h) override {
    ++counts_.transactions;
    in_transaction_ = true;
    scrubbing_ = h.id == "837";
    as_of_ = options_.as_of;
    if (!scrubbing_) {
      ++counts_.other_transactions;
      finding f = finding_from(detail::registered_code("scrub-not-837"));
      f.message = "transaction set " + h.id + " holds no 837 claims: it goes to neither output";
      f.where = {file_, h.offset, h.segment, "ST", "", 0, 0};
      f.transaction = h.control_number;
      forward(f);
    }
  }

  void on_segment(const segment &s, const segment_rule *) override {
    if (!in_transaction_ || !scrubbing_)
      return;
    if (s.view.is("CLM"))
      ++counts_.claims_read;
    else if (s.view.is("BHT") && options_.as_of.empty())
      as_of_ = iso_date(s.view[4]);
  }

  void on_transaction_end(const transaction_header &, std::uint64_t) override {
    in_transaction_ = false;
    decide();
    pending_.clear();
    claim_findings_.clear();
    transaction_findings_.clear();
  }

private:
  static validation_options validation(const scrub_options &o) {
    validation_options v;
    v.show_phi = o.show_phi;
    v.codes = o.codes;
    v.partner = o.partner;
    return v;
  }

  // The config's word on each edit, for the claim's payer.
  static void apply(const scrub_config &config, std::string_view payer,
                    std::vector<finding> &edits) {
    std::erase_if(edits, [&](finding &f) {
      std::optional<edit_action> a = config.action(payer, f.code);
      if (a == edit_action::reject)
        f.level = severity::error;
      else if (a == edit_action::warn)
        f.level = severity::warning;
      return a == edit_action::off;
    });
  }
  void forward(const finding &f) {
    if (other_)
      other_(finding(f));
  }

  // Envelope header findings that no claim took (a group without claims)
  // still reach the user.
  void forward_unused(std::vector<finding> &list, bool &used) {
    if (!used)
      for (const finding &f : list)
        forward(f);
    list.clear();
    used = false;
  }

  // The transaction's findings outside any claim, by the segment they are
  // about: a claim takes those of the loops above it; one that is in no
  // loop of a claim's context (ST, BHT's header segments are context[0])
  // belongs to the whole transaction.
  void decide() {
    // Which context loop each finding is in; most transactions have none.
    std::unordered_set<std::uint64_t> context_offsets;
    if (!transaction_findings_.empty())
      for (const claim_unit &u : pending_)
        for (const auto &level : u.context)
          for (const held_segment &h : level->segments)
            context_offsets.insert(h.offset);
    std::vector<const finding *> whole;
    std::multimap<std::uint64_t, const finding *> by_offset;
    for (const finding &f : transaction_findings_)
      if (context_offsets.count(f.where.offset))
        by_offset.emplace(f.where.offset, &f);
      else
        whole.push_back(&f);
    if (pending_.empty())
      for (const finding *f : whole)
        forward(*f);

    std::vector<const claim_unit *> clean, rejected;
    for (const claim_unit &u : pending_) {
      claim_verdict v;
      v.unit = &u;
      billed_claim c = read_billed_claim(u);
      v.claim = &c;
      for (const finding &f : interchange_findings_)
        v.edits.push_back(f);
      for (const finding &f : group_findings_)
        v.edits.push_back(f);
      interchange_used_ = interchange_used_ || !interchange_findings_.empty();
      group_used_ = group_used_ || !group_findings_.empty();
      for (const finding *f : whole)
        v.edits.push_back(*f);
      if (!by_offset.empty())
        for (const auto &level : u.context)
          for (const held_segment &h : level->segments)
            for (auto [at, end] = by_offset.equal_range(h.offset); at != end; ++at)
              v.edits.push_back(*at->second);
      if (auto own = claim_findings_.find(u.index); own != claim_findings_.end())
        for (const finding &f : own->second)
          v.edits.push_back(f);
      edits_.check(u, c, as_of_, file_, v.edits);
      const finding on_claim = scrub_detail::claim_finding(u, file_);
      ncci_.check(u, c, on_claim, v.edits);
      if (options_.age_sex)
        scrub_detail::check_age_sex(*options_.age_sex, u, c, options_.show_phi, on_claim, v.edits);
      if (options_.coverage)
        scrub_detail::check_eligibility(*options_.coverage, c, options_.show_phi, on_claim,
                                        v.edits);
      if (options_.config)
        apply(*options_.config, c.payer.id, v.edits);
      for (const finding &f : v.edits)
        if (f.level == severity::error)
          v.rejected = true;
      if (!v.rejected) {
        edits_.remember(u, c);
        ncci_.remember(u, c);
      }
      (v.rejected ? rejected : clean).push_back(&u);
      ++(v.rejected ? counts_.rejected : counts_.clean);
      if (on_verdict_)
        on_verdict_(v);
    }
    clean_.write_transaction(clean);
    rejects_.write_transaction(rejected);
  }

  const scrub_options &options_;
  claim_writer &clean_, &rejects_;
  verdict_sink on_verdict_;
  finding_sink other_;
  unit_builder builder_;
  scrub_detail::claim_edits edits_;
  scrub_detail::ncci_edits ncci_;
  observer_list fan_;
  validator validator_; // one for the run: claim ordinals count over every input
  scrub_counts counts_;
  std::string file_, as_of_;
  bool in_transaction_ = false, scrubbing_ = false, line_break_chosen_ = false;
  bool interchange_used_ = false, group_used_ = false;
  std::vector<claim_unit> pending_;
  std::map<std::uint64_t, std::vector<finding>> claim_findings_;
  std::vector<finding> transaction_findings_, interchange_findings_, group_findings_;
};

scrub_run::scrub_run(const schema_set &schemas, const scrub_options &options, claim_writer &clean,
                     claim_writer &rejects, verdict_sink on_verdict, finding_sink other)
    : impl_(std::make_unique<impl>(schemas, options, clean, rejects, std::move(on_verdict),
                                   std::move(other))) {}
scrub_run::~scrub_run() = default;

void scrub_run::scrub(input_buffer &in) { impl_->scrub(in); }
void scrub_run::observe(validation_observer &o) { impl_->observe(o); }
const scrub_counts &scrub_run::counts() const noexcept { return impl_->counts(); }

} // namespace x12
