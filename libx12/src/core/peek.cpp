#include "x12/peek.h"

#include "x12/reader.h"

namespace x12 {

std::string first_transaction_set(input_buffer &in) {
  reader r(in);
  r.hold(); // from offset 0: the reader gives back no byte
  while (auto s = r.next())
    if (s->view.is("ST"))
      return std::string(s->view.element(1).text());
  return {};
}

} // namespace x12
