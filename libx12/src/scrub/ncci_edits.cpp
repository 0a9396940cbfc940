#include "ncci_edits.h"

#include <array>

#include <fmt/format.h>

#include "claim_edits.h"
#include "core/finding_code_table.h"

namespace x12::scrub_detail {
namespace {

bool ptp_modifier(std::string_view m) noexcept {
  static constexpr std::array<std::string_view, 17> fixed = {
      "59", "XE", "XP", "XS", "XU", "91", "24", "25", "27",
      "57", "58", "78", "79", "FA", "LT", "RT", "LC"};
  static constexpr std::array<std::string_view, 5> more = {"LD", "RC", "LM", "RI", "TA"};
  for (std::string_view f : fixed)
    if (m == f)
      return true;
  for (std::string_view f : more)
    if (m == f)
      return true;
  if (m.size() != 2)
    return false;
  // E1-E4, F1-F9, T1-T9.
  return (m[0] == 'E' && m[1] >= '1' && m[1] <= '4') ||
         ((m[0] == 'F' || m[0] == 'T') && m[1] >= '1' && m[1] <= '9');
}

std::uint32_t yyyymmdd(const std::string &iso) {
  std::uint32_t d = 0;
  int digits = 0;
  for (char c : iso)
    if (c >= '0' && c <= '9') {
      d = d * 10 + std::uint32_t(c - '0');
      ++digits;
    }
  return digits == 8 ? d : 0;
}

} // namespace

std::vector<ncci_edits::line_view> ncci_edits::lines_of(const claim_unit &u,
                                                       const billed_claim &c) const {
  std::vector<line_view> out;
  const named_party &p = c.patient;
  for (const billed_line &l : c.lines) {
    const std::string &date = l.service_date_from.empty() ? c.service_date_from : l.service_date_from;
    const std::string &provider = !l.rendering_provider_npi.empty() ? l.rendering_provider_npi
                                  : !c.rendering_provider_npi.empty()
                                      ? c.rendering_provider_npi
                                      : c.billing_provider.npi();
    line_view v{&l,
                fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", c.subscriber.id, p.id,
                            p.last_or_organization, p.first, c.patient_birth_date, provider) +
                    "\x1f" + date,
                yyyymmdd(date),
                {}};
    v.b.code = ncci_code(l.procedure_code);
    for (const std::string &m : l.modifiers)
      v.b.bypass = v.b.bypass || ptp_modifier(m);
    v.b.units = l.units.value_or(decimal::from_integer(1));
    v.b.claim = u.index;
    v.b.line_number = l.line_number;
    out.push_back(std::move(v));
  }
  return out;
}

void ncci_edits::check(const claim_unit &u, const billed_claim &c, const finding &base,
                       std::vector<finding> &out) const {
  if (!ptp_ && !mue_)
    return;
  const std::vector<line_view> lines = lines_of(u, c);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const line_view &l = lines[i];
    if (!l.b.code || !l.date)
      continue;
    const std::string &code = l.line->procedure_code;
    auto fire = [&](const finding_code &which, std::string message) {
      finding f = coded(base, which, std::move(message));
      place_on_line(f, u, *l.line);
      out.push_back(std::move(f));
    };
    auto earlier = seen_.find(l.key);

    if (mue_) {
      if (const mue_limit *m = mue_->find(code)) {
        const decimal limit = decimal::from_integer(m->units);
        decimal day = l.b.units;
        if (m->indicator != 1) {
          for (std::size_t j = 0; j < i; ++j)
            if (lines[j].key == l.key && lines[j].b.code == l.b.code)
              (void)day.add(lines[j].b.units);
          if (earlier != seen_.end())
            for (const billed &b : earlier->second)
              if (b.code == l.b.code)
                (void)day.add(b.units);
        }
        if (compare(day, limit) > 0)
          fire(detail::registered_code("mue"),
               m->indicator == 1
                   ? fmt::format("line {}: {} units of {}, over its MUE of {} per line",
                                 l.b.line_number, l.b.units.to_string(), code, m->units)
                   : fmt::format("line {}: {} units of {} on the day with the lines before it, "
                                 "over its MUE of {} per patient and date (MAI {})",
                                 l.b.line_number, day.to_string(), code, m->units, m->indicator));
      }
    }

    if (!ptp_)
      continue;
    // This line as column 2 against every other line of the day, this
    // claim's and the remembered ones.
    auto against = [&](const billed &other, std::string_view where) {
      if (!other.code || other.code == l.b.code)
        return false;
      const ptp_edit *e = ptp_->find_packed(other.code, l.b.code, l.date);
      if (!e || e->modifier == 9 || (e->modifier == 1 && (other.bypass || l.b.bypass)))
        return false;
      fire(detail::registered_code("ncci-ptp"),
           fmt::format("line {}: {} is a column 2 code of {} ({}) billed the same day{}: {}",
                       l.b.line_number, code, ptp_->code_text(other.code), where,
                       e->modifier == 1 ? " without a PTP-associated modifier"
                                        : ", and no modifier is allowed",
                       ptp_->rationale(*e)));
      return true;
    };
    bool fired = false;
    for (std::size_t j = 0; j < lines.size() && !fired; ++j)
      if (j != i && lines[j].key == l.key)
        fired = against(lines[j].b, "line " + lines[j].b.line_number);
    if (earlier != seen_.end())
      for (const billed &b : earlier->second) {
        if (fired)
          break;
        fired = against(b, fmt::format("claim {} line {}", b.claim, b.line_number));
      }
  }
}

void ncci_edits::remember(const claim_unit &u, const billed_claim &c) {
  if (!ptp_ && !mue_)
    return;
  for (line_view &l : lines_of(u, c))
    if (l.b.code && l.date)
      seen_[l.key].push_back(std::move(l.b));
}

} // namespace x12::scrub_detail
