// The 837 reading of a claim unit: which loop a segment is in comes from the
// placer (the guide's loop IDs), so another payer's subscriber (2330A) or a
// line's adjudication (2430) can never be taken for the claim's own.

#include "x12/unit.h"

#include "x12/csv.h"
#include "x12/segment_fields.h"

namespace x12 {
namespace {

bool in_loop(const held_segment &s, std::string_view id) noexcept {
  return s.loop && s.loop->id == id;
}

bool in_loop_family(const held_segment &s, std::string_view prefix) noexcept {
  return s.loop && s.loop->id.compare(0, prefix.size(), prefix) == 0;
}

named_party party_of(const segment_fields &f) {
  return {std::string(f[3]), std::string(f[4]), std::string(f[8]), std::string(f[9])};
}

std::optional<decimal> amount(std::string_view text) {
  return text.empty() ? std::nullopt : decimal::parse(text);
}

// DTP03 as a from and a to date (D8: the same day; RD8: the range).
void dates(const segment_fields &f, std::string &from, std::string &to) {
  std::string_view v = f[3];
  if (f[2] == "RD8" && v.size() == 17) {
    from = iso_date(v.substr(0, 8));
    to = iso_date(v.substr(9, 8));
  } else {
    from = to = iso_date(v);
  }
}

bool is_diagnosis_qualifier(std::string_view q) noexcept {
  for (std::string_view d : {"ABK", "ABF", "BK", "BF"})
    if (q == d)
      return true;
  return false;
}

void read_context(const unit_loop &l, billed_claim &c, bool &have_patient) {
  for (const held_segment &h : l.segments) {
    segment_fields f(l.view(h));
    if (f.id() == "NM1") {
      if (in_loop(h, "2010AA"))
        c.billing_provider = party_of(f);
      else if (in_loop(h, "2010BA"))
        c.subscriber = party_of(f);
      else if (in_loop(h, "2010BB"))
        c.payer = party_of(f);
      else if (in_loop(h, "2010CA")) {
        c.patient = party_of(f);
        have_patient = true;
      }
    } else if (f.id() == "DMG" && f[1] == "D8" &&
               (in_loop(h, "2010CA") || (in_loop(h, "2010BA") && !have_patient))) {
      c.patient_birth_date = iso_date(f[2]);
      c.patient_sex = std::string(f[3]);
    } else if (f.id() == "REF" && in_loop(h, "2010AA") && (f[1] == "EI" || f[1] == "SY")) {
      c.billing_tax_id = std::string(f[2]);
    }
  }
}

void read_line(const held_segment &h, const segment_fields &f, billed_line &line) {
  std::string_view id = f.id();
  if (id == "SV1" || id == "SV2" || id == "SV3") {
    // The procedure composite is SV101, SV202 or SV301; the charge follows it.
    const std::size_t proc = id == "SV2" ? 2 : 1;
    line.procedure_qualifier = std::string(f.component(proc, 1));
    line.procedure_code = std::string(f.component(proc, 2));
    for (std::size_t m = 3; m <= 6; ++m)
      if (std::string_view v = f.component(proc, m); !v.empty())
        line.modifiers.emplace_back(v);
    if (id == "SV2")
      line.revenue_code = std::string(f[1]);
    line.charge = amount(f[proc + 1]);
    if (id == "SV1")
      line.units = amount(f[4]);
    else if (id == "SV2")
      line.units = amount(f[5]);
    else
      line.units = decimal::from_integer(1);
    if (id == "SV1" || id == "SV3") {
      const std::size_t pointers = id == "SV1" ? 7 : 11;
      for (std::size_t p = 1; p <= 4; ++p) {
        std::string_view v = f.component(pointers, p);
        if (v.empty())
          continue;
        unsigned n = 0;
        for (char ch : v)
          n = ch >= '0' && ch <= '9' ? n * 10 + static_cast<unsigned>(ch - '0') : 0;
        if (n)
          line.diagnosis_pointers.push_back(n);
      }
    }
  } else if (id == "DTP" && f[1] == "472" && in_loop(h, "2400")) {
    dates(f, line.service_date_from, line.service_date_to);
  } else if (id == "REF" && f[1] == "6R" && in_loop(h, "2400")) {
    line.line_control_number = std::string(f[2]);
  } else if (id == "NM1" && f[1] == "82" && in_loop_family(h, "2420")) {
    line.rendering_provider_npi = party_of(f).npi();
  }
}

} // namespace

const billed_line *line_at(const billed_claim &c, std::uint64_t offset) {
  const billed_line *at = nullptr;
  for (const billed_line &l : c.lines)
    if (l.offset <= offset)
      at = &l;
  return at;
}

billed_claim read_billed_claim(const claim_unit &unit) {
  billed_claim c;
  bool have_patient = false;
  for (const auto &level : unit.context)
    read_context(*level, c, have_patient);
  if (!have_patient)
    c.patient = c.subscriber;

  const unit_loop &l = unit.claim;
  billed_line *line = nullptr;
  for (const held_segment &h : l.segments) {
    segment_fields f(l.view(h));
    std::string_view id = f.id();
    if (id == "LX" && in_loop(h, "2400")) {
      line = &c.lines.emplace_back();
      line->offset = h.offset;
      line->line_number = std::string(f[1]);
      continue;
    }
    if (line) {
      read_line(h, f, *line);
      continue;
    }
    if (id == "CLM") {
      c.claim_id = std::string(f[1]);
      c.charge = amount(f[2]);
      c.facility_code = std::string(f.component(5, 1));
      c.frequency = std::string(f.component(5, 3));
    } else if (id == "DTP" && in_loop(h, "2300") && (f[1] == "472" || f[1] == "434")) {
      if (c.service_date_from.empty() || f[1] == "472")
        dates(f, c.service_date_from, c.service_date_to);
    } else if (id == "HI" && in_loop(h, "2300")) {
      for (std::size_t e = 1; e <= f.count(); ++e) {
        std::string_view q = f.component(e, 1);
        if (is_diagnosis_qualifier(q))
          c.diagnoses.push_back({std::string(q), std::string(f.component(e, 2))});
      }
    } else if (id == "NM1" && f[1] == "82" && in_loop_family(h, "2310")) {
      c.rendering_provider_npi = party_of(f).npi();
    }
  }
  if (c.service_date_from.empty())
    for (const billed_line &s : c.lines)
      if (!s.service_date_from.empty() &&
          (c.service_date_from.empty() || s.service_date_from < c.service_date_from))
        c.service_date_from = s.service_date_from;
  if (c.service_date_to.empty())
    for (const billed_line &s : c.lines)
      if (s.service_date_to > c.service_date_to)
        c.service_date_to = s.service_date_to;
  return c;
}

} // namespace x12
