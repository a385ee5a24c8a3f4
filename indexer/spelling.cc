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

void add_spelling_of_every_word(Xapian::WritableDatabase& db) {
    // Words sort after every prefixed term ("A".."Z") and number.
    auto term = db.allterms_begin();
    term.skip_to("a");
    for (; term != db.allterms_end(); ++term) {
        const std::string& word = *term;
        if (schema::is_spelling_word(word)) db.add_spelling(word, db.get_collection_freq(word));
    }
}

}  // namespace newsdesk
