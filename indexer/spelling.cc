#include "spelling.h"

#include "schema.h"

namespace newsdesk {

void SpellingCounts::add(const Xapian::Document& doc) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string& term = *it;
        if (schema::is_spelling_word(term)) counts_[term] += it.get_wdf();
    }
}

void SpellingCounts::flush(Xapian::WritableDatabase& db) {
    for (const auto& [word, count] : counts_) db.add_spelling(word, count);
    counts_.clear();
}

}  // namespace newsdesk
