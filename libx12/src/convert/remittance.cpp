#include "x12/remittance.h"

#include <array>
#include <optional>

#include "x12/csv.h"
#include "x12/decimal.h"
#include "x12/reader.h"
#include "x12/segment_fields.h"

namespace x12 {
namespace {

// An exact running sum that becomes unknown once a term is not a number.
class total {
public:
  void reset() noexcept {
    sum_ = decimal::zero(2);
    known_ = true;
  }
  void add(std::string_view amount) noexcept { add(decimal::parse(amount)); }
  void add(const std::optional<decimal> &amount) noexcept {
    known_ = known_ && amount && sum_.add(*amount);
  }
  std::string text() const { return known_ ? sum_.to_string() : std::string(); }

private:
  decimal sum_ = decimal::zero(2);
  bool known_ = true;
};

// The first `n` components of `composite`, split in one pass; empty past
// its last.
template <std::size_t n>
std::array<std::string_view, n> components(std::string_view composite, char sep) noexcept {
  std::array<std::string_view, n> out{};
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t end = composite.find(sep);
    out[i] = composite.substr(0, end);
    if (end == std::string_view::npos)
      break;
    composite.remove_prefix(end + 1);
  }
  return out;
}

enum class place { header, payer, payee, detail, claim, line };

class remittance_reader {
public:
  remittance_reader(const std::string &file, const remittance_callbacks &cb)
      : cb_(cb) {
    payment_.file = claim_.file = line_.file = file;
  }

  void start(const interchange_header &isa, const transaction_header &st) {
    payment_.interchange_control_number = isa.control_number;
    payment_.transaction_control_number = st.control_number;
    for (std::string *s : {&payment_.payer_name, &payment_.payer_id, &payment_.payee_name,
                           &payment_.payee_npi, &payment_.payment_method,
                           &payment_.payment_amount, &payment_.payment_date,
                           &payment_.trace_number})
      s->clear();
    payment_.claim_count = 0;
    plb_.reset();
    where_ = place::header;
    open_ = true;
  }

  void body(const segment &s) {
    segment_fields f(s.view);
    std::string_view id = f[0];
    if (id == "CLP")
      return start_claim(s, f);
    if (id == "SVC" && in_claim())
      return start_line(f);
    if (id == "CAS" && in_claim())
      return adjustments(f);
    if (id == "LX" || id == "PLB") {
      end_claim();
      where_ = place::detail;
      if (id == "PLB")
        for (std::size_t i = 4; i <= 14; i += 2)
          if (!f[i].empty())
            plb_.add(f[i]);
      return;
    }
    switch (where_) {
    case place::header:
    case place::payer:
    case place::payee:
      return header(f);
    case place::claim:
      return claim(f);
    case place::line:
      return line(f);
    case place::detail:
      return;
    }
  }

  // SE, or the transaction cut short by the next envelope segment.
  void finish(std::uint64_t &payments) {
    if (!open_)
      return;
    end_claim();
    payment_.provider_adjustment_total = plb_.text();
    if (cb_.payment)
      cb_.payment(payment_);
    ++payments;
    open_ = false;
  }

private:
  bool in_claim() const noexcept { return where_ == place::claim || where_ == place::line; }

  void header(const segment_fields &f) {
    std::string_view id = f[0];
    if (id == "BPR") {
      payment_.payment_amount = f[2];
      payment_.payment_method = f[4];
      assign_iso_date(payment_.payment_date, f[16]);
    } else if (id == "TRN") {
      payment_.trace_number = f[2];
    } else if (id == "N1" && f[1] == "PR") {
      where_ = place::payer;
      payment_.payer_name = f[2];
      payment_.payer_id = f[4];
    } else if (id == "N1" && f[1] == "PE") {
      where_ = place::payee;
      payment_.payee_name = f[2];
      payment_.payee_npi = f[3] == "XX" ? f[4] : std::string_view{};
    }
  }

  void start_claim(const segment &s, const segment_fields &f) {
    end_claim();
    where_ = place::claim;
    ++payment_.claim_count;
    claim_row &c = claim_;
    c.transaction_control_number = payment_.transaction_control_number;
    c.clp_offset = s.offset;
    c.trace_number = payment_.trace_number;
    c.payer_name = payment_.payer_name;
    c.claim_id = f[1];
    c.claim_status = f[2];
    c.charge_amount = f[3];
    c.paid_amount = f[4];
    c.patient_responsibility = f[5];
    c.claim_filing_indicator = f[6];
    c.payer_claim_control_number = f[7];
    c.facility_type = f[8];
    c.frequency = f[9];
    for (std::string *x : {&c.patient_last_name, &c.patient_first_name, &c.patient_member_id,
                           &c.service_date_start, &c.service_date_end, &c.received_date})
      x->clear();
    subscriber_id_.clear();
    claim_total_.reset();
    lines_ = 0;
  }

  void claim(const segment_fields &f) {
    std::string_view id = f[0];
    if (id == "NM1" && f[1] == "QC") {
      claim_.patient_last_name = f[3];
      claim_.patient_first_name = f[4];
      claim_.patient_member_id = f[9];
    } else if (id == "NM1" && f[1] == "IL") {
      subscriber_id_ = f[9];
    } else if (id == "DTM") {
      if (f[1] == "232")
        assign_iso_date(claim_.service_date_start, f[2]);
      else if (f[1] == "233")
        assign_iso_date(claim_.service_date_end, f[2]);
      else if (f[1] == "050")
        assign_iso_date(claim_.received_date, f[2]);
    } else if (id == "MIA") {
      for (std::size_t i : {5, 20, 21, 22, 23})
        remark(f[i]);
    } else if (id == "MOA") {
      for (std::size_t i = 3; i <= 7; ++i)
        remark(f[i]);
    }
  }

  void start_line(const segment_fields &f) {
    end_line();
    where_ = place::line;
    line_row &l = line_;
    l.transaction_control_number = payment_.transaction_control_number;
    l.clp_offset = claim_.clp_offset;
    l.claim_id = claim_.claim_id;
    l.line_number = ++lines_;
    const auto svc01 = components<6>(f[1], f.component_separator());
    l.procedure_qualifier = svc01[0];
    l.procedure_code = svc01[1];
    l.modifiers.clear();
    for (std::size_t c = 2; c < 6; ++c) {
      std::string_view m = svc01[c];
      if (m.empty())
        continue;
      if (!l.modifiers.empty())
        l.modifiers.push_back(':');
      l.modifiers.append(m);
    }
    l.revenue_code = f[4];
    if (l.revenue_code.empty() && l.procedure_qualifier == "NU")
      l.revenue_code = l.procedure_code;
    l.charge_amount = f[2];
    l.paid_amount = f[3];
    l.units = f[5];
    for (std::string *x : {&l.service_date, &l.allowed_amount, &l.line_control_number})
      x->clear();
    line_total_.reset();
  }

  void line(const segment_fields &f) {
    std::string_view id = f[0];
    if (id == "DTM" && (f[1] == "472" || (f[1] == "150" && line_.service_date.empty())))
      assign_iso_date(line_.service_date, f[2]);
    else if (id == "REF" && f[1] == "6R")
      line_.line_control_number = f[2];
    else if (id == "AMT" && f[1] == "B6")
      line_.allowed_amount = f[2];
    else if (id == "LQ")
      remark(f[2]);
  }

  void adjustments(const segment_fields &f) {
    adjustment_row a = row(adjustment_kind::adjustment);
    a.group_code = f[1];
    for (std::size_t i = 2; i <= 17; i += 3) {
      if (f[i].empty())
        continue;
      a.reason_code = f[i];
      a.amount = f[i + 1];
      a.quantity = f[i + 2];
      std::optional<decimal> amount = decimal::parse(a.amount);
      claim_total_.add(amount);
      if (where_ == place::line)
        line_total_.add(amount);
      if (cb_.adjustment)
        cb_.adjustment(a);
    }
  }

  void remark(std::string_view code) {
    if (code.empty() || !cb_.adjustment)
      return;
    adjustment_row a = row(adjustment_kind::remark);
    a.reason_code = code;
    cb_.adjustment(a);
  }

  adjustment_row row(adjustment_kind kind) const {
    adjustment_row a;
    a.file = claim_.file;
    a.transaction_control_number = claim_.transaction_control_number;
    a.clp_offset = claim_.clp_offset;
    a.claim_id = claim_.claim_id;
    a.line_number = where_ == place::line ? lines_ : 0;
    a.kind = kind;
    return a;
  }

  void end_line() {
    if (where_ != place::line)
      return;
    line_.adjustment_total = line_total_.text();
    if (cb_.line)
      cb_.line(line_);
    where_ = place::claim;
  }

  void end_claim() {
    if (!in_claim())
      return;
    end_line();
    if (claim_.patient_member_id.empty())
      claim_.patient_member_id = subscriber_id_;
    claim_.adjustment_total = claim_total_.text();
    if (cb_.claim)
      cb_.claim(claim_);
    where_ = place::detail;
  }

  const remittance_callbacks &cb_;
  payment_row payment_;
  claim_row claim_;
  line_row line_;
  std::string subscriber_id_;
  total plb_, claim_total_, line_total_;
  std::uint64_t lines_ = 0;
  place where_ = place::header;
  bool open_ = false;
};

} // namespace

std::string_view adjustment_group_description(std::string_view group_code) noexcept {
  if (group_code == "CO")
    return "Contractual Obligations";
  if (group_code == "CR")
    return "Corrections and Reversals";
  if (group_code == "OA")
    return "Other Adjustments";
  if (group_code == "PI")
    return "Payor Initiated Reductions";
  if (group_code == "PR")
    return "Patient Responsibility";
  return {};
}

remittance_summary read_remittances(input_buffer &in, const remittance_callbacks &callbacks,
                                    finding_sink sink) {
  remittance_summary summary;
  remittance_reader remit(in.name(), callbacks);
  summary.skipped = for_each_transaction(
      in, "835", std::move(sink),
      [&](const envelope_checker &env) { remit.start(env.interchange(), env.transaction()); },
      [&](const segment &s) { remit.body(s); }, [&] { remit.finish(summary.payments); });
  return summary;
}

} // namespace x12
