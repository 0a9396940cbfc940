#pragma once
// What a billing team tells x12 scrub about its payers (`--config`, YAML,
// man x12-scrub.1 CONFIGURATION): an edit's action (reject, warn or off)
// for every claim or one payer's, and the timely-filing limit.
//
//   filing_limit_days: 365
//   edits: { zero-charge: warn }
//   payers:
//     CHP00001: { filing_limit_days: 90, edits: { duplicate-claim: off } }

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace x12 {

enum class edit_action { reject, warn, off };

/// The settings of every claim, or of one payer's claims.
struct edit_policy {
  std::map<std::string, edit_action, std::less<>> edits; // finding code -> action
  std::optional<unsigned> filing_limit_days;
};

struct scrub_config {
  std::string file;
  edit_policy all;
  std::map<std::string, edit_policy, std::less<>> payers; // by 2010BB NM109

  /// The action for `code` on a claim billed to `payer`: the payer's, else
  /// every claim's; none when the config says nothing of it.
  std::optional<edit_action> action(std::string_view payer, std::string_view code) const;
  /// The filing limit for `payer`'s claims: the payer's, else every claim's,
  /// else `fallback`.
  unsigned filing_limit(std::string_view payer, unsigned fallback) const;
};

/// Reads a scrub config. `known` says whether a finding code can be met
/// (the registry's, a rule pack's rule ids), so a misspelt edit is an
/// error, not a setting that never applies. Throws x12::error naming the
/// file, line and column.
scrub_config load_scrub_config(const std::string &path,
                               const std::function<bool(std::string_view)> &known);

} // namespace x12
