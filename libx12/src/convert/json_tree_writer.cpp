// X12 to the JSON loop tree: an observer of the validator's structure
// events (structure_only), writing each segment as it comes. The document
// shape goes out in 64 KiB pieces; jsonl lines are built one transaction or
// one claim at a time.

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "x12/json.h"
#include "x12/reader.h"
#include "x12/validate.h"

namespace x12 {
namespace {

// A growable byte buffer that hands out room to write into directly: JSON
// text is most of what this file produces, a dozen bytes for each byte read.
class text_buffer {
public:
  /// Room for `n` more bytes at the end; commit() what was written.
  char *room(std::size_t n) {
    if (size_ + n > capacity_)
      grow(size_ + n);
    return data_.get() + size_;
  }
  void commit(std::size_t n) noexcept { size_ += n; }
  void append(std::string_view s) {
    std::memcpy(room(s.size()), s.data(), s.size());
    size_ += s.size();
  }
  void push_back(char c) {
    *room(1) = c;
    ++size_;
  }
  text_buffer &operator+=(std::string_view s) {
    append(s);
    return *this;
  }
  text_buffer &operator+=(char c) {
    push_back(c);
    return *this;
  }
  void clear() noexcept { size_ = 0; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  std::string_view view() const noexcept { return {data_.get(), size_}; }

private:
  void grow(std::size_t need) {
    std::size_t capacity = std::max<std::size_t>({need, capacity_ * 2, 256});
    std::unique_ptr<char[]> bigger(new char[capacity]);
    if (size_)
      std::memcpy(bigger.get(), data_.get(), size_);
    data_ = std::move(bigger);
    capacity_ = capacity;
  }
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0, capacity_ = 0;
};

// Bytes copied into a JSON string as they are.
constexpr std::array<bool, 256> plain_bytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c)
    t[c] = c != '"' && c != '\\';
  return t;
}();

// The length of the well-formed UTF-8 sequence at the start of `s`, or 0.
// U+F780..U+F7FF counts as malformed: those code points stand for single
// bytes in our JSON, so input that holds them is escaped byte by byte too.
std::size_t utf8_sequence(std::string_view s) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  auto tail = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return i < s.size() && byte(i) >= lo && byte(i) <= hi;
  };
  unsigned c = byte(0);
  if (c >= 0xC2 && c <= 0xDF)
    return tail(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    if (!tail(1, lo, hi) || !tail(2))
      return 0;
    return c == 0xEF && (byte(1) == 0x9E || byte(1) == 0x9F) ? 0 : 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return tail(1, lo, hi) && tail(2) && tail(3) ? 4 : 0;
  }
  return 0;
}

char *put_escape(char *p, unsigned code) {
  static constexpr char hex[] = "0123456789abcdef";
  *p++ = '\\';
  *p++ = 'u';
  *p++ = hex[(code >> 12) & 15];
  *p++ = hex[(code >> 8) & 15];
  *p++ = hex[(code >> 4) & 15];
  *p++ = hex[code & 15];
  return p;
}

// `s` as a JSON string. `plain` says the caller knows it needs no escape.
void append_string(text_buffer &o, std::string_view s, bool plain = false) {
  if (plain) {
    char *p = o.room(s.size() + 2);
    p[0] = '"';
    std::memcpy(p + 1, s.data(), s.size());
    p[s.size() + 1] = '"';
    o.commit(s.size() + 2);
    return;
  }
  char *const start = o.room(6 * s.size() + 2);
  char *p = start;
  *p++ = '"';
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (plain_bytes[c]) {
      *p++ = static_cast<char>(c);
      ++i;
    } else if (c >= 0x80) {
      if (std::size_t n = utf8_sequence(s.substr(i))) {
        std::memcpy(p, s.data() + i, n);
        p += n;
        i += n;
      } else {
        p = put_escape(p, 0xF700 + c);
        ++i;
      }
    } else {
      char short_form = c == '"'    ? '"'
                        : c == '\\' ? '\\'
                        : c == '\n'  ? 'n'
                        : c == '\r'  ? 'r'
                        : c == '\t'  ? 't'
                                      : 0;
      if (short_form) {
        *p++ = '\\';
        *p++ = short_form;
      } else {
        p = put_escape(p, c);
      }
      ++i;
    }
  }
  *p++ = '"';
  o.commit(static_cast<std::size_t>(p - start));
}


// What a segment's JSON starts with and what each element's does, escaped
// once per schema rule (or envelope segment) instead of once per segment.
struct segment_text {
  std::string head; // {"segment":"NM1","name":"Billing Provider Name"
  std::vector<std::string> element_heads; // {"name":"Entity Identifier Code",
  // Per position: 1 a composite, 0 a simple element, -1 unknown to the guide
  // (split into components when the data has a component separator).
  std::vector<signed char> composite;
};

segment_text make_segment_text(std::string_view id, std::string_view name,
                               const std::vector<std::string_view> &element_names,
                               const segment_rule *rule) {
  text_buffer t;
  t += "{\"segment\":";
  append_string(t, id);
  if (!name.empty()) {
    t += ",\"name\":";
    append_string(t, name);
  }
  segment_text out;
  out.head = t.view();
  for (std::size_t pos = 1; pos <= element_names.size(); ++pos) {
    t.clear();
    t += '{';
    if (!element_names[pos - 1].empty()) {
      t += "\"name\":";
      append_string(t, element_names[pos - 1]);
      t += ',';
    }
    out.element_heads.emplace_back(t.view());
    const element_rule *er = rule ? rule->element(static_cast<unsigned>(pos)) : nullptr;
    out.composite.push_back(er ? er->type == data_type::composite : -1);
  }
  return out;
}

// segment_texts by the rule (or envelope entry) they were made from: an
// open-addressed table, as a lookup happens for every segment.
class text_cache {
public:
  const segment_text *find(const void *key) const noexcept {
    if (keys_.empty())
      return nullptr;
    for (std::size_t i = slot(key);; i = (i + 1) & mask()) {
      if (keys_[i] == key)
        return values_[i].get();
      if (!keys_[i])
        return nullptr;
    }
  }
  const segment_text &add(const void *key, segment_text text) {
    if (2 * (count_ + 1) > keys_.size())
      rehash(std::max<std::size_t>(64, 2 * keys_.size()));
    std::size_t i = slot(key);
    while (keys_[i])
      i = (i + 1) & mask();
    keys_[i] = key;
    values_[i] = std::make_unique<segment_text>(std::move(text));
    ++count_;
    return *values_[i];
  }

private:
  std::size_t mask() const noexcept { return keys_.size() - 1; }
  std::size_t slot(const void *key) const noexcept {
    return static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(key) >> 3) *
                                    0x9E3779B97F4A7C15ull) &
           mask();
  }
  void rehash(std::size_t size) {
    std::vector<const void *> keys(size);
    std::vector<std::unique_ptr<segment_text>> values(size);
    keys.swap(keys_);
    values.swap(values_);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (!keys[i])
        continue;
      std::size_t j = slot(keys[i]);
      while (keys_[j])
        j = (j + 1) & mask();
      keys_[j] = keys[i];
      values_[j] = std::move(values[i]);
    }
  }
  std::vector<const void *> keys_;
  std::vector<std::unique_ptr<segment_text>> values_;
  std::size_t count_ = 0;
};

// Findings the validator makes about the guide, which convert does not judge:
// a transaction without a schema is written flat, a stray segment ID unplaced.
bool about_the_guide(const finding &f) {
  return f.code == "guide-not-supported" || f.code == "gs-functional-id" ||
         f.code == "segment-id-invalid";
}

// Byte classes for one interchange's separators: one table lookup tells
// where an element ends and whether it needs a closer look.
enum : unsigned char { needs_escape = 1, component_byte = 2, repetition_byte = 4, element_end = 8 };

class tree_writer : public validation_observer {
public:
  tree_writer(input_buffer &in, output_file &out, const schema_set &schemas, json_shape shape,
              finding_sink sink)
      : in_(in), out_(out), schemas_(schemas), jsonl_(shape == json_shape::jsonl),
        sink_(std::move(sink)) {}

  json_write_stats run() {
    if (!jsonl_) {
      doc_ += "{\"interchanges\":[";
      firsts_.push_back(true);
    }
    validation_options options;
    options.structure_only = true;
    validator v(schemas_, options, *this);
    v.run(in_);
    if (!jsonl_) {
      firsts_.pop_back();
      doc_ += ']';
      if (std::string_view after = skipped_until(in_.bytes().size()); !after.empty()) {
        doc_ += ",\"after\":";
        append_string(doc_, after);
      }
      doc_ += "}\n";
      flush();
    }
    return stats_;
  }

  void on_finding(const finding &f) override {
    if (f.snip == 1 && !about_the_guide(f) && sink_)
      sink_(finding(f));
  }

  void on_interchange_start(const interchange_header &) override {
    ++stats_.interchanges;
    in_isa_ = true;
    isa_seen_ = groups_open_ = false;
  }

  void on_interchange_end() override {
    if (!jsonl_ && isa_seen_) {
      if (!iea_seen_)
        close_list(groups_open_, "groups");
      doc_ += '}';
      flush();
    }
    in_isa_ = isa_seen_ = iea_seen_ = false;
  }

  void on_group_start(const group_header &) override {
    if (!jsonl_) {
      open_list(groups_open_, "groups");
      begin_item();
    }
    in_gs_ = true;
    gs_seen_ = transactions_open_ = ge_seen_ = false;
  }

  void on_group_end() override {
    if (!jsonl_ && gs_seen_) {
      if (!ge_seen_)
        close_list(transactions_open_, "transactions");
      doc_ += '}';
    }
    group_json_.clear();
    in_gs_ = gs_seen_ = false;
  }

  void on_transaction_start(const transaction_header &h) override {
    ++stats_.transactions;
    in_st_ = true;
    tree_ = claims_ = in_claim_ = false;
    claims_written_ = stats_.claims;
    transaction_ = &h;
    text_buffer &o = jsonl_ ? head_ : doc_;
    head_.clear();
    if (!jsonl_) {
      open_list(transactions_open_, "transactions");
      begin_item();
    }
    o += "{\"set\":";
    append_string(o, h.id);
    o += ",\"control_number\":";
    append_string(o, h.control_number);
    o += ",\"guide\":";
    append_string(o, h.guide);
    o += ",\"content\":[";
    firsts_.push_back(true);
    if (jsonl_) {
      levels_.resize(1);
      levels_[0].content.clear();
      to_ = &levels_[0].content;
    }
  }

  void on_transaction_end(const transaction_header &, std::uint64_t) override {
    firsts_.pop_back();
    if (!jsonl_) {
      doc_ += "]}";
      flush();
    } else if (!claims_ || claims_written_ == stats_.claims) {
      write_line(nullptr); // an 837 without claims still has its line
    }
    to_ = &doc_;
    in_st_ = tree_ = claims_ = false;
  }

  void on_loop_start(const loop_rule &l) override {
    if (l.id.empty()) { // the transaction's root: its content is the transaction's
      tree_ = true;
      kinds_.push_back(loop_kind::root);
      if (jsonl_ && transaction_->id == "837")
        start_claims(l);
      return;
    }
    loop_kind kind = loop_kind::plain;
    if (claims_ && !in_claim_)
      kind = l.is_claim ? loop_kind::claim : bears_claims(l) ? loop_kind::level : kind;
    kinds_.push_back(kind);
    if (kind == loop_kind::level) {
      levels_.emplace_back();
      levels_.back().loop = &l;
      to_ = &levels_.back().content;
    } else {
      if (kind == loop_kind::claim) {
        in_claim_ = true;
        claim_.clear();
        to_ = &claim_;
      } else {
        begin_item();
      }
      loop_head(*to_, l);
    }
    firsts_.push_back(true);
  }

  void on_loop_end(const loop_rule &) override {
    loop_kind kind = kinds_.back();
    kinds_.pop_back();
    if (kind == loop_kind::root)
      return;
    firsts_.pop_back();
    if (kind == loop_kind::level) {
      levels_.pop_back();
      to_ = &levels_.back().content;
      return;
    }
    *to_ += "]}";
    if (kind == loop_kind::claim) {
      write_line(&claim_);
      ++stats_.claims;
      in_claim_ = false;
      to_ = &levels_.back().content;
    }
  }

  void on_segment(const segment &s, const segment_rule *rule) override {
    ++stats_.segments;
    place_segment(s, rule);
    // Between transactions too: stray segments there are written out as
    // they come, however many there are.
    if (doc_.size() >= flush_at)
      flush();
  }

private:
  void place_segment(const segment &s, const segment_rule *rule) {
    if (in_st_) {
      begin_item();
      write_segment(*to_, s, rule, tree_ && !rule);
      return;
    }
    std::string_view id = s.view.id();
    if (in_gs_) {
      if (!gs_seen_) {
        gs_seen_ = true;
        text_buffer &o = jsonl_ ? group_json_ : doc_;
        o += "{\"gs\":";
        write_segment(o, s, rule, false);
        if (jsonl_)
          o += '}';
      } else if (!jsonl_ && id == "GE") {
        ge_seen_ = true;
        close_list(transactions_open_, "transactions");
        doc_ += ',';
        newline(firsts_.size());
        doc_ += "\"ge\":";
        write_segment(doc_, s, rule, false);
      } else if (!jsonl_) {
        open_list(transactions_open_, "transactions");
        begin_item();
        write_segment(doc_, s, rule, false);
      }
      return;
    }
    if (in_isa_) {
      if (!isa_seen_) {
        isa_seen_ = true;
        line_break_ = ending_of(s).after;
        text_buffer &o = jsonl_ ? isa_json_ : doc_;
        if (jsonl_)
          o.clear();
        else
          begin_item();
        o += '{';
        if (std::string_view before = skipped_until(s.offset); !before.empty() && !jsonl_) {
          o += "\"before\":";
          append_string(o, before);
          o += ',';
        }
        interchange_head(o, s);
        if (jsonl_)
          o += '}';
      } else if (!jsonl_ && id == "IEA") {
        iea_seen_ = true;
        close_list(groups_open_, "groups");
        doc_ += ',';
        newline(firsts_.size());
        doc_ += "\"iea\":";
        write_segment(doc_, s, rule, false);
      } else if (!jsonl_) {
        open_list(groups_open_, "groups");
        begin_item();
        write_segment(doc_, s, rule, false);
      }
    }
  }

  static constexpr std::size_t flush_at = 1 << 16;
  enum class loop_kind { root, plain, level, claim };
  // An HL level of an 837 in jsonl: what the loop held before its claims,
  // their context.
  struct level {
    const loop_rule *loop = nullptr;
    text_buffer content;
  };

  void flush() {
    out_.write(doc_.view());
    doc_.clear();
  }

  // A comma between items and, in the document, each item on its own line.
  void begin_item() {
    if (!firsts_.back())
      to_->push_back(',');
    firsts_.back() = false;
    newline(firsts_.size());
  }

  void newline(std::size_t depth) {
    if (jsonl_)
      return;
    char *p = doc_.room(2 * depth + 1);
    p[0] = '\n';
    std::memset(p + 1, ' ', 2 * depth);
    doc_.commit(2 * depth + 1);
  }

  void open_list(bool &open, std::string_view key) {
    if (open)
      return;
    open = true;
    doc_ += ",\"";
    doc_ += key;
    doc_ += "\":[";
    firsts_.push_back(true);
  }

  void close_list(bool &open, std::string_view key) {
    open_list(open, key);
    firsts_.pop_back();
    doc_ += ']';
  }

  void loop_head(text_buffer &o, const loop_rule &l) {
    o += "{\"loop\":";
    append_string(o, l.id);
    o += ",\"name\":";
    append_string(o, l.name);
    o += ",\"content\":[";
  }

  void interchange_head(text_buffer &o, const segment &isa) {
    const delimiters &d = isa.view.delims();
    auto separator = [&](std::string_view key, char c, char after) {
      o += '"';
      o += key;
      o += "\":";
      if (c)
        append_string(o, std::string_view(&c, 1));
      else
        o += "null";
      o += after;
    };
    o += "\"separators\":{";
    separator("element", d.element, ',');
    separator("component", d.component, ',');
    separator("repetition", d.repetition, ',');
    separator("segment", d.segment, '}');
    o += ",\"line_break\":";
    append_string(o, line_break_);
    o += ",\"isa\":";
    write_segment(o, isa, nullptr, false);
  }

  // What follows the text of `s`: its terminator, if it has one, and the
  // spaces, tabs, CRs and LFs the reader passes over before the next segment.
  struct ending {
    bool terminated = false;
    std::string_view after; // after the terminator
    std::uint64_t end = 0;  // offset of the first byte past both
  };
  ending ending_of(const segment &s) {
    const delimiters &d = s.view.delims();
    auto byte_at = [&](std::uint64_t i) -> int {
      while (i >= in_.bytes().size())
        if (!in_.more())
          return -1;
      return static_cast<unsigned char>(in_.bytes()[i]);
    };
    const std::uint64_t text_end = s.offset + s.view.text().size();
    std::uint64_t at = text_end;
    // CRs before a newline terminator are line style to the reader; they
    // are not kept, and the segment still ends there.
    if (d.segment == '\n')
      while (byte_at(at) == '\r')
        ++at;
    if (byte_at(at) != static_cast<unsigned char>(d.segment))
      return {false, {}, text_end};
    const std::uint64_t from = ++at;
    for (int c = byte_at(at); (c == ' ' || c == '\t' || c == '\r' || c == '\n') &&
                              c != static_cast<unsigned char>(d.element) &&
                              c != static_cast<unsigned char>(d.component);
         c = byte_at(at))
      ++at;
    return {true, in_.bytes().substr(from, at - from), at};
  }

  // The bytes the reader passed over since the last segment, up to `upto`
  // (a byte-order mark, garbage between interchanges), for the document to
  // keep. Pages the input gave back read as zeros, so a run that holds a
  // NUL is not kept: empty then.
  std::string_view skipped_until(std::uint64_t upto) {
    if (upto <= covered_)
      return {};
    std::string_view bytes = in_.bytes().substr(covered_, upto - covered_);
    covered_ = upto;
    return bytes.find('\0') == std::string_view::npos ? bytes : std::string_view{};
  }

  const segment_text &text_of(const segment_rule &rule) {
    if (const segment_text *known = rule_texts_.find(&rule))
      return *known;
    std::vector<std::string_view> names;
    for (const element_rule &e : rule.elements) {
      names.resize(std::max<std::size_t>(names.size(), e.pos));
      names[e.pos - 1] = e.name;
    }
    return rule_texts_.add(&rule, make_segment_text(rule.id, rule.name, names, &rule));
  }

  void set_classes(const delimiters &d) {
    for (int c = 0; c < 256; ++c)
      classes_[c] = plain_bytes[c] ? 0 : needs_escape;
    classes_[static_cast<unsigned char>(d.component)] |= component_byte;
    if (d.has_repetition())
      classes_[static_cast<unsigned char>(d.repetition)] |= repetition_byte;
    classes_[static_cast<unsigned char>(d.element)] = element_end;
    classes_for_ = d;
    have_classes_ = true;
  }

  // One pass over the segment's bytes: each element ends at an element_end
  // byte, and what else its bytes were says how it is written.
  void write_segment(text_buffer &o, const segment &s, const segment_rule *rule, bool unplaced) {
    const delimiters &d = s.view.delims();
    if (!have_classes_ || !(d == classes_for_))
      set_classes(d);
    const std::string_view text = s.view.text();
    const char *p = text.data(), *const end = p + text.size();
    while (p < end && classes_[static_cast<unsigned char>(*p)] != element_end)
      ++p;
    const std::string_view id(text.data(), static_cast<std::size_t>(p - text.data()));
    // The envelopes and the ST and SE of a transaction without a schema
    // come without a rule.
    const segment_rule *env = rule ? nullptr : envelope_segment_rule(id);
    const segment_text *names = rule ? &text_of(*rule) : env ? &text_of(*env) : nullptr;
    if (names) {
      o += names->head;
    } else {
      o += "{\"segment\":";
      append_string(o, id);
    }
    if (unplaced)
      o += ",\"unplaced\":true";
    const ending e = ending_of(s);
    covered_ = e.end;
    if (!e.terminated) {
      o += ",\"break\":null";
    } else if (e.after != line_break_) {
      o += ",\"break\":";
      append_string(o, e.after);
    }
    o += ",\"elements\":[";
    // The ISA is fixed fields: its ISA11 and ISA16 are separators, not data.
    const bool verbatim = env && env->id == "ISA";
    std::size_t pos = 0;
    while (p < end) {
      const char *const value_start = ++p;
      unsigned char seen = 0;
      for (unsigned char c; p < end && (c = classes_[static_cast<unsigned char>(*p)]) != element_end;
           ++p)
        seen |= c;
      const std::string_view value(value_start, static_cast<std::size_t>(p - value_start));
      if (pos++ > 0)
        o += ',';
      const bool known = names && pos <= names->element_heads.size();
      o += known ? std::string_view(names->element_heads[pos - 1]) : std::string_view("{");
      const bool composite = known && names->composite[pos - 1] >= 0
                                 ? names->composite[pos - 1] == 1
                                 : (seen & component_byte) != 0;
      if (verbatim || (!composite && !(seen & repetition_byte))) {
        o += "\"value\":";
        append_string(o, value, !(seen & needs_escape));
      } else if (seen & repetition_byte) {
        o += "\"repeats\":[";
        bool first = true;
        for (std::string_view rep : split_view(value, d.repetition)) {
          if (!first)
            o += ',';
          first = false;
          append_value(o, rep, composite, d.component);
        }
        o += ']';
      } else {
        o += "\"value\":";
        append_value(o, value, composite, d.component);
      }
      o += '}';
    }
    o += "]}";
  }

  static void append_value(text_buffer &o, std::string_view v, bool composite, char component) {
    if (!composite || v.empty()) {
      append_string(o, v);
      return;
    }
    o += '[';
    bool first = true;
    for (std::string_view c : split_view(v, component)) {
      if (!first)
        o += ',';
      first = false;
      append_string(o, c);
    }
    o += ']';
  }

  // jsonl for an 837 with its schema: one line per claim loop.
  void start_claims(const loop_rule &root) {
    const schema *s = schemas_.find(transaction_->guide, transaction_->id);
    schema_ = s && &s->root == &root ? s : nullptr;
    claims_ = schema_ && !schema_->claim_loops.empty();
  }

  // A loop that is a claim or holds one somewhere below: an HL level.
  bool bears_claims(const loop_rule &l) {
    auto [it, added] = bearing_.try_emplace(&l, false);
    if (!added)
      return it->second;
    bool bears = l.is_claim;
    for (const loop_rule &child : l.loops)
      bears = bears_claims(child) || bears;
    bearing_[&l] = bears;
    return bears;
  }

  void write_line(const text_buffer *claim) {
    out_.write("{\"interchange\":");
    out_.write(isa_json_.empty() ? "null" : isa_json_.view());
    out_.write(",\"group\":");
    out_.write(group_json_.empty() ? "null" : group_json_.view());
    out_.write(",\"transaction\":");
    out_.write(head_.view());
    out_.write(levels_[0].content.view());
    out_.write("]}");
    if (claim) {
      out_.write(",\"context\":[");
      for (std::size_t i = 1; i < levels_.size(); ++i) {
        text_buffer head;
        if (i > 1)
          head += ',';
        loop_head(head, *levels_[i].loop);
        out_.write(head.view());
        out_.write(levels_[i].content.view());
        out_.write("]}");
      }
      out_.write("],\"claim\":");
      out_.write(claim->view());
    }
    out_.write("}\n");
  }

  input_buffer &in_;
  output_file &out_;
  const schema_set &schemas_;
  const bool jsonl_;
  finding_sink sink_;
  json_write_stats stats_;

  text_buffer doc_;          // the document, up to flush_at bytes of it
  text_buffer *to_ = &doc_;  // where the items of the open list go
  std::vector<bool> firsts_; // per open list: no item written yet
  std::string line_break_;   // of the interchange being read
  std::uint64_t covered_ = 0; // input offset up to which the document holds every byte
  text_cache rule_texts_;
  std::array<unsigned char, 256> classes_{};
  delimiters classes_for_;
  bool have_classes_ = false;

  bool in_isa_ = false, isa_seen_ = false, groups_open_ = false, iea_seen_ = false;
  bool in_gs_ = false, gs_seen_ = false, transactions_open_ = false, ge_seen_ = false;
  bool in_st_ = false;
  bool tree_ = false; // the transaction has a schema: a segment without a rule is unplaced
  std::vector<loop_kind> kinds_;
  const transaction_header *transaction_ = nullptr;

  // jsonl
  text_buffer isa_json_;
  text_buffer group_json_;
  text_buffer head_; // the transaction's fields up to its content
  std::deque<level> levels_; // [0] the transaction's own content
  bool claims_ = false, in_claim_ = false;
  std::uint64_t claims_written_ = 0; // stats_.claims when the transaction began
  const schema *schema_ = nullptr;
  text_buffer claim_;
  std::unordered_map<const loop_rule *, bool> bearing_;
};

} // namespace

json_write_stats x12_to_json(input_buffer &in, output_file &out, const schema_set &schemas,
                             json_shape shape, finding_sink sink) {
  return tree_writer(in, out, schemas, shape, std::move(sink)).run();
}

bool looks_like_json(input_buffer &in) {
  for (std::size_t at = 0;;) {
    std::string_view b = in.bytes();
    while (at < b.size() && (b[at] == ' ' || b[at] == '\t' || b[at] == '\n' || b[at] == '\r'))
      ++at;
    if (at < b.size())
      return b[at] == '{';
    if (!in.more())
      return false;
  }
}

} // namespace x12
