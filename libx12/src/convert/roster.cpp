// A 270 eligibility inquiry from a CSV member roster: the rows are read and
// checked column by column, then grouped under their payer and provider.

#include "x12/roster.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <map>

#include "convert/field_checks.h"
#include "x12/codes.h"
#include "x12/csv.h"

namespace x12 {
namespace {

using detail::charset;

enum column : std::size_t {
  member_id,
  last_name,
  first_name,
  birth_date,
  gender,
  payer_name,
  payer_id,
  provider_name,
  provider_npi,
  service_types,
  date_of_service,
  group_number,
  column_count
};

struct column_rule {
  std::string_view name;
  bool required;
  std::size_t min, max; // characters, as the 270 allows them
  charset chars;
};

constexpr std::array<column_rule, column_count> columns{{
    {"member_id", true, 2, 80, charset::text},
    {"last_name", true, 1, 60, charset::text},
    {"first_name", true, 1, 35, charset::text},
    {"birth_date", true, 10, 10, charset::text},
    {"gender", false, 1, 10, charset::text}, // checked as F or M after
    {"payer_name", true, 1, 60, charset::text},
    {"payer_id", true, 2, 80, charset::text},
    {"provider_name", true, 1, 60, charset::text},
    {"provider_npi", true, 10, 10, charset::digits},
    {"service_types", true, 1, 99 * 3, charset::text},
    {"date_of_service", false, 10, 10, charset::text},
    {"group_number", false, 1, 50, charset::text},
}};

std::string column_list() {
  std::string list;
  for (const column_rule &c : columns)
    list += list.empty() ? std::string(c.name) : ", " + std::string(c.name);
  return list;
}

// Which field of a row holds each column; npos when the header lacks it.
using column_map = std::array<std::size_t, column_count>;

bool read_header(const std::vector<std::string> &header, column_map &where, detail::problems &p) {
  where.fill(std::string::npos);
  bool ok = true;
  for (std::size_t i = 0; i < header.size(); ++i) {
    auto c = std::find_if(columns.begin(), columns.end(),
                          [&](const column_rule &r) { return r.name == header[i]; });
    std::string where_text = fmt::format("line 1, column {}", i + 1);
    if (c == columns.end()) {
      // Header names are not patient data: quoting them shows a typo.
      p.add(where_text, fmt::format("unknown column '{}' (expected {})", header[i], column_list()));
      ok = false;
    } else if (where[std::size_t(c - columns.begin())] != std::string::npos) {
      p.add(where_text, fmt::format("{} is named twice", c->name));
      ok = false;
    } else {
      where[std::size_t(c - columns.begin())] = i;
    }
  }
  for (std::size_t c = 0; c < column_count; ++c)
    if (columns[c].required && where[c] == std::string::npos) {
      p.add("line 1", fmt::format("the header has no {} column", columns[c].name));
      ok = false;
    }
  return ok;
}

// One row's fields checked against their column rules.
class row_reader {
public:
  row_reader(const std::vector<std::string> &fields, const column_map &where, unsigned line,
             detail::problems &p)
      : fields_(fields), where_(where), line_(line), p_(p) {}

  std::string get(column c) {
    std::string v = where_[c] == std::string::npos ? std::string() : fields_[where_[c]];
    const column_rule &rule = columns[c];
    std::string_view why =
        v.empty() ? (rule.required ? "required" : "") : detail::text_problem(v, rule.chars);
    if (why.empty() && !v.empty() && (v.size() < rule.min || v.size() > rule.max)) {
      problem(c, rule.min == rule.max
                     ? fmt::format("expected {} character{}", rule.min, rule.min == 1 ? "" : "s")
                     : fmt::format("expected {} to {} characters", rule.min, rule.max));
      return {}; // said once: a reader of the value (date()) finds it empty
    }
    if (!why.empty())
      problem(c, why);
    return why.empty() ? v : std::string();
  }
  std::string date(column c) {
    std::string v = get(c);
    if (v.empty())
      return v;
    std::optional<std::string> d = detail::x12_date(v);
    if (!d)
      problem(c, "expected a date YYYY-MM-DD");
    return d.value_or("");
  }
  void problem(column c, std::string_view message) {
    p_.add(fmt::format("line {}, {}", line_, columns[c].name), message);
  }

private:
  const std::vector<std::string> &fields_;
  const column_map &where_;
  unsigned line_;
  detail::problems &p_;
};

bool service_type_shape(std::string_view s) {
  return !s.empty() && s.size() <= 2 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  });
}

roster_member read_member(const std::vector<std::string> &fields, const column_map &where,
                          unsigned line, detail::problems &p) {
  row_reader row(fields, where, line, p);
  roster_member m;
  m.line = line;
  m.member_id = row.get(member_id);
  m.last_name = row.get(last_name);
  m.first_name = row.get(first_name);
  m.birth_date = row.date(birth_date);
  m.gender = row.get(gender);
  if (!m.gender.empty() && m.gender != "F" && m.gender != "M")
    row.problem(gender, "expected F, M or nothing");
  m.payer_name = row.get(payer_name);
  m.payer_id = row.get(payer_id);
  m.provider_name = row.get(provider_name);
  m.provider_npi = row.get(provider_npi);
  if (std::string_view why = npi_problem(m.provider_npi); !m.provider_npi.empty() && !why.empty())
    row.problem(provider_npi, fmt::format("the NPI {}", why));
  std::string types = row.get(service_types);
  for (std::size_t from = 0; !types.empty() && from <= types.size();) {
    std::size_t end = std::min(types.find(';', from), types.size());
    std::string code = types.substr(from, end - from);
    code.erase(0, code.find_first_not_of(' '));
    code.erase(code.find_last_not_of(' ') + 1);
    if (!service_type_shape(code)) {
      row.problem(service_types, "expected service type codes separated by ';', e.g. 30;88");
      break;
    }
    m.service_types.push_back(code);
    from = end + 1;
  }
  if (m.service_types.size() > 99)
    row.problem(service_types, "at most 99 service types");
  m.date_of_service = row.date(date_of_service);
  m.group_number = row.get(group_number);
  return m;
}

} // namespace

result<roster> read_roster(std::string_view csv) {
  csv_reader reader(csv);
  detail::problems p;
  std::vector<std::string> fields;
  auto more = reader.next(fields);
  if (!more)
    return failure{fmt::format("line {}: {}", reader.line(), more.error().message())};
  if (!*more)
    return failure{fmt::format("the roster is empty: expected a header row ({})", column_list())};
  column_map where;
  if (!read_header(fields, where, p))
    return p.to_failure();
  std::size_t header_size = fields.size();
  roster r;
  while ((more = reader.next(fields)) && *more) {
    if (fields.size() != header_size)
      p.add(fmt::format("line {}", reader.line()),
            fmt::format("{} fields; the header has {}", fields.size(), header_size));
    else
      r.members.push_back(read_member(fields, where, reader.line(), p));
  }
  if (!more)
    p.add(fmt::format("line {}", reader.line()), more.error().message());
  else if (r.members.empty() && p.empty())
    p.add("", "the roster has a header but no members");
  if (!p.empty())
    return p.to_failure();
  return r;
}

std::string roster_options_problem(const roster_options &o) {
  for (auto [name, id] : {std::pair{"sender", &o.sender}, std::pair{"receiver", &o.receiver}})
    if (id->size() < 2 || id->size() > 15 || !detail::text_problem(*id, charset::text).empty())
      return fmt::format("the {} ID must be 2 to 15 printable characters, none of * : ^ ~", name);
  if (!o.originator.empty() &&
      (o.originator.size() != 10 || !detail::text_problem(o.originator, charset::alnum).empty()))
    return "the originator (TRN03) must be 10 upper-case letters or digits: 1 and an EIN, "
           "or 9 and an identifier of your own";
  return {};
}

void write_roster_270(const roster &r, const roster_options &options, output_file &out,
                      envelope_settings &settings) {
  if (std::string why = roster_options_problem(options); !why.empty())
    throw error(why);
  std::string originator = options.originator;
  if (originator.empty()) {
    originator = "9" + options.sender.substr(0, 9);
    originator.resize(10, '0');
  }

  writer w(out, delimiters{}, "\n");
  envelope_writer env(w, settings);
  interchange_header isa;
  isa.sender_id = options.sender;
  isa.receiver_id = options.receiver;
  env.begin_interchange(isa);
  group_header gs;
  gs.functional_id = "HS";
  gs.sender = options.sender;
  gs.receiver = options.receiver;
  gs.version = "005010X279A1";
  env.begin_group(gs);
  env.begin_transaction("270", "", "005010X279A1");
  const std::string &control = env.interchange_control_number();
  env.body("BHT", {"0022", "13", control, format_utc(settings.now, "%Y%m%d"),
                   format_utc(settings.now, "%H%M")});

  // Payers, and providers under each, in the order the rows first name them.
  using key = std::pair<std::string, std::string>;
  std::vector<key> payers;
  std::map<key, std::vector<key>> providers;
  std::map<std::pair<key, key>, std::vector<const roster_member *>> members;
  for (const roster_member &m : r.members) {
    key payer{m.payer_name, m.payer_id}, provider{m.provider_name, m.provider_npi};
    if (std::find(payers.begin(), payers.end(), payer) == payers.end())
      payers.push_back(payer);
    std::vector<key> &under = providers[payer];
    if (std::find(under.begin(), under.end(), provider) == under.end())
      under.push_back(provider);
    members[{payer, provider}].push_back(&m);
  }

  std::string repetition(1, w.delims().repetition);
  unsigned hl = 0;
  for (const key &payer : payers) {
    unsigned payer_hl = ++hl;
    env.body("HL", {std::to_string(payer_hl), "", "20", "1"});
    env.body("NM1", {"PR", "2", payer.first, "", "", "", "", "PI", payer.second});
    for (const key &provider : providers[payer]) {
      unsigned provider_hl = ++hl;
      env.body("HL", {std::to_string(provider_hl), std::to_string(payer_hl), "21", "1"});
      env.body("NM1", {"1P", "2", provider.first, "", "", "", "", "XX", provider.second});
      for (const roster_member *m : members[{payer, provider}]) {
        env.body("HL", {std::to_string(++hl), std::to_string(provider_hl), "22", "0"});
        std::string trace = fmt::format("{}-{}", control, m - r.members.data() + 1);
        env.body("TRN", {"1", trace, originator});
        env.body("NM1", {"IL", "1", m->last_name, m->first_name, "", "", "", "MI", m->member_id});
        if (!m->group_number.empty())
          env.body("REF", {"6P", m->group_number});
        env.body("DMG", {"D8", m->birth_date, m->gender});
        if (!m->date_of_service.empty())
          env.body("DTP", {"291", "D8", m->date_of_service});
        std::string types;
        for (const std::string &t : m->service_types)
          types += (types.empty() ? "" : repetition) + t;
        env.body("EQ", {types});
      }
    }
  }
  env.end_transaction();
  env.end_group();
  env.end_interchange();
}

} // namespace x12
