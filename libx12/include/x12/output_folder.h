#pragma once
// An output folder that a run fills with several files (split's parts,
// convert's tables). One that already holds files would mix an earlier
// run's with this one's, so it is refused unless the user says --force.

#include <string>
#include <string_view>
#include <vector>

namespace x12 {

/// The names in `dir`, sorted; none when it does not exist. Throws
/// x12::error when it cannot be read.
std::vector<std::string> folder_entries(const std::string &dir);

/// Throws x12::error positioned at `dir` when `there` (its entries) is not
/// empty: "the output folder is not empty (a, b, c and 2 more): MIXED; use
/// an empty folder, or --force to FORCE_DOES".
void refuse_used_folder(const std::string &dir, const std::vector<std::string> &there,
                        std::string_view mixed, std::string_view force_does);

} // namespace x12
