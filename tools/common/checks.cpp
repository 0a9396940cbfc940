#include "common/checks.h"

namespace x12::cli {

void add_check_options(CLI::App &app, check_flags &flags) {
  app.add_option("--schemas", flags.schemas_dir,
                 "directory of guide schemas (default: the shipped ones)");
  app.add_option("--codes", flags.codes_dir, "directory of code tables (CSV) that add to or replace "
                 "the shipped ones");
  app.add_flag("--no-codes", flags.no_codes, "skip code set checks (SNIP 5)");
  app.add_option("--rules", flags.packs,
                 "trading-partner rule pack (YAML, man x12-rules.5); repeatable")
      ->type_name("PACK")
      ->allow_extra_args(false);
}

check_setup::check_setup(const check_flags &flags)
    : schemas(schema_set::load(flags.schemas_dir)), no_codes(flags.no_codes) {
  if (!no_codes) {
    codes.add_shipped(schemas.directory());
    if (!flags.codes_dir.empty())
      codes.add_directory(flags.codes_dir);
  }
  for (const std::string &file : flags.packs) {
    rule_pack pack = load_rule_pack(file);
    for (const rule_definition &d : pack.rules)
      rule_ids.insert(d.id);
    partner.add(pack, schemas);
  }
}

} // namespace x12::cli
