#include "age_sex_edit.h"

#include <fmt/format.h>
#include <optional>

#include "claim_edits.h"
#include "core/finding_code_table.h"

namespace x12::scrub_detail {
namespace {

// Whole years from `birth` to `day`, both YYYY-MM-DD; none when either is not a date.
std::optional<int> age_on(std::string_view birth, std::string_view day) {
  if (!is_iso_date(birth) || !is_iso_date(day))
    return std::nullopt;
  auto num = [](std::string_view s, std::size_t at, std::size_t n) {
    int v = 0;
    for (char ch : s.substr(at, n))
      v = v * 10 + (ch - '0');
    return v;
  };
  int years = num(day, 0, 4) - num(birth, 0, 4);
  if (day.substr(5) < birth.substr(5))
    --years;
  return years;
}

std::string ages_of(const age_sex_limit &l) {
  if (l.min_age && l.max_age)
    return fmt::format("aged {} to {}", *l.min_age, *l.max_age);
  if (l.min_age)
    return fmt::format("aged {} and over", *l.min_age);
  return fmt::format("aged up to {}", *l.max_age);
}

} // namespace

void check_age_sex(const age_sex_table &table, const claim_unit &u, const billed_claim &c,
                   bool show_phi, const finding &base, std::vector<finding> &out) {
  const char sex = c.patient_sex == "M" ? 'M' : c.patient_sex == "F" ? 'F' : 0;
  const std::optional<int> age = age_on(c.patient_birth_date, c.service_date_from);
  auto check = [&](std::string_view list, const std::string &code, const billed_line *line) {
    const age_sex_limit *l = table.find(list, code);
    if (!l)
      return;
    if (l->sex && sex && l->sex != sex) {
      finding f = coded(base, detail::registered_code("sex-conflict"),
                        fmt::format("{} {} is for {} patients (the age and sex table); the "
                                    "patient is {}",
                                    list, code, l->sex == 'M' ? "male" : "female", sex));
      if (line)
        place_on_line(f, u, *line);
      out.push_back(std::move(f));
    }
    if (age && ((l->min_age && *age < static_cast<int>(*l->min_age)) ||
                (l->max_age && *age > static_cast<int>(*l->max_age)))) {
      finding f = coded(base, detail::registered_code("age-conflict"),
                        fmt::format("{} {} is for patients {} (the age and sex table); the "
                                    "patient's age on the date of service{} is outside it",
                                    list, code, ages_of(*l),
                                    show_phi ? fmt::format(" ({})", *age) : std::string()));
      if (line)
        place_on_line(f, u, *line);
      out.push_back(std::move(f));
    }
  };
  for (const billed_diagnosis &d : c.diagnoses)
    check("diagnosis", d.code, nullptr);
  for (const billed_line &line : c.lines)
    check("procedure", line.procedure_code, &line);
}

} // namespace x12::scrub_detail
