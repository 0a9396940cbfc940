// The streaming side of the rules: slots fed by placed segments, rules
// decided when their anchor instance closes, three-valued logic.
//
// Nothing here allocates per segment: the slot states are made once per
// evaluator, a first value is copied into a string reserved at the
// element's maximum length (a longer, already invalid value grows it once
// and the capacity stays), and values during evaluation are views into the
// slots or the compiled literals, on a stack made once per evaluator.
//
// A placed segment finds the slots it feeds by its segment rule's ordinal:
// one indexed load when it feeds none, and qualifiers are mostly decided
// when the rules are compiled (the rule that placed the segment matched
// them), so few segments compare a value at run time.

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

#include "rules/rules_compiled.h"
#include "x12/codes.h"
#include "x12/rules.h"
#include "x12/schema.h"
#include "x12/segment_fields.h"

namespace x12 {

using detail::no_index;
using detail::node;
using detail::op;

namespace {

// The slots' states, a column each: what most steps read (counts and
// flags) stays in a few cache lines, and clearing a slot is three stores.
// A reset group with a slot fed since the group was last cleared is marked
// dirty, and an opening loop clears the dirty groups it resets, all their
// slots: one store per fed slot, and no list whose length each feed would
// wait for.
struct slot_table {
  // Flags are not bytes: a store through an unsigned char may alias
  // anything, and the compiler would reload every array after each one.
  enum : std::uint16_t {
    has_first = 1, located = 2, sum_bad = 4, long_first = 8,
    // The first value's number and date, converted once per slot instance:
    // known when tried, ok when it converts.
    number_known = 16, number_ok = 32, days_known = 64, days_ok = 128
  };
  std::vector<std::uint32_t> count;
  std::vector<std::uint16_t> flags;
  std::vector<decimal> sum;
  // A first value is first_size[i] characters at arena[first_at[i]], where
  // there is room for the element's longest; a longer one (already a SNIP 2
  // error) goes to longer[i], which grows once and keeps its capacity.
  std::string arena;
  std::vector<std::uint32_t> first_at, first_room, first_size;
  std::vector<std::string> longer;
  std::vector<rule_segment_place> place;
  std::vector<std::uint32_t> loop; // where the place is
  std::vector<decimal> first_number;
  std::vector<std::int32_t> first_days;
  // The slots of group g are members[members_at[g], members_at[g + 1]).
  const std::uint32_t *group_of;
  std::vector<std::uint32_t> members, members_at, dirty;

  explicit slot_table(const detail::compiled_rules &c) : group_of(c.group_of.data()) {
    const std::vector<detail::slot> &slots = c.slots;
    const std::size_t n = slots.size(), groups = c.group_size.size();
    members_at.assign(groups + 1, 0);
    for (std::uint32_t g = 0; g < groups; ++g)
      members_at[g + 1] = members_at[g] + c.group_size[g];
    members.resize(n);
    std::vector<std::uint32_t> filled(members_at.begin(), members_at.end() - 1);
    for (std::uint32_t i = 0; i < n; ++i)
      members[filled[group_of[i]]++] = i;
    dirty.assign(groups, 0);
    count.assign(n, 0);
    flags.assign(n, 0);
    sum.assign(n, decimal::zero());
    first_at.assign(n, 0);
    first_room.assign(n, 0);
    first_size.assign(n, 0);
    longer.resize(n);
    place.resize(n);
    loop.assign(n, 0);
    first_number.assign(n, decimal::zero());
    first_days.assign(n, 0);
    std::size_t size = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (slots[i].keep_first) {
        first_at[i] = static_cast<std::uint32_t>(size);
        first_room[i] = static_cast<std::uint32_t>(slots[i].capacity);
        size += slots[i].capacity;
      }
    arena.resize(size);
  }
  void clear(std::size_t i) noexcept {
    count[i] = 0;
    flags[i] = 0;
    sum[i] = decimal::zero();
  }
  void touch(std::uint32_t i) noexcept { dirty[group_of[i]] = 1; }
  void reset_group(std::uint32_t g) noexcept {
    if (!dirty[g])
      return;
    for (std::uint32_t k = members_at[g]; k < members_at[g + 1]; ++k)
      clear(members[k]);
    dirty[g] = 0;
  }
  bool has(std::size_t i, std::uint16_t flag) const noexcept { return flags[i] & flag; }
  std::string_view first_of(std::size_t i) const noexcept {
    if (flags[i] & long_first)
      return longer[i];
    return std::string_view(arena.data() + first_at[i], first_size[i]);
  }
  void keep_first(std::size_t i, std::string_view v) {
    if (v.size() <= first_room[i]) {
      std::memcpy(arena.data() + first_at[i], v.data(), v.size());
      first_size[i] = static_cast<std::uint32_t>(v.size());
    } else {
      longer[i].assign(v.data(), v.size());
      flags[i] |= long_first;
    }
    flags[i] |= has_first;
  }
};

// A value during evaluation. Missing: an absent element or a path with no
// occurrence; unknown: a comparison that cannot be decided.
//
// The code changes the values on its stack a field at a time (set_*), and
// reads them so: copying a whole value just written, field by field, would
// wait for the stores to land.
struct value {
  enum kind_t : std::uint8_t { missing, unknown, boolean, text, number, date } kind = missing;
  bool b = false;
  bool numeric = false;      // text of an element of type R or Nn: compares as a number
  std::uint16_t decimals = 0; // the implied decimals of an Nn element (not a byte: see flags)
  std::int32_t days = 0;
  // Text read from a slot: the slot, and whether its number is in n (1),
  // it is not a number (2), or that is not known (0).
  std::uint16_t parsed = 0;
  std::uint32_t slot = no_index;
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

  void set(bool x) {
    kind = boolean;
    b = x;
    numeric = false;
  }
  void set(const decimal &x) {
    kind = number;
    n = x;
    numeric = false;
  }
  void set_days(std::int32_t d) {
    kind = date;
    days = d;
    numeric = false;
  }
  void set_text(std::string_view x, bool is_number, std::uint16_t implied,
                std::uint32_t from = no_index) {
    kind = text;
    s = x;
    numeric = is_number;
    decimals = implied;
    parsed = 0;
    slot = from;
  }
  void set(kind_t k) { // missing or unknown
    kind = k;
    numeric = false;
  }
};

// The text of an Nn element as its number: "12345" of an N2 is 123.45.
std::optional<decimal> number_of(std::string_view s, unsigned decimals) {
  std::optional<decimal> d = decimal::parse(s);
  if (!d || !decimals || s.find('.') != std::string_view::npos)
    return d;
  static const decimal scales[] = {*decimal::parse("1"),       *decimal::parse("0.1"),
                                   *decimal::parse("0.01"),    *decimal::parse("0.001"),
                                   *decimal::parse("0.0001"),  *decimal::parse("0.00001"),
                                   *decimal::parse("0.000001")};
  if (decimals > decimal::max_scale || !d->multiply(scales[decimals]))
    return std::nullopt;
  return d;
}

bool as_number(const value &v, decimal &out) {
  if (v.kind == value::number) {
    out = v.n;
    return true;
  }
  if (v.kind == value::text) {
    if (v.parsed) {
      if (v.parsed == 1)
        out = v.n;
      return v.parsed == 1;
    }
    if (auto d = number_of(v.s, v.decimals)) {
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

// Codes are a few characters: a loop beats a memcmp call.
bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i])
      return false;
  return true;
}

int compare_text(std::string_view a, std::string_view b) {
  const int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

// -1, 0, 1, or 2 when the two cannot be compared. With `order` false only
// equal (0) or not tells.
int compare(const value &a, const value &b, bool order = true) {
  if (a.undecided() || b.undecided())
    return 2;
  if (a.kind == value::boolean || b.kind == value::boolean)
    return a.kind == b.kind ? (a.b == b.b ? 0 : a.b ? 1 : -1) : 2;
  if (a.kind == value::number || b.kind == value::number || a.numeric || b.numeric) {
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
  if (!order)
    return same_text(a.s, b.s) ? 0 : 1;
  return compare_text(a.s, b.s);
}

// Converts to a date: a date stays, CCYYMMDD text or either end of a
// CCYYMMDD-CCYYMMDD range converts, anything else is unknown.
void to_date(value &v, bool end) {
  if (v.kind == value::date)
    return;
  if (v.kind != value::text)
    return v.set(value::unknown);
  std::string_view s = v.s;
  if (s.size() == 17 && s[8] == '-')
    s = end ? s.substr(9) : s.substr(0, 8);
  std::int32_t d = 0;
  if (detail::days_of(s, d))
    v.set_days(d);
  else
    v.set(value::unknown);
}

// a = a (kind) b.
void arithmetic(op kind, value &a, const value &b) {
  if (a.undecided() || b.undecided())
    return a.set(value::unknown);
  decimal x = decimal::zero(), y = decimal::zero();
  std::int32_t dx = 0, dy = 0;
  if (a.kind == value::date || b.kind == value::date) {
    if (kind == op::sub && as_date(a, dx) && as_date(b, dy))
      return a.set(decimal::from_integer(std::int64_t(dx) - dy));
    if (a.kind == value::date && kind != op::mul && as_number(b, y) && as_days(y, dy))
      return a.set_days(kind == op::add ? a.days + dy : a.days - dy);
    if (b.kind == value::date && kind == op::add && as_number(a, x) && as_days(x, dx))
      return a.set_days(b.days + dx);
    return a.set(value::unknown);
  }
  if (!as_number(a, x) || !as_number(b, y))
    return a.set(value::unknown);
  bool ok = kind == op::add ? x.add(y) : kind == op::sub ? x.subtract(y) : x.multiply(y);
  if (ok)
    a.set(x);
  else
    a.set(value::unknown);
}

// a = a (kind) b, for the comparisons.
void comparison(op kind, value &a, const value &b) {
  int c = compare(a, b, kind != op::eq && kind != op::ne);
  if (c == 2)
    return a.set(value::unknown);
  switch (kind) {
  case op::eq:
    return a.set(c == 0);
  case op::ne:
    return a.set(c != 0);
  case op::lt:
    return a.set(c < 0);
  case op::le:
    return a.set(c <= 0);
  case op::gt:
    return a.set(c > 0);
  default:
    return a.set(c >= 0);
  }
}

// The value of a constant of the rule set.
value constant_value(const detail::constant &k) {
  switch (k.kind) {
  case op::text:
    return value::of_text(k.text);
  case op::number:
    return value::of(k.number);
  default:
    return value::of_days(k.days);
  }
}

// The number of text `v` read from a slot, converted once per slot instance.
void number_in(slot_table &slots, value &v) {
  std::uint16_t &flags = slots.flags[v.slot];
  if (!(flags & slot_table::number_known)) {
    std::optional<decimal> d = number_of(v.s, v.decimals);
    flags |= slot_table::number_known | (d ? slot_table::number_ok : 0);
    if (d)
      slots.first_number[v.slot] = *d;
  }
  if (flags & slot_table::number_ok) {
    v.n = slots.first_number[v.slot];
    v.parsed = 1;
  } else {
    v.parsed = 2;
  }
}

// date() of text `v` read from a slot, converted once per slot instance.
void date_in(slot_table &slots, value &v) {
  std::uint16_t &flags = slots.flags[v.slot];
  if (!(flags & slot_table::days_known)) {
    value converted = v;
    to_date(converted, false);
    flags |= slot_table::days_known;
    if (converted.kind == value::date) {
      flags |= slot_table::days_ok;
      slots.first_days[v.slot] = converted.days;
    }
  }
  if (flags & slot_table::days_ok)
    v.set_days(slots.first_days[v.slot]);
  else
    v.set(value::unknown);
}

// Runs the steps [begin, end) of a rule's code over the slots, leaving
// their values on `stack`: the whole code leaves the result at stack[0],
// and a comparison without its last step leaves its two sides.
void run(const detail::compiled_rules &c, std::uint32_t begin, std::uint32_t end,
         slot_table &slots, const value *constants, value *stack, bool file_date_ok,
         std::int32_t file_days) {
  value *top = stack; // one past the last value
  const std::uint32_t *args = c.args.data();
  for (std::uint32_t pc = begin; pc < end; ++pc) {
    const detail::step &s = c.steps[pc];
    switch (s.kind) {
    case op::text:
    case op::number:
    case op::date:
      *top++ = constants[s.a];
      break;
    case op::value:
      if (slots.has(s.a, slot_table::has_first)) {
        top->set_text(slots.first_of(s.a), s.numeric, s.decimals, s.a);
        if (s.numeric)
          number_in(slots, *top);
      } else {
        top->set(value::missing);
      }
      ++top;
      break;
    case op::present: {
      bool any = false;
      for (std::uint32_t k = 0; k < s.count && !any; ++k)
        any = slots.count[args[s.first + k]] != 0;
      (top++)->set(any);
      break;
    }
    case op::count: {
      std::uint64_t total = 0;
      for (std::uint32_t k = 0; k < s.count; ++k)
        total += slots.count[args[s.first + k]];
      (top++)->set(decimal::from_integer(static_cast<std::int64_t>(total)));
      break;
    }
    case op::sum: {
      decimal total = decimal::zero();
      bool ok = true;
      for (std::uint32_t k = 0; k < s.count && ok; ++k) {
        const std::uint32_t i = args[s.first + k];
        ok = !slots.has(i, slot_table::sum_bad) && total.add(slots.sum[i]);
      }
      if (ok)
        top->set(total);
      else
        top->set(value::unknown);
      ++top;
      break;
    }
    case op::file_date:
      if (file_date_ok)
        top->set_days(file_days);
      else
        top->set(value::unknown);
      ++top;
      break;
    case op::matches: {
      value &v = top[-1];
      if (v.kind == value::text)
        v.set(std::regex_match(v.s.begin(), v.s.end(), c.regexes[s.a]));
      else
        v.set(value::unknown);
      break;
    }
    case op::length: {
      value &v = top[-1];
      if (v.kind == value::text)
        v.set(decimal::from_integer(static_cast<std::int64_t>(v.s.size())));
      else
        v.set(value::unknown);
      break;
    }
    case op::to_date:
      if (top[-1].kind == value::text && top[-1].slot != no_index)
        date_in(slots, top[-1]);
      else
        to_date(top[-1], false);
      break;
    case op::to_date_end:
      to_date(top[-1], true);
      break;
    case op::to_number: {
      value &v = top[-1];
      decimal x = decimal::zero();
      if (v.kind != value::number)
        as_number(v, x) ? v.set(x) : v.set(value::unknown);
      break;
    }
    case op::valid_npi:
    case op::valid_icd10: {
      value &v = top[-1];
      if (v.kind != value::text)
        v.set(value::unknown);
      else
        v.set(s.kind == op::valid_npi ? valid_npi(v.s) : icd10cm_problem(v.s).empty());
      break;
    }
    case op::neg: {
      decimal x = decimal::zero(), zero = decimal::zero();
      if (as_number(top[-1], x) && zero.subtract(x))
        top[-1].set(zero);
      else
        top[-1].set(value::unknown);
      break;
    }
    case op::add:
    case op::sub:
    case op::mul:
      --top;
      arithmetic(s.kind, top[-1], *top);
      break;
    case op::eq:
    case op::ne:
    case op::lt:
    case op::le:
    case op::gt:
    case op::ge:
      --top;
      comparison(s.kind, top[-1], *top);
      break;
    case op::in:
    case op::not_in: {
      value &v = top[-1];
      if (v.undecided()) {
        v.set(value::unknown);
        break;
      }
      bool found = false;
      for (std::uint32_t k = 0; k < s.count && !found; ++k)
        found = compare(v, constants[args[s.first + k]], false) == 0;
      v.set(found == (s.kind == op::in));
      break;
    }
    case op::jump_if_false:
      if (top[-1].is_false())
        pc = s.a - 1;
      break;
    case op::jump_if_true:
      if (top[-1].is_true())
        pc = s.a - 1;
      break;
    case op::and_: {
      // The left side is not false: the jump before the right side took that.
      --top;
      value &a = top[-1];
      if (top->is_false())
        a.set(false);
      else if (!(a.is_true() && top->is_true()))
        a.set(value::unknown);
      break;
    }
    case op::or_: {
      --top;
      value &a = top[-1];
      if (top->is_true())
        a.set(true);
      else if (!(a.is_false() && top->is_false()))
        a.set(value::unknown);
      break;
    }
    case op::not_: {
      value &a = top[-1];
      if (a.kind == value::boolean)
        a.b = !a.b;
      else
        a.set(value::unknown);
      break;
    }
    }
  }
}

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

struct rule_evaluator::state {
  slot_table slots;
  // What each rule's when and expr come to when every slot they read is
  // empty (most rules, most of the time: no AMT*T, no 2320 ...): decided
  // once per transaction instead of at every instance.
  slot_table empty;
  std::vector<std::uint8_t> when_true_on_empty, expr_false_on_empty;
  std::vector<value> stack;     // as deep as the deepest code needs
  std::vector<value> constants; // the rule set's, as values
  std::int32_t file_days = 0;
  bool file_date_ok = false;
  bool show_phi = false;

  explicit state(const detail::compiled_rules &c) : slots(c), empty(c) {}

  // The value of `code` over `from` (the slots, or the empty ones).
  const value &decide(const detail::compiled_rules &c, detail::range code, slot_table &from) {
    run(c, code.begin, code.end, from, constants.data(), stack.data(), file_date_ok, file_days);
    return stack[0];
  }
};

rule_evaluator::rule_evaluator(std::shared_ptr<const rule_set> rules)
    : rules_(std::move(rules)), state_(std::make_unique<state>(rules_->compiled())) {
  const detail::compiled_rules &c = rules_->compiled();
  // Both tables have an entry per segment rule of the guide, and one more.
  exact_begin_ = c.exact.begin.data();
  loose_begin_ = c.loose.begin.data();
  fed_rules_ = std::min(c.exact.begin.size(), c.loose.begin.size());
  state_->when_true_on_empty.resize(c.rules.size());
  state_->expr_false_on_empty.resize(c.rules.size());
  state_->stack.resize(c.depth);
  for (const detail::constant &k : c.constants)
    state_->constants.push_back(constant_value(k));
}

rule_evaluator::~rule_evaluator() = default;

void rule_evaluator::begin_transaction(std::string_view group_date, bool show_phi) {
  for (std::size_t i = 0; i < state_->slots.count.size(); ++i)
    state_->slots.clear(i);
  std::fill(state_->slots.dirty.begin(), state_->slots.dirty.end(), 0);
  state_->file_date_ok = detail::days_of(group_date, state_->file_days);
  state_->show_phi = show_phi;
  decide_on_empty();
}

void rule_evaluator::loop_start(const loop_rule &loop) noexcept {
  const detail::compiled_rules &c = rules_->compiled();
  if (loop.ordinal >= c.loops.size())
    return;
  const detail::loop_plan &plan = c.loops[loop.ordinal];
  slot_table &slots = state_->slots;
  for (std::uint32_t g : plan.groups)
    slots.reset_group(g);
  for (std::uint32_t s : plan.instances) {
    slots.touch(s);
    ++slots.count[s];
  }
}

namespace {

std::string_view field_of(const segment_fields &f, unsigned element, unsigned component) {
  return component ? f.component(element, component) : f[element];
}

// Qualifiers are short codes: compared as packed integers, not strings.
bool passes(const detail::qualifier_test &q, const segment_fields &f) {
  std::string_view v = field_of(f, q.element, q.component);
  if (q.packed.empty())
    return std::binary_search(q.values.begin(), q.values.end(), v);
  if (v.size() > 8)
    return false;
  const std::uint64_t key = pack_code(v);
  for (std::uint64_t p : q.packed)
    if (p == key)
      return true;
  return false;
}

} // namespace

void rule_evaluator::segment(const loop_rule &placed_in, const segment_rule &placed, bool exact,
                             const segment_fields &fields, const rule_segment_place &where) noexcept {
  const detail::compiled_rules &c = rules_->compiled();
  const detail::feed_table &table = exact ? c.exact : c.loose;
  if (placed.ordinal + 1 >= table.begin.size())
    return;
  const detail::feed *it = table.feeds.data() + table.begin[placed.ordinal];
  const detail::feed *end = table.feeds.data() + table.begin[placed.ordinal + 1];
  slot_table &slots = state_->slots;
  std::uint32_t tested = 0; // the test last made, and whether it passed
  bool held = false;
  for (; it != end; ++it) {
    if (it->test) {
      if (it->test != tested) {
        tested = it->test;
        held = passes(c.tests[it->test - 1], fields);
      }
      if (!held)
        continue;
    }
    const std::uint32_t i = it->slot;
    slots.touch(i);
    std::uint16_t &flags = slots.flags[i];
    if ((it->keep & detail::feed::locate) && !(flags & slot_table::located)) {
      flags |= slot_table::located;
      slots.place[i] = where;
      slots.loop[i] = placed_in.ordinal;
    }
    if (it->element == 0) {
      ++slots.count[i];
      continue;
    }
    std::string_view v = field_of(fields, it->element, it->component);
    if (v.empty())
      continue;
    ++slots.count[i];
    if ((it->keep & detail::feed::keep_first) && !(flags & slot_table::has_first)) {
      slots.keep_first(i, v);
    }
    if ((it->keep & detail::feed::keep_sum) && !(flags & slot_table::sum_bad))
      if (auto n = number_of(v, it->decimals); n && !slots.sum[i].add(*n))
        flags |= slot_table::sum_bad;
  }
}

void rule_evaluator::decide_on_empty() {
  const detail::compiled_rules &c = rules_->compiled();
  state &s = *state_;
  for (std::size_t i = 0; i < c.rules.size(); ++i) {
    const detail::rule_code &code = c.codes[i];
    s.when_true_on_empty[i] = code.when.empty() || s.decide(c, code.when, s.empty).is_true();
    s.expr_false_on_empty[i] = s.decide(c, code.expr, s.empty).is_false();
  }
}

void rule_evaluator::loop_end(const loop_rule &loop, const finding_sink &sink,
                              const rule_segment_place &last, std::uint32_t last_loop) {
  const detail::compiled_rules &c = rules_->compiled();
  if (loop.ordinal >= c.loops.size())
    return;
  state &s = *state_;
  auto empty = [&](detail::range reads) {
    for (std::uint32_t k = reads.begin; k < reads.end; ++k)
      if (s.slots.count[c.reads[k]])
        return false;
    return true;
  };
  for (std::uint32_t index : c.loops[loop.ordinal].rules) {
    const detail::rule_code &code = c.codes[index];
    if (!code.when.empty() && (empty(code.when_reads) ? !s.when_true_on_empty[index]
                                                      : !s.decide(c, code.when, s.slots).is_true()))
      continue;
    if (empty(code.expr_reads) ? !s.expr_false_on_empty[index]
                               : !s.decide(c, code.expr, s.slots).is_false())
      continue;
    const detail::compiled_rule &r = c.rules[index];
    finding f;
    f.level = r.level;
    f.snip = r.snip;
    f.code = r.id;
    f.message = r.message;
    if (!r.left_text.empty()) {
      // The comparison's code but its last step leaves its two sides.
      run(c, code.expr.begin, code.expr.end - 1, s.slots, s.constants.data(), s.stack.data(),
          s.file_date_ok, s.file_days);
      value a = s.stack[0], b = s.stack[1];
      if (a.kind == value::text && (b.kind == value::number || a.numeric || b.numeric))
        as_number(a, a.n) ? void(a.kind = value::number) : void();
      if (b.kind == value::text && (a.kind == value::number || a.numeric || b.numeric))
        as_number(b, b.n) ? void(b.kind = value::number) : void();
      if (a.kind == value::number && b.kind == value::number) {
        decimal difference = a.n;
        f.message += " (" + (r.left_literal ? r.left_text : r.left_text + " " + a.n.to_string()) +
                     ", " + (r.right_literal ? r.right_text : r.right_text + " " + b.n.to_string());
        if (difference.subtract(b.n))
          f.message += ", difference " + difference.to_string();
        f.message += ")";
      } else if (s.show_phi) {
        f.message += " (" + r.left_text + " " + show(a, true) + ", " + r.right_text + " " +
                     show(b, true) + ")";
      }
    }
    std::uint32_t where = no_index;
    f.where.segment_id = r.at_segment;
    if (r.point_slot != no_index && s.slots.has(r.point_slot, slot_table::located)) {
      where = r.point_slot;
      f.where.segment_id = r.point_segment;
    } else if (r.at_slot != no_index && s.slots.has(r.at_slot, slot_table::located)) {
      where = r.at_slot;
    } else if (s.slots.has(r.entry_slot, slot_table::located)) {
      where = r.entry_slot;
    }
    const rule_segment_place &place = where != no_index ? s.slots.place[where] : last;
    std::uint32_t at_loop = where != no_index ? s.slots.loop[where] : last_loop;
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
      if (r.ik4_slot != no_index && s.slots.has(r.ik4_slot, slot_table::has_first))
        f.bad_value = std::string(s.slots.first_of(r.ik4_slot).substr(0, 99));
    }
    sink(std::move(f));
  }
}

} // namespace x12
