// The streaming side of the rules: slots fed by placed segments, rules
// decided when their anchor instance closes, three-valued logic.
//
// Nothing here allocates per segment: the slot states are made once per
// evaluator, a first value is copied into a string reserved at the
// element's maximum length (a longer, already invalid value grows it once
// and the capacity stays), and values during evaluation are views into the
// slots or the compiled literals.

#include <algorithm>
#include <charconv>

#include "rules_compiled.h"
#include "x12/codes.h"
#include "x12/rules.h"
#include "x12/schema.h"
#include "x12/segment_fields.h"

namespace x12 {

using detail::no_index;
using detail::node;
using detail::op;

namespace {

struct slot_state {
  std::uint64_t count = 0;
  decimal sum = decimal::zero();
  bool sum_ok = true;
  bool has_first = false;
  bool located = false;
  std::string first;
  rule_segment_place place;
  std::uint32_t loop = 0;

  void clear() noexcept {
    count = 0;
    sum = decimal::zero();
    sum_ok = true;
    has_first = located = false;
    first.clear(); // keeps the capacity
  }
};

// A value during evaluation. Missing: an absent element or a path with no
// occurrence; unknown: a comparison that cannot be decided.
struct value {
  enum kind_t : std::uint8_t { missing, unknown, boolean, text, number, date } kind = missing;
  bool b = false;
  std::int32_t days = 0;
  std::string_view s;
  decimal n = decimal::zero();

  static value of(bool x) {
    value v;
    v.kind = boolean;
    v.b = x;
    return v;
  }
  static value of(const decimal &x) {
    value v;
    v.kind = number;
    v.n = x;
    return v;
  }
  static value of_days(std::int32_t d) {
    value v;
    v.kind = date;
    v.days = d;
    return v;
  }
  static value of_text(std::string_view x) {
    value v;
    v.kind = text;
    v.s = x;
    return v;
  }
  static value none() {
    value v;
    v.kind = unknown;
    return v;
  }
  bool is_true() const { return kind == boolean && b; }
  bool is_false() const { return kind == boolean && !b; }
  bool undecided() const { return kind == missing || kind == unknown; }
};

bool as_number(const value &v, decimal &out) {
  if (v.kind == value::number) {
    out = v.n;
    return true;
  }
  if (v.kind == value::text) {
    if (auto d = decimal::parse(v.s)) {
      out = *d;
      return true;
    }
  }
  return false;
}

// A plain CCYYMMDD text converts; a range or anything else does not.
bool as_date(const value &v, std::int32_t &out) {
  if (v.kind == value::date) {
    out = v.days;
    return true;
  }
  return v.kind == value::text && detail::days_of(v.s, out);
}

// A whole number of days from a decimal; false when it has a fraction or is huge.
bool as_days(const decimal &d, std::int32_t &out) {
  std::int64_t units = d.units(), unit = 1;
  for (int i = 0; i < d.scale(); ++i)
    unit *= 10;
  if (units % unit != 0 || units / unit > 10'000'000 || units / unit < -10'000'000)
    return false;
  out = static_cast<std::int32_t>(units / unit);
  return true;
}

int compare_text(std::string_view a, std::string_view b) { return a < b ? -1 : a > b ? 1 : 0; }

// -1, 0, 1, or 2 when the two cannot be compared.
int compare(const value &a, const value &b) {
  if (a.undecided() || b.undecided())
    return 2;
  if (a.kind == value::boolean || b.kind == value::boolean)
    return a.kind == b.kind ? (a.b == b.b ? 0 : a.b ? 1 : -1) : 2;
  if (a.kind == value::number || b.kind == value::number) {
    decimal x = decimal::zero(), y = decimal::zero();
    if (!as_number(a, x) || !as_number(b, y))
      return 2;
    return compare(x, y);
  }
  if (a.kind == value::date || b.kind == value::date) {
    std::int32_t x = 0, y = 0;
    if (!as_date(a, x) || !as_date(b, y))
      return 2;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return compare_text(a.s, b.s);
}

} // namespace

struct rule_evaluator::state {
  std::vector<slot_state> slots;
  std::vector<std::uint8_t> dirty; // by slot: touched since cleared, so resets skip the clean
  // What each rule's when and expr come to when every slot they read is
  // empty (most rules, most of the time: no AMT*T, no 2320 ...): decided
  // once per transaction instead of at every instance.
  std::vector<slot_state> empty;
  std::vector<std::uint8_t> when_true_on_empty, expr_false_on_empty;
  std::int32_t file_days = 0;
  bool file_date_ok = false;
  bool show_phi = false;
  rule_segment_place last;
  std::uint32_t last_loop = 0;
};

rule_evaluator::rule_evaluator(std::shared_ptr<const rule_set> rules)
    : rules_(std::move(rules)), state_(std::make_unique<state>()) {
  const detail::compiled_rules &c = rules_->compiled();
  state_->slots.resize(c.slots.size());
  state_->dirty.assign(c.slots.size(), 0);
  state_->empty.resize(c.slots.size());
  state_->when_true_on_empty.resize(c.rules.size());
  state_->expr_false_on_empty.resize(c.rules.size());
  for (std::size_t i = 0; i < c.slots.size(); ++i)
    if (c.slots[i].keep_first)
      state_->slots[i].first.reserve(c.slots[i].capacity);
}

rule_evaluator::~rule_evaluator() = default;

void rule_evaluator::begin_transaction(std::string_view group_date, bool show_phi) {
  for (slot_state &s : state_->slots)
    s.clear();
  std::fill(state_->dirty.begin(), state_->dirty.end(), 0);
  state_->file_date_ok = detail::days_of(group_date, state_->file_days);
  state_->show_phi = show_phi;
  decide_on_empty();
  state_->last = {};
  state_->last_loop = 0;
}

void rule_evaluator::loop_start(const loop_rule &loop) noexcept {
  const detail::compiled_rules &c = rules_->compiled();
  if (loop.ordinal >= c.loops.size())
    return;
  const detail::loop_plan &plan = c.loops[loop.ordinal];
  for (std::uint32_t s : plan.reset)
    if (state_->dirty[s]) {
      state_->slots[s].clear();
      state_->dirty[s] = 0;
    }
  for (std::uint32_t s : plan.instances) {
    ++state_->slots[s].count;
    state_->dirty[s] = 1;
  }
}

namespace {

std::string_view field_of(const segment_fields &f, unsigned element, unsigned component) {
  return component ? f.component(element, component) : f[element];
}

// Qualifiers are short codes: compared as packed integers, not strings.
bool qualified(const detail::slot &d, std::string_view v) {
  if (d.qual_packed.empty())
    return std::binary_search(d.qual_values.begin(), d.qual_values.end(), v);
  if (v.size() > 8)
    return false;
  const std::uint64_t key = pack_code(v);
  for (std::uint64_t q : d.qual_packed)
    if (q == key)
      return true;
  return false;
}

} // namespace

void rule_evaluator::segment(const loop_rule &placed_in, const segment_fields &fields,
                             std::uint64_t key, const rule_segment_place &where) noexcept {
  const detail::compiled_rules &c = rules_->compiled();
  if (placed_in.ordinal >= c.loops.size())
    return;
  state_->last = where;
  state_->last_loop = placed_in.ordinal;
  const detail::loop_plan &plan = c.loops[placed_in.ordinal];
  if (!(plan.feed_bloom & bloom_bit(key)))
    return;
  auto it = std::lower_bound(plan.feeds.begin(), plan.feeds.end(), detail::slot_feed{key, 0, 0});
  std::uint32_t tested = 0; // the qualifier last tested, and whether it held
  bool held = false;
  for (; it != plan.feeds.end() && it->key == key; ++it) {
    const detail::slot &d = c.slots[it->slot];
    if (d.qual_id) {
      if (d.qual_id != tested) {
        tested = d.qual_id;
        held = qualified(d, field_of(fields, d.qual_element, d.qual_component));
      }
      if (!held)
        continue;
    }
    slot_state &st = state_->slots[it->slot];
    state_->dirty[it->slot] = 1;
    if (!st.located) {
      st.located = true;
      st.place = where;
      st.loop = placed_in.ordinal;
    }
    if (d.element == 0) {
      ++st.count;
      continue;
    }
    std::string_view v = field_of(fields, d.element, d.component);
    if (v.empty())
      continue;
    ++st.count;
    if (d.keep_first && !st.has_first) {
      st.first.assign(v.data(), v.size());
      st.has_first = true;
    }
    if (d.keep_sum && st.sum_ok)
      if (auto n = decimal::parse(v); n && !st.sum.add(*n))
        st.sum_ok = false;
  }
}

namespace {

class evaluation {
public:
  evaluation(const detail::compiled_rules &c, const detail::compiled_rule &r,
             const std::vector<slot_state> &slots, bool file_date_ok, std::int32_t file_days)
      : c_(c), r_(r), slots_(slots), file_date_ok_(file_date_ok), file_days_(file_days) {}

  value operator()(std::uint32_t i) const {
    const node &n = r_.nodes[i];
    switch (n.kind) {
    case op::text:
      return value::of_text(n.text);
    case op::number:
      return value::of(n.number);
    case op::date:
      return value::of_days(n.days);
    case op::value: {
      const slot_state &s = slots_[n.a];
      return s.has_first ? value::of_text(s.first) : value{};
    }
    case op::present:
      for (std::uint32_t k = 0; k < n.count; ++k)
        if (slots_[r_.args[n.first + k]].count)
          return value::of(true);
      return value::of(false);
    case op::count: {
      std::uint64_t total = 0;
      for (std::uint32_t k = 0; k < n.count; ++k)
        total += slots_[r_.args[n.first + k]].count;
      return value::of(decimal::from_integer(static_cast<std::int64_t>(total)));
    }
    case op::sum: {
      decimal total = decimal::zero();
      for (std::uint32_t k = 0; k < n.count; ++k) {
        const slot_state &s = slots_[r_.args[n.first + k]];
        if (!s.sum_ok || !total.add(s.sum))
          return value::none();
      }
      return value::of(total);
    }
    case op::file_date:
      return file_date_ok_ ? value::of_days(file_days_) : value::none();
    case op::matches: {
      value v = (*this)(n.a);
      if (v.kind != value::text)
        return value::none();
      return value::of(std::regex_match(v.s.begin(), v.s.end(), c_.regexes[n.b]));
    }
    case op::length: {
      value v = (*this)(n.a);
      if (v.kind != value::text)
        return value::none();
      return value::of(decimal::from_integer(static_cast<std::int64_t>(v.s.size())));
    }
    case op::to_date:
    case op::to_date_end:
      return to_date((*this)(n.a), n.kind == op::to_date_end);
    case op::valid_npi:
    case op::valid_icd10: {
      value v = (*this)(n.a);
      if (v.kind != value::text)
        return value::none();
      return value::of(n.kind == op::valid_npi ? valid_npi(v.s) : icd10cm_problem(v.s).empty());
    }
    case op::neg: {
      decimal x = decimal::zero(), zero = decimal::zero();
      if (!as_number((*this)(n.a), x) || !zero.subtract(x))
        return value::none();
      return value::of(zero);
    }
    case op::add:
    case op::sub:
    case op::mul:
      return arithmetic(n.kind, (*this)(n.a), (*this)(n.b));
    case op::eq:
    case op::ne:
    case op::lt:
    case op::le:
    case op::gt:
    case op::ge:
      return comparison(n.kind, (*this)(n.a), (*this)(n.b));
    case op::in:
    case op::not_in: {
      value v = (*this)(n.a);
      if (v.undecided())
        return value::none();
      bool found = false;
      for (std::uint32_t k = 0; k < n.count && !found; ++k)
        found = compare(v, (*this)(r_.args[n.first + k])) == 0;
      return value::of(found == (n.kind == op::in));
    }
    case op::and_: {
      value a = (*this)(n.a);
      if (a.is_false())
        return a;
      value b = (*this)(n.b);
      if (b.is_false())
        return b;
      return a.is_true() && b.is_true() ? value::of(true) : value::none();
    }
    case op::or_: {
      value a = (*this)(n.a);
      if (a.is_true())
        return a;
      value b = (*this)(n.b);
      if (b.is_true())
        return b;
      return a.is_false() && b.is_false() ? value::of(false) : value::none();
    }
    case op::not_: {
      value a = (*this)(n.a);
      return a.kind == value::boolean ? value::of(!a.b) : value::none();
    }
    }
    return value::none();
  }

private:
  static value to_date(const value &v, bool end) {
    if (v.kind == value::date)
      return v;
    if (v.kind != value::text)
      return value::none();
    std::string_view s = v.s;
    if (s.size() == 17 && s[8] == '-')
      s = end ? s.substr(9) : s.substr(0, 8);
    std::int32_t d = 0;
    return detail::days_of(s, d) ? value::of_days(d) : value::none();
  }

  static value arithmetic(op kind, const value &a, const value &b) {
    if (a.undecided() || b.undecided())
      return value::none();
    decimal x = decimal::zero(), y = decimal::zero();
    std::int32_t dx = 0, dy = 0;
    if (a.kind == value::date || b.kind == value::date) {
      if (kind == op::sub && as_date(a, dx) && as_date(b, dy))
        return value::of(decimal::from_integer(std::int64_t(dx) - dy));
      if (a.kind == value::date && kind != op::mul && as_number(b, y) && as_days(y, dy))
        return value::of_days(kind == op::add ? a.days + dy : a.days - dy);
      if (b.kind == value::date && kind == op::add && as_number(a, x) && as_days(x, dx))
        return value::of_days(b.days + dx);
      return value::none();
    }
    if (!as_number(a, x) || !as_number(b, y))
      return value::none();
    bool ok = kind == op::add ? x.add(y) : kind == op::sub ? x.subtract(y) : x.multiply(y);
    return ok ? value::of(x) : value::none();
  }

  static value comparison(op kind, const value &a, const value &b) {
    int c = compare(a, b);
    if (c == 2)
      return value::none();
    switch (kind) {
    case op::eq:
      return value::of(c == 0);
    case op::ne:
      return value::of(c != 0);
    case op::lt:
      return value::of(c < 0);
    case op::le:
      return value::of(c <= 0);
    case op::gt:
      return value::of(c > 0);
    default:
      return value::of(c >= 0);
    }
  }

  const detail::compiled_rules &c_;
  const detail::compiled_rule &r_;
  const std::vector<slot_state> &slots_;
  bool file_date_ok_;
  std::int32_t file_days_;
};

std::string show(const value &v, bool show_phi) {
  switch (v.kind) {
  case value::number:
    return v.n.to_string();
  case value::text:
    return show_phi ? "'" + std::string(v.s) + "'" : std::string();
  case value::date: {
    if (!show_phi)
      return {};
    // Civil from days (H. Hinnant's algorithm).
    std::int32_t z = v.days + 719468;
    const std::int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const int y = static_cast<int>(yoe) + era * 400 + (m <= 2);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
  }
  case value::boolean:
    return v.b ? "true" : "false";
  default:
    return "missing";
  }
}

} // namespace

void rule_evaluator::decide_on_empty() {
  const detail::compiled_rules &c = rules_->compiled();
  for (std::size_t i = 0; i < c.rules.size(); ++i) {
    const detail::compiled_rule &r = c.rules[i];
    evaluation eval(c, r, state_->empty, state_->file_date_ok, state_->file_days);
    state_->when_true_on_empty[i] = r.when == no_index || eval(r.when).is_true();
    state_->expr_false_on_empty[i] = eval(r.expr).is_false();
  }
}

void rule_evaluator::loop_end(const loop_rule &loop, const finding_sink &sink) {
  const detail::compiled_rules &c = rules_->compiled();
  if (loop.ordinal >= c.loops.size())
    return;
  auto empty = [&](const std::vector<std::uint32_t> &slots) {
    for (std::uint32_t s : slots)
      if (state_->slots[s].count)
        return false;
    return true;
  };
  for (std::uint32_t index : c.loops[loop.ordinal].rules) {
    const detail::compiled_rule &r = c.rules[index];
    evaluation eval(c, r, state_->slots, state_->file_date_ok, state_->file_days);
    if (r.when != no_index && (empty(r.when_slots) ? !state_->when_true_on_empty[index]
                                                   : !eval(r.when).is_true()))
      continue;
    if (empty(r.expr_slots) ? !state_->expr_false_on_empty[index] : !eval(r.expr).is_false())
      continue;
    finding f;
    f.level = r.level;
    f.snip = r.snip;
    f.code = r.id;
    f.message = r.message;
    if (!r.left_text.empty()) {
      const node &root = r.nodes[r.expr];
      value a = eval(root.a), b = eval(root.b);
      if (a.kind == value::text && b.kind == value::number)
        as_number(a, a.n) ? void(a.kind = value::number) : void();
      if (b.kind == value::text && a.kind == value::number)
        as_number(b, b.n) ? void(b.kind = value::number) : void();
      if (a.kind == value::number && b.kind == value::number) {
        decimal difference = a.n;
        f.message += " (" + (r.left_literal ? r.left_text : r.left_text + " " + a.n.to_string()) +
                     ", " + (r.right_literal ? r.right_text : r.right_text + " " + b.n.to_string());
        if (difference.subtract(b.n))
          f.message += ", difference " + difference.to_string();
        f.message += ")";
      } else if (state_->show_phi) {
        f.message += " (" + r.left_text + " " + show(a, true) + ", " + r.right_text + " " +
                     show(b, true) + ")";
      }
    }
    const slot_state *where = nullptr;
    f.where.segment_id = r.at_segment;
    if (r.point_slot != no_index && state_->slots[r.point_slot].located) {
      where = &state_->slots[r.point_slot];
      f.where.segment_id = r.point_segment;
    } else if (r.at_slot != no_index && state_->slots[r.at_slot].located) {
      where = &state_->slots[r.at_slot];
    } else if (state_->slots[r.entry_slot].located) {
      where = &state_->slots[r.entry_slot];
    }
    const rule_segment_place &place = where ? where->place : state_->last;
    std::uint32_t at_loop = where ? where->loop : state_->last_loop;
    f.where.offset = place.offset;
    f.where.segment = place.number;
    f.where.loop = at_loop < c.loop_ids.size() ? c.loop_ids[at_loop] : std::string();
    f.position_in_transaction = place.position;
    f.segment_code = r.segment_code;
    if (!r.element_code.empty()) {
      f.element_code = r.element_code;
      f.where.element = r.ik4_element;
      f.where.component = r.ik4_component;
      f.data_element = r.data_element;
      if (r.ik4_slot != no_index && state_->slots[r.ik4_slot].has_first)
        f.bad_value = state_->slots[r.ik4_slot].first.substr(0, 99);
    }
    sink(std::move(f));
  }
}

} // namespace x12
