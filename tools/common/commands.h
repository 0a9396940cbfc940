#pragma once
// The commands of the x12 front end. Each lives in tools/<name>.cpp and is
// called with argv[0] set to "x12 <name>".

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

} // namespace x12::cli
