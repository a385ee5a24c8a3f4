/** @file
 *  @brief Stopword lists per language, from the Snowball project.
 *
 *  The lists are generated at build time (scripts/gen-stopwords.pl) from
 *  Debian's liblingua-stopwords-perl, which packages Snowball's lists.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace newsdesk::analysis {

struct StopwordList {
    std::string_view language;  ///< a libstemmer algorithm name
    std::string_view words;     ///< one word a line
};

/// Every list, generated.
const std::vector<StopwordList>& stopword_lists();

/// A Xapian stopper from which words can also be taken out again.
class StopwordSet : public Xapian::Stopper {
  public:
    void add(const std::string& word) { words_.insert(word); }
    void remove(const std::string& word) { words_.erase(word); }
    bool operator()(const std::string& word) const override { return words_.count(word) > 0; }
    std::string get_description() const override { return "newsdesk::StopwordSet"; }

  private:
    std::unordered_set<std::string> words_;
};

/// A stopper for @p language's list; nullptr when there is none (the query's
/// words are then all kept).
StopwordSet* make_stopper(std::string_view language);

}  // namespace newsdesk::analysis
