// The JSON loop tree back to X12, in one streaming pass: Boost.JSON's SAX
// parser feeds a stack of frames that knows where in the shape it is, and
// each segment is written as soon as its object closes. Memory holds one
// segment and the path to it, whatever the size of the document.

#include <boost/json/basic_parser_impl.hpp>

#include <array>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "x12/delimiters.h"
#include "x12/json.h"
#include "x12/segment.h"

namespace x12 {
namespace {

namespace bj = boost::json;

// U+F780..U+F7FF (UTF-8 EF 9E 80 .. EF 9F BF) stand for the bytes
// 0x80..0xFF that were not UTF-8 in the X12; everything else is as decoded.
void append_decoded(std::string &to, std::string_view s) {
  std::size_t run = 0;
  for (;;) {
    const void *hit = std::memchr(s.data() + run, '\xEF', s.size() - run);
    if (!hit)
      break;
    std::size_t i = static_cast<const char *>(hit) - s.data();
    unsigned char b1 = i + 2 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (b1 != 0x9E && b1 != 0x9F) {
      to.append(s.data() + run, i + 1 - run);
      run = i + 1;
      continue;
    }
    to.append(s.data() + run, i - run);
    to.push_back(static_cast<char>(0x80 + ((b1 - 0x9E) << 6) + (s[i + 2] & 0x3F)));
    run = i + 3;
  }
  to.append(s.data() + run, s.size() - run);
}

enum class node {
  document,
  interchanges,
  interchange,
  separators,
  groups,
  group_item, // a group or a segment, told apart by its first telling key
  group,
  transactions,
  transaction_item,
  transaction,
  content,
  content_item,
  loop,
  segment,
  elements,
  element,
  value,      // the components of a composite
  repeats,
  repetition, // the components of one repetition
};

enum class json_type { object, array, string, number, boolean, null };

const char *type_name(json_type t) {
  switch (t) {
  case json_type::object:
    return "an object";
  case json_type::array:
    return "an array";
  case json_type::string:
    return "a string";
  case json_type::number:
    return "a number";
  case json_type::boolean:
    return "true or false";
  case json_type::null:
    return "null";
  }
  return "";
}

// The keys of the shape, read once into a number: a string compare per key
// would cost more than the rest of the reading.
enum class key : std::uint8_t {
  none,
  interchanges,
  separators,
  line_break,
  isa,
  groups,
  iea,
  element,
  component,
  repetition,
  segment,
  gs,
  transactions,
  ge,
  set,
  control_number,
  guide,
  name,
  content,
  loop,
  unplaced,
  break_,
  elements,
  value,
  repeats,
  before,
  after
};
constexpr std::string_view key_names[] = {
    "", "interchanges", "separators", "line_break", "isa", "groups", "iea", "element", "component", "repetition", "segment", "gs", "transactions", "ge", "set", "control_number", "guide", "name", "content", "loop", "unplaced", "break", "elements", "value", "repeats", "before", "after"};

key key_of(std::string_view text) {
  // By length, then first byte: at most one string compare per key.
  static const auto by_length = [] {
    std::array<std::vector<key>, 16> t;
    for (std::size_t i = 1; i < std::size(key_names); ++i)
      t[key_names[i].size()].push_back(static_cast<key>(i));
    return t;
  }();
  if (text.empty() || text.size() >= by_length.size())
    return key::none;
  for (key k : by_length[text.size()])
    if (key_names[static_cast<std::size_t>(k)][0] == text[0] &&
        key_names[static_cast<std::size_t>(k)] == text)
      return k;
  return key::none;
}

std::string_view name_of(key k) { return key_names[static_cast<std::size_t>(k)]; }

// The keys an object may have. A ranked key (rank > 0) comes after every
// key of a lower rank, because what it writes follows what they write.
struct key_rule {
  x12::key key;
  int rank;
};
constexpr key_rule document_keys[] = {{key::interchanges, 1}, {key::after, 2}};
constexpr key_rule interchange_keys[] = {{key::before, 1}, {key::separators, 2},
                                         {key::line_break, 3}, {key::isa, 4},
                                         {key::groups, 5}, {key::iea, 6}};
constexpr key_rule separator_keys[] = {
    {key::element, 0}, {key::component, 0}, {key::repetition, 0}, {key::segment, 0}};
constexpr key_rule group_keys[] = {{key::gs, 1}, {key::transactions, 2}, {key::ge, 3}};
constexpr key_rule transaction_keys[] = {
    {key::set, 0}, {key::control_number, 0}, {key::guide, 0}, {key::name, 0}, {key::content, 1}};
constexpr key_rule loop_keys[] = {{key::loop, 0}, {key::name, 0}, {key::content, 1}};
constexpr key_rule segment_keys[] = {
    {key::segment, 0}, {key::name, 0}, {key::unplaced, 0}, {key::break_, 0}, {key::elements, 0}};
constexpr key_rule element_keys[] = {{key::name, 0}, {key::value, 0}, {key::repeats, 0}};

template <std::size_t N> std::span<const key_rule> keys(const key_rule (&k)[N]) { return {k, N}; }

std::span<const key_rule> keys_of(node kind) {
  switch (kind) {
  case node::document:
    return keys(document_keys);
  case node::interchange:
    return keys(interchange_keys);
  case node::separators:
    return keys(separator_keys);
  case node::group:
    return keys(group_keys);
  case node::transaction:
    return keys(transaction_keys);
  case node::loop:
    return keys(loop_keys);
  case node::segment:
    return keys(segment_keys);
  case node::element:
    return keys(element_keys);
  default:
    return {};
  }
}

bool is_segment_key(key k) {
  return k == key::segment || k == key::elements || k == key::break_ || k == key::unplaced;
}

// What may follow a terminator: what the reader passes over between segments.
constexpr const char *not_a_break = "a line break is spaces, tabs, CRs and LFs only";

bool is_line_break(std::string_view s) {
  return s.find_first_not_of("\r\n \t") == std::string_view::npos;
}

// Where a segment sits, for the checks and counts that depend on it.
enum class segment_role { isa, iea, gs, ge, other };

struct frame {
  node kind = node::document;
  bool array = false;
  std::size_t index = 0; // arrays: values begun so far
  x12::key key = key::none; // objects: the key whose value is being read
  int rank = 0;          // objects: the highest rank of a key seen
  std::uint32_t seen = 0; // objects: a bit per key of keys_of(kind)
};

class tree_reader {
public:
  tree_reader(output_file &out, const json_read_options &options) : out_(out), options_(options) {}

  // --- the SAX events (Boost.JSON basic_parser handler) ---
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  bool on_document_begin(bj::error_code &) { return true; }
  bool on_document_end(bj::error_code &) { return true; }
  bool on_object_begin(bj::error_code &ec) { return check(begin_value(json_type::object), ec); }
  bool on_object_end(std::size_t, bj::error_code &ec) { return check(end_container(), ec); }
  bool on_array_begin(bj::error_code &ec) { return check(begin_value(json_type::array), ec); }
  bool on_array_end(std::size_t, bj::error_code &ec) { return check(end_container(), ec); }
  bool on_key_part(bj::string_view s, std::size_t, bj::error_code &) {
    text_.append(s.data(), s.size());
    return true;
  }
  bool on_key(bj::string_view s, std::size_t, bj::error_code &ec) {
    text_.append(s.data(), s.size());
    bool ok = set_key();
    text_.clear();
    return check(ok, ec);
  }
  bool on_string_part(bj::string_view s, std::size_t, bj::error_code &ec) {
    if (!in_string_ && !begin_value(json_type::string))
      return check(false, ec);
    in_string_ = true;
    text_.append(s.data(), s.size());
    return true;
  }
  bool on_string(bj::string_view s, std::size_t, bj::error_code &ec) {
    if (!in_string_ && !begin_value(json_type::string))
      return check(false, ec);
    in_string_ = false;
    text_.append(s.data(), s.size());
    bool ok = string_value();
    text_.clear();
    return check(ok, ec);
  }
  // No place in the shape takes a number: the first part fails.
  bool on_number_part(bj::string_view, bj::error_code &ec) { return number(ec); }
  bool on_int64(std::int64_t, bj::string_view, bj::error_code &ec) { return number(ec); }
  bool on_uint64(std::uint64_t, bj::string_view, bj::error_code &ec) { return number(ec); }
  bool on_double(double, bj::string_view, bj::error_code &ec) { return number(ec); }
  bool on_bool(bool, bj::error_code &ec) {
    return check(begin_value(json_type::boolean) && done_value(), ec);
  }
  bool on_null(bj::error_code &ec) { return check(begin_value(json_type::null) && null_value(), ec); }
  bool on_comment_part(bj::string_view, bj::error_code &) { return true; }
  bool on_comment(bj::string_view, bj::error_code &) { return true; }

  // --- after parsing ---
  const std::string &message() const noexcept { return message_; }
  std::string path() const {
    std::string p;
    for (const frame &f : stack_) {
      if (f.array && f.index > 0)
        p += "[" + std::to_string(f.index - 1) + "]";
      else if (!f.array && f.key != key::none)
        p += (p.empty() ? "" : ".") + std::string(name_of(f.key));
    }
    return p;
  }
  bool in_document() const noexcept { return !stack_.empty(); }
  json_read_stats stats() const noexcept { return stats_; }

private:
  bool check(bool ok, bj::error_code &ec) {
    if (!ok)
      ec = bj::make_error_code(bj::error::exception);
    return ok;
  }
  bool fail(std::string message) {
    if (message_.empty())
      message_ = std::move(message);
    return false;
  }
  bool number(bj::error_code &ec) { return check(begin_value(json_type::number), ec); }

  frame &top() { return stack_.back(); }
  void push(node kind, bool array) {
    frame f;
    f.kind = kind;
    f.array = array;
    stack_.push_back(std::move(f));
  }

  // A value begins: check its type against the place it is in and, for
  // objects and arrays, enter it.
  bool begin_value(json_type t) {
    if (stack_.empty()) {
      if (t != json_type::object)
        return fail("a document is an object with \"interchanges\", not " +
                    std::string(type_name(t)));
      push(node::document, false);
      return true;
    }
    frame &f = top();
    if (f.array)
      ++f.index;
    auto want = [&](json_type expected, node enter = node::document, const char *what = nullptr) {
      if (t != expected)
        return fail(std::string("expected ") + (what ? what : type_name(expected)) + ", found " +
                    type_name(t));
      if (t == json_type::object || t == json_type::array)
        push(enter, t == json_type::array);
      return true;
    };
    const key k = f.key;
    switch (f.kind) {
    case node::document:
      if (k == key::after)
        return want(json_type::string);
      return want(json_type::array, node::interchanges);
    case node::interchanges:
      ++stats_.interchanges;
      have_separators_ = false;
      line_break_.clear();
      groups_ = 0;
      return want(json_type::object, node::interchange);
    case node::interchange:
      if (k == key::separators)
        return want(json_type::object, node::separators);
      if (k == key::line_break || k == key::before)
        return want(json_type::string);
      if (!have_separators_)
        return fail("\"" + std::string(name_of(k)) +
                    "\" comes before \"separators\", which must come first");
      if (k == key::groups)
        return want(json_type::array, node::groups);
      role_ = k == key::isa ? segment_role::isa : segment_role::iea;
      return want(json_type::object, node::segment) && start_segment();
    case node::separators:
      if (k == key::repetition && t == json_type::null)
        return true;
      return want(json_type::string, node::document, "a string of one character");
    case node::groups:
      return want(json_type::object, node::group_item);
    case node::group:
      if (k == key::transactions)
        return want(json_type::array, node::transactions);
      role_ = k == key::gs ? segment_role::gs : segment_role::ge;
      return want(json_type::object, node::segment) && start_segment();
    case node::transactions:
      return want(json_type::object, node::transaction_item);
    case node::transaction:
    case node::loop:
      if (k == key::content)
        return want(json_type::array, node::content);
      return want(json_type::string);
    case node::content:
      return want(json_type::object, node::content_item);
    case node::segment:
      if (k == key::elements)
        return want(json_type::array, node::elements);
      if (k == key::unplaced)
        return want(json_type::boolean);
      if (k == key::break_ && t == json_type::null) {
        has_break_ = true;
        terminated_ = false;
        return true;
      }
      return want(json_type::string);
    case node::elements:
      element_.clear();
      element_null_ = false;
      return want(json_type::object, node::element);
    case node::element:
      if (k == key::name)
        return want(json_type::string);
      if (k == key::value && t == json_type::null) {
        element_null_ = true;
        return true;
      }
      if (k == key::value && t == json_type::array) {
        parts_ = 0;
        return want(json_type::array, node::value);
      }
      if (k == key::value)
        return want(json_type::string, node::document, "a string, an array of components or null");
      reps_ = 0;
      return want(json_type::array, node::repeats);
    case node::value:
    case node::repetition:
      return want(json_type::string, node::document, "a component (a string)");
    case node::repeats:
      if (reps_++ > 0)
        element_ += seps_.repetition;
      if (t == json_type::array) {
        parts_ = 0;
        return want(json_type::array, node::repetition);
      }
      return want(json_type::string, node::document, "a string or an array of components");
    case node::group_item:
    case node::transaction_item:
    case node::content_item:
      return want(json_type::string); // "name", before the object says what it is
    }
    return false;
  }

  // A key of the object on top: decides what an undecided object is, and
  // checks that the key belongs there, once, in order.
  bool set_key() {
    frame &f = top();
    const key k = key_of(text_);
    if (f.kind == node::group_item || f.kind == node::transaction_item ||
        f.kind == node::content_item) {
      if (is_segment_key(k)) {
        f.kind = node::segment;
        role_ = segment_role::other;
        start_segment();
      } else if (f.kind == node::group_item && (k == key::gs || k == key::transactions || k == key::ge)) {
        f.kind = node::group;
        ++groups_;
        transactions_ = 0;
      } else if (f.kind == node::transaction_item &&
                 (k == key::set || k == key::control_number || k == key::guide || k == key::content)) {
        f.kind = node::transaction;
        ++transactions_;
        in_transaction_ = true;
        transaction_segments_ = 0;
      } else if (f.kind == node::content_item && (k == key::loop || k == key::content)) {
        f.kind = node::loop;
      } else if (k == key::name) {
        f.key = k;
        return true;
      } else {
        return fail("unknown key \"" + text_ + "\" (" + expected_item(f.kind) + ")");
      }
    }
    std::span<const key_rule> rules = keys_of(f.kind);
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (rules[i].key != k)
        continue;
      if (f.seen & (1u << i))
        return fail("key \"" + text_ + "\" appears twice");
      if (rules[i].rank > 0 && rules[i].rank < f.rank)
        return fail("key \"" + text_ + "\" comes too late: the keys here come in the order " +
                    ranked_keys(rules));
      if ((k == key::value && (f.seen & 4)) || (k == key::repeats && (f.seen & 2)))
        return fail("an element has \"value\" or \"repeats\", not both");
      f.seen |= 1u << i;
      f.rank = std::max(f.rank, rules[i].rank);
      f.key = k;
      return true;
    }
    std::string known;
    for (const key_rule &r : rules)
      known += (known.empty() ? "\"" : ", \"") + std::string(name_of(r.key)) + "\"";
    return fail("unknown key \"" + text_ + "\" (expected " + known + ")");
  }

  static std::string expected_item(node kind) {
    switch (kind) {
    case node::group_item:
      return "expected a group (\"gs\", \"transactions\", \"ge\") or a segment";
    case node::transaction_item:
      return "expected a transaction (\"set\", \"content\" ...) or a segment";
    default:
      return "expected a loop (\"loop\", \"content\") or a segment";
    }
  }

  static std::string ranked_keys(std::span<const key_rule> rules) {
    std::string out;
    for (const key_rule &r : rules)
      if (r.rank > 0)
        out += (out.empty() ? "" : ", ") + std::string(name_of(r.key));
    return out;
  }

  // The value of an object's key, or an array item, is complete.
  bool done_value() {
    if (!stack_.empty() && !top().array)
      top().key = key::none;
    return true;
  }

  bool string_value() {
    frame &f = top();
    const key k = f.key;
    switch (f.kind) {
    case node::document: // after: bytes after the last interchange
    case node::interchange:
      if (k == key::line_break) {
        if (!is_line_break(text_))
          return fail(not_a_break);
        line_break_ = text_;
      } else { // before, after: bytes outside any segment, as read
        bytes_.clear();
        append_decoded(bytes_, text_);
        out_.write(bytes_);
      }
      break;
    case node::separators: {
      std::string c;
      append_decoded(c, text_);
      if (c.size() != 1)
        return fail("a separator is one character");
      (k == key::element     ? seps_.element
       : k == key::component ? seps_.component
       : k == key::segment   ? seps_.segment
                          : seps_.repetition) = c[0];
      break;
    }
    case node::segment:
      if (k == key::segment) {
        id_.clear();
        append_decoded(id_, text_);
      } else if (k == key::break_) {
        if (!is_line_break(text_))
          return fail(not_a_break);
        break_ = text_;
        has_break_ = true;
      }
      break;
    case node::element:
      if (k == key::value) {
        append_decoded(element_, text_);
        if (!allowed(element_, false, false))
          return false;
      }
      break;
    case node::value:
    case node::repetition:
      if (parts_++ > 0)
        element_ += seps_.component;
      if (!append_checked(true, true))
        return false;
      break;
    case node::repeats:
      if (!append_checked(false, true))
        return false;
      break;
    default: // names and other descriptions: not written
      break;
    }
    return done_value();
  }

  // Appends the current string to the element, refusing the separators
  // that would change how it reads back.
  bool append_checked(bool component, bool repetition) {
    std::size_t from = element_.size();
    append_decoded(element_, text_);
    return allowed(std::string_view(element_).substr(from), component, repetition);
  }

  bool allowed(std::string_view v, bool component, bool repetition) {
    for (char c : v) {
      const char *which = c == seps_.element   ? "element separator"
                          : c == seps_.segment ? "segment terminator"
                          : component && c == seps_.component ? "component separator"
                          : repetition && seps_.has_repetition() && c == seps_.repetition
                              ? "repetition separator"
                              : nullptr;
      if (which)
        return fail(std::string("the value holds the ") + which + " '" +
                    printable(std::string_view(&c, 1)) + "'");
    }
    return true;
  }

  bool null_value() {
    frame &f = top();
    if (f.kind == node::separators)
      seps_.repetition = '\0';
    return done_value();
  }

  // An object or array on top closes. A failure leaves it on the stack,
  // so the path names it.
  bool end_container() {
    if (!close(top()))
      return false;
    stack_.pop_back();
    return done_value();
  }

  bool close(const frame &f) {
    switch (f.kind) {
    case node::document:
      if (!(f.seen & 1))
        return fail("the document has no \"interchanges\"");
      return true;
    case node::separators:
      if ((f.seen & 0b1011) != 0b1011)
        return fail("separators need \"element\", \"component\" and \"segment\"");
      if (!(f.seen & 0b0100))
        seps_.repetition = '\0';
      if (seps_.element == seps_.component || seps_.element == seps_.segment ||
          seps_.component == seps_.segment ||
          (seps_.has_repetition() &&
           (seps_.repetition == seps_.element || seps_.repetition == seps_.component ||
            seps_.repetition == seps_.segment)))
        return fail("the separators are not all different");
      have_separators_ = true;
      return true;
    case node::group_item:
    case node::transaction_item:
    case node::content_item:
      return fail(expected_item(f.kind));
    case node::transaction:
      in_transaction_ = false;
      return true;
    case node::segment:
      return write_segment(f);
    case node::element:
      return end_element(f, stack_[stack_.size() - 2].index);
    case node::repeats:
      if (!seps_.has_repetition())
        return fail("\"repeats\" needs a repetition separator, and the interchange has none");
      return true;
    default:
      return true;
    }
  }

  // Element `pos` of the segment is complete: onto the segment's text.
  bool end_element(const frame &f, std::size_t pos) {
    if (!(f.seen & 0b110))
      return fail("an element needs \"value\" or \"repeats\"");
    if (element_null_ && pos != 1)
      return fail("null stands for a computed count: only SE01, GE01 and IEA01 take it");
    body_ += seps_.element;
    if (pos == 1) {
      first_begin_ = body_.size();
      first_null_ = element_null_;
    }
    body_ += element_;
    if (pos == 1)
      first_end_ = body_.size();
    return true;
  }

  bool start_segment() {
    id_.clear();
    body_.clear();
    has_break_ = false;
    terminated_ = true;
    first_null_ = false;
    first_begin_ = first_end_ = 0;
    return true;
  }

  // The segment object on top is complete: write it. Its ID may be empty,
  // as a broken file can send it.
  bool write_segment(const frame &f) {
    if (!(f.seen & 1))
      return fail("a segment needs \"segment\", its ID");
    if (!allowed(id_, true, true))
      return false;
    static constexpr std::array<std::string_view, 4> role_ids = {"ISA", "IEA", "GS", "GE"};
    if (role_ != segment_role::other && id_ != role_ids[static_cast<int>(role_)])
      return fail("expected the " + std::string(role_ids[static_cast<int>(role_)]) +
                  " segment, found " + printable(id_));
    std::optional<std::uint64_t> count;
    if (role_ == segment_role::ge)
      count = transactions_;
    else if (role_ == segment_role::iea)
      count = groups_;
    else if (id_ == "SE" && in_transaction_)
      count = transaction_segments_ + 1;
    if (first_null_ && !count)
      return fail("null stands for a computed count: only SE01, GE01 and IEA01 take it");
    if (count && (first_null_ || options_.recount) && first_end_ > 0)
      body_.replace(first_begin_, first_end_ - first_begin_, std::to_string(*count));
    if (role_ == segment_role::isa && !isa_matches())
      return false;
    out_.write(id_);
    out_.write(body_);
    if (terminated_) {
      out_.put(seps_.segment);
      out_.write(has_break_ ? break_ : line_break_);
    }
    ++stats_.segments;
    if (in_transaction_)
      ++transaction_segments_;
    role_ = segment_role::other;
    return true;
  }

  // The ISA as written must read back with the separators the JSON gives.
  bool isa_matches() {
    std::string isa = id_ + body_ + seps_.segment;
    auto layout = detect_delimiters(isa);
    if (!layout)
      return fail("the ISA does not read back: " + layout.error().message());
    if (!(layout->delims == seps_))
      return fail("the ISA reads back with the separators \"" + to_spec(layout->delims) +
                  "\", not the \"" + to_spec(seps_) + "\" that \"separators\" gives");
    return true;
  }

  output_file &out_;
  const json_read_options &options_;
  std::vector<frame> stack_;
  std::string text_;    // the key or string being read
  std::string message_; // the first failure
  bool in_string_ = false;
  json_read_stats stats_;

  delimiters seps_;
  bool have_separators_ = false;
  std::string line_break_;
  std::uint64_t groups_ = 0, transactions_ = 0, transaction_segments_ = 0;
  bool in_transaction_ = false;

  // The segment being read.
  segment_role role_ = segment_role::other;
  std::string id_, body_, break_;
  bool has_break_ = false;
  bool terminated_ = true; // false for "break": null, the last segment of a cut file
  std::string bytes_;      // "before" and "after", decoded
  std::size_t first_begin_ = 0, first_end_ = 0; // element 1 in body_
  bool first_null_ = false;
  // The element being read.
  std::string element_;
  bool element_null_ = false;
  std::size_t parts_ = 0, reps_ = 0;
};

} // namespace

result<json_read_stats> json_to_x12(input_buffer &in, output_file &out,
                                    const json_read_options &options) {
  bj::parse_options limits;
  limits.max_depth = 128;
  bj::basic_parser<tree_reader> parser(limits, out, options);
  // Fed in slices so that the pages behind can be given back as it goes.
  constexpr std::size_t slice = 1 << 22;
  std::uint64_t fed = 0;
  bool any = false;
  auto failed = [&](bj::error_code ec) -> result<json_read_stats> {
    const tree_reader &r = parser.handler();
    std::string where = r.path();
    std::string what = r.message().empty() ? ec.message() : r.message();
    return failure{(where.empty() ? "" : where + ": ") + what + " (byte " +
                   std::to_string(fed) + ")"};
  };
  for (;;) {
    std::string_view b = in.bytes();
    while (fed < b.size()) {
      bj::error_code ec;
      std::size_t n = std::min<std::size_t>(b.size() - fed, slice);
      std::size_t used = parser.write_some(true, b.data() + fed, n, ec);
      if (ec) {
        fed += used;
        return failed(ec);
      }
      fed += used;
      any = true;
      if (parser.done()) // several documents, one after the other
        parser.reset();
      in.release(fed);
    }
    if (!in.more())
      break;
  }
  bj::error_code ec;
  parser.write_some(false, nullptr, 0, ec);
  if (ec && !(ec == bj::error::incomplete && !parser.handler().in_document() && any))
    return failed(ec);
  return parser.handler().stats();
}

} // namespace x12
