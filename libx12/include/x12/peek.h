#pragma once
// Looking ahead in an input without consuming it: a command that writes a
// different kind of output for each transaction set (the 835 or the 837
// tables) learns which one it has before it writes anything.
//
//   x12::input_buffer in = x12::input_buffer::open(path);
//   bool claims = x12::first_transaction_set(in) == "837";
//   x12::read_claims(in, callbacks); // reads from the start again

#include <string>

#include "x12/input.h"

namespace x12 {

/// ST01 of the first transaction set of `in`, empty when there is none.
/// Reads a stream only as far as that ST and releases nothing, so a new
/// reader over `in` starts again from its first byte. Findings are left to
/// that reader.
std::string first_transaction_set(input_buffer &in);

} // namespace x12
