#include "x12/finding.h"

#include <string>

namespace x12 {

std::string_view to_string(severity s) noexcept {
  switch (s) {
  case severity::error:
    return "error";
  case severity::warning:
    return "warning";
  case severity::info:
    return "info";
  }
  return "error";
}

std::string element_ref(std::string_view segment_id, unsigned element,
                        unsigned component) {
  std::string out(segment_id);
  if (element == 0)
    return out;
  if (element < 10)
    out += '0';
  out += std::to_string(element);
  if (component != 0) {
    out += '-';
    out += std::to_string(component);
  }
  return out;
}

} // namespace x12
