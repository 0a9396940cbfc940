#pragma once
// Acknowledgments from validation findings: a 999 (AK1, AK2, IK3, CTX,
// IK4, IK5, AK9) per functional group received, or a TA1 per interchange.
// Both are validation_observers: hand one to the validator (through
// observer_list to combine it with a printer) and it streams the
// acknowledgment as the input is read.

#include <cstdint>
#include <string>
#include <vector>

#include "x12/validate.h"
#include "x12/writer.h"

namespace x12 {

/// Fans one run's events out to several observers.
class observer_list : public validation_observer {
public:
  void add(validation_observer &o) { observers_.push_back(&o); }
  void on_finding(const finding &f) override;
  void on_interchange_start(const interchange_header &h) override;
  void on_interchange_end() override;
  void on_group_start(const group_header &h) override;
  void on_group_end() override;
  void on_transaction_start(const transaction_header &h) override;
  void on_transaction_end(const transaction_header &h, std::uint64_t segments) override;
  void on_loop_start(const loop_rule &l) override;
  void on_loop_end(const loop_rule &l) override;
  void on_segment(const segment &s, const segment_rule *rule) override;

private:
  std::vector<validation_observer *> observers_;
};

/// Writes a 999 for every functional group, in one interchange per
/// interchange received, with sender and receiver swapped. IK404 carries a
/// copy of each bad value, as the 999 guide asks; that may be patient data,
/// so with `redact` the optional IK404 is left out.
class ack_999_builder : public validation_observer {
public:
  ack_999_builder(writer &w, envelope_settings &settings, bool redact = false);
  void on_finding(const finding &f) override;
  void on_interchange_start(const interchange_header &h) override;
  void on_interchange_end() override;
  void on_group_start(const group_header &h) override;
  void on_group_end() override;
  void on_transaction_start(const transaction_header &h) override;
  void on_transaction_end(const transaction_header &h, std::uint64_t segments) override;
  void on_segment(const segment &s, const segment_rule *rule) override;

private:
  void flush_segment_errors();
  envelope_writer env_;
  interchange_header isa_;
  group_header gs_;
  transaction_header st_;
  bool open_interchange_ = false, open_group_ = false, in_transaction_ = false;
  bool isa_written_ = false;   // the 999 interchange is begun on the first group it answers
  bool acknowledging_ = false; // the group being read is one a 999 answers (not FA)
  std::vector<finding> transaction_findings_;
  std::vector<std::string> transaction_codes_; // IK5 codes from envelope findings
  std::vector<std::string> group_codes_;       // AK9 codes
  std::uint64_t received_ = 0, accepted_ = 0;
  std::string included_; // GE01 as sent, when it is a number: AK902
  bool group_has_errors_ = false;
  bool redact_ = false;
};

/// Writes one TA1 per interchange received: accepted (A, 000) or rejected
/// with the note code of the first interchange-level problem.
class ta1_builder : public validation_observer {
public:
  ta1_builder(writer &w, envelope_settings &settings);
  void on_finding(const finding &f) override;
  void on_interchange_start(const interchange_header &h) override;
  void on_interchange_end() override;

private:
  envelope_writer env_;
  interchange_header isa_;
  std::string note_;
  bool open_ = false;
};

} // namespace x12
