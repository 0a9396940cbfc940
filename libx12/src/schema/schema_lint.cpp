#include <algorithm>
#include <map>

#include "x12/schema.h"

namespace x12 {
namespace {

std::string where(const loop_rule &l) { return l.id.empty() ? "the header" : "loop " + l.id; }

// Two segments with one ID can be told apart only by a qualifier on the
// same element whose value sets share nothing.
bool distinguishable(const segment_rule &a, const segment_rule &b) {
  for (const qualifier &qa : a.match)
    for (const qualifier &qb : b.match) {
      if (qa.element != qb.element || qa.component != qb.component)
        continue;
      bool shared = std::any_of(qa.values.begin(), qa.values.end(), [&](const std::string &v) {
        return std::binary_search(qb.values.begin(), qb.values.end(), v);
      });
      if (!shared)
        return true;
    }
  return false;
}

void lint_loop(const loop_rule &l, std::map<std::string, std::string> &names,
               std::vector<std::string> &problems) {
  std::map<std::string, int> sibling_ids;
  std::vector<const segment_rule *> firsts;
  std::vector<std::string> labels;
  for (const loop_rule::child &c : l.children) {
    if (c.is_loop) {
      const loop_rule &child = l.loops[c.index];
      if (++sibling_ids[child.id] > 1)
        problems.push_back(where(l) + " has two child loops " + child.id);
      auto [it, fresh] = names.emplace(child.id, child.name);
      if (!fresh && it->second != child.name)
        problems.push_back("loop " + child.id + " is named both '" + it->second + "' and '" +
                           child.name + "'");
      if (child.entry().use == usage::not_used)
        problems.push_back("loop " + child.id + " opens with a not-used segment");
      firsts.push_back(&child.entry());
      labels.push_back("loop " + child.id);
      lint_loop(child, names, problems);
    } else {
      firsts.push_back(&l.segments[c.index]);
      labels.push_back("segment " + l.segments[c.index].id);
    }
  }
  for (std::size_t i = 0; i < firsts.size(); ++i)
    for (std::size_t j = i + 1; j < firsts.size(); ++j)
      if (firsts[i]->id == firsts[j]->id && !distinguishable(*firsts[i], *firsts[j]))
        problems.push_back("in " + where(l) + ", " + labels[i] + " and " + labels[j] +
                           " both begin with " + firsts[i]->id +
                           " and no qualifier tells them apart");
}

} // namespace

std::vector<std::string> lint(const schema &s) {
  std::vector<std::string> problems;
  std::map<std::string, std::string> names;
  lint_loop(s.root, names, problems);
  for (std::string &p : problems)
    p = s.guide + "-" + s.transaction + ": " + p;
  return problems;
}

} // namespace x12
