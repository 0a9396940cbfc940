#include "x12/output_folder.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

#include "x12/error.h"

namespace x12 {

std::vector<std::string> folder_entries(const std::string &dir) {
  std::vector<std::string> names;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec))
    return names;
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    names.push_back(it->path().filename().string());
  if (ec)
    throw error("cannot read the output folder: " + ec.message(), {dir});
  std::sort(names.begin(), names.end());
  return names;
}

void refuse_used_folder(const std::string &dir, const std::vector<std::string> &there,
                        std::string_view mixed, std::string_view force_does) {
  if (there.empty())
    return;
  std::string names;
  for (std::size_t i = 0; i < there.size() && i < 3; ++i)
    names += (i ? ", " : "") + there[i];
  if (there.size() > 3)
    names += fmt::format(" and {} more", there.size() - 3);
  throw error(fmt::format("the output folder is not empty ({}): {}; use an empty folder, or "
                          "--force to {}",
                          names, mixed, force_does),
              {dir});
}

} // namespace x12
