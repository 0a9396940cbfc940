#include "x12/code_import.h"

#include <algorithm>
#include <cstdint>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "x12/error.h"
#include "x12/output.h"

namespace x12 {
namespace {

bool digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

// One line of the order file: the code when it is billable, empty when not.
// A line out of layout stops the import: a table half read is worse than none.
std::string_view billable_code(std::string_view line, const std::string &path, unsigned number) {
  // "00001 A00     0 Cholera ..." : order 0-4, code 6-12, flag 14, short 16-75.
  auto fail = [&](const char *why) -> std::string_view {
    throw error(std::string("not an ICD-10-CM order file line: ") + why, {path, 0, number, 1});
  };
  if (line.size() < 16)
    fail("shorter than its order number, code and valid flag");
  if (!digits(line.substr(0, 5)) || line[5] != ' ' || line[13] != ' ' || line[15] != ' ')
    fail("expected a 5-digit order number, then the code in columns 7-13 and the valid flag in 15");
  std::string_view code = line.substr(6, 7);
  while (!code.empty() && code.back() == ' ')
    code.remove_suffix(1);
  if (code.size() < 3 ||
      !std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c); }))
    fail("the code is not 3 to 7 letters and digits");
  if (line[14] != '0' && line[14] != '1')
    fail("the valid flag is not 0 or 1");
  return line[14] == '1' ? code : std::string_view();
}

} // namespace

std::vector<std::string> read_icd10cm_order(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw error("cannot be read", {path});
  std::vector<std::string> codes;
  std::string line;
  unsigned number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue;
    if (std::string_view code = billable_code(line, path, number); !code.empty())
      codes.emplace_back(code);
  }
  if (in.bad())
    throw error("cannot be read", {path});
  if (codes.empty())
    throw error("holds no billable (valid flag 1) codes", {path});
  // The loader skips its own sort when the file is in byte order already.
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  return codes;
}

std::vector<code_row> rows_of(const std::vector<std::string> &codes) {
  std::vector<code_row> rows;
  rows.reserve(codes.size());
  for (const std::string &c : codes)
    rows.push_back({c, {}, {}, {}});
  return rows;
}

std::vector<code_row>
icd10cm_years(const std::vector<std::pair<unsigned, std::vector<std::string>>> &years) {
  for (std::size_t i = 1; i < years.size(); ++i)
    if (years[i].first == years[i - 1].first)
      throw error("fiscal year " + std::to_string(years[i].first) + " is given twice");
    else if (years[i].first != years[i - 1].first + 1)
      throw error("fiscal years " + std::to_string(years[i - 1].first) + " and " +
                  std::to_string(years[i].first) +
                  " do not follow one another: give every year between, in order");
  // Each code with the years it is in, as bits (years.size() is small).
  std::vector<std::pair<std::string, std::uint64_t>> all;
  for (std::size_t y = 0; y < years.size(); ++y)
    for (const std::string &c : years[y].second)
      all.emplace_back(c, std::uint64_t(1) << y);
  std::sort(all.begin(), all.end());
  std::vector<code_row> rows;
  const std::uint64_t every = (std::uint64_t(1) << years.size()) - 1;
  for (std::size_t i = 0; i < all.size();) {
    std::uint64_t in = 0;
    std::size_t j = i;
    for (; j < all.size() && all[j].first == all[i].first; ++j)
      in |= all[j].second;
    if (in == every) {
      rows.push_back({all[i].first, {}, {}, {}});
    } else {
      for (std::size_t y = 0; y < years.size();) {
        if (!(in >> y & 1)) {
          ++y;
          continue;
        }
        std::size_t end = y;
        while (end + 1 < years.size() && (in >> (end + 1) & 1))
          ++end;
        rows.push_back({all[i].first, {}, icd10cm_fiscal_year(years[y].first).effective,
                        icd10cm_fiscal_year(years[end].first).termination});
        y = end + 1;
      }
    }
    i = j;
  }
  return rows;
}

code_table_source icd10cm_fiscal_years(unsigned first, unsigned last) {
  code_table_source s = icd10cm_fiscal_year(first);
  if (last != first) {
    s.vintage += "-FY" + std::to_string(last);
    s.termination = icd10cm_fiscal_year(last).termination;
  }
  return s;
}

code_table_source icd10cm_fiscal_year(unsigned year) {
  code_table_source s;
  s.title = "ICD-10-CM";
  s.vintage = "FY" + std::to_string(year);
  s.effective = std::to_string(year - 1) + "-10-01";
  s.termination = std::to_string(year) + "-09-30";
  return s;
}

unsigned fiscal_year_in_name(std::string_view path) {
  std::string_view name = path.substr(path.find_last_of('/') + 1);
  for (std::size_t i = 0; i + 4 <= name.size(); ++i) {
    std::string_view four = name.substr(i, 4);
    bool bounded = (i == 0 || !std::isdigit(static_cast<unsigned char>(name[i - 1]))) &&
                   (i + 4 == name.size() || !std::isdigit(static_cast<unsigned char>(name[i + 4])));
    if (bounded && digits(four))
      return static_cast<unsigned>(std::stoul(std::string(four)));
  }
  return 0;
}

void write_code_table(const std::string &dir, const std::string &name,
                      const std::vector<code_row> &rows, const code_table_source &source) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw error("cannot make the folder: " + ec.message(), {dir});
  const std::string base = (std::filesystem::path(dir) / name).string();
  output_file csv(base + ".csv");
  const bool dated = std::any_of(rows.begin(), rows.end(), [](const code_row &r) {
    return !r.effective.empty() || !r.termination.empty();
  });
  csv.write(dated ? "code,effective,termination\n" : "code\n");
  for (const code_row &r : rows) {
    csv.write(r.code);
    if (dated) {
      csv.put(',');
      csv.write(r.effective);
      csv.put(',');
      csv.write(r.termination);
    }
    csv.put('\n');
  }
  output_file about(base + ".source");
  for (auto [key, value] : {std::pair{"title", &source.title},
                            {"source", &source.source},
                            {"vintage", &source.vintage},
                            {"effective", &source.effective},
                            {"termination", &source.termination}})
    if (!value->empty()) {
      about.write(key);
      about.write(": ");
      about.write(*value);
      about.put('\n');
    }
  csv.commit();
  about.commit();
}

} // namespace x12
