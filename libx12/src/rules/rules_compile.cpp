// Rules bound to a guide: each expression's syntax tree becomes a flat node
// array and code for a value stack, each path a slot with the segment rules
// whose segments feed it and the loops whose instances reset it (the scope
// rules of man/x12-rules.5), and each rule is hung on the loops it is
// decided at.

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "rules/grammar/rules_ast.h"
#include "rules/rules_compiled.h"
#include "rules/rules_types.h"
#include "x12/schema.h"

namespace x12 {

namespace ast = detail::ast;
namespace x3 = boost::spirit::x3;
using detail::no_index;
using detail::node;
using detail::op;
using detail::static_value;
using detail::value_kind;

namespace {

enum class value_type { condition, value };

bool is_loop_name(std::string_view n) {
  if (n == "ST")
    return true;
  if (n.size() < 4 || n.size() > 6)
    return false;
  for (std::size_t i = 0; i < 4; ++i)
    if (n[i] < '0' || n[i] > '9')
      return false;
  for (std::size_t i = 4; i < n.size(); ++i)
    if (n[i] < 'A' || n[i] > 'Z')
      return false;
  return true;
}

bool is_segment_id(std::string_view n) {
  if (n.size() < 2 || n.size() > 3 || n[0] < 'A' || n[0] > 'Z')
    return false;
  return std::all_of(n.begin(), n.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// "CLM05" -> CLM, 5; false when not an element reference.
bool split_element_ref(std::string_view n, std::string &segment, unsigned &element) {
  if (n.size() < 4 || n.size() > 5)
    return false;
  std::string_view seg = n.substr(0, n.size() - 2), pos = n.substr(n.size() - 2);
  if (!is_segment_id(seg) || pos[0] < '0' || pos[0] > '9' || pos[1] < '0' || pos[1] > '9')
    return false;
  segment = std::string(seg);
  element = unsigned((pos[0] - '0') * 10 + (pos[1] - '0'));
  return element > 0;
}

struct offset_visitor {
  std::size_t operator()(const ast::tagged &t) const { return t.offset; }
  template <class T> std::size_t operator()(const x3::forward_ast<T> &t) const {
    return t.get().offset;
  }
};

struct loop_ref {
  const loop_rule *rule = nullptr;
  std::uint32_t parent = no_index;
};

// A path, classified and resolved.
struct resolved_path {
  enum class kind { segment, element, loop } what = kind::element;
  std::string segment_id;
  unsigned element = 0, component = 0;
  // The qualifier: an element named in it (HL[HL03=22]), else the match key
  // of each segment rule it meets (HI01-1 for HI), else element 01.
  bool explicit_qual = false;
  unsigned qual_element = 1, qual_component = 0;
  std::vector<std::string> qual_values;
  std::vector<std::uint32_t> feeds;  // loops whose own segments feed it (or whose instances count)
  std::vector<std::uint32_t> resets; // loops whose instances reset it
  std::string key;                   // for sharing one slot between equal paths
  std::size_t capacity = 16;
  std::string data_element;          // the element's number in the dictionary
  bool numeric = false;              // the element is a number (type R or Nn)
  unsigned decimals = 0;             // implied decimals of Nn
  data_type type = data_type::alphanumeric; // of the first segment rule that has it
  bool numeric_codes = false;        // ID: a code is a number, or the list is outside
  std::size_t offset = 0;
};

// What a segment placed on a segment rule says about a path's qualifier:
// never met, always met (its match key is the qualifier's element and all
// its values pass), or to be tested on the segment's own value.
enum class qualified { never, always, test };

class compiler {
public:
  compiler(const schema &s, detail::compiled_rules &out) : schema_(s), out_(out) {
    exact_.resize(s.segment_count);
    loose_.resize(s.segment_count);
    loops_.resize(s.loop_count);
    index(s.root, no_index);
    out_.guide = s.guide;
    out_.loops.resize(s.loop_count);
    out_.loop_ids.resize(s.loop_count);
    for (std::size_t i = 0; i < loops_.size(); ++i)
      out_.loop_ids[i] = loops_[i].rule ? loops_[i].rule->id : std::string();
  }

  void add(const rule_definition &def) {
    def_ = &def;
    statics_.clear();
    detail::compiled_rule r;
    r.id = def.id;
    r.snip = def.snip;
    r.level = def.level;
    r.message = def.message;
    if (!ids_.insert(def.id).second)
      throw rule_error(def.origin, def.id, 0, "rule id '" + def.id + "' is used twice");
    anchor_ = anchor_nodes(def);
    rule_ = &r;
    detail::rule_code code;
    if (!def.when.empty()) {
      rule_expression when = rule_expression::parse(def.when, def.when_origin);
      text_ = &when.text();
      origin_ = &def.when_origin;
      r.when = compile(when.syntax().root, value_type::condition);
      code.when_reads = reads_of(r, 0);
      code.when = code_of(r, r.when);
      start_rule(); // the 999 and the message describe expr alone
    }
    const std::size_t expr_first_node = r.nodes.size();
    rule_expression expr = rule_expression::parse(def.expr, def.expr_origin);
    text_ = &expr.text();
    origin_ = &def.expr_origin;
    r.expr = compile(expr.syntax().root, value_type::condition);
    code.expr_reads = reads_of(r, expr_first_node);
    code.expr = code_of(r, r.expr);
    locate(r, def);
    describe_sides(r);
    std::uint32_t index = static_cast<std::uint32_t>(out_.rules.size());
    out_.rules.push_back(std::move(r));
    out_.codes.push_back(code);
    for (std::uint32_t a : anchor_)
      out_.loops[a].rules.push_back(index);
  }

  void finish() {
    flatten(exact_, out_.exact, out_.slots);
    flatten(loose_, out_.loose, out_.slots);
    group_resets();
    for (detail::loop_plan &p : out_.loops) {
      std::sort(p.instances.begin(), p.instances.end());
      p.instances.erase(std::unique(p.instances.begin(), p.instances.end()), p.instances.end());
    }
  }

private:
  // Slots that reset on the same loops form a group, and an opening loop
  // clears the groups it resets: only their slots that were touched.
  void group_resets() {
    std::map<std::vector<std::uint32_t>, std::uint32_t> groups;
    out_.group_of.resize(out_.slots.size());
    for (std::size_t s = 0; s < out_.slots.size(); ++s) {
      std::vector<std::uint32_t> &loops = resets_[s];
      std::sort(loops.begin(), loops.end());
      loops.erase(std::unique(loops.begin(), loops.end()), loops.end());
      auto [it, added] = groups.emplace(loops, static_cast<std::uint32_t>(groups.size()));
      out_.group_of[s] = it->second;
      if (added) {
        out_.group_size.push_back(0);
        for (std::uint32_t l : loops)
          out_.loops[l].groups.push_back(it->second);
      }
      ++out_.group_size[it->second];
    }
  }

  // Per segment rule lists into one array; the feeds of one test adjacent,
  // so a segment tests each qualifier once.
  static void flatten(std::vector<std::vector<detail::feed>> &by_rule, detail::feed_table &out,
                      const std::vector<detail::slot> &slots) {
    out.begin.assign(1, 0);
    for (std::vector<detail::feed> &v : by_rule) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
      for (detail::feed &f : v) {
        const detail::slot &s = slots[f.slot];
        f.element = static_cast<std::uint8_t>(s.element);
        f.component = static_cast<std::uint8_t>(s.component);
        f.decimals = static_cast<std::uint8_t>(s.decimals);
        f.keep = static_cast<std::uint8_t>((s.keep_first ? detail::feed::keep_first : 0) |
                                           (s.keep_sum ? detail::feed::keep_sum : 0) |
                                           (s.locate ? detail::feed::locate : 0));
      }
      out.feeds.insert(out.feeds.end(), v.begin(), v.end());
      out.begin.push_back(static_cast<std::uint32_t>(out.feeds.size()));
    }
  }

  void index(const loop_rule &l, std::uint32_t parent) {
    if (l.ordinal >= loops_.size())
      loops_.resize(l.ordinal + 1);
    loops_[l.ordinal] = {&l, parent};
    for (const loop_rule &c : l.loops)
      index(c, l.ordinal);
  }

  [[noreturn]] void fail(std::size_t offset, const std::string &message) const {
    throw rule_error(*origin_, *text_, offset, message);
  }

  std::vector<std::uint32_t> nodes_named(std::string_view id) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < loops_.size(); ++i)
      if (loops_[i].rule && (id == "ST" ? i == 0 : loops_[i].rule->id == id))
        out.push_back(i);
    return out;
  }

  bool within(std::uint32_t n, std::uint32_t ancestor) const {
    for (; n != no_index; n = loops_[n].parent)
      if (n == ancestor)
        return true;
    return false;
  }

  bool within_any(std::uint32_t n, const std::vector<std::uint32_t> &set) const {
    return std::any_of(set.begin(), set.end(), [&](std::uint32_t a) { return within(n, a); });
  }

  std::string anchor_name() const { return def_->anchor.empty() ? "ST" : def_->anchor; }

  std::vector<std::uint32_t> anchor_nodes(const rule_definition &def) const {
    if (def.anchor.empty() || def.anchor == "ST")
      return {0};
    std::vector<std::uint32_t> a = nodes_named(def.anchor);
    if (a.empty())
      throw rule_error(def.anchor_origin, def.anchor, 0,
                       "loop " + def.anchor + " is not a loop of " + schema_.guide);
    return a;
  }

  // The segment rules with this ID placed directly in loop `n`.
  template <class F> void each_segment(std::uint32_t n, std::string_view id, F f) const {
    for (const segment_rule &s : loops_[n].rule->segments)
      if (s.id == id)
        f(s);
  }

  resolved_path resolve(const ast::path &p) {
    resolved_path r;
    r.offset = p.offset;
    const std::vector<ast::part> &parts = p.parts;
    // Loops first: every part but the last one or two.
    std::size_t k = 0;
    std::vector<std::uint32_t> cands;
    std::string loop_chain;
    auto is_last = [&](std::size_t i) { return i + 1 == parts.size(); };
    while (k < parts.size() && is_loop_name(parts[k].name) &&
           !(is_last(k) && parts[k].name == "ST")) {
      const ast::part &x = parts[k];
      if (x.qual || x.component)
        fail(x.offset, x.name + " is a loop: only a segment ID takes a qualifier");
      std::vector<std::uint32_t> named = nodes_named(x.name);
      if (named.empty())
        fail(x.offset, "loop " + x.name + " is not a loop of " + schema_.guide);
      if (k > 0) {
        std::vector<std::uint32_t> inside;
        for (std::uint32_t n : named)
          if (n != no_index && within_any(loops_[n].parent, cands))
            inside.push_back(n);
        if (inside.empty())
          fail(x.offset, "loop " + x.name + " is not inside loop " + parts[k - 1].name);
        named = std::move(inside);
      }
      cands = std::move(named);
      loop_chain += x.name + "/";
      ++k;
    }
    bool anchor_side = true;
    if (k == 0) {
      cands = anchor_;
    } else {
      std::vector<std::uint32_t> inside;
      for (std::uint32_t n : cands)
        if (within_any(n, anchor_))
          inside.push_back(n);
      anchor_side = !inside.empty();
      if (anchor_side)
        cands = std::move(inside);
    }
    const std::string anchor_key = anchor_side ? anchor_name() + "@" : std::string("@");
    if (k == parts.size()) {
      r.what = resolved_path::kind::loop;
      r.feeds = cands;
      if (anchor_side)
        r.resets = anchor_;
      else
        for (std::uint32_t c : cands)
          for (std::uint32_t a = loops_[c].parent; a != no_index; a = loops_[a].parent)
            r.resets.push_back(a);
      r.key = anchor_key + loop_chain;
      return r;
    }
    // Then a segment (with a qualifier) and an element, or an element alone.
    const ast::part &x = parts[k];
    std::size_t element_part = k;
    std::string seg;
    unsigned pos = 0;
    if (is_segment_id(x.name)) {
      seg = x.name;
      r.what = resolved_path::kind::segment;
      if (x.component)
        fail(x.offset, x.name + " is a segment ID: a component goes on an element (CLM05-3)");
      if (x.qual)
        qualify(r, *x.qual, seg);
      element_part = k + 1;
    } else if (!split_element_ref(x.name, seg, pos)) {
      fail(x.offset, "'" + x.name + "' is not a loop ID, segment ID or element reference");
    }
    if (element_part < parts.size()) {
      const ast::part &e = parts[element_part];
      std::string eseg;
      if (!split_element_ref(e.name, eseg, pos))
        fail(e.offset, "'" + e.name + "' is not an element reference (like " + seg + "01)");
      if (eseg != seg)
        fail(e.offset, e.name + " is not an element of segment " + seg);
      if (e.qual)
        fail(e.qual->offset, "a qualifier goes on the segment ID: " + seg + "[...]/" + e.name);
      if (element_part + 1 != parts.size())
        fail(parts[element_part + 1].offset, "nothing can follow an element reference");
      r.what = resolved_path::kind::element;
      r.element = pos;
      r.component = e.component ? *e.component : 0;
    } else if (r.what != resolved_path::kind::segment) {
      if (x.qual)
        fail(x.qual->offset, "a qualifier goes on the segment ID: " + seg + "[...]/" + x.name);
      r.element = pos;
      r.component = x.component ? *x.component : 0;
    }
    r.segment_id = seg;
    // The loops whose own segments the path means: each candidate loop
    // that has the segment (with the qualifier) itself, else the loops
    // under it that have it. So 2000B/SBR02 is the subscriber's SBR, never
    // the other payers' SBRs in 2320 below it.
    bool by_id = false;
    for (std::uint32_t c : cands) {
      if (holds(c, r, by_id)) {
        r.feeds.push_back(c);
        continue;
      }
      for (std::uint32_t n = 0; n < loops_.size(); ++n)
        if (n != c && loops_[n].rule && within(n, c) && holds(n, r, by_id))
          r.feeds.push_back(n);
    }
    std::sort(r.feeds.begin(), r.feeds.end());
    r.feeds.erase(std::unique(r.feeds.begin(), r.feeds.end()), r.feeds.end());
    if (r.feeds.empty()) {
      std::string where = (k ? "loop " + parts[k - 1].name
                             : def_->anchor.empty() || def_->anchor == "ST"
                                 ? std::string("the transaction")
                                 : "loop " + def_->anchor) +
                          " of " + schema_.guide;
      if (!by_id)
        fail(x.offset, "segment " + seg + " does not occur in " + where);
      std::string values;
      for (const std::string &v : r.qual_values)
        values += (values.empty() ? "" : ", ") + v;
      fail(x.qual->offset, "no " + seg + " in " + where + " has the qualifier " + values);
    }
    if (r.element)
      check_element(r, element_part < parts.size() ? parts[element_part] : x);
    if (anchor_side) {
      r.resets = anchor_;
    } else {
      for (std::uint32_t c : cands)
        for (std::uint32_t a = c; a != no_index; a = loops_[a].parent)
          r.resets.push_back(a);
    }
    std::string qual;
    if (!r.qual_values.empty()) {
      qual = r.explicit_qual
                 ? "[" + std::to_string(r.qual_element) + "-" + std::to_string(r.qual_component) + "="
                 : std::string("[key=");
      for (const std::string &v : r.qual_values)
        qual += v + ",";
      qual += "]";
    }
    r.key = anchor_key + loop_chain + seg + qual + "/" + std::to_string(r.element) + "-" +
            std::to_string(r.component);
    return r;
  }

  void qualify(resolved_path &r, const ast::qualifier &q, const std::string &seg) {
    if (q.element) {
      std::string name = *q.element, eseg;
      unsigned comp = 0;
      if (std::size_t dash = name.find('-'); dash != std::string::npos) {
        comp = static_cast<unsigned>(std::stoul(name.substr(dash + 1)));
        name = name.substr(0, dash);
      }
      unsigned pos = 0;
      if (!split_element_ref(name, eseg, pos) || eseg != seg)
        fail(q.offset + 1, *q.element + " is not an element of segment " + seg);
      r.explicit_qual = true;
      r.qual_element = pos;
      r.qual_component = comp;
    }
    if (q.values.size() == 1 && q.values[0] == "*")
      return;
    r.qual_values = q.values;
    std::sort(r.qual_values.begin(), r.qual_values.end());
    r.qual_values.erase(std::unique(r.qual_values.begin(), r.qual_values.end()),
                        r.qual_values.end());
  }

  // Whether loop `n` has the path's segment with its qualifier as one of
  // its own; `by_id` is set when it has the segment ID at all.
  bool holds(std::uint32_t n, const resolved_path &r, bool &by_id) const {
    bool any = false;
    each_segment(n, r.segment_id, [&](const segment_rule &s) {
      by_id = true;
      any |= qualifier_of(s, r) != qualified::never;
    });
    return any;
  }

  // The qualifier's element and component in segment rule `s`.
  static std::pair<unsigned, unsigned> qualifier_position(const segment_rule &s,
                                                          const resolved_path &r) {
    if (r.explicit_qual || s.match.empty())
      return {r.qual_element, r.qual_component};
    return {s.match.front().element, s.match.front().component};
  }

  // What placing a segment on `s` says about the path's qualifier: the
  // segment's value at the match key is one of the key's values.
  static qualified qualifier_of(const segment_rule &s, const resolved_path &r) {
    if (r.qual_values.empty())
      return qualified::always;
    auto [element, component] = qualifier_position(s, r);
    for (const qualifier &m : s.match) {
      if (m.element != element || m.component != component)
        continue;
      bool some = false, all = true;
      for (const std::string &v : m.values) {
        bool in = std::binary_search(r.qual_values.begin(), r.qual_values.end(), v);
        some |= in;
        all &= in;
      }
      return !some ? qualified::never : all ? qualified::always : qualified::test;
    }
    return qualified::test;
  }

  // The segment rules in the path's loops that feed it.
  template <class F> void each_feeding(const resolved_path &r, F f) const {
    for (std::uint32_t n : r.feeds)
      each_segment(n, r.segment_id, [&](const segment_rule &s) {
        if (qualifier_of(s, r) != qualified::never)
          f(s);
      });
  }

  // The element must be one the guide uses in that segment somewhere in scope.
  void check_element(resolved_path &r, const ast::part &at) {
    bool known = false, composite = false, component_known = false;
    bool numeric = true, typed = false;
    std::size_t capacity = 0;
    auto number_type = [&](const element_rule &e) {
      numeric &= e.type == data_type::decimal || e.type == data_type::number;
      r.decimals = std::max(r.decimals, e.type == data_type::number ? e.decimals : 0u);
      if (!std::exchange(typed, true))
        r.type = e.type;
      r.numeric_codes |= e.codes.empty() || std::any_of(e.codes.begin(), e.codes.end(),
                                                        [](const std::string &c) {
                                                          return decimal::parse(c).has_value();
                                                        });
    };
    each_feeding(r, [&](const segment_rule &s) {
        const element_rule *e = s.element(r.element);
        if (!e)
          return;
        known = true;
        if (r.data_element.empty())
          r.data_element = e->ele;
        if (e->type == data_type::composite) {
          composite = true;
          std::size_t whole = 0;
          for (const element_rule &c : e->components) {
            whole += c.max_length + 1;
            if (c.pos == r.component) {
              component_known = true;
              number_type(c);
              capacity = std::max<std::size_t>(capacity, c.max_length);
              if (!c.ele.empty())
                r.data_element = c.ele;
            }
          }
          if (!r.component)
            capacity = std::max(capacity, whole);
        } else {
          number_type(*e);
          capacity = std::max<std::size_t>(capacity, e->max_length);
        }
      });
    std::string ref = element_ref(r.segment_id, r.element, r.component);
    if (!known)
      fail(at.offset, r.segment_id + " has no element " + (r.element < 10 ? "0" : "") +
                          std::to_string(r.element) + " in " + schema_.guide);
    if (r.component && !composite)
      fail(at.offset, element_ref(r.segment_id, r.element) + " has no components in " +
                          schema_.guide);
    if (r.component && !component_known)
      fail(at.offset, ref + " is not a component " + schema_.guide + " uses");
    r.capacity = std::max<std::size_t>(capacity, 16);
    // A whole composite is text.
    r.numeric = numeric && (!composite || r.component);
    if (composite && !r.component)
      r.type = data_type::composite;
  }

  std::uint32_t slot_for(const resolved_path &p, bool keep_first, bool keep_sum) {
    auto it = slot_index_.find(p.key);
    std::uint32_t i;
    if (it == slot_index_.end()) {
      i = static_cast<std::uint32_t>(out_.slots.size());
      detail::slot s;
      s.loop = p.what == resolved_path::kind::loop;
      s.element = p.element;
      s.component = p.component;
      s.decimals = p.decimals;
      s.capacity = p.capacity;
      out_.slots.push_back(s);
      slot_index_.emplace(p.key, i);
      for (std::uint32_t f : p.feeds) {
        if (s.loop) {
          out_.loops[f].instances.push_back(i);
          continue;
        }
        each_segment(f, p.segment_id, [&](const segment_rule &seg) {
          detail::feed f;
          f.slot = i;
          f.test = p.qual_values.empty() ? 0 : test_for(seg, p);
          loose_[seg.ordinal].push_back(f);
          switch (qualifier_of(seg, p)) {
          case qualified::never:
            break;
          case qualified::always:
            f.test = 0;
            exact_[seg.ordinal].push_back(f);
            break;
          case qualified::test:
            exact_[seg.ordinal].push_back(f);
            break;
          }
        });
      }
      resets_.push_back(p.resets);
    } else {
      i = it->second;
    }
    detail::slot &s = out_.slots[i];
    s.keep_first |= keep_first;
    s.keep_sum |= keep_sum;
    return i;
  }

  // The test of the path's qualifier on a segment placed on `s`, shared
  // by the slots that test the same.
  std::uint16_t test_for(const segment_rule &s, const resolved_path &p) {
    detail::qualifier_test q;
    std::tie(q.element, q.component) = qualifier_position(s, p);
    q.values = p.qual_values;
    if (std::all_of(q.values.begin(), q.values.end(),
                    [](const std::string &v) { return v.size() <= 8; }))
      for (const std::string &v : q.values)
        q.packed.push_back(pack_code(v));
    for (std::size_t k = 0; k < out_.tests.size(); ++k) {
      const detail::qualifier_test &o = out_.tests[k];
      if (o.element == q.element && o.component == q.component && o.values == q.values)
        return static_cast<std::uint16_t>(k + 1);
    }
    out_.tests.push_back(std::move(q));
    return static_cast<std::uint16_t>(out_.tests.size());
  }

  std::uint32_t push(node n) {
    rule_->nodes.push_back(std::move(n));
    statics_.resize(rule_->nodes.size());
    return static_cast<std::uint32_t>(rule_->nodes.size() - 1);
  }

  // What node `n` is known to be before any file is read.
  std::uint32_t typed(std::uint32_t n, value_kind kind) {
    static_value &v = statics_[n];
    v.kind = kind;
    const node &x = rule_->nodes[n];
    std::string_view name = std::string_view(*text_).substr(x.offset, x.end - x.offset);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
      name.remove_suffix(1);
    v.name = name;
    return n;
  }
  std::uint32_t typed_literal(std::uint32_t n, value_kind kind, const std::string &text) {
    typed(n, kind);
    statics_[n].literal = true;
    statics_[n].text = text;
    return n;
  }
  void refuse_never(std::size_t offset, const std::string &why) const {
    if (!why.empty())
      fail(offset, "rule " + def_->id + ": " + why);
  }

  node make(op kind, const ast::tagged &at) {
    node n;
    n.kind = kind;
    n.offset = static_cast<std::uint32_t>(at.offset);
    n.end = static_cast<std::uint32_t>(at.end);
    return n;
  }

  // The operand inside levels of precedence that hold nothing else.
  static const ast::operand &unwrap(const ast::operand &a) {
    const ast::operand *x = &a;
    while (const auto *e = boost::get<x3::forward_ast<ast::expression>>(x)) {
      if (!e->get().rest.empty())
        break;
      x = &e->get().first;
    }
    return *x;
  }

  // A path argument: a path, or a loop ID the grammar read as a number (count(2400)).
  const ast::path *path_argument(const ast::operand &arg, ast::path &converted) const {
    const ast::operand &a = unwrap(arg);
    if (const auto *p = boost::get<ast::path>(&a))
      return p;
    if (const auto *n = boost::get<ast::number_literal>(&a); n && is_loop_name(n->text)) {
      ast::part part;
      part.name = n->text;
      part.offset = n->offset;
      part.end = n->end;
      converted.parts = {part};
      converted.offset = n->offset;
      converted.end = n->end;
      return &converted;
    }
    return nullptr;
  }

  std::size_t offset_of(const ast::operand &a) const {
    return boost::apply_visitor(offset_visitor{}, a);
  }

  void expect(value_type have, value_type want, std::size_t offset) const {
    if (have == want)
      return;
    if (want == value_type::condition)
      fail(offset, "expected a condition (a comparison, present(), matches() ...), not a value");
    fail(offset, "expected a value, not a condition");
  }

  std::uint32_t compile(const ast::operand &a, value_type want) {
    value_type have = value_type::value;
    std::uint32_t n = compile_any(a, have);
    expect(have, want, offset_of(a));
    return n;
  }

  std::uint32_t compile_any(const ast::operand &a, value_type &type) {
    struct visitor {
      compiler &c;
      value_type &type;
      std::uint32_t operator()(const ast::number_literal &x) const { return c.number(x); }
      std::uint32_t operator()(const ast::string_literal &x) const {
        node n = c.make(op::text, x);
        n.text = x.text;
        return c.typed_literal(c.push(std::move(n)), value_kind::text, x.text);
      }
      std::uint32_t operator()(const ast::date_literal &x) const { return c.date(x); }
      std::uint32_t operator()(const ast::path &x) const { return c.value_path(x); }
      std::uint32_t operator()(const x3::forward_ast<ast::call> &x) const {
        return c.call(x.get(), type);
      }
      std::uint32_t operator()(const x3::forward_ast<ast::unary> &x) const {
        return c.unary(x.get(), type);
      }
      std::uint32_t operator()(const x3::forward_ast<ast::expression> &x) const {
        return c.expression(x.get(), type);
      }
      std::uint32_t operator()(const x3::forward_ast<ast::literal_list> &x) const {
        c.fail(x.get().offset, "a list goes after in or not in");
      }
    };
    type = value_type::value;
    return boost::apply_visitor(visitor{*this, type}, a);
  }

  std::uint32_t number(const ast::number_literal &x) {
    auto d = decimal::parse(x.text);
    if (!d)
      fail(x.offset, "number " + x.text + " has more than 18 digits or 6 decimals");
    node n = make(op::number, x);
    n.number = *d;
    return typed_literal(push(std::move(n)), value_kind::number, x.text);
  }

  std::uint32_t date(const ast::date_literal &x) {
    std::string digits = x.text.substr(0, 4) + x.text.substr(5, 2) + x.text.substr(8, 2);
    node n = make(op::date, x);
    if (!detail::days_of(digits, n.days))
      fail(x.offset, x.text + " is not a real date");
    return typed(push(std::move(n)), value_kind::date);
  }

  std::uint32_t value_path(const ast::path &x) {
    resolved_path p = resolve(x);
    if (p.what == resolved_path::kind::loop)
      fail(x.offset, "a loop has no value: use present() or count() on it");
    if (p.what == resolved_path::kind::segment)
      fail(x.offset, "a segment has no value: name an element (" + p.segment_id +
                         "01) or use present(" + p.segment_id + ")");
    node n = make(op::value, x);
    n.a = slot_for(p, true, false);
    n.numeric = p.numeric;
    n.decimals = static_cast<std::uint8_t>(p.decimals);
    paths_.push_back({n.a, x.offset, p});
    std::uint32_t at = typed(push(std::move(n)), p.numeric ? value_kind::number : value_kind::text);
    statics_[at].element = true;
    statics_[at].type = p.type;
    statics_[at].numeric_codes = p.numeric_codes;
    return at;
  }

  std::uint32_t call(const ast::call &c, value_type &type) {
    struct signature {
      const char *name;
      op kind;
      std::size_t min, max;
      value_type result;
    };
    static const signature functions[] = {
        {"present", op::present, 1, 1, value_type::condition},
        {"count", op::count, 1, 64, value_type::value},
        {"sum", op::sum, 1, 64, value_type::value},
        {"matches", op::matches, 2, 2, value_type::condition},
        {"length", op::length, 1, 1, value_type::value},
        {"date", op::to_date, 1, 1, value_type::value},
        {"date_end", op::to_date_end, 1, 1, value_type::value},
        {"number", op::to_number, 1, 1, value_type::value},
        {"valid_npi", op::valid_npi, 1, 1, value_type::condition},
        {"valid_icd10", op::valid_icd10, 1, 1, value_type::condition},
        {"file_date", op::file_date, 0, 0, value_type::value},
    };
    const signature *f = nullptr;
    for (const signature &s : functions)
      if (c.name == s.name)
        f = &s;
    if (!f)
      fail(c.offset, "unknown function '" + c.name +
                         "' (present, count, sum, matches, length, date, date_end, number, "
                         "valid_npi, valid_icd10, file_date)");
    if (c.args.size() < f->min || c.args.size() > f->max)
      fail(c.offset, c.name + "() takes " +
                         (f->min == f->max ? std::to_string(f->min)
                          : f->max > 2     ? "at least " + std::to_string(f->min)
                                           : std::to_string(f->min) + " or " + std::to_string(f->max)) +
                         (f->max == 1 && f->min == 1 ? " argument" : " arguments") + ", not " +
                         std::to_string(c.args.size()));
    type = f->result;
    node n = make(f->kind, c);
    switch (f->kind) {
    case op::present:
    case op::count:
    case op::sum: {
      n.first = static_cast<std::uint32_t>(rule_->args.size());
      std::vector<std::uint32_t> slots;
      for (const ast::operand &a : c.args) {
        ast::path converted;
        const ast::path *p = path_argument(a, converted);
        if (!p)
          fail(offset_of(a), c.name + "() takes a path (a loop, segment or element)");
        resolved_path r = resolve(*p);
        if (f->kind == op::sum && r.what != resolved_path::kind::element)
          fail(p->offset, "sum() adds elements: name one (like " +
                              (r.segment_id.empty() ? std::string("SV102") : r.segment_id + "02") +
                              ")");
        std::uint32_t s = slot_for(r, false, f->kind == op::sum);
        paths_.push_back({s, p->offset, r});
        slots.push_back(s);
        if (f->kind == op::present)
          present_path_ = r;
      }
      rule_->args.insert(rule_->args.end(), slots.begin(), slots.end());
      n.count = static_cast<std::uint32_t>(slots.size());
      return typed(push(std::move(n)),
                   f->kind == op::present ? value_kind::unknown : value_kind::number);
    }
    case op::matches: {
      n.a = compile(c.args[0], value_type::value);
      const ast::string_literal *re = boost::get<ast::string_literal>(&unwrap(c.args[1]));
      if (!re)
        fail(offset_of(c.args[1]), "matches() takes the pattern as a quoted string");
      try {
        out_.regexes.emplace_back(re->text, std::regex::ECMAScript | std::regex::optimize);
      } catch (const std::regex_error &e) {
        fail(re->offset, std::string("bad pattern: ") + e.what());
      }
      n.b = static_cast<std::uint32_t>(out_.regexes.size() - 1);
      return push(std::move(n));
    }
    case op::file_date:
      return typed(push(std::move(n)), value_kind::date);
    default:
      n.a = compile(c.args[0], value_type::value);
      if (f->kind == op::to_date || f->kind == op::to_date_end) {
        refuse_never(c.offset, detail::never_a_date(c.name, statics_[n.a]));
        return typed(push(std::move(n)), value_kind::date);
      }
      return typed(push(std::move(n)), f->kind == op::length || f->kind == op::to_number
                                           ? value_kind::number
                                           : value_kind::unknown);
    }
  }

  std::uint32_t unary(const ast::unary &u, value_type &type) {
    if (u.op == "not") {
      type = value_type::condition;
      node n = make(op::not_, u);
      n.a = compile(u.arg, value_type::condition);
      return push(std::move(n));
    }
    node n = make(op::neg, u);
    n.a = compile(u.arg, value_type::value);
    return typed(push(std::move(n)), value_kind::number);
  }

  std::uint32_t expression(const ast::expression &e, value_type &type) {
    if (e.rest.empty())
      return compile_any(e.first, type);
    static const std::map<std::string, op> ops = {
        {"or", op::or_}, {"and", op::and_}, {"==", op::eq}, {"!=", op::ne},  {"<", op::lt},
        {"<=", op::le},  {">", op::gt},     {">=", op::ge}, {"in", op::in}, {"not in", op::not_in},
        {"+", op::add},  {"-", op::sub},    {"*", op::mul}};
    value_type first_type = value_type::value;
    std::uint32_t left = compile_any(e.first, first_type);
    std::size_t left_offset = offset_of(e.first);
    for (const ast::operation &o : e.rest) {
      op kind = ops.at(o.op);
      node n = make(kind, e);
      n.end = static_cast<std::uint32_t>(o.end);
      bool logic = kind == op::or_ || kind == op::and_;
      expect(first_type, logic ? value_type::condition : value_type::value, left_offset);
      n.a = left;
      if (kind == op::in || kind == op::not_in) {
        const auto *list = boost::get<x3::forward_ast<ast::literal_list>>(&o.rhs);
        n.first = static_cast<std::uint32_t>(rule_->args.size());
        std::vector<std::uint32_t> items;
        for (const ast::operand &item : list->get().items) {
          items.push_back(literal(item));
          refuse_never(offset_of(item), detail::never_holds("==", statics_[left], statics_[items.back()]));
        }
        rule_->args.insert(rule_->args.end(), items.begin(), items.end());
        n.count = static_cast<std::uint32_t>(items.size());
      } else {
        n.b = compile(o.rhs, logic ? value_type::condition : value_type::value);
        if (!logic)
          refuse_never(left_offset, detail::never_holds(o.op, statics_[left], statics_[n.b]));
      }
      const bool arithmetic = kind == op::add || kind == op::sub || kind == op::mul;
      const value_kind result = arithmetic
                                    ? detail::arithmetic_kind(o.op, statics_[left], statics_[n.b])
                                    : value_kind::unknown;
      left = typed(push(std::move(n)), result);
      first_type = arithmetic ? value_type::value : value_type::condition;
    }
    type = first_type;
    return left;
  }

  // An item of an in-list: a string, number or date, or a negative number.
  std::uint32_t literal(const ast::operand &item) {
    const ast::operand *x = &unwrap(item);
    if (const auto *u = boost::get<x3::forward_ast<ast::unary>>(x); u && u->get().op == "-")
      if (boost::get<ast::number_literal>(&u->get().arg)) {
        node n = make(op::neg, u->get());
        n.a = number(boost::get<ast::number_literal>(u->get().arg));
        return push(std::move(n));
      }
    if (const auto *s = boost::get<ast::string_literal>(x)) {
      node n = make(op::text, *s);
      n.text = s->text;
      return typed_literal(push(std::move(n)), value_kind::text, s->text);
    }
    if (const auto *n = boost::get<ast::number_literal>(x))
      return number(*n);
    if (const auto *d = boost::get<ast::date_literal>(x))
      return date(*d);
    fail(offset_of(item), "a list after in holds quoted codes, numbers or dates");
  }

  // The code of the expression at node `root`, appended to the rule set's:
  // operands before their operator; `and` and `or` jump past their right
  // side when the left one decides.
  detail::range code_of(const detail::compiled_rule &r, std::uint32_t root) {
    detail::range c;
    c.begin = static_cast<std::uint32_t>(out_.steps.size());
    std::uint32_t depth = 0;
    emit(r, root, depth);
    c.end = static_cast<std::uint32_t>(out_.steps.size());
    return c;
  }

  void emit(const detail::compiled_rule &r, std::uint32_t i, std::uint32_t &depth) {
    const node &n = r.nodes[i];
    detail::step s;
    s.kind = n.kind;
    auto push = [&](int change) {
      depth = static_cast<std::uint32_t>(static_cast<int>(depth) + change);
      out_.depth = std::max(out_.depth, depth);
      out_.steps.push_back(s);
    };
    switch (n.kind) {
    case op::text:
    case op::number:
    case op::date:
      s.a = constant_of(r, i);
      return push(1);
    case op::value:
      s.a = n.a;
      s.numeric = n.numeric;
      s.decimals = n.decimals;
      return push(1);
    case op::present:
    case op::count:
    case op::sum:
      s.first = static_cast<std::uint32_t>(out_.args.size());
      s.count = n.count;
      out_.args.insert(out_.args.end(), r.args.begin() + n.first,
                       r.args.begin() + n.first + n.count);
      return push(1);
    case op::in:
    case op::not_in:
      emit(r, n.a, depth);
      s.first = static_cast<std::uint32_t>(out_.args.size());
      s.count = n.count;
      for (std::uint32_t k = 0; k < n.count; ++k)
        out_.args.push_back(constant_of(r, r.args[n.first + k]));
      return push(0);
    case op::file_date:
      return push(1);
    case op::and_:
    case op::or_: {
      emit(r, n.a, depth);
      detail::step jump;
      jump.kind = n.kind == op::and_ ? op::jump_if_false : op::jump_if_true;
      const std::size_t at = out_.steps.size();
      out_.steps.push_back(jump);
      emit(r, n.b, depth);
      push(-1);
      out_.steps[at].a = static_cast<std::uint32_t>(out_.steps.size());
      return;
    }
    case op::jump_if_false:
    case op::jump_if_true:
      return;
    default:
      break;
    }
    // Unary and binary operators and the one-argument functions.
    emit(r, n.a, depth);
    if (n.kind == op::matches) {
      s.a = n.b;
      return push(0);
    }
    if (n.b == no_index)
      return push(0);
    emit(r, n.b, depth);
    push(-1);
  }

  // The literal at node `i` (a negative number in an in-list folded) as a
  // constant of the rule set.
  std::uint32_t constant_of(const detail::compiled_rule &r, std::uint32_t i) {
    const node &n = r.nodes[i];
    detail::constant k;
    k.kind = n.kind == op::neg ? op::number : n.kind;
    k.text = n.text;
    k.number = n.number;
    k.days = n.days;
    if (n.kind == op::neg) {
      k.number = decimal::zero();
      k.number.subtract(r.nodes[n.a].number); // 18 digits at most: never overflows
    }
    out_.constants.push_back(std::move(k));
    return static_cast<std::uint32_t>(out_.constants.size() - 1);
  }

  // The slots the nodes from `first` on read, once each, appended to the
  // rule set's.
  detail::range reads_of(const detail::compiled_rule &r, std::size_t first) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = first; i < r.nodes.size(); ++i) {
      const node &n = r.nodes[i];
      if (n.kind == op::value)
        out.push_back(n.a);
      else if (n.kind == op::present || n.kind == op::count || n.kind == op::sum)
        out.insert(out.end(), r.args.begin() + n.first, r.args.begin() + n.first + n.count);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    detail::range reads;
    reads.begin = static_cast<std::uint32_t>(out_.reads.size());
    out_.reads.insert(out_.reads.end(), out.begin(), out.end());
    reads.end = static_cast<std::uint32_t>(out_.reads.size());
    return reads;
  }

  // Where a finding points and what the 999 says, from the shape of expr.
  void locate(detail::compiled_rule &r, const rule_definition &def) {
    const loop_rule &anchor = *loops_[anchor_.front()].rule;
    const std::string &entry_id = anchor.entry().id;
    resolved_path entry;
    entry.what = resolved_path::kind::segment;
    entry.segment_id = entry_id;
    entry.feeds = anchor_;
    entry.resets = anchor_;
    entry.key = anchor_name() + "@entry:" + entry_id;
    r.entry_slot = slot_for(entry, false, false);
    out_.slots[r.entry_slot].locate = true;
    r.at_segment = entry_id;
    if (!def.at.empty()) {
      if (!is_segment_id(def.at))
        throw rule_error(def.at_origin, def.at, 0, "at: '" + def.at + "' is not a segment ID");
      resolved_path at;
      at.what = resolved_path::kind::segment;
      at.segment_id = def.at;
      at.resets = anchor_;
      for (std::uint32_t n = 0; n < loops_.size(); ++n) {
        bool holds = false;
        if (loops_[n].rule && within_any(n, anchor_))
          each_segment(n, def.at, [&](const segment_rule &) { holds = true; });
        if (holds)
          at.feeds.push_back(n);
      }
      if (at.feeds.empty())
        throw rule_error(def.at_origin, def.at, 0,
                         "at: segment " + def.at + " does not occur in " +
                             (def.anchor.empty() || def.anchor == "ST" ? std::string("the transaction")
                                                                      : "loop " + def.anchor));
      at.key = anchor_name() + "@" + def.at + "/0-0";
      r.at_slot = slot_for(at, false, false);
      out_.slots[r.at_slot].locate = true;
      r.at_segment = def.at;
    }
    const node &root = r.nodes[r.expr];
    if (root.kind == op::present && root.count == 1 && present_path_) {
      const resolved_path &p = *present_path_;
      if (p.what == resolved_path::kind::segment) {
        r.segment_code = "I6";
        if (def.at.empty())
          r.at_segment = p.segment_id;
        return;
      }
      if (p.what == resolved_path::kind::element) {
        if (def.at.empty())
          r.at_segment = p.segment_id; // named even when the whole segment is absent
        r.segment_code = "8";
        r.element_code = "I9";
        r.ik4_element = p.element;
        r.ik4_component = p.component;
        r.data_element = p.data_element;
        r.point_slot = r.args[root.first];
        r.point_segment = p.segment_id;
        out_.slots[r.point_slot].locate = true;
        return;
      }
    }
    if (root.kind == op::not_ && r.nodes[root.a].kind == op::present && r.nodes[root.a].count == 1 &&
        present_path_ && present_path_->what == resolved_path::kind::segment) {
      r.segment_code = "I9";
      r.point_slot = r.args[r.nodes[root.a].first];
      r.point_segment = present_path_->segment_id;
      out_.slots[r.point_slot].locate = true;
      return;
    }
    r.segment_code = "8";
    // The first element the expression names in the segment it points at.
    const path_use *first = nullptr;
    for (const path_use &u : paths_)
      if (u.path.element && u.path.segment_id == r.at_segment && (!first || u.offset < first->offset))
        first = &u;
    if (first) {
      r.element_code = "I12";
      r.ik4_element = first->path.element;
      r.ik4_component = first->path.component;
      r.data_element = first->path.data_element;
      if (out_.slots[first->slot].keep_first)
        r.ik4_slot = first->slot;
    }
  }

  void describe_sides(detail::compiled_rule &r) {
    const node &root = r.nodes[r.expr];
    if (root.kind < op::eq || root.kind > op::ge)
      return;
    auto side = [&](const node &n) {
      std::string_view t = std::string_view(*text_).substr(n.offset, n.end - n.offset);
      while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back())))
        t.remove_suffix(1);
      return std::string(t);
    };
    auto literal = [&](const node &n) {
      return n.kind == op::number || (n.kind == op::neg && r.nodes[n.a].kind == op::number);
    };
    r.left_text = side(r.nodes[root.a]);
    r.right_text = side(r.nodes[root.b]);
    r.left_literal = literal(r.nodes[root.a]);
    r.right_literal = literal(r.nodes[root.b]);
  }

  struct path_use {
    std::uint32_t slot;
    std::size_t offset;
    resolved_path path;
  };

  const schema &schema_;
  detail::compiled_rules &out_;
  std::vector<loop_ref> loops_;
  std::set<std::string> ids_;
  std::map<std::string, std::uint32_t> slot_index_;
  std::vector<std::vector<detail::feed>> exact_, loose_; // by segment rule ordinal
  std::vector<std::vector<std::uint32_t>> resets_;       // by slot: the loops that reset it
  const rule_definition *def_ = nullptr;
  detail::compiled_rule *rule_ = nullptr;
  const std::string *text_ = nullptr;
  const rule_origin *origin_ = nullptr;
  std::vector<static_value> statics_; // by node index, of the rule being compiled
  std::vector<std::uint32_t> anchor_;
  std::vector<path_use> paths_;
  std::optional<resolved_path> present_path_;

public:
  void start_rule() {
    paths_.clear();
    present_path_.reset();
  }
};

} // namespace

rule_set::rule_set() : impl_(std::make_unique<detail::compiled_rules>()) {}
rule_set::~rule_set() = default;

std::size_t rule_set::size() const noexcept { return impl_->rules.size(); }

std::shared_ptr<const rule_set> rule_set::compile(const schema &guide,
                                                  const std::vector<rule_definition> &rules) {
  std::shared_ptr<rule_set> set(new rule_set());
  compiler c(guide, *set->impl_);
  for (const rule_definition &def : rules) {
    c.start_rule();
    c.add(def);
  }
  c.finish();
  return set;
}

} // namespace x12
