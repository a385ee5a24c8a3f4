/** @file
 *  @brief SearchResult -> text, JSON, JSON Lines or TSV. Output only.
 *
 *  The JSON names are a contract other tools depend on (README, issue 3):
 *  to_json() is the single place they are spelled.
 */
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

#include "search.h"

namespace newsdesk::search {

enum class Format {
    kText,   ///< for people at a terminal
    kJson,   ///< one JSON object: totals, results and facets (to_json)
    kJsonl,  ///< one JSON object per result (hit_to_json), nothing else
    kTsv,    ///< a header row, then one row per result
};

/// "text", "json", "jsonl", "tsv". @throws UsageError for anything else.
Format parse_format(const std::string& name);

/// The whole result, in the JSON contract.
nlohmann::json to_json(const SearchResult& result);

/// One result, as it appears in to_json()'s "results".
nlohmann::json hit_to_json(const Hit& hit);

/// Write @p result to @p out in @p format. @p color: ANSI highlighting in
/// kText (for a terminal).
void render(const SearchResult& result, Format format, std::ostream& out, bool color = false);

/// kText output.
void render_text(const SearchResult& result, std::ostream& out, bool color);

/// A snippet as plain text: <mark> tags removed, HTML entities decoded.
/// With @p mark_on / @p mark_off, matches are wrapped in those instead.
std::string plain_snippet(const std::string& snippet, const std::string& mark_on = "",
                          const std::string& mark_off = "");

}  // namespace newsdesk::search
