#include "x12/claim_writer.h"

#include <fmt/format.h>

namespace x12 {

claim_writer::claim_writer(output_file &out, envelope_settings &settings, bool fresh_dates,
                           std::string line_break)
    : out_(out), settings_(settings), line_break_(std::move(line_break)),
      fresh_dates_(fresh_dates) {}

void claim_writer::source_interchange(const interchange_header &h) {
  finish();
  isa_ = h;
}

void claim_writer::source_group(const group_header &h) {
  if (gs_open_)
    env_->end_group();
  gs_open_ = false;
  gs_ = h;
}

// The writer takes the separators of the first claim; a later source
// interchange with others has its segments translated (writer::write).
void claim_writer::open_envelopes(const delimiters &d) {
  if (!writer_) {
    writer_.emplace(out_, d, line_break_);
    env_.emplace(*writer_, settings_);
  }
  if (!isa_open_) {
    interchange_header h = isa_;
    isa_number_ = settings_.next_control_number++;
    h.control_number = std::to_string(isa_number_);
    if (fresh_dates_)
      h.date = h.time = {};
    env_->begin_interchange(h, true);
    isa_open_ = true;
    groups_ = 0;
  }
  if (!gs_open_) {
    // GS06 follows ISA13 (7 -> 7, 8 ...), as envelope_writer numbers groups.
    group_header h = gs_;
    h.control_number = std::to_string(isa_number_ + groups_++);
    if (fresh_dates_)
      h.date = h.time = {};
    env_->begin_group(h, true);
    gs_open_ = true;
  }
}

void claim_writer::write_loop(const unit_loop &l, std::uint64_t id, std::uint64_t parent,
                              bool children) {
  for (const held_segment &h : l.segments) {
    segment_view v = l.view(h);
    if (&h == &l.segments.front() && v.is("HL")) {
      const std::string own = std::to_string(id);
      const std::string up = parent ? std::to_string(parent) : std::string();
      env_->body("HL", {own, up, v[3], children ? "1" : "0"});
      continue;
    }
    if (auto r = env_->body(v); !r)
      throw error(r.error().message());
  }
}

void claim_writer::write_transaction(const std::vector<const claim_unit *> &claims) {
  if (claims.empty())
    return;
  const claim_unit &first = *claims.front();
  open_envelopes(first.claim.delims);
  env_->begin_transaction(first.envelope.transaction_id, first.envelope.transaction_control_number,
                          first.envelope.guide);
  // written[i]: the context loop at depth i last written (by its offset,
  // which names the loop instance) and the HL01 it got here.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> written;
  std::uint64_t next_hl = 0;
  for (std::size_t c = 0; c < claims.size(); ++c) {
    const claim_unit &u = *claims[c];
    for (std::size_t i = 0; i < u.context.size(); ++i) {
      const unit_loop &l = *u.context[i];
      if (i < written.size() && written[i].first == l.offset)
        continue;
      written.resize(i);
      if (i == 0) {
        write_loop(l, 0, 0, false); // the header: no HL
        written.emplace_back(l.offset, 0);
        continue;
      }
      // A child follows when a later claim under this loop sits deeper.
      bool children = false;
      for (std::size_t k = c; k < claims.size(); ++k) {
        const claim_unit &later = *claims[k];
        if (later.context.size() <= i || later.context[i]->offset != l.offset)
          break;
        if (later.context.size() > i + 1) {
          children = true;
          break;
        }
      }
      const std::uint64_t parent = i > 1 ? written[i - 1].second : 0;
      write_loop(l, ++next_hl, parent, children);
      written.emplace_back(l.offset, next_hl);
    }
    written.resize(u.context.size());
    for (const held_segment &h : u.claim.segments)
      if (auto r = env_->body(u.claim.view(h)); !r)
        throw error(r.error().message());
    ++claims_;
  }
  env_->end_transaction();
}

void claim_writer::finish() {
  if (gs_open_)
    env_->end_group();
  if (isa_open_)
    env_->end_interchange();
  gs_open_ = isa_open_ = false;
}

} // namespace x12
