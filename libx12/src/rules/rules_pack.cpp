// Partner packs bound to the guides they name (or to every guide).

#include <algorithm>
#include <optional>

#include "x12/rules.h"
#include "x12/schema.h"

namespace x12 {

namespace {

// Whether loop `id` is `ancestor` or inside it, in the tree under `l`.
bool within(const loop_rule &l, std::string_view id, std::string_view ancestor, bool inside) {
  inside = inside || l.id == ancestor;
  if (l.id == id)
    return inside;
  for (const loop_rule &child : l.loops)
    if (within(child, id, ancestor, inside))
      return true;
  return false;
}

// A payer pack's rules hold for the claims of its payers only: each gets
// the condition that the claim's payer (2010BB NM109) is one of them. The
// rules have compiled as written first, so an error points into the text
// the user wrote, not into this.
std::vector<rule_definition> for_payers(const rule_pack &pack, const schema &guide,
                                        std::vector<rule_definition> rules) {
  if (guide.transaction != "837")
    throw error("payers: names the payers of 837 claims (2010BB NM109); " + guide.guide +
                    " (" + guide.transaction + ") has none: leave payers out or name an 837 guide",
                {pack.file});
  std::string payer = "2010BB/NM1[PR]/NM109 in (";
  for (std::size_t i = 0; i < pack.payers.size(); ++i)
    payer += (i ? ", '" : "'") + pack.payers[i] + "'";
  payer += ")";
  for (rule_definition &d : rules) {
    if (!within(guide.root, d.anchor, "2000B", false))
      throw error("rule " + d.id + " is decided for " + (d.anchor.empty() ? "ST" : d.anchor) +
                      ", above the claim's payer: a payer pack's rules go in 2000B or a loop "
                      "inside it (2300, 2400)",
                  {pack.file, 0, d.anchor_origin.line ? d.anchor_origin.line : d.origin.line,
                   d.anchor_origin.line ? d.anchor_origin.column : d.origin.column});
    d.when = d.when.empty() ? payer : payer + " and (" + d.when + ")";
  }
  return rules;
}

} // namespace

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

  // A payer pack naming no guide is for the 837s, the transactions with payers.
  if (!pack.payers.empty() && pack.guides.empty())
    targets.erase(std::remove_if(targets.begin(), targets.end(),
                                 [](const schema *s) { return s->transaction != "837"; }),
                  targets.end());

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
    if (!pack.payers.empty())
      set = rule_set::compile(*targets[i], for_payers(pack, *targets[i], fitting[i]));
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
