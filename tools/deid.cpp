// x12 deid: de-identifies 837, 835, 270/271 and 276/277 files for sharing
// samples (HIPAA Safe Harbor), with keyed pseudonyms that keep files
// matching one another and the output valid.

#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "common/cli.h"
#include "common/commands.h"
#include "x12/deid.h"
#include "x12/error.h"

namespace x12::cli {

int deid_main(int argc, char **argv) {
  CLI::App app{"De-identify 837, 835, 270/271 and 276/277 files for sharing samples: the names, "
               "IDs, addresses, contacts, claim references and dates of patients, subscribers "
               "and their relatives become keyed pseudonyms of the same shape (the same value "
               "under the same key in every file, so an 837 and its 835 still match), dates "
               "keep their year (or, with --shift-dates, move back by one keyed offset per "
               "subscriber), and the output keeps its structure and validity. Provider "
               "identifiers stay.",
               argv[0]};
  std::vector<std::string> files;
  std::string output = "-", key, key_file, schemas_dir;
  deid_options options;
  app.add_option("FILE", files, "X12 files; '-' or none reads stdin");
  app.add_option("-o,--output", output, "output file, written atomically; '-' is stdout")
      ->default_str("-");
  app.add_option("--key", key,
                 "the secret the pseudonyms are keyed with (visible to other "
                 "users in the process list: prefer --key-file or X12_DEID_KEY)");
  app.add_option("--key-file", key_file, "a file whose first line is the key");
  app.add_flag("--shift-dates", options.shift_dates,
               "move each subscriber's dates back by one keyed offset of 1 to 365 days, keeping "
               "intervals, instead of keeping the year alone");
  app.add_option("--schemas", schemas_dir,
                 "directory of guide schemas (default: the shipped ones)");
  if (int rc = parse(app, argc, argv); rc >= 0)
    return rc;
  if (!key.empty() && !key_file.empty()) {
    fmt::print(stderr, "{}: --key and --key-file: give one\n", app.get_name());
    return trouble;
  }
  if (!key_file.empty()) {
    std::ifstream in(key_file);
    if (!in || !std::getline(in, key)) {
      fmt::print(stderr, "{}: {}: cannot read the key\n", app.get_name(), key_file);
      return trouble;
    }
    if (!key.empty() && key.back() == '\r')
      key.pop_back();
  } else if (key.empty()) {
    if (const char *env = std::getenv("X12_DEID_KEY"))
      key = env;
  }
  if (key.empty()) {
    fmt::print(stderr,
               "{}: a key is required (--key-file FILE, X12_DEID_KEY or --key): the "
               "pseudonyms are keyed so that no one without it can link them\n",
               app.get_name());
    return trouble;
  }
  options.key = key;

  finding_printer printer(report_format::text, stderr);
  auto sink = [&](finding &&f) { printer(std::move(f)); };
  try {
    schema_set schemas = schema_set::load(schemas_dir);
    output_file out(output);
    deid_stats total;
    for (const std::string &path : inputs_or_stdin(files)) {
      input_buffer in = input_buffer::open(path);
      deid_stats s = deidentify(in, out, schemas, options, sink);
      total.transactions += s.transactions;
      total.values += s.values;
    }
    out.commit();
    fmt::print(stderr, "{}: {}, {} replaced\n", app.get_name(),
               plural(total.transactions, "transaction set"), plural(total.values, "value"));
  } catch (const std::exception &e) {
    print_error("deid", e);
    return trouble;
  }
  return printer.errors() > 0 ? findings : clean;
}

} // namespace x12::cli
