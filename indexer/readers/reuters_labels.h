/** @file
 *  @brief Display names of the Reuters-21578 category codes, from the
 *  distribution's cat-descriptions_120396.txt.
 */
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace newsdesk::readers {

/// Lower-case code ("james-baker") -> display name ("James Baker").
using ReutersLabels = std::unordered_map<std::string, std::string>;

/// Parse the text of cat-descriptions_120396.txt.
ReutersLabels parse_reuters_labels(std::string_view text);

/// The labels beside the .sgm files in @p directory, read once and cached (thread-safe).
std::shared_ptr<const ReutersLabels> reuters_labels_for(const std::filesystem::path& directory);

/// The display name of @p code: the file's, else one made readable from the code.
std::string reuters_label(const ReutersLabels& labels, std::string_view code);

}  // namespace newsdesk::readers
