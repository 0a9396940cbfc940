#include "x12/envelope.h"

#include <array>
#include <cctype>
#include <string_view>

#include "core/finding_code_table.h"

namespace x12 {

using detail::registered_code;
using detail::with_ta1_note;

namespace {

struct isa_field {
  unsigned width;
  const char *name;
  const char *ta1_note; // TA105 for a bad value in this field
};

constexpr std::array<isa_field, 16> isa_fields = {{
    {2, "authorization information qualifier", "010"},
    {10, "authorization information", "011"},
    {2, "security information qualifier", "012"},
    {10, "security information", "013"},
    {2, "interchange sender ID qualifier", "005"},
    {15, "interchange sender ID", "006"},
    {2, "interchange receiver ID qualifier", "007"},
    {15, "interchange receiver ID", "008"},
    {6, "interchange date", "014"},
    {4, "interchange time", "015"},
    {1, "repetition separator", "016"},
    {5, "interchange control version number", "017"},
    {9, "interchange control number", "018"},
    {1, "acknowledgment requested", "019"},
    {1, "usage indicator", "020"},
    {1, "component element separator", "027"},
}};

bool all_digits(std::string_view s) {
  if (s.empty())
    return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return false;
  return true;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && s.back() == ' ')
    s.remove_suffix(1);
  while (!s.empty() && s.front() == ' ')
    s.remove_prefix(1);
  return std::string(s);
}

// Control numbers compare as numbers when both are numeric, so "0001" and
// "1" pair, as receivers treat them.
bool same_number(std::string_view a, std::string_view b) {
  if (all_digits(a) && all_digits(b)) {
    while (a.size() > 1 && a.front() == '0')
      a.remove_prefix(1);
    while (b.size() > 1 && b.front() == '0')
      b.remove_prefix(1);
  }
  return a == b;
}

bool count_matches(std::string_view text, std::uint64_t actual) {
  return all_digits(text) && text.size() <= 18 && std::stoull(std::string(text)) == actual;
}

// A value from the input as a message shows it: quoted, so an empty or
// space-padded value is visible, and safe to print.
std::string quoted(std::string_view v) { return "'" + printable(v, 30) + "'"; }

std::string plural(std::uint64_t n, const char *one, const char *many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "SE01 is '5'; the transaction has 6 segments".
std::string count_message(std::string_view element, std::string_view value,
                          const char *container, std::uint64_t actual,
                          const char *one, const char *many) {
  return std::string(element) + " is " + quoted(value) + "; the " + container +
         " has " + plural(actual, one, many);
}

bool valid_yymmdd(std::string_view d) {
  if (d.size() != 6 || !all_digits(d))
    return false;
  int month = (d[2] - '0') * 10 + (d[3] - '0');
  int day = (d[4] - '0') * 10 + (d[5] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool valid_hhmm(std::string_view t) {
  if (t.size() != 4 || !all_digits(t))
    return false;
  return (t[0] - '0') * 10 + (t[1] - '0') < 24 && (t[2] - '0') * 10 + (t[3] - '0') < 60;
}

} // namespace

envelope_checker::envelope_checker(std::string file, finding_sink sink)
    : file_(std::move(file)), sink_(std::move(sink)) {}

void envelope_checker::report(const segment &s, const finding_code &code,
                              std::string message, unsigned element) {
  if (!sink_)
    return;
  finding f = finding_about(s, file_, code, std::move(message), element);
  if (in_st_) {
    f.transaction = st_.control_number;
    f.guide = st_.guide;
  }
  sink_(std::move(f));
}

void envelope_checker::report_stray(const segment &s, const finding_code &code,
                                    std::string message, std::string_view run_what) {
  if (!sink_)
    return;
  // The terminator is one byte past the segment's text.
  const std::uint64_t end = s.offset + s.view.text().size() + 1;
  if (run_) { // on_segment ended any run this segment does not continue
    ++run_->count;
    run_->last_number = s.number;
    run_->end = end;
    return;
  }
  finding f = finding_about(s, file_, code, std::move(message), 0);
  run_ = stray_run{std::move(f), std::string(s.view.id()), std::string(run_what), 1, s.number,
                   end};
}

void envelope_checker::end_stray_run() {
  if (!run_)
    return;
  finding f = std::move(run_->first);
  if (run_->count > 1) {
    f.count = run_->count;
    f.where.end_offset = run_->end;
    f.message = std::to_string(run_->count) + " " +
                (run_->id.empty() ? std::string("empty") : printable(run_->id, 3)) +
                " segments " + run_->what + ", between byte " + std::to_string(f.where.offset) +
                " and " + std::to_string(run_->end);
  }
  run_.reset();
  sink_(std::move(f));
}

void envelope_checker::check_isa(const segment &s) {
  const segment_view &v = s.view;
  if (v.element_count() != 16)
    report(s, registered_code("isa-element-count"),
           "ISA has " + std::to_string(v.element_count()) +
               " elements; it must have 16",
           0);
  for (unsigned i = 1; i <= 16 && i <= v.element_count(); ++i) {
    std::string_view value = v[i];
    const isa_field &f = isa_fields[i - 1];
    // Each ISA field has a TA105 note code of its own.
    if (value.size() != f.width)
      report(s, with_ta1_note(registered_code("isa-field-length"), f.ta1_note),
             element_ref("ISA", i) + " " + f.name + " is " +
                 std::to_string(value.size()) + " characters; it must be " +
                 std::to_string(f.width),
             i);
  }
  if (!valid_yymmdd(v[9]))
    report(s, registered_code("isa-date"),
           "ISA09 interchange date " + quoted(v[9]) + " is not a valid YYMMDD date", 9);
  if (!valid_hhmm(v[10]))
    report(s, registered_code("isa-time"),
           "ISA10 interchange time " + quoted(v[10]) + " is not a valid HHMM time", 10);
  if (!all_digits(v[12]))
    report(s, registered_code("isa-version"),
           "ISA12 interchange control version number " + quoted(v[12]) + " is not numeric",
           12);
  if (!all_digits(v[13]))
    report(s, registered_code("isa-control-number"),
           "ISA13 interchange control number " + quoted(v[13]) + " is not numeric", 13);
  if (v[14] != "0" && v[14] != "1")
    report(s, registered_code("isa-ack-requested"),
           "ISA14 acknowledgment requested is " + quoted(v[14]) + "; it must be 0 or 1", 14);
  if (v[15] != "P" && v[15] != "T" && v[15] != "I")
    report(s, registered_code("isa-usage"),
           "ISA15 usage indicator is " + quoted(v[15]) + "; it must be P, T or I", 15);
}

void envelope_checker::close_transaction(const segment &at, const char *why) {
  if (!in_st_)
    return;
  report(at, registered_code("se-missing"),
         "transaction set " + printable(st_.id) + " " + quoted(st_.control_number) +
             " (ST at segment " + std::to_string(st_.segment) + ") has no SE before " + why,
         0);
  in_st_ = false;
}

void envelope_checker::close_group(const segment &at, const char *why) {
  close_transaction(at, why);
  if (!in_gs_)
    return;
  report(at, registered_code("ge-missing"),
         "functional group " + quoted(gs_.control_number) + " (GS at segment " +
             std::to_string(gs_.segment) + ") has no GE before " + why,
         0);
  in_gs_ = false;
}

void envelope_checker::close_interchange(const segment &at, const char *why) {
  close_group(at, why);
  if (!in_isa_)
    return;
  report(at, registered_code("iea-missing"),
         "interchange " + quoted(isa_.control_number) + " (ISA at segment " +
             std::to_string(isa_.segment) + ") has no IEA before " + why,
         0);
  in_isa_ = false;
}

envelope_event envelope_checker::on_segment(const segment &s) {
  last_offset_ = s.offset;
  last_number_ = s.number;
  const segment_view &v = s.view;
  std::string_view id = v.id();
  // A stray segment's place depends only on the envelopes open, which a
  // stray does not change: the next one with its ID continues the run.
  if (run_ && (s.number != run_->last_number + 1 || id != run_->id))
    end_stray_run();

  if (id == "ISA") {
    close_interchange(s, "the next ISA");
    in_isa_ = true;
    isa_gs_ = 0;
    gs_numbers_.clear();
    isa_ = {};
    isa_.authorization_qualifier = v[1];
    isa_.authorization = v[2];
    isa_.security_qualifier = v[3];
    isa_.security = v[4];
    isa_.sender_qualifier = trimmed(v[5]);
    isa_.sender_id = trimmed(v[6]);
    isa_.receiver_qualifier = trimmed(v[7]);
    isa_.receiver_id = trimmed(v[8]);
    isa_.date = v[9];
    isa_.time = v[10];
    isa_.version = v[12];
    isa_.control_number = v[13];
    isa_.ack_requested = v[14];
    isa_.usage = v[15];
    isa_.delims = v.delims();
    isa_.offset = s.offset;
    isa_.segment = s.number;
    check_isa(s);
    if (!isa_numbers_.insert(isa_.control_number).second)
      report(s, registered_code("isa-duplicate-control-number"),
             "ISA13 interchange control number " + quoted(isa_.control_number) +
                 " is used by an earlier interchange in this input",
             13);
    return envelope_event::interchange_start;
  }
  if (id == "IEA") {
    if (!in_isa_) {
      report_stray(s, registered_code("iea-unpaired"), "IEA without an ISA", "without an ISA");
      return envelope_event::stray;
    }
    close_group(s, "IEA");
    if (!same_number(v[2], isa_.control_number))
      report(s, registered_code("iea-control-number"),
             "IEA02 " + quoted(v[2]) + " does not match ISA13 " +
                 quoted(isa_.control_number),
             2);
    if (!count_matches(v[1], isa_gs_))
      report(s, registered_code("iea-count"),
             count_message("IEA01", v[1], "interchange", isa_gs_, "functional group",
                           "functional groups"),
             1);
    in_isa_ = false;
    return envelope_event::interchange_end;
  }
  if (id == "TA1") {
    if (!in_isa_ || in_gs_) {
      report_stray(s, registered_code("ta1-misplaced"), "TA1 must stand between ISA and the first GS",
                   "not between ISA and the first GS");
      return envelope_event::stray;
    }
    return envelope_event::acknowledgment;
  }
  if (id == "GS") {
    if (!in_isa_) {
      report_stray(s, registered_code("gs-outside-interchange"), "GS outside an interchange",
                   "outside an interchange");
      return envelope_event::stray;
    }
    close_group(s, "the next GS");
    in_gs_ = true;
    ++isa_gs_;
    group_st_ = 0;
    st_numbers_.clear();
    gs_ = {};
    gs_.functional_id = v[1];
    gs_.sender = v[2];
    gs_.receiver = v[3];
    gs_.date = v[4];
    gs_.time = v[5];
    gs_.control_number = v[6];
    gs_.agency = v[7];
    gs_.version = v[8];
    gs_.offset = s.offset;
    gs_.segment = s.number;
    if (!all_digits(gs_.control_number) || gs_.control_number.size() > 9)
      report(s, registered_code("gs-control-number"),
             "GS06 group control number " + quoted(gs_.control_number) +
                 " is not 1 to 9 digits",
             6);
    if (!gs_numbers_.insert(gs_.control_number).second)
      report(s, registered_code("gs-duplicate-control-number"),
             "GS06 group control number " + quoted(gs_.control_number) +
                 " is used by an earlier group in this interchange",
             6);
    return envelope_event::group_start;
  }
  if (id == "GE") {
    if (!in_gs_) {
      report_stray(s, registered_code("ge-unpaired"), "GE without a GS", "without a GS");
      return envelope_event::stray;
    }
    close_transaction(s, "GE");
    if (!same_number(v[2], gs_.control_number))
      report(s, registered_code("ge-control-number"),
             "GE02 " + quoted(v[2]) + " does not match GS06 " + quoted(gs_.control_number),
             2);
    if (!count_matches(v[1], group_st_))
      report(s, registered_code("ge-count"),
             count_message("GE01", v[1], "group", group_st_, "transaction set",
                           "transaction sets"),
             1);
    in_gs_ = false;
    return envelope_event::group_end;
  }
  if (id == "ST") {
    if (!in_gs_) {
      report_stray(s, registered_code("st-outside-group"), "ST outside a functional group",
                   "outside a functional group");
      return envelope_event::stray;
    }
    close_transaction(s, "the next ST");
    in_st_ = true;
    ++group_st_;
    st_count_ = 1;
    st_ = {};
    st_.id = v[1];
    st_.control_number = v[2];
    st_.guide = v[3].empty() ? gs_.version : std::string(v[3]);
    st_.offset = s.offset;
    st_.segment = s.number;
    // ST02 is alphanumeric (AN 4-9); receivers match it to SE02 as text.
    if (st_.control_number.size() < 4 || st_.control_number.size() > 9)
      report(s, registered_code("st-control-number"),
             "ST02 transaction set control number " + quoted(st_.control_number) +
                 " is not 4 to 9 characters",
             2);
    if (!v[3].empty() && v[3] != gs_.version)
      report(s, registered_code("st-guide-mismatch"),
             "ST03 " + quoted(v[3]) + " does not match GS08 " + quoted(gs_.version), 3);
    if (!st_numbers_.insert(st_.control_number).second)
      report(s, registered_code("st-duplicate-control-number"),
             "ST02 transaction set control number " + quoted(st_.control_number) +
                 " is used by an earlier transaction set in this group",
             2);
    return envelope_event::transaction_start;
  }
  if (id == "SE") {
    if (!in_st_) {
      report_stray(s, registered_code("se-unpaired"), "SE without an ST", "without an ST");
      return envelope_event::stray;
    }
    ++st_count_;
    if (!same_number(v[2], st_.control_number))
      report(s, registered_code("se-control-number"),
             "SE02 " + quoted(v[2]) + " does not match ST02 " + quoted(st_.control_number),
             2);
    if (!count_matches(v[1], st_count_))
      report(s, registered_code("se-count"),
             count_message("SE01", v[1], "transaction set", st_count_, "segment",
                           "segments"),
             1);
    in_st_ = false;
    return envelope_event::transaction_end;
  }
  if (in_st_) {
    ++st_count_;
    return envelope_event::body;
  }
  // Inside a group a stray segment is not a problem of the interchange.
  static constexpr finding_code in_group =
      with_ta1_note(registered_code("segment-outside-transaction"), "");
  report_stray(s, in_gs_ ? in_group : registered_code("segment-outside-transaction"),
               (id.empty() ? std::string("empty") : printable(id, 3)) +
                   " segment outside a transaction set",
               "outside a transaction set");
  return envelope_event::stray;
}

void envelope_checker::finish() {
  end_stray_run();
  segment end;
  end.offset = last_offset_;
  end.number = last_number_;
  close_interchange(end, "the end of input (interchange cut short)");
}

} // namespace x12
