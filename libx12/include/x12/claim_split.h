#pragma once
// claim_splitter: cuts the body of one 837 transaction (professional,
// institutional or dental) into pieces of whole claims, each piece a
// complete transaction body a receiver can take on its own:
//
//   - the transaction header: every segment between ST and the first HL
//     (BHT, 1000A submitter, 1000B receiver);
//   - for each claim, the HL loops above it that the piece does not hold
//     yet: 2000A billing provider with 2010AA.., 2000B subscriber with
//     2010BA/BB, 2000C patient with 2010CA. They are renumbered: HL01
//     counts from 1 in each piece, HL02 names the renumbered parent and
//     HL04 says whether the piece holds a child loop of this one;
//   - the claim itself, byte for byte: its CLM and every segment after it
//     up to the next CLM or HL (the 2300 loop and its 2400 service lines).
//
// Only the HL loops open above the current claim are kept (copied, they are
// small), so memory is bounded by one piece, never by the transaction.
// An HL loop with no claim under it is not written (and is reported), nor
// is a transaction without claims.
//
//   x12::claim_splitter cut(file, [&](const x12::claim_piece &p) {
//     write(p);
//     if (p.full) cut.set_room(100);   // the next piece starts a new file
//   });
//   cut.set_room(100);
//   cut.begin(st);                    // the ST segment
//   for (each segment between ST and SE) cut.add(segment);
//   cut.end();

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/delimiters.h"
#include "x12/finding.h"
#include "x12/finding_codes.h"
#include "x12/reader.h"

namespace x12 {

/// One piece: a transaction body without ST and SE.
struct claim_piece {
  /// The segments, each ended by delims.segment; no line breaks.
  std::string_view body;
  delimiters delims;
  std::uint64_t segments = 0;
  std::uint64_t claims = 0;
  /// True when the piece ended because it had no room for the next claim;
  /// false when the transaction ended.
  bool full = false;
};

/// Calls `f` with each segment of a piece body, as a view.
template <class F> void for_each_segment(const claim_piece &p, F &&f) {
  std::string_view rest = p.body;
  while (!rest.empty()) {
    std::size_t end = rest.find(p.delims.segment);
    f(segment_view(rest.substr(0, end), p.delims));
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
  }
}

class claim_splitter {
public:
  using piece_sink = std::function<void(const claim_piece &)>;

  /// `file` names the input in findings. The sink runs once per piece; the
  /// piece's body is valid until it returns.
  claim_splitter(std::string file, piece_sink sink, finding_sink findings = {});
  ~claim_splitter();
  claim_splitter(const claim_splitter &) = delete;
  claim_splitter &operator=(const claim_splitter &) = delete;

  /// How many claims the current piece may take (at least 1). The piece
  /// that cannot take the next claim is handed over with `full` set; call
  /// this again from the sink to size the next one.
  void set_room(std::uint64_t claims) noexcept { room_ = claims ? claims : 1; }
  /// Never cut between two claims of one subscriber (one 2000B loop, the
  /// patients under it included): a piece takes the subscriber's next claim
  /// even when it is full, so whatever compares a patient's claims with one
  /// another (scrub's duplicate and NCCI edits) sees them all in one piece.
  void keep_subscribers(bool on) noexcept { keep_subscribers_ = on; }

  /// Starts a transaction at its ST (for its separators, ST02 and place).
  void begin(const segment &st);
  /// One segment between ST and SE.
  void add(const segment &s);
  /// The transaction ended (its SE, or where it was cut short): hands over
  /// the last piece.
  void end();

  /// Claims seen in the current transaction so far.
  std::uint64_t claims_seen() const noexcept { return claims_seen_; }

private:
  struct hl_loop;
  enum class place { header, loop, claim };
  void open_loop(const segment &s);
  void close_loops(std::size_t keep);
  void start_claim(const segment &s);
  std::uint64_t subscriber_offset() const noexcept;
  void write_loop(std::size_t level);
  void append(std::string &to, std::string_view text);
  void hand_over(bool full);
  void warn(std::uint64_t offset, std::uint64_t number, const char *segment_id,
            const finding_code &code, std::string message);

  std::string file_;
  piece_sink sink_;
  finding_sink findings_;
  delimiters delims_;
  std::string transaction_; // ST02
  std::uint64_t st_offset_ = 0, st_number_ = 0;
  std::uint64_t room_ = 1;
  bool keep_subscribers_ = false;
  std::uint64_t piece_subscriber_ = 0; // offset of the last claim's 2000B HL; 0: none

  std::string header_;
  std::uint64_t header_segments_ = 0;
  std::vector<hl_loop>
      path_; // open HL loops, outermost first; entries past depth_ are spare
  std::size_t depth_ = 0;
  place place_ = place::header;
  std::uint64_t claims_seen_ = 0;
  bool warned_outside_ = false;

  std::string body_;
  std::uint64_t body_segments_ = 0;
  std::uint64_t body_claims_ = 0;
  std::uint64_t next_hl_ = 0;
};

} // namespace x12
