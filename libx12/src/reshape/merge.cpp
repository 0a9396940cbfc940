#include "x12/merge.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

#include "x12/envelope.h"
#include "x12/error.h"
#include "x12/input.h"
#include "x12/reader.h"
#include "x12/reformat.h"

#include "core/finding_code_table.h"

namespace x12 {

using detail::registered_code;

party parse_party(std::string_view text) {
  party p;
  std::size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    p.qualifier = text.substr(0, colon);
    text.remove_prefix(colon + 1);
  }
  p.id = text;
  if (p.id.empty() || p.id.size() > 15)
    throw error(
        fmt::format("'{}' is not an interchange ID: 1 to 15 characters", p.id));
  if (colon != std::string_view::npos &&
      (p.qualifier.empty() || p.qualifier.size() > 2))
    throw error(fmt::format("'{}' is not an ID qualifier: 1 or 2 characters",
                            p.qualifier));
  return p;
}

namespace {

bool is_stdin(const std::string &path) { return path.empty() || path == "-"; }

struct group_key {
  std::string functional_id, version;
  group_header header; // of the first group with this code and guide
  std::unordered_set<std::string> given; // every ST02 its transactions bring
};

constexpr std::size_t survey = ~std::size_t(0);

class merge_run {
public:
  merge_run(const std::vector<std::string> &paths, output_file &out,
            const merge_options &opt, finding_sink findings)
      : paths_(paths), out_(out), opt_(opt), settings_(opt.settings),
        findings_(std::move(findings)),
        next_gs_(opt.settings.next_control_number) {
    if (std::count_if(paths.begin(), paths.end(), is_stdin) > 1)
      throw error("standard input ('-') can be read only once");
  }

  merge_stats run() {
    // A first pass finds the groups and the ST02 each one brings, so that a
    // renumbered transaction never takes a number another one comes with.
    for (const std::string &path : paths_)
      read(path, survey);
    if (keys_.empty()) {
      stats_.complete = false;
      return stats_;
    }
    for (std::size_t k = 0; k < keys_.size(); ++k) {
      for (const std::string &path : paths_)
        if (!read(path, k))
          return stats_;
      env_->end_group();
      in_group_ = false;
    }
    env_->end_interchange();
    return stats_;
  }

private:
  // Reads one input: surveys it, or writes the transactions of group `key`.
  // False when the merge had to stop.
  bool read(const std::string &path, std::size_t key) {
    std::optional<input_buffer> file;
    input_buffer *in;
    if (is_stdin(path)) {
      if (!stdin_)
        stdin_.emplace(input_buffer::open("-"));
      in = &*stdin_;
    } else {
      file.emplace(input_buffer::open(path));
      in = &*file;
    }
    finding_sink sink = key == survey ? findings_ : finding_sink{};
    reader r(*in, sink);
    envelope_checker env(in->name(), sink);
    bool writing = false, held = false;
    while (auto s = r.next()) {
      if (!held && is_stdin(path)) {
        r.hold(); // stdin cannot be read again: keep it for the next passes
        held = true;
      }
      envelope_event ev = env.on_segment(*s);
      if (writing && ev != envelope_event::body &&
          ev != envelope_event::stray && ev != envelope_event::acknowledgment) {
        env_->end_transaction(); // its SE, or the envelope was cut short
        writing = false;
      }
      switch (ev) {
      case envelope_event::interchange_start:
        if (!first_isa_) {
          first_isa_ = env.interchange();
          line_break_ = r.line_break();
        }
        break;
      case envelope_event::transaction_start:
        if (key == survey) {
          keys_[key_of(env.group())].given.insert(std::string(s->view[2]));
        } else if (key_of(env.group()) == key) {
          begin_transaction(*s, key);
          writing = true;
        }
        break;
      case envelope_event::body:
        if (writing) {
          if (auto clash = find_separator_clash(s->view, env_->delims())) {
            report(*s, in->name(), registered_code("separator-in-value"),
                   describe(*clash, env_->delims()), clash->element);
            stats_.complete = false;
            return false;
          }
          (void)env_->body(s->view);
        }
        break;
      default:
        break;
      }
    }
    if (writing)
      env_->end_transaction();
    env.finish();
    return true;
  }

  std::size_t key_of(const group_header &gs) {
    for (std::size_t i = 0; i < keys_.size(); ++i)
      if (keys_[i].functional_id == gs.functional_id &&
          keys_[i].version == gs.version)
        return i;
    keys_.push_back({gs.functional_id, gs.version, gs, {}});
    return keys_.size() - 1;
  }

  void begin_interchange() {
    writer_.emplace(out_, first_isa_->delims, line_break_);
    env_.emplace(*writer_, settings_);
    interchange_header h = *first_isa_;
    if (opt_.sender) {
      if (!opt_.sender->qualifier.empty())
        h.sender_qualifier = opt_.sender->qualifier;
      h.sender_id = opt_.sender->id;
    }
    if (opt_.receiver) {
      if (!opt_.receiver->qualifier.empty())
        h.receiver_qualifier = opt_.receiver->qualifier;
      h.receiver_id = opt_.receiver->id;
    }
    h.control_number = std::to_string(settings_.next_control_number++);
    h.date.clear(); // from the clock settings
    h.time.clear();
    env_->begin_interchange(h, true);
  }

  void begin_group(const group_key &k) {
    group_header g = k.header;
    if (opt_.sender)
      g.sender = opt_.sender->id;
    if (opt_.receiver)
      g.receiver = opt_.receiver->id;
    g.control_number = std::to_string(next_gs_++);
    g.date.clear();
    g.time.clear();
    env_->begin_group(g, true);
    in_group_ = true;
    used_.clear();
    next_st_ = 1;
    ++stats_.groups;
  }

  void begin_transaction(const segment &st, std::size_t key) {
    if (!env_)
      begin_interchange();
    const group_key &k = keys_[key];
    if (!in_group_)
      begin_group(k);
    std::string control(st.view[2]);
    if (!used_.insert(control).second) {
      std::string fresh;
      do
        fresh = fmt::format("{:04}", next_st_++);
      while (used_.count(fresh) || k.given.count(fresh));
      used_.insert(fresh);
      control = fresh;
      ++stats_.renumbered;
    }
    env_->begin_transaction(st.view[1], control, st.view[3]);
    ++stats_.transactions;
  }

  void report(const segment &s, const std::string &file, const finding_code &code,
              std::string message, unsigned element) {
    if (!findings_)
      return;
    findings_(finding_about(s, file, code, std::move(message), element));
  }

  const std::vector<std::string> &paths_;
  output_file &out_;
  const merge_options &opt_;
  envelope_settings settings_;
  finding_sink findings_;
  std::vector<group_key> keys_;
  std::optional<input_buffer> stdin_;
  std::optional<interchange_header> first_isa_;
  std::string line_break_;
  std::optional<writer> writer_;
  std::optional<envelope_writer> env_;
  bool in_group_ = false;
  std::uint64_t next_gs_;
  std::unordered_set<std::string> used_; // ST02 written in the current group
  std::uint64_t next_st_ = 1;
  merge_stats stats_;
};

} // namespace

merge_stats merge(const std::vector<std::string> &paths, output_file &out,
                  const merge_options &options, finding_sink findings) {
  return merge_run(paths, out, options, std::move(findings)).run();
}

} // namespace x12
