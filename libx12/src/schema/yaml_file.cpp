#include "schema/yaml_file.h"

#include "x12/error.h"

namespace x12::detail {
namespace {

// yaml-cpp's words ("operator[] call on a scalar") said as what the file
// should have held at that place.
std::string in_user_terms(const YAML::Exception &e, const char *page) {
  std::string said;
  if (dynamic_cast<const YAML::BadSubscript *>(&e) || dynamic_cast<const YAML::InvalidNode *>(&e)) {
    const std::size_t key = e.msg.find("key: \"");
    const std::string name = key == std::string::npos
                                 ? std::string()
                                 : e.msg.substr(key + 6, e.msg.find('"', key + 6) - key - 6);
    said = name.empty() ? "expected a mapping of keys here, found something else"
                        : "expected a mapping with the key '" + name +
                              "' here, found a single "
                              "value or nothing";
  } else if (dynamic_cast<const YAML::BadConversion *>(&e)) {
    said = "this value is not of the kind the key takes (text, a number, true/false or a list)";
  } else {
    said = e.msg;
  }
  return said + " (" + page + ")";
}

} // namespace

[[noreturn]] void rethrow_yaml(const YAML::Exception &e, const std::string &path,
                               const char *page) {
  throw error(in_user_terms(e, page), {path, 0, static_cast<unsigned>(e.mark.line + 1),
                                       static_cast<unsigned>(e.mark.column + 1)});
}

YAML::Node load_yaml_file(const std::string &path, const char *what) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::BadFile &) {
    throw error(std::string("cannot read ") + what, {path});
  } catch (const YAML::Exception &e) {
    throw error(e.msg, {path, 0, static_cast<unsigned>(e.mark.line + 1),
                        static_cast<unsigned>(e.mark.column + 1)});
  }
}

} // namespace x12::detail
