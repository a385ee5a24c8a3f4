/** @file
 *  @brief The search page as HTML: escaping for each context, and the page's parts.
 *
 *  Every piece of text that came from a request or a database passes through
 *  escape_text(), escape_attribute() or url_encode() on its way out; snippets
 *  are the one exception, since the search library escapes them itself and
 *  adds only <mark>. Pages are self-contained: inline CSS, no scripts, no
 *  external resources, so a strict Content-Security-Policy holds.
 */
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "article.h"
#include "cgi_params.h"
#include "search.h"
#include "url.h"

namespace newsdesk::cgi {

/// @p text with invalid UTF-8 sequences replaced by U+FFFD.
/// Whether @p text is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view text);

std::string to_valid_utf8(std::string_view text);

/// For HTML text content: & < > escaped (and made valid UTF-8).
std::string escape_text(std::string_view text);

/// For a double-quoted HTML attribute value: & < > " ' escaped (and made valid UTF-8).
std::string escape_attribute(std::string_view text);

// The same, appended to @p out: for the sidebar's hundreds of items, where
// each temporary string costs as much as the escaping.
void append_escaped_text(std::string& out, std::string_view text);
void append_escaped_attribute(std::string& out, std::string_view text);
// URLs (search/url.h): the feed writes them too.
using search::append_url_encoded;
using search::is_web_url;
using search::url_encode;

// The page's parts. Each returns an HTML fragment; @p params is the current
// request, from which every link is derived.

/// The search box, keeping the active filters and sort as hidden fields.
std::string search_form(const PageParams& params);
/// "12 articles (0.01 s)"; "About 1,200 articles" when the count is an estimate.
std::string result_count(const search::SearchResult& result);
/// "Did you mean <a>...</a>?" when the library suggests a correction, else "".
std::string did_you_mean(const PageParams& params, const search::SearchResult& result);
/// Active filters as chips, each a link that removes it; "" when none.
std::string filter_chips(const PageParams& params, const search::SearchResult& result);
/// Relevance / newest / oldest, the current one not a link.
std::string sort_links(const PageParams& params);
/// The hits as an ordered list, or a "nothing found" paragraph.
std::string result_list(const PageParams& params, const search::SearchResult& result);
/// Previous / page N of M / next. @p more: whether the ranked list goes on
/// past this page, when known (the page asks for one hit more than it
/// shows). Else, and for the pages further on, M comes from the totals,
/// which for a list of stories is Xapian's rough estimate.
std::string pagination(const PageParams& params, const search::SearchResult& result,
                       std::optional<bool> more = std::nullopt);
/// Actor, region and topic facets (top 10 plus the rest under <details>) and the date histogram.
std::string facet_sidebar(const PageParams& params, const search::SearchResult& result);
/// The date facet as an inline SVG bar chart whose bars link to their period.
std::string date_histogram(const PageParams& params, const search::Facet& dates);

/// The whole results page; @p more as for pagination().
std::string results_page(const PageParams& params, const search::SearchResult& result,
                         std::optional<bool> more = std::nullopt);
/// One article, with a link back to the results it was found in.
std::string article_page(const PageParams& params, const Article& article);
/// A friendly page for an error: @p heading and @p message are plain text.
std::string message_page(const PageParams& params, const std::string& heading, const std::string& message);

}  // namespace newsdesk::cgi
