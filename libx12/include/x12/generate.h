#pragma once
// Deterministic synthetic test data: large, realistic 837P claim files and
// the 835 remittances that pay them, written through envelope_writer so the
// envelopes are valid by construction. Every name, identifier and address is
// made up; NPIs and routing numbers carry valid check digits so the files
// pass format checks.
//
//   x12::output_file out("claims.x12");
//   x12::envelope_settings settings{x12::envelope_settings::resolve_now({})};
//   x12::generate(out, {.set = x12::generated_set::claims_837p, .claims = 1000}, settings);
//   out.commit();
//
// The same options and clock give the same bytes. An 835 made with the same
// seed and clock remits the claims of the 837P: same claim IDs (CLP01 =
// CLM01), charges, procedure codes, line control numbers and patients, one
// transaction per run of claims from one billing provider. Output streams:
// memory stays bounded whatever the size.

#include <cstdint>
#include <string_view>

#include "x12/error.h"
#include "x12/output.h"
#include "x12/writer.h"

namespace x12 {

enum class generated_set {
  claims_837p,    // 005010X222A1, functional group HC
  remittance_835, // 005010X221A1, functional group HP
};

struct generate_options {
  generated_set set = generated_set::claims_837p;
  std::uint64_t seed = 1;
  /// Stop after this many claims; 0 for no limit.
  std::uint64_t claims = 0;
  /// Stop at the first transaction set that ends at or past this many bytes;
  /// 0 for no limit. At least one of `claims` and `size` must be set.
  std::uint64_t size = 0;
  /// 837P claims per transaction set (ST..SE). 835 transactions hold one
  /// payment to one billing provider, however many claims that is.
  std::uint64_t claims_per_transaction = 5000;
};

struct generate_summary {
  std::uint64_t claims = 0;
  std::uint64_t transactions = 0;
  std::uint64_t bytes = 0;
};

/// Writes one interchange with one functional group to `out` (not
/// committed). Dates are relative to `settings.now`; control numbers come
/// from `settings`. Throws x12::error when neither limit is set or on I/O
/// failure.
generate_summary generate(output_file &out, const generate_options &options,
                          envelope_settings &settings);

/// "100M", "1G", "512k", "4096": a byte count with an optional K, M or G
/// suffix (powers of 1024, case-insensitive, an optional trailing "B").
result<std::uint64_t> parse_byte_size(std::string_view text);

} // namespace x12
