// Partner packs bound to the guides they name (or to every guide).

#include <algorithm>
#include <optional>

#include "x12/rules.h"
#include "x12/schema.h"

namespace x12 {

void partner_rules::add(const rule_pack &pack, const schema_set &schemas) {
  // A pack that names its guides reads only their schemas.
  std::vector<const schema *> targets;
  if (pack.guides.empty())
    for (const auto &s : schemas.all())
      targets.push_back(s.get());
  for (const std::string &g : pack.guides) {
    std::vector<const schema *> of = schemas.for_guide(g);
    if (of.empty())
      throw error("guide " + g + " has no schema in " + schemas.directory(), {pack.file});
    for (const schema *s : of)
      if (std::find(targets.begin(), targets.end(), s) == targets.end())
        targets.push_back(s);
  }

  std::vector<std::vector<rule_definition>> fitting(targets.size());
  if (!pack.guides.empty()) {
    for (auto &f : fitting)
      f = pack.rules;
  } else {
    // Without a guide, a rule goes to the guides whose loops and segments it names.
    for (const rule_definition &d : pack.rules) {
      std::optional<error> first;
      bool fits = false;
      for (std::size_t i = 0; i < targets.size(); ++i) {
        try {
          rule_set::compile(*targets[i], {d});
          fitting[i].push_back(d);
          fits = true;
        } catch (const error &e) {
          if (!first)
            first = e;
        }
      }
      if (!fits && first)
        throw error(std::string(first->what()), first->position());
    }
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (fitting[i].empty())
      continue;
    auto set = rule_set::compile(*targets[i], fitting[i]);
    auto it = std::find_if(by_schema_.begin(), by_schema_.end(),
                           [&](const auto &e) { return e.first == targets[i]; });
    if (it == by_schema_.end())
      by_schema_.push_back({targets[i], {set}});
    else
      it->second.push_back(set);
  }
}

const std::vector<std::shared_ptr<const rule_set>> &
partner_rules::for_schema(const schema *guide) const {
  static const std::vector<std::shared_ptr<const rule_set>> none;
  for (const auto &e : by_schema_)
    if (e.first == guide)
      return e.second;
  return none;
}

} // namespace x12
