#pragma once
// What every command shares: exit codes, option parsing that exits 2 on bad
// usage, the input list ("-" is stdin), and one way to print findings.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fmt/format.h>
#include <string>
#include <utility>
#include <vector>

#include "x12/finding.h"

namespace x12::cli {

enum exit_code : int { clean = 0, findings = 1, trouble = 2 };

/// The name a command prints in messages: "x12 info".
std::string program(const std::string &verb);

/// Parses argv; returns -1 to go on, else the exit code to return (0 after
/// --help, 2 after a usage error, with the message on stderr).
int parse(CLI::App &app, int argc, char **argv);

/// Prints as fmt::print does, but a failed write does not throw: stdio
/// keeps the error, and finish_stdout reports it once, as the run ends,
/// instead of a message per input from wherever the buffer filled.
template <class... T> void print_to(std::FILE *to, fmt::format_string<T...> format, T &&...args) {
  std::string text = fmt::format(format, std::forward<T>(args)...);
  std::fwrite(text.data(), 1, text.size(), to);
}

/// A command's inputs: none means stdin.
std::vector<std::string> inputs_or_stdin(const std::vector<std::string> &files);

enum class report_format { text, jsonl };
/// Adds --format text|jsonl.
void add_format_option(CLI::App &app, report_format &format);

/// Prints findings: text as `file:segment:offset: severity: [loop element] message`,
/// jsonl as one object per line. Counts errors.
class finding_printer {
public:
  finding_printer(report_format format, std::FILE *to);
  void operator()(finding &&f);
  std::uint64_t errors() const noexcept { return errors_; }
  std::uint64_t warnings() const noexcept { return warnings_; }
  void reset_counts() noexcept { errors_ = warnings_ = 0; }

private:
  report_format format_;
  std::FILE *to_;
  std::uint64_t errors_ = 0, warnings_ = 0;
};

/// One finding as a JSON object (no trailing newline).
std::string to_json(const finding &f);

/// "1 claim", "3 claims".
std::string plural(std::uint64_t n, const char *word);

/// Reports an edge error (x12::error) as `x12 VERB: file: message`.
void print_error(const std::string &verb, const std::exception &e);

/// What the front end does before it exits: flushes standard output and,
/// when a write to it failed, says so as `PROG: cannot write standard
/// output: REASON` and returns 2; else returns `rc`.
int finish_stdout(const std::string &prog, int rc);

} // namespace x12::cli
