#include "x12/claim_tables.h"

#include "x12/reader.h"
#include "x12/csv.h"
#include "x12/segment_fields.h"

namespace x12 {
namespace {

// Where the reader is: the HL loop, or inside a claim the loop whose
// segments it uses. Another payer's loops (2320/2330) and line adjudication
// (2430) only end at the next line, claim or HL.
enum class place { header, billing, subscriber, patient, claim, other_payer, line, line_other };

// An element's components joined by ':' whatever the component separator.
std::string joined(const segment_fields &f, std::size_t element, std::size_t from,
                   std::size_t to) {
  std::string out;
  for (std::size_t c = from; c <= to; ++c) {
    std::string_view v = f.component(element, c);
    if (v.empty())
      continue;
    if (!out.empty())
      out.push_back(':');
    out.append(v);
  }
  return out;
}

bool is_diagnosis(std::string_view qualifier) noexcept {
  for (std::string_view q : {"ABK", "ABF", "ABJ", "ABN", "APR", "BK", "BF", "BJ", "BN", "PR"})
    if (q == qualifier)
      return true;
  return false;
}

std::string_view npi(const segment_fields &f) noexcept {
  return f[8] == "XX" ? f[9] : std::string_view{};
}

struct billing_context {
  std::string name, npi, tax_id;
};

struct person {
  std::string last_name, first_name, birth_date, gender;
};

struct subscriber_context {
  person who;
  std::string member_id, filing_indicator, payer_name, payer_id;
};

class claim_reader {
public:
  claim_reader(const std::string &file, const claim_callbacks &cb) : cb_(cb) {
    claim_.file = line_.file = file;
  }

  void start(const envelope_checker &env) {
    const transaction_header &st = env.transaction();
    claim_.interchange_control_number = line_.interchange_control_number =
        env.interchange().control_number;
    claim_.group_control_number = line_.group_control_number = env.group().control_number;
    claim_.transaction_control_number = line_.transaction_control_number = st.control_number;
    claim_.claim_type = claim_type_of(st.guide);
    billing_ = {};
    subscriber_ = {};
    patient_ = {};
    has_patient_ = false;
    where_ = place::header;
    open_ = true;
  }

  void body(const segment &s) {
    segment_fields f(s.view);
    std::string_view id = f.id();
    if (id == "HL")
      return hl(f);
    if (id == "CLM")
      return start_claim(s, f);
    if (id == "LX" && in_claim())
      return start_line(f);
    switch (where_) {
    case place::header:
    case place::other_payer:
    case place::line_other:
      return;
    case place::billing:
      return billing(f);
    case place::subscriber:
      return subscriber(f);
    case place::patient:
      return patient(f);
    case place::claim:
      return claim(f);
    case place::line:
      return line(f);
    }
  }

  // SE, or the transaction cut short by the next envelope segment.
  void finish(claim_summary &summary) {
    if (!open_)
      return;
    end_claim();
    ++summary.transactions;
    summary.claims += claims_;
    claims_ = 0;
    open_ = false;
  }

private:
  bool in_claim() const noexcept { return where_ >= place::claim; }

  void hl(const segment_fields &f) {
    end_claim();
    entity_.clear();
    std::string_view level = f[3];
    if (level == "20") {
      where_ = place::billing;
      billing_ = {};
      subscriber_ = {};
      has_patient_ = false;
    } else if (level == "22") {
      where_ = place::subscriber;
      subscriber_ = {};
      has_patient_ = false;
    } else if (level == "23") {
      where_ = place::patient;
      patient_ = {};
      has_patient_ = true;
    } else {
      where_ = place::header;
    }
  }

  void billing(const segment_fields &f) {
    std::string_view id = f.id();
    if (id == "NM1") {
      entity_ = f[1];
      if (entity_ == "85") {
        billing_.name = f[3];
        billing_.npi = npi(f);
      }
    } else if (id == "REF" && entity_ == "85" && (f[1] == "EI" || f[1] == "SY")) {
      billing_.tax_id = f[2];
    }
  }

  void subscriber(const segment_fields &f) {
    std::string_view id = f.id();
    if (id == "SBR") {
      subscriber_.filing_indicator = f[9];
    } else if (id == "NM1") {
      entity_ = f[1];
      if (entity_ == "IL") {
        subscriber_.who.last_name = f[3];
        subscriber_.who.first_name = f[4];
        subscriber_.member_id = f[9];
      } else if (entity_ == "PR") {
        subscriber_.payer_name = f[3];
        subscriber_.payer_id = f[9];
      }
    } else if (id == "DMG" && entity_ == "IL") {
      subscriber_.who.birth_date = iso_date(f[2]);
      subscriber_.who.gender = f[3];
    }
  }

  void patient(const segment_fields &f) {
    std::string_view id = f.id();
    if (id == "NM1") {
      entity_ = f[1];
      if (entity_ == "QC") {
        patient_.last_name = f[3];
        patient_.first_name = f[4];
      }
    } else if (id == "DMG" && entity_ == "QC") {
      patient_.birth_date = iso_date(f[2]);
      patient_.gender = f[3];
    }
  }

  void start_claim(const segment &s, const segment_fields &f) {
    end_claim();
    where_ = place::claim;
    entity_.clear();
    ++claims_;
    billed_claim_row &c = claim_;
    c.clm_offset = s.offset;
    c.claim_id = f[1];
    c.total_charge = f[2];
    c.facility_code_qualifier = f.component(5, 2);
    c.place_of_service = c.facility_code_qualifier == "B" ? f.component(5, 1) : std::string_view{};
    c.facility_type = c.facility_code_qualifier == "A" ? f.component(5, 1) : std::string_view{};
    c.frequency = f.component(5, 3);
    c.billing_provider_name = billing_.name;
    c.billing_provider_npi = billing_.npi;
    c.billing_provider_tax_id = billing_.tax_id;
    c.payer_name = subscriber_.payer_name;
    c.payer_id = subscriber_.payer_id;
    c.subscriber_member_id = subscriber_.member_id;
    c.subscriber_last_name = subscriber_.who.last_name;
    c.subscriber_first_name = subscriber_.who.first_name;
    const person &p = has_patient_ ? patient_ : subscriber_.who;
    c.patient_last_name = p.last_name;
    c.patient_first_name = p.first_name;
    c.patient_birth_date = p.birth_date;
    c.patient_gender = p.gender;
    c.claim_filing_indicator = subscriber_.filing_indicator;
    for (std::string *x : {&c.rendering_provider_npi, &c.referring_provider_npi,
                           &c.service_facility_npi, &c.service_date_start, &c.service_date_end,
                           &c.prior_authorization, &c.payer_claim_control_number})
      x->clear();
    c.line_count = 0;
    statement_ = service_ = {};
    first_line_date_.clear();
    last_line_date_.clear();
    diagnoses_ = 0;
  }

  void claim(const segment_fields &f) {
    std::string_view id = f.id();
    if (id == "SBR") {
      where_ = place::other_payer;
    } else if (id == "NM1") {
      entity_ = f[1];
      if (entity_ == "82")
        claim_.rendering_provider_npi = npi(f);
      else if (entity_ == "DN")
        claim_.referring_provider_npi = npi(f);
      else if (entity_ == "77")
        claim_.service_facility_npi = npi(f);
    } else if (!entity_.empty()) {
      return; // a 2310 provider loop's own segments
    } else if (id == "DTP" && f[1] == "434") {
      statement_.set(f);
    } else if (id == "DTP" && f[1] == "472") {
      service_.set(f);
    } else if (id == "REF" && f[1] == "G1") {
      claim_.prior_authorization = f[2];
    } else if (id == "REF" && f[1] == "F8") {
      claim_.payer_claim_control_number = f[2];
    } else if (id == "HI") {
      diagnoses(f);
    }
  }

  void diagnoses(const segment_fields &f) {
    for (std::size_t i = 1; i <= f.count(); ++i) {
      std::string_view qualifier = f.component(i, 1);
      if (!is_diagnosis(qualifier))
        continue;
      ++diagnoses_;
      if (!cb_.diagnosis)
        continue;
      diagnosis_row d;
      d.file = claim_.file;
      d.interchange_control_number = claim_.interchange_control_number;
      d.group_control_number = claim_.group_control_number;
      d.transaction_control_number = claim_.transaction_control_number;
      d.clm_offset = claim_.clm_offset;
      d.claim_id = claim_.claim_id;
      d.sequence = diagnoses_;
      d.qualifier = qualifier;
      d.code = f.component(i, 2);
      d.principal = qualifier == "ABK" || qualifier == "BK";
      d.present_on_admission = f.component(i, 9);
      cb_.diagnosis(d);
    }
  }

  void start_line(const segment_fields &f) {
    end_line();
    where_ = place::line;
    entity_.clear();
    ++claim_.line_count;
    billed_line_row &l = line_;
    l.clm_offset = claim_.clm_offset;
    l.claim_id = claim_.claim_id;
    l.line_number = f[1];
    for (std::string *x :
         {&l.procedure_qualifier, &l.procedure_code, &l.modifiers, &l.revenue_code,
          &l.charge_amount, &l.units_qualifier, &l.units, &l.place_of_service,
          &l.diagnosis_pointers, &l.service_date, &l.line_control_number,
          &l.rendering_provider_npi, &l.ndc, &l.tooth})
      x->clear();
  }

  void procedure(const segment_fields &f, std::size_t element) {
    line_.procedure_qualifier = f.component(element, 1);
    line_.procedure_code = f.component(element, 2);
    line_.modifiers = joined(f, element, 3, 6);
  }

  void line(const segment_fields &f) {
    std::string_view id = f.id();
    billed_line_row &l = line_;
    if (id == "SVD") {
      where_ = place::line_other;
    } else if (id == "NM1") {
      entity_ = f[1];
      if (entity_ == "82")
        l.rendering_provider_npi = npi(f);
    } else if (!entity_.empty()) {
      return; // a 2420 loop's own segments
    } else if (id == "SV1") {
      procedure(f, 1);
      l.charge_amount = f[2];
      l.units_qualifier = f[3];
      l.units = f[4];
      l.place_of_service = f[5];
      l.diagnosis_pointers = joined(f, 7, 1, 4);
    } else if (id == "SV2") {
      l.revenue_code = f[1];
      procedure(f, 2);
      l.charge_amount = f[3];
      l.units_qualifier = f[4];
      l.units = f[5];
    } else if (id == "SV3") {
      procedure(f, 1);
      l.charge_amount = f[2];
      l.place_of_service = f[3];
      l.units = f[6];
      l.diagnosis_pointers = joined(f, 11, 1, 4);
    } else if (id == "DTP" && f[1] == "472") {
      l.service_date = dtp_date(f[2], f[3]);
      line_dates(f[2], f[3]);
    } else if (id == "REF" && f[1] == "6R") {
      l.line_control_number = f[2];
    } else if (id == "LIN" && f[2] == "N4") {
      l.ndc = f[3];
    } else if (id == "TOO" && !f[2].empty()) {
      if (!l.tooth.empty())
        l.tooth.push_back(':');
      l.tooth.append(f[2]);
    }
  }

  // The earliest and latest line dates, for a claim that gives no period.
  void line_dates(std::string_view format, std::string_view value) {
    std::string_view first = value, last = value;
    std::size_t dash = value.find('-');
    if (format == "RD8" && dash != std::string_view::npos) {
      first = value.substr(0, dash);
      last = value.substr(dash + 1);
    }
    if (first_line_date_.empty() || first < first_line_date_)
      first_line_date_ = first;
    if (last_line_date_.empty() || last > last_line_date_)
      last_line_date_ = last;
  }

  void end_line() {
    if (where_ != place::line && where_ != place::line_other)
      return;
    if (cb_.line)
      cb_.line(line_);
    where_ = place::claim;
  }

  void end_claim() {
    if (!in_claim())
      return;
    end_line();
    billed_claim_row &c = claim_;
    const dtp &period = !statement_.value.empty() ? statement_ : service_;
    if (!period.value.empty()) {
      std::string d = dtp_date(period.format, period.value);
      std::size_t slash = d.find('/');
      c.service_date_start = d.substr(0, slash);
      c.service_date_end = slash == std::string::npos ? d : d.substr(slash + 1);
    } else {
      c.service_date_start = iso_date(first_line_date_);
      c.service_date_end = iso_date(last_line_date_);
    }
    if (cb_.claim)
      cb_.claim(c);
    where_ = place::header;
  }

  struct dtp {
    std::string format, value;
    void set(const segment_fields &f) {
      format = f[2];
      value = f[3];
    }
  };

  const claim_callbacks &cb_;
  billing_context billing_;
  subscriber_context subscriber_;
  person patient_;
  bool has_patient_ = false;
  billed_claim_row claim_;
  billed_line_row line_;
  std::string entity_; // NM101 of the loop being read inside the current one
  dtp statement_, service_;
  std::string first_line_date_, last_line_date_;
  std::uint64_t diagnoses_ = 0, claims_ = 0;
  place where_ = place::header;
  bool open_ = false;
};

} // namespace

std::string_view claim_type_of(std::string_view guide) noexcept {
  if (guide.find("X222") != std::string_view::npos)
    return "P";
  if (guide.find("X223") != std::string_view::npos)
    return "I";
  if (guide.find("X224") != std::string_view::npos)
    return "D";
  return {};
}

claim_summary read_claims(input_buffer &in, const claim_callbacks &callbacks,
                          finding_sink sink) {
  claim_summary summary;
  claim_reader claims(in.name(), callbacks);
  read_transactions(in, "837", std::move(sink), claims, summary);
  return summary;
}

} // namespace x12
