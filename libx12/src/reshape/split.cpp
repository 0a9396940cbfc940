#include "x12/split.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>
#include <system_error>
#include <vector>

#include <fmt/format.h>
#include <sys/stat.h>

#include "x12/claim_split.h"
#include "x12/envelope.h"
#include "x12/error.h"
#include "x12/output_folder.h"
#include "x12/reader.h"
#include "x12/writer.h"

namespace x12 {
namespace {

// The file being written: one interchange, opened when something goes in.
class part_file {
public:
  part_file(const split_options &opt, split_stats &stats,
            std::function<void(const split_part &)> &on_part)
      : opt_(opt), stats_(stats), on_part_(on_part),
        next_isa_(opt.first_control_number),
        next_gs_(opt.first_control_number) {
    settings_.now = envelope_settings::resolve_now(std::nullopt);
  }

  bool is_open() const noexcept { return env_.has_value(); }
  bool in_group() const noexcept { return in_group_; }
  envelope_writer &env() noexcept { return *env_; }
  writer &raw() noexcept { return *writer_; }

  // By interchange the source's ISA13, GS06 and dates stay; otherwise the
  // numbers are new so that no two files share one.
  void open(const interchange_header &isa, const std::string &line_break) {
    std::filesystem::path name =
        std::filesystem::path(opt_.out_dir) /
        fmt::format("{}-{:06}.x12", opt_.prefix, ++index_);
    out_.emplace(name.string());
    writer_.emplace(*out_, isa.delims, line_break);
    env_.emplace(*writer_, settings_);
    interchange_header h = isa;
    if (opt_.by != split_unit::interchange)
      h.control_number = std::to_string(next_isa_++);
    env_->begin_interchange(h, true);
  }

  void begin_group(const group_header &gs) {
    group_header h = gs;
    if (opt_.by != split_unit::interchange)
      h.control_number = std::to_string(next_gs_++);
    env_->begin_group(h, true);
    in_group_ = true;
  }

  void end_group() {
    if (in_group_)
      env_->end_group();
    in_group_ = false;
  }

  void add_transaction(std::uint64_t claims) {
    ++summary_.transactions;
    summary_.claims += claims;
    stats_.claims += claims;
  }
  std::uint64_t transactions() const noexcept { return summary_.transactions; }
  std::uint64_t claims() const noexcept { return summary_.claims; }

  void close() {
    if (!is_open())
      return;
    end_group();
    env_->end_interchange();
    summary_.path = out_->path();
    summary_.segments = writer_->segments_written();
    env_.reset();
    writer_.reset();
    out_->commit();
    out_.reset();
    ++stats_.parts;
    if (on_part_)
      on_part_(summary_);
    summary_ = {};
  }

private:
  const split_options &opt_;
  split_stats &stats_;
  std::function<void(const split_part &)> &on_part_;
  envelope_settings settings_;
  std::uint64_t index_ = 0;
  std::uint64_t next_isa_, next_gs_;
  std::optional<output_file> out_;
  std::optional<writer> writer_;
  std::optional<envelope_writer> env_;
  bool in_group_ = false;
  split_part summary_;
};

class split_run {
public:
  split_run(input_buffer &in, const split_options &opt, finding_sink findings,
            std::function<void(const split_part &)> on_part)
      : opt_(opt), on_part_(std::move(on_part)), reader_(in, findings),
        env_(in.name(), findings), part_(opt, stats_, on_part_),
        cut_(
            in.name(), [this](const claim_piece &p) { write_piece(p); },
            findings) {
    cut_.keep_subscribers(opt.by == split_unit::subscriber);
  }

  split_stats run() {
    while (auto s = reader_.next()) {
      switch (env_.on_segment(*s)) {
      case envelope_event::interchange_start:
        finish_transaction();
        part_.close();
        isa_ = env_.interchange();
        line_break_ = reader_.line_break();
        if (opt_.by == split_unit::interchange)
          part_.open(isa_, line_break_);
        break;
      case envelope_event::group_start:
        finish_transaction();
        part_.end_group();
        gs_ = env_.group();
        if (opt_.by == split_unit::interchange && part_.is_open())
          part_.begin_group(gs_);
        break;
      case envelope_event::transaction_start:
        finish_transaction();
        start_transaction(*s);
        break;
      case envelope_event::body:
        body(*s);
        break;
      case envelope_event::transaction_end:
        finish_transaction();
        break;
      case envelope_event::group_end:
        finish_transaction();
        part_.end_group();
        break;
      case envelope_event::interchange_end:
        finish_transaction();
        part_.close();
        break;
      case envelope_event::acknowledgment:
        // A TA1 belongs to its interchange; only a whole interchange keeps it.
        if (opt_.by == split_unit::interchange && part_.is_open())
          (void)part_.raw().write(s->view);
        break;
      case envelope_event::stray:
        break; // reported by the envelope checker; belongs to no envelope
      }
    }
    finish_transaction();
    part_.close();
    env_.finish();
    return stats_;
  }

private:
  void ensure_group() {
    if (!part_.is_open())
      part_.open(isa_, line_break_);
    if (!part_.in_group())
      part_.begin_group(gs_);
  }

  void start_transaction(const segment &st) {
    ++stats_.transactions;
    in_transaction_ = true;
    st01_ = st.view[1];
    st02_ = st.view[2];
    st03_ = st.view[3];
    claims_ = 0;
    cutting_ = by_claims() && st01_ == "837";
    if (cutting_) {
      if (part_.claims() >= opt_.max)
        part_.close();
      cut_.set_room(opt_.max - part_.claims());
      cut_.begin(st);
      return;
    }
    if (by_claims() || (opt_.by == split_unit::transaction && part_.transactions() >= opt_.max))
      part_.close();
    ensure_group();
    part_.env().begin_transaction(st01_, st02_, st03_);
  }

  void body(const segment &s) {
    if (!in_transaction_)
      return;
    if (cutting_) {
      cut_.add(s);
      return;
    }
    // Same separators in and out: the writer copies the bytes as they are.
    (void)part_.env().body(s.view);
    if (s.view.is("CLM") || s.view.is("CLP"))
      ++claims_;
  }

  // At SE, or wherever the envelope checker found the transaction cut short.
  void finish_transaction() {
    if (!in_transaction_)
      return;
    in_transaction_ = false;
    if (cutting_) {
      cut_.end();
      return;
    }
    part_.env().end_transaction();
    part_.add_transaction(claims_);
    if (by_claims())
      part_.close(); // a transaction set that is not cut has a file of its own
  }

  void write_piece(const claim_piece &p) {
    ensure_group();
    envelope_writer &env = part_.env();
    env.begin_transaction(st01_, st02_, st03_);
    for_each_segment(p, [&](const segment_view &v) { (void)env.body(v); });
    env.end_transaction();
    part_.add_transaction(p.claims);
    if (p.full) {
      part_.close();
      cut_.set_room(opt_.max);
    }
  }

  bool by_claims() const noexcept {
    return opt_.by == split_unit::claim || opt_.by == split_unit::subscriber;
  }

  const split_options &opt_;
  std::function<void(const split_part &)> on_part_;
  split_stats stats_;
  reader reader_;
  envelope_checker env_;
  part_file part_;
  claim_splitter cut_;
  interchange_header isa_;
  group_header gs_;
  std::string line_break_;
  std::string st01_, st02_, st03_;
  std::uint64_t claims_ = 0;
  bool in_transaction_ = false;
  bool cutting_ = false;
};

// PREFIX-NNNNNN.x12, as split names its parts.
bool is_part_name(std::string_view name, std::string_view prefix) {
  if (name.size() != prefix.size() + 11 || name.substr(0, prefix.size()) != prefix ||
      name[prefix.size()] != '-' || name.substr(name.size() - 4) != ".x12")
    return false;
  for (char c : name.substr(prefix.size() + 1, 6))
    if (c < '0' || c > '9')
      return false;
  return true;
}

// Where the parts are written until all of them are: a folder of its own,
// so a run that is killed or fails never leaves a set that looks whole. A
// new out_dir is the staging folder renamed, in one step; an existing one
// (perhaps a mount point, or a folder with its own owner and mode) gets the
// parts moved in one by one from a staging folder inside it.
class staging_folder {
public:
  explicit staging_folder(const std::string &out_dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path target = fs::path(out_dir).lexically_normal();
    if (!target.has_filename())
      target = target.parent_path();
    replaces_ = !fs::exists(fs::symlink_status(target, ec));
    // What is in the way of the parent (a file, no permission) is for
    // mkdtemp to name.
    if (replaces_ && target.has_parent_path() && !fs::exists(target.parent_path(), ec))
      fs::create_directories(target.parent_path(), ec);
    std::string name = replaces_ ? target.string() + ".tmp-XXXXXX"
                                 : (target / ".split.tmp-XXXXXX").string();
    if (!mkdtemp(name.data()))
      throw error(std::string("cannot create the output folder: ") + std::strerror(errno),
                  {out_dir});
    path_ = name;
    target_ = target.string();
    // mkdtemp makes it 0700; renamed into place it is the folder the user
    // asked for, with the mode mkdir(2) would have given it.
    mode_t mask = umask(0);
    umask(mask);
    chmod(path_.c_str(), 0777 & ~mask);
  }
  staging_folder(const staging_folder &) = delete;
  staging_folder &operator=(const staging_folder &) = delete;
  ~staging_folder() {
    std::error_code ec;
    if (!path_.empty())
      std::filesystem::remove_all(path_, ec);
  }

  const std::string &path() const noexcept { return path_; }

  // A message about a part names it where it was to go: the staging
  // folder's name means nothing to the user.
  std::string as_placed(std::string message, const std::string &out_dir) const {
    std::string from = path_ + "/", to = (std::filesystem::path(out_dir) / "").string();
    for (std::size_t at = message.find(from); at != std::string::npos;
         at = message.find(from, at + to.size()))
      message.replace(at, from.size(), to);
    return message;
  }

  // Puts the written parts in place (the out_dir named as the caller named it).
  void move_into_place(const std::string &out_dir, const std::vector<split_part> &parts) {
    namespace fs = std::filesystem;
    if (replaces_) {
      if (std::rename(path_.c_str(), target_.c_str()) != 0)
        throw error(std::string("cannot move the parts into place: ") + std::strerror(errno),
                    {out_dir});
      path_.clear();
      return;
    }
    for (const split_part &p : parts) {
      fs::path name = fs::path(p.path).filename();
      if (std::rename(p.path.c_str(), (fs::path(out_dir) / name).c_str()) != 0)
        throw error(std::string("cannot move a part into place: ") + std::strerror(errno),
                    {(fs::path(out_dir) / name).string()});
    }
  }

private:
  std::string path_, target_;
  bool replaces_ = false;
};

} // namespace

split_stats split(input_buffer &in, const split_options &options,
                  finding_sink findings,
                  std::function<void(const split_part &)> on_part) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<std::string> there = folder_entries(options.out_dir);
  if (!options.force)
    refuse_used_folder(options.out_dir, there,
                       "parts left from an earlier run would be taken with this run's",
                       "replace an earlier split's parts");
  staging_folder staging(options.out_dir);
  split_options staged = options;
  staged.out_dir = staging.path();
  std::vector<split_part> parts;
  split_stats stats;
  try {
    stats = split_run(in, staged, std::move(findings), [&](const split_part &p) {
              parts.push_back(p);
            }).run();
  } catch (const error &e) {
    error_position where = e.position();
    where.file = staging.as_placed(where.file, options.out_dir);
    throw error(staging.as_placed(e.what(), options.out_dir), where);
  }
  staging.move_into_place(options.out_dir, parts);
  std::set<std::string> written;
  for (split_part &p : parts) {
    std::string name = fs::path(p.path).filename().string();
    p.path = (fs::path(options.out_dir) / name).string();
    written.insert(std::move(name));
  }
  // --force: an earlier run's parts that this run did not replace go, so
  // the folder holds this run's set and nothing else of split's.
  for (const std::string &name : there)
    if (is_part_name(name, options.prefix) && !written.count(name)) {
      fs::remove(fs::path(options.out_dir) / name, ec);
      if (ec)
        throw error("cannot remove an earlier part: " + ec.message(),
                    {(fs::path(options.out_dir) / name).string()});
    }
  if (on_part)
    for (const split_part &p : parts)
      on_part(p);
  return stats;
}

} // namespace x12
