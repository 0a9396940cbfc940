#pragma once
// The commands of the x12 front end. Each lives in tools/<name>.cpp and is
// called with argv[0] set to "x12 <name>".

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace x12::cli {

struct command {
  const char *name;
  const char *summary;
  int (*main)(int argc, char **argv);
};

int info_main(int argc, char **argv);
int fmt_main(int argc, char **argv);
int split_main(int argc, char **argv);
int merge_main(int argc, char **argv);
int gen_main(int argc, char **argv);
int validate_main(int argc, char **argv);
int codes_main(int argc, char **argv);
int convert_main(int argc, char **argv);
int view_main(int argc, char **argv);
int scrub_main(int argc, char **argv);
int deid_main(int argc, char **argv);

/// The view of `files` (tools/view.cpp), shared by `x12 view` and
/// `x12 convert --to text|html`.
struct view_request {
  std::vector<std::string> files;
  bool html = false;
  std::string color = "auto"; // auto, always, never
  std::string output = "-";
  std::string codes_dir, schemas_dir;
  std::optional<std::string> guide;
};
/// Adds --color auto|always|never.
void add_color_option(CLI::App &app, std::string &mode);
/// Writes the view; returns the exit code. `verb` names the command in messages.
int run_view(const std::string &verb, const view_request &request);

} // namespace x12::cli
