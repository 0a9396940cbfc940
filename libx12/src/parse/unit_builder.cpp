#include "x12/unit.h"

#include <unordered_map>

namespace x12 {

const held_segment *unit_loop::find(std::string_view loop_id, std::string_view id) const {
  for (const held_segment &s : segments)
    if ((loop_id.empty() || (s.loop && s.loop->id == loop_id)) && view(s).is(id))
      return &s;
  return nullptr;
}

namespace {

bool is_envelope(const segment_view &v) noexcept {
  std::string_view id = v.id();
  return id == "ISA" || id == "IEA" || id == "GS" || id == "GE" || id == "ST" || id == "SE";
}

void hold(unit_loop &l, const segment &s, const loop_rule *loop, const segment_rule *rule) {
  if (l.segments.empty()) {
    l.offset = s.offset;
    l.delims = s.view.delims();
  }
  const std::string_view text = s.view.text();
  l.segments.push_back({static_cast<std::uint32_t>(l.text.size()),
                        static_cast<std::uint32_t>(text.size()), s.offset, s.number, loop, rule});
  l.text.append(text);
  l.text.push_back(l.delims.segment);
}

} // namespace

class unit_builder::impl {
public:
  impl(const schema_set &schemas, claim_unit_sink sink)
      : schemas_(schemas), sink_(std::move(sink)) {}

  void interchange(const interchange_header &h) {
    keys_.interchange_control_number = h.control_number;
  }
  void group(const group_header &h) { keys_.group_control_number = h.control_number; }

  void transaction(const transaction_header &h) {
    keys_.transaction_control_number = h.control_number;
    keys_.transaction_id = h.id;
    keys_.guide = h.guide;
    ++keys_.transaction_ordinal;
    frames_.clear();
    levels_.clear();
    loops_.clear();
    claim_open_ = false;
  }

  void transaction_end() {
    frames_.clear();
    levels_.clear();
    claim_open_ = false;
  }

  void loop_start(const loop_rule &l) {
    if (l.id.empty()) {
      const schema *s = schemas_.find(keys_.guide, keys_.transaction_id);
      guide_ = s && &s->root == &l ? s : nullptr;
      if (guide_)
        keys_.guide = guide_->guide;
      loops_.clear();
    }
    loops_.push_back(&l);
    if (claim_open_) {
      frames_.push_back(frame::inside_claim);
      return;
    }
    if (l.is_claim) {
      unit_ = claim_unit{};
      unit_.envelope = keys_;
      unit_.index = ++claims_;
      unit_.guide = guide_;
      unit_.context.assign(levels_.begin(), levels_.end());
      unit_.claim.loop = &l;
      claim_open_ = true;
      frames_.push_back(frame::claim);
      return;
    }
    if (bears_claims(l)) {
      auto level = std::make_shared<unit_loop>();
      level->loop = &l;
      levels_.push_back(std::move(level));
      frames_.push_back(frame::level);
      return;
    }
    frames_.push_back(frame::plain);
  }

  void loop_end() {
    if (!loops_.empty())
      loops_.pop_back();
    if (frames_.empty())
      return;
    const frame f = frames_.back();
    frames_.pop_back();
    if (f == frame::claim) {
      claim_open_ = false;
      if (sink_)
        sink_(unit_);
    } else if (f == frame::level && !levels_.empty()) {
      levels_.pop_back();
    }
  }

  void segment_placed(const segment &s, const segment_rule *rule) {
    if (frames_.empty() || is_envelope(s.view))
      return;
    const loop_rule *loop = loops_.back();
    if (claim_open_) {
      if (unit_.claim.segments.empty()) {
        unit_.offset = s.offset;
        unit_.claim_id = std::string(claim_id_of(s));
      }
      hold(unit_.claim, s, loop, rule);
      unit_.end = s.offset + s.view.text().size() + 1;
      return;
    }
    if (levels_.empty())
      return;
    // A level already handed to a claim is shared: what comes after that
    // claim goes to a copy, so the unit sent keeps the context it had.
    std::shared_ptr<unit_loop> &level = levels_.back();
    if (level.use_count() > 1 && !level->segments.empty())
      level = std::make_shared<unit_loop>(*level);
    hold(*level, s, loop, rule);
  }

  std::uint64_t claims_ = 0;

private:
  enum class frame { plain, level, claim, inside_claim };

  std::string_view claim_id_of(const segment &s) const {
    if (!guide_)
      return {};
    const std::string &ref = guide_->claim_id; // "CLM01"
    unsigned element = 0;
    for (char c : ref.substr(ref.size() > 2 ? ref.size() - 2 : 0))
      element = element * 10 + static_cast<unsigned>(c - '0');
    return s.view[element];
  }

  // A loop that is a claim or holds one somewhere below it: a level.
  bool bears_claims(const loop_rule &l) {
    auto found = bearing_.find(&l);
    if (found != bearing_.end())
      return found->second;
    bool bears = l.is_claim;
    for (const loop_rule &child : l.loops)
      bears = bears_claims(child) || bears;
    bearing_.emplace(&l, bears);
    return bears;
  }

  const schema_set &schemas_;
  claim_unit_sink sink_;
  envelope_keys keys_;
  std::vector<const loop_rule *> loops_;
  std::vector<frame> frames_;
  std::vector<std::shared_ptr<unit_loop>> levels_;
  claim_unit unit_;
  bool claim_open_ = false;
  const schema *guide_ = nullptr;
  std::unordered_map<const loop_rule *, bool> bearing_;
};

unit_builder::unit_builder(const schema_set &schemas, claim_unit_sink sink)
    : impl_(std::make_unique<impl>(schemas, std::move(sink))) {}
unit_builder::~unit_builder() = default;

void unit_builder::on_interchange_start(const interchange_header &h) { impl_->interchange(h); }
void unit_builder::on_group_start(const group_header &h) { impl_->group(h); }
void unit_builder::on_transaction_start(const transaction_header &h) { impl_->transaction(h); }
void unit_builder::on_transaction_end(const transaction_header &, std::uint64_t) {
  impl_->transaction_end();
}

void unit_builder::on_loop_start(const loop_rule &l) { impl_->loop_start(l); }
void unit_builder::on_loop_end(const loop_rule &) { impl_->loop_end(); }
void unit_builder::on_segment(const segment &s, const segment_rule *rule) {
  impl_->segment_placed(s, rule);
}

std::uint64_t unit_builder::claims() const noexcept { return impl_->claims_; }

} // namespace x12

namespace x12 {

unit_summary read_claim_units(input_buffer &in, const schema_set &schemas, claim_unit_sink sink,
                              finding_sink findings) {
  // The builder, with the transaction count and the structure findings.
  struct counting : unit_builder {
    counting(const schema_set &s, claim_unit_sink k, finding_sink f)
        : unit_builder(s, std::move(k)), findings(std::move(f)) {}
    void on_finding(const finding &f) override {
      if (findings)
        findings(finding(f));
    }
    void on_transaction_start(const transaction_header &h) override {
      ++transactions;
      unit_builder::on_transaction_start(h);
    }
    finding_sink findings;
    std::uint64_t transactions = 0;
  } builder(schemas, std::move(sink), std::move(findings));
  validation_options options;
  options.structure_only = true;
  validator v(schemas, options, builder);
  v.run(in);
  return {builder.transactions, builder.claims()};
}

} // namespace x12
