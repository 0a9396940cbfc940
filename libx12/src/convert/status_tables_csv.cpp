#include "x12/status_tables_csv.h"

#include <array>

namespace x12 {
namespace {

constexpr auto status_header = std::to_array<std::string_view>({
    "file", "transaction_control_number", "stc_offset", "level", "payer_name",
    "provider_name", "provider_npi", "patient_last_name", "patient_first_name",
    "patient_member_id", "claim_id", "payer_claim_control_number", "status_category",
    "status_code", "entity", "status_category_2", "status_code_2", "entity_2",
    "status_category_3", "status_code_3", "entity_3", "effective_date", "action_code",
    "charge_amount", "paid_amount", "service_date_start", "service_date_end",
    "line_procedure", "line_charge", "line_control_number", "message",
    "category_description", "status_description"});

} // namespace

std::optional<status_table> status_table_named(std::string_view name) noexcept {
  if (name == name_of(status_table::statuses))
    return status_table::statuses;
  return std::nullopt;
}

std::string_view name_of(status_table table) noexcept {
  switch (table) {
  case status_table::statuses:
    return "statuses";
  }
  return {};
}

std::span<const std::string_view> status_columns(status_table table) noexcept {
  switch (table) {
  case status_table::statuses:
    return status_header;
  }
  return {};
}

status_tables_csv::status_tables_csv(const status_outputs &outputs, const code_set *codes) {
  if (!outputs.statuses)
    return;
  const code_table *categories = codes ? codes->table("claim_status_category") : nullptr;
  const code_table *statuses = codes ? codes->table("claim_status") : nullptr;
  statuses_.emplace(*outputs.statuses, status_header);
  callbacks_.status = [w = &*statuses_, categories, statuses](const status_row &s) {
    csv_number offset(s.stc_offset);
    std::array<std::string_view, status_header.size()> row = {
        s.file, s.transaction_control_number, offset.view(), name_of(s.level), s.payer_name,
        s.provider_name, s.provider_npi, s.patient_last_name, s.patient_first_name,
        s.patient_member_id, s.claim_id, s.payer_claim_control_number, s.status.category,
        s.status.code, s.status.entity, s.status_2.category, s.status_2.code,
        s.status_2.entity, s.status_3.category, s.status_3.code, s.status_3.entity,
        s.effective_date, s.action_code, s.charge_amount, s.paid_amount,
        s.service_date_start, s.service_date_end, s.line_procedure, s.line_charge,
        s.line_control_number, s.message, code_description(categories, s.status.category),
        s.status.code_list.empty() ? code_description(statuses, s.status.code)
                                   : std::string_view{}};
    w->row(row);
  };
}

} // namespace x12
