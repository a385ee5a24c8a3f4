/** @file
 *  @brief Filling an Article's fields the same way in every reader.
 */
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "article.h"
#include "reader.h"

namespace newsdesk::readers {

/// A facet value from a human label: {"James Baker" -> "james-baker", "James Baker"}.
FacetValue facet_value(std::string_view label);

/// Labels separated by ',' or ';' ("Vladimir Putin, FSB") as facet values.
std::vector<FacetValue> split_labels(std::string_view list);

/// The problem of a file that is not UTF-8 throughout, naming the line of
/// its first bad byte; nullopt when it is.
std::optional<Problem> invalid_utf8(std::string_view content);

/// Longest title made from an article's first sentence, in bytes.
inline constexpr std::size_t kMaxDerivedTitleBytes = 120;

/// A title for a record that has none: its first sentence (on its first
/// line), cut at a word boundary past kMaxDerivedTitleBytes, with "…".
std::string title_from_text(std::string_view body);

/// "@p kind-<hash of @p basis>": a stable id from whatever identifies an article.
std::string hashed_id(std::string_view kind, std::string_view basis);

/// A stable id for an article that has none: from its URL, else its title
/// and date, else @p fallback (e.g. its text), prefixed by @p kind.
std::string derived_id(std::string_view kind, const Article& article, std::string_view fallback);

/// Set @p article.date from @p text, or add a warning to @p problems.
void set_date(Article& article, std::string_view text, std::size_t line, std::vector<Problem>& problems);

/// Normalise a language value ("English", "EN", "en-GB", "deu", "ger",
/// "Castilian") to an ISO 639-1 code where known, else "". Names and 3-letter
/// codes beyond a few common ones come from Debian's iso-codes (ISO 639-2).
std::string language_code(std::string_view text);

}  // namespace newsdesk::readers
