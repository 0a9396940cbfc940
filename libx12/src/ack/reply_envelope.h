#pragma once
// The interchange an acknowledgment goes back in: the received one's, with
// sender and receiver swapped and no acknowledgment asked for.

#include <utility>

#include "x12/envelope.h"

namespace x12::detail {

inline interchange_header reply_interchange(const interchange_header &received) {
  interchange_header out = received;
  std::swap(out.sender_qualifier, out.receiver_qualifier);
  std::swap(out.sender_id, out.receiver_id);
  out.ack_requested = "0";
  return out;
}

} // namespace x12::detail
