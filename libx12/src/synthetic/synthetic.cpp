#include "synthetic/synthetic.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>

namespace x12::synthetic {

std::uint64_t rng::next() noexcept {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t rng::below(std::uint64_t n) noexcept {
  // Lemire's multiply-shift: no modulo bias worth caring about for test data.
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
}

std::int64_t rng::between(std::int64_t lo, std::int64_t hi) noexcept {
  return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
}

std::string rng::digits(unsigned n) {
  std::string out(n, '0');
  for (char &c : out)
    c = static_cast<char>('0' + below(10));
  return out;
}

std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
  rng r(a ^ (b * 0xd6e8feb86659fd93ULL));
  r.next();
  return r.next();
}

char npi_check_digit(std::string_view first9) {
  // The NPI is a card number under issuer prefix 80840: Luhn over the
  // prefix and the nine digits, doubling from the rightmost.
  std::string payload = "80840" + std::string(first9);
  int sum = 0;
  bool twice = true;
  for (auto it = payload.rbegin(); it != payload.rend(); ++it, twice = !twice) {
    int d = *it - '0';
    if (twice && (d *= 2) > 9)
      d -= 9;
    sum += d;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

char routing_check_digit(std::string_view first8) {
  static constexpr int weights[] = {3, 7, 1, 3, 7, 1, 3, 7};
  int sum = 0;
  for (int i = 0; i < 8; ++i)
    sum += weights[i] * (first8[i] - '0');
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string ymd(std::int64_t days) {
  std::chrono::year_month_day d{std::chrono::sys_days{std::chrono::days{days}}};
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::string money(std::int64_t cents) {
  std::uint64_t abs = cents < 0 ? -static_cast<std::uint64_t>(cents) : cents;
  std::string out = fmt::format("{}{}", cents < 0 ? "-" : "", abs / 100);
  if (unsigned frac = abs % 100; frac != 0)
    out += frac % 10 == 0 ? fmt::format(".{}", frac / 10) : fmt::format(".{:02}", frac);
  return out;
}

std::string claim::line_control(unsigned i) const { return fmt::format("{}{:02}", id, i + 1); }

namespace {

std::string make_npi(rng &r) {
  std::string nine = std::to_string(r.between(1, 2)) + r.digits(8);
  return nine + npi_check_digit(nine);
}

std::string make_ein(rng &r) { return std::to_string(r.between(10, 98)) + r.digits(7); }

std::string make_routing(rng &r) {
  // Federal Reserve routing symbols 01-12 begin a valid ABA number.
  std::string eight = fmt::format("{:02}", r.between(1, 12)) + r.digits(6);
  return eight + routing_check_digit(eight);
}

address make_address(rng &r, const place &where, bool suite) {
  address a;
  a.line = fmt::format("{} {} {}", r.between(1, 9899), r.pick(streets), r.pick(street_kinds));
  if (suite)
    a.suite = fmt::format("SUITE {}", r.between(1, 6) * 100);
  a.where = &where;
  a.zip = fmt::format("{}{}", where.zip3, r.digits(2));
  a.zip4 = r.digits(4);
  return a;
}

// Fictional numbers: 555-0100 through 555-0199 are reserved for fiction.
std::string make_phone(rng &r, const place &where) {
  return fmt::format("{}5550{}", where.area_code, r.between(100, 199));
}

std::string initials(std::string_view name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    if (start && c >= 'A' && c <= 'Z')
      out += c;
    start = c == ' ';
  }
  while (out.size() < 3)
    out += 'X';
  return out.substr(0, 3);
}

organization make_organization(rng &r, std::string_view name) {
  organization o;
  o.name = name;
  o.office = make_address(r, r.pick(places), r.percent(30));
  o.ein = make_ein(r);
  o.phone = make_phone(r, *o.office.where);
  o.routing = make_routing(r);
  o.account = r.digits(static_cast<unsigned>(r.between(8, 12)));
  return o;
}

} // namespace

world::world(std::uint64_t seed_, std::int64_t today_) : seed(seed_), today(today_) {
  rng r(mix(seed, 0x776f726c64)); // "world"
  const payer_name &p = r.pick(payer_names);
  payer = make_organization(r, p.name);
  payer.id = r.digits(5);
  payer.contact = "EDI SUPPORT";
  payer.member_prefix = p.member_prefix;
  submitter = make_organization(r, r.pick(billing_services));
  submitter.id = initials(submitter.name) + r.digits(6);
  submitter.contact = fmt::format("{} {}", r.pick(female_names), r.pick(last_names));

  providers.resize(24);
  for (billing_provider &b : providers) {
    b.kind = &r.pick(specialties);
    const place &where = r.pick(places);
    b.name = fmt::format("{} {}", r.percent(50) ? r.pick(last_names) : where.city,
                         b.kind->org_suffix);
    b.npi = make_npi(r);
    b.ein = make_ein(r);
    b.office = make_address(r, where, r.percent(60));
    b.clinicians.resize(static_cast<std::size_t>(r.between(1, 4)));
    for (clinician &c : b.clinicians) {
      c.last = r.pick(last_names);
      c.first = r.percent(50) ? r.pick(female_names) : r.pick(male_names);
      c.npi = make_npi(r);
    }
    b.fee_percent = static_cast<unsigned>(r.between(85, 130));
    b.claim_prefix = initials(b.name);
    b.routing = make_routing(r);
    b.account = r.digits(static_cast<unsigned>(r.between(8, 12)));
    b.paid_by_check = r.percent(25);
  }
}

claim_stream::claim_stream(const world &w) : world_(&w), rng_(mix(w.seed, 0x636c61696d73)) {}

person claim_stream::make_person(std::int64_t min_age, std::int64_t max_age, char gender,
                                 std::string_view last) {
  person p;
  p.gender = gender;
  p.last = last.empty() ? rng_.pick(last_names) : last;
  p.first = gender == 'F' ? rng_.pick(female_names) : rng_.pick(male_names);
  if (rng_.percent(40))
    p.middle = std::string(1, static_cast<char>('A' + rng_.below(26)));
  // Born before the earliest service date (at most 45 days back), so a
  // newborn dependent is not seen before birth.
  p.birth = world_->today - 46 - rng_.between(min_age, max_age) * 365 - rng_.between(0, 364);
  // Most patients live near their practice.
  const place &where = rng_.percent(80) ? *provider_->office.where : rng_.pick(places);
  p.home = make_address(rng_, where, false);
  return p;
}

void claim_stream::new_block() {
  ++block_;
  block_left_ = static_cast<std::uint64_t>(rng_.between(100, 1500));
  provider_ = &world_->providers[rng_.below(world_->providers.size())];
  starts_block_ = true;
}

void claim_stream::new_subscriber() {
  bool pediatric = provider_->kind->org_suffix == "PEDIATRICS";
  char gender = rng_.percent(52) ? 'F' : 'M';
  subscriber_ = make_person(pediatric ? 24 : 18, pediatric ? 55 : 88, gender, {});
  member_id_ = fmt::format("{}{}", world_->payer.member_prefix, rng_.digits(9));
  group_ = fmt::format("G{}", rng_.digits(6));
  // A child's visits are billed under a parent's policy; adults now and
  // then claim for a spouse.
  dependent_count_ = 0;
  if (pediatric || rng_.percent(15)) {
    dependent_count_ = static_cast<unsigned>(rng_.between(1, 2));
    for (unsigned i = 0; i < dependent_count_; ++i) {
      bool child = pediatric || i > 0 || rng_.percent(60);
      char g = rng_.percent(50) ? 'F' : 'M';
      if (child) {
        dependents_[i] = make_person(0, pediatric ? 17 : 25, g, subscriber_.last);
        relationships_[i] = "19";
      } else {
        dependents_[i] = make_person(18, 88, gender == 'F' ? 'M' : 'F', subscriber_.last);
        relationships_[i] = "01";
      }
      dependents_[i].home = subscriber_.home;
    }
  }
  dependent_ = 0;
  starts_subscriber_ = true;
}

void claim_stream::new_claim() {
  const specialty &s = *provider_->kind;
  claim &c = claim_;
  c.number += 1;
  c.id = fmt::format("{}{:09}", provider_->claim_prefix, c.number);
  c.place_of_service = s.place_of_service;
  c.rendering = &provider_->clinicians[rng_.below(provider_->clinicians.size())];

  c.diagnosis_count = static_cast<unsigned>(rng_.between(1, 4));
  std::array<std::size_t, 4> dx{};
  for (unsigned i = 0; i < c.diagnosis_count; ++i) {
    do
      dx[i] = rng_.below(s.diagnoses.size());
    while (std::find(dx.begin(), dx.begin() + i, dx[i]) != dx.begin() + i);
    c.diagnoses[i] = s.diagnoses[dx[i]];
  }

  // Lines: one visit, then up to five distinct extras; most claims are short.
  static constexpr unsigned line_weights[] = {40, 25, 15, 10, 6, 4};
  unsigned roll = static_cast<unsigned>(rng_.below(100)), lines = 1;
  for (unsigned w : line_weights) {
    if (roll < w)
      break;
    roll -= w;
    ++lines;
  }
  c.line_count = std::min<unsigned>(lines, 1 + static_cast<unsigned>(s.extras.size()));
  std::array<std::size_t, 6> picked{};
  std::int64_t date = world_->today - rng_.between(3, 45);
  bool has_procedure = false;
  c.charge = 0;
  for (unsigned i = 0; i < c.line_count; ++i) {
    service_line &l = c.lines[i];
    if (i == 0) {
      l.proc = &rng_.pick(s.visits);
    } else {
      do
        picked[i] = rng_.below(s.extras.size());
      while (std::find(picked.begin() + 1, picked.begin() + i, picked[i]) != picked.begin() + i);
      l.proc = &s.extras[picked[i]];
    }
    has_procedure |= l.proc->is_procedure;
    l.units = static_cast<unsigned>(rng_.between(1, l.proc->max_units));
    std::int64_t price = (l.proc->dollars * provider_->fee_percent + 50) / 100;
    l.charge = std::max<std::int64_t>(price, 1) * 100 * l.units;
    l.date = date;
    switch (l.proc->modifier) {
    case modifier_rule::side:
      l.modifier = rng_.percent(50) ? "RT" : "LT";
      break;
    case modifier_rule::therapy:
      l.modifier = "GP";
      break;
    default:
      l.modifier = {};
      break;
    }
    // The first line points at every diagnosis, others at one of them.
    if (i == 0) {
      l.pointer_count = c.diagnosis_count;
      for (unsigned k = 0; k < c.diagnosis_count; ++k)
        l.pointers[k] = static_cast<std::uint8_t>(k + 1);
    } else {
      l.pointer_count = 1;
      l.pointers[0] = static_cast<std::uint8_t>(1 + rng_.below(c.diagnosis_count));
    }
    c.charge += l.charge;
  }
  if (has_procedure && c.lines[0].proc->modifier == modifier_rule::evaluation)
    c.lines[0].modifier = "25";
}

void claim_stream::advance() {
  starts_block_ = starts_subscriber_ = starts_patient_ = false;
  if (block_left_ == 0) {
    new_block();
    new_subscriber();
    patient_claims_left_ = 0;
  }
  if (patient_claims_left_ == 0) {
    if (!starts_subscriber_ && (!has_dependents() || dependent_ + 1 >= dependent_count_))
      new_subscriber();
    else if (!starts_subscriber_)
      ++dependent_;
    patient_claims_left_ = rng_.percent(70) ? 1 : static_cast<std::uint64_t>(rng_.between(2, 3));
    starts_patient_ = true;
  }
  new_claim();
  --patient_claims_left_;
  --block_left_;
}

claim_payment adjudicate(const claim &c, std::uint64_t seed) {
  rng r(mix(seed, c.number));
  claim_payment p;
  p.control_number = fmt::format("{}{:09}", r.between(10000, 99999), c.number);
  if (r.percent(5)) {
    // Denied: every line adjusted to zero under one contractual reason.
    static constexpr std::array reasons = {std::string_view("50"), std::string_view("197"),
                                           std::string_view("204"), std::string_view("96")};
    std::string_view why = r.pick(std::span<const std::string_view>(reasons));
    p.status = "4";
    for (unsigned i = 0; i < c.line_count; ++i) {
      line_payment &l = p.lines[i];
      l.adjustments[l.adjustment_count++] = {"CO", why, c.lines[i].charge};
    }
    return p;
  }
  p.status = "1";
  std::int64_t copay = r.percent(30) ? r.between(2, 5) * 1000 : 0;
  bool coinsurance = copay == 0 && r.percent(50);
  std::int64_t deductible = r.percent(15) ? r.between(25, 250) * 100 : 0;
  std::int64_t allowed_percent = r.between(55, 90);
  std::int64_t lines_paid = 0;
  for (unsigned i = 0; i < c.line_count; ++i) {
    const service_line &s = c.lines[i];
    line_payment &l = p.lines[i];
    if (i > 0 && r.percent(4)) {
      l.adjustments[l.adjustment_count++] = {"CO", "97", s.charge}; // bundled
      continue;
    }
    l.allowed = (s.charge * allowed_percent + 50) / 100;
    if (s.charge > l.allowed)
      l.adjustments[l.adjustment_count++] = {"CO", "45", s.charge - l.allowed};
    std::int64_t left = l.allowed;
    if (i == 0 && deductible > 0) {
      std::int64_t d = std::min(deductible, left);
      l.adjustments[l.adjustment_count++] = {"PR", "1", d};
      left -= d;
    }
    if (i == 0 && copay > 0 && left > 0) {
      std::int64_t d = std::min(copay, left);
      l.adjustments[l.adjustment_count++] = {"PR", "3", d};
      left -= d;
    } else if (coinsurance && left > 0) {
      std::int64_t d = (left * 20 + 50) / 100;
      l.adjustments[l.adjustment_count++] = {"PR", "2", d};
      left -= d;
    }
    l.paid = left;
    lines_paid += left;
  }
  // Now and then the deductible is taken from the claim as a whole.
  if (deductible == 0 && lines_paid > 0 && r.percent(8)) {
    std::int64_t d = std::min(lines_paid, r.between(10, 150) * 100);
    p.adjustments[p.adjustment_count++] = {"PR", "1", d};
  }
  p.paid = lines_paid;
  for (unsigned i = 0; i < p.adjustment_count; ++i)
    p.paid -= p.adjustments[i].amount;
  auto add_share = [&](const adjustment &a) {
    if (a.group == "PR")
      p.patient_share += a.amount;
  };
  for (unsigned i = 0; i < p.adjustment_count; ++i)
    add_share(p.adjustments[i]);
  for (unsigned i = 0; i < c.line_count; ++i)
    for (unsigned k = 0; k < p.lines[i].adjustment_count; ++k)
      add_share(p.lines[i].adjustments[k]);
  return p;
}

} // namespace x12::synthetic
