#include "x12/coverage.h"

#include "pair_key.h"
#include "x12/eligibility_tables.h"
#include "x12/error.h"
#include "x12/input.h"

namespace x12 {
namespace {

// The dates a benefit or a member carries (QUALIFIER=YYYY-MM-DD or a range
// with '/', joined by ';'): a plan, eligibility or benefit period (291, 292,
// 307), or its begin (346, 348, 356) and end (347, 349, 357).
void period_of(std::string_view dates, std::string &from, std::string &to) {
  while (!dates.empty()) {
    const std::size_t end = dates.find(';');
    std::string_view one = dates.substr(0, end);
    dates = end == std::string_view::npos ? std::string_view() : dates.substr(end + 1);
    const std::size_t eq = one.find('=');
    if (eq == std::string_view::npos)
      continue;
    std::string_view q = one.substr(0, eq), d = one.substr(eq + 1);
    const std::size_t slash = d.find('/');
    if (slash != std::string_view::npos && (q == "291" || q == "292" || q == "307")) {
      from = d.substr(0, slash);
      to = d.substr(slash + 1);
    } else if (slash == std::string_view::npos && (q == "346" || q == "348" || q == "356")) {
      from = d;
    } else if (slash == std::string_view::npos && (q == "347" || q == "349" || q == "357")) {
      to = d;
    } else if (slash == std::string_view::npos && (q == "291" || q == "292" || q == "307")) {
      from = to = d;
    }
  }
}

} // namespace

void coverage_table::add_file(const std::string &path) {
  input_buffer in = input_buffer::open(path);
  eligibility_callbacks cb;
  cb.benefit = [&](const benefit_row &b) {
    if (b.member_level.empty() || b.member_id.empty())
      return; // the payer or the provider could not be answered: says nothing of a member
    coverage_fact f;
    const std::string &eb = b.eligibility_or_benefit;
    if (b.eb_offset == 0 && !b.rejection_reasons.empty()) {
      f.what = coverage_fact::kind::not_found;
      f.reasons = b.rejection_reasons;
    } else if (eb == "1") {
      f.what = coverage_fact::kind::active;
    } else if (eb == "6" || eb == "7" || eb == "8") {
      f.what = coverage_fact::kind::inactive;
    } else {
      return; // co-pays, deductibles, limits: not whether the member is covered
    }
    f.dependent = b.member_level == "dependent";
    f.last_name = b.member_last_name;
    f.first_name = b.member_first_name;
    f.eligibility_code = eb;
    f.service_types = b.service_types;
    period_of(b.member_dates, f.from, f.to);
    period_of(b.plan_dates, f.from, f.to); // the benefit's own dates win
    f.trace_number = b.trace_number;
    f.file = path;
    by_member_[scrub_detail::pair_key(b.payer_id, b.member_id)].push_back(std::move(f));
  };
  eligibility_summary s = read_eligibility(in, cb);
  if (s.transactions == 0)
    throw error("holds no 271 eligibility response", {path});
}

const std::vector<coverage_fact> *coverage_table::find(std::string_view payer_id,
                                                       std::string_view subscriber_id) const {
  auto it = by_member_.find(scrub_detail::pair_key(payer_id, subscriber_id));
  return it == by_member_.end() ? nullptr : &it->second;
}

} // namespace x12
