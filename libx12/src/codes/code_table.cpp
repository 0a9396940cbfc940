// Code tables from CSV files (RFC 4180) and the set of them a run uses.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "x12/codes.h"
#include "x12/csv.h"
#include "x12/error.h"
#include "x12/schema.h"

namespace x12 {

namespace {

namespace fs = std::filesystem;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string read_file(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw error("cannot read code table", {path});
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool valid_day(std::string_view d) {
  if (d.empty())
    return true;
  if (d.size() != 10 || d[4] != '-' || d[7] != '-')
    return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (d[i] < '0' || d[i] > '9')
      return false;
  int month = (d[5] - '0') * 10 + (d[6] - '0'), day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// `key: value` lines; unknown keys are an error so a typo does not pass silently.
void read_source(code_table &t, const std::string &path) {
  std::ifstream in(path);
  if (!in)
    return;
  std::string line;
  unsigned number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty() || line[0] == '#')
      continue;
    std::size_t colon = line.find(':');
    if (colon == std::string::npos)
      throw error("expected 'key: value'", {path, 0, number, 1});
    std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    if (key == "title")
      t.title = value;
    else if (key == "source")
      t.source = value;
    else if (key == "vintage")
      t.vintage = value;
    else if (key == "effective" || key == "termination") {
      if (!valid_day(value))
        throw error(key + " must be a CCYY-MM-DD date", {path, 0, number, static_cast<unsigned>(colon + 3)});
      (key == "effective" ? t.effective : t.termination) = value;
    } else
      throw error("unknown key '" + key + "' (title, source, vintage, effective, termination)",
                  {path, 0, number, 1});
  }
}

} // namespace

code_table code_table::load(const std::string &csv_path, std::string name) {
  code_table t;
  t.name = std::move(name);
  t.title = t.name;
  t.file = csv_path;
  read_source(t, fs::path(csv_path).replace_extension(".source").string());

  const std::string text = read_file(csv_path);
  csv_reader csv(text);
  auto fail = [&](const std::string &message) {
    throw error(message, {csv_path, 0, csv.line(), 1});
  };
  std::vector<std::string> fields;
  auto next = [&] {
    result<bool> more = csv.next(fields);
    if (!more)
      fail(more.error().message());
    return *more;
  };
  if (!next())
    throw error("code table is empty; the first line is the header 'code,description,...'",
                {csv_path, 0, 1, 0});
  enum column { code, description, effective, termination, none };
  std::vector<column> columns;
  for (const std::string &h : fields) {
    std::string name_lower = lower(h);
    column c = name_lower == "code" ? code
               : name_lower == "description" ? description
               : name_lower == "effective" ? effective
               : name_lower == "termination" ? termination
                                             : none;
    if (c == none || std::find(columns.begin(), columns.end(), c) != columns.end())
      fail("header column '" + h + "' is not one of code, description, effective, termination");
    columns.push_back(c);
  }
  if (std::find(columns.begin(), columns.end(), code) == columns.end())
    fail("header has no 'code' column");
  t.descriptions_ = std::find(columns.begin(), columns.end(), description) != columns.end();

  t.rows_.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
  while (next()) {
    if (fields.size() != columns.size())
      fail("row has " + std::to_string(fields.size()) + " fields; the header has " +
           std::to_string(columns.size()));
    code_row row;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      std::string &f = fields[i];
      switch (columns[i]) {
      case code:
        row.code = std::move(f);
        break;
      case description:
        row.description = std::move(f);
        break;
      case effective:
        row.effective = std::move(f);
        break;
      default:
        row.termination = std::move(f);
        break;
      }
    }
    if (row.code.empty())
      fail("row has an empty code");
    if (!valid_day(row.effective) || !valid_day(row.termination))
      fail("dates must be CCYY-MM-DD or empty");
    t.rows_.push_back(std::move(row));
  }
  // By code, then by date, so the rows of one code follow each other in
  // time and two that overlap are neighbours. The shipped tables come
  // sorted; sorting 75,000 ICD-10-CM rows would cost a run a tenth of its
  // start-up.
  auto before = [](const code_row &a, const code_row &b) {
    const int c = a.code.compare(b.code);
    return c != 0 ? c < 0 : a.effective < b.effective;
  };
  if (!std::is_sorted(t.rows_.begin(), t.rows_.end(), before)) {
    // Sorted as positions, then moved once: a row is four strings, too big
    // to shuffle about.
    std::vector<std::uint32_t> order(t.rows_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
      order[i] = i;
    std::sort(order.begin(), order.end(), [&rows = t.rows_, &before](std::uint32_t a, std::uint32_t b) {
      return before(rows[a], rows[b]);
    });
    std::vector<code_row> sorted;
    sorted.reserve(order.size());
    for (std::uint32_t i : order)
      sorted.push_back(std::move(t.rows_[i]));
    t.rows_ = std::move(sorted);
  }
  auto twin = std::adjacent_find(t.rows_.begin(), t.rows_.end(),
                                 [](const code_row &a, const code_row &b) {
                                   return a.code == b.code &&
                                          (a.termination.empty() || b.effective.empty() ||
                                           b.effective <= a.termination);
                                 });
  if (twin != t.rows_.end())
    throw error("code '" + twin->code + "' is listed twice for the same dates", {csv_path});
  t.build_index();
  return t;
}

namespace {

std::size_t code_hash(std::string_view code) noexcept {
  // FNV-1a: codes are a few characters.
  std::uint64_t h = 14695981039346656037ull;
  for (char c : code)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return static_cast<std::size_t>(h ^ (h >> 29));
}

} // namespace

void code_table::build_index() {
  keys_.resize(rows_.size());
  for (std::size_t i = 0; i < rows_.size(); ++i)
    keys_[i] = pack_code(rows_[i].code);
  std::size_t size = 16;
  while (size < 2 * rows_.size())
    size *= 2;
  index_.assign(size, 0);
  for (std::size_t i = 0; i < rows_.size(); ++i) {
    if (i > 0 && rows_[i].code == rows_[i - 1].code)
      continue;
    std::size_t at = code_hash(rows_[i].code) & (size - 1);
    while (index_[at])
      at = (at + 1) & (size - 1);
    index_[at] = static_cast<std::uint32_t>(i + 1);
  }
}

const code_row *code_table::first(std::string_view code) const noexcept {
  if (index_.empty())
    return nullptr;
  const std::size_t mask = index_.size() - 1;
  const std::uint64_t key = pack_code(code);
  const bool short_code = code.size() <= 8;
  for (std::size_t at = code_hash(code) & mask; index_[at]; at = (at + 1) & mask) {
    const std::uint32_t row = index_[at] - 1;
    if (keys_[row] == key && (short_code ? rows_[row].code.size() == code.size()
                                         : rows_[row].code == code))
      return &rows_[row];
  }
  return nullptr;
}

namespace {

// Dates are CCYY-MM-DD, so text order is time order; an empty end is open.
bool in_effect(std::string_view day, std::string_view from, std::string_view to) noexcept {
  return (from.empty() || from <= day) && (to.empty() || day <= to);
}

} // namespace

const code_row *code_table::find(std::string_view code, std::string_view day) const noexcept {
  const code_row *row = first(code);
  if (!row)
    return nullptr;
  for (const code_row *end = rows_.data() + rows_.size(); row != end && row->code == code; ++row)
    if (in_effect(day, row->effective, row->termination))
      return row;
  return nullptr;
}

bool code_table::covers(std::string_view day) const noexcept {
  return in_effect(day, effective, termination);
}

const code_row *code_table::find(std::string_view code) const noexcept { return first(code); }

std::string_view code_description(const code_table *table, std::string_view code) noexcept {
  if (!table || !table->has_descriptions())
    return {};
  const code_row *row = table->find(code);
  return row ? std::string_view(row->description) : std::string_view{};
}

bool code_table::has_longer(std::string_view prefix) const noexcept {
  auto it = std::upper_bound(rows_.begin(), rows_.end(), prefix,
                             [](std::string_view c, const code_row &r) { return c < r.code; });
  return it != rows_.end() && it->code.size() > prefix.size() &&
         std::string_view(it->code).substr(0, prefix.size()) == prefix;
}

struct code_set::entry {
  std::string name, file;
  mutable std::unique_ptr<code_table> table;
};

code_set::code_set() = default;
code_set::~code_set() = default;
code_set::code_set(code_set &&) noexcept = default;
code_set &code_set::operator=(code_set &&) noexcept = default;

void code_set::add_shipped(const std::string &schema_dir) {
  fs::path dir = fs::path(schema_dir) / "codes";
  std::error_code ec;
  if (fs::is_directory(dir, ec))
    add_directory(dir.string());
}

void code_set::add_directory(const std::string &dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw error("code table directory not found", {dir});
  std::vector<fs::path> files;
  for (const auto &e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".csv")
      files.push_back(e.path());
  if (ec)
    throw error("cannot list code table directory: " + ec.message(), {dir});
  for (const fs::path &p : files) {
    auto e = std::make_unique<entry>();
    e->name = lower(p.stem().string());
    e->file = p.string();
    auto at = std::lower_bound(entries_.begin(), entries_.end(), e->name,
                               [](const auto &x, const std::string &n) { return x->name < n; });
    if (at != entries_.end() && (*at)->name == e->name)
      *at = std::move(e);
    else
      entries_.insert(at, std::move(e));
  }
}

const code_table *code_set::table(std::string_view name) const {
  // Names are stored lower case and nearly always asked for so (validation
  // asks once per coded value): an exact match first, then one ignoring case.
  auto folded = [name](const std::unique_ptr<entry> &e) {
    return e->name.size() == name.size() &&
           std::equal(name.begin(), name.end(), e->name.begin(), [](char a, char b) {
             return (a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a) == b;
           });
  };
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [name](const std::unique_ptr<entry> &e) { return e->name == name; });
  if (it == entries_.end())
    it = std::find_if(entries_.begin(), entries_.end(), folded);
  if (it == entries_.end())
    return nullptr;
  entry &e = **it;
  if (!e.table)
    e.table = std::make_unique<code_table>(code_table::load(e.file, e.name));
  return e.table.get();
}

std::vector<std::string> code_set::names() const {
  std::vector<std::string> out;
  for (const auto &e : entries_)
    out.push_back(e->name);
  return out;
}

} // namespace x12
