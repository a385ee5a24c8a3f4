/** @file
 *  @brief Article -> Xapian::Document, following the schema and nothing else.
 */
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>

#include "analysis.h"
#include "article.h"
#include "facet_dictionary.h"
#include "fingerprint.h"

namespace newsdesk {

/// The term every document read from @p path carries, so that the
/// documents of a file can be found again (for updates and --prune).
std::string file_term(std::string_view path);

/// The facet values of @p article a document carries (each distinct one that
/// can be a term, in order), with its day: for FacetDictionary::add_summary.
DocumentFacets document_facets(const Article& article);

/// Builds documents, each with a TermGenerator for its article's language
/// (analysis::configure_for). Touches no database, so it may run on a thread
/// of its own; the facet summary, which needs the database's dictionaries,
/// is the writer's to add (FacetDictionary::add_summary).
class DocumentBuilder {
  public:
    /// @p language: libstemmer algorithm for articles of no known language.
    explicit DocumentBuilder(const std::string& language);

    /// The document for @p article, read from the file @p path, with the
    /// terms its near-duplicates are found by (@p story, its fingerprint).
    /// Repeated facet values are kept once.
    Xapian::Document build(const Article& article, std::string_view path, const clusters::Fingerprint& story);
    /// As above, fingerprinting @p article here.
    Xapian::Document build(const Article& article, std::string_view path) {
        return build(article, path, clusters::fingerprint(article));
    }

  private:
    /// The generator for articles in language @p code, made on first use.
    Xapian::TermGenerator& generator_for(const std::string& code);

    std::string default_language_;
    std::map<std::string, Xapian::TermGenerator> generators_;
};

}  // namespace newsdesk
