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

/// A Xapian stopper over one language's list, from which a query can take
/// words out again (a name typed in capitals, "WHO").
class StopwordSet : public Xapian::Stopper {
  public:
    explicit StopwordSet(const std::unordered_set<std::string_view>& words) : lists_{&words} {}
    void keep(const std::string& word) { kept_.insert(word); }
    /// Adds @p language's list (a libstemmer algorithm name), if it has one.
    void add_language(std::string_view language);
    bool operator()(const std::string& word) const override {
        if (kept_.count(word)) return false;
        for (const auto* list : lists_)
            if (list->count(word)) return true;
        return false;
    }
    std::string get_description() const override { return "newsdesk::StopwordSet"; }

  private:
    std::vector<const std::unordered_set<std::string_view>*> lists_;  ///< each read once per process
    std::unordered_set<std::string> kept_;
};

/// A stopper for @p language's list; nullptr when there is none (the query's
/// words are then all kept). Each list is read into a set once per process:
/// a query parses its text up to three times.
StopwordSet* make_stopper(std::string_view language);

}  // namespace newsdesk::analysis
