#pragma once
// What validate and scrub check with, from the same flags: the guide
// schemas (--schemas), the SNIP 5 code tables (--codes, --no-codes) and the
// trading-partner rule packs (--rules).

#include <CLI/CLI.hpp>
#include <set>
#include <string>
#include <vector>

#include "x12/codes.h"
#include "x12/rules.h"
#include "x12/schema.h"

namespace x12::cli {

struct check_flags {
  std::string schemas_dir, codes_dir;
  bool no_codes = false;
  std::vector<std::string> packs;
};

/// Adds --schemas, --codes, --no-codes and --rules.
void add_check_options(CLI::App &app, check_flags &flags);

/// The loaded schemas, tables and packs. Throws x12::error on a schema,
/// table or pack that does not load.
struct check_setup {
  explicit check_setup(const check_flags &flags);
  check_setup(const check_setup &) = delete;
  check_setup &operator=(const check_setup &) = delete;

  /// Null when --no-codes or no pack: what validation_options takes.
  const code_set *codes_used() const noexcept { return no_codes ? nullptr : &codes; }
  const partner_rules *partner_used() const noexcept { return partner.empty() ? nullptr : &partner; }

  schema_set schemas;
  code_set codes;
  partner_rules partner; // refers to schemas: not movable
  std::set<std::string, std::less<>> rule_ids; // of the packs: finding codes too
  bool no_codes;
};

} // namespace x12::cli
