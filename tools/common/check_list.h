#pragma once
// `x12 validate --list-checks`: the finding code registry
// (x12/finding_codes.h) printed for people, scripts and the man page.

#include <cstdio>
#include <string_view>

namespace x12::cli {

enum class check_list_format { text, jsonl, csv, man };

/// text: aligned columns; jsonl: one object per code; csv: RFC 4180 with a
/// header row; man: the mdoc list of codes that man/x12-findings.7 holds.
void print_check_list(check_list_format format, std::FILE *to);

} // namespace x12::cli
