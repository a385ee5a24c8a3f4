/** @file
 *  @brief One search against an open database: what a Searcher runs, and retries.
 *
 *  Which articles are counted and which ranked, the proximity and feedback
 *  parts of the ranked query, the facet counts, the page of hits and what
 *  is read once per opening of the database (OpenedDatabase). search.h's
 *  Searcher opens the database and retries a search it interrupts.
 */
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis.h"
#include "database_reader.h"
#include "dictionary_cache.h"
#include "facet_column.h"
#include "search.h"
#include "shards.h"

namespace newsdesk::search {

/// What a search reads of a database once per opening rather than once per
/// query: over remote shards every read is a round trip to each server.
struct OpenedDatabase {
    Xapian::Database db;
    /// The remote shards db joins (shards.h); none for a local database.
    std::unique_ptr<ShardSet> shards;
    /// A local database's facet dictionaries (the shards' are their groups').
    std::optional<DictionaryCache> dictionary;
    analysis::Languages languages;
    /// The database's stemmer for snippets (see hits.h).
    Xapian::Stem stemmer;
    /// Whether stemmer keeps a word's first letter (snippet_stemmer()).
    bool stem_keeps_first_letter = false;
    /// A local database's facet summaries in memory (facet_column.h), when
    /// the indexer wrote them for the revision open.
    std::optional<schema::FacetColumn> column;
    /// A local database's month terms (newest.h); none over remote shards.
    std::vector<std::string> months;
    /// The term frequencies the searches so far have learnt.
    mutable KnownFrequencies frequencies;
    /// The documents the searches so far have read over remote shards.
    mutable KnownDocuments documents;
};

/// Runs @p request against @p opened.
/// @throws UsageError for a malformed request, Xapian errors as they come.
SearchResult run_search(const OpenedDatabase& opened, const SearchRequest& request);

}  // namespace newsdesk::search
