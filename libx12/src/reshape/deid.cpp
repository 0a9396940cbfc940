// x12 deid: the validator places each segment (structure only) and this
// observer decides which of its values are a person's; each such value is
// overwritten in place by one of the same length, so the output is the
// input's bytes with those ranges replaced.

#include "x12/deid.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/keyed_hash.h"
#include "x12/error.h"
#include "x12/validate.h"

namespace x12 {
namespace {

bool one_of(std::string_view v, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

// NM101 of the people whose identifiers go: subscriber (IL), patient (QC),
// dependent (03), corrected patient or insured (74), responsible party (QD),
// guardian (GD), and the ambulance pick-up and drop-off places (PW, 45),
// which are the patient's home more often than not.
bool is_person(std::string_view entity) {
  return one_of(entity, {"IL", "QC", "03", "74", "QD", "GD", "PW", "45"});
}

// REF qualifiers naming a patient or a claim, wherever the REF is.
bool is_patient_reference(std::string_view qualifier) {
  return one_of(qualifier, {"EA", "EJ", "SY", "1W", "IG", "HJ", "0F", "3H", "F8", "G1", "9F", "D9",
                            "1K", "9A", "9C", "Y4"});
}

// The three-digit ZIP prefixes of 20,000 people or fewer (2000 census),
// which Safe Harbor turns into 000.
bool sparse_zip(std::string_view prefix) {
  return one_of(prefix, {"036", "059", "063", "102", "203", "556", "692", "790", "821", "823",
                         "830", "831", "878", "879", "884", "890", "893"});
}

bool all_digits(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

class deid_writer : public validation_observer {
public:
  deid_writer(input_buffer &in, output_file &out, const deid_options &options, finding_sink sink)
      : in_(in), out_(out), options_(options), sink_(std::move(sink)) {}

  deid_stats finish() {
    std::string_view bytes = in_.bytes();
    out_.write(bytes.substr(std::min<std::uint64_t>(done_, bytes.size())));
    return stats_;
  }

  void on_finding(const finding &f) override {
    if (f.snip == 1 && sink_)
      sink_(finding(f));
  }
  void on_transaction_start(const transaction_header &h) override {
    ++stats_.transactions;
    transaction_ = h.id;
    subscriber_.clear();
    person_ = false;
  }
  void on_loop_start(const loop_rule &l) override {
    loops_.push_back(l.id);
    person_ = false;
  }
  void on_loop_end(const loop_rule &) override {
    if (!loops_.empty())
      loops_.pop_back();
    person_ = false;
  }

  void on_segment(const segment &s, const segment_rule *) override {
    ++stats_.segments;
    const segment_view &v = s.view;
    std::string_view id = v.id();
    if (id == "NM1") {
      person_ = is_person(v[1]);
      if (person_) {
        for (unsigned e : {3u, 4u, 5u, 9u})
          replace(s, v.element(e).text(), pseudonym(v.element(e).text()));
        std::string_view who = v[9].empty() ? v[3] : v[9];
        if (v[1] == "IL" || subscriber_.empty())
          subscriber_ = std::string(who);
      }
      return;
    }
    if (one_of(id, {"NTE", "MSG", "K3"})) {
      std::string_view text = v.element(id == "NTE" ? 2 : 1).text();
      replace(s, text, filler(text.size()));
      return;
    }
    if (id == "DMG")
      return date(s, v.element(2).text(), v[1]);
    if (id == "PAT" && v[5] == "D8")
      return date(s, v.element(6).text(), "D8");
    if ((id == "DTP" || id == "DTM") && in_detail())
      return date(s, v.element(id == "DTP" ? 3 : 2).text(), id == "DTP" ? v[2] : "D8");
    if (id == "CLM")
      return replace(s, v.element(1).text(), pseudonym(v[1]));
    if (id == "CLP") {
      replace(s, v.element(1).text(), pseudonym(v[1]));
      return replace(s, v.element(7).text(), pseudonym(v[7]));
    }
    if (id == "TRN" && one_of(transaction_, {"270", "271", "276", "277"}))
      return replace(s, v.element(2).text(), pseudonym(v[2]));
    if (id == "REF" && (person_ || is_patient_reference(v[1])))
      return replace(s, v.element(2).text(), pseudonym(v[2]));
    if (id == "PLB") {
      for (unsigned e = 3; e <= 13; e += 2) {
        std::string_view reference = v.element(e).component(2);
        replace(s, reference, pseudonym(reference));
      }
      return;
    }
    if (!person_)
      return;
    if (id == "N2") {
      for (unsigned e : {1u, 2u})
        replace(s, v.element(e).text(), pseudonym(v[e]));
    } else if (id == "N3") {
      for (unsigned e : {1u, 2u})
        replace(s, v.element(e).text(), pseudonym(v[e]));
    } else if (id == "N4") {
      replace(s, v.element(1).text(), pseudonym(v[1]));
      std::string_view zip = v.element(3).text();
      if (zip.size() >= 3 && all_digits(zip)) {
        std::string kept =
            sparse_zip(zip.substr(0, 3)) ? std::string("000") : std::string(zip.substr(0, 3));
        replace(s, zip, kept + std::string(zip.size() - 3, '0'));
      }
    } else if (id == "PER") {
      for (unsigned e : {2u, 4u, 6u, 8u})
        replace(s, v.element(e).text(), pseudonym(v[e]));
    }
  }

private:
  bool in_detail() const {
    return std::any_of(loops_.begin(), loops_.end(),
                       [](const std::string &l) { return !l.empty() && l[0] == '2'; });
  }

  // `value` (a view into the segment) becomes `with`, of the same length.
  void replace(const segment &s, std::string_view value, const std::string &with) {
    if (value.empty() || with == value)
      return;
    const std::string_view text = s.view.text();
    if (value.data() < text.data() || value.data() + value.size() > text.data() + text.size() ||
        with.size() != value.size())
      throw error("deid: a value is not where its segment is", {in_.name(), s.offset});
    const std::uint64_t at = s.offset + static_cast<std::uint64_t>(value.data() - text.data());
    std::string_view bytes = in_.bytes();
    if (at < done_ || at + value.size() > bytes.size() || bytes.substr(at, value.size()) != value)
      throw error("deid: segment " + std::to_string(s.number) + " is not in the input as read",
                  {in_.name(), s.offset});
    out_.write(bytes.substr(done_, at - done_));
    out_.write(with);
    done_ = at + value.size();
    ++stats_.values;
  }

  // Letters become letters and digits digits, keyed: the same value under
  // the same key is the same pseudonym in every file.
  std::string pseudonym(std::string_view value) const {
    std::string out(value);
    detail::keyed_digest d{};
    std::size_t used = d.size();
    unsigned round = 0;
    for (char &c : out) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (!std::isalnum(u))
        continue;
      if (used == d.size()) {
        d = detail::hmac_sha256(options_.key,
                                std::string(value) + '\x1f' + std::to_string(round++));
        used = 0;
      }
      const unsigned char r = d[used++];
      if (std::isdigit(u))
        c = static_cast<char>('0' + r % 10);
      else if (std::islower(u))
        c = static_cast<char>('a' + r % 26);
      else
        c = static_cast<char>('A' + r % 26);
    }
    return out;
  }

  static std::string filler(std::size_t n) {
    static constexpr std::string_view text = "DEIDENTIFIED ";
    std::string out;
    while (out.size() < n)
      out += text;
    out.resize(n);
    while (!out.empty() && out.back() == ' ')
      out.back() = 'X'; // trailing spaces would be a different value in some readers
    return out;
  }

  // One CCYYMMDD as the options say: the year alone, or moved back by the
  // subscriber's keyed offset. A date that is not one keeps its year and
  // loses the rest (0000), so it is still not a date for validation.
  std::string one_date(std::string_view d) const {
    if (d.size() < 8 || !all_digits(d.substr(0, 8)))
      return std::string(d);
    std::string out(d);
    using namespace std::chrono;
    auto num = [&](std::size_t at, std::size_t n) {
      return std::stoi(std::string(d.substr(at, n)));
    };
    year_month_day ymd{year(num(0, 4)), month(static_cast<unsigned>(num(4, 2))),
                       day(static_cast<unsigned>(num(6, 2)))};
    if (!ymd.ok()) {
      out.replace(4, 4, "0000");
      return out;
    }
    if (!options_.shift_dates) {
      out.replace(4, 4, "0101");
      return out;
    }
    detail::keyed_digest k = detail::hmac_sha256(options_.key, "date shift\x1f" + subscriber_);
    const int offset = 1 + static_cast<int>(((k[0] << 8) | k[1]) % 365);
    year_month_day moved{sys_days(ymd) - days(offset)};
    out.replace(0, 8,
                fmt::format("{:04}{:02}{:02}", static_cast<int>(moved.year()),
                            static_cast<unsigned>(moved.month()),
                            static_cast<unsigned>(moved.day())));
    return out;
  }

  // A date element by its format: D8 and DT (CCYYMMDD[HHMM]) once, RD8 and
  // RDT (two of them joined by '-') each side.
  void date(const segment &s, std::string_view value, std::string_view format) {
    if (value.empty())
      return;
    if (one_of(format, {"RD8", "RDT"})) {
      const std::size_t dash = value.find('-');
      if (dash == std::string_view::npos)
        return;
      return replace(s, value,
                     one_date(value.substr(0, dash)) + "-" + one_date(value.substr(dash + 1)));
    }
    if (one_of(format, {"D8", "DT"}) || format.empty())
      replace(s, value, one_date(value));
  }

  input_buffer &in_;
  output_file &out_;
  const deid_options &options_;
  finding_sink sink_;
  deid_stats stats_;
  std::uint64_t done_ = 0; // input bytes written out so far
  std::vector<std::string> loops_;
  std::string transaction_, subscriber_;
  bool person_ = false;
};

} // namespace

deid_stats deidentify(input_buffer &in, output_file &out, const schema_set &schemas,
                      const deid_options &options, finding_sink sink) {
  if (options.key.empty())
    throw error(
        "deid needs a key: the pseudonyms are keyed so that no one without it can link them");
  deid_writer w(in, out, options, std::move(sink));
  validation_options v;
  v.structure_only = true;
  validator(schemas, v, w).run(in);
  return w.finish();
}

} // namespace x12
