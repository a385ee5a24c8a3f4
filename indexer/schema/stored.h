/** @file
 *  @brief The stored fields: what a document's data holds, for display and snippets.
 *
 *  Document data is a JSON object with the Article's fields under the same
 *  names (id, title, date, source, url, author, section, language, dateline,
 *  actors, regions, topics; facet values as {"value","label"}), so
 *  `xapian-delve -d` shows it readably and other tools can parse it; then a
 *  NUL byte and the body as it is. The body stays out of the JSON because
 *  decoding it there was a tenth of a search page's time (ten hits' bodies
 *  through nlohmann's lexer); a NUL byte never occurs in JSON text.
 */
#pragma once

#include <cstddef>
#include <string>

#include "article.h"

namespace newsdesk::schema {

/// Most bytes of body kept for snippets and the article view.
inline constexpr std::size_t kStoredBodyLimit = 32 * 1024;

/// Serialise @p article for Xapian::Document::set_data (body cut at a UTF-8
/// boundary at most kStoredBodyLimit bytes in).
std::string to_document_data(const Article& article);

/// Read back what to_document_data() wrote. Missing fields stay empty.
/// @throws DatabaseError when @p data is not a stored article.
Article from_document_data(const std::string& data);

}  // namespace newsdesk::schema
