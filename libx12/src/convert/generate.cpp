#include "x12/generate.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fmt/format.h>
#include <limits>

#include "synthetic/synthetic.h"

namespace x12 {
namespace {

using namespace synthetic;

// What both generators share: the output, the world, the limits, and the
// separators composites are built with.
struct context {
  output_file &out;
  envelope_writer &env;
  const world &w;
  const generate_options &options;
  char component;
  std::string date, time; // of the run, CCYYMMDD and HHMM
  generate_summary summary;

  bool under_claims() const { return !options.claims || summary.claims < options.claims; }
  bool under_size() const { return !options.size || out.bytes_written() < options.size; }
  std::uint64_t claims_left() const {
    return options.claims ? options.claims - summary.claims
                          : std::numeric_limits<std::uint64_t>::max();
  }

  std::string composite(std::initializer_list<std::string_view> parts) const {
    return join_components(component, parts);
  }

  void seg(std::string_view id, std::initializer_list<std::string_view> elements) {
    env.body(id, elements);
  }

  void address(const synthetic::address &a, bool zip4) {
    seg("N3", {a.line, a.suite});
    seg("N4", {a.where->city, a.where->state, zip4 ? a.zip + a.zip4 : a.zip});
  }

  std::string procedure(const service_line &l) const {
    return composite({"HC", l.proc->code, l.modifier});
  }
};

// --- 837P ---

void billing_provider_loop(context &c, std::uint64_t hl, const billing_provider &b) {
  c.seg("HL", {std::to_string(hl), "", "20", "1"});
  c.seg("PRV", {"BI", "PXC", b.kind->billing_taxonomy});
  c.seg("NM1", {"85", "2", b.name, "", "", "", "", "XX", b.npi});
  c.address(b.office, true);
  c.seg("REF", {"EI", b.ein});
}

void subscriber_loop(context &c, std::uint64_t hl, std::uint64_t parent,
                     const claim_stream &s) {
  const person &p = s.subscriber();
  bool is_patient = !s.has_dependents();
  c.seg("HL", {std::to_string(hl), std::to_string(parent), "22", is_patient ? "0" : "1"});
  c.seg("SBR", {"P", is_patient ? "18" : "", s.group_number(), "", "", "", "", "", "12"});
  c.seg("NM1", {"IL", "1", p.last, p.first, p.middle, "", "", "MI", s.member_id()});
  c.address(p.home, false);
  if (is_patient)
    c.seg("DMG", {"D8", ymd(p.birth), std::string_view(&p.gender, 1)});
  c.seg("NM1", {"PR", "2", c.w.payer.name, "", "", "", "", "PI", c.w.payer.id});
}

void patient_loop(context &c, std::uint64_t hl, std::uint64_t parent, const claim_stream &s) {
  const person &p = s.patient();
  c.seg("HL", {std::to_string(hl), std::to_string(parent), "23", "0"});
  c.seg("PAT", {s.relationship()});
  c.seg("NM1", {"QC", "1", p.last, p.first, p.middle});
  c.address(p.home, false);
  c.seg("DMG", {"D8", ymd(p.birth), std::string_view(&p.gender, 1)});
}

void claim_loop(context &c, const claim &k, const billing_provider &b) {
  c.seg("CLM", {k.id, money(k.charge), "", "", c.composite({k.place_of_service, "B", "1"}),
                "Y", "A", "Y", "Y"});
  std::array<std::string, 4> hi;
  for (unsigned i = 0; i < k.diagnosis_count; ++i)
    hi[i] = c.composite({i == 0 ? "ABK" : "ABF", k.diagnoses[i]});
  c.seg("HI", {hi[0], hi[1], hi[2], hi[3]});
  c.seg("NM1", {"82", "1", k.rendering->last, k.rendering->first, "", "", "", "XX",
                k.rendering->npi});
  c.seg("PRV", {"PE", "PXC", b.kind->rendering_taxonomy});
  for (unsigned i = 0; i < k.line_count; ++i) {
    const service_line &l = k.lines[i];
    std::array<std::string, 4> ptr;
    for (unsigned p = 0; p < l.pointer_count; ++p)
      ptr[p] = std::to_string(l.pointers[p]);
    c.seg("LX", {std::to_string(i + 1)});
    c.seg("SV1", {c.procedure(l), money(l.charge), "UN", std::to_string(l.units), "", "",
                  c.composite({ptr[0], ptr[1], ptr[2], ptr[3]})});
    c.seg("DTP", {"472", "D8", ymd(l.date)});
    c.seg("REF", {"6R", k.line_control(i)});
  }
}

void write_837(context &c) {
  claim_stream s(c.w);
  const organization &from = c.w.submitter, &to = c.w.payer;
  while (c.under_claims() && c.under_size()) {
    c.env.begin_transaction("837", "", "005010X222A1");
    ++c.summary.transactions;
    c.seg("BHT", {"0019", "00", fmt::format("{}{:04}", c.date, c.summary.transactions), c.date,
                  c.time, "CH"});
    c.seg("NM1", {"41", "2", from.name, "", "", "", "", "46", from.id});
    c.seg("PER", {"IC", from.contact, "TE", from.phone});
    c.seg("NM1", {"40", "2", to.name, "", "", "", "", "46", to.id});
    // A transaction opens with the hierarchy of its first claim, even when
    // that claim continues a provider or subscriber from the last one.
    std::uint64_t hl = 0, provider_hl = 0, subscriber_hl = 0, in_transaction = 0;
    bool need_provider = true, need_subscriber = true, need_patient = true;
    while (in_transaction < c.options.claims_per_transaction && c.under_claims()) {
      s.advance();
      if (need_provider || s.starts_block()) {
        billing_provider_loop(c, provider_hl = ++hl, s.provider());
        need_provider = false;
        need_subscriber = true;
      }
      if (need_subscriber || s.starts_subscriber()) {
        subscriber_loop(c, subscriber_hl = ++hl, provider_hl, s);
        need_subscriber = false;
        need_patient = true;
      }
      if (s.has_dependents() && (need_patient || s.starts_patient()))
        patient_loop(c, ++hl, subscriber_hl, s);
      need_patient = false;
      claim_loop(c, s.current(), s.provider());
      ++in_transaction;
      ++c.summary.claims;
    }
    c.env.end_transaction();
  }
}

// --- 835 ---

void adjustments(context &c, const adjustment *list, unsigned count) {
  // One CAS per group code, its reasons in the order they were made.
  for (std::string_view group : {"CO", "PR", "OA"}) {
    std::array<std::string_view, 3> reason{};
    std::array<std::string, 3> amount;
    unsigned n = 0;
    for (unsigned i = 0; i < count; ++i)
      if (list[i].group == group) {
        reason[n] = list[i].reason;
        amount[n++] = money(list[i].amount);
      }
    if (n)
      c.seg("CAS", {group, reason[0], amount[0], "", reason[1], amount[1], "", reason[2],
                    amount[2]});
  }
}

void remit_claim(context &c, const claim_stream &s) {
  const claim &k = s.current();
  claim_payment pay = adjudicate(k, c.w.seed);
  c.seg("CLP", {k.id, pay.status, money(k.charge), money(pay.paid),
                pay.patient_share ? money(pay.patient_share) : "", "12", pay.control_number,
                k.place_of_service, "1"});
  adjustments(c, pay.adjustments.data(), pay.adjustment_count);
  const person &p = s.patient();
  if (s.has_dependents()) {
    c.seg("NM1", {"QC", "1", p.last, p.first, p.middle});
    const person &sub = s.subscriber();
    c.seg("NM1", {"IL", "1", sub.last, sub.first, sub.middle, "", "", "MI", s.member_id()});
  } else {
    c.seg("NM1", {"QC", "1", p.last, p.first, p.middle, "", "", "MI", s.member_id()});
  }
  c.seg("NM1", {"82", "1", k.rendering->last, k.rendering->first, "", "", "", "XX",
                k.rendering->npi});
  std::int64_t first = k.lines[0].date, last = first;
  for (unsigned i = 1; i < k.line_count; ++i) {
    first = std::min(first, k.lines[i].date);
    last = std::max(last, k.lines[i].date);
  }
  c.seg("DTM", {"232", ymd(first)});
  c.seg("DTM", {"233", ymd(last)});
  for (unsigned i = 0; i < k.line_count; ++i) {
    const service_line &l = k.lines[i];
    const line_payment &lp = pay.lines[i];
    c.seg("SVC", {c.procedure(l), money(l.charge), money(lp.paid), "",
                  l.units != 1 ? std::to_string(l.units) : ""});
    c.seg("DTM", {"472", ymd(l.date)});
    adjustments(c, lp.adjustments.data(), lp.adjustment_count);
    c.seg("REF", {"6R", k.line_control(i)});
    if (lp.allowed > 0)
      c.seg("AMT", {"B6", money(lp.allowed)});
  }
}

void write_835(context &c) {
  claim_stream s(c.w);
  s.advance();
  const organization &payer = c.w.payer;
  while (c.under_claims() && c.under_size()) {
    // One payment per run of claims from one provider. BPR02 comes first
    // but sums what follows, so walk a copy of the stream to total it.
    const billing_provider &payee = s.provider();
    std::uint64_t block = s.block(), limit = c.claims_left(), n = 0;
    std::int64_t paid = 0;
    for (claim_stream ahead = s; n < limit && ahead.block() == block; ahead.advance(), ++n)
      paid += adjudicate(ahead.current(), c.w.seed).paid;

    // Provider-level adjustments: an overpayment recovered (WO, reduces
    // the payment) or interest paid (L6, negative, adds to it).
    rng r(mix(c.w.seed, 0x706c62000000ULL + block));
    std::string plb_reason;
    std::int64_t plb = 0;
    if (r.percent(20)) {
      if (paid > 0 && r.percent(60)) {
        plb = std::min(paid, r.between(20, 400) * 100);
        plb_reason = c.composite({"WO", r.digits(14)});
      } else {
        plb = -r.between(5, 2000);
        plb_reason = "L6";
      }
    }
    std::int64_t total = paid - plb;
    std::string trace = r.digits(10);

    c.env.begin_transaction("835", "", ""); // the 835 guide has no ST03
    ++c.summary.transactions;
    std::string payer_tin = "1" + payer.ein;
    if (total == 0)
      c.seg("BPR", {"H", "0", "C", "NON", "", "", "", "", "", "", "", "", "", "", "", c.date});
    else if (payee.paid_by_check)
      c.seg("BPR", {"I", money(total), "C", "CHK", "", "", "", "", "", "", "", "", "", "", "",
                    c.date});
    else
      c.seg("BPR", {"I", money(total), "C", "ACH", "CCP", "01", payer.routing, "DA",
                    payer.account, payer_tin, "", "01", payee.routing, "DA", payee.account,
                    c.date});
    c.seg("TRN", {"1", trace, payer_tin});
    c.seg("DTM", {"405", c.date});
    c.seg("N1", {"PR", payer.name});
    c.address(payer.office, false);
    c.seg("PER", {"BL", payer.contact, "TE", payer.phone});
    c.seg("N1", {"PE", payee.name, "XX", payee.npi});
    c.address(payee.office, false);
    c.seg("REF", {"TJ", payee.ein});
    c.seg("LX", {"1"});
    for (std::uint64_t i = 0; i < n; ++i, s.advance()) {
      remit_claim(c, s);
      ++c.summary.claims;
    }
    if (plb != 0)
      c.seg("PLB", {payee.npi, c.date.substr(0, 4) + "1231", plb_reason, money(plb)});
    c.env.end_transaction();
  }
}


} // namespace

generate_summary generate(output_file &out, const generate_options &options,
                          envelope_settings &settings) {
  if (!options.claims && !options.size)
    throw error("set a number of claims or a size to generate");
  if (!options.claims_per_transaction)
    throw error("claims per transaction must be at least 1");
  std::int64_t today = settings.now / 86400 - (settings.now % 86400 < 0);
  world w(options.seed, today);
  bool remit = options.set == generated_set::remittance_835;

  writer wr(out, delimiters{}, "\n");
  envelope_writer env(wr, settings);
  const organization &from = remit ? w.payer : w.submitter;
  const organization &to = remit ? w.submitter : w.payer;
  interchange_header isa;
  isa.sender_qualifier = isa.receiver_qualifier = "ZZ";
  isa.sender_id = from.id;
  isa.receiver_id = to.id;
  isa.usage = "T"; // synthetic data must never pass for production
  env.begin_interchange(isa);
  group_header gs;
  gs.functional_id = std::string(remit ? "HP" : "HC");
  gs.sender = from.id;
  gs.receiver = to.id;
  gs.version = remit ? "005010X221A1" : "005010X222A1";
  env.begin_group(gs);

  context c{out, env, w, options, wr.delims().component, format_utc(settings.now, "%Y%m%d"),
            format_utc(settings.now, "%H%M"), {}};
  if (remit)
    write_835(c);
  else
    write_837(c);
  env.end_group();
  env.end_interchange();
  c.summary.bytes = out.bytes_written();
  return c.summary;
}

result<std::uint64_t> parse_byte_size(std::string_view text) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  std::string_view unit = text.substr(static_cast<std::size_t>(end - text.data()));
  if (!unit.empty() && (unit.back() == 'B' || unit.back() == 'b') && unit.size() == 2)
    unit.remove_suffix(1);
  unsigned shift = 0;
  if (unit.size() == 1) {
    switch (std::toupper(static_cast<unsigned char>(unit[0]))) {
    case 'K': shift = 10; break;
    case 'M': shift = 20; break;
    case 'G': shift = 30; break;
    default: shift = 64; break;
    }
  } else if (!unit.empty()) {
    shift = 64;
  }
  if (ec != std::errc{} || end == text.data() || shift == 64 || n > (~std::uint64_t(0) >> shift))
    return failure{fmt::format("'{}' is not a size: use bytes or a K, M or G suffix, e.g. 100M",
                               text)};
  return n << shift;
}

} // namespace x12
