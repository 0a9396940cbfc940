#include "x12/error.h"

namespace x12 {

std::string failure::message() const {
  std::string joined;
  for (const std::string &p : problems) {
    if (!joined.empty())
      joined += '\n';
    joined += p;
  }
  return joined;
}

} // namespace x12
