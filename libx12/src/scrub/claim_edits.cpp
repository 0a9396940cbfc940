#include "claim_edits.h"

#include <chrono>
#include <optional>

#include <fmt/format.h>

#include "core/finding_code_table.h"
#include "x12/scrub_config.h"

namespace x12::scrub_detail {
namespace {

std::optional<std::chrono::sys_days> day_of(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-')
    return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (iso[i] < '0' || iso[i] > '9')
      return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  for (char ch : iso.substr(0, 4))
    y = y * 10 + (ch - '0');
  for (char ch : iso.substr(5, 2))
    m = m * 10 + unsigned(ch - '0');
  for (char ch : iso.substr(8, 2))
    d = d * 10 + unsigned(ch - '0');
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m),
                                  std::chrono::day(d)};
  if (!ymd.ok())
    return std::nullopt;
  return std::chrono::sys_days(ymd);
}

using detail::registered_code;

finding edit(const claim_unit &u, const std::string &file, const finding_code &code,
             std::string message) {
  return coded(claim_finding(u, file), code, std::move(message));
}

} // namespace

finding coded(finding base, const finding_code &code, std::string message) {
  const finding made = finding_from(code);
  base.code = made.code;
  base.level = made.level;
  base.snip = made.snip;
  base.message = std::move(message);
  return base;
}

finding claim_finding(const claim_unit &u, const std::string &file) {
  finding f;
  f.where.file = file;
  f.where.offset = u.offset;
  f.where.segment = u.claim.segments.empty() ? 0 : u.claim.segments.front().number;
  f.where.segment_id = "CLM";
  f.where.loop = "2300";
  f.transaction = u.envelope.transaction_control_number;
  f.claim = u.claim_id;
  f.claim_index = u.index;
  f.claim_offset = u.offset;
  f.guide = u.envelope.guide;
  return f;
}

void place_on_line(finding &f, const claim_unit &u, const billed_line &line) {
  f.where.offset = line.offset;
  f.where.segment_id = "LX";
  f.where.loop = "2400";
  for (const held_segment &h : u.claim.segments)
    if (h.offset == line.offset)
      f.where.segment = h.number;
}

namespace {

// 80, 80.0 and 80.00 are one charge.
std::string normal(const std::optional<decimal> &d) {
  if (!d)
    return {};
  std::string s = d->to_string();
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.')
      s.pop_back();
  }
  return s;
}

} // namespace

bool is_iso_date(std::string_view text) { return day_of(text).has_value(); }

void claim_edits::check(const claim_unit &u, const billed_claim &c, std::string_view as_of,
                        const std::string &file, std::vector<finding> &out) const {
  const bool phi = options_.show_phi;
  if (c.charge && c.charge->units() == 0)
    out.push_back(edit(u, file, registered_code("zero-charge"),
                       "the claim's total charge (CLM02) is zero"));
  for (const billed_line &line : c.lines)
    if (line.charge && line.charge->units() == 0) {
      finding f = edit(u, file, registered_code("zero-charge"),
                       fmt::format("line {} has no charge", line.line_number));
      f.level = severity::warning; // the entry's `varies`
      place_on_line(f, u, line);
      out.push_back(std::move(f));
    }

  const auto today = day_of(as_of);
  const auto from = day_of(c.service_date_from);
  const auto to = day_of(c.service_date_to.empty() ? c.service_date_from : c.service_date_to);
  if (today && to && *to > *today)
    out.push_back(edit(u, file, registered_code("future-service-date"),
                       phi ? fmt::format("the date of service {} is after the as-of date {}",
                                         c.service_date_to, as_of)
                           : fmt::format("the date of service is {} days after the as-of date",
                                         (*to - *today).count())));
  const unsigned limit = options_.config
                             ? options_.config->filing_limit(c.payer.id, options_.filing_limit_days)
                             : options_.filing_limit_days;
  if (today && from && *from < *today) {
    const auto age = (*today - *from).count();
    if (age > limit)
      out.push_back(edit(
          u, file, registered_code("timely-filing"),
          fmt::format("the date of service{} is {} days before the as-of date {}, past the "
                      "{}-day filing limit",
                      phi ? " " + c.service_date_from : std::string(), age, as_of, limit)));
  }
  duplicate(c, edit(u, file, registered_code("duplicate-claim"), ""), out);
}

// 0 for a replacement or void, which repeats its claim on purpose.
std::uint64_t duplicate_key(const billed_claim &c) {
  if (c.frequency == "7" || c.frequency == "8")
    return 0;
  const named_party &p = c.patient;
  std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}", c.subscriber.id, p.id,
                                p.last_or_organization, p.first, c.patient_birth_date,
                                c.payer.id);
  if (c.lines.empty())
    key += fmt::format("\x1e{}\x1f{}", c.service_date_from, normal(c.charge));
  for (const billed_line &line : c.lines) {
    key += fmt::format("\x1e{}\x1f{}\x1f{}\x1f{}",
                       line.service_date_from.empty() ? c.service_date_from
                                                      : line.service_date_from,
                       line.procedure_qualifier, line.procedure_code, normal(line.charge));
    for (const std::string &m : line.modifiers)
      key += "\x1d" + m;
  }
  return std::hash<std::string>{}(key) | 1; // never 0
}

void claim_edits::duplicate(const billed_claim &c, finding base, std::vector<finding> &out) const {
  const std::uint64_t key = duplicate_key(c);
  auto at = key ? seen_.find(key) : seen_.end();
  if (at == seen_.end())
    return;
  base.message = fmt::format("the same patient, dates of service, procedures and charges as "
                             "claim {} ({}) earlier in the run",
                             at->second.index, at->second.claim_id);
  out.push_back(std::move(base));
}

void claim_edits::remember(const claim_unit &u, const billed_claim &c) {
  if (const std::uint64_t key = duplicate_key(c))
    seen_.try_emplace(key, first_claim{u.index, u.claim_id});
}

} // namespace x12::scrub_detail
