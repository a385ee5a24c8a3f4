/** @file
 *  @brief Article -> Xapian::Document, following the schema and nothing else.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "article.h"

namespace newsdesk {

/// The unique-id term of an article ("Q" + id; ids too long for a Xapian
/// term are replaced by a hash of themselves, still unique and stable).
std::string id_term(std::string_view id);

/// The term every document read from @p path carries, so that the
/// documents of a file can be found again (for updates and --prune).
std::string file_term(std::string_view path);

/// Builds documents with one TermGenerator configured by analysis::configure.
/// Touches no database, so it may run on a thread of its own.
class DocumentBuilder {
  public:
    explicit DocumentBuilder(const std::string& language);

    /// The document for @p article, read from the file @p path.
    /// Repeated facet values are kept once.
    Xapian::Document build(const Article& article, std::string_view path);

  private:
    Xapian::TermGenerator generator_;
};

}  // namespace newsdesk
