#include "x12/ack_277ca.h"

#include <chrono>

#include <fmt/format.h>

#include "x12/finding_codes.h"
#include "x12/segment_fields.h"

#include "ack/reply_envelope.h"

namespace x12 {
namespace {

// CCYY-MM-DD (the billed claim's form) back to CCYYMMDD; empty when it is
// no day of the calendar (a claim rejected for its date keeps it out).
std::string x12_date(const std::string &iso) {
  std::string d;
  for (char c : iso)
    if (c >= '0' && c <= '9')
      d.push_back(c);
  if (d.size() != 8 || iso.size() != 10)
    return {};
  const int y = std::stoi(d.substr(0, 4));
  const unsigned m = unsigned(std::stoi(d.substr(4, 2))), day = unsigned(std::stoi(d.substr(6, 2)));
  return std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m),
                                     std::chrono::day(day))
                 .ok()
             ? d
             : std::string();
}

std::string amount(const std::optional<decimal> &d) { return d ? d->to_string() : "0"; }

// DTP*472: one day (D8) or a range (RD8).
void service_dates(envelope_writer &env, const std::string &from, const std::string &to) {
  if (to.empty() || to == from)
    env.body("DTP", {"472", "D8", from});
  else
    env.body("DTP", {"472", "RD8", from + "-" + to});
}

struct party {
  std::string name, first, qualifier, id;
};

} // namespace

// What the 277CA says of one claim, copied out of its verdict: the unit and
// billed claim live only while the verdict callback runs.
struct ack_277ca_builder::pending_claim {
  struct status {
    std::string code; // STC01: category:status[:entity]
    int line = -1;    // index into lines, or -1 for the claim
  };
  struct line {
    std::string procedure, charge, units, control_number, from, to;
  };
  // The transaction's header, the same for every claim of it.
  std::string reference, made_on; // BHT03, BHT04
  party submitter, receiver;      // 1000A, 1000B
  std::uint64_t provider_key = 0; // the 2000A loop's offset
  party provider;
  std::string provider_tax_id;
  party patient;
  std::string claim_id, charge, trace, from, to;
  std::optional<decimal> charge_value;
  bool rejected = false;
  std::vector<status> statuses;
  std::vector<line> lines;
};

ack_277ca_builder::ack_277ca_builder(writer &w, envelope_settings &settings, bool accepted)
    : env_(w, settings), settings_(settings), accepted_(accepted) {}
ack_277ca_builder::~ack_277ca_builder() = default;

void ack_277ca_builder::on_interchange_start(const interchange_header &h) {
  flush_transaction();
  close_interchange();
  isa_ = h;
}

void ack_277ca_builder::on_group_start(const group_header &) {
  flush_transaction();
  if (gs_open_)
    env_.end_group();
  gs_open_ = false;
}

void ack_277ca_builder::close_interchange() {
  if (gs_open_)
    env_.end_group();
  if (isa_open_)
    env_.end_interchange();
  gs_open_ = isa_open_ = false;
}

namespace {

// The status a finding rejects a claim with, from its registry entry; the
// entity, where the status needs one the code cannot know, is the NM101 of
// the segment the finding is on.
std::string status_of(const finding &f, const claim_unit &u) {
  const finding_code *code = find_finding_code(f.code);
  claim_status_mapping m = code ? code->claim_status : claim_status_mapping{};
  if (m.empty())
    return "A7:21";
  std::string out = fmt::format("{}:{}", m.category, m.status);
  std::string entity(m.entity);
  if (m.entity_from_segment) {
    auto look = [&](const unit_loop &l) {
      for (const held_segment &h : l.segments)
        if (h.offset == f.where.offset && l.view(h).is("NM1"))
          entity = std::string(l.view(h)[1]);
    };
    look(u.claim);
    for (const auto &c : u.context)
      look(*c);
  }
  if (!entity.empty())
    out += ":" + entity;
  return out;
}

party nm1_party(const unit_loop &l, std::string_view loop_id) {
  for (const held_segment &h : l.segments)
    if (h.loop && h.loop->id == loop_id && l.view(h).is("NM1")) {
      segment_fields f(l.view(h));
      return {std::string(f[3]), std::string(f[4]), std::string(f[8]), std::string(f[9])};
    }
  return {};
}

} // namespace

void ack_277ca_builder::add(const claim_verdict &v) {
  const claim_unit &u = *v.unit;
  const billed_claim &c = *v.claim;
  if (u.envelope.transaction_ordinal != transaction_)
    flush_transaction();
  transaction_ = u.envelope.transaction_ordinal;
  // The guide balances QTY against the claims listed: an accepted claim
  // not listed is not counted either.
  if (!v.rejected && !accepted_)
    return;
  pending_claim p;
  if (!u.context.empty()) {
    const unit_loop &header = *u.context.front();
    for (const held_segment &h : header.segments)
      if (header.view(h).is("BHT")) {
        segment_fields f(header.view(h));
        p.reference = std::string(f[3]);
        p.made_on = std::string(f[4]);
      }
    p.submitter = nm1_party(header, "1000A");
    p.receiver = nm1_party(header, "1000B");
  }
  p.provider_key = u.context.size() > 1 ? u.context[1]->offset : 0;
  p.provider = {c.billing_provider.last_or_organization, c.billing_provider.first,
                c.billing_provider.id_qualifier, c.billing_provider.id};
  p.provider_tax_id = c.billing_tax_id;
  const named_party &pt = c.patient.id.empty() ? c.subscriber : c.patient;
  p.patient = {c.patient.last_or_organization, c.patient.first, "MI", pt.id};
  p.claim_id = c.claim_id;
  p.charge_value = c.charge;
  p.charge = amount(c.charge);
  p.from = x12_date(c.service_date_from);
  p.to = x12_date(c.service_date_to);
  for (const held_segment &h : u.claim.segments)
    if (h.loop && h.loop->id == "2300" && u.claim.view(h).is("REF") && u.claim.view(h)[1] == "D9")
      p.trace = std::string(u.claim.view(h)[2]);
  p.rejected = v.rejected;
  for (const finding &f : v.edits) {
    if (f.level != severity::error)
      continue;
    pending_claim::status s{status_of(f, u)};
    if (const billed_line *l = f.claim_index == u.index ? line_at(c, f.where.offset) : nullptr)
      s.line = int(l - c.lines.data());
    bool seen = false;
    for (const auto &other : p.statuses)
      seen = seen || (other.code == s.code && other.line == s.line);
    if (!seen)
      p.statuses.push_back(std::move(s));
  }
  for (const billed_line &l : c.lines) {
    std::string proc = l.procedure_qualifier + ":" + l.procedure_code;
    for (const std::string &m : l.modifiers)
      proc += ":" + m;
    p.lines.push_back({proc, amount(l.charge), l.units ? l.units->to_string() : "",
                       l.line_control_number, x12_date(l.service_date_from),
                       x12_date(l.service_date_to)});
  }
  pending_.push_back(std::move(p));
}

void ack_277ca_builder::flush_transaction() {
  if (pending_.empty())
    return;
  const pending_claim *first = &pending_.front();
  if (!isa_open_) {
    env_.begin_interchange(detail::reply_interchange(isa_));
    isa_open_ = true;
  }
  if (!gs_open_) {
    group_header g;
    g.functional_id = "HN";
    g.sender = isa_.receiver_id;
    g.receiver = isa_.sender_id;
    g.agency = "X";
    g.version = "005010X214";
    env_.begin_group(g);
    gs_open_ = true;
  }
  const std::string today = format_utc(settings_.now, "%Y%m%d");
  const std::string time = format_utc(settings_.now, "%H%M%S");

  std::uint64_t accepted = 0, rejected = 0;
  decimal accepted_amount = decimal::zero(2), rejected_amount = decimal::zero(2), total = decimal::zero(2);
  for (const pending_claim &p : pending_) {
    const decimal charge = p.charge_value.value_or(decimal::zero(2));
    (void)total.add(charge);
    if (p.rejected) {
      ++rejected;
      (void)rejected_amount.add(charge);
    } else {
      ++accepted;
      (void)accepted_amount.add(charge);
    }
  }

  env_.begin_transaction("277", "", "005010X214");
  env_.body("BHT", {"0085", "08", first->reference, today, time, "TH"});
  env_.body("HL", {"1", "", "20", "1"});
  env_.body("NM1", {"AY", "2", first->receiver.name, "", "", "", "", "46", first->receiver.id});
  env_.body("TRN", {"1", first->reference});
  env_.body("DTP", {"050", "D8", first->made_on});
  env_.body("DTP", {"009", "D8", today});
  env_.body("HL", {"2", "1", "21", "1"});
  env_.body("NM1", {"41", "2", first->submitter.name, "", "", "", "", "46", first->submitter.id});
  env_.body("TRN", {"2", first->reference});
  env_.body("STC", {"A1:19:PR", today, "WQ", total.to_string()});
  if (accepted)
    env_.body("QTY", {"90", std::to_string(accepted)});
  if (rejected)
    env_.body("QTY", {"AA", std::to_string(rejected)});
  if (accepted)
    env_.body("AMT", {"YU", accepted_amount.to_string()});
  if (rejected)
    env_.body("AMT", {"YY", rejected_amount.to_string()});

  std::uint64_t hl = 2, provider_hl = 0;
  std::uint64_t provider_key = ~std::uint64_t{0};
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const pending_claim &p = pending_[i];
    if (p.provider_key != provider_key) {
      provider_key = p.provider_key;
      provider_hl = ++hl;
      std::uint64_t ok = 0, bad = 0;
      decimal ok_amount = decimal::zero(2), bad_amount = decimal::zero(2);
      for (const pending_claim &q : pending_)
        if (q.provider_key == provider_key) {
          const decimal charge = q.charge_value.value_or(decimal::zero(2));
          (void)(q.rejected ? bad_amount : ok_amount).add(charge);
          ++(q.rejected ? bad : ok);
        }
      env_.body("HL", {std::to_string(provider_hl), "2", "19", "1"});
      env_.body("NM1", {"85", p.provider.first.empty() ? "2" : "1", p.provider.name,
                        p.provider.first, "", "", "", p.provider.qualifier, p.provider.id});
      env_.body("TRN", {"1", "0"});
      decimal all = ok_amount;
      (void)all.add(bad_amount);
      env_.body("STC", {"A1:19:85", "", "WQ", all.to_string()});
      if (!p.provider_tax_id.empty())
        env_.body("REF", {"TJ", p.provider_tax_id});
      if (ok)
        env_.body("QTY", {"QA", std::to_string(ok)});
      if (bad)
        env_.body("QTY", {"QC", std::to_string(bad)});
      if (ok)
        env_.body("AMT", {"YU", ok_amount.to_string()});
      if (bad)
        env_.body("AMT", {"YY", bad_amount.to_string()});
    }
    env_.body("HL", {std::to_string(++hl), std::to_string(provider_hl), "PT"});
    env_.body("NM1", {"QC", "1", p.patient.name, p.patient.first, "", "", "",
                      p.patient.id.empty() ? "" : p.patient.qualifier, p.patient.id});
    env_.body("TRN", {"2", p.claim_id});
    if (!p.rejected) {
      env_.body("STC", {"A2:20", today, "WQ", p.charge});
    } else {
      bool any = false;
      for (const auto &s : p.statuses)
        if (s.line < 0) {
          env_.body("STC", {s.code, today, "U", p.charge});
          any = true;
        }
      if (!any) // every edit is on a line: the claim is rejected for the first
        env_.body("STC", {p.statuses.front().code, today, "U", p.charge});
    }
    if (!p.trace.empty())
      env_.body("REF", {"D9", p.trace});
    // The guide requires the claim's service date; one rejected for a date
    // that is no day has the 837's date (BHT04) in its place.
    if (p.from.empty())
      service_dates(env_, p.made_on, {});
    else
      service_dates(env_, p.from, p.to);
    for (std::size_t l = 0; l < p.lines.size(); ++l) {
      bool on_line = false;
      for (const auto &s : p.statuses)
        on_line = on_line || s.line == int(l);
      if (!on_line)
        continue;
      const auto &line = p.lines[l];
      env_.body("SVC", {line.procedure, line.charge, "", "", "", "", line.units});
      for (const auto &s : p.statuses)
        if (s.line == int(l))
          env_.body("STC", {s.code, today, "U"});
      if (!line.control_number.empty())
        env_.body("REF", {"FJ", line.control_number});
      if (!line.from.empty())
        service_dates(env_, line.from, line.to);
    }
  }
  env_.end_transaction();
  pending_.clear();
}

void ack_277ca_builder::finish() {
  flush_transaction();
  close_interchange();
}

} // namespace x12
