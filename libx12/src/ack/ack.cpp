#include "x12/ack.h"

#include <algorithm>
#include <string_view>

#include "x12/finding_codes.h"
#include "x12/segment_fields.h"

#include "ack/reply_envelope.h"

namespace x12 {
namespace {

// A copy of bad data must not carry separators into the acknowledgment.
std::string clean_copy(std::string_view v, const delimiters &d) {
  std::string out;
  for (char c : v)
    if (c != d.element && c != d.component && c != d.segment && c != d.repetition &&
        static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F)
      out.push_back(c);
  return out;
}

void add_code(std::vector<std::string> &codes, std::string_view code) {
  if (std::find(codes.begin(), codes.end(), code) == codes.end())
    codes.emplace_back(code);
}

} // namespace

void observer_list::on_finding(const finding &f) {
  for (auto *o : observers_)
    o->on_finding(f);
}
void observer_list::on_interchange_start(const interchange_header &h) {
  for (auto *o : observers_)
    o->on_interchange_start(h);
}
void observer_list::on_interchange_end() {
  for (auto *o : observers_)
    o->on_interchange_end();
}
void observer_list::on_group_start(const group_header &h) {
  for (auto *o : observers_)
    o->on_group_start(h);
}
void observer_list::on_group_end() {
  for (auto *o : observers_)
    o->on_group_end();
}
void observer_list::on_transaction_start(const transaction_header &h) {
  for (auto *o : observers_)
    o->on_transaction_start(h);
}
void observer_list::on_transaction_end(const transaction_header &h, std::uint64_t segments) {
  for (auto *o : observers_)
    o->on_transaction_end(h, segments);
}

void observer_list::on_loop_start(const loop_rule &l) {
  for (auto *o : observers_)
    o->on_loop_start(l);
}

void observer_list::on_loop_end(const loop_rule &l) {
  for (auto *o : observers_)
    o->on_loop_end(l);
}

void observer_list::on_segment(const segment &s, const segment_rule *rule) {
  for (auto *o : observers_)
    o->on_segment(s, rule);
}

ack_999_builder::ack_999_builder(writer &w, envelope_settings &settings, bool redact)
    : env_(w, settings), redact_(redact) {}

void ack_999_builder::on_interchange_start(const interchange_header &h) {
  isa_ = h;
  open_interchange_ = true;
  isa_written_ = false;
  open_group_ = false;
}

// Acknowledgments are not acknowledged: FA groups get no AK1, and an
// interchange holding nothing else gets no 999 interchange at all.
void ack_999_builder::on_group_start(const group_header &h) {
  acknowledging_ = open_interchange_ && h.functional_id != "FA";
  if (!acknowledging_)
    return;
  if (!isa_written_) {
    env_.begin_interchange(detail::reply_interchange(isa_));
    isa_written_ = true;
  }
  gs_ = h;
  if (!open_group_) {
    group_header fa;
    fa.functional_id = "FA";
    fa.sender = h.receiver;
    fa.receiver = h.sender;
    fa.version = "005010X231A1";
    env_.begin_group(fa);
    open_group_ = true;
  }
  env_.begin_transaction("999", "", "005010X231A1");
  env_.body("AK1", {h.functional_id, h.control_number, h.version});
  received_ = accepted_ = 0;
  included_.clear();
  group_codes_.clear();
  group_has_errors_ = false;
}

void ack_999_builder::on_segment(const segment &s, const segment_rule *) {
  if (!acknowledging_ || !s.view.is("GE"))
    return;
  std::string_view count = segment_fields(s.view)[1];
  bool number = !count.empty() && count.size() <= 6 &&
                std::all_of(count.begin(), count.end(), [](char c) { return c >= '0' && c <= '9'; });
  included_ = number ? std::to_string(std::stoul(std::string(count))) : std::string();
}

void ack_999_builder::on_transaction_start(const transaction_header &h) {
  st_ = h;
  in_transaction_ = acknowledging_;
  transaction_findings_.clear();
  transaction_codes_.clear();
  ++received_;
}

void ack_999_builder::on_finding(const finding &f) {
  if (f.level != severity::error || !acknowledging_)
    return;
  // Envelope findings the 999 reports for the group (AK905) or the
  // transaction set as a whole (IK502), by their registry entry.
  const finding_code *code = find_finding_code(f.code);
  if (code && !code->group_code.empty()) {
    add_code(group_codes_, code->group_code);
    group_has_errors_ = true;
    return;
  }
  if (!in_transaction_)
    return;
  if (code && !code->transaction_code.empty()) {
    add_code(transaction_codes_, code->transaction_code);
    return;
  }
  if (!f.segment_code.empty())
    transaction_findings_.push_back(f);
  else
    add_code(transaction_codes_, f.snip <= 1 ? "5" : "I5");
}

void ack_999_builder::flush_segment_errors() {
  const delimiters &d = isa_.delims;
  std::size_t i = 0;
  while (i < transaction_findings_.size()) {
    const finding &f = transaction_findings_[i];
    // One IK3 per segment: the element errors of one segment share it.
    std::size_t j = i + 1;
    if (f.segment_code == "8")
      while (j < transaction_findings_.size() && transaction_findings_[j].segment_code == "8" &&
             transaction_findings_[j].position_in_transaction == f.position_in_transaction)
        ++j;
    // IK303 names LS/LE loops only; HIPAA loop IDs do not fit its four characters.
    env_.body("IK3", {f.where.segment_id, std::to_string(f.position_in_transaction), "",
                      f.segment_code});
    // The business unit CTX names the claim by the element the 999 guide
    // allows for the set: CLM01 in an 837, TRN02 in a 276 or 277.
    const char *unit = st_.id == "837" ? "CLM01" : st_.id == "276" || st_.id == "277" ? "TRN02" : nullptr;
    if (!f.claim.empty() && unit)
      env_.body("CTX", {std::string(unit) + env_.delims().component +
                        clean_copy(f.claim, d).substr(0, 35)}); // CTX01-2 holds 35
    for (std::size_t k = i; k < j; ++k) {
      const finding &e = transaction_findings_[k];
      if (e.element_code.empty())
        continue;
      auto same = [&](std::size_t m) {
        const finding &o = transaction_findings_[m];
        return o.where.element == e.where.element && o.where.component == e.where.component &&
               o.element_code == e.element_code;
      };
      bool repeated = false;
      for (std::size_t m = i; m < k && !repeated; ++m)
        repeated = same(m);
      if (repeated)
        continue;
      std::string position = std::to_string(e.where.element);
      if (e.where.component)
        position += std::string(1, env_.delims().component) + std::to_string(e.where.component);
      // A missing element (IK403 1) has no value to copy.
      const bool copy = !redact_ && e.element_code != "1";
      env_.body("IK4", {position, e.data_element, e.element_code,
                        copy ? clean_copy(e.bad_value, d) : std::string()});
    }
    i = j;
  }
}

void ack_999_builder::on_transaction_end(const transaction_header &h, std::uint64_t) {
  if (!in_transaction_ || !open_group_)
    return;
  in_transaction_ = false;
  env_.body("AK2", {h.id, h.control_number, h.guide});
  // Rule findings come when their loop closes, after later segments': IK3s
  // go in segment order, one per segment.
  std::stable_sort(transaction_findings_.begin(), transaction_findings_.end(),
                   [](const finding &a, const finding &b) {
                     return a.position_in_transaction < b.position_in_transaction;
                   });
  flush_segment_errors();
  if (!transaction_findings_.empty())
    add_code(transaction_codes_, std::any_of(transaction_findings_.begin(),
                                             transaction_findings_.end(),
                                             [](const finding &f) { return f.snip <= 1; })
                                     ? "5"
                                     : "I5");
  bool rejected = !transaction_codes_.empty();
  if (!rejected)
    ++accepted_;
  std::vector<std::string> c = transaction_codes_;
  c.resize(5);
  env_.body("IK5", {rejected ? "R" : "A", c[0], c[1], c[2], c[3], c[4]});
}

void ack_999_builder::on_group_end() {
  if (!open_group_ || !acknowledging_)
    return;
  if (in_transaction_)
    on_transaction_end(st_, 0);
  // P says a set was rejected; a group error with every set accepted is E.
  std::string status = accepted_ == received_ ? (group_has_errors_ ? "E" : "A")
                       : accepted_ == 0       ? "R"
                                              : "P";
  std::vector<std::string> c = group_codes_;
  c.resize(5);
  // AK902 is what GE01 says the group holds, AK903 what was received: a
  // count that disagrees (an AK905 code) shows in the two.
  env_.body("AK9", {status, included_.empty() ? std::to_string(received_) : included_,
                    std::to_string(received_),
                    std::to_string(accepted_), c[0], c[1], c[2], c[3], c[4]});
  env_.end_transaction();
  acknowledging_ = false;
}

void ack_999_builder::on_interchange_end() {
  if (isa_written_) {
    if (open_group_)
      env_.end_group();
    env_.end_interchange();
  }
  open_group_ = open_interchange_ = isa_written_ = acknowledging_ = false;
}

ta1_builder::ta1_builder(writer &w, envelope_settings &settings) : env_(w, settings) {}

void ta1_builder::on_interchange_start(const interchange_header &h) {
  isa_ = h;
  note_.clear();
  open_ = true;
}

void ta1_builder::on_finding(const finding &f) {
  if (open_ && f.level == severity::error && !f.ta1_note.empty() && note_.empty())
    note_ = f.ta1_note;
}

void ta1_builder::on_interchange_end() {
  if (!open_)
    return;
  env_.begin_interchange(detail::reply_interchange(isa_));
  env_.body("TA1", {isa_.control_number, isa_.date, isa_.time, note_.empty() ? "A" : "R",
                    note_.empty() ? "000" : note_});
  env_.end_interchange();
  open_ = false;
}

} // namespace x12
