// The view's content, shared by both renderers: the validator's structure
// events turned into blocks, named segments and element rows.

#include "x12/view.h"

#include <fmt/format.h>
#include <vector>

#include "convert/view_render.h"
#include "x12/codes.h"
#include "x12/segment.h"
#include "x12/validate.h"

namespace x12 {
namespace {

using detail::view_block;
using detail::view_element;
using detail::view_renderer;
using detail::view_segment;

const element_rule *component_rule(const element_rule &composite, unsigned pos) {
  for (const element_rule &c : composite.components)
    if (c.pos == pos)
      return &c;
  return nullptr;
}

std::string shown(std::string_view text) { return printable(text, std::string::npos); }

// Turns validator events into the renderer's calls, one segment at a time.
class view_builder : public validation_observer {
public:
  view_builder(view_renderer &out, const view_options &options, view_counts &counts)
      : out_(out), options_(options), counts_(counts) {}

  void on_finding(const finding &found) override {
    found.level == severity::error     ? ++counts_.errors
    : found.level == severity::warning ? ++counts_.warnings
                                       : 0;
    // Messages may quote envelope values as read.
    finding f = found;
    f.message = shown(f.message);
    f.code = shown(f.code);
    // Shown under the segment it concerns: at once when that one is on
    // screen already, else once it is.
    if (f.where.segment <= last_segment_)
      out_.note(f, last_depth_);
    else
      pending_.push_back(std::move(f));
  }

  void on_interchange_start(const interchange_header &h) override {
    out_.open(view_block::interchange, "ISA",
              fmt::format("Interchange {} from {} to {}", shown(h.control_number),
                          shown(h.sender_id), shown(h.receiver_id)),
              depth());
    opening_ = &in_interchange_;
  }
  void on_interchange_end() override {
    in_interchange_ = in_group_ = false;
    out_.close(view_block::interchange);
  }
  void on_group_start(const group_header &h) override {
    out_.open(view_block::group, "GS",
              fmt::format("Functional group {}: {} {}", shown(h.control_number),
                          shown(h.functional_id), shown(h.version)),
              depth());
    opening_ = &in_group_;
  }
  void on_group_end() override {
    in_group_ = false;
    out_.close(view_block::group);
  }
  void on_transaction_start(const transaction_header &h) override {
    out_.open(view_block::transaction, "ST",
              fmt::format("Transaction set {} {}: {}", shown(h.id), shown(h.control_number),
                          shown(h.guide)),
              depth());
    in_transaction_ = true;
    has_schema_ = false;
  }
  void on_transaction_end(const transaction_header &, std::uint64_t) override {
    in_transaction_ = false;
    out_.close(view_block::transaction);
  }

  void on_loop_start(const loop_rule &loop) override {
    // The root loop stands for the transaction itself: no header, no depth.
    if (loop.id.empty()) {
      has_schema_ = true;
      return;
    }
    out_.open(view_block::loop, loop.id, loop.name, depth());
    ++loops_;
  }
  void on_loop_end(const loop_rule &loop) override {
    if (loop.id.empty())
      return;
    --loops_;
    out_.close(view_block::loop);
  }

  void on_segment(const segment &s, const segment_rule *rule) override {
    ++counts_.segments;
    std::string_view id = s.view.id();
    // A trailer sits at the depth of the header it closes.
    if (!in_transaction_ && !rule) {
      if (id == "GE")
        in_group_ = false;
      else if (id == "IEA")
        in_interchange_ = in_group_ = false;
    }
    view_.unplaced = !rule && in_transaction_ && has_schema_;
    if (!rule)
      rule = envelope_segment_rule(id);
    if (view_.unplaced)
      ++counts_.unplaced;
    describe(s, rule);
    last_depth_ = depth();
    out_.segment(view_, last_depth_);
    last_segment_ = s.number;
    if (opening_) {
      *opening_ = true;
      opening_ = nullptr;
    }
    flush(s.number);
  }

  /// Findings still waiting for their segment, at the end of an input.
  void finish_input() { flush(UINT64_MAX); }

private:
  unsigned depth() const { return unsigned(in_interchange_) + unsigned(in_group_) + loops_; }

  void flush(std::uint64_t upto) {
    std::size_t kept = 0;
    for (finding &f : pending_) {
      if (f.where.segment <= upto)
        out_.note(f, last_depth_);
      else
        pending_[kept++] = std::move(f);
    }
    pending_.resize(kept);
  }

  void describe(const segment &s, const segment_rule *rule) {
    const std::string &id = view_.id = shown(s.view.id());
    view_.text = shown(s.view.text());
    const delimiters &d = s.view.delims();
    if (d.segment != '\n' && d.segment != '\r')
      view_.text += shown(std::string_view(&d.segment, 1));
    view_.name = rule ? std::string_view(rule->name) : std::string_view();
    view_.elements.clear();
    unsigned pos = 0;
    bool first = true;
    for (std::string_view field : s.view.fields()) {
      if (first) {
        first = false;
        continue;
      }
      ++pos;
      if (field.empty())
        continue;
      const element_rule *er = rule ? rule->element(pos) : nullptr;
      if (!er) {
        add_row(element_ref(id, pos), nullptr, field, rule != nullptr);
        continue;
      }
      element_view element(field, d);
      split_view reps = er->repeat > 1 ? element.repetitions() : split_view::whole(field);
      std::size_t rep_count = reps.count();
      std::size_t rep = 0;
      for (std::string_view value : reps) {
        ++rep;
        if (value.empty())
          continue;
        std::string suffix = rep_count > 1 ? fmt::format("[{}]", rep) : std::string();
        if (er->components.empty()) {
          add_row(element_ref(id, pos) + suffix, er, value, false);
          continue;
        }
        unsigned k = 0;
        for (std::string_view part : split_view(value, d.component)) {
          ++k;
          if (part.empty())
            continue;
          const element_rule *cr = component_rule(*er, k);
          add_row(element_ref(id, pos, k) + suffix, cr, part, !cr);
        }
      }
    }
  }

  void add_row(std::string ref, const element_rule *er, std::string_view value, bool not_used) {
    view_element &e = view_.elements.emplace_back();
    e.ref = std::move(ref);
    e.name = er ? std::string_view(er->name) : std::string_view();
    e.value = shown(value);
    e.not_used = not_used;
    if (er && !er->code_list.empty() && options_.codes)
      e.description = shown(code_description(options_.codes->table(er->code_list), value));
  }

  view_renderer &out_;
  const view_options &options_;
  view_counts &counts_;
  view_segment view_;
  std::vector<finding> pending_;
  std::uint64_t last_segment_ = 0;
  unsigned last_depth_ = 0;
  unsigned loops_ = 0;
  bool in_interchange_ = false, in_group_ = false, in_transaction_ = false, has_schema_ = false;
  bool *opening_ = nullptr; // set by the header segment about to come
};

} // namespace

viewer::viewer(const schema_set &schemas, output_file &out, view_options options)
    : schemas_(schemas), options_(std::move(options)),
      renderer_(options_.format == view_format::html ? detail::make_html_renderer(out, options_)
                                                     : detail::make_text_renderer(out, options_)) {}

viewer::~viewer() = default;

void viewer::add(input_buffer &in) {
  validation_options vo;
  vo.guide = options_.guide;
  vo.structure_only = true;
  view_builder builder(*renderer_, options_, counts_);
  validator v(schemas_, vo, builder);
  renderer_->begin_input(shown(in.name()));
  v.run(in);
  builder.finish_input();
  renderer_->end_input();
}

void viewer::finish() { renderer_->finish(); }

} // namespace x12
