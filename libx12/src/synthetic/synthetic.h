#pragma once
// The made-up world behind x12::generate (private to libx12): a payer, a
// billing service, billing providers with their clinicians, and a stream of
// claims grouped the way 837P files group them (provider, subscriber,
// patient). Everything derives from one seed through a counter-free RNG, so
// the 837P and 835 generators can walk the same claims independently.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace x12::synthetic {

/// splitmix64: tiny, fast, and defined here rather than by the standard
/// library, whose distributions differ between implementations.
class rng {
public:
  explicit rng(std::uint64_t seed) noexcept : state_(seed) {}
  std::uint64_t next() noexcept;
  /// Uniform in [0, n); n > 0.
  std::uint64_t below(std::uint64_t n) noexcept;
  /// Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept;
  bool percent(unsigned p) noexcept { return below(100) < p; }
  template <class T> const T &pick(std::span<const T> items) noexcept {
    return items[below(items.size())];
  }
  /// `n` random decimal digits.
  std::string digits(unsigned n);

private:
  std::uint64_t state_;
};

/// A seed for an independent stream, e.g. one claim's adjudication.
std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept;

/// NPI check digit: Luhn over "80840" followed by the first nine digits.
char npi_check_digit(std::string_view first9);
/// ABA routing number check digit: weights 3, 7, 1 over the first eight.
char routing_check_digit(std::string_view first8);

/// Days since 1970-01-01 as CCYYMMDD.
std::string ymd(std::int64_t days);
/// Cents as an X12 decimal: "120", "120.5", "-0.75" (trailing zeros dropped).
std::string money(std::int64_t cents);

// --- the tables (synthetic_tables.cpp) ---

struct place {
  std::string_view city, state, zip3, area_code;
};

enum class modifier_rule : std::uint8_t {
  none,
  side,       // RT or LT
  therapy,    // GP: under a physical therapy plan of care
  evaluation, // 25 when the claim also has a procedure
};

struct procedure {
  std::string_view code;
  std::int32_t dollars; // list price per unit
  std::uint8_t max_units = 1;
  modifier_rule modifier = modifier_rule::none;
  bool is_procedure = false; // makes a same-day E/M take modifier 25
};

struct specialty {
  std::string_view org_suffix;
  std::string_view billing_taxonomy, rendering_taxonomy;
  std::string_view place_of_service;
  std::span<const procedure> visits; // a claim's first line
  std::span<const procedure> extras; // further lines, distinct
  std::span<const std::string_view> diagnoses; // ICD-10-CM, no decimal point
};

struct payer_name {
  std::string_view name, member_prefix;
};

extern const std::span<const std::string_view> last_names;
extern const std::span<const std::string_view> female_names;
extern const std::span<const std::string_view> male_names;
extern const std::span<const std::string_view> streets;
extern const std::span<const std::string_view> street_kinds;
extern const std::span<const place> places;
extern const std::span<const specialty> specialties;
extern const std::span<const payer_name> payer_names;
extern const std::span<const std::string_view> billing_services;

// --- the world ---

struct address {
  std::string line;      // "1234 OAK ST"
  std::string suite;     // "SUITE 200" or empty
  const place *where = nullptr;
  std::string zip;       // five digits
  std::string zip4;      // four more
};

struct person {
  std::string_view last, first;
  std::string middle; // one letter or empty
  char gender = 'F';
  std::int64_t birth = 0; // days since 1970
  address home;
};

struct clinician {
  std::string_view last, first;
  std::string npi;
};

struct billing_provider {
  std::string name;
  std::string npi, ein;
  address office;
  const specialty *kind = nullptr;
  std::vector<clinician> clinicians;
  unsigned fee_percent = 100; // this practice's prices against the list
  std::string claim_prefix;   // three letters that start its claim IDs
  std::string routing, account;
  bool paid_by_check = false;
};

struct organization {
  std::string_view name;
  std::string id;
  std::string ein;
  address office;
  std::string contact, phone;
  std::string routing, account;
  std::string_view member_prefix;
};

struct world {
  world(std::uint64_t seed, std::int64_t today);
  std::uint64_t seed;
  std::int64_t today; // days since 1970
  organization payer, submitter;
  std::vector<billing_provider> providers;
};

struct service_line {
  const procedure *proc = nullptr;
  std::string_view modifier;
  unsigned units = 1;
  std::int64_t charge = 0; // cents
  std::int64_t date = 0;
  std::array<std::uint8_t, 4> pointers{}; // 1-based into the claim's diagnoses
  unsigned pointer_count = 0;
};

struct claim {
  std::uint64_t number = 0; // 1-based over the file
  std::string id;           // CLM01 / CLP01
  std::string_view place_of_service;
  std::array<std::string_view, 4> diagnoses{};
  unsigned diagnosis_count = 0;
  std::array<service_line, 6> lines{};
  unsigned line_count = 0;
  std::int64_t charge = 0; // sum of the lines
  const clinician *rendering = nullptr;
  /// REF*6R of line `i` (0-based).
  std::string line_control(unsigned i) const;
};

/// Claims in file order. A block is a run of claims from one billing
/// provider; inside it, subscribers follow one another, each the patient
/// of their own claims or the holder of a policy covering dependents.
/// Copyable, so a caller can look ahead and come back.
class claim_stream {
public:
  explicit claim_stream(const world &w);
  /// Moves to the next claim (the first on the first call).
  void advance();

  const claim &current() const noexcept { return claim_; }
  const billing_provider &provider() const noexcept { return *provider_; }
  std::uint64_t block() const noexcept { return block_; }
  const person &subscriber() const noexcept { return subscriber_; }
  const std::string &member_id() const noexcept { return member_id_; }
  const std::string &group_number() const noexcept { return group_; }
  /// True when the subscriber's policy covers dependents who are the
  /// patients (2000C loops); false when the subscriber is the patient.
  bool has_dependents() const noexcept { return dependent_count_ > 0; }
  const person &patient() const noexcept {
    return has_dependents() ? dependents_[dependent_] : subscriber_;
  }
  /// PAT01 for a dependent: 01 spouse, 19 child.
  std::string_view relationship() const noexcept { return relationships_[dependent_]; }

  bool starts_block() const noexcept { return starts_block_; }
  bool starts_subscriber() const noexcept { return starts_subscriber_; }
  bool starts_patient() const noexcept { return starts_patient_; }

private:
  void new_block();
  void new_subscriber();
  void new_claim();
  person make_person(std::int64_t min_age, std::int64_t max_age, char gender,
                     std::string_view last);

  const world *world_;
  rng rng_;
  const billing_provider *provider_ = nullptr;
  claim claim_;
  std::uint64_t block_ = 0, block_left_ = 0, patient_claims_left_ = 0;
  person subscriber_;
  std::string member_id_, group_;
  std::array<person, 2> dependents_;
  std::array<std::string_view, 2> relationships_;
  unsigned dependent_count_ = 0, dependent_ = 0;
  bool starts_block_ = false, starts_subscriber_ = false, starts_patient_ = false;
};

// --- adjudication (835) ---

struct adjustment {
  std::string_view group; // CO, PR, OA
  std::string_view reason; // CARC
  std::int64_t amount = 0;
};

struct line_payment {
  std::int64_t allowed = 0, paid = 0;
  std::array<adjustment, 3> adjustments{};
  unsigned adjustment_count = 0;
};

struct claim_payment {
  std::string_view status; // CLP02: 1 processed as primary, 4 denied
  std::int64_t paid = 0;          // CLP04
  std::int64_t patient_share = 0; // CLP05: every PR adjustment
  std::array<adjustment, 1> adjustments{}; // claim level
  unsigned adjustment_count = 0;
  std::array<line_payment, 6> lines{};
  std::string control_number; // CLP07
};

/// How the payer settles `c`: a pure function of the claim and the seed.
/// Each line balances (charge - adjustments = paid) and so does the claim.
claim_payment adjudicate(const claim &c, std::uint64_t seed);

} // namespace x12::synthetic
