#include "x12/eligibility_tables_csv.h"

#include <array>

namespace x12 {
namespace {

constexpr auto benefit_header = std::to_array<std::string_view>({
    "file", "transaction_control_number", "eb_offset", "payer_name", "payer_id",
    "provider_name", "provider_npi", "member_level", "member_last_name", "member_first_name",
    "member_id", "eligibility_or_benefit", "coverage_level", "service_types",
    "insurance_type", "plan_description", "time_period", "amount", "percent",
    "quantity_qualifier", "quantity", "authorization_required", "in_network", "procedure",
    "messages", "plan_dates", "rejection_reasons", "trace_number", "member_dates"});

} // namespace

std::optional<eligibility_table> eligibility_table_named(std::string_view name) noexcept {
  if (name == name_of(eligibility_table::benefits))
    return eligibility_table::benefits;
  return std::nullopt;
}

std::string_view name_of(eligibility_table table) noexcept {
  switch (table) {
  case eligibility_table::benefits:
    return "benefits";
  }
  return {};
}

std::span<const std::string_view> eligibility_columns(eligibility_table table) noexcept {
  switch (table) {
  case eligibility_table::benefits:
    return benefit_header;
  }
  return {};
}

eligibility_csv::eligibility_csv(const eligibility_outputs &outputs) {
  if (!outputs.benefits)
    return;
  benefits_.emplace(*outputs.benefits, benefit_header);
  callbacks_.benefit = [w = &*benefits_](const benefit_row &b) {
    csv_number offset(b.eb_offset);
    std::array<std::string_view, benefit_header.size()> row = {
        b.file, b.transaction_control_number, b.eb_offset ? offset.view() : std::string_view{},
        b.payer_name, b.payer_id, b.provider_name, b.provider_npi, b.member_level,
        b.member_last_name, b.member_first_name, b.member_id, b.eligibility_or_benefit,
        b.coverage_level, b.service_types, b.insurance_type, b.plan_description,
        b.time_period, b.amount, b.percent, b.quantity_qualifier, b.quantity,
        b.authorization_required, b.in_network, b.procedure, b.messages, b.plan_dates,
        b.rejection_reasons, b.trace_number, b.member_dates};
    w->row(row);
  };
}

} // namespace x12
