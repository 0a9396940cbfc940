// write_claim_document: a claim_document as one 837 interchange. The
// segment layout follows what the three guides require and x12 validate
// checks; HL and LX numbers and envelope counts come from here and
// envelope_writer, never from the document.

#include <array>
#include <fmt/format.h>

#include "x12/claim_document.h"

namespace x12 {
namespace {

class claim_writer {
public:
  claim_writer(envelope_writer &env, const claim_document &doc)
      : env_(env), doc_(doc), component_(env.delims().component) {}

  void transaction(std::string_view reference, std::string_view date, std::string_view time);

private:
  void seg(std::string_view id, std::initializer_list<std::string_view> elements) {
    env_.body(id, elements);
  }
  /// Parts joined by the component separator, trailing empty ones dropped.
  std::string composite(std::initializer_list<std::string_view> parts) const;
  /// "HC:99213:25": the code and its modifiers.
  std::string procedure(std::string_view qualifier, const service_line &l) const {
    std::string joined = fmt::format("{}{}{}", qualifier, component_, l.procedure);
    for (const std::string &m : l.modifiers)
      (joined += component_) += m;
    return joined;
  }
  /// The parts as components of one element.
  template <class Parts> std::string joined(const Parts &parts) const {
    std::string out;
    for (const auto &part : parts) {
      if (!out.empty())
        out += component_;
      out += fmt::format("{}", part);
    }
    return out;
  }

  void address(const postal_address &a) {
    seg("N3", {a.line1, a.line2});
    seg("N4", {a.city, a.state, a.zip});
  }
  void provider_name(std::string_view entity, const provider &p) {
    if (p.is_person())
      seg("NM1", {entity, "1", p.last_name, p.first_name, "", "", "", "XX", p.npi});
    else
      seg("NM1", {entity, "2", p.name, "", "", "", "", "XX", p.npi});
  }
  void clinician(std::string_view entity, std::string_view role, const provider &p) {
    provider_name(entity, p);
    if (!p.taxonomy.empty())
      seg("PRV", {role, "PXC", p.taxonomy});
  }
  void demographics(const person &p) { seg("DMG", {"D8", p.birth_date, p.gender}); }

  void billing_provider();
  /// One 2000B: the subscriber as the patient of `claims`, or (`claims`
  /// null) as the holder of the dependents' policy.
  void subscriber_level(const subscriber &s, const std::vector<claim> *claims);
  void patient_level(const patient &p, unsigned parent);
  void write_claim(const claim &c);
  void professional_lines(const claim &c);
  void institutional_claim(const claim &c);
  void dental_lines(const claim &c);
  void line_tail(const service_line &l) {
    if (!l.date.empty())
      seg("DTP", {"472", "D8", l.date});
    if (!l.control_number.empty())
      seg("REF", {"6R", l.control_number});
  }

  envelope_writer &env_;
  const claim_document &doc_;
  char component_;
  unsigned hl_ = 0;
};

std::string claim_writer::composite(std::initializer_list<std::string_view> parts) const {
  return join_components(component_, parts);
}

void claim_writer::transaction(std::string_view reference, std::string_view date,
                               std::string_view time) {
  env_.begin_transaction("837", "", guide_version(doc_.guide));
  seg("BHT", {"0019", "00", reference, date, time, "CH"});
  seg("NM1", {"41", "2", doc_.sender.name, "", "", "", "", "46", doc_.sender.id});
  const contact &c = doc_.sender_contact;
  if (c.phone.empty())
    seg("PER", {"IC", c.name, "EM", c.email});
  else
    seg("PER", {"IC", c.name, "TE", c.phone, c.email.empty() ? "" : "EM", c.email});
  seg("NM1", {"40", "2", doc_.receiver.name, "", "", "", "", "46", doc_.receiver.id});
  billing_provider();
  for (const subscriber &s : doc_.subscribers) {
    // A subscriber who is a patient and also holds dependents' policy gets
    // two 2000B levels: a patient's claims never sit beside 2000C children.
    if (!s.claims.empty())
      subscriber_level(s, &s.claims);
    if (!s.patients.empty()) {
      subscriber_level(s, nullptr);
      unsigned parent = hl_;
      for (const patient &p : s.patients)
        patient_level(p, parent);
    }
  }
  env_.end_transaction();
}

void claim_writer::billing_provider() {
  const provider &b = doc_.billing_provider;
  seg("HL", {std::to_string(++hl_), "", "20", "1"});
  if (!b.taxonomy.empty())
    seg("PRV", {"BI", "PXC", b.taxonomy});
  provider_name("85", b);
  address(doc_.billing_address);
  seg("REF", {"EI", b.tax_id});
  if (doc_.pay_to_address) {
    seg("NM1", {"87", b.is_person() ? "1" : "2"});
    address(*doc_.pay_to_address);
  }
}

void claim_writer::subscriber_level(const subscriber &s, const std::vector<claim> *claims) {
  seg("HL", {std::to_string(++hl_), "1", "22", claims ? "0" : "1"});
  seg("SBR", {s.payer_responsibility, claims ? "18" : "", s.group_number, "", "", "", "", "",
              s.claim_filing_indicator});
  seg("NM1", {"IL", "1", s.last_name, s.first_name, s.middle_name, "", "", "MI", s.member_id});
  if (s.address)
    address(*s.address);
  if (claims)
    demographics(s);
  seg("NM1", {"PR", "2", s.payer.name, "", "", "", "", "PI", s.payer.id});
  if (s.payer.address)
    address(*s.payer.address);
  if (claims)
    for (const claim &c : *claims)
      write_claim(c);
}

void claim_writer::patient_level(const patient &p, unsigned parent) {
  seg("HL", {std::to_string(++hl_), std::to_string(parent), "23", "0"});
  seg("PAT", {p.relationship});
  seg("NM1", {"QC", "1", p.last_name, p.first_name, p.middle_name});
  if (p.address)
    address(*p.address);
  demographics(p);
  for (const claim &c : p.claims)
    write_claim(c);
}

void claim_writer::write_claim(const claim &c) {
  if (doc_.guide == claim_guide::institutional) {
    institutional_claim(c);
    return;
  }
  seg("CLM", {c.id, c.total.to_string(), "", "", composite({c.place_of_service, "B", c.frequency}),
              "Y", "A", "Y", "Y"});
  if (!c.prior_authorization.empty())
    seg("REF", {"G1", c.prior_authorization});
  if (!c.diagnoses.empty()) {
    std::array<std::string, 12> hi;
    for (std::size_t i = 0; i < c.diagnoses.size() && i < hi.size(); ++i)
      hi[i] = composite({i == 0 ? "ABK" : "ABF", c.diagnoses[i]});
    seg("HI",
        {hi[0], hi[1], hi[2], hi[3], hi[4], hi[5], hi[6], hi[7], hi[8], hi[9], hi[10], hi[11]});
  }
  if (c.rendering_provider)
    clinician("82", "PE", *c.rendering_provider);
  if (doc_.guide == claim_guide::professional)
    professional_lines(c);
  else
    dental_lines(c);
}

void claim_writer::professional_lines(const claim &c) {
  unsigned lx = 0;
  for (const service_line &l : c.lines) {
    seg("LX", {std::to_string(++lx)});
    seg("SV1", {procedure("HC", l), l.charge.to_string(), "UN", l.units.to_string(), "", "",
                joined(l.diagnosis_pointers)});
    line_tail(l);
  }
}

void claim_writer::dental_lines(const claim &c) {
  unsigned lx = 0;
  for (const service_line &l : c.lines) {
    seg("LX", {std::to_string(++lx)});
    seg("SV3", {procedure("AD", l), l.charge.to_string(), "", "", "", l.units.to_string(), "", "",
                "", "", joined(l.diagnosis_pointers)});
    for (const tooth &t : l.teeth)
      seg("TOO", {"JP", t.number, joined(t.surfaces)});
    line_tail(l);
  }
}

void claim_writer::institutional_claim(const claim &c) {
  seg("CLM", {c.id, c.total.to_string(), "", "", composite({c.facility_type, "A", c.frequency}), "",
              "A", "Y", "Y"});
  seg("DTP", {"434", "RD8", c.statement_from + "-" + c.statement_to});
  if (!c.admission_date.empty())
    seg("DTP", {"435", "D8", c.admission_date});
  seg("CL1", {c.admission_type, c.admission_source, c.patient_status});
  if (!c.prior_authorization.empty())
    seg("REF", {"G1", c.prior_authorization});
  if (!c.diagnoses.empty())
    seg("HI", {composite({"ABK", c.diagnoses[0]})});
  if (!c.admitting_diagnosis.empty())
    seg("HI", {composite({"ABJ", c.admitting_diagnosis})});
  // Other diagnoses, twelve to an HI segment.
  for (std::size_t from = 1; from < c.diagnoses.size(); from += 12) {
    std::array<std::string, 12> hi;
    for (std::size_t i = 0; i < hi.size() && from + i < c.diagnoses.size(); ++i)
      hi[i] = composite({"ABF", c.diagnoses[from + i]});
    seg("HI",
        {hi[0], hi[1], hi[2], hi[3], hi[4], hi[5], hi[6], hi[7], hi[8], hi[9], hi[10], hi[11]});
  }
  if (c.attending_provider)
    clinician("71", "AT", *c.attending_provider);
  if (c.operating_provider)
    provider_name("72", *c.operating_provider); // 2310B has no PRV
  unsigned lx = 0;
  for (const service_line &l : c.lines) {
    seg("LX", {std::to_string(++lx)});
    seg("SV2", {l.revenue_code, l.procedure.empty() ? "" : procedure("HC", l), l.charge.to_string(),
                "UN", l.units.to_string()});
    line_tail(l);
  }
}

} // namespace

void write_claim_document(const claim_document &doc, output_file &out,
                          envelope_settings &settings) {
  writer w(out, delimiters{}, "\n");
  envelope_writer env(w, settings);
  interchange_header isa;
  isa.sender_qualifier = doc.sender.qualifier;
  isa.sender_id = doc.sender.id;
  isa.receiver_qualifier = doc.receiver.qualifier;
  isa.receiver_id = doc.receiver.id;
  isa.usage = doc.test ? "T" : "P";
  env.begin_interchange(isa);
  group_header gs;
  gs.functional_id = "HC";
  gs.sender = doc.sender.id;
  gs.receiver = doc.receiver.id;
  gs.version = std::string(guide_version(doc.guide));
  env.begin_group(gs);
  claim_writer(env, doc).transaction(
      doc.reference.empty() ? env.interchange_control_number() : doc.reference,
      format_utc(settings.now, "%Y%m%d"), format_utc(settings.now, "%H%M"));
  env.end_group();
  env.end_interchange();
}

} // namespace x12
