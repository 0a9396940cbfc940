#include "x12/eligibility_tables.h"

#include "x12/csv.h"
#include "x12/reader.h"
#include "x12/segment.h"
#include "x12/segment_fields.h"

namespace x12 {
namespace {

enum class level { header, source, receiver, subscriber, dependent };

// Appends `item` to a list, `separator` between items.
void add_to(std::string &list, std::string_view separator, std::string_view item) {
  if (!list.empty())
    list.append(separator);
  list.append(item);
}

// The AAA segments of one level, and whether a row has carried them yet.
struct rejections {
  std::string reasons; // "72/C;75/C"
  bool reported = false;
  void add(const segment_fields &f) {
    std::string pair(f[3]);
    pair.append("/").append(f[4]);
    add_to(reasons, ";", pair);
    reported = false;
  }
  bool pending() const noexcept { return !reasons.empty() && !reported; }
};

struct member {
  std::string last_name, first_name, id, trace, dates;
  rejections aaa;
};

class eligibility_reader {
public:
  eligibility_reader(const std::string &file, const eligibility_callbacks &cb) : cb_(cb) {
    row_.file = file;
  }

  void start(const envelope_checker &env) {
    const transaction_header &st = env.transaction();
    row_.transaction_control_number = st.control_number;
    clear_source();
    where_ = level::header;
    in_benefit_ = in_entity_ = false;
    open_ = true;
  }

  void body(const segment &s) {
    segment_fields f(s.view);
    std::string_view id = f.id();
    if (id == "HL")
      return hl(f);
    if (id == "EB")
      return start_benefit(s, f);
    if (in_benefit_)
      return benefit(f);
    if (id == "AAA") {
      if (rejections *r = level_rejections())
        r->add(f);
    } else if (id == "NM1") {
      name(f);
    } else if (member *m = current_member()) {
      if (id == "TRN" && f[1] == "2")
        m->trace = f[2];
      else if (id == "DTP")
        add_to(m->dates, ";", std::string(f[1]) + "=" + dtp_date(f[2], f[3]));
    }
  }

  // SE, or the transaction cut short by the next envelope segment.
  void finish(eligibility_summary &summary) {
    if (!open_)
      return;
    close_source();
    ++summary.transactions;
    summary.rows += rows_;
    rows_ = 0;
    open_ = false;
  }

private:
  member *current_member() noexcept {
    return where_ == level::subscriber ? &subscriber_
           : where_ == level::dependent ? &dependent_
                                        : nullptr;
  }

  rejections *level_rejections() noexcept {
    switch (where_) {
    case level::source:
      return &payer_aaa_;
    case level::receiver:
      return &receiver_aaa_;
    case level::subscriber:
    case level::dependent:
      return &current_member()->aaa;
    case level::header:
      return nullptr;
    }
    return nullptr;
  }

  void clear_source() {
    payer_name_.clear();
    payer_id_.clear();
    payer_aaa_ = {};
    clear_receiver();
  }

  void clear_receiver() {
    provider_name_.clear();
    provider_npi_.clear();
    receiver_aaa_ = {};
    subscriber_ = dependent_ = {};
  }

  void hl(const segment_fields &f) {
    end_benefit();
    std::string_view code = f[3];
    if (code == "20") {
      close_source();
      clear_source();
      where_ = level::source;
    } else if (code == "21") {
      close_receiver();
      clear_receiver();
      where_ = level::receiver;
    } else if (code == "22") {
      close_member();
      subscriber_ = dependent_ = {};
      where_ = level::subscriber;
    } else if (code == "23") {
      close_member();
      dependent_ = {};
      where_ = level::dependent;
    } else {
      close_member();
      where_ = level::header;
    }
  }

  void name(const segment_fields &f) {
    std::string_view entity = f[1];
    if (where_ == level::source) {
      payer_name_ = f[3];
      payer_id_ = f[9];
    } else if (where_ == level::receiver) {
      provider_name_ = f[3];
      provider_npi_ = f[8] == "XX" ? f[9] : std::string_view{};
    } else if ((where_ == level::subscriber && entity == "IL") ||
               (where_ == level::dependent && entity == "03")) {
      member &m = *current_member();
      m.last_name = f[3];
      m.first_name = f[4];
      m.id = f[9];
    }
  }

  void start_benefit(const segment &s, const segment_fields &f) {
    end_benefit();
    in_benefit_ = true;
    in_entity_ = false;
    benefit_row &b = row_;
    b.eb_offset = s.offset;
    b.eligibility_or_benefit = f[1];
    b.coverage_level = f[2];
    b.service_types.clear();
    for (std::string_view type : element_view(f[3], s.view.delims()).repetitions())
      add_to(b.service_types, ";", type);
    b.insurance_type = f[4];
    b.plan_description = f[5];
    b.time_period = f[6];
    b.amount = f[7];
    b.percent = f[8];
    b.quantity_qualifier = f[9];
    b.quantity = f[10];
    b.authorization_required = f[11];
    b.in_network = f[12];
    b.procedure.clear();
    bool first = true;
    for (std::string_view c : element_view(f[13], s.view.delims()).components()) {
      if (!first)
        b.procedure.push_back(':');
      b.procedure.append(c);
      first = false;
    }
    b.messages.clear();
    b.plan_dates.clear();
    benefit_aaa_.clear();
  }

  void benefit(const segment_fields &f) {
    std::string_view id = f.id();
    if (id == "LS") {
      in_entity_ = true;
    } else if (id == "LE") {
      in_entity_ = false;
    } else if (in_entity_) {
      return; // 2120C/D: the benefit's related entity, not the member
    } else if (id == "MSG") {
      add_to(row_.messages, " | ", f[1]);
    } else if (id == "DTP") {
      std::string date(f[1]);
      date.append("=").append(dtp_date(f[2], f[3]));
      add_to(row_.plan_dates, ";", date);
    } else if (id == "AAA") {
      std::string pair(f[3]);
      pair.append("/").append(f[4]);
      add_to(benefit_aaa_, ";", pair);
    }
  }

  void end_benefit() {
    if (!in_benefit_)
      return;
    in_benefit_ = in_entity_ = false;
    send(where_, benefit_aaa_);
  }

  void close_member() {
    if (member *m = current_member())
      close_level(where_, m->aaa);
  }

  void close_receiver() {
    end_benefit();
    close_member();
    close_level(level::receiver, receiver_aaa_);
  }

  void close_source() {
    close_receiver();
    close_level(level::source, payer_aaa_);
  }

  // A level ends: its rejections get a row when none has carried them.
  void close_level(level depth, const rejections &r) {
    if (!r.pending())
      return;
    benefit_row &b = row_;
    b.eb_offset = 0;
    for (std::string *x : {&b.eligibility_or_benefit, &b.coverage_level, &b.service_types,
                           &b.insurance_type, &b.plan_description, &b.time_period, &b.amount,
                           &b.percent, &b.quantity_qualifier, &b.quantity,
                           &b.authorization_required, &b.in_network, &b.procedure, &b.messages,
                           &b.plan_dates})
      x->clear();
    send(depth, {});
  }

  // Sends row_ with the context of the levels down to `depth`, and the
  // rejections of those levels and `own`.
  void send(level depth, std::string_view own) {
    benefit_row &b = row_;
    b.rejection_reasons.clear();
    auto carry = [&](rejections &r) {
      if (!r.reasons.empty())
        add_to(b.rejection_reasons, ";", r.reasons);
      r.reported = true;
    };
    b.payer_name = payer_name_;
    b.payer_id = payer_id_;
    carry(payer_aaa_);
    bool receiver = depth != level::header && depth != level::source;
    b.provider_name = receiver ? provider_name_ : std::string();
    b.provider_npi = receiver ? provider_npi_ : std::string();
    if (receiver)
      carry(receiver_aaa_);
    if (depth == level::subscriber || depth == level::dependent) {
      member &m = depth == level::subscriber ? subscriber_ : dependent_;
      carry(m.aaa);
      b.member_level = depth == level::subscriber ? "subscriber" : "dependent";
      b.member_last_name = m.last_name;
      b.member_first_name = m.first_name;
      b.member_id = m.id.empty() && depth == level::dependent ? subscriber_.id : m.id;
      b.trace_number = m.trace;
      b.member_dates = m.dates;
    } else {
      for (std::string *x : {&b.member_level, &b.member_last_name, &b.member_first_name,
                             &b.member_id, &b.trace_number, &b.member_dates})
        x->clear();
    }
    if (!own.empty())
      add_to(b.rejection_reasons, ";", own);
    ++rows_;
    if (cb_.benefit)
      cb_.benefit(b);
  }

  const eligibility_callbacks &cb_;
  benefit_row row_;
  std::string payer_name_, payer_id_, provider_name_, provider_npi_;
  rejections payer_aaa_, receiver_aaa_;
  member subscriber_, dependent_;
  std::string benefit_aaa_;
  std::uint64_t rows_ = 0;
  level where_ = level::header;
  bool in_benefit_ = false, in_entity_ = false, open_ = false;
};

} // namespace

eligibility_summary read_eligibility(input_buffer &in, const eligibility_callbacks &callbacks,
                                     finding_sink sink) {
  eligibility_summary summary;
  eligibility_reader reader(in.name(), callbacks);
  read_transactions(in, "271", std::move(sink), reader, summary);
  return summary;
}

} // namespace x12
