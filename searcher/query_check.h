/** @file
 *  @brief A syntax check of the query language, before Xapian's parser sees it.
 *
 *  Xapian's QueryParser never rejects a query: when its grammar fails, it
 *  quietly parses the text again with the operators turned off, so `AND OR`
 *  searches for the words "and" and "or", and `((((` for nothing. A user who
 *  typed a broken query deserves to be told, so the mistakes people make
 *  (unbalanced parentheses, an operator with nothing on one side, a field
 *  name with no value) are caught here first.
 */
#pragma once

#include <string_view>

namespace newsdesk::search {

/// @throws UsageError with a one-line explanation when @p query is malformed.
void check_query_syntax(std::string_view query);

}  // namespace newsdesk::search
