#include "x12/status_tables.h"

#include <vector>

#include "x12/csv.h"
#include "x12/reader.h"
#include "x12/segment_fields.h"

namespace x12 {
namespace {

// Where the reader is: the HL level, or under a patient the claim (2200D/E)
// or service line (2220D/E) loop.
enum class place { header, source, receiver, provider, patient, claim, line };

struct person {
  std::string last_name, first_name, id;
  bool present = false;
  void set(const segment_fields &f) {
    last_name = f[3];
    first_name = f[4];
    id = f[9];
    present = true;
  }
};

struct service {
  std::string id, payer_claim_control_number, procedure, charge, control_number;
  std::string date_start, date_end;
  // DTP*472: one date, or a range (RD8) split in two.
  void dates(const segment_fields &f) {
    std::string d = dtp_date(f[2], f[3]);
    std::size_t slash = d.find('/');
    date_start = d.substr(0, slash);
    date_end = slash == std::string::npos ? d : d.substr(slash + 1);
  }
};

void set_code(status_code &c, const segment_fields &f, std::size_t element) {
  c.category = f.component(element, 1);
  c.code = f.component(element, 2);
  c.entity = f.component(element, 3);
  c.code_list = f.component(element, 4);
}

class status_reader {
public:
  status_reader(const std::string &file, const status_callbacks &cb) : cb_(cb), file_(file) {}

  void start(const envelope_checker &env) {
    const transaction_header &st = env.transaction();
    transaction_control_number_ = st.control_number;
    payer_name_.clear();
    provider_ = {};
    subscriber_ = patient_ = {};
    claim_ = line_ = {};
    where_ = place::header;
    open_ = true;
  }

  void body(const segment &s) {
    segment_fields f(s.view);
    std::string_view id = f.id();
    if (id == "HL")
      return hl(f);
    if (id == "STC")
      return status(s, f);
    if (id == "NM1")
      return name(f);
    bool in_claim = where_ == place::claim || where_ == place::line;
    if (id == "TRN" && (where_ == place::patient || in_claim)) {
      flush();
      where_ = place::claim;
      claim_ = line_ = {};
      claim_.id = f[2];
    } else if (id == "SVC" && in_claim) {
      flush();
      where_ = place::line;
      line_ = {};
      line_.procedure = f.component(1, 2);
      line_.charge = f[2];
    } else if (id == "REF" && where_ == place::claim && f[1] == "1K") {
      claim_.payer_claim_control_number = f[2];
    } else if (id == "REF" && where_ == place::line && f[1] == "FJ") {
      line_.control_number = f[2];
    } else if (id == "DTP" && in_claim && f[1] == "472") {
      (where_ == place::line ? line_ : claim_).dates(f);
    }
  }

  // SE, or the transaction cut short by the next envelope segment.
  void finish(status_summary &summary) {
    if (!open_)
      return;
    flush();
    ++summary.transactions;
    summary.statuses += statuses_;
    statuses_ = 0;
    open_ = false;
  }

private:
  void hl(const segment_fields &f) {
    flush();
    std::string_view code = f[3];
    if (code == "20") {
      where_ = place::source;
      payer_name_.clear();
      provider_ = {};
      subscriber_ = patient_ = {};
    } else if (code == "21" || code == "19") {
      where_ = code == "21" ? place::receiver : place::provider;
      provider_ = {};
      subscriber_ = patient_ = {};
    } else if (code == "22" || code == "PT") {
      where_ = place::patient;
      subscriber_ = patient_ = {};
    } else if (code == "23") {
      where_ = place::patient;
      patient_ = {};
    } else {
      where_ = place::header;
    }
    claim_ = line_ = {};
  }

  void name(const segment_fields &f) {
    if (where_ == place::source) {
      payer_name_ = f[3];
    } else if (where_ == place::provider) {
      provider_.set(f);
      if (f[8] != "XX")
        provider_.id.clear();
    } else if (where_ == place::patient && f[1] == "IL") {
      subscriber_.set(f);
    } else if (where_ == place::patient && f[1] == "QC") {
      patient_.set(f);
    }
  }

  void status(const segment &s, const segment_fields &f) {
    if (pending_ == rows_.size())
      rows_.emplace_back();
    status_row &r = rows_[pending_++];
    r.stc_offset = s.offset;
    r.level = where_ == place::receiver   ? status_level::receiver
              : where_ == place::provider ? status_level::provider
              : where_ == place::patient  ? status_level::patient
              : where_ == place::claim    ? status_level::claim
              : where_ == place::line     ? status_level::line
                                          : status_level::information_source;
    set_code(r.status, f, 1);
    set_code(r.status_2, f, 10);
    set_code(r.status_3, f, 11);
    r.effective_date = iso_date(f[2]);
    r.action_code = f[3];
    r.charge_amount = f[4];
    r.paid_amount = f[5];
    r.message = f[12];
  }

  // The loop ends: its statuses go out with what followed them.
  void flush() {
    for (std::size_t i = 0; i < pending_; ++i) {
      status_row &r = rows_[i];
      r.file = file_;
      r.transaction_control_number = transaction_control_number_;
      r.payer_name = payer_name_;
      bool provider = r.level >= status_level::provider;
      bool patient = r.level >= status_level::patient;
      bool claim = r.level >= status_level::claim;
      bool line = r.level == status_level::line;
      r.provider_name = provider ? provider_.last_name : std::string();
      r.provider_npi = provider ? provider_.id : std::string();
      const person &who = patient_.present ? patient_ : subscriber_;
      r.patient_last_name = patient ? who.last_name : std::string();
      r.patient_first_name = patient ? who.first_name : std::string();
      r.patient_member_id =
          !patient ? std::string() : who.id.empty() ? subscriber_.id : who.id;
      r.claim_id = claim ? claim_.id : std::string();
      r.payer_claim_control_number =
          claim ? claim_.payer_claim_control_number : std::string();
      const service &dated = line && !line_.date_start.empty() ? line_ : claim_;
      r.service_date_start = claim ? dated.date_start : std::string();
      r.service_date_end = claim ? dated.date_end : std::string();
      r.line_procedure = line ? line_.procedure : std::string();
      r.line_charge = line ? line_.charge : std::string();
      r.line_control_number = line ? line_.control_number : std::string();
      ++statuses_;
      if (cb_.status)
        cb_.status(r);
    }
    pending_ = 0;
  }

  const status_callbacks &cb_;
  std::string file_, transaction_control_number_, payer_name_;
  person provider_, subscriber_, patient_;
  service claim_, line_;
  std::vector<status_row> rows_; // reused: the statuses of the loop being read
  std::size_t pending_ = 0;
  std::uint64_t statuses_ = 0;
  place where_ = place::header;
  bool open_ = false;
};

} // namespace

std::string_view name_of(status_level level) noexcept {
  switch (level) {
  case status_level::information_source:
    return "information_source";
  case status_level::receiver:
    return "receiver";
  case status_level::provider:
    return "provider";
  case status_level::patient:
    return "patient";
  case status_level::claim:
    return "claim";
  case status_level::line:
    return "line";
  }
  return {};
}

status_summary read_statuses(input_buffer &in, const status_callbacks &callbacks,
                             finding_sink sink) {
  status_summary summary;
  status_reader reader(in.name(), callbacks);
  read_transactions(in, "277", std::move(sink), reader, summary);
  return summary;
}

} // namespace x12
