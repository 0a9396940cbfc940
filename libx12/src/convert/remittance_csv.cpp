#include "x12/remittance_csv.h"

#include <array>
#include <charconv>

namespace x12 {
namespace {

constexpr auto payment_columns = std::to_array<std::string_view>({
    "file", "interchange_control_number", "transaction_control_number", "payer_name",
    "payer_id", "payee_name", "payee_npi", "payment_method", "payment_amount",
    "payment_date", "trace_number", "claim_count", "provider_adjustment_total"});

constexpr auto claim_columns = std::to_array<std::string_view>({
    "file", "transaction_control_number", "clp_offset", "trace_number", "payer_name",
    "claim_id", "claim_status", "charge_amount", "paid_amount", "patient_responsibility",
    "claim_filing_indicator", "payer_claim_control_number", "facility_type", "frequency",
    "patient_last_name", "patient_first_name", "patient_member_id", "service_date_start",
    "service_date_end", "received_date", "adjustment_total"});

constexpr auto line_columns = std::to_array<std::string_view>({
    "file", "transaction_control_number", "clp_offset", "claim_id", "line_number",
    "procedure_qualifier", "procedure_code", "modifiers", "revenue_code", "charge_amount",
    "paid_amount", "units", "service_date", "allowed_amount", "line_control_number",
    "adjustment_total"});

constexpr auto adjustment_columns = std::to_array<std::string_view>({
    "file", "transaction_control_number", "clp_offset", "claim_id", "line_number", "kind",
    "group_code", "reason_code", "amount", "quantity", "group_description",
    "reason_description"});

// The text of the last number asked for: the rows of one claim repeat its
// offset (and those of one line its number), so it is formatted once, not
// once per row.
class number_text {
public:
  std::string_view operator()(std::uint64_t n) noexcept {
    if (n != value_) {
      text_ = csv_number(n);
      value_ = n;
    }
    return text_.view();
  }

private:
  std::uint64_t value_ = 0;
  csv_number text_{0};
};

} // namespace

std::optional<remittance_table> remittance_table_named(std::string_view name) noexcept {
  for (remittance_table t : {remittance_table::payments, remittance_table::claims,
                             remittance_table::lines, remittance_table::adjustments})
    if (name_of(t) == name)
      return t;
  return std::nullopt;
}

std::string_view name_of(remittance_table table) noexcept {
  switch (table) {
  case remittance_table::payments:
    return "payments";
  case remittance_table::claims:
    return "claims";
  case remittance_table::lines:
    return "lines";
  case remittance_table::adjustments:
    return "adjustments";
  }
  return {};
}

std::span<const std::string_view> remittance_columns(remittance_table table) noexcept {
  switch (table) {
  case remittance_table::payments:
    return payment_columns;
  case remittance_table::claims:
    return claim_columns;
  case remittance_table::lines:
    return line_columns;
  case remittance_table::adjustments:
    return adjustment_columns;
  }
  return {};
}

remittance_csv::remittance_csv(const remittance_outputs &outputs, const code_set *codes) {
  if (outputs.payments) {
    payments_.emplace(*outputs.payments, payment_columns);
    callbacks_.payment = [w = &*payments_](const payment_row &p) {
      csv_number claims(p.claim_count);
      std::array<std::string_view, payment_columns.size()> row = {
          p.file, p.interchange_control_number, p.transaction_control_number, p.payer_name,
          p.payer_id, p.payee_name, p.payee_npi, p.payment_method, p.payment_amount,
          p.payment_date, p.trace_number, claims.view(), p.provider_adjustment_total};
      w->row(row);
    };
  }
  if (outputs.claims) {
    claims_.emplace(*outputs.claims, claim_columns);
    callbacks_.claim = [w = &*claims_](const claim_row &c) {
      csv_number offset(c.clp_offset);
      std::array<std::string_view, claim_columns.size()> row = {
          c.file, c.transaction_control_number, offset.view(), c.trace_number,
          c.payer_name, c.claim_id, c.claim_status, c.charge_amount, c.paid_amount,
          c.patient_responsibility, c.claim_filing_indicator, c.payer_claim_control_number,
          c.facility_type, c.frequency, c.patient_last_name, c.patient_first_name,
          c.patient_member_id, c.service_date_start, c.service_date_end, c.received_date,
          c.adjustment_total};
      w->row(row);
    };
  }
  if (outputs.lines) {
    lines_.emplace(*outputs.lines, line_columns);
    callbacks_.line = [w = &*lines_, offset = number_text()](const line_row &l) mutable {
      csv_number line(l.line_number);
      std::array<std::string_view, line_columns.size()> row = {
          l.file, l.transaction_control_number, offset(l.clp_offset), l.claim_id, line.view(),
          l.procedure_qualifier, l.procedure_code, l.modifiers, l.revenue_code,
          l.charge_amount, l.paid_amount, l.units, l.service_date, l.allowed_amount,
          l.line_control_number, l.adjustment_total};
      w->row(row);
    };
  }
  if (outputs.adjustments) {
    const code_table *carc = codes ? codes->table("carc") : nullptr;
    const code_table *rarc = codes ? codes->table("rarc") : nullptr;
    adjustments_.emplace(*outputs.adjustments, adjustment_columns);
    callbacks_.adjustment = [w = &*adjustments_, carc, rarc, offset = number_text(),
                             line = number_text()](const adjustment_row &a) mutable {
      bool remark = a.kind == adjustment_kind::remark;
      std::array<std::string_view, adjustment_columns.size()> row = {
          a.file, a.transaction_control_number, offset(a.clp_offset), a.claim_id,
          a.line_number ? line(a.line_number) : std::string_view{},
          remark ? "remark" : "adjustment", a.group_code, a.reason_code, a.amount, a.quantity,
          adjustment_group_description(a.group_code),
          code_description(remark ? rarc : carc, a.reason_code)};
      w->row(row);
    };
  }
}

} // namespace x12
