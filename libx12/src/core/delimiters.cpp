#include "x12/delimiters.h"

#include <array>
#include <cctype>

namespace x12 {
namespace {

// Offsets of the 16 element separators in a fixed-width ISA.
constexpr std::array<std::size_t, 16> fixed_separators = {
    3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103};

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

} // namespace

result<isa_layout> detect_delimiters(std::string_view isa) {
  if (isa.size() < 4 || isa.substr(0, 3) != "ISA")
    return failure{"not an ISA header"};
  isa_layout out;
  const char sep = isa[3];
  if (is_alnum(sep) || sep == ' ')
    return failure{"ISA element separator is a letter, digit or space"};

  // The header ends two bytes after its 16th element separator (ISA16, then
  // the terminator). Counting, rather than trusting the fixed offsets alone,
  // keeps the answer within the header's own bytes whatever follows it; only
  // as far as one header could plausibly span.
  std::size_t sixteenth = 0, seen = 0;
  for (std::size_t i = 3; i < isa.size() && i < 2 * isa_length; ++i) {
    if (isa[i] == sep && ++seen == 16) {
      sixteenth = i;
      break;
    }
  }
  if (sixteenth == 0)
    return failure{"ISA header cut short: fewer than 16 elements"};
  bool fixed = sixteenth == fixed_separators.back();
  for (std::size_t i = 0; fixed && i < fixed_separators.size(); ++i)
    fixed = isa[fixed_separators[i]] == sep;
  if (sixteenth + 2 >= isa.size())
    return failure{"ISA header cut short: no segment terminator after ISA16"};

  delimiters &d = out.delims;
  d.element = sep;
  d.component = isa[sixteenth + 1];
  d.segment = isa[sixteenth + 2];
  if (is_alnum(d.segment) || d.segment == ' ' || d.segment == sep)
    return failure{"ISA segment terminator is missing or not a separator "
                   "character (ISA16 must be one character)"};
  if (is_alnum(d.component) || d.component == ' ' || d.component == sep ||
      d.component == d.segment)
    return failure{"ISA16 component separator must be a single special "
                   "character distinct from the other separators"};

  // ISA11 is the repetition separator from 00402 on; a letter (U) there is
  // the older interchange standards identifier and means there is none.
  std::size_t at = 3, field = 0;
  std::string_view isa11;
  for (std::size_t i = 4; i <= sixteenth; ++i) {
    if (isa[i] == sep) {
      if (++field == 11) {
        isa11 = isa.substr(at + 1, i - at - 1);
        break;
      }
      at = i;
    }
  }
  d.repetition = '\0';
  if (isa11.size() == 1 && !is_alnum(isa11[0]) && isa11[0] != ' ' &&
      isa11[0] != sep && isa11[0] != d.segment && isa11[0] != d.component)
    d.repetition = isa11[0];

  out.fixed_width = fixed;
  out.length = sixteenth + 3;
  return out;
}

delimiters parse_delimiters(std::string_view spec) {
  std::string chars;
  for (std::size_t i = 0; i < spec.size(); ++i) {
    if (spec[i] == '\\' && i + 1 < spec.size()) {
      char e = spec[++i];
      if (e == 'n')
        chars += '\n';
      else if (e == 'r')
        chars += '\r';
      else if (e == 't')
        chars += '\t';
      else if (e == 'x' && i + 2 < spec.size() &&
               std::isxdigit(static_cast<unsigned char>(spec[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(spec[i + 2]))) {
        chars += static_cast<char>(std::stoi(std::string(spec.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else
        chars += e;
    } else {
      chars += spec[i];
    }
  }
  if (chars.size() != 4)
    throw error("delimiters must be four characters: element, component, "
                "repetition, segment (for example '*:^~')");
  delimiters d{chars[0], chars[1], chars[2], chars[3]};
  for (std::size_t i = 0; i < 4; ++i) {
    if (is_alnum(chars[i]) || chars[i] == ' ')
      throw error("delimiters must not be letters, digits or spaces");
    for (std::size_t j = i + 1; j < 4; ++j)
      if (chars[i] == chars[j])
        throw error("the four delimiters must differ");
  }
  return d;
}

std::string to_spec(const delimiters &d) {
  std::string out;
  for (char c : {d.element, d.component, d.repetition, d.segment}) {
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\0')
      out += "\\x00";
    else if (static_cast<unsigned char>(c) < 0x20) {
      static const char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[(c >> 4) & 0xf];
      out += hex[c & 0xf];
    } else
      out += c;
  }
  return out;
}

} // namespace x12
