#include "x12/scrub_config.h"

#include "schema/yaml_file.h"
#include "x12/error.h"

namespace x12 {
namespace {

class config_reader {
public:
  config_reader(std::string file, const std::function<bool(std::string_view)> &known)
      : file_(std::move(file)), known_(known) {}

  scrub_config read(const YAML::Node &root) {
    scrub_config c;
    c.file = file_;
    if (!root.IsMap())
      fail(root, "a scrub config is a map of filing_limit_days, edits and payers");
    c.all = policy(root, "filing_limit_days, edits, payers", true);
    if (const YAML::Node payers = root["payers"]) {
      if (!payers.IsMap())
        fail(payers, "payers is a map from a payer ID (2010BB NM109) to its settings");
      for (const auto &kv : payers) {
        const std::string id = kv.first.as<std::string>();
        if (id.empty())
          fail(kv.first, "a payer ID is not empty");
        if (!kv.second.IsMap())
          fail(kv.second, "payer " + id + ": expected a map of filing_limit_days and edits");
        c.payers.emplace(id, policy(kv.second, "filing_limit_days, edits", false));
      }
    }
    return c;
  }

private:
  edit_policy policy(const YAML::Node &n, const char *keys, bool top) {
    for (const auto &kv : n) {
      const std::string key = kv.first.as<std::string>();
      if (key != "filing_limit_days" && key != "edits" && !(top && key == "payers"))
        fail(kv.first, "unknown key '" + key + "' (" + keys + ")");
    }
    edit_policy p;
    if (const YAML::Node days = n["filing_limit_days"]) {
      unsigned long value = 0;
      const std::string text = days.IsScalar() ? days.as<std::string>() : std::string();
      std::size_t used = 0;
      try {
        value = std::stoul(text, &used);
      } catch (const std::exception &) {
        used = 0;
      }
      if (used == 0 || used != text.size() || value < 1 || value > 100000)
        fail(days, "filing_limit_days is a number of days, 1 to 100000");
      p.filing_limit_days = static_cast<unsigned>(value);
    }
    if (const YAML::Node edits = n["edits"]) {
      if (!edits.IsMap())
        fail(edits, "edits is a map from a finding code to reject, warn or off");
      for (const auto &kv : edits) {
        const std::string code = kv.first.as<std::string>();
        if (!known_(code))
          fail(kv.first, "unknown finding code '" + code +
                             "' (x12 validate --list-checks lists them; a rule pack's rule ids "
                             "count when the pack is given)");
        const std::string action = kv.second.IsScalar() ? kv.second.as<std::string>() : "";
        if (action == "reject")
          p.edits[code] = edit_action::reject;
        else if (action == "warn")
          p.edits[code] = edit_action::warn;
        else if (action == "off")
          p.edits[code] = edit_action::off;
        else
          fail(kv.second, code + ": expected reject, warn or off");
      }
    }
    return p;
  }

  [[noreturn]] void fail(const YAML::Node &at, const std::string &message) const {
    throw error(message, {file_, 0, static_cast<unsigned>(at.Mark().line + 1),
                          static_cast<unsigned>(at.Mark().column + 1)});
  }

  std::string file_;
  const std::function<bool(std::string_view)> &known_;
};

} // namespace

std::optional<edit_action> scrub_config::action(std::string_view payer,
                                                std::string_view code) const {
  if (auto p = payers.find(payer); p != payers.end())
    if (auto e = p->second.edits.find(code); e != p->second.edits.end())
      return e->second;
  if (auto e = all.edits.find(code); e != all.edits.end())
    return e->second;
  return std::nullopt;
}

unsigned scrub_config::filing_limit(std::string_view payer, unsigned fallback) const {
  if (auto p = payers.find(payer); p != payers.end() && p->second.filing_limit_days)
    return *p->second.filing_limit_days;
  return all.filing_limit_days.value_or(fallback);
}

scrub_config load_scrub_config(const std::string &path,
                               const std::function<bool(std::string_view)> &known) {
  YAML::Node root = detail::load_yaml_file(path, "scrub config");
  try {
    return config_reader(path, known).read(root);
  } catch (const YAML::Exception &e) {
    detail::rethrow_yaml(e, path, "man x12-scrub.1");
  }
}

} // namespace x12
