// The only code that touches yaml-cpp: YAML guide files to schema structs.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>
#include <yaml-cpp/yaml.h>

#include "schema/yaml_file.h"
#include "x12/error.h"
#include "x12/rules.h"
#include "x12/schema.h"

namespace x12 {
namespace {

struct dictionary_entry {
  std::string name;
  data_type type = data_type::alphanumeric;
  unsigned decimals = 0;
  unsigned min = 0, max = 0;
};
using dictionary = std::unordered_map<std::string, dictionary_entry>;

// A map's entries, read once: yaml-cpp finds a key by converting each key
// of the map to a string, and an element rule asks for a dozen keys.
class entries {
public:
  explicit entries(const YAML::Node &map) : map_(map) {
    for (auto it = map.begin(); it != map.end(); ++it)
      items_.emplace_back(it->first.Scalar(), it->second);
  }
  YAML::Node operator[](std::string_view key) const {
    for (const auto &[k, v] : items_)
      if (k == key)
        return v;
    return YAML::Node(YAML::NodeType::Undefined);
  }
  const YAML::Node &node() const noexcept { return map_; }

private:
  YAML::Node map_;
  std::vector<std::pair<std::string, YAML::Node>> items_;
};

// Where an error in a map is: the map itself.
const YAML::Node &where(const YAML::Node &n) { return n; }
const YAML::Node &where(const entries &n) { return n.node(); }

class loader {
public:
  explicit loader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const YAML::Node &at, const std::string &message) const {
    const YAML::Mark m = at.Mark();
    throw error(message, {file_, 0, static_cast<unsigned>(m.line + 1),
                          static_cast<unsigned>(m.column + 1)});
  }

  template <class map>
  std::string text(const map &n, const char *key) const {
    const YAML::Node v = n[key];
    if (!v || !v.IsScalar())
      fail(where(n), std::string("missing '") + key + "'");
    return v.as<std::string>();
  }

  template <class map>
  std::string optional_text(const map &n, const char *key) const {
    const YAML::Node v = n[key];
    if (!v)
      return {};
    if (!v.IsScalar())
      fail(v, std::string("'") + key + "' must be a single value");
    return v.as<std::string>();
  }

  unsigned number(const YAML::Node &v, const char *what) const {
    const std::string s = v.as<std::string>();
    if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), ::isdigit))
      fail(v, std::string(what) + " must be a whole number, not '" + s + "'");
    return static_cast<unsigned>(std::stoul(s));
  }

  template <class map>
  std::uint32_t count(const map &n, const char *key, std::uint32_t fallback) const {
    const YAML::Node v = n[key];
    if (!v)
      return fallback;
    const std::string s = v.as<std::string>();
    if (s == "unbounded" || s == ">1")
      return unbounded;
    return number(v, key);
  }

  template <class map>
  usage use(const map &n) const {
    const std::string s = text(n, "usage");
    if (s == "R")
      return usage::required;
    if (s == "S")
      return usage::situational;
    if (s == "N")
      return usage::not_used;
    fail(n["usage"], "usage must be R, S or N, not '" + s + "'");
  }

  void type(const YAML::Node &at, const std::string &s, data_type &t, unsigned &decimals) const {
    decimals = 0;
    if (s == "AN")
      t = data_type::alphanumeric;
    else if (s == "ID")
      t = data_type::identifier;
    else if (s == "DT")
      t = data_type::date;
    else if (s == "TM")
      t = data_type::time;
    else if (s == "R")
      t = data_type::decimal;
    else if (s == "B")
      t = data_type::binary;
    else if (s == "N")
      t = data_type::number;
    else if (s.size() == 2 && s[0] == 'N' && std::isdigit(static_cast<unsigned char>(s[1]))) {
      t = data_type::number;
      decimals = static_cast<unsigned>(s[1] - '0');
    } else
      fail(at, "unknown data type '" + s + "' (AN, ID, DT, TM, R, Nn or B)");
  }

  std::vector<std::string> codes(const YAML::Node &n) const {
    std::vector<std::string> out;
    if (!n)
      return out;
    if (!n.IsSequence())
      fail(n, "codes must be a list");
    for (const YAML::Node &c : n)
      out.push_back(c.as<std::string>());
    if (out.empty())
      fail(n, "an empty code list allows nothing: leave 'codes' out to allow any value");
    return out;
  }

  dictionary load_dictionary(const YAML::Node &root) {
    dictionary d;
    for (const auto &kv : root) {
      dictionary_entry e;
      const YAML::Node &v = kv.second;
      e.name = text(v, "name");
      type(v["type"], text(v, "type"), e.type, e.decimals);
      e.min = number(v["min"], "min");
      e.max = number(v["max"], "max");
      if (!d.emplace(kv.first.as<std::string>(), std::move(e)).second)
        fail(kv.first, "data element " + kv.first.as<std::string>() + " is defined twice");
    }
    return d;
  }

  element_rule element(const YAML::Node &node, const dictionary &dict) const {
    if (!node.IsMap())
      fail(node, "an element must be a map with pos, ele and usage");
    const entries n(node);
    element_rule e;
    e.pos = number(n["pos"] ? n["pos"] : node, "pos");
    if (e.pos == 0)
      fail(n["pos"], "pos is 1-based");
    e.ele = optional_text(n, "ele");
    e.use = use(n);
    if (const YAML::Node comps = n["components"]) {
      e.type = data_type::composite;
      for (const YAML::Node &c : comps)
        e.components.push_back(element(c, dict));
      std::sort(e.components.begin(), e.components.end(),
                [](const element_rule &a, const element_rule &b) { return a.pos < b.pos; });
    } else if (!e.ele.empty()) {
      auto it = dict.find(e.ele);
      if (it == dict.end())
        fail(n["ele"], "data element " + e.ele + " is not in elements.yaml");
      e.name = it->second.name;
      e.type = it->second.type;
      e.decimals = it->second.decimals;
      e.min_length = it->second.min;
      e.max_length = it->second.max;
    } else if (!n["type"]) {
      fail(node, "an element needs 'ele' (a dictionary number) or 'type', 'min' and 'max'");
    }
    if (std::string s = optional_text(n, "name"); !s.empty())
      e.name = s;
    if (n["type"])
      type(n["type"], text(n, "type"), e.type, e.decimals);
    if (n["min"])
      e.min_length = number(n["min"], "min");
    if (n["max"])
      e.max_length = number(n["max"], "max");
    if (e.min_length > e.max_length && e.type != data_type::composite)
      fail(node, "min length is greater than max length");
    e.set_codes(codes(n["codes"]));
    e.set_code_list(optional_text(n, "code_list"));
    e.repeat = count(n, "repeat", 1);
    return e;
  }

  syntax_note syntax(const YAML::Node &n) const {
    syntax_note s;
    s.text = n.as<std::string>();
    if (s.text.size() < 5 || (s.text.size() - 1) % 2 != 0 ||
        std::string_view("PRECL").find(s.text[0]) == std::string_view::npos)
      fail(n, "syntax note '" + s.text + "' is not P, R, E, C or L followed by two-digit positions");
    s.kind = s.text[0];
    for (std::size_t i = 1; i < s.text.size(); i += 2) {
      if (!std::isdigit(static_cast<unsigned char>(s.text[i])) ||
          !std::isdigit(static_cast<unsigned char>(s.text[i + 1])))
        fail(n, "syntax note '" + s.text + "' has a position that is not two digits");
      s.positions.push_back(static_cast<unsigned>(std::stoi(s.text.substr(i, 2))));
    }
    if (std::all_of(s.positions.begin(), s.positions.end(), [](unsigned p) { return p < 64; }))
      for (unsigned p : s.positions)
        s.mask |= std::uint64_t(1) << p;
    return s;
  }

  // "NM101" or "CLM05-3" for segment NM1 / CLM.
  qualifier match_key(const YAML::Node &at, const std::string &segment_id,
                      const std::string &key) const {
    qualifier q;
    std::string rest = key;
    if (rest.rfind(segment_id, 0) == 0)
      rest = rest.substr(segment_id.size());
    std::size_t dash = rest.find('-');
    std::string el = rest.substr(0, dash);
    if (el.size() != 2 || !std::all_of(el.begin(), el.end(), ::isdigit))
      fail(at, "match key '" + key + "' must name an element of " + segment_id + " (like " +
                   segment_id + "01)");
    q.element = static_cast<unsigned>(std::stoi(el));
    if (dash != std::string::npos)
      q.component = static_cast<unsigned>(std::stoi(rest.substr(dash + 1)));
    return q;
  }

  segment_rule segment(const YAML::Node &n, const dictionary &dict) const {
    segment_rule s;
    s.id = text(n, "segment");
    s.name = optional_text(n, "name");
    s.use = use(n);
    s.max_use = count(n, "max", 1);
    if (const YAML::Node m = n["match"]) {
      if (!m.IsMap())
        fail(m, "match must map element references to value lists");
      for (const auto &kv : m) {
        qualifier q = match_key(kv.first, s.id, kv.first.as<std::string>());
        q.values = codes(kv.second);
        if (std::all_of(q.values.begin(), q.values.end(),
                        [](const std::string &v) { return v.size() <= 8; }))
          for (const std::string &v : q.values)
            q.packed_values.push_back(pack_code(v));
        s.match.push_back(std::move(q));
      }
    }
    if (const YAML::Node els = n["elements"]) {
      for (const YAML::Node &e : els)
        s.elements.push_back(element(e, dict));
      std::sort(s.elements.begin(), s.elements.end(),
                [](const element_rule &a, const element_rule &b) { return a.pos < b.pos; });
      for (std::size_t i = 1; i < s.elements.size(); ++i)
        if (s.elements[i].pos == s.elements[i - 1].pos)
          fail(els, s.id + " lists element " + std::to_string(s.elements[i].pos) + " twice");
      if (!s.elements.empty() && s.elements.back().pos >= s.by_position.size())
        fail(els, s.id + " has an element past position 99");
    }
    if (const YAML::Node syn = n["syntax"])
      for (const YAML::Node &x : syn)
        s.syntax.push_back(syntax(x));
    s.key = pack_code(s.id);
    s.index_elements();
    return s;
  }

  void children(const YAML::Node &list, loop_rule &into, const dictionary &dict) const {
    if (!list || !list.IsSequence() || list.size() == 0)
      fail(list ? list : YAML::Node(), "a loop needs a non-empty list of children");
    for (const YAML::Node &item : list) {
      if (item["segment"]) {
        into.children.push_back({false, into.segments.size()});
        into.segments.push_back(segment(item, dict));
      } else if (item["loop"]) {
        into.children.push_back({true, into.loops.size()});
        into.loops.push_back(loop(item, dict));
      } else {
        fail(item, "each child must be a segment (segment: ID) or a loop (loop: ID)");
      }
    }
  }

  loop_rule loop(const YAML::Node &n, const dictionary &dict) const {
    loop_rule l;
    l.id = text(n, "loop");
    l.name = optional_text(n, "name");
    l.use = use(n);
    l.max_repeat = count(n, "repeat", 1);
    children(n["children"], l, dict);
    if (l.children.front().is_loop)
      fail(n, "loop " + l.id + " must start with a segment: its first segment opens it");
    group_positions(l);
    return l;
  }

  // A file sent under an alias names the alias in ST03 too; the alias
  // warning is the one report it deserves.
  static void accept_aliases_in_st03(schema &s) {
    for (segment_rule &seg : s.root.segments)
      if (seg.id == "ST")
        for (element_rule &e : seg.elements)
          if (e.pos == 3 && e.has_codes) {
            std::vector<std::string> with_aliases = e.codes;
            with_aliases.insert(with_aliases.end(), s.aliases.begin(), s.aliases.end());
            e.set_codes(std::move(with_aliases));
          }
  }

  static void group_positions(loop_rule &l) {
    l.group_first.resize(l.children.size());
    auto first_id = [&](std::size_t i) -> const std::string & {
      const loop_rule::child &c = l.children[i];
      return c.is_loop ? l.loops[c.index].entry().id : l.segments[c.index].id;
    };
    for (std::size_t i = 0; i < l.children.size(); ++i)
      l.group_first[i] = i > 0 && first_id(i) == first_id(i - 1) ? l.group_first[i - 1] : i;
    std::vector<std::uint64_t> child_keys; // of the segment each child begins with
    l.required_children.clear();
    l.child_key_bloom = 0;
    for (std::size_t i = 0; i < l.children.size(); ++i) {
      child_keys.push_back(pack_code(first_id(i)));
      l.child_key_bloom |= bloom_bit(child_keys.back());
      const loop_rule::child &c = l.children[i];
      usage u = c.is_loop ? l.loops[c.index].use : l.segments[c.index].use;
      if (u == usage::required)
        l.required_children.push_back(i);
    }
    std::vector<std::uint64_t> keys = child_keys;
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::size_t size = 4;
    while (size < 2 * keys.size())
      size *= 2;
    l.key_table.assign(size, {});
    l.by_key.clear();
    for (std::uint64_t key : keys) {
      std::size_t at = loop_rule::key_slot(key) & (size - 1);
      while (l.key_table[at].key != 0)
        at = (at + 1) & (size - 1);
      loop_rule::key_run &run = l.key_table[at];
      run.key = key;
      run.begin = static_cast<std::uint32_t>(l.by_key.size());
      for (std::size_t i = 0; i < l.children.size(); ++i)
        if (child_keys[i] == key) {
          const loop_rule::child &c = l.children[i];
          loop_rule::key_child kc;
          kc.child = static_cast<std::uint32_t>(i);
          kc.room = c.is_loop ? l.loops[c.index].max_repeat : l.segments[c.index].max_use;
          kc.rule = c.is_loop ? &l.loops[c.index].entry() : &l.segments[c.index];
          const std::vector<qualifier> &match = kc.rule->match;
          if (match.size() == 1 && match[0].packed_values.size() <= 2 &&
              !match[0].packed_values.empty() && match[0].element < 256 &&
              match[0].component < 256) {
            kc.values = static_cast<std::uint8_t>(match[0].packed_values.size());
            kc.element = static_cast<std::uint8_t>(match[0].element);
            kc.component = static_cast<std::uint8_t>(match[0].component);
            for (std::size_t v = 0; v < match[0].packed_values.size(); ++v)
              kc.value[v] = match[0].packed_values[v];
          } else if (!match.empty()) {
            kc.values = 3;
          }
          l.by_key.push_back(kc);
        }
      run.end = static_cast<std::uint32_t>(l.by_key.size());
    }
  }

  schema load(const YAML::Node &root, const dictionary &dict) {
    schema s;
    s.file = file_;
    s.guide = text(root, "guide");
    s.transaction = text(root, "transaction");
    s.functional_group = text(root, "functional_group");
    s.name = optional_text(root, "name");
    s.source = optional_text(root, "source");
    if (const YAML::Node a = root["aliases"])
      for (const YAML::Node &x : a)
        s.aliases.push_back(x.as<std::string>());
    if (const YAML::Node c = root["claim"]) {
      const YAML::Node l = c["loop"];
      if (l && l.IsSequence())
        for (const YAML::Node &x : l)
          s.claim_loops.push_back(x.as<std::string>());
      else
        s.claim_loops.push_back(text(c, "loop"));
      s.claim_id = text(c, "id");
    }
    s.root.id = "";
    s.root.name = s.name;
    s.root.use = usage::required;
    children(root["structure"], s.root, dict);
    group_positions(s.root);
    accept_aliases_in_st03(s);
    std::uint32_t next = 0;
    number_loops(s.root, next, s.segment_count);
    s.loop_count = next;
    mark_claim_loops(s.root, s.claim_loops);
    if (const YAML::Node r = root["rules"]) {
      std::vector<rule_definition> defs = rules(r, false);
      if (!defs.empty())
        s.rules = rule_set::compile(s, defs);
    }
    return s;
  }

  static void mark_claim_loops(loop_rule &l, const std::vector<std::string> &ids) {
    l.is_claim = !l.id.empty() && std::find(ids.begin(), ids.end(), l.id) != ids.end();
    for (loop_rule &c : l.loops)
      mark_claim_loops(c, ids);
  }

  static void number_loops(loop_rule &l, std::uint32_t &next, std::uint32_t &next_segment) {
    l.ordinal = next++;
    for (segment_rule &s : l.segments)
      s.ordinal = next_segment++;
    for (loop_rule &c : l.loops)
      number_loops(c, next, next_segment);
  }

  // Rules, from a schema (`partner` false: snip 3 or 4) or a partner pack
  // (always snip 7). Keeps where each text sits, for errors with a caret.
  std::vector<rule_definition> rules(const YAML::Node &list, bool partner) {
    if (!list.IsSequence())
      fail(list, "rules must be a list");
    std::vector<rule_definition> out;
    static const char *const keys[] = {"id", "snip", "in", "when", "expr", "message", "severity", "at"};
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node n = list[i];
      const std::string field = "rules[" + std::to_string(i) + "]";
      if (!n.IsMap())
        fail(n, field + ": a rule is a map with id, expr and message");
      for (const auto &kv : n) {
        const std::string key = kv.first.as<std::string>();
        if (std::none_of(std::begin(keys), std::end(keys), [&](const char *k) { return key == k; }))
          fail(kv.first, field + ": unknown key '" + key +
                             "' (id, snip, in, when, expr, message, severity, at)");
        if (!kv.second.IsScalar())
          fail(kv.second, field + "." + key + " must be a single value");
      }
      rule_definition d;
      d.origin = origin(n, field);
      if (!n["id"])
        fail(n, field + ": missing 'id'");
      if (!n["expr"])
        fail(n, field + ": missing 'expr'");
      d.id = n["id"].as<std::string>();
      d.origin = origin(n["id"], field + ".id");
      d.expr = n["expr"].as<std::string>();
      d.expr_origin = origin(n["expr"], field + ".expr");
      if (const YAML::Node w = n["when"]) {
        d.when = w.as<std::string>();
        d.when_origin = origin(w, field + ".when");
      }
      if (const YAML::Node a = n["in"]) {
        d.anchor = a.as<std::string>();
        d.anchor_origin = origin(a, field + ".in");
      }
      if (const YAML::Node a = n["at"]) {
        d.at = a.as<std::string>();
        d.at_origin = origin(a, field + ".at");
      }
      d.message = n["message"] ? n["message"].as<std::string>() : "rule " + d.id + " is not met: " + d.expr;
      if (const YAML::Node v = n["severity"]) {
        const std::string level = v.as<std::string>();
        if (level != "error" && level != "warning")
          fail(v, field + ".severity must be error or warning, not '" + level + "'");
        d.level = level == "error" ? severity::error : severity::warning;
      }
      if (partner) {
        d.snip = 7;
        if (const YAML::Node v = n["snip"]; v && v.as<std::string>() != "7")
          fail(v, field + ".snip: partner rules are SNIP 7; leave snip out");
      } else {
        const YAML::Node v = n["snip"];
        if (!v)
          fail(n, field + ": missing 'snip' (3 for balancing, 4 for situational rules)");
        const std::string level = v.as<std::string>();
        if (level != "3" && level != "4")
          fail(v, field + ".snip must be 3 or 4 in a guide schema, not '" + level + "'");
        d.snip = level[0] - '0';
      }
      out.push_back(std::move(d));
    }
    return out;
  }

  // Where a scalar's text begins. A plain or quoted scalar on one line is
  // `exact`: its characters are the file's, so an offset inside it is a
  // column. The file is read once, when the first rule asks.
  rule_origin origin(const YAML::Node &n, const std::string &field) {
    const YAML::Mark m = n.Mark();
    rule_origin o{file_, field, static_cast<unsigned>(m.line + 1), static_cast<unsigned>(m.column + 1),
                  false};
    if (!n.IsScalar() || m.line < 0)
      return o;
    if (lines_.empty()) {
      std::ifstream in(file_, std::ios::binary);
      std::string line;
      while (std::getline(in, line))
        lines_.push_back(line);
    }
    if (std::size_t(m.line) >= lines_.size())
      return o;
    std::string_view line = lines_[std::size_t(m.line)];
    if (std::size_t(m.column) >= line.size())
      return o;
    std::string_view rest = line.substr(std::size_t(m.column));
    const std::string text = n.Scalar();
    if (text.find('\n') != std::string::npos)
      return o;
    if (rest[0] == '"' || rest[0] == '\'') {
      rest.remove_prefix(1);
      ++o.column;
      o.exact = rest.substr(0, text.size()) == text && rest.size() > text.size() && rest[text.size()] == line[std::size_t(m.column)];
      return o;
    }
    o.exact = rest.substr(0, text.size()) == text;
    return o;
  }

  // A name or a list of names (guides, payer IDs).
  std::vector<std::string> names(const YAML::Node &n, const char *what) {
    std::vector<std::string> out;
    if (!n)
      return out;
    if (n.IsScalar())
      out.push_back(n.as<std::string>());
    else if (n.IsSequence())
      for (const YAML::Node &g : n) {
        if (!g.IsScalar())
          fail(g, std::string(what) + " must be a name or a list of them");
        out.push_back(g.as<std::string>());
      }
    else
      fail(n, std::string(what) + " must be a name or a list of them");
    return out;
  }

  rule_pack pack(const YAML::Node &root) {
    if (!root.IsMap())
      fail(root, "a rule pack is a map with guide (optional) and rules");
    for (const auto &kv : root) {
      const std::string key = kv.first.as<std::string>();
      if (key != "guide" && key != "payers" && key != "rules")
        fail(kv.first, "unknown key '" + key + "' (guide, payers, rules)");
    }
    rule_pack p;
    p.file = file_;
    p.guides = names(root["guide"], "guide");
    p.payers = names(root["payers"], "payers");
    for (const std::string &id : p.payers)
      if (id.empty() || id.size() > 80 ||
          id.find_first_of("'\\") != std::string::npos)
        fail(root["payers"], "a payer ID is 1 to 80 characters, as in 2010BB NM109");
    if (!root["rules"])
      fail(root, "missing 'rules'");
    p.rules = rules(root["rules"], true);
    // Syntax errors now, before any input is read; the guide binds later.
    for (const rule_definition &d : p.rules) {
      if (!d.when.empty())
        rule_expression::parse(d.when, d.when_origin);
      rule_expression::parse(d.expr, d.expr_origin);
    }
    return p;
  }

private:
  std::string file_;
  std::vector<std::string> lines_;
};

const dictionary &dictionary_for(const std::filesystem::path &dir) {
  // One dictionary per directory, loaded once for all the guides in it.
  static std::unordered_map<std::string, dictionary> cache;
  std::string file = (dir / "elements.yaml").string();
  auto it = cache.find(file);
  if (it != cache.end())
    return it->second;
  loader l(file);
  try {
    return cache.emplace(file, l.load_dictionary(detail::load_yaml_file(file, "schema"))).first->second;
  } catch (const YAML::Exception &e) {
    detail::rethrow_yaml(e, file, "man x12-schema.5");
  }
}

} // namespace

rule_pack load_rule_pack(const std::string &path) {
  loader l(path);
  YAML::Node root = detail::load_yaml_file(path, "rule pack");
  try {
    return l.pack(root);
  } catch (const YAML::Exception &e) {
    detail::rethrow_yaml(e, path, "man x12-rules.5");
  }
}

schema load_schema(const std::string &path) {
  const dictionary &dict = dictionary_for(std::filesystem::path(path).parent_path());
  loader l(path);
  try {
    return l.load(detail::load_yaml_file(path, "schema"), dict);
  } catch (const YAML::Exception &e) {
    detail::rethrow_yaml(e, path, "man x12-schema.5");
  }
}

} // namespace x12
