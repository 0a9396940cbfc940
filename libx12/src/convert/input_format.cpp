#include "x12/input_format.h"

#include <algorithm>
#include <array>

namespace x12 {
namespace {

// Enough for a roster's header line (~150 bytes) or a JSON document's first
// key after any indentation.
constexpr std::size_t sniff_limit = 4096;

// A claim document's top-level keys (claim_document_json.cpp), any of which
// may come first.
constexpr std::array<std::string_view, 8> claim_document_keys = {
    "guide", "test", "reference", "sender", "receiver", "billing_provider", "pay_to_address",
    "subscribers"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The first key of the JSON object `text` opens with, or empty.
std::string_view first_key(std::string_view text) {
  std::size_t at = 1; // past '{'
  while (at < text.size() && is_space(text[at]))
    ++at;
  if (at >= text.size() || text[at] != '"')
    return {};
  std::size_t end = text.find('"', at + 1);
  return end == std::string_view::npos ? std::string_view() : text.substr(at + 1, end - at - 1);
}

// True when the first line, read as a CSV header, has a member_id field.
bool names_member_id(std::string_view text) {
  std::string_view line = text.substr(0, text.find_first_of("\r\n"));
  for (std::size_t at = 0; at <= line.size();) {
    std::size_t end = std::min(line.find(',', at), line.size());
    std::string_view field = line.substr(at, end - at);
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
      field = field.substr(1, field.size() - 2);
    if (field == "member_id")
      return true;
    at = end + 1;
  }
  return false;
}

} // namespace

std::string_view input_format_of(std::string_view head) {
  if (head.starts_with("\xEF\xBB\xBF"))
    head.remove_prefix(3);
  std::size_t at = 0;
  while (at < head.size() && is_space(head[at]))
    ++at;
  head.remove_prefix(at);
  if (head.starts_with("ISA"))
    return "x12";
  if (head.starts_with("{")) {
    std::string_view key = first_key(head);
    if (key == "interchanges")
      return "json";
    if (std::find(claim_document_keys.begin(), claim_document_keys.end(), key) !=
        claim_document_keys.end())
      return "claims-json";
    return {};
  }
  return names_member_id(head) ? "roster-csv" : std::string_view();
}

std::string_view input_format_of(input_buffer &in) {
  while (in.bytes().size() < sniff_limit && in.more()) {
  }
  std::string_view b = in.bytes();
  return input_format_of(b.substr(0, std::min(b.size(), sniff_limit)));
}

} // namespace x12
