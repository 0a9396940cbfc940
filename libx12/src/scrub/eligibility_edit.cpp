#include "eligibility_edit.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "claim_edits.h"
#include "core/finding_code_table.h"

namespace x12::scrub_detail {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) ==
                  std::toupper(static_cast<unsigned char>(y));
         });
}

bool covers(const coverage_fact &f, std::string_view day) {
  return (f.from.empty() || f.from <= day) && (f.to.empty() || day <= f.to);
}

// Health benefit plan coverage (service type 30), or a benefit naming no type.
bool health_plan(const coverage_fact &f) {
  std::string_view types = f.service_types;
  if (types.empty())
    return true;
  while (!types.empty()) {
    const std::size_t end = types.find(';');
    if (types.substr(0, end) == "30")
      return true;
    types = end == std::string_view::npos ? std::string_view() : types.substr(end + 1);
  }
  return false;
}

std::string trace_of(const coverage_fact &f) {
  return f.trace_number.empty() ? std::string("(no trace number)")
                                : "(trace " + f.trace_number + ")";
}

} // namespace

void check_eligibility(const coverage_table &coverage, const billed_claim &c, bool show_phi,
                       finding base, std::vector<finding> &out) {
  const std::vector<coverage_fact> *all = coverage.find(c.payer.id, c.subscriber.id);
  const std::string &day = c.service_date_from;
  if (!all || day.empty())
    return;
  // The patient's own facts: the subscriber's, or the named dependent's.
  const bool dependent =
      !same_name(c.patient.last_or_organization, c.subscriber.last_or_organization) ||
      !same_name(c.patient.first, c.subscriber.first);
  std::vector<const coverage_fact *> facts;
  for (const coverage_fact &f : *all)
    if (f.dependent == dependent &&
        (!dependent || (same_name(f.last_name, c.patient.last_or_organization) &&
                        same_name(f.first_name, c.patient.first))))
      facts.push_back(&f);
  if (facts.empty())
    return;
  auto first = [&](auto pred) {
    auto it = std::find_if(facts.begin(), facts.end(), pred);
    return it == facts.end() ? nullptr : *it;
  };
  if (first([&](const coverage_fact *f) {
        return f->what == coverage_fact::kind::active && covers(*f, day) && health_plan(*f);
      }))
    return;
  const std::string on = show_phi ? "on " + day : "on the date of service";
  finding f = coded(std::move(base), detail::registered_code("eligibility"), "");
  if (const coverage_fact *n =
          first([](const coverage_fact *x) { return x->what == coverage_fact::kind::not_found; }))
    f.message = fmt::format("the payer's 271 {} did not find the {} (AAA {})", trace_of(*n),
                            dependent ? "patient" : "subscriber", n->reasons);
  else if (const coverage_fact *i = first([&](const coverage_fact *x) {
             return x->what == coverage_fact::kind::inactive && covers(*x, day);
           }))
    f.message = fmt::format("the payer's 271 {} says coverage is inactive (EB01 {}) {}",
                            trace_of(*i), i->eligibility_code, on);
  else
    f.message = fmt::format("the payer's 271 {} shows no active health plan coverage (EB01 1, "
                            "service type 30) {}",
                            trace_of(*facts.front()), on);
  out.push_back(std::move(f));
}

} // namespace x12::scrub_detail
