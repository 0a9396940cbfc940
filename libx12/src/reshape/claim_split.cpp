#include "x12/claim_split.h"

#include <fmt/format.h>

#include "core/finding_code_table.h"

namespace x12 {

using detail::registered_code;

// One open HL loop: its own segments are copied because the claims under it
// may come megabytes later, long after the reader has let its bytes go.
struct claim_splitter::hl_loop {
  std::string id; // HL01 in the input
  std::string
      level_code; // HL03: 20 billing provider, 22 subscriber, 23 patient
  std::string
      context; // the segments after the HL, up to the first claim or child
  std::uint64_t context_segments = 0;
  std::uint64_t offset = 0, number = 0; // of the HL, for findings
  std::uint64_t out_id =
      0; // HL01 in the current piece; 0 when not written there
  std::size_t hl04_at = 0; // where the piece's HL04 for this loop sits in body_
  bool written = false;    // in any piece
};

claim_splitter::claim_splitter(std::string file, piece_sink sink,
                               finding_sink findings)
    : file_(std::move(file)), sink_(std::move(sink)),
      findings_(std::move(findings)) {}

claim_splitter::~claim_splitter() = default;

void claim_splitter::warn(std::uint64_t offset, std::uint64_t number,
                          const char *id, const finding_code &code,
                          std::string message) {
  if (!findings_)
    return;
  finding f = finding_from(code);
  f.message = std::move(message);
  f.where.file = file_;
  f.where.offset = offset;
  f.where.segment = number;
  f.where.segment_id = id;
  f.transaction = transaction_;
  findings_(std::move(f));
}

void claim_splitter::begin(const segment &st) {
  delims_ = st.view.delims();
  transaction_ = st.view[2];
  st_offset_ = st.offset;
  st_number_ = st.number;
  header_.clear();
  header_segments_ = 0;
  depth_ = 0;
  place_ = place::header;
  claims_seen_ = 0;
  warned_outside_ = false;
  body_.clear();
  body_segments_ = body_claims_ = 0;
  next_hl_ = 0;
}

void claim_splitter::append(std::string &to, std::string_view text) {
  to.append(text);
  to.push_back(delims_.segment);
}

void claim_splitter::add(const segment &s) {
  if (s.view.is("HL")) {
    open_loop(s);
    return;
  }
  if (s.view.is("CLM")) {
    start_claim(s);
    return;
  }
  switch (place_) {
  case place::header:
    append(header_, s.view.text());
    ++header_segments_;
    break;
  case place::loop:
    append(path_[depth_ - 1].context, s.view.text());
    ++path_[depth_ - 1].context_segments;
    break;
  case place::claim:
    append(body_, s.view.text());
    ++body_segments_;
    break;
  }
}

void claim_splitter::open_loop(const segment &s) {
  std::string_view parent = s.view[2];
  std::size_t keep = 0;
  if (!parent.empty()) {
    keep = depth_;
    while (keep > 0 && path_[keep - 1].id != parent)
      --keep;
    if (keep == 0)
      warn(s.offset, s.number, "HL", registered_code("hl-parent-unknown"),
           "HL02 names no HL loop open above this one; taken as a top-level "
           "loop");
  }
  close_loops(keep);
  if (path_.size() <= keep)
    path_.emplace_back();
  hl_loop &l = path_[keep];
  l.id = s.view[1];
  l.level_code = s.view[3];
  l.context.clear();
  l.context_segments = 0;
  l.offset = s.offset;
  l.number = s.number;
  l.out_id = 0;
  l.written = false;
  depth_ = keep + 1;
  place_ = place::loop;
}

void claim_splitter::close_loops(std::size_t keep) {
  for (std::size_t i = depth_; i > keep; --i) {
    const hl_loop &l = path_[i - 1];
    if (!l.written)
      warn(l.offset, l.number, "HL", registered_code("hl-without-claims"),
           "HL loop with no claim under it; not written");
  }
  depth_ = keep;
}

// The byte offset of the open 2000B (HL03 22) above the claim; 0 when none.
std::uint64_t claim_splitter::subscriber_offset() const noexcept {
  for (std::size_t i = 0; i < depth_; ++i)
    if (path_[i].level_code == "22")
      return path_[i].offset;
  return 0;
}

void claim_splitter::start_claim(const segment &s) {
  ++claims_seen_;
  const std::uint64_t subscriber = subscriber_offset();
  const bool same_subscriber = keep_subscribers_ && subscriber != 0 && body_claims_ > 0 &&
                               subscriber == piece_subscriber_;
  if (body_claims_ >= room_ && !same_subscriber)
    hand_over(true);
  piece_subscriber_ = subscriber;
  if (body_claims_ == 0) {
    body_.assign(header_);
    body_segments_ = header_segments_;
    next_hl_ = 0;
  }
  if (depth_ == 0 && !warned_outside_) {
    warned_outside_ = true;
    warn(s.offset, s.number, "CLM", registered_code("claim-outside-hl"),
         "claim before any HL loop: written without billing provider or "
         "subscriber");
  }
  for (std::size_t i = 0; i < depth_; ++i)
    if (path_[i].out_id == 0)
      write_loop(i);
  append(body_, s.view.text());
  ++body_segments_;
  ++body_claims_;
  place_ = place::claim;
}

void claim_splitter::write_loop(std::size_t level) {
  hl_loop &l = path_[level];
  const char e = delims_.element;
  l.out_id = ++next_hl_;
  body_.append("HL");
  body_.push_back(e);
  body_.append(fmt::format_int(l.out_id).str());
  body_.push_back(e);
  if (level > 0) {
    hl_loop &parent = path_[level - 1];
    body_.append(fmt::format_int(parent.out_id).str());
    body_[parent.hl04_at] = '1';
  }
  body_.push_back(e);
  body_.append(l.level_code);
  body_.push_back(e);
  // HL04 is written "no children" and turned to '1' in place when a child
  // loop follows in this piece: only then is it known.
  l.hl04_at = body_.size();
  body_.push_back('0');
  body_.push_back(delims_.segment);
  body_.append(l.context);
  body_segments_ += 1 + l.context_segments;
  l.written = true;
}

void claim_splitter::hand_over(bool full) {
  claim_piece p;
  p.body = body_;
  p.delims = delims_;
  p.segments = body_segments_;
  p.claims = body_claims_;
  p.full = full;
  sink_(p);
  body_.clear();
  body_segments_ = body_claims_ = 0;
  next_hl_ = 0;
  for (std::size_t i = 0; i < depth_; ++i)
    path_[i].out_id = 0;
}

void claim_splitter::end() {
  close_loops(0);
  if (body_claims_ > 0)
    hand_over(body_claims_ >= room_);
  else if (claims_seen_ == 0)
    warn(st_offset_, st_number_, "ST", registered_code("transaction-without-claims"),
         "837 transaction with no claim; not written");
}

} // namespace x12
