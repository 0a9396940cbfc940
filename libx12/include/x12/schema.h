#pragma once
// A guide schema as plain structs: loops, segments, elements, usage,
// repeats, lengths, types and code values. load_schema() fills them from
// YAML (schemas/*.yaml, format in man/x12-schema.5); the YAML itself stays
// in the library's sources (schema/yaml_file.h).

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace x12 {

class rule_set;

enum class usage { required, situational, not_used };
enum class data_type { alphanumeric, identifier, date, time, decimal, number, binary, composite };

/// Repeats and max uses: a count, or unbounded.
inline constexpr std::uint32_t unbounded = UINT32_MAX;

/// One bit of a 64-bit filter for a packed segment ID.
inline std::uint64_t bloom_bit(std::uint64_t key) noexcept {
  return std::uint64_t(1) << ((key * 0x9E3779B97F4A7C15ull) >> 58);
}

/// Up to 8 characters as one integer, zero-padded: segment IDs and codes
/// compare as numbers.
constexpr std::uint64_t pack_code(std::string_view s) noexcept {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < s.size() && i < 8; ++i)
    v |= std::uint64_t(static_cast<unsigned char>(s[i])) << (8 * i);
  return v;
}

/// An X12 syntax note: P (paired), R (required), E (exclusion),
/// C (conditional), L (list conditional), over element positions.
struct syntax_note {
  char kind = 'P';
  std::vector<unsigned> positions;
  std::string text; // "P0809", as written
  /// Bit p set for each position p when all are below 64, else 0: a
  /// segment's notes are then checked against one mask of its elements.
  std::uint64_t mask = 0;
};

/// Qualifier values that identify a segment: element (and component) -> values.
struct qualifier {
  unsigned element = 0;
  unsigned component = 0;
  std::vector<std::string> values; // sorted
  /// pack_code of each value when all have at most 8 characters, else empty.
  std::vector<std::uint64_t> packed_values;
};

// What every value's check reads comes first, in the struct's first cache
// line: a segment's element rules are read for each of its millions of
// occurrences, and a rule spread over two lines cost a miss per value.
struct alignas(64) element_rule {
  unsigned pos = 0;        // 1-based position in the segment (or composite)
  usage use = usage::situational;
  data_type type = data_type::alphanumeric;
  unsigned decimals = 0;   // implied decimals of Nn
  unsigned min_length = 0, max_length = 0;
  std::uint32_t repeat = 1;
  bool has_codes = false;     // !codes.empty()
  bool has_code_list = false; // !code_list.empty()
  bool icd10cm = false;       // code_list is "icd10cm": checked as of the date of service
  /// `codes` packed into integers when every code has at most 8
  /// characters (nearly all do), for lookups without string compares.
  std::vector<std::uint64_t> packed_codes;
  std::vector<std::string> codes; // sorted; empty means any value of the type
  std::string code_list;          // external list for SNIP 5 ("icd10cm")
  std::string ele;         // data element number ("98") or composite ("C023")
  std::string name;
  std::vector<element_rule> components;

  /// Sets `codes` (sorted, without repeats) and what is kept of them for lookups.
  void set_codes(std::vector<std::string> list);
  void set_code_list(std::string list) {
    code_list = std::move(list);
    has_code_list = !code_list.empty();
    icd10cm = code_list == "icd10cm";
  }

  bool allows(std::string_view code) const {
    if (!has_codes)
      return true;
    if (packed_codes.empty())
      return allows_long(code);
    if (code.size() > 8)
      return false;
    const std::uint64_t key = pack_code(code);
    if (packed_codes.size() > 16) {
      auto it = std::lower_bound(packed_codes.begin(), packed_codes.end(), key);
      return it != packed_codes.end() && *it == key;
    }
    for (std::uint64_t c : packed_codes)
      if (c >= key)
        return c == key;
    return false;
  }
  bool allows_long(std::string_view code) const;
};

struct segment_rule {
  std::string id;
  std::string name;
  usage use = usage::situational;
  std::uint32_t max_use = 1;
  std::vector<qualifier> match;
  std::vector<element_rule> elements; // by position, gaps are not used
  std::vector<syntax_note> syntax;

  /// The rule for element `pos`, or null when the guide does not use it.
  const element_rule *element(unsigned pos) const {
    return pos < by_position.size() && by_position[pos] >= 0 ? &elements[by_position[pos]] : nullptr;
  }
  /// Fills by_position from elements (sorted by position, at most 100).
  void index_elements() {
    by_position.fill(-1);
    for (std::size_t i = 0; i < elements.size(); ++i)
      if (elements[i].pos < by_position.size())
        by_position[elements[i].pos] = static_cast<std::int8_t>(i);
  }
  std::uint64_t key = 0;              // pack_code(id)
  // Element position -> index in elements, -1 if none: kept in the rule
  // itself, since each element of each segment looks it up.
  std::array<std::int8_t, 100> by_position{};
  /// Position in a preorder walk of the schema's segment rules: compiled
  /// rules index what a placed segment feeds by it.
  std::uint32_t ordinal = 0;
};

struct loop_rule {
  // Not copied: by_key points into the loop's own segments and loops,
  // which a move keeps where they are and a copy would not.
  loop_rule() = default;
  loop_rule(const loop_rule &) = delete;
  loop_rule &operator=(const loop_rule &) = delete;
  loop_rule(loop_rule &&) noexcept = default;
  loop_rule &operator=(loop_rule &&) noexcept = default;

  std::string id;
  std::string name;
  usage use = usage::situational;
  std::uint32_t max_repeat = 1;
  /// The children in guide order: segment_rules and loop_rules interleaved.
  struct child {
    bool is_loop = false;
    std::size_t index = 0; // into segments or loops
  };
  std::vector<child> children;
  std::vector<segment_rule> segments;
  std::vector<loop_rule> loops;
  /// For each child, the first of the run of adjacent children that open
  /// with the same segment ID. Such siblings share one position in the
  /// guide (DTP*434 and DTP*096, the 2310x provider loops), so files send
  /// them in any order.
  std::vector<std::size_t> group_first;
  /// A 64-bit filter over the keys of the segments the children begin
  /// with (bloom_bit of each): a segment whose bit is clear begins no
  /// child of this loop, and the key table need not be read.
  std::uint64_t child_key_bloom = 0;
  /// Positions of the required children, ascending.
  std::vector<std::size_t> required_children;
  /// The children that begin with each segment ID, so placing a segment
  /// looks at those and no others: an open-addressing table (a power of
  /// two, at most half full, key 0 empty) from a key to its run of
  /// `by_key`, child positions ascending, each with what placing reads of
  /// it, so that no child or segment rule is visited to learn it.
  struct key_run {
    std::uint64_t key = 0;
    std::uint32_t begin = 0, end = 0;
  };
  struct key_child {
    std::uint32_t child = 0;
    std::uint32_t room = 0;             // max repeat of the loop, or max use of the segment
    const segment_rule *rule = nullptr; // the segment the child begins with
    /// The rule's qualifier when it is one element (or component) with at
    /// most two values of at most 8 characters, kept here so that a sibling
    /// passed over is not read: `values` of them, packed; 0 values: the
    /// rule has no qualifier; `values` 3: read the rule's.
    std::uint8_t values = 0;
    std::uint8_t element = 0, component = 0;
    std::uint64_t value[2] = {0, 0};
  };
  std::vector<key_run> key_table;
  std::vector<key_child> by_key;
  const key_run *children_with(std::uint64_t key) const noexcept {
    const std::size_t mask = key_table.size() - 1;
    for (std::size_t at = key_slot(key) & mask;; at = (at + 1) & mask) {
      const key_run &r = key_table[at];
      if (r.key == key)
        return &r;
      if (r.key == 0)
        return nullptr;
    }
  }
  static std::size_t key_slot(std::uint64_t key) noexcept {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 40);
  }

  /// The segment that opens this loop (its first child).
  const segment_rule &entry() const { return segments[children.front().index]; }
  /// Position in a preorder walk of the schema's loop tree (the root is 0):
  /// compiled rules index their per-loop tables by it.
  std::uint32_t ordinal = 0;
  /// One of the schema's claim_loops: an instance is one claim.
  bool is_claim = false;
};

struct schema {
  std::string guide;               // 005010X222A1
  std::vector<std::string> aliases;
  std::string transaction;         // 837
  std::string functional_group;    // HC
  std::string name;
  std::string source;
  std::vector<std::string> claim_loops; // "2300" (276/277: "2200D", "2200E")
  std::string claim_id;                 // "CLM01"
  loop_rule root;                   // empty id; children are the transaction's
  std::string file;                 // where it was loaded from
  std::uint32_t loop_count = 1;     // loops in the tree, root included (ordinals 0..n-1)
  std::uint32_t segment_count = 0;  // segment rules in the tree (ordinals 0..n-1)
  /// The guide's `rules:` compiled (rules.h); null when it has none.
  std::shared_ptr<const rule_set> rules;
};

/// Loads one schema file, resolving element numbers against the dictionary
/// beside it (elements.yaml). Throws x12::error naming the file, line and
/// column on malformed YAML or an inconsistent schema.
schema load_schema(const std::string &path);

/// Problems a schema author must fix, one sentence each: loop IDs that
/// clash among siblings or name different loops, siblings that begin with
/// the same segment without disjoint qualifier values (the later one could
/// never be read), loops opened by a not-used segment. Empty when clean.
std::vector<std::string> lint(const schema &s);

/// The schemas of a directory, loaded when first asked for: a run that
/// reads only 837Ps parses only the 837P schema.
class schema_set {
public:
  /// Lists the *.yaml guides in `dir` (default: X12_SCHEMAS, else the
  /// installed or source-tree schemas). Throws x12::error.
  static schema_set load(const std::string &dir = {});
  /// The schema for a GS08/ST03 guide and ST01; aliases are followed and
  /// `aliased` is set when one was. Null when none fits. Throws x12::error
  /// when a schema file it has to read is malformed.
  const schema *find(std::string_view guide, std::string_view transaction,
                     bool *aliased = nullptr) const;
  /// The schemas of `guide` (as named or as an alias), loading only the
  /// files named <guide>-*.yaml when there are any. Throws x12::error.
  std::vector<const schema *> for_guide(std::string_view guide) const;
  /// Every schema, all loaded.
  const std::vector<std::unique_ptr<schema>> &all() const;
  const std::string &directory() const noexcept { return dir_; }

private:
  const schema *load_file(const std::string &file) const;
  std::string dir_;
  std::vector<std::string> files_;
  mutable std::vector<std::unique_ptr<schema>> schemas_;
  mutable std::vector<std::string> loaded_;
  mutable bool all_loaded_ = false;
};

/// The rules for ISA, GS, GE, IEA, TA1, and ST and SE of a transaction
/// without a schema: names and element names as the X12 standard gives
/// them, since the guides leave the envelopes out and elements.yaml names
/// the ISA elements only by number. Null for any other ID.
const segment_rule *envelope_segment_rule(std::string_view id);

} // namespace x12
