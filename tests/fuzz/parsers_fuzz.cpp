// libFuzzer target for every parser of user input past the reader (which
// reader_fuzz takes): X12_FUZZ_PARSER names the one a run feeds.
//
//   validate      X12 through the validator: placement, elements, codes, the
//                 guides' rules and a partner pack (examples/partner-rules.yaml)
//   deid          X12 through x12 deid
//   json          X12 JSON back to X12 (json_to_x12)
//   claims-json   a claim document, then the 837 it makes
//   roster        a roster CSV, then the 270 it makes
//   expression    a rule expression
//   rule-pack     a partner rule pack (YAML), bound to the shipped guides
//   schema        a guide schema (YAML) beside the shipped elements.yaml
//   code-table    a code table (CSV)
//   ncci          a CMS PTP file and an MUE file (TXT, CSV)
//   scrub-config  a scrub config (YAML)
//   age-sex       an age and sex table (CSV)
//
// What may come out of bad input is x12::error (or a failed result): any
// other exception escapes and is a crash, as is anything the sanitizers see.
// Parsers that read a path get the bytes in a file under /dev/shm (the
// temporary folder where there is none); outputs go to /dev/null.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

#include "x12/x12.h"

namespace fs = std::filesystem;

namespace {

std::string parser() {
  const char *p = std::getenv("X12_FUZZ_PARSER");
  return p ? p : "";
}

// A file holding `bytes`, rewritten for each input.
std::string file_of(std::string_view bytes, const char *name) {
  static const fs::path dir = [] {
    std::error_code ec;
    fs::path base = fs::exists("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = base / ("x12-fuzz-" + std::to_string(getpid()));
    fs::create_directories(d);
    return d;
  }();
  fs::path path = dir / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

const x12::schema_set &schemas() {
  static const x12::schema_set set = [] {
    x12::schema_set s = x12::schema_set::load(X12_FUZZ_SCHEMAS);
    s.all(); // every guide loaded once, not in the timed runs
    return s;
  }();
  return set;
}

const x12::code_set &codes() {
  static const x12::code_set set = [] {
    x12::code_set c;
    c.add_shipped(X12_FUZZ_SCHEMAS);
    return c;
  }();
  return set;
}

const x12::partner_rules &partner() {
  static const x12::partner_rules *rules = [] {
    auto *r = new x12::partner_rules();
    r->add(x12::load_rule_pack(X12_FUZZ_EXAMPLES "/partner-rules.yaml"), schemas());
    return r;
  }();
  return *rules;
}

struct quiet : x12::validation_observer {
  void on_finding(const x12::finding &) override {}
};

void run(std::string_view bytes) {
  const std::string p = parser();
  if (p == "validate") {
    x12::validation_options o;
    o.codes = &codes();
    o.partner = &partner();
    quiet q;
    x12::input_buffer in = x12::input_buffer::from_memory(bytes, "fuzz.x12");
    x12::validator(schemas(), o, q).run(in);
  } else if (p == "deid") {
    x12::input_buffer in = x12::input_buffer::from_memory(bytes, "fuzz.x12");
    x12::output_file out("/dev/null");
    x12::deidentify(in, out, schemas(), {.key = "fuzz", .shift_dates = bytes.size() % 2 == 1});
  } else if (p == "json") {
    x12::input_buffer in = x12::input_buffer::from_memory(bytes, "fuzz.json");
    x12::output_file out("/dev/null");
    (void)x12::json_to_x12(in, out, {});
  } else if (p == "claims-json") {
    x12::result<x12::claim_document> doc = x12::read_claim_document(bytes);
    if (doc) {
      x12::output_file out("/dev/null");
      x12::envelope_settings settings;
      x12::write_claim_document(*doc, out, settings);
    }
  } else if (p == "roster") {
    x12::result<x12::roster> r = x12::read_roster(bytes);
    if (r) {
      x12::output_file out("/dev/null");
      x12::envelope_settings settings;
      x12::write_roster_270(*r, {}, out, settings);
    }
  } else if (p == "expression") {
    x12::rule_expression::parse(bytes);
  } else if (p == "rule-pack") {
    x12::partner_rules r;
    r.add(x12::load_rule_pack(file_of(bytes, "pack.yaml")), schemas());
  } else if (p == "schema") {
    static const bool copied = [] {
      fs::copy_file(X12_FUZZ_SCHEMAS "/elements.yaml", fs::path(file_of("", "elements.yaml")),
                    fs::copy_options::overwrite_existing);
      return true;
    }();
    (void)copied;
    x12::schema s = x12::load_schema(file_of(bytes, "FUZZ-837.yaml"));
    (void)x12::lint(s);
  } else if (p == "code-table") {
    (void)x12::code_table::load(file_of(bytes, "table.csv"), "table");
  } else if (p == "ncci") {
    x12::ptp_table ptp;
    (void)ptp.add(bytes, "ptp.txt");
    ptp.seal();
    x12::mue_table mue;
    (void)mue.add(bytes, "mue.csv");
  } else if (p == "scrub-config") {
    (void)x12::load_scrub_config(file_of(bytes, "config.yaml"), [](std::string_view code) {
      return x12::find_finding_code(code) != nullptr;
    });
  } else if (p == "age-sex") {
    x12::age_sex_table t;
    t.add_file(file_of(bytes, "age-sex.csv"));
  } else {
    std::fprintf(stderr, "parsers_fuzz: set X12_FUZZ_PARSER (validate, deid, json, claims-json, "
                         "roster, expression, rule-pack, schema, code-table, ncci, scrub-config, "
                         "age-sex)\n");
    std::abort();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  try {
    run(std::string_view(reinterpret_cast<const char *>(data), size));
  } catch (const x12::error &) {
    // what bad input may give: an error with its position
  }
  return 0;
}
