#include "x12/writer.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fmt/format.h>

namespace x12 {

writer::writer(output_file &out, const delimiters &d, std::string line_break)
    : out_(out), delims_(d), line_break_(std::move(line_break)) {}

void writer::end_segment() {
  out_.put(delims_.segment);
  out_.write(line_break_);
  ++written_;
}

result<bool> writer::write(const segment_view &seg) {
  const delimiters &from = seg.delims();
  std::string_view text = seg.text();
  if (from == delims_) {
    out_.write(text);
    end_segment();
    return true;
  }
  if (!have_map_ || !(mapped_from_ == from))
    build_map(from);
  scratch_.clear();
  for (char c : text) {
    int m = map_[static_cast<unsigned char>(c)];
    if (m < 0)
      return failure{fmt::format("a value in {} holds '{}', which is a separator "
                                 "in the output",
                                 printable(seg.id(), 3), printable({&c, 1}))};
    scratch_.push_back(static_cast<char>(m));
  }
  out_.write(scratch_);
  end_segment();
  return true;
}

// One table maps every byte: separators to ours, and our separators found
// in data to a marker that makes the segment unwritable.
void writer::build_map(const delimiters &from) {
  for (int c = 0; c < 256; ++c)
    map_[c] = c;
  for (char ours : {delims_.element, delims_.component, delims_.repetition, delims_.segment})
    if (ours != '\0')
      map_[static_cast<unsigned char>(ours)] = -1;
  // The source terminator occurs only inside an ISA (read by its length),
  // typically as an ISA11 that clashes with it: it stays a clash.
  map_[static_cast<unsigned char>(from.segment)] = delims_.segment;
  map_[static_cast<unsigned char>(from.element)] = delims_.element;
  map_[static_cast<unsigned char>(from.component)] = delims_.component;
  if (from.has_repetition())
    map_[static_cast<unsigned char>(from.repetition)] =
        delims_.has_repetition() ? delims_.repetition : -1;
  mapped_from_ = from;
  have_map_ = true;
}

void writer::write(std::string_view id, std::initializer_list<std::string_view> elements) {
  std::size_t used = elements.size();
  while (used > 0 && (elements.begin() + used - 1)->empty())
    --used;
  out_.write(id);
  auto it = elements.begin();
  for (std::size_t i = 0; i < used; ++i, ++it) {
    out_.put(delims_.element);
    out_.write(*it);
  }
  end_segment();
}

namespace {

// --now and SOURCE_DATE_EPOCH values: "2026-01-31T13:45", "2026-01-31",
// "20260131" (when `eight_digit_dates`), or seconds since 1970.
std::time_t parse_time(const std::string &text, const char *what, bool eight_digit_dates) {
  auto bad = [&] {
    return error(fmt::format("{} '{}' is not a date: use 2026-01-31T13:45, "
                             "2026-01-31, 20260131 or seconds since 1970",
                             what, printable(text, 40)));
  };
  bool digits = !text.empty() && text.size() <= 18 &&
                text.find_first_not_of("0123456789") == std::string::npos;
  if (digits && !(eight_digit_dates && text.size() == 8))
    return static_cast<std::time_t>(std::stoll(text));
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, used = 0;
  if (digits) {
    if (std::sscanf(text.c_str(), "%4d%2d%2d%n", &y, &mo, &d, &used) != 3)
      throw bad();
  } else {
    int n = std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &used);
    if (n == 3 && text[used] == 'T' &&
        std::sscanf(text.c_str() + used, "T%2d:%2d%n", &h, &mi, &n) == 2)
      used += n;
    else if (n != 3)
      throw bad();
  }
  if (static_cast<std::size_t>(used) != text.size() || mo < 1 || mo > 12 || d < 1 ||
      d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59)
    throw bad();
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  std::time_t t = timegm(&tm);
  // timegm rolls 2026-02-30 over to March; a date that moved was not real.
  if (tm.tm_mday != d || tm.tm_mon != mo - 1)
    throw bad();
  return t;
}

} // namespace

std::time_t envelope_settings::resolve_now(const std::optional<std::string> &flag) {
  if (flag)
    return parse_time(*flag, "--now", true);
  // SOURCE_DATE_EPOCH is seconds by definition (reproducible-builds.org).
  if (const char *epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch)
    return parse_time(epoch, "SOURCE_DATE_EPOCH", false);
  return std::time(nullptr);
}

std::string format_utc(std::time_t t, const char *format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

envelope_writer::envelope_writer(writer &w, envelope_settings &settings)
    : w_(w), settings_(settings) {}

std::string envelope_writer::next_control_number(unsigned width) {
  return fmt::format("{:0{}}", settings_.next_control_number++, width);
}

namespace {

std::string pad(std::string_view value, std::size_t width) {
  std::string out(value.substr(0, width));
  out.resize(width, ' ');
  return out;
}


std::string or_default(std::string_view v, std::string_view fallback) {
  return std::string(v.empty() ? fallback : v);
}

} // namespace

void envelope_writer::begin_interchange(const interchange_header &h, bool keep_numbers) {
  const delimiters &d = w_.delims();
  // A kept number must fit ISA13's nine digits; anything else gets a fresh
  // one, so the ISA stays 106 bytes.
  bool keep_control = keep_numbers && !h.control_number.empty() &&
                      h.control_number.size() <= 9 &&
                      h.control_number.find_first_not_of("0123456789") == std::string::npos;
  isa_control_ = keep_control ? fmt::format("{:0>9}", h.control_number)
                              : next_control_number(9);
  std::string date = keep_numbers && !h.date.empty() ? h.date : format_utc(settings_.now, "%y%m%d");
  std::string time = keep_numbers && !h.time.empty() ? h.time : format_utc(settings_.now, "%H%M");
  std::string rep(1, d.has_repetition() ? d.repetition : 'U');
  std::string comp(1, d.component);
  w_.write("ISA", {pad(or_default(h.authorization_qualifier, "00"), 2),
                   pad(h.authorization, 10),
                   pad(or_default(h.security_qualifier, "00"), 2),
                   pad(h.security, 10),
                   pad(or_default(h.sender_qualifier, "ZZ"), 2),
                   pad(h.sender_id, 15),
                   pad(or_default(h.receiver_qualifier, "ZZ"), 2),
                   pad(h.receiver_id, 15),
                   pad(date, 6),
                   pad(time, 4),
                   rep,
                   pad(or_default(h.version, "00501"), 5),
                   isa_control_,
                   pad(or_default(h.ack_requested, "0"), 1),
                   pad(or_default(h.usage, "P"), 1),
                   comp});
  groups_ = 0;
}

void envelope_writer::begin_group(const group_header &h, bool keep_numbers) {
  // Fresh group numbers follow the interchange's (ISA13 7 -> GS06 7, 8 ...)
  // and transactions count from 0001 in each group, as people expect to read them.
  gs_control_ = keep_numbers && !h.control_number.empty()
                    ? h.control_number
                    : std::to_string(std::stoull(isa_control_) + groups_);
  std::string date = keep_numbers && !h.date.empty() ? h.date : format_utc(settings_.now, "%Y%m%d");
  std::string time = keep_numbers && !h.time.empty() ? h.time : format_utc(settings_.now, "%H%M");
  w_.write("GS", {h.functional_id, h.sender, h.receiver, date, time, gs_control_,
                  or_default(h.agency, "X"), h.version});
  ++groups_;
  transactions_ = 0;
}

void envelope_writer::begin_transaction(std::string_view id, std::string_view control_number,
                                        std::string_view guide) {
  st_control_ = control_number.empty() ? fmt::format("{:04}", transactions_ + 1)
                                       : std::string(control_number);
  w_.write("ST", {id, st_control_, guide});
  segments_ = 1;
  ++transactions_;
}

result<bool> envelope_writer::body(const segment_view &seg) {
  auto r = w_.write(seg);
  if (r)
    ++segments_;
  return r;
}

void envelope_writer::body(std::string_view id, std::initializer_list<std::string_view> elements) {
  w_.write(id, elements);
  ++segments_;
}

void envelope_writer::end_transaction() {
  w_.write("SE", {std::to_string(segments_ + 1), st_control_});
}

void envelope_writer::end_group() {
  w_.write("GE", {std::to_string(transactions_), gs_control_});
}

void envelope_writer::end_interchange() {
  w_.write("IEA", {std::to_string(groups_), isa_control_});
}

std::string join_components(char separator, std::initializer_list<std::string_view> parts) {
  std::size_t used = parts.size();
  while (used > 0 && parts.begin()[used - 1].empty())
    --used;
  std::string joined;
  for (std::size_t i = 0; i < used; ++i) {
    if (i)
      joined += separator;
    joined += parts.begin()[i];
  }
  return joined;
}

} // namespace x12
