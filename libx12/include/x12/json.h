#pragma once
// X12 as a JSON loop tree named by the guide schema, and back, byte for byte.
//
//   x12::input_buffer in = x12::input_buffer::open("claims.x12");
//   x12::output_file out("-");
//   x12::x12_to_json(in, out, x12::schema_set::load(), {}, sink);
//   out.commit();
//
// The document (json_shape::document):
//
//   {"interchanges":[
//     {"separators":{"element":"*","component":":","repetition":"^","segment":"~"},
//      "line_break":"\n",
//      "isa":{"segment":"ISA","name":"Interchange Control Header","elements":[...]},
//      "groups":[
//       {"gs":{...},
//        "transactions":[
//         {"set":"837","control_number":"0001","guide":"005010X222A1","content":[
//           {"segment":"ST","name":"Transaction Set Header","elements":[...]},
//           {"loop":"1000A","name":"Submitter Name","content":[...]},
//           ...]}],
//        "ge":{...}}],
//      "iea":{...}}]}
//
// A segment is {"segment": ID, "name": ..., "elements": [...]}, with
// "unplaced": true when the guide has no place for it (it sits in the loop
// that was open) and "break": the spaces, tabs, CRs and LFs after its
// terminator when they are not the interchange's line_break (null: no
// terminator, the input ended). Bytes the reader passes over outside any
// segment are kept too: an interchange's "before" (a byte-order mark,
// garbage before its ISA) and the document's "after" (after the last
// segment), unless they hold a NUL. An element is {"name": ..., "value": V}
// or, when it repeats, {"name": ..., "repeats": [V, ...]}; V is the text
// exactly as sent, or an array of component texts for a composite. A
// transaction without a schema has its segments in one flat list. A segment
// outside any group or transaction (TA1) is an item of "groups" or
// "transactions". Bytes that are not UTF-8 are written as U+F780..U+F7FF
// (one per byte) and read back as those bytes.
//
// json_shape::jsonl writes one line per transaction: {"interchange":
// {separators, line_break, isa}, "group": {"gs"}, "transaction": {...}}; an
// 837 with a schema gets one line per claim instead, with "context": the
// loops the claim sits in (2000A, 2000B, 2000C), each holding what it had
// before the claim except other claims and HL levels, and "claim": the 2300
// loop. Memory is bounded by the largest line (document: by one segment).
//
// json_to_x12 reads the document back in one streaming pass, so the round
// trip gives the input's exact bytes. SE01, GE01 and IEA01 are written as
// the JSON has them; a null value there, or json_read_options::recount,
// writes the count instead.

#include <cstdint>

#include "x12/error.h"
#include "x12/finding.h"
#include "x12/input.h"
#include "x12/output.h"
#include "x12/schema.h"

namespace x12 {

enum class json_shape { document, jsonl };

struct json_write_stats {
  std::uint64_t interchanges = 0;
  std::uint64_t transactions = 0;
  std::uint64_t claims = 0;   // 837 claims written as jsonl lines
  std::uint64_t segments = 0;
};

/// Reads `in` to its end and writes its tree to `out` (not committed).
/// Findings of the reader and the envelope checker (SNIP 1: unreadable
/// headers, counts, control numbers, skipped bytes) go to `sink`; the
/// guide's structure is not judged here.
json_write_stats x12_to_json(input_buffer &in, output_file &out, const schema_set &schemas,
                             json_shape shape, finding_sink sink);

struct json_read_options {
  /// Write the counts of SE01, GE01 and IEA01 whatever the JSON says.
  bool recount = false;
};

struct json_read_stats {
  std::uint64_t interchanges = 0;
  std::uint64_t segments = 0;
};

/// Writes the X12 of a document x12_to_json wrote (or one shaped like it)
/// to `out` (not committed). A failure names the JSON path and byte offset:
/// "interchanges[0].groups[0].transactions[3].content[2].elements[1]: ...".
result<json_read_stats> json_to_x12(input_buffer &in, output_file &out,
                                    const json_read_options &options);

/// True when the first byte of `in` that is not whitespace is '{': a JSON
/// document, where X12 starts with "ISA". Reads a stream only that far and
/// releases nothing, so a reader started afterwards sees every byte.
bool looks_like_json(input_buffer &in);

} // namespace x12
