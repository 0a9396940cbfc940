#include "convert/json_fields.h"

#include <algorithm>
#include <boost/json.hpp>
#include <fmt/format.h>

namespace x12::detail {

namespace {

// A JSON number is a double unless it is whole: only whole ones are exact.
std::optional<std::string> number_text(const boost::json::value &v) {
  if (v.is_int64())
    return std::to_string(v.get_int64());
  if (v.is_uint64())
    return std::to_string(v.get_uint64());
  return std::nullopt;
}

std::optional<decimal> read_number(const boost::json::value *v, const std::string &path,
                                   problems &p, need n, int max_scale, bool allow_zero,
                                   std::string_view what) {
  if (!v) {
    if (n == need::required)
      p.add(path, "required");
    return std::nullopt;
  }
  std::optional<std::string> text;
  if (v->is_string())
    text = std::string(v->get_string());
  else if (v->is_double()) {
    p.add(path, fmt::format("expected {} as a string, e.g. \"12.50\": a JSON number with a "
                            "fraction is not exact",
                            what));
    return std::nullopt;
  } else
    text = number_text(*v);
  std::optional<decimal> d = text ? decimal::parse(*text) : std::nullopt;
  if (!d || d->scale() > max_scale) {
    p.add(path, fmt::format("expected {} with at most {} decimal places", what, max_scale));
    return std::nullopt;
  }
  if (d->units() < 0 || (!allow_zero && d->units() == 0)) {
    p.add(path, allow_zero ? "must not be negative" : "must be more than zero");
    return std::nullopt;
  }
  return d;
}

std::optional<decimal> read_amount(const boost::json::value *v, const std::string &path,
                                   problems &p, need n) {
  return read_number(v, path, p, n, 2, true, "a decimal amount");
}

std::optional<decimal> read_quantity(const boost::json::value *v, const std::string &path,
                                     problems &p, need n) {
  return read_number(v, path, p, n, 3, false, "a quantity");
}

std::optional<std::string> read_date(const boost::json::value *v, const std::string &path,
                                     problems &p, need n) {
  std::optional<std::string> s = read_text(v, path, p, n, 1, 10);
  if (!s)
    return std::nullopt;
  if (std::optional<std::string> d = x12_date(*s))
    return d;
  p.add(path, "expected a date YYYY-MM-DD");
  return std::nullopt;
}

} // namespace

std::optional<std::string> read_text(const boost::json::value *v, const std::string &path,
                                     problems &p, need n, std::size_t min, std::size_t max,
                                     charset chars) {
  if (v && !v->is_string()) {
    // Codes and IDs made of digits are often written as numbers.
    if (chars == charset::text || !number_text(*v)) {
      p.add(path, "expected a string");
      return std::nullopt;
    }
  }
  std::string s = !v               ? std::string()
                  : v->is_string() ? std::string(v->get_string())
                                   : *number_text(*v);
  if (s.empty()) {
    if (n == need::required)
      p.add(path, "required");
    return std::nullopt;
  }
  if (std::string_view why = text_problem(s, chars); !why.empty()) {
    p.add(path, why);
    return std::nullopt;
  }
  if (s.size() < min || s.size() > max) {
    p.add(path, min == max ? fmt::format("expected {} character{}", min, min == 1 ? "" : "s")
                           : fmt::format("expected {} to {} characters", min, max));
    return std::nullopt;
  }
  return s;
}

std::string item_path(const std::string &path, std::size_t i) {
  return fmt::format("{}[{}]", path, i);
}

json_fields::json_fields(const boost::json::value *v, std::string path, problems &p,
                         std::initializer_list<std::string_view> known, need n)
    : path_(std::move(path)), problems_(p) {
  if (!v || v->is_null()) {
    if (n == need::required)
      p.add(path_, "required");
    return;
  }
  if (!v->is_object()) {
    p.add(path_, path_.empty() ? "expected a JSON object" : "expected an object");
    return;
  }
  object_ = &v->get_object();
  for (const auto &kv : *object_) {
    std::string_view key(kv.key().data(), kv.key().size());
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      std::string list;
      for (std::string_view k : known)
        list += list.empty() ? std::string(k) : ", " + std::string(k);
      p.add(at(key), fmt::format("unknown field (expected one of: {})", list));
    }
  }
}

std::string json_fields::at(std::string_view key) const {
  return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

const boost::json::value *json_fields::find(std::string_view key) const {
  if (!object_)
    return nullptr;
  const boost::json::value *v = object_->if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

void json_fields::problem(std::string_view key, std::string_view message) const {
  problems_.add(key.empty() ? path_ : at(key), message);
}

std::string json_fields::text(std::string_view key, need n, std::size_t max, std::size_t min,
                              charset chars) const {
  if (!object_)
    return {};
  return read_text(find(key), at(key), problems_, n, min, max, chars).value_or("");
}

std::optional<decimal> json_fields::amount(std::string_view key, need n) const {
  if (!object_)
    return std::nullopt;
  return read_amount(find(key), at(key), problems_, n);
}

std::optional<decimal> json_fields::quantity(std::string_view key, need n) const {
  if (!object_)
    return std::nullopt;
  return read_quantity(find(key), at(key), problems_, n);
}

std::string json_fields::date(std::string_view key, need n) const {
  if (!object_)
    return {};
  return read_date(find(key), at(key), problems_, n).value_or("");
}

bool json_fields::flag(std::string_view key) const {
  const boost::json::value *v = find(key);
  if (v && !v->is_bool())
    problems_.add(at(key), "expected true or false");
  return v && v->is_bool() && v->get_bool();
}

const boost::json::array *json_fields::array(std::string_view key, need n) const {
  if (!object_)
    return nullptr;
  const boost::json::value *v = find(key);
  if (v && !v->is_array()) {
    problems_.add(at(key), "expected an array");
    return nullptr;
  }
  if (n == need::required && (!v || v->get_array().empty())) {
    problems_.add(at(key), v ? "must not be empty" : "required");
    return nullptr;
  }
  return v ? &v->get_array() : nullptr;
}

} // namespace x12::detail
