#pragma once
// Reading the YAML a user writes (schemas, rule packs, scrub configs) and
// saying yaml-cpp's errors in the user's terms, with file, line and column.

#include <string>
#include <yaml-cpp/yaml.h>

namespace x12::detail {

/// The file's document. Throws x12::error: "cannot read WHAT" when the file
/// cannot be read, the parser's message at its line and column when it is
/// not YAML.
YAML::Node load_yaml_file(const std::string &path, const char *what);

/// Throws `e`, met while reading `path`, as an x12::error at its line and
/// column, in the user's terms, naming the man page that says what the file
/// holds.
[[noreturn]] void rethrow_yaml(const YAML::Exception &e, const std::string &path, const char *page);

} // namespace x12::detail
