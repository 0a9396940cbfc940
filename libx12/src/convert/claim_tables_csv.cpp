#include "x12/claim_tables_csv.h"

#include <array>
#include <charconv>

namespace x12 {
namespace {

constexpr auto claim_header = std::to_array<std::string_view>({
    "file", "interchange_control_number", "group_control_number",
    "transaction_control_number", "clm_offset", "claim_type", "claim_id", "total_charge",
    "place_of_service", "facility_type", "facility_code_qualifier", "frequency",
    "billing_provider_name", "billing_provider_npi", "billing_provider_tax_id",
    "rendering_provider_npi", "referring_provider_npi", "service_facility_npi", "payer_name",
    "payer_id", "subscriber_member_id", "subscriber_last_name", "subscriber_first_name",
    "patient_last_name", "patient_first_name", "patient_birth_date", "patient_gender",
    "claim_filing_indicator", "service_date_start", "service_date_end",
    "prior_authorization", "payer_claim_control_number", "line_count"});

constexpr auto line_header = std::to_array<std::string_view>({
    "file", "interchange_control_number", "group_control_number",
    "transaction_control_number", "clm_offset", "claim_id", "line_number",
    "procedure_qualifier", "procedure_code", "modifiers", "revenue_code", "charge_amount",
    "units_qualifier", "units", "place_of_service", "diagnosis_pointers", "service_date",
    "line_control_number", "rendering_provider_npi", "ndc", "tooth"});

constexpr auto diagnosis_header = std::to_array<std::string_view>({
    "file", "interchange_control_number", "group_control_number",
    "transaction_control_number", "clm_offset", "claim_id", "sequence", "qualifier",
    "code", "principal", "present_on_admission"});


} // namespace

std::optional<claim_table> claim_table_named(std::string_view name) noexcept {
  for (claim_table t : {claim_table::claims, claim_table::lines, claim_table::diagnoses})
    if (name_of(t) == name)
      return t;
  return std::nullopt;
}

std::string_view name_of(claim_table table) noexcept {
  switch (table) {
  case claim_table::claims:
    return "claims";
  case claim_table::lines:
    return "lines";
  case claim_table::diagnoses:
    return "diagnoses";
  }
  return {};
}

std::span<const std::string_view> claim_columns(claim_table table) noexcept {
  switch (table) {
  case claim_table::claims:
    return claim_header;
  case claim_table::lines:
    return line_header;
  case claim_table::diagnoses:
    return diagnosis_header;
  }
  return {};
}

claim_tables_csv::claim_tables_csv(const claim_outputs &outputs) {
  if (outputs.claims) {
    claims_.emplace(*outputs.claims, claim_header);
    callbacks_.claim = [w = &*claims_](const billed_claim_row &c) {
      csv_number offset(c.clm_offset), lines(c.line_count);
      std::array<std::string_view, claim_header.size()> row = {
          c.file, c.interchange_control_number, c.group_control_number,
          c.transaction_control_number, offset.view(), c.claim_type, c.claim_id,
          c.total_charge, c.place_of_service, c.facility_type, c.facility_code_qualifier,
          c.frequency, c.billing_provider_name, c.billing_provider_npi,
          c.billing_provider_tax_id, c.rendering_provider_npi, c.referring_provider_npi,
          c.service_facility_npi, c.payer_name, c.payer_id, c.subscriber_member_id,
          c.subscriber_last_name, c.subscriber_first_name, c.patient_last_name,
          c.patient_first_name, c.patient_birth_date, c.patient_gender,
          c.claim_filing_indicator, c.service_date_start, c.service_date_end,
          c.prior_authorization, c.payer_claim_control_number, lines.view()};
      w->row(row);
    };
  }
  if (outputs.lines) {
    lines_.emplace(*outputs.lines, line_header);
    callbacks_.line = [w = &*lines_](const billed_line_row &l) {
      csv_number offset(l.clm_offset);
      std::array<std::string_view, line_header.size()> row = {
          l.file, l.interchange_control_number, l.group_control_number,
          l.transaction_control_number, offset.view(), l.claim_id, l.line_number,
          l.procedure_qualifier, l.procedure_code, l.modifiers, l.revenue_code,
          l.charge_amount, l.units_qualifier, l.units, l.place_of_service,
          l.diagnosis_pointers, l.service_date, l.line_control_number,
          l.rendering_provider_npi, l.ndc, l.tooth};
      w->row(row);
    };
  }
  if (outputs.diagnoses) {
    diagnoses_.emplace(*outputs.diagnoses, diagnosis_header);
    callbacks_.diagnosis = [w = &*diagnoses_](const diagnosis_row &d) {
      csv_number offset(d.clm_offset), sequence(d.sequence);
      std::array<std::string_view, diagnosis_header.size()> row = {
          d.file, d.interchange_control_number, d.group_control_number,
          d.transaction_control_number, offset.view(), d.claim_id, sequence.view(),
          d.qualifier, d.code, d.principal ? "yes" : "no", d.present_on_admission};
      w->row(row);
    };
  }
}

} // namespace x12
