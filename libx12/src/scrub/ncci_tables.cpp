#include "x12/ncci.h"

#include <algorithm>

#include <fmt/format.h>

#include "x12/input.h"

namespace x12 {
namespace {

// The fields of one line: tab-separated (the TXT files) or RFC 4180 CSV.
void split_fields(std::string_view line, std::vector<std::string_view> &fields,
                  std::string &unquoted) {
  fields.clear();
  unquoted.clear();
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  if (line.find('\t') != std::string_view::npos) {
    std::size_t at = 0;
    for (;;) {
      std::size_t tab = line.find('\t', at);
      fields.push_back(line.substr(at, tab == std::string_view::npos ? tab : tab - at));
      if (tab == std::string_view::npos)
        return;
      at = tab + 1;
    }
  }
  // CSV: quoted fields are copied into `unquoted` (reserved so views hold).
  unquoted.reserve(line.size());
  std::size_t i = 0;
  for (;;) {
    if (i < line.size() && line[i] == '"') {
      const std::size_t start = unquoted.size();
      ++i;
      while (i < line.size()) {
        if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          unquoted.push_back('"');
          i += 2;
        } else if (line[i] == '"') {
          ++i;
          break;
        } else {
          unquoted.push_back(line[i++]);
        }
      }
      fields.push_back(std::string_view(unquoted).substr(start));
      while (i < line.size() && line[i] != ',')
        ++i;
    } else {
      std::size_t comma = line.find(',', i);
      fields.push_back(line.substr(i, comma == std::string_view::npos ? comma : comma - i));
      i = comma == std::string_view::npos ? line.size() : comma;
    }
    if (i >= line.size())
      return;
    ++i; // the comma
  }
}

std::string_view trimmed(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
    v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t'))
    v.remove_suffix(1);
  return v;
}

bool is_date(std::string_view v, std::uint32_t &out) {
  if (v.size() != 8 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  out = 0;
  for (char c : v)
    out = out * 10 + std::uint32_t(c - '0');
  return true;
}

template <class Row>
result<std::uint64_t> each_line(std::string_view text, const std::string &name, Row row) {
  std::vector<std::string_view> fields;
  std::string unquoted;
  std::uint64_t line_number = 0, rows = 0;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    split_fields(line, fields, unquoted);
    for (auto &f : fields)
      f = trimmed(f);
    auto r = row(fields);
    if (!r)
      return failure(fmt::format("{}: line {}: {}", name, line_number, r.error().message()));
    rows += *r ? 1 : 0;
  }
  if (rows == 0)
    return failure(fmt::format("{}: no data rows: is this a CMS NCCI file?", name));
  return rows;
}

// Mapped, not copied into a string: a year's PTP files are 150 MB of text.
// A pipe is read to its end.
input_buffer whole_file(const std::string &path) {
  input_buffer in = input_buffer::open(path);
  while (in.more())
    continue;
  return in;
}

} // namespace

std::uint32_t ncci_code(std::string_view code) noexcept {
  if (code.size() != 5)
    return 0;
  std::uint32_t packed = 0;
  for (char c : code) {
    std::uint32_t digit;
    if (c >= '0' && c <= '9')
      digit = std::uint32_t(c - '0') + 1;
    else if (c >= 'A' && c <= 'Z')
      digit = std::uint32_t(c - 'A') + 11;
    else
      return 0;
    packed = packed * 37 + digit;
  }
  return packed;
}

result<std::uint64_t> ptp_table::add(std::string_view text, const std::string &name) {
  return each_line(text, name, [&](const std::vector<std::string_view> &f) -> result<bool> {
    if (f.size() < 2 || !ncci_code(f[0]) || !ncci_code(f[1]))
      return false; // a notice or header row
    ptp_edit e;
    e.column1 = ncci_code(f[0]);
    e.column2 = ncci_code(f[1]);
    if (f.size() < 6)
      return failure(fmt::format("an edit row with {} columns; a PTP row has 7 (column 1, "
                                 "column 2, prior to 1996, effective, deletion, modifier, "
                                 "rationale)",
                                 f.size()));
    if (!is_date(f[3], e.effective))
      return failure(fmt::format("effective date '{}' is not YYYYMMDD", f[3]));
    if (f[4] != "*" && !f[4].empty() && !is_date(f[4], e.deleted))
      return failure(fmt::format("deletion date '{}' is not YYYYMMDD or *", f[4]));
    if (f[5] != "0" && f[5] != "1" && f[5] != "9")
      return failure(fmt::format("modifier indicator '{}' is not 0, 1 or 9", f[5]));
    e.modifier = std::uint8_t(f[5][0] - '0');
    std::string_view why = f.size() > 6 ? f[6] : std::string_view();
    auto known = std::find(rationales_.begin(), rationales_.end(), why);
    e.rationale = std::uint32_t(known - rationales_.begin());
    if (known == rationales_.end())
      rationales_.emplace_back(why);
    edits_.push_back(e);
    return true;
  });
}

void ptp_table::add_file(const std::string &path) {
  input_buffer in = whole_file(path);
  if (auto r = add(in.bytes(), path); !r)
    throw error(r.error().message());
}

void ptp_table::seal() {
  std::sort(edits_.begin(), edits_.end(), [](const ptp_edit &a, const ptp_edit &b) {
    return std::tie(a.column1, a.column2, a.effective) < std::tie(b.column1, b.column2, b.effective);
  });
}

const ptp_edit *ptp_table::find(std::string_view column1, std::string_view column2,
                                std::uint32_t date) const {
  return find_packed(ncci_code(column1), ncci_code(column2), date);
}

std::string ptp_table::code_text(std::uint32_t packed) {
  std::string s(5, ' ');
  for (int i = 4; i >= 0; --i) {
    const std::uint32_t d = packed % 37;
    packed /= 37;
    s[std::size_t(i)] = d <= 10 ? char('0' + d - 1) : char('A' + d - 11);
  }
  return s;
}

const ptp_edit *ptp_table::find_packed(std::uint32_t a, std::uint32_t b,
                                       std::uint32_t date) const {
  if (!a || !b)
    return nullptr;
  auto at = std::lower_bound(edits_.begin(), edits_.end(), std::pair(a, b),
                             [](const ptp_edit &e, const std::pair<std::uint32_t, std::uint32_t> &k) {
                               return std::pair(e.column1, e.column2) < k;
                             });
  for (; at != edits_.end() && at->column1 == a && at->column2 == b; ++at)
    if (at->effective <= date && (at->deleted == 0 || date <= at->deleted))
      return &*at;
  return nullptr;
}

result<std::uint64_t> mue_table::add(std::string_view text, const std::string &name) {
  const std::size_t before = limits_.size();
  auto rows = each_line(text, name, [&](const std::vector<std::string_view> &f) -> result<bool> {
    if (f.empty() || !ncci_code(f[0]))
      return false;
    if (f.size() < 3)
      return failure("an MUE row needs the code, the MUE value and the adjudication indicator");
    std::uint32_t units = 0;
    if (f[1].empty() || !std::all_of(f[1].begin(), f[1].end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        f[1].size() > 6)
      return failure(fmt::format("MUE value '{}' is not a whole number", f[1]));
    for (char c : f[1])
      units = units * 10 + std::uint32_t(c - '0');
    if (f[2].empty() || f[2][0] < '1' || f[2][0] > '3')
      return failure(fmt::format("adjudication indicator '{}' does not start with 1, 2 or 3", f[2]));
    limits_.push_back({ncci_code(f[0]),
                       {units, std::uint8_t(f[2][0] - '0'),
                        std::string(f.size() > 3 ? f[3] : std::string_view())}});
    return true;
  });
  if (!rows) {
    limits_.resize(before);
    return rows;
  }
  std::stable_sort(limits_.begin(), limits_.end(),
                   [](const auto &a, const auto &b) { return a.first < b.first; });
  limits_.erase(std::unique(limits_.begin(), limits_.end(),
                            [](const auto &a, const auto &b) { return a.first == b.first; }),
                limits_.end());
  return rows;
}

void mue_table::add_file(const std::string &path) {
  input_buffer in = whole_file(path);
  if (auto r = add(in.bytes(), path); !r)
    throw error(r.error().message());
}

const mue_limit *mue_table::find(std::string_view code) const {
  const std::uint32_t c = ncci_code(code);
  auto at = std::lower_bound(limits_.begin(), limits_.end(), c,
                             [](const auto &e, std::uint32_t k) { return e.first < k; });
  return at != limits_.end() && at->first == c ? &at->second : nullptr;
}

} // namespace x12
