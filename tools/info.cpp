// x12 info: one line per transaction set, with its envelopes and counts.

#include <boost/json.hpp>
#include <fmt/format.h>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/envelope.h"
#include "x12/reader.h"

namespace x12::cli {
namespace {

struct transaction_line {
  std::string file;
  interchange_header isa;
  group_header gs;
  transaction_header st;
  std::uint64_t segments = 0;
  std::uint64_t claims = 0;
};

void print_line(const transaction_line &t, report_format format) {
  // Only 837 (CLM) and 835 (CLP) carry claims; other sets print no count.
  bool has_claims = t.st.id == "837" || t.st.id == "835";
  if (format == report_format::jsonl) {
    boost::json::object o;
    o["file"] = t.file;
    o["interchange"] = t.isa.control_number;
    o["group"] = t.gs.control_number;
    o["transaction"] = t.st.control_number;
    o["sender"] = t.isa.sender_id;
    o["receiver"] = t.isa.receiver_id;
    o["functional_group"] = t.gs.functional_id;
    o["transaction_set"] = t.st.id;
    o["guide"] = t.st.guide;
    o["segments"] = t.segments;
    if (has_claims)
      o["claims"] = t.claims;
    else
      o["claims"] = nullptr;
    o["offset"] = t.st.offset;
    print_to(stdout, "{}\n", boost::json::serialize(o));
    return;
  }
  print_to(stdout, "{}: interchange {} group {} transaction {}: {} {} from {} to {}, {} segments{}\n",
             t.file, t.isa.control_number, t.gs.control_number, t.st.control_number, t.st.id,
             t.st.guide, t.isa.sender_id, t.isa.receiver_id, t.segments,
             has_claims ? fmt::format(", {} claim{}", t.claims, t.claims == 1 ? "" : "s") : "");
}

void describe(const std::string &path, report_format format, finding_printer &findings) {
  input_buffer in = input_buffer::open(path);
  auto sink = [&](finding &&f) { findings(std::move(f)); };
  reader r(in, sink);
  envelope_checker env(in.name(), sink);
  transaction_line line;
  line.file = in.name();
  while (auto s = r.next()) {
    switch (env.on_segment(*s)) {
    case envelope_event::transaction_start:
      line.isa = env.interchange();
      line.gs = env.group();
      line.st = env.transaction();
      line.claims = 0;
      break;
    case envelope_event::body:
      if (s->view.is("CLM") || s->view.is("CLP"))
        ++line.claims;
      break;
    case envelope_event::transaction_end:
      line.segments = env.transaction_segments();
      print_line(line, format);
      break;
    default:
      break;
    }
  }
  env.finish();
}

} // namespace

int info_main(int argc, char **argv) {
  CLI::App app{"Print one line per transaction set: control numbers, parties, transaction "
               "set, guide, segment count and, for 837 and 835, the number of claims. "
               "Envelope problems are reported on stderr.",
               argv[0]};
  std::vector<std::string> files;
  report_format format = report_format::text;
  app.add_option("FILE", files, "X12 files; '-' or none reads stdin");
  add_format_option(app, format);
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;

  finding_printer printer(format, stderr);
  int rc = clean;
  for (const std::string &path : inputs_or_stdin(files)) {
    try {
      describe(path, format, printer);
    } catch (const std::exception &e) {
      print_error("info", e);
      rc = trouble;
    }
  }
  if (rc == clean && printer.errors() > 0)
    rc = findings;
  return rc;
}

} // namespace x12::cli
