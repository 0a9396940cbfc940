// read_claim_document: JSON to a claim_document, with every problem named
// by its JSON path. Which fields a claim and a line take depends on the
// guide, so the guide is read first.

#include <algorithm>
#include <boost/json.hpp>
#include <fmt/format.h>
#include <map>

#include "convert/json_fields.h"
#include "x12/claim_document.h"
#include "x12/codes.h"

namespace x12 {
namespace {

using boost::json::value;
using detail::charset;
using detail::item_path;
using detail::json_fields;
using detail::need;

bool is_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

bool one_of(std::string_view s, std::initializer_list<std::string_view> codes) {
  return std::find(codes.begin(), codes.end(), s) != codes.end();
}

// How many diagnoses and lines a claim may have, and which fields, by guide.
struct guide_rules {
  claim_guide guide;
  std::string_view name; // "837P"
  std::size_t min_diagnoses, max_diagnoses, max_lines;
  std::initializer_list<std::string_view> claim_fields, line_fields;
};

const guide_rules professional_rules{
    .guide = claim_guide::professional,
    .name = "837P",
    .min_diagnoses = 1,
    .max_diagnoses = 12,
    .max_lines = 50,
    .claim_fields = {"id", "total", "place_of_service", "frequency", "diagnoses",
                     "prior_authorization", "rendering_provider", "lines"},
    .line_fields = {"procedure", "modifiers", "charge", "units", "date", "diagnosis_pointers",
                    "control_number"}};
// Principal, then up to 24 others in two HI segments.
const guide_rules institutional_rules{
    .guide = claim_guide::institutional,
    .name = "837I",
    .min_diagnoses = 1,
    .max_diagnoses = 25,
    .max_lines = 999,
    .claim_fields = {"id", "total", "facility_type", "frequency", "statement_from", "statement_to",
                     "admission_date", "admission_type", "admission_source", "patient_status",
                     "diagnoses", "admitting_diagnosis", "prior_authorization",
                     "attending_provider", "operating_provider", "lines"},
    .line_fields = {"revenue_code", "procedure", "modifiers", "charge", "units", "date",
                    "control_number"}};
const guide_rules dental_rules{.guide = claim_guide::dental,
                               .name = "837D",
                               .min_diagnoses = 0,
                               .max_diagnoses = 4,
                               .max_lines = 50,
                               .claim_fields = {"id", "total", "place_of_service", "frequency",
                                                "diagnoses", "prior_authorization",
                                                "rendering_provider", "lines"},
                               .line_fields = {"procedure", "modifiers", "charge", "units", "date",
                                               "diagnosis_pointers", "teeth", "control_number"}};

bool procedure_shape(claim_guide g, std::string_view code) {
  if (g == claim_guide::dental) // CDT: D and four digits
    return code.size() == 5 && code[0] == 'D' && is_digits(code.substr(1));
  return cpt_shape(code) || hcpcs_shape(code);
}

bool tooth_number(std::string_view t) {
  if (is_digits(t) && t.size() <= 2) {
    int n = std::stoi(std::string(t));
    return (n >= 1 && n <= 32) || (n >= 51 && n <= 82); // permanent, supernumerary
  }
  // Primary teeth A-T, supernumerary AS-TS.
  return (t.size() == 1 || (t.size() == 2 && t[1] == 'S')) && t[0] >= 'A' && t[0] <= 'T';
}

class document_reader {
public:
  explicit document_reader(detail::problems &p) : p_(p) {}

  claim_document read(const value &root);

private:
  void check(const json_fields &f, std::string_view key, const std::string &v, bool ok,
             std::string_view expected) const {
    if (!v.empty() && !ok)
      f.problem(key, fmt::format("expected {}", expected));
  }
  std::string code(const json_fields &f, std::string_view key, need n,
                   std::initializer_list<std::string_view> codes, std::string_view expected) {
    std::string v = f.text(key, n, 3);
    check(f, key, v, one_of(v, codes), expected);
    return v;
  }
  std::string npi(const json_fields &f, need n) {
    std::string v = f.text("npi", n, 10, 10, charset::digits);
    if (std::string_view why = npi_problem(v); !v.empty() && !why.empty())
      f.problem("npi", fmt::format("the NPI {}", why));
    return v;
  }
  std::string taxonomy(const json_fields &f) {
    return f.text("taxonomy", need::optional, 10, 10, charset::alnum);
  }

  std::optional<postal_address> address(const json_fields &parent, std::string_view key, need n,
                                        bool zip_plus_four = false);
  /// The sender (with its `contact`) or the receiver (`who` null).
  trading_party party(const json_fields &parent, std::string_view key, contact *who);
  provider billing_provider(const json_fields &parent, postal_address &where);
  std::optional<provider> clinician(const json_fields &parent, std::string_view key);
  void person_fields(const json_fields &f, person &who, need demographics);
  x12::payer payer(const json_fields &parent);
  subscriber read_subscriber(const value &v, const std::string &path);
  patient read_patient(const value &v, const std::string &path, const subscriber &s);
  std::vector<claim> claims(const json_fields &parent, need n);
  claim read_claim(const value &v, const std::string &path);
  std::vector<std::string> diagnoses(const json_fields &f, std::string_view key, std::size_t min,
                                     std::size_t max);
  /// `priced` says whether the charge was read, so a total is checked
  /// against whole sums only.
  service_line read_line(const value &v, const std::string &path, std::size_t diagnoses,
                         bool &priced);
  void institutional(const json_fields &f, claim &c);

  detail::problems &p_;
  const guide_rules *rules_ = &professional_rules;
  // Claim IDs seen, with where, so a repeat can name the first.
  std::map<std::string, std::string> claim_ids_;
};

std::optional<postal_address> document_reader::address(const json_fields &parent,
                                                       std::string_view key, need n,
                                                       bool zip_plus_four) {
  json_fields f(parent.find(key), parent.at(key), p_, {"line1", "line2", "city", "state", "zip"},
                n);
  if (!f.present())
    return std::nullopt;
  postal_address a;
  a.line1 = f.text("line1", need::required, 55);
  a.line2 = f.text("line2", need::optional, 55);
  a.city = f.text("city", need::required, 30, 2);
  a.state = f.text("state", need::required, 2, 2);
  check(f, "state", a.state, valid_state(a.state), "a US state or Canadian province code");
  a.zip = f.text("zip", need::required, 9, 5, charset::digits);
  if (zip_plus_four)
    check(f, "zip", a.zip, a.zip.size() == 9, "the 9-digit ZIP+4 a billing provider needs");
  else
    check(f, "zip", a.zip, valid_zip(a.zip), "a 5- or 9-digit ZIP code");
  return a;
}

trading_party document_reader::party(const json_fields &parent, std::string_view key,
                                     contact *who) {
  std::initializer_list<std::string_view> sender_fields = {"name", "id", "qualifier", "contact"},
                                          receiver_fields = {"name", "id", "qualifier"};
  json_fields f(parent.find(key), parent.at(key), p_, who ? sender_fields : receiver_fields);
  trading_party t;
  t.name = f.text("name", need::required, 60);
  // The ID goes into the ISA (15 characters) and the GS (2 to 15).
  t.id = f.text("id", need::required, 15, 2);
  if (std::string q = f.text("qualifier", need::optional, 2, 2, charset::alnum); !q.empty())
    t.qualifier = q;
  if (who && f.present()) {
    json_fields c(f.find("contact"), f.at("contact"), p_, {"name", "phone", "email"});
    who->name = c.text("name", need::optional, 60);
    who->phone = c.text("phone", need::optional, 20, 10, charset::digits);
    who->email = c.text("email", need::optional, 256);
    if (c.present() && !c.find("phone") && !c.find("email"))
      c.problem("", "needs a phone or an email");
  }
  return t;
}

provider document_reader::billing_provider(const json_fields &parent, postal_address &where) {
  json_fields f(parent.find("billing_provider"), parent.at("billing_provider"), p_,
                {"name", "last_name", "first_name", "npi", "tax_id", "taxonomy", "address"});
  provider b;
  if (!f.present())
    return b;
  if (f.find("name") || !f.find("last_name")) {
    b.name = f.text("name", need::required, 60);
    if (f.find("last_name") || f.find("first_name"))
      f.problem("name", "give a name (an organization) or last_name and first_name (a person), "
                        "not both");
  } else {
    b.last_name = f.text("last_name", need::required, 60);
    b.first_name = f.text("first_name", need::required, 35);
  }
  b.npi = npi(f, need::required);
  b.tax_id = f.text("tax_id", need::required, 9, 9, charset::digits);
  b.taxonomy = taxonomy(f);
  if (std::optional<postal_address> a = address(f, "address", need::required, true))
    where = *a;
  return b;
}

std::optional<provider> document_reader::clinician(const json_fields &parent,
                                                   std::string_view key) {
  json_fields f(parent.find(key), parent.at(key), p_,
                {"last_name", "first_name", "npi", "taxonomy"}, need::optional);
  if (!f.present())
    return std::nullopt;
  provider c;
  c.last_name = f.text("last_name", need::required, 60);
  c.first_name = f.text("first_name", need::optional, 35);
  c.npi = npi(f, need::required);
  c.taxonomy = taxonomy(f);
  return c;
}

void document_reader::person_fields(const json_fields &f, person &who, need demographics) {
  who.last_name = f.text("last_name", need::required, 60);
  who.first_name = f.text("first_name", need::optional, 35);
  who.middle_name = f.text("middle_name", need::optional, 25);
  who.birth_date = f.date("birth_date", demographics);
  who.gender = f.text("gender", demographics, 10); // checked as a code next
  check(f, "gender", who.gender, one_of(who.gender, {"F", "M", "U"}), "F, M or U");
}

x12::payer document_reader::payer(const json_fields &parent) {
  json_fields f(parent.find("payer"), parent.at("payer"), p_, {"name", "id", "address"});
  x12::payer py;
  py.name = f.text("name", need::required, 60);
  py.id = f.text("id", need::required, 80, 2);
  py.address = address(f, "address", need::optional);
  return py;
}

subscriber document_reader::read_subscriber(const value &v, const std::string &path) {
  json_fields f(&v, path, p_,
                {"member_id", "last_name", "first_name", "middle_name", "birth_date", "gender",
                 "address", "group_number", "payer_responsibility", "claim_filing_indicator",
                 "payer", "claims", "patients"});
  subscriber s;
  if (!f.present())
    return s;
  // Demographics and address are sent only when the subscriber is the
  // patient, and then the guide requires them.
  const value *own = f.find("claims");
  bool is_patient = own && own->is_array() && !own->get_array().empty();
  s.member_id = f.text("member_id", need::required, 80, 2);
  person_fields(f, s, is_patient ? need::required : need::optional);
  s.address = address(f, "address", is_patient ? need::required : need::optional);
  s.group_number = f.text("group_number", need::optional, 50);
  if (std::string r = code(f, "payer_responsibility", need::optional,
                           {"A", "B", "C", "D", "E", "F", "G", "H", "P", "S", "T", "U"},
                           "a payer responsibility code: P primary, S secondary, T tertiary, "
                           "A-H, U");
      !r.empty())
    s.payer_responsibility = r;
  if (std::string c = code(f, "claim_filing_indicator", need::optional,
                           {"11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS",
                            "FI", "HM", "LM", "MA", "MB", "MC", "OF", "TV", "VA", "WC", "ZZ"},
                           "a claim filing indicator code (CI commercial, MB Medicare Part B, "
                           "MC Medicaid, BL Blue Cross, ...)");
      !c.empty())
    s.claim_filing_indicator = c;
  s.payer = payer(f);
  s.claims = claims(f, need::optional);
  if (const boost::json::array *list = f.array("patients", need::optional))
    for (std::size_t i = 0; i < list->size(); ++i)
      s.patients.push_back(read_patient((*list)[i], item_path(f.at("patients"), i), s));
  if (s.claims.empty() && s.patients.empty())
    f.problem("", "has no claims and no patients");
  return s;
}

patient document_reader::read_patient(const value &v, const std::string &path,
                                      const subscriber &s) {
  json_fields f(&v, path, p_,
                {"last_name", "first_name", "middle_name", "birth_date", "gender", "relationship",
                 "address", "claims"});
  patient pt;
  if (!f.present())
    return pt;
  person_fields(f, pt, need::required);
  pt.relationship =
      code(f, "relationship", need::required, {"01", "19", "20", "21", "39", "40", "53", "G8"},
           "a patient relationship code: 01 spouse, 19 child, 20 employee, 21 unknown, "
           "39 organ donor, 40 cadaver donor, 53 life partner, G8 other");
  // A dependent usually lives with the subscriber.
  pt.address = address(f, "address", s.address ? need::optional : need::required);
  if (!pt.address)
    pt.address = s.address;
  pt.claims = claims(f, need::required);
  return pt;
}

std::vector<claim> document_reader::claims(const json_fields &parent, need n) {
  std::vector<claim> out;
  const boost::json::array *list = parent.array("claims", n);
  if (!list)
    return out;
  // 2300 repeats at most 100 times under one subscriber or patient.
  if (list->size() > 100)
    parent.problem("claims", "at most 100 claims per subscriber or patient");
  for (std::size_t i = 0; i < list->size(); ++i)
    out.push_back(read_claim((*list)[i], item_path(parent.at("claims"), i)));
  return out;
}

std::vector<std::string> document_reader::diagnoses(const json_fields &f, std::string_view key,
                                                    std::size_t min, std::size_t max) {
  std::vector<std::string> out;
  const boost::json::array *list = f.array(key, min > 0 ? need::required : need::optional);
  if (!list)
    return out;
  if (list->size() > max)
    f.problem(key, fmt::format("at most {} diagnoses on an {} claim", max, rules_->name));
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string path = item_path(f.at(key), i);
    std::string code = detail::read_text(&(*list)[i], path, p_, need::required, 3, 8).value_or("");
    if (std::string_view why = icd10cm_problem(code); !code.empty() && !why.empty())
      p_.add(path, fmt::format("the code {}", why));
    out.push_back(code);
  }
  return out;
}

void document_reader::institutional(const json_fields &f, claim &c) {
  c.facility_type = f.text("facility_type", need::required, 2, 2, charset::digits);
  c.statement_from = f.date("statement_from", need::required);
  c.statement_to = f.date("statement_to", need::required);
  if (!c.statement_from.empty() && !c.statement_to.empty() && c.statement_to < c.statement_from)
    f.problem("statement_to", "is before statement_from");
  // Inpatient claims (hospital, swing bed, skilled nursing) say when and
  // how the stay began; a hospital stay also why.
  bool inpatient = one_of(c.facility_type, {"11", "18", "21"});
  c.admission_date = f.date("admission_date", inpatient ? need::required : need::optional);
  c.admission_type =
      f.text("admission_type", inpatient ? need::required : need::optional, 1, 1, charset::digits);
  c.admission_source = f.text("admission_source", need::optional, 1, 1, charset::alnum);
  c.patient_status = f.text("patient_status", need::required, 2, 2, charset::digits);
  c.attending_provider = clinician(f, "attending_provider");
  c.operating_provider = clinician(f, "operating_provider");
  if (c.facility_type == "11" && !f.find("admitting_diagnosis"))
    f.problem("admitting_diagnosis", "required on a hospital inpatient claim (facility_type 11)");
  if (const value *v = f.find("admitting_diagnosis")) {
    c.admitting_diagnosis =
        detail::read_text(v, f.at("admitting_diagnosis"), p_, need::required, 3, 8).value_or("");
    if (std::string_view why = icd10cm_problem(c.admitting_diagnosis);
        !c.admitting_diagnosis.empty() && !why.empty())
      f.problem("admitting_diagnosis", fmt::format("the code {}", why));
  }
}

claim document_reader::read_claim(const value &v, const std::string &path) {
  json_fields f(&v, path, p_, rules_->claim_fields);
  claim c;
  if (!f.present())
    return c;
  c.id = f.text("id", need::required, 38);
  if (!c.id.empty()) {
    auto [first, fresh] = claim_ids_.emplace(c.id, f.at("id"));
    if (!fresh)
      f.problem("id", fmt::format("the same claim ID as {}", first->second));
  }
  if (rules_->guide == claim_guide::institutional)
    institutional(f, c);
  else {
    c.place_of_service = f.text("place_of_service", need::required, 2, 2, charset::digits);
    c.rendering_provider = clinician(f, "rendering_provider");
  }
  if (std::string freq = f.text("frequency", need::optional, 1, 1, charset::digits); !freq.empty())
    c.frequency = freq;
  c.prior_authorization = f.text("prior_authorization", need::optional, 50);
  c.diagnoses = diagnoses(f, "diagnoses", rules_->min_diagnoses, rules_->max_diagnoses);

  const boost::json::array *lines = f.array("lines", need::required);
  if (lines && lines->size() > rules_->max_lines)
    f.problem("lines",
              fmt::format("at most {} lines on an {} claim", rules_->max_lines, rules_->name));
  decimal sum = decimal::zero(2);
  bool all_priced = lines != nullptr, overflow = false;
  for (std::size_t i = 0; lines && i < lines->size(); ++i) {
    bool priced = false;
    c.lines.push_back(
        read_line((*lines)[i], item_path(f.at("lines"), i), c.diagnoses.size(), priced));
    all_priced = all_priced && priced;
    overflow = overflow || (priced && !sum.add(c.lines.back().charge));
  }
  std::optional<decimal> total = f.amount("total", need::optional);
  if (overflow)
    f.problem("lines", "the line charges add up to more than an amount can hold");
  else if (all_priced && total && !(*total == sum))
    f.problem("total", fmt::format("{} is not the sum of the line charges, {}", total->to_string(),
                                   sum.to_string()));
  c.total = total ? *total : sum;
  // The 837I names the surgeon of a surgical CPT code (10000-69999).
  for (std::size_t i = 0; rules_->guide == claim_guide::institutional && i < c.lines.size(); ++i) {
    const std::string &code = c.lines[i].procedure;
    if (!c.operating_provider && is_digits(code) && code >= "10000" && code <= "69999")
      p_.add(item_path(f.at("lines"), i) + ".procedure",
             "a surgical code (10000-69999) needs the claim's operating_provider");
  }
  return c;
}

service_line document_reader::read_line(const value &v, const std::string &path,
                                        std::size_t diagnoses, bool &priced) {
  json_fields f(&v, path, p_, rules_->line_fields);
  service_line l;
  priced = false;
  if (!f.present())
    return l;
  bool institutional = rules_->guide == claim_guide::institutional;
  if (institutional)
    l.revenue_code = f.text("revenue_code", need::required, 4, 4, charset::digits);
  l.procedure =
      f.text("procedure", institutional ? need::optional : need::required, 5, 5, charset::alnum);
  check(f, "procedure", l.procedure, procedure_shape(rules_->guide, l.procedure),
        rules_->guide == claim_guide::dental ? "a CDT code (D and 4 digits)"
                                             : "a CPT or HCPCS code");
  if (const boost::json::array *mods = f.array("modifiers", need::optional)) {
    if (mods->size() > 4)
      f.problem("modifiers", "at most 4 modifiers");
    if (!f.find("procedure") && !mods->empty())
      f.problem("modifiers", "modifiers need a procedure");
    for (std::size_t i = 0; i < mods->size(); ++i)
      l.modifiers.push_back(detail::read_text(&(*mods)[i], item_path(f.at("modifiers"), i), p_,
                                              need::required, 2, 2, charset::alnum)
                                .value_or(""));
  }
  if (std::optional<decimal> charge = f.amount("charge", need::required)) {
    l.charge = *charge;
    priced = true;
  }
  if (std::optional<decimal> units = f.quantity("units", need::optional))
    l.units = *units;
  l.date =
      f.date("date", rules_->guide == claim_guide::professional ? need::required : need::optional);
  l.control_number = f.text("control_number", need::optional, 50);

  if (const boost::json::array *ptrs =
          f.array("diagnosis_pointers",
                  rules_->guide == claim_guide::professional ? need::required : need::optional)) {
    if (ptrs->size() > 4)
      f.problem("diagnosis_pointers", "at most 4 pointers");
    for (std::size_t i = 0; i < ptrs->size(); ++i) {
      const value &p = (*ptrs)[i];
      std::int64_t n = p.is_int64() ? p.get_int64() : p.is_uint64() ? 1000 : 0;
      if (n < 1 || n > std::int64_t(diagnoses))
        p_.add(item_path(f.at("diagnosis_pointers"), i),
               diagnoses ? fmt::format("expected a number from 1 to {}, a position in the "
                                       "claim's diagnoses",
                                       diagnoses)
                         : "the claim has no diagnoses to point to");
      else
        l.diagnosis_pointers.push_back(unsigned(n));
    }
  }

  if (const boost::json::array *teeth = f.array("teeth", need::optional)) {
    if (teeth->size() > 32)
      f.problem("teeth", "at most 32 teeth per line");
    for (std::size_t i = 0; i < teeth->size(); ++i) {
      json_fields t(&(*teeth)[i], item_path(f.at("teeth"), i), p_, {"number", "surfaces"});
      tooth th;
      th.number = t.text("number", need::required, 2, 1, charset::alnum);
      check(t, "number", th.number, tooth_number(th.number),
            "a tooth number: 1-32 or 51-82 permanent, A-T or AS-TS primary");
      if (const boost::json::array *s = t.array("surfaces", need::optional)) {
        if (s->size() > 5)
          t.problem("surfaces", "at most 5 surfaces");
        for (std::size_t k = 0; k < s->size(); ++k) {
          std::string path_k = item_path(t.at("surfaces"), k);
          std::string surface =
              detail::read_text(&(*s)[k], path_k, p_, need::required, 1, 1).value_or("");
          if (!surface.empty() && !one_of(surface, {"M", "O", "I", "D", "B", "F", "L"}))
            p_.add(path_k, "expected a surface: M, O, I, D, B, F or L");
          th.surfaces.push_back(surface);
        }
      }
      l.teeth.push_back(std::move(th));
    }
  }
  return l;
}

claim_document document_reader::read(const value &root) {
  json_fields top(&root, "", p_,
                  {"guide", "test", "reference", "sender", "receiver", "billing_provider",
                   "pay_to_address", "subscribers"});
  claim_document doc;
  if (!top.present())
    return doc;
  // The guide decides which fields claims and lines take: without it, the
  // rest cannot be read.
  std::string guide = top.text("guide", need::required, 12);
  if (guide == "837P" || guide == guide_version(claim_guide::professional))
    rules_ = &professional_rules;
  else if (guide == "837I" || guide == guide_version(claim_guide::institutional))
    rules_ = &institutional_rules;
  else if (guide == "837D" || guide == guide_version(claim_guide::dental))
    rules_ = &dental_rules;
  else {
    if (!guide.empty())
      top.problem("guide", "expected 837P, 837I or 837D");
    return doc;
  }
  doc.guide = rules_->guide;
  doc.test = top.flag("test");
  doc.reference = top.text("reference", need::optional, 50);
  doc.sender = party(top, "sender", &doc.sender_contact);
  doc.receiver = party(top, "receiver", nullptr);
  doc.billing_provider = billing_provider(top, doc.billing_address);
  doc.pay_to_address = address(top, "pay_to_address", need::optional);
  if (const boost::json::array *list = top.array("subscribers", need::required))
    for (std::size_t i = 0; i < list->size(); ++i)
      doc.subscribers.push_back(read_subscriber((*list)[i], item_path("subscribers", i)));
  return doc;
}

// "line 3, column 14" of the byte at `offset`.
std::string position(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i, ++column)
    if (text[i] == '\n') {
      ++line;
      column = 0;
    }
  return fmt::format("line {}, column {}", line, column);
}

} // namespace

std::string_view guide_version(claim_guide g) noexcept {
  switch (g) {
  case claim_guide::professional:
    return "005010X222A1";
  case claim_guide::institutional:
    return "005010X223A2";
  case claim_guide::dental:
    return "005010X224A2";
  }
  return {};
}

result<claim_document> read_claim_document(std::string_view json) {
  // Editors on some systems start UTF-8 files with a byte order mark.
  if (json.substr(0, 3) == "\xEF\xBB\xBF")
    json.remove_prefix(3);
  boost::json::parser parser;
  boost::system::error_code ec;
  std::size_t used = parser.write(json.data(), json.size(), ec);
  if (ec)
    return failure{fmt::format("{}: not valid JSON: {}", position(json, used), ec.message())};
  value root = parser.release();
  detail::problems p;
  claim_document doc = document_reader(p).read(root);
  if (!p.empty())
    return p.to_failure();
  return doc;
}

} // namespace x12
