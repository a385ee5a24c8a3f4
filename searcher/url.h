/** @file
 *  @brief URLs the page and the feed write: query components and links.
 */
#pragma once

#include <string>
#include <string_view>

namespace newsdesk::search {

/// For a URL query component: every byte but A-Z a-z 0-9 - . _ ~ percent-encoded.
/// The result holds nothing an HTML attribute or XML needs escaped.
std::string url_encode(std::string_view text);

/// The same, appended to @p out: for the sidebar's hundreds of items, where
/// each temporary string costs as much as the encoding.
void append_url_encoded(std::string& out, std::string_view text);

/// Whether @p url may be linked to: http or https only (no javascript:, data:, ...).
bool is_web_url(std::string_view url);

}  // namespace newsdesk::search
