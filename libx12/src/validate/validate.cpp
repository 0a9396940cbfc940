#include "x12/validate.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "x12/codes.h"
#include "x12/reader.h"
#include "x12/rules.h"
#include "x12/segment_fields.h"

#include "core/finding_code_table.h"

namespace x12 {

using detail::registered_code;
using detail::with_element_code;
using detail::with_snip;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Values are a few bytes long: a plain loop beats a memchr call.
bool contains(std::string_view v, char c) {
  for (char x : v)
    if (x == c)
      return true;
  return false;
}

bool valid_date(std::string_view d) {
  if ((d.size() != 8 && d.size() != 6) || !std::all_of(d.begin(), d.end(), is_digit))
    return false;
  std::size_t m = d.size() - 4;
  int year = 0;
  for (std::size_t i = 0; i < m; ++i)
    year = year * 10 + (d[i] - '0');
  if (m == 2)
    year += 2000;
  int month = (d[m] - '0') * 10 + (d[m + 1] - '0');
  int day = (d[m + 2] - '0') * 10 + (d[m + 3] - '0');
  static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1])
    return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

bool valid_time(std::string_view t) {
  if (t.size() < 4 || t.size() > 8 || t.size() == 5 || !std::all_of(t.begin(), t.end(), is_digit))
    return false;
  int h = (t[0] - '0') * 10 + (t[1] - '0');
  int m = (t[2] - '0') * 10 + (t[3] - '0');
  int s = t.size() >= 6 ? (t[4] - '0') * 10 + (t[5] - '0') : 0;
  return h < 24 && m < 60 && s < 60;
}

// X12 lengths of numbers leave out the sign and the decimal point.
std::size_t numeric_length(std::string_view v) {
  std::size_t n = 0;
  for (char c : v)
    n += is_digit(c);
  return n;
}

bool valid_number(std::string_view v) {
  if (!v.empty() && v.front() == '-')
    v.remove_prefix(1);
  return !v.empty() && std::all_of(v.begin(), v.end(), is_digit);
}

bool valid_decimal(std::string_view v) {
  if (!v.empty() && v.front() == '-')
    v.remove_prefix(1);
  std::size_t dot = v.find('.');
  std::string_view whole = v.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : v.substr(dot + 1);
  if (whole.empty() && frac.empty())
    return false;
  if (dot != std::string_view::npos && frac.empty())
    return false;
  return std::all_of(whole.begin(), whole.end(), is_digit) &&
         std::all_of(frac.begin(), frac.end(), is_digit);
}

// The extended character set: printable ASCII. Control bytes and anything
// past 0x7E cannot travel in X12.
bool valid_characters(std::string_view v) {
  for (char c : v) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E)
      return false;
  }
  return true;
}

// What a segment's bytes hold, found eight at a time: most segments have no
// composite or repeated element and only printable characters, and then
// their values need no scan of their own.
struct segment_bytes {
  bool separators = false; // a component or repetition separator
  bool unprintable = false; // a byte outside 0x20-0x7E
};

segment_bytes scan_bytes(std::string_view text, const delimiters &d) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  // A repetition separator that is not in use is read as data.
  const char repetition = d.has_repetition() ? d.repetition : d.component;
  const std::uint64_t comp = ones * static_cast<unsigned char>(d.component),
                      rep = ones * static_cast<unsigned char>(repetition);
  std::uint64_t separators = 0, unprintable = 0;
  auto word = [&](std::uint64_t w) {
    const std::uint64_t c = w ^ comp, r = w ^ rep;
    // Exact for "is any byte ...": a borrow or carry starts only at a byte that already answers.
    separators |= ((c - ones) & ~c) | ((r - ones) & ~r);
    unprintable |= ((w - ones * 0x20) & ~w) | (w + ones) | w;
  };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    word(w);
  }
  if (i < text.size() && text.size() >= 8) {
    // The last eight bytes again, overlapping the words before.
    std::uint64_t w;
    std::memcpy(&w, text.data() + text.size() - 8, 8);
    word(w);
  } else {
    for (; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      separators |= (c == static_cast<unsigned char>(d.component) ||
                     c == static_cast<unsigned char>(repetition)) ? highs : 0;
      unprintable |= (c < 0x20 || c > 0x7E) ? highs : 0;
    }
  }
  return {(separators & highs) != 0, (unprintable & highs) != 0};
}

// Codes are kept in text order for lookup; people read numbers in number order.
std::string quoted_codes(std::vector<std::string> codes) {
  std::stable_sort(codes.begin(), codes.end(), [](const std::string &a, const std::string &b) {
    bool na = std::all_of(a.begin(), a.end(), is_digit), nb = std::all_of(b.begin(), b.end(), is_digit);
    if (na && nb && a.size() != b.size())
      return a.size() < b.size();
    return a < b;
  });
  std::string out;
  for (std::size_t i = 0; i < codes.size() && i < 12; ++i) {
    if (i)
      out += ", ";
    out += codes[i];
  }
  if (codes.size() > 12)
    out += ", ...";
  return out;
}

bool is_code_type(const element_rule &r) { return r.type == data_type::identifier; }

unsigned parse_ref_element(std::string_view ref) {
  // "CLM01" -> 1; the segment ID is letters and digits, the element the last two digits.
  std::size_t dash = ref.find('-');
  std::string_view head = ref.substr(0, dash);
  if (head.size() < 3)
    return 0;
  std::string_view digits = head.substr(head.size() - 2);
  if (!is_digit(digits[0]) || !is_digit(digits[1]))
    return 0;
  return static_cast<unsigned>((digits[0] - '0') * 10 + (digits[1] - '0'));
}

// Where the reader moved past a required child it had not seen: the place
// to name if the loop closes without it.
struct passed_mark {
  std::size_t child = 0;
  std::uint64_t offset = 0, number = 0, position = 0;
};

struct frame {
  const loop_rule *loop = nullptr;
  std::size_t pos = 0;
  std::vector<std::uint32_t> counts;
  std::vector<passed_mark> passed;
  std::uint64_t lx_next = 1; // LX01 expected next among this instance's child loops
};

} // namespace

class validator::impl {
public:
  impl(const schema_set &schemas, validation_options options, validation_observer &observer)
      : schemas_(schemas), options_(std::move(options)), observer_(observer) {}

  void run(input_buffer &in) {
    file_ = in.name();
    reader r(in, [this](finding &&f) { forward(std::move(f)); });
    envelope_checker env(file_, [this](finding &&f) { forward(std::move(f)); });
    env_ = &env;
    while (auto s = r.next()) {
      switch (env.on_segment(*s)) {
      case envelope_event::interchange_start:
        close_transaction_if_open(*s);
        close_group_and_interchange();
        observer_.on_interchange_start(env.interchange());
        in_isa_ = true;
        emit(*s);
        break;
      case envelope_event::interchange_end:
        close_transaction_if_open(*s);
        if (in_gs_) {
          observer_.on_group_end();
          in_gs_ = false;
        }
        emit(*s);
        observer_.on_interchange_end();
        in_isa_ = false;
        break;
      case envelope_event::group_start:
        close_transaction_if_open(*s);
        if (in_gs_)
          observer_.on_group_end();
        observer_.on_group_start(env.group());
        in_gs_ = true;
        emit(*s);
        break;
      case envelope_event::group_end:
        close_transaction_if_open(*s);
        emit(*s);
        observer_.on_group_end();
        in_gs_ = false;
        break;
      case envelope_event::transaction_start:
        close_transaction_if_open(*s);
        start_transaction(*s);
        emit(*s);
        break;
      case envelope_event::body:
        if (in_st_)
          segment_in_transaction(*s);
        emit(*s);
        break;
      case envelope_event::transaction_end:
        if (in_st_)
          segment_in_transaction(*s);
        emit(*s);
        if (in_st_)
          end_transaction(*s, env.transaction_segments());
        break;
      case envelope_event::stray:
      case envelope_event::acknowledgment:
        emit(*s);
        break;
      }
    }
    env.finish();
    segment end;
    close_transaction_if_open(end);
    close_group_and_interchange();
    report_out_of_effect();
    env_ = nullptr;
  }

  // An interchange that a new ISA or the end of input cuts off is closed
  // here, so observers see every start matched by an end.
  void close_group_and_interchange() {
    if (in_gs_)
      observer_.on_group_end();
    if (in_isa_)
      observer_.on_interchange_end();
    in_gs_ = in_isa_ = false;
  }

  void emit(const segment &s) {
    if (placed_) {
      last_place_ = {s.offset, s.number, position_};
      last_loop_ = placed_loop_->ordinal;
      for (rule_evaluator *ev : rules_)
        if (ev->feeds(placed_->ordinal, placed_exact_))
          ev->segment(*placed_loop_, *placed_, placed_exact_, fields_, last_place_);
    }
    observer_.on_segment(s, placed_);
    placed_ = nullptr;
  }

private:
  // Findings of the reader and envelope checker get the transaction context.
  void forward(finding &&f) {
    if (in_st_) {
      if (f.transaction.empty())
        f.transaction = st_.control_number;
      f.guide = guide_name();
      in_claim(f);
    }
    observer_.on_finding(f);
  }

  std::string guide_name() const { return schema_ ? schema_->guide : st_.guide; }

  void start_transaction(const segment &s) {
    st_ = env_->transaction();
    in_st_ = true;
    leave_claim();
    rules_.clear();
    hl_count_ = 0;
    ls_open_.clear();
    hl_last_ = {};
    observer_.on_transaction_start(st_);
    bool aliased = false;
    std::string guide = options_.guide ? *options_.guide : st_.guide;
    schema_ = schemas_.find(guide, st_.id, &aliased);
    if (!schema_) {
      report(s, registered_code("guide-not-supported"),
             "no schema for transaction set " + printable(st_.id) + " with guide '" +
                 printable(guide, 40) + "'; its content was not checked (use --guide to choose one)");
      return;
    }
    if (env_->group().functional_id != schema_->functional_group)
      report(s, registered_code("gs-functional-id"),
             "GS01 " + printable(env_->group().functional_id) + " is not the functional group of " +
                 st_.id +
                 " (" + schema_->functional_group + ")");
    if (aliased)
      report(s, registered_code("guide-alias"),
             "guide " + printable(guide, 40) + " is read as " + schema_->guide);
    depth_ = 0;
    last_place_ = {};
    last_loop_ = 0;
    if (!options_.structure_only)
      start_rules();
    push(&schema_->root);
    segment_in_transaction(s);
  }

  // The guide's rules and the partner rules for it, each with its slots
  // made once per run and cleared per transaction.
  void start_rules() {
    auto use = [&](const std::shared_ptr<const rule_set> &set) {
      std::unique_ptr<rule_evaluator> &ev = evaluators_[set.get()];
      if (!ev)
        ev = std::make_unique<rule_evaluator>(set);
      ev->begin_transaction(env_->group().date, options_.show_phi);
      rules_.push_back(ev.get());
    };
    if (schema_->rules)
      use(schema_->rules);
    if (options_.partner)
      for (const auto &set : options_.partner->for_schema(schema_))
        use(set);
  }

  // A rule finding gets the context the evaluator does not know.
  void rule_finding(finding &&f) {
    f.where.file = file_;
    f.transaction = st_.control_number;
    f.guide = guide_name();
    in_claim(f);
    observer_.on_finding(f);
  }

  void end_transaction(const segment &s, std::uint64_t segments) {
    if (schema_) {
      while (depth_ > 0)
        pop(s);
      check_hl_children_end();
    }
    observer_.on_transaction_end(st_, segments);
    in_st_ = false;
    schema_ = nullptr;
    leave_claim();
    rules_.clear();
  }

  void close_transaction_if_open(const segment &s) {
    if (in_st_)
      end_transaction(s, env_ ? env_->transaction_segments() : 0);
  }

  frame &top() { return stack_[depth_ - 1]; }

  void push(const loop_rule *loop) {
    if (stack_.size() < depth_ + 1)
      stack_.resize(depth_ + 1);
    frame &f = stack_[depth_++];
    observer_.on_loop_start(*loop);
    for (rule_evaluator *ev : rules_)
      ev->loop_start(*loop);
    f.loop = loop;
    f.pos = 0;
    f.counts.assign(loop->children.size(), 0);
    f.passed.clear();
    f.lx_next = 1;
  }

  // Closing a loop instance: whatever required child it never saw is
  // missing. Reported at close, not when the reader moves past it, so a
  // segment that comes late is called out of order and not missing too; but
  // named at the place it was passed, where it belonged.
  void pop(const segment &at) {
    frame &f = top();
    report_missing(at, f);
    while (!ls_open_.empty() && ls_open_.back().depth >= depth_) {
      report_at(at, position_, registered_code("ls-unclosed"),
                "LS " + ls_open_.back().id + " has no LE before its loop ends", "LE");
      ls_open_.pop_back();
    }
    // Decided before the claim ID is let go: a claim's rules name it.
    for (rule_evaluator *ev : rules_)
      ev->loop_end(*f.loop, rule_sink_, last_place_, last_loop_);
    if (schema_ && f.loop->is_claim) {
      check_diagnoses_on_service_date();
      leave_claim();
    }
    --depth_;
    observer_.on_loop_end(*f.loop);
  }

  void mark_passed(const segment &at, frame &f, std::size_t from, std::size_t to) {
    const std::vector<std::size_t> &required = f.loop->required_children;
    for (auto it = std::lower_bound(required.begin(), required.end(), from);
         it != required.end() && *it < to; ++it)
      if (f.counts[*it] == 0 &&
          std::none_of(f.passed.begin(), f.passed.end(),
                       [&](const passed_mark &m) { return m.child == *it; }))
        f.passed.push_back({*it, at.offset, at.number, position_});
  }

  void report_missing(const segment &at, const frame &f) {
    for (std::size_t j : f.loop->required_children) {
      if (f.counts[j] != 0)
        continue;
      segment where = at;
      std::uint64_t position = position_;
      for (const passed_mark &m : f.passed)
        if (m.child == j) {
          where.offset = m.offset;
          where.number = m.number;
          position = m.position;
        }
      const loop_rule::child &c = f.loop->children[j];
      if (c.is_loop) {
        const loop_rule &l = f.loop->loops[c.index];
        report_at(where, position, registered_code("loop-missing"),
                  "required loop " + l.id + " (" + l.name + ") is missing", l.entry().id);
      } else {
        const segment_rule &r = f.loop->segments[c.index];
        report_at(where, position, registered_code("segment-missing"),
                  "required segment " + r.id + (r.name.empty() ? "" : " (" + r.name + ")") +
                      " is missing",
                  r.id);
      }
    }
  }

  const std::string &loop_path() const {
    static const std::string none;
    for (std::size_t d = depth_; d > 0; --d)
      if (!stack_[d - 1].loop->id.empty())
        return stack_[d - 1].loop->id;
    return none;
  }

  bool qualifiers_match(const segment_rule &r) const {
    for (const qualifier &q : r.match) {
      std::string_view v = fields_[q.element];
      if (q.component)
        v = element_view(v, delims_).component(q.component);
      bool listed = q.packed_values.empty()
                        ? std::binary_search(q.values.begin(), q.values.end(), v)
                        : v.size() <= 8 && std::find(q.packed_values.begin(), q.packed_values.end(),
                                                     packed(q, v)) != q.packed_values.end();
      if (!listed)
        return false;
    }
    return true;
  }

  // The child's qualifier from what the key table keeps of it, or from its rule.
  bool qualifies(const loop_rule::key_child &kc) const {
    if (kc.values == 0)
      return true;
    if (kc.values > 2)
      return qualifiers_match(*kc.rule);
    std::string_view v = fields_[kc.element];
    if (kc.component)
      v = element_view(v, delims_).component(kc.component);
    if (v.size() > 8)
      return false;
    const std::uint64_t key = kc.element == 1 && !kc.component ? first_key(v) : pack_code(v);
    return key == kc.value[0] || (kc.values == 2 && key == kc.value[1]);
  }

  // Most qualifiers are element 1, tried against sibling after sibling
  // (the twenty DTPs of a 2400): packed once per segment.
  std::uint64_t packed(const qualifier &q, std::string_view v) const {
    return q.element != 1 || q.component ? pack_code(v) : first_key(v);
  }
  std::uint64_t first_key(std::string_view v) const {
    if (!first_packed_) {
      first_key_ = pack_code(v);
      first_packed_ = true;
    }
    return first_key_;
  }

  // The segment's ID is `id`: one integer compare.
  bool id_is(std::string_view id) const { return key_ == pack_code(id) && fields_.id().size() == id.size(); }

  bool matches(const segment_rule &r, bool strict) const {
    return r.key == key_ && (!strict || qualifiers_match(r));
  }

  // Where a segment fits: a child of a frame at or after the frame's
  // position, searched from the innermost loop outwards.
  struct placement {
    std::size_t depth = 0; // frame index + 1
    std::size_t child = 0;
    bool found = false;
  };

  placement find_forward(bool strict) const {
    for (std::size_t d = depth_; d > 0; --d) {
      const frame &f = stack_[d - 1];
      const loop_rule &l = *f.loop;
      if (!(l.child_key_bloom & bloom_bit(key_)))
        continue;
      // A loop's own entry segment starts a new instance in the parent;
      // siblings sharing the current position may come in any order.
      const loop_rule::key_run *run = l.children_with(key_);
      if (!run)
        continue;
      std::size_t first = std::max<std::size_t>(l.group_first[f.pos], d > 1 ? 1 : 0);
      for (std::uint32_t k = run->begin; k < run->end; ++k) {
        const loop_rule::key_child &kc = l.by_key[k];
        if (kc.child < first)
          continue;
        // A qualifier no sibling knows is pinned on a sibling that still has room,
        // not on one already used up.
        if (!strict && kc.room != unbounded && f.counts[kc.child] >= kc.room)
          continue;
        if (!strict || qualifies(kc))
          return {d, kc.child, true};
      }
    }
    return {};
  }

  void segment_in_transaction(const segment &s) {
    if (!schema_)
      return;
    delims_ = s.view.delims();
    fields_.assign(s.view);
    bytes_ = scan_bytes(s.view.text(), delims_);
    key_ = fields_.id().size() <= 8 ? pack_code(fields_.id()) : ~std::uint64_t(0);
    first_packed_ = false;
    position_ = env_->transaction_segments();

    placement p = find_forward(true);
    bool relaxed = false;
    if (!p.found) {
      p = find_forward(false);
      relaxed = p.found;
    }
    if (!p.found) {
      if (!out_of_order(s) && !enter_headless_loop(s))
        unplaced(s);
      return;
    }
    while (depth_ > p.depth)
      pop(s);
    frame &f = top();
    if (f.loop->group_first[p.child] > f.loop->group_first[f.pos])
      mark_passed(s, f, f.loop->group_first[f.pos], f.loop->group_first[p.child]);
    const loop_rule::child &c = f.loop->children[p.child];
    f.pos = std::max(f.pos, p.child);
    const segment_rule *rule;
    if (c.is_loop) {
      const loop_rule &l = f.loop->loops[c.index];
      if (++f.counts[p.child] > l.max_repeat && l.max_repeat != unbounded)
        report_loop_repeat(s, l);
      if (l.use == usage::not_used)
        report_loop_not_used(s, l);
      std::uint64_t lx = f.lx_next;
      push(&l);
      top().counts[0] = 1;
      rule = &l.entry();
      if (l.is_claim) {
        claim_ = std::string(fields_[claim_element()]);
        claim_index_ = ++claims_;
        claim_offset_ = s.offset;
        in_claim_ = true;
        claim_dated_ = false;
      }
      if (id_is("LX") && schema_->transaction == "837" && !options_.structure_only) {
        check_lx(s, lx);
        stack_[depth_ - 2].lx_next = lx + 1;
      }
    } else {
      rule = &f.loop->segments[c.index];
      if (++f.counts[p.child] > rule->max_use && rule->max_use != unbounded)
        report_segment_repeat(s, *rule);
    }
    if (rule->use == usage::not_used)
      report_segment_not_used(s, *rule);
    placed_ = rule;
    placed_loop_ = top().loop;
    placed_exact_ = !relaxed;
    if (options_.structure_only)
      return;
    if (id_is("DTP")) {
      check_date_period(s);
      if (in_claim_)
        note_service_date();
    }
    if (relaxed)
      report_qualifier(s, *rule);
    check_elements(s, *rule);
    if (id_is("HL"))
      check_hl(s);
    else if (id_is("LS") || id_is("LE"))
      check_ls_le(s);
  }

  // The findings of placing, made out of the way of segment_in_transaction.
  [[gnu::cold, gnu::noinline]] void report_loop_repeat(const segment &s, const loop_rule &l) {
    report(s, registered_code("loop-repeat"),
           "loop " + l.id + " (" + l.name + ") repeats more than " + std::to_string(l.max_repeat) +
               " times");
  }
  [[gnu::cold, gnu::noinline]] void report_loop_not_used(const segment &s, const loop_rule &l) {
    report(s, registered_code("loop-not-used"),
           "loop " + l.id + " (" + l.name + ") is not used in this guide");
  }
  [[gnu::cold, gnu::noinline]] void report_segment_repeat(const segment &s, const segment_rule &r) {
    report(s, registered_code("segment-repeat"),
           r.id + " (" + r.name + ") is used more than " + std::to_string(r.max_use) + " times");
  }
  [[gnu::cold, gnu::noinline]] void report_segment_not_used(const segment &s,
                                                            const segment_rule &r) {
    report(s, registered_code("segment-not-used"),
           r.id + " (" + r.name + ") is not used in this guide");
  }

  // LS opens a bounded loop and LE closes it with the same identifier,
  // inside one instance of the enclosing loop (271 2120C, 834 2700).
  void check_ls_le(const segment &s) {
    if (fields_.id() == "LS") {
      ls_open_.push_back({std::string(fields_[1]), depth_});
      return;
    }
    if (ls_open_.empty() || ls_open_.back().depth < depth_ - 1) {
      report(s, registered_code("le-unpaired"), "LE without an LS before it");
      return;
    }
    if (fields_[1] != ls_open_.back().id)
      finding_for(s, registered_code("le-identifier"),
                  "LE01 '" + std::string(fields_[1]) + "' does not match LS01 '" +
                      ls_open_.back().id + "'",
                  1, 0, "447", fields_[1]);
    ls_open_.pop_back();
  }

  unsigned claim_element() const { return parse_ref_element(schema_->claim_id); }

  // A segment that belongs inside a loop whose first segment is missing:
  // report the missing opener once and read the rest of the loop normally,
  // instead of calling every segment of it unexpected.
  bool enter_headless_loop(const segment &s) {
    for (std::size_t d = depth_; d > 0; --d) {
      const frame &f = stack_[d - 1];
      const loop_rule &l = *f.loop;
      for (std::size_t i = std::max<std::size_t>(f.pos, 1); i < l.children.size(); ++i) {
        const loop_rule::child &c = l.children[i];
        if (!c.is_loop)
          continue;
        const loop_rule &child = l.loops[c.index];
        for (std::size_t k = 1; k < child.children.size(); ++k) {
          const loop_rule::child &cc = child.children[k];
          if (cc.is_loop || !matches(child.segments[cc.index], true))
            continue;
          while (depth_ > d)
            pop(s);
          frame &parent = top();
          parent.pos = i;
          ++parent.counts[i];
          report(s, registered_code("loop-entry-missing"),
                 "loop " + child.id + " (" + child.name + ") has no " + child.entry().id +
                     " segment to open it");
          push(&child);
          frame &nf = top();
          nf.pos = k;
          nf.counts[k] = 1;
          nf.counts[0] = 1; // reported above, not again as missing
          placed_ = &child.segments[cc.index];
          placed_loop_ = &child;
          placed_exact_ = true;
          if (!options_.structure_only)
            check_elements(s, *placed_);
          return true;
        }
      }
    }
    return false;
  }

  // A segment the current loop has earlier on: out of order.
  // A segment that the current loop, or one around it, has at an earlier
  // position: out of order.
  bool out_of_order(const segment &s) {
    for (std::size_t d = depth_; d > 0; --d) {
      frame &f = stack_[d - 1];
      for (std::size_t i = d > 1 ? 1 : 0; i < f.pos; ++i) {
        const loop_rule::child &c = f.loop->children[i];
        if (c.is_loop || !matches(f.loop->segments[c.index], true))
          continue;
        ++f.counts[i];
        placed_ = &f.loop->segments[c.index];
        placed_loop_ = f.loop;
        placed_exact_ = true;
        const loop_rule::child &last = f.loop->children[f.pos];
        const std::string &after =
            last.is_loop ? "loop " + f.loop->loops[last.index].id : f.loop->segments[last.index].id;
        report(s, registered_code("segment-order"),
               std::string(fields_.id()) + " is out of order: in " +
                   (f.loop->id.empty() ? std::string("the header") : "loop " + f.loop->id) +
                   " it comes before " + after);
        return true;
      }
    }
    return false;
  }

  void unplaced(const segment &s) {
    const std::string id(fields_.id());
    bool well_formed = id.size() >= 2 && id.size() <= 3 &&
                       std::all_of(id.begin(), id.end(), [](char c) {
                         return std::isupper(static_cast<unsigned char>(c)) || is_digit(c);
                       });
    if (!well_formed) {
      report(s, registered_code("segment-id-invalid"),
             "segment ID is not 2 or 3 upper-case letters or digits");
      return;
    }
    if (!known_ids().count(id)) {
      report(s, registered_code("segment-not-in-guide"),
             id + " is not a segment of " + schema_->guide);
      return;
    }
    report(s, registered_code("segment-unexpected"),
           id + " is not expected here" +
               (loop_path().empty() ? std::string() : " (in loop " + loop_path() + ")"));
  }

  const std::unordered_set<std::string> &known_ids() {
    auto it = known_.find(schema_);
    if (it != known_.end())
      return it->second;
    std::unordered_set<std::string> ids;
    collect_ids(schema_->root, ids);
    return known_.emplace(schema_, std::move(ids)).first->second;
  }

  static void collect_ids(const loop_rule &l, std::unordered_set<std::string> &ids) {
    for (const segment_rule &s : l.segments)
      ids.insert(s.id);
    for (const loop_rule &c : l.loops)
      collect_ids(c, ids);
  }

  void report_qualifier(const segment &s, const segment_rule &rule) {
    for (const qualifier &q : rule.match) {
      std::string_view v = fields_[q.element];
      if (q.component)
        v = element_view(v, delims_).component(q.component);
      if (!std::binary_search(q.values.begin(), q.values.end(), v)) {
        const element_rule *er = rule.element(q.element);
        // A value the element's code list rejects is reported by the element check.
        if (er && !q.component && !er->allows(v))
          return;
        finding_for(s, registered_code("qualifier-invalid"),
                    "'" + std::string(v) + "' is not a qualifier this position allows (" +
                        quoted_codes(q.values) + ")",
                    q.element, q.component, er ? er->ele : "", v);
        return;
      }
    }
  }

  void check_elements(const segment &s, const segment_rule &rule) {
    if (fields_.overflow())
      report(s, with_snip(registered_code("element-count"), 1), // X12 syntax allows 99
             "segment has more than 99 elements");
    // One pass over the positions: data where the guide uses none, and the
    // rule of each position the guide does use.
    const unsigned last = rule.elements.empty() ? 0 : rule.elements.back().pos;
    const unsigned end = std::max(last, fields_.count());
    std::uint64_t present = 0; // bit p: element p (below 64) has a value
    for (unsigned pos = 1; pos <= end; ++pos) {
      const element_rule *r = rule.element(pos);
      std::string_view value = fields_[pos];
      present |= std::uint64_t(!value.empty() && pos < 64) << (pos & 63);
      if (r && r->use != usage::not_used) {
        check_element(s, *r, value);
        continue;
      }
      if (!value.empty())
        report_unused_element(s, rule, r, pos, last, value);
    }
    if (fields_.count() > 0 && fields_[fields_.count()].empty())
      report_trailing_separator(s);
    for (const syntax_note &n : rule.syntax)
      if (!n.mask || !syntax_holds(n, present))
        check_syntax(s, rule, n);
  }

  // The note over the mask of present elements: nearly always it holds,
  // and then check_syntax need not look at the elements one by one.
  static bool syntax_holds(const syntax_note &n, std::uint64_t present) {
    const std::uint64_t have_bits = present & n.mask;
    const int have = std::popcount(have_bits), all = std::popcount(n.mask);
    const bool first = (present >> n.positions.front()) & 1;
    switch (n.kind) {
    case 'P':
      return have == 0 || have == all;
    case 'R':
      return have != 0;
    case 'E':
      return have <= 1;
    case 'C':
      return !first || have_bits == n.mask;
    case 'L':
      return !first || have >= 2;
    default:
      return false;
    }
  }

  // Data where the guide has no element, or one it does not use.
  [[gnu::cold, gnu::noinline]] void report_unused_element(const segment &s, const segment_rule &rule,
                                                          const element_rule *r, unsigned pos,
                                                          unsigned last, std::string_view value) {
    if (pos > last)
      finding_for(s, registered_code("element-count"),
                  "segment has data in element " + std::to_string(pos) + "; " + rule.id + " has " +
                      std::to_string(last) + " in this guide",
                  pos, 0, "", value);
    else
      finding_for(s, registered_code("element-not-used"),
                  (r && !r->name.empty() ? r->name + " is" : std::string("this element is")) +
                      " not used in this guide",
                  pos, 0, r ? r->ele : "", value);
  }

  [[gnu::cold, gnu::noinline]] void report_trailing_separator(const segment &s) {
    report(s, registered_code("trailing-separator"),
           "segment ends with an empty element (a trailing separator)");
  }

  // Inlined into check_elements, with every finding made out of line: a
  // call per element, and the strings of messages that are almost never
  // written, cost more than the checks.
  [[gnu::always_inline]] void check_element(const segment &s, const element_rule &r,
                                            std::string_view value) {
    if (value.empty()) {
      if (r.use == usage::required)
        report_missing(s, r);
      return;
    }
    if (!bytes_.separators) {
      if (r.type != data_type::composite)
        check_value(r, value, r.pos, 0, s);
      else
        check_repetition(s, r, value);
      return;
    }
    check_separated(s, r, value);
  }

  [[gnu::cold, gnu::noinline]] void report_missing(const segment &s, const element_rule &r) {
    finding_for(s, registered_code("element-missing"), r.name + " is required but missing",
                r.pos, 0, r.ele, {}, &r);
  }

  // An element of a segment that has component or repetition separators.
  [[gnu::noinline]] void check_separated(const segment &s, const element_rule &r,
                                         std::string_view value) {
    bool repeats = false, composite = false;
    for (char c : value) {
      repeats |= c == delims_.repetition;
      composite |= c == delims_.component;
    }
    if (!repeats || !delims_.has_repetition()) {
      if (r.type != data_type::composite && !composite)
        check_value(r, value, r.pos, 0, s);
      else
        check_repetition(s, r, value);
      return;
    }
    std::size_t reps = 0;
    for (std::string_view rep : split_view(value, delims_.repetition)) {
      ++reps;
      check_repetition(s, r, rep);
    }
    if (reps > r.repeat && r.repeat != unbounded)
      finding_for(s, registered_code("element-repeat"),
                  r.name + " repeats " + std::to_string(reps) + " times; at most " +
                      std::to_string(r.repeat) + " allowed",
                  r.pos, 0, r.ele, value, &r);
  }

  void check_repetition(const segment &s, const element_rule &r, std::string_view value) {
    if (r.type != data_type::composite) {
      if (contains(value, delims_.component)) {
        finding_for(s, registered_code("element-components"),
                    r.name + " is a simple element but has components", r.pos, 0, r.ele,
                    value, &r);
        return;
      }
      check_value(r, value, r.pos, 0, s);
      return;
    }
    // Split once; rules are sorted by position. Only the first n pieces are
    // set (a trivial array: no zeroing of all of them for every composite).
    constexpr unsigned most = 32;
    struct piece {
      std::size_t start, size;
    } pieces[most];
    unsigned n = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= value.size(); ++i) {
      if (i < value.size() && value[i] != delims_.component)
        continue;
      if (n < most)
        pieces[n] = {start, i - start};
      ++n;
      start = i + 1;
    }
    auto comp_at = [&](unsigned i) { return value.substr(pieces[i].start, pieces[i].size); };
    composite_qualifier_ = comp_at(0);
    std::size_t k = 0;
    for (unsigned i = 1; i <= n && i <= most; ++i) {
      while (k < r.components.size() && r.components[k].pos < i)
        ++k;
      const element_rule *cr =
          k < r.components.size() && r.components[k].pos == i ? &r.components[k] : nullptr;
      if ((!cr || cr->use == usage::not_used) && pieces[i - 1].size != 0)
        report_unused_component(s, r, cr, i, n, comp_at(i - 1));
    }
    for (const element_rule &c : r.components) {
      if (c.use == usage::not_used)
        continue;
      std::string_view comp = c.pos <= n && c.pos <= most ? comp_at(c.pos - 1) : std::string_view{};
      if (comp.empty()) {
        if (c.use == usage::required)
          report_missing_component(s, r, c);
        continue;
      }
      check_value(c, comp, r.pos, c.pos, s);
    }
  }

  [[gnu::cold, gnu::noinline]] void report_unused_component(const segment &s, const element_rule &r,
                                                            const element_rule *cr, unsigned i,
                                                            unsigned n, std::string_view value) {
    // Past the composite's last component the 999 says too many components.
    static constexpr finding_code past_last =
        with_element_code(registered_code("component-not-used"), "13");
    finding_for(s, n > r.components.back().pos ? past_last : registered_code("component-not-used"),
                "component " + std::to_string(i) + " of " + r.name + " is not used in this guide",
                r.pos, i, cr ? cr->ele : "", value, cr);
  }

  [[gnu::cold, gnu::noinline]] void report_missing_component(const segment &s, const element_rule &r,
                                                             const element_rule &c) {
    finding_for(s, registered_code("component-missing"), c.name + " is required but missing",
                r.pos, c.pos, c.ele, {}, &c);
  }

  // What is wrong with a value, found without building a message: nearly
  // every value is fine, and the messages are made apart (report_value).
  enum class value_problem { none, character, number, decimal, date, time, too_long, too_short, code };

  // `length` becomes the value's X12 length.
  // `printable`: the segment's bytes are all printable, so the value's are.
  static value_problem problem_of(const element_rule &r, std::string_view v, bool printable,
                                  std::size_t &length) {
    if (!printable && !valid_characters(v))
      return value_problem::character;
    length = v.size();
    switch (r.type) {
    case data_type::number:
      if (!valid_number(v))
        return value_problem::number;
      length = numeric_length(v);
      break;
    case data_type::decimal:
      if (!valid_decimal(v))
        return value_problem::decimal;
      length = numeric_length(v);
      break;
    case data_type::date:
      if (!valid_date(v) || (r.min_length == 8 && v.size() != 8))
        return value_problem::date;
      break;
    case data_type::time:
      if (!valid_time(v))
        return value_problem::time;
      break;
    default:
      break;
    }
    if (r.max_length && length > r.max_length)
      return value_problem::too_long;
    if (length < r.min_length)
      return value_problem::too_short;
    if (!r.allows(v))
      return value_problem::code;
    return value_problem::none;
  }

  // The value first: a string_view after five other arguments would go
  // through memory.
  [[gnu::always_inline]] void check_value(const element_rule &r, std::string_view v, unsigned pos,
                                          unsigned comp, const segment &s) {
    // A value on the guide's list has the right characters and length.
    if (r.has_codes && r.type == data_type::identifier && r.allows(v))
      return;
    std::size_t length = 0;
    if (value_problem p = problem_of(r, v, !bytes_.unprintable, length); p != value_problem::none)
      report_value(s, r, pos, comp, v, p, length);
    else if (options_.codes && r.has_code_list)
      check_code_list(r, v, pos, comp, s);
  }

  [[gnu::cold, gnu::noinline]] void report_value(const segment &s, const element_rule &r,
                                                 unsigned pos, unsigned comp, std::string_view v,
                                                 value_problem p, std::size_t length) {
    const std::string &name = r.name;
    switch (p) {
    case value_problem::character:
      finding_for(s, registered_code("invalid-character"),
                  name + " holds a character outside the X12 character set", pos, comp,
                  r.ele, v, &r);
      return;
    case value_problem::number:
      finding_for(s, registered_code("invalid-number"), name + " must be a whole number" +
                  (r.decimals ? " (with " + std::to_string(r.decimals) + " implied decimals)" : ""),
                  pos, comp, r.ele, v, &r);
      return;
    case value_problem::decimal:
      finding_for(s, registered_code("invalid-decimal"), name + " must be a decimal number",
                  pos, comp, r.ele, v, &r);
      return;
    case value_problem::date:
      finding_for(s, registered_code("invalid-date"),
                  name + " is not a valid date (" + (r.min_length == 6 ? "YYMMDD" : "CCYYMMDD") + ")",
                  pos, comp, r.ele, v, &r);
      return;
    case value_problem::time:
      finding_for(s, registered_code("invalid-time"), name + " is not a valid time (HHMM[SS[D..]])",
                  pos, comp, r.ele, v, &r);
      return;
    case value_problem::too_long:
      finding_for(s, registered_code("element-too-long"),
                  name + " is " + std::to_string(length) + " characters; at most " +
                      std::to_string(r.max_length) + " allowed",
                  pos, comp, r.ele, v, &r);
      return;
    case value_problem::too_short:
      finding_for(s, registered_code("element-too-short"),
                  name + " is " + std::to_string(length) + " characters; at least " +
                      std::to_string(r.min_length) + " required",
                  pos, comp, r.ele, v, &r);
      return;
    case value_problem::code:
      finding_for(s, registered_code("code-invalid"),
                  (is_code_type(r) || options_.show_phi ? "'" + std::string(v) + "' is not a valid " + name
                                                        : name + " is not one of the values this guide allows") +
                      " (allowed: " + quoted_codes(r.codes) + ")",
                  pos, comp, r.ele, v, &r);
      return;
    case value_problem::none:
      return;
    }
  }

  // SNIP 5. The qualifier is component 1 of a composite, else the element
  // before (NM108 for NM109).
  void check_code_list(const element_rule &r, std::string_view v, unsigned pos, unsigned comp,
                       const segment &s) {
    std::string_view qualifier =
        comp ? composite_qualifier_ : pos > 1 ? fields_[pos - 1] : std::string_view{};
    const bool icd = r.icd10cm;
    bool quote = options_.show_phi || !icd;
    // A claim's diagnoses come before its service dates (2400 DTP*472), and
    // ICD-10-CM codes are valid by date of service: they wait for the claim
    // to end.
    if (in_claim_ && icd) {
      const auto at = static_cast<std::uint32_t>(deferred_text_.size());
      deferred_text_.append(v).append(qualifier);
      diagnoses_.push_back({s.offset, s.number, position_, &placed_->id, &loop_path(), &r, pos,
                            comp, at, static_cast<std::uint32_t>(v.size()),
                            static_cast<std::uint32_t>(qualifier.size()), quote});
      return;
    }
    if (auto f = check_code(*options_.codes, r.code_list, v, qualifier, r.name, quote))
      finding_for(s, *f->code, std::move(f->message), pos, comp, r.ele, v, &r);
  }

  // DTP03 is text to the element rules; its format (DTP02) says it holds
  // one date (D8) or a range (RD8, from-to; that the range is in time order
  // is each guide's rule, in the schemas).
  void check_date_period(const segment &s) {
    std::string_view format = fields_[2], text = fields_[3];
    if (text.empty())
      return;
    bool ok = true;
    if (format == "D8")
      ok = text.size() == 8 && valid_date(text);
    else if (format == "RD8")
      ok = text.size() == 17 && text[8] == '-' && valid_date(text.substr(0, 8)) &&
           valid_date(text.substr(9));
    else
      return;
    if (!ok)
      report_date_period(s, format, text);
  }

  [[gnu::cold, gnu::noinline]] void report_date_period(const segment &s, std::string_view format,
                                                       std::string_view text) {
    finding_for(s, registered_code("invalid-date"),
                format == "D8" ? std::string("Date Time Period is not a valid date (CCYYMMDD, "
                                             "format D8)")
                               : std::string("Date Time Period is not a valid date range "
                                             "(CCYYMMDD-CCYYMMDD, format RD8)"),
                3, 0, "1251", text);
  }

  // The claim's date of service: its earliest DTP*472 (claim or line), else
  // the start of its DTP*434 statement period (837I).
  void note_service_date() {
    std::string_view qualifier = fields_[1], format = fields_[2], text = fields_[3];
    if ((qualifier != "472" && qualifier != "434") || (format != "D8" && format != "RD8") ||
        text.size() < 8 || !valid_date(text.substr(0, 8)))
      return;
    // CCYYMMDD compares as text in time order; made CCYY-MM-DD at claim close.
    std::string_view day = text.substr(0, 8);
    bool service = qualifier == "472";
    if (!claim_dated_ || (service && !claim_day_is_service_) ||
        (service == claim_day_is_service_ && day < std::string_view(claim_date_, 8))) {
      std::memcpy(claim_date_, day.data(), 8);
      claim_dated_ = true;
      claim_day_is_service_ = service;
    }
  }

  // A diagnosis code waiting for the claim's date of service: only what a
  // finding on it needs, since most codes are fine.
  // Its value and qualifier are copied (the input's pages may be given back
  // before the claim ends) into one buffer per claim, not strings of their own.
  struct deferred_code {
    std::uint64_t offset = 0, number = 0, position = 0;
    const std::string *segment_id = nullptr, *loop = nullptr; // the schema's
    const element_rule *rule = nullptr;
    unsigned element = 0, component = 0;
    std::uint32_t text = 0, value_size = 0, qualifier_size = 0; // in deferred_text_
    bool quote = false;
  };

  std::string_view value_of(const deferred_code &d) const {
    return std::string_view(deferred_text_).substr(d.text, d.value_size);
  }

  void check_diagnoses_on_service_date() {
    in_claim_ = false;
    if (diagnoses_.empty())
      return;
    std::string claim_day;
    if (claim_dated_)
      claim_day = std::string(claim_date_, 4) + "-" + std::string(claim_date_ + 4, 2) + "-" +
                  std::string(claim_date_ + 6, 2);
    const code_table *table = options_.codes->table("icd10cm");
    const bool covered = !table || claim_day.empty() || table->covers(claim_day);
    if (!covered)
      note_out_of_effect(claim_day);
    for (const deferred_code &d : diagnoses_)
      if (auto problem = check_code_in(covered ? table : nullptr, "icd10cm", value_of(d),
                                    std::string_view(deferred_text_)
                                        .substr(d.text + d.value_size, d.qualifier_size),
                                    d.rule->name, d.quote, claim_day)) {
        finding f = deferred_finding(d, *problem->code);
        f.message = std::move(problem->message);
        if (options_.show_phi && f.message.find('\'') == std::string::npos)
          f.message += " (value '" + std::string(value_of(d)) + "')";
        observer_.on_finding(f);
      }
    diagnoses_.clear();
    deferred_text_.clear();
  }

  // Claims dated outside the ICD-10-CM list are said once per input, at its
  // end: a year of claims past the list's fiscal year is one warning, not
  // one per claim.
  struct out_of_effect {
    std::uint64_t claims = 0;
    std::string from, to; // CCYY-MM-DD, the earliest and latest date seen
    finding first;        // at the first such claim's first diagnosis
  };

  void note_out_of_effect(const std::string &claim_day) {
    out_of_effect &o = icd_out_of_effect_;
    if (o.claims++ == 0) {
      o.first = deferred_finding(diagnoses_.front(), registered_code("code-table-not-in-effect"));
      o.from = o.to = claim_day;
    }
    o.from = std::min(o.from, claim_day);
    o.to = std::max(o.to, claim_day);
  }

  void report_out_of_effect() {
    out_of_effect o = std::exchange(icd_out_of_effect_, {});
    const code_table *table = o.claims ? options_.codes->table("icd10cm") : nullptr;
    if (!table)
      return;
    finding f = std::move(o.first);
    const std::string list = "the " + table->title + " list" +
                             (table->vintage.empty() ? "" : " (" + table->vintage + ")") +
                             " in effect " + table->effective + " to " + table->termination;
    if (o.claims == 1)
      f.message = "the date of service of 1 claim (" + o.from + ") is outside " + list +
                  ", so its diagnosis codes were checked for form only (--codes can add the "
                  "list for that year)";
    else
      f.message = "the dates of service of " + std::to_string(o.claims) + " claims (" + o.from +
                  (o.from == o.to ? "" : " to " + o.to) + "; the first here) are outside " +
                  list + ", so their diagnosis codes were checked for form only (--codes can "
                  "add the lists for those years)";
    // About the input, not one claim: where the first one is, and no more.
    f.transaction.clear();
    f.claim.clear();
    f.claim_index = f.claim_offset = 0;
    f.segment_code.clear();
    f.element_code.clear();
    f.bad_value.clear();
    observer_.on_finding(f);
  }

  // The finding on a deferred code, as finding_for would have made it then.
  finding deferred_finding(const deferred_code &d, const finding_code &code) const {
    finding f = finding_from(code);
    f.where.file = file_;
    f.where.offset = d.offset;
    f.where.segment = d.number;
    f.where.segment_id = *d.segment_id;
    f.where.loop = *d.loop;
    f.where.element = d.element;
    f.where.component = d.component;
    f.transaction = st_.control_number;
    f.guide = guide_name();
    in_claim(f);
    f.position_in_transaction = d.position;
    f.data_element = d.rule->ele;
    f.bad_value = std::string(value_of(d).substr(0, 99));
    return f;
  }

  void check_syntax(const segment &s, const segment_rule &rule, const syntax_note &n) {
    auto present = [&](unsigned p) { return !fields_[p].empty(); };
    std::size_t have = 0;
    for (unsigned p : n.positions)
      have += present(p);
    const unsigned first = n.positions.front();
    auto refs = [&](std::size_t from) {
      std::string out;
      for (std::size_t i = from; i < n.positions.size(); ++i)
        out += (out.empty() ? "" : ", ") + element_ref(rule.id, n.positions[i]);
      return out;
    };
    auto missing_after_first = [&]() -> unsigned {
      for (std::size_t i = 1; i < n.positions.size(); ++i)
        if (!present(n.positions[i]))
          return n.positions[i];
      return 0;
    };
    switch (n.kind) {
    case 'P':
      if (have != 0 && have != n.positions.size()) {
        unsigned gap = 0;
        for (unsigned p : n.positions)
          if (!present(p) && !gap)
            gap = p;
        finding_for(s, registered_code("syntax-paired"),
                    refs(0) + " must all be present or all absent (" + n.text + ")", gap, 0,
                    element_number(rule, gap), {});
      }
      break;
    case 'R':
      if (have == 0)
        finding_for(s, registered_code("syntax-required"),
                    "at least one of " + refs(0) + " is required (" + n.text + ")", first, 0,
                    element_number(rule, first), {});
      break;
    case 'E':
      if (have > 1)
        finding_for(s, registered_code("syntax-exclusion"),
                    "only one of " + refs(0) + " may be present (" + n.text + ")", first, 0,
                    element_number(rule, first), {});
      break;
    case 'C':
      if (present(first))
        if (unsigned m = missing_after_first())
          finding_for(s, registered_code("syntax-conditional"),
                      refs(1) + " required when " + element_ref(rule.id, first) + " is present (" +
                          n.text + ")",
                      m, 0, element_number(rule, m), {});
      break;
    case 'L':
      if (present(first) && have < 2)
        finding_for(s, registered_code("syntax-list-conditional"),
                    "at least one of " + refs(1) + " is required when " + element_ref(rule.id, first) +
                        " is present (" + n.text + ")",
                    n.positions[1], 0, element_number(rule, n.positions[1]), {});
      break;
    }
  }

  static std::string element_number(const segment_rule &rule, unsigned pos) {
    const element_rule *r = rule.element(pos);
    return r ? r->ele : std::string();
  }

  // HL01 counts up from 1; HL02 names an earlier HL; HL04 says truly
  // whether children follow.
  void check_hl(const segment &s) {
    std::string_view id = fields_[1], parent = fields_[2], child_code = fields_[4];
    std::string expected = std::to_string(hl_count_ + 1);
    if (id != expected)
      finding_for(s, registered_code("hl-sequence"),
                  "HL01 is '" + std::string(id) + "'; the next hierarchical ID is " + expected, 1, 0, "628", id);
    if (!parent.empty()) {
      // HL01s are 1, 2, 3 ... (checked above): a parent is one already issued.
      std::uint64_t p = 0;
      bool numeric = !parent.empty() && parent.size() < 10 &&
                     std::all_of(parent.begin(), parent.end(), is_digit);
      if (numeric)
        p = std::stoull(std::string(parent));
      if (!numeric || p == 0 || p > hl_count_)
        finding_for(s, registered_code("hl-parent"),
                    "HL02 parent '" + std::string(parent) + "' is not an earlier HL", 2, 0,
                    "734", parent);
    }
    if (!hl_last_.id.empty()) {
      bool is_child = parent == hl_last_.id;
      if (is_child && hl_last_.child_code == "0")
        finding_for(s, registered_code("hl-child-code"),
                    "HL " + hl_last_.id + " says it has no children (HL04 0) but this HL is its child",
                    2, 0, "734", parent);
      if (!is_child && hl_last_.child_code == "1")
        report_at_position(hl_last_, "HL " + hl_last_.id +
                                         " says it has children (HL04 1) but none follows it");
    }
    ++hl_count_;
    hl_last_ = {std::string(id), std::string(child_code), s.offset, s.number, position_};
  }

  void check_hl_children_end() {
    if (!hl_last_.id.empty() && hl_last_.child_code == "1")
      report_at_position(hl_last_, "HL " + hl_last_.id +
                                       " says it has children (HL04 1) but none follows it");
  }

  struct hl_record {
    std::string id, child_code;
    std::uint64_t offset = 0, number = 0, position = 0;
  };

  void report_at_position(const hl_record &hl, std::string message) {
    finding f = finding_from(registered_code("hl-child-code"));
    f.message = std::move(message);
    f.where.file = file_;
    f.where.offset = hl.offset;
    f.where.segment = hl.number;
    f.where.segment_id = "HL";
    f.where.element = 4;
    f.where.loop = loop_path();
    f.transaction = st_.control_number;
    f.guide = guide_name();
    f.position_in_transaction = hl.position;
    f.data_element = "736";
    f.bad_value = hl.child_code;
    observer_.on_finding(f);
  }

  void check_lx(const segment &s, std::uint64_t expected) {
    std::string_view v = fields_[1];
    if (v != std::to_string(expected))
      finding_for(s, registered_code("lx-sequence"),
                  "LX01 is '" + std::string(v) + "'; service lines are numbered from 1, next is " +
                      std::to_string(expected),
                  1, 0, "554", v);
  }

  // A finding about the segment as a whole.
  void report(const segment &s, const finding_code &code, std::string message) {
    finding_for(s, code, std::move(message), 0, 0, "", {});
  }

  void report_at(const segment &s, std::uint64_t position, const finding_code &code,
                 std::string message, std::string segment_id) {
    finding f = finding_from(code);
    f.message = std::move(message);
    f.where.file = file_;
    f.where.offset = s.offset;
    f.where.segment = s.number;
    f.where.segment_id = std::move(segment_id);
    f.where.loop = loop_path();
    f.transaction = st_.control_number;
    f.guide = guide_name();
    in_claim(f);
    f.position_in_transaction = position;
    observer_.on_finding(f);
  }

  // The code's level, SNIP and 999 codes come from its registry entry.
  void finding_for(const segment &s, const finding_code &code, std::string message,
                   unsigned element, unsigned component, std::string data_element,
                   std::string_view bad, const element_rule *rule = nullptr) {
    finding f = finding_from(code);
    f.message = std::move(message);
    if (options_.show_phi && !bad.empty() && !(rule && is_code_type(*rule)) &&
        f.message.find('\'') == std::string::npos)
      f.message += " (value '" + std::string(bad) + "')";
    f.where.file = file_;
    f.where.offset = s.offset;
    f.where.segment = s.number;
    // The segment's own ID: fields_ is parsed in the transaction's body, so
    // for an ST it still holds the segment before (of another file, unmapped,
    // when the ST is a later input's first).
    f.where.segment_id = std::string(s.view.id().substr(0, 3));
    f.where.loop = loop_path();
    f.where.element = element;
    f.where.component = component;
    f.transaction = st_.control_number;
    f.guide = guide_name();
    in_claim(f);
    f.position_in_transaction = position_;
    f.data_element = std::move(data_element);
    f.bad_value = std::string(bad.substr(0, 99));
    observer_.on_finding(f);
  }

  const schema_set &schemas_;
  validation_options options_;
  validation_observer &observer_;
  envelope_checker *env_ = nullptr;
  std::string file_;
  transaction_header st_;
  const schema *schema_ = nullptr;
  bool in_isa_ = false, in_gs_ = false, in_st_ = false;
  const segment_rule *placed_ = nullptr; // the rule of the segment being read, for on_segment
  // The open claim's ICD-10-CM codes, checked when its date of service is known.
  std::vector<deferred_code> diagnoses_;
  std::string deferred_text_;
  out_of_effect icd_out_of_effect_;
  bool in_claim_ = false;
  char claim_date_[8] = {}; // CCYYMMDD, when claim_dated_
  bool claim_dated_ = false;
  bool claim_day_is_service_ = false;
  const loop_rule *placed_loop_ = nullptr; // the loop it was placed in
  bool placed_exact_ = true;               // its qualifiers match the rule's
  rule_segment_place last_place_;          // the last segment placed, for rule findings
  std::uint32_t last_loop_ = 0;            // the ordinal of the loop it was placed in
  std::vector<rule_evaluator *> rules_;  // this transaction's rule sets
  std::unordered_map<const rule_set *, std::unique_ptr<rule_evaluator>> evaluators_;
  finding_sink rule_sink_ = [this](finding &&f) { rule_finding(std::move(f)); };
  std::vector<frame> stack_;
  std::size_t depth_ = 0;
  segment_fields fields_;
  segment_bytes bytes_; // of the segment being read
  std::uint64_t key_ = 0; // pack_code of the segment ID
  mutable std::uint64_t first_key_ = 0; // pack_code of element 1, when first_packed_
  mutable bool first_packed_ = false;
  delimiters delims_;
  std::uint64_t position_ = 0;
  std::string claim_; // CLM01 (CLP01, TRN02) of the open claim, empty outside one
  std::uint64_t claim_index_ = 0, claim_offset_ = 0, claims_ = 0;

  // A finding inside a claim names it by its ID and, since IDs repeat, by
  // its ordinal in the input and the offset of its first segment.
  void in_claim(finding &f) const {
    f.claim = claim_;
    f.claim_index = claim_index_;
    f.claim_offset = claim_offset_;
  }
  void leave_claim() {
    claim_.clear();
    claim_index_ = claim_offset_ = 0;
  }
  std::string_view composite_qualifier_;
  std::uint64_t hl_count_ = 0;
  struct open_ls {
    std::string id;
    std::size_t depth; // stack depth where the LS was read
  };
  std::vector<open_ls> ls_open_;
  hl_record hl_last_;
  std::unordered_map<const schema *, std::unordered_set<std::string>> known_;
};

validator::validator(const schema_set &schemas, validation_options options,
                     validation_observer &observer)
    : impl_(new impl(schemas, std::move(options), observer)) {}

validator::~validator() { delete impl_; }

void validator::run(input_buffer &in) { impl_->run(in); }

} // namespace x12
