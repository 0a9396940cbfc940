#include "common/check_list.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <fmt/format.h>

#include "x12/csv.h"
#include "x12/finding_codes.h"

namespace x12::cli {
namespace {

// The 999 codes of an entry, "IK304 8, IK403 7"; empty when it has none.
std::string ack_999(const finding_code &c) {
  std::string out;
  auto add = [&](std::string_view name, std::string_view value) {
    if (value.empty())
      return;
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", name, value);
  };
  add("IK304", c.segment_code);
  add("IK403", c.element_code);
  add("IK502", c.transaction_code);
  add("AK905", c.group_code);
  return out;
}

// The entity as printed: NM101 when it is the finding's NM1's.
std::string_view entity_of(const claim_status_mapping &m) {
  return m.entity_from_segment ? std::string_view("NM101") : m.entity;
}

// STC01 as a 277CA writes it: "A7:562:85"; empty when it rejects no claim.
std::string stc01(const claim_status_mapping &m) {
  if (m.empty())
    return {};
  std::string out = fmt::format("{}:{}", m.category, m.status);
  if (!entity_of(m).empty())
    out += fmt::format(":{}", entity_of(m));
  return out;
}

std::string dash_if_empty(std::string v) { return v.empty() ? "-" : v; }

void print_text(std::FILE *to) {
  struct row {
    std::string code, snip, level, ack, ta1, stc, meaning;
  };
  std::vector<row> rows = {{"CODE", "SNIP", "SEVERITY", "999", "TA1", "277CA", "MEANING"}};
  for (const finding_code &c : finding_codes())
    rows.push_back({std::string(c.code), std::to_string(c.snip), std::string(to_string(c.level)),
                    dash_if_empty(ack_999(c)), dash_if_empty(std::string(c.ta1_note)),
                    dash_if_empty(stc01(c.claim_status)), std::string(c.meaning)});
  std::array<std::size_t, 6> width{};
  for (const row &r : rows) {
    const std::string *cells[] = {&r.code, &r.snip, &r.level, &r.ack, &r.ta1, &r.stc};
    for (std::size_t i = 0; i < width.size(); ++i)
      width[i] = std::max(width[i], cells[i]->size());
  }
  for (const row &r : rows)
    fmt::print(to, "{:<{}}  {:<{}}  {:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", r.code, width[0], r.snip,
               width[1], r.level, width[2], r.ack, width[3], r.ta1, width[4], r.stc, width[5],
               r.meaning);
}

void print_jsonl(std::FILE *to) {
  for (const finding_code &c : finding_codes()) {
    boost::json::object o;
    o["code"] = c.code;
    o["snip"] = c.snip;
    o["severity"] = to_string(c.level);
    o["ik304"] = c.segment_code;
    o["ik403"] = c.element_code;
    o["ik502"] = c.transaction_code;
    o["ak905"] = c.group_code;
    o["ta105"] = c.ta1_note;
    o["claim_status_category"] = c.claim_status.category;
    o["claim_status_code"] = c.claim_status.status;
    o["entity_code"] = entity_of(c.claim_status);
    o["meaning"] = c.meaning;
    o["varies"] = c.varies;
    fmt::print(to, "{}\n", boost::json::serialize(o));
  }
}

void print_csv(std::FILE *to) {
  auto row = [to](std::initializer_list<std::string_view> fields) {
    std::string line;
    bool first = true;
    for (std::string_view f : fields) {
      if (!first)
        line += ',';
      first = false;
      append_csv_field(line, f);
    }
    fmt::print(to, "{}\r\n", line);
  };
  row({"code", "snip", "severity", "ik304", "ik403", "ik502", "ak905", "ta105",
       "claim_status_category", "claim_status_code", "entity_code", "meaning", "varies"});
  for (const finding_code &c : finding_codes()) {
    const std::string snip = std::to_string(c.snip);
    row({c.code, snip, to_string(c.level), c.segment_code, c.element_code, c.transaction_code,
         c.group_code, c.ta1_note, c.claim_status.category, c.claim_status.status,
         entity_of(c.claim_status), c.meaning, c.varies});
  }
}

// Text for a roff text line: option dashes as \-, so they copy as typed.
std::string roff(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool option_dash = text[i] == '-' && ((i + 1 < text.size() && text[i + 1] == '-') ||
                                                (i > 0 && text[i - 1] == '-'));
    out += text[i] == '\\' ? "\\e" : option_dash ? "\\-" : std::string(1, text[i]);
  }
  return out;
}

std::string_view snip_title(int snip) {
  switch (snip) {
  case 1:
    return "SNIP 1: syntax and envelopes";
  case 2:
    return "SNIP 2: implementation guide requirements";
  case 5:
    return "SNIP 5: code sets";
  default:
    return {};
  }
}

void print_man(std::FILE *to) {
  std::vector<int> levels;
  for (const finding_code &c : finding_codes())
    if (std::find(levels.begin(), levels.end(), c.snip) == levels.end())
      levels.push_back(c.snip);
  std::sort(levels.begin(), levels.end());
  for (int snip : levels) {
    std::string_view title = snip_title(snip);
    fmt::print(to, ".Ss {}\n.Bl -tag -width Ds\n",
               title.empty() ? fmt::format("SNIP {}", snip) : std::string(title));
    for (const finding_code &c : finding_codes()) {
      if (c.snip != snip)
        continue;
      fmt::print(to, ".It Li {}\n{}: {}.\n", c.code,
                 c.level == severity::error     ? "Error"
                 : c.level == severity::warning ? "Warning"
                                                : "Info",
                 roff(c.meaning));
      if (std::string ack = ack_999(c); !ack.empty())
        fmt::print(to, "999: {}.\n", ack);
      if (!c.ta1_note.empty())
        fmt::print(to, "TA1: TA105 {}.\n", c.ta1_note);
      if (!c.claim_status.empty())
        fmt::print(to, "277CA: STC01 {}{}.\n", stc01(c.claim_status),
                   c.claim_status.entity_from_segment
                       ? " (NM101: the entity of the NM1 the finding is on)"
                       : "");
      if (!c.varies.empty())
        fmt::print(to, "Varies: {}.\n", roff(c.varies));
    }
    fmt::print(to, ".El\n");
  }
}

} // namespace

void print_check_list(check_list_format format, std::FILE *to) {
  switch (format) {
  case check_list_format::text:
    return print_text(to);
  case check_list_format::jsonl:
    return print_jsonl(to);
  case check_list_format::csv:
    return print_csv(to);
  case check_list_format::man:
    return print_man(to);
  }
}

} // namespace x12::cli
