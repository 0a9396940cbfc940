#pragma once
// Which of the formats `x12 convert --from` reads an input looks like, by its
// first bytes: when a reader fails because it was given another format, the
// message can say which --from would read it.
//
//   x12::input_buffer in = x12::input_buffer::open(path);
//   std::string_view format = x12::input_format_of(in); // "claims-json"

#include <string_view>

#include "x12/input.h"

namespace x12 {

/// "x12" (the first bytes are an ISA), "json" (a JSON object whose first key
/// is "interchanges": the loop tree of x12/json.h), "claims-json" (a JSON
/// object whose first key is a claim document's: x12/claim_document.h),
/// "roster-csv" (a first line that names a member_id column: x12/roster.h),
/// or empty. Reads at most the first 4 KiB of a stream and
/// releases nothing, so a reader started afterwards sees every byte.
std::string_view input_format_of(input_buffer &in);

/// The same decision over bytes already in memory (`head` may be cut short).
std::string_view input_format_of(std::string_view head);

} // namespace x12
