/** @file
 *  @brief Spelling data for "did you mean", gathered per batch.
 *
 *  TermGenerator's FLAG_SPELLING adds every word occurrence to the database
 *  one at a time, which is a quarter of Reuters' indexing time; counting
 *  words in memory and adding each once per commit gives the same data.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace newsdesk {

class SpellingCounts {
  public:
    /// Count the words (unprefixed, unstemmed terms) of @p doc.
    void add(const Xapian::Document& doc);

    /// Add what was counted to @p db's spelling data and start afresh.
    void flush(Xapian::WritableDatabase& db);

    /// Distinct words counted since the last flush.
    std::size_t words() const { return counts_.size(); }

  private:
    std::unordered_map<std::string, Xapian::termcount> counts_;
};

}  // namespace newsdesk
