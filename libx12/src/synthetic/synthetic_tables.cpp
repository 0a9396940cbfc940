// The vocabulary of the synthetic world. Names are common ones combined at
// random, so no generated person is anyone in particular. Codes are real
// and current (ICD-10-CM FY2024, CPT/HCPCS) so generated files pass code
// checks; prices are plausible list prices, not any payer's schedule.

#include "synthetic/synthetic.h"

namespace x12::synthetic {
namespace {

using m = modifier_rule;
using namespace std::string_view_literals;

constexpr std::array last_names_ = {
    "ABBOTT"sv,   "ALVAREZ"sv,  "BAKER"sv,    "BENNETT"sv,  "BROOKS"sv,   "CARTER"sv,
    "CHEN"sv,     "COLLINS"sv,  "CRUZ"sv,     "DAVIS"sv,    "DIAZ"sv,     "EDWARDS"sv,
    "EVANS"sv,    "FISHER"sv,   "FOSTER"sv,   "GARCIA"sv,   "GRAHAM"sv,   "GRAY"sv,
    "HALL"sv,     "HARTWELL"sv, "HAYES"sv,    "HUGHES"sv,   "JENKINS"sv,  "JOHNSON"sv,
    "KELLY"sv,    "KIM"sv,      "LEWIS"sv,    "LOPEZ"sv,    "MARSH"sv,    "MARTIN"sv,
    "MEYER"sv,    "MILLER"sv,   "MORGAN"sv,   "MURPHY"sv,   "NGUYEN"sv,   "OKAFOR"sv,
    "PARKER"sv,   "PATEL"sv,    "PERRY"sv,    "PHILLIPS"sv, "PRICE"sv,    "QUINN"sv,
    "REED"sv,     "REYES"sv,    "RIVERA"sv,   "ROSS"sv,     "SANDERS"sv,  "SHAW"sv,
    "SINGH"sv,    "STEWART"sv,  "SULLIVAN"sv, "TANAKA"sv,   "TORRES"sv,   "TURNER"sv,
    "WALSH"sv,    "WARD"sv,     "WATSON"sv,   "WELLS"sv,    "WRIGHT"sv,   "YOUNG"sv,
};

constexpr std::array female_names_ = {
    "ABIGAIL"sv, "ALICE"sv,  "AMARA"sv,    "ANNA"sv,  "CAROL"sv,  "CLARA"sv,   "DIANA"sv,
    "ELENA"sv,   "EMMA"sv,   "GRACE"sv,    "HANNAH"sv, "IRIS"sv,  "JUNE"sv,    "KAREN"sv,
    "LAURA"sv,   "LEAH"sv,   "LUCIA"sv,    "MAYA"sv,  "MEI"sv,    "NORA"sv,    "OLIVIA"sv,
    "PRIYA"sv,   "ROSA"sv,   "RUTH"sv,     "SARAH"sv, "SOFIA"sv,  "TERESA"sv,  "VIOLET"sv,
    "WENDY"sv,   "ZOE"sv,
};

constexpr std::array male_names_ = {
    "AARON"sv,  "ADAM"sv,   "ARJUN"sv,  "BENJAMIN"sv, "CALEB"sv, "CARLOS"sv, "DANIEL"sv,
    "DAVID"sv,  "ELIJAH"sv, "ETHAN"sv,  "FELIX"sv,    "GEORGE"sv, "HENRY"sv, "ISAAC"sv,
    "JAMES"sv,  "JOSEPH"sv, "KENJI"sv,  "LEO"sv,      "LUIS"sv,  "MARCUS"sv, "NATHAN"sv,
    "OMAR"sv,   "OWEN"sv,   "PAUL"sv,   "RAFAEL"sv,   "SAMUEL"sv, "THOMAS"sv, "VICTOR"sv,
    "WALTER"sv, "WESLEY"sv,
};

constexpr std::array streets_ = {
    "MAIN"sv,   "OAK"sv,     "MAPLE"sv,   "CEDAR"sv,  "ELM"sv,      "PINE"sv,    "WASHINGTON"sv,
    "LAKE"sv,   "HILL"sv,    "PARK"sv,    "RIVER"sv,  "SPRING"sv,   "RIDGE"sv,   "MILL"sv,
    "CHURCH"sv, "WALNUT"sv,  "HIGHLAND"sv, "SUNSET"sv, "FOREST"sv,  "MEADOW"sv,  "JEFFERSON"sv,
    "LINCOLN"sv, "BIRCH"sv,  "WILLOW"sv,
};

constexpr std::array street_kinds_ = {"ST"sv, "AVE"sv, "RD"sv, "DR"sv,
                                      "LN"sv, "BLVD"sv, "CT"sv, "WAY"sv};

constexpr std::array places_ = {
    place{"SPRINGFIELD", "IL", "627", "217"}, place{"COLUMBUS", "OH", "432", "614"},
    place{"MADISON", "WI", "537", "608"},     place{"AUSTIN", "TX", "787", "512"},
    place{"DENVER", "CO", "802", "303"},      place{"PORTLAND", "OR", "972", "503"},
    place{"RALEIGH", "NC", "276", "919"},     place{"TUCSON", "AZ", "857", "520"},
    place{"OMAHA", "NE", "681", "402"},       place{"BOISE", "ID", "837", "208"},
    place{"RICHMOND", "VA", "232", "804"},    place{"ALBANY", "NY", "122", "518"},
    place{"DAYTON", "OH", "454", "937"},      place{"FRESNO", "CA", "937", "559"},
    place{"KNOXVILLE", "TN", "379", "865"},   place{"SAVANNAH", "GA", "314", "912"},
    place{"SPOKANE", "WA", "992", "509"},     place{"WICHITA", "KS", "672", "316"},
    place{"BURLINGTON", "VT", "054", "802"},  place{"FARGO", "ND", "581", "701"},
    place{"RENO", "NV", "895", "775"},        place{"ERIE", "PA", "165", "814"},
};

// --- family and internal medicine ---
constexpr std::array primary_visits = {
    procedure{"99213", 110, 1, m::evaluation}, procedure{"99214", 165, 1, m::evaluation},
    procedure{"99215", 225, 1, m::evaluation}, procedure{"99203", 140, 1, m::evaluation},
    procedure{"99204", 210, 1, m::evaluation}, procedure{"99212", 75, 1, m::evaluation},
    procedure{"99396", 225},                   procedure{"99395", 210},
    procedure{"99397", 240},
};
constexpr std::array primary_extras = {
    procedure{"36415", 12}, procedure{"85025", 21}, procedure{"80053", 29},
    procedure{"80061", 37}, procedure{"83036", 26}, procedure{"81002", 9},
    procedure{"84443", 42}, procedure{"82306", 55}, procedure{"93000", 58},
    procedure{"94010", 60}, procedure{"71046", 95}, procedure{"87880", 31},
    procedure{"90471", 28, 1, m::none, true}, procedure{"90686", 32},
    procedure{"90715", 55}, procedure{"96372", 45, 1, m::none, true},
    procedure{"J1885", 8, 2},
};
constexpr std::array primary_diagnoses = {
    "E119"sv,  "I10"sv,   "E785"sv,  "J069"sv,   "Z0000"sv, "Z23"sv,   "E1165"sv, "K219"sv,
    "F419"sv,  "F329"sv,  "E039"sv,  "R051"sv,   "J209"sv,  "N390"sv,  "Z79899"sv, "E559"sv,
    "R5383"sv, "D649"sv,  "G4733"sv, "E6601"sv,  "I2510"sv, "J449"sv,  "J45909"sv, "N1830"sv,
    "Z7901"sv, "R0602"sv, "B349"sv,  "J0190"sv,  "R1084"sv, "Z1211"sv,
};

// --- pediatrics ---
constexpr std::array pediatric_visits = {
    procedure{"99392", 165}, procedure{"99393", 170}, procedure{"99391", 155},
    procedure{"99213", 110, 1, m::evaluation}, procedure{"99214", 165, 1, m::evaluation},
    procedure{"99203", 140, 1, m::evaluation},
};
constexpr std::array pediatric_extras = {
    procedure{"90460", 30, 1, m::none, true}, procedure{"90461", 18, 2},
    procedure{"90700", 45}, procedure{"90707", 90}, procedure{"90716", 160},
    procedure{"90744", 40}, procedure{"90686", 32}, procedure{"87880", 31},
    procedure{"87804", 30}, procedure{"99173", 8}, procedure{"92551", 15},
    procedure{"96110", 20}, procedure{"81002", 9},
};
constexpr std::array pediatric_diagnoses = {
    "Z00129"sv, "Z00121"sv, "Z23"sv,  "J069"sv, "H6691"sv, "H6692"sv, "J029"sv,
    "B349"sv,   "R509"sv,   "J209"sv, "L309"sv, "J45909"sv, "R1084"sv, "K5900"sv,
};

// --- orthopaedics ---
constexpr std::array ortho_visits = {
    procedure{"99203", 150, 1, m::evaluation}, procedure{"99204", 225, 1, m::evaluation},
    procedure{"99213", 120, 1, m::evaluation}, procedure{"99214", 175, 1, m::evaluation},
};
constexpr std::array ortho_extras = {
    procedure{"73562", 88, 1, m::side},  procedure{"73030", 82, 1, m::side},
    procedure{"73110", 79, 1, m::side},  procedure{"73610", 80, 1, m::side},
    procedure{"20610", 140, 1, m::side, true}, procedure{"20550", 110, 1, m::none, true},
    procedure{"29125", 95, 1, m::side, true},  procedure{"J3301", 12, 4},
    procedure{"J1030", 18},              procedure{"73721", 650, 1, m::side},
};
constexpr std::array ortho_diagnoses = {
    "M1711"sv,  "M1712"sv, "M25561"sv,  "M25562"sv, "M5450"sv,   "S93401A"sv, "S83241A"sv,
    "M7541"sv,  "M75101"sv, "M7711"sv,  "M79604"sv, "G5601"sv,   "S52501A"sv, "M65311"sv,
};

// --- physical therapy ---
constexpr std::array therapy_visits = {
    procedure{"97161", 120, 1, m::therapy}, procedure{"97162", 140, 1, m::therapy},
    procedure{"97110", 45, 4, m::therapy},  procedure{"97140", 42, 3, m::therapy},
};
constexpr std::array therapy_extras = {
    procedure{"97112", 48, 3, m::therapy}, procedure{"97530", 50, 3, m::therapy},
    procedure{"97535", 47, 2, m::therapy}, procedure{"97750", 55, 2, m::therapy},
    procedure{"G0283", 20, 1, m::therapy}, procedure{"97035", 20, 1, m::therapy},
    procedure{"97116", 44, 2, m::therapy},
};
constexpr std::array therapy_diagnoses = {
    "M5450"sv, "M25561"sv, "M1711"sv, "M6281"sv, "R262"sv,  "S93401A"sv,
    "M7541"sv, "Z98890"sv, "M79604"sv, "G8929"sv,
};

// --- urgent care ---
constexpr std::array urgent_visits = {
    procedure{"99203", 160, 1, m::evaluation}, procedure{"99204", 235, 1, m::evaluation},
    procedure{"99213", 130, 1, m::evaluation}, procedure{"99214", 185, 1, m::evaluation},
    procedure{"99202", 95, 1, m::evaluation},
};
constexpr std::array urgent_extras = {
    procedure{"87880", 31}, procedure{"87804", 30}, procedure{"87635", 95},
    procedure{"81002", 9},  procedure{"36415", 12}, procedure{"85025", 21},
    procedure{"71046", 95}, procedure{"73610", 80, 1, m::side},
    procedure{"12002", 220, 1, m::none, true}, procedure{"96372", 45, 1, m::none, true},
    procedure{"J1885", 8, 2}, procedure{"J0696", 12, 4},
    procedure{"94640", 45, 1, m::none, true}, procedure{"J7613", 4, 2},
    procedure{"99051", 35},
};
constexpr std::array urgent_diagnoses = {
    "J069"sv,    "J029"sv,  "J0190"sv, "R051"sv,    "B349"sv,  "H6691"sv, "N390"sv,
    "S93401A"sv, "S61411A"sv, "R1084"sv, "R509"sv,  "L03115"sv, "T148XXA"sv, "J209"sv,
    "R112"sv,
};

constexpr std::array specialties_ = {
    specialty{"FAMILY MEDICINE", "207Q00000X", "207Q00000X", "11", primary_visits,
              primary_extras, primary_diagnoses},
    specialty{"INTERNAL MEDICINE ASSOCIATES", "207R00000X", "207R00000X", "11",
              primary_visits, primary_extras, primary_diagnoses},
    specialty{"PEDIATRICS", "208000000X", "208000000X", "11", pediatric_visits,
              pediatric_extras, pediatric_diagnoses},
    specialty{"ORTHOPEDIC GROUP", "207X00000X", "207X00000X", "11", ortho_visits,
              ortho_extras, ortho_diagnoses},
    specialty{"PHYSICAL THERAPY", "225100000X", "225100000X", "11", therapy_visits,
              therapy_extras, therapy_diagnoses},
    specialty{"URGENT CARE", "261QU0200X", "207P00000X", "20", urgent_visits,
              urgent_extras, urgent_diagnoses},
};

constexpr std::array payer_names_ = {
    payer_name{"SUMMIT MUTUAL HEALTH PLAN", "SMH"},
    payer_name{"BLUE HARBOR INSURANCE COMPANY", "BHI"},
    payer_name{"GREAT LAKES CARE NETWORK", "GLC"},
    payer_name{"PRAIRIE STAR HEALTH PLAN", "PSH"},
    payer_name{"REDWOOD HEALTH ALLIANCE", "RHA"},
};

constexpr std::array billing_services_ = {
    "PINE RIDGE BILLING SERVICE"sv, "NORTHSTAR CLAIMS PROCESSING"sv,
    "CLEARWATER MEDICAL BILLING"sv,
};

} // namespace

const std::span<const std::string_view> last_names = last_names_;
const std::span<const std::string_view> female_names = female_names_;
const std::span<const std::string_view> male_names = male_names_;
const std::span<const std::string_view> streets = streets_;
const std::span<const std::string_view> street_kinds = street_kinds_;
const std::span<const place> places = places_;
const std::span<const specialty> specialties = specialties_;
const std::span<const payer_name> payer_names = payer_names_;
const std::span<const std::string_view> billing_services = billing_services_;

} // namespace x12::synthetic
