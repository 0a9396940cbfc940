#include "x12/schema.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include "x12/error.h"

namespace x12 {

bool element_rule::allows_long(std::string_view code) const {
  return std::binary_search(codes.begin(), codes.end(), code);
}

void element_rule::set_codes(std::vector<std::string> list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
  codes = std::move(list);
  has_codes = !codes.empty();
  packed_codes.clear();
  if (std::all_of(codes.begin(), codes.end(), [](const std::string &c) { return c.size() <= 8; })) {
    for (const std::string &c : codes)
      packed_codes.push_back(pack_code(c));
    std::sort(packed_codes.begin(), packed_codes.end());
  }
}

namespace {

namespace fs = std::filesystem;

// Schemas beside an installed binary win over the source tree the build came from.
std::string default_directory() {
  if (const char *env = std::getenv("X12_SCHEMAS"); env && *env)
    return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "x12kit" / "schemas";
    if (fs::exists(installed / "elements.yaml", ec))
      return installed.string();
  }
  return X12_SOURCE_SCHEMAS;
}

} // namespace

namespace {

// The top-level `guide:` and `transaction:` of a schema file, read from its
// first lines without parsing it: guides load when a file needs them.
std::string guide_key(const fs::path &file) {
  std::ifstream in(file);
  std::string line, guide, transaction;
  for (int n = 0; n < 60 && std::getline(in, line) && (guide.empty() || transaction.empty()); ++n) {
    auto value = [&](std::string_view key) {
      std::string v = line.substr(key.size());
      v.erase(0, v.find_first_not_of(" \t\""));
      v.erase(v.find_last_not_of(" \t\"\r") + 1);
      return v;
    };
    if (line.rfind("guide:", 0) == 0)
      guide = value("guide:");
    else if (line.rfind("transaction:", 0) == 0)
      transaction = value("transaction:");
  }
  return guide.empty() || transaction.empty() ? std::string() : guide + " " + transaction;
}

// Two files for one guide and transaction set: which one validates would
// depend on file names. A copy left in the folder is refused, naming both.
void refuse_duplicate_guides(const std::string &dir, const std::vector<std::string> &files) {
  std::map<std::string, std::string> seen;
  for (const std::string &f : files) {
    const std::string key = guide_key(fs::path(dir) / f);
    if (key.empty())
      continue;
    auto [at, fresh] = seen.emplace(key, f);
    if (!fresh)
      throw error("two schema files for " + key + ": " + at->second + " and " + f +
                      "; keep one (a copy left in the folder would be taken silently)",
                  {dir});
  }
}

} // namespace

schema_set schema_set::load(const std::string &dir) {
  schema_set set;
  set.dir_ = dir.empty() ? default_directory() : dir;
  std::error_code ec;
  if (!fs::is_directory(set.dir_, ec))
    throw error("schema directory not found (set X12_SCHEMAS or --schemas)", {set.dir_});
  for (const auto &entry : fs::directory_iterator(set.dir_, ec))
    if (entry.path().extension() == ".yaml" && entry.path().filename() != "elements.yaml")
      set.files_.push_back(entry.path().filename().string());
  std::sort(set.files_.begin(), set.files_.end());
  // An empty folder would check nothing and call every file invalid for
  // want of a guide: that is a configuration error, not a finding.
  if (set.files_.empty())
    throw error("no guide schemas in the schema directory (expected <guide>-<set>.yaml files "
                "beside elements.yaml)",
                {set.dir_});
  if (!fs::exists(fs::path(set.dir_) / "elements.yaml", ec))
    throw error("the schema directory has no elements.yaml (the element dictionary the guides "
                "name elements from)",
                {set.dir_});
  refuse_duplicate_guides(set.dir_, set.files_);
  return set;
}

const schema *schema_set::load_file(const std::string &file) const {
  for (std::size_t i = 0; i < loaded_.size(); ++i)
    if (loaded_[i] == file)
      return schemas_[i].get();
  schemas_.push_back(std::make_unique<schema>(load_schema((fs::path(dir_) / file).string())));
  loaded_.push_back(file);
  return schemas_.back().get();
}

std::vector<const schema *> schema_set::for_guide(std::string_view guide) const {
  std::vector<const schema *> out;
  const std::string prefix = std::string(guide) + "-";
  for (const std::string &f : files_)
    if (f.compare(0, prefix.size(), prefix) == 0)
      if (const schema *s = load_file(f); s->guide == guide)
        out.push_back(s);
  if (!out.empty())
    return out;
  for (const auto &s : all())
    if (s->guide == guide || std::find(s->aliases.begin(), s->aliases.end(), guide) != s->aliases.end())
      out.push_back(s.get());
  return out;
}

const std::vector<std::unique_ptr<schema>> &schema_set::all() const {
  if (!all_loaded_) {
    for (const std::string &f : files_)
      load_file(f);
    all_loaded_ = true;
  }
  return schemas_;
}

const schema *schema_set::find(std::string_view guide, std::string_view transaction,
                               bool *aliased) const {
  if (aliased)
    *aliased = false;
  // Files are named <guide>-<ST01>.yaml: the usual case reads one file.
  std::string named = std::string(guide) + "-" + std::string(transaction) + ".yaml";
  if (std::binary_search(files_.begin(), files_.end(), named)) {
    const schema *s = load_file(named);
    if (s->guide == guide && s->transaction == transaction)
      return s;
  }
  for (const auto &s : all())
    if (s->guide == guide && s->transaction == transaction)
      return s.get();
  for (const auto &s : all())
    if (s->transaction == transaction &&
        std::find(s->aliases.begin(), s->aliases.end(), guide) != s->aliases.end()) {
      if (aliased)
        *aliased = true;
      return s.get();
    }
  return nullptr;
}

} // namespace x12
