#pragma once
// The four X12 separators, read from the fixed-width ISA header.

#include <string>
#include <string_view>

#include "x12/error.h"

namespace x12 {

struct delimiters {
  char element = '*';
  char component = ':';
  char repetition = '^'; // '\0' when the interchange has none (ISA11 alphabetic)
  char segment = '~';

  bool has_repetition() const noexcept { return repetition != '\0'; }
  friend bool operator==(const delimiters &, const delimiters &) = default;
};

/// Bytes one ISA segment spans when every field has its fixed width.
inline constexpr std::size_t isa_length = 106;

/// Reads the separators from the start of an ISA segment. `isa` starts at the
/// "ISA" tag and holds at least the whole segment when available. A header
/// whose fields are not padded to their fixed widths is still read by counting
/// element separators; `fixed_width` then says false so the caller can report it.
struct isa_layout {
  delimiters delims;
  std::size_t length = 0; // bytes from "ISA" up to and including the terminator
  bool fixed_width = true;
};
result<isa_layout> detect_delimiters(std::string_view isa);

/// Parses "*:^~" style specifications (element, component, repetition,
/// segment; "\n" and "\x1d" escapes allowed). Throws x12::error when malformed.
delimiters parse_delimiters(std::string_view spec);

/// The separators as a printable spec, the inverse of parse_delimiters.
std::string to_spec(const delimiters &d);

} // namespace x12
