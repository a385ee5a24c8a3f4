#include "spelling.h"

#include <utility>
#include <vector>

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

namespace {

/// Up to @p limit words of @p db from @p from on, with their collection
/// frequencies; @p from becomes the term after them ("" at the end).
std::vector<std::pair<std::string, Xapian::termcount>> words_from(const Xapian::Database& db, std::string& from,
                                                                   std::size_t limit) {
    std::vector<std::pair<std::string, Xapian::termcount>> words;
    auto term = db.allterms_begin();
    term.skip_to(from);
    for (; term != db.allterms_end() && words.size() < limit; ++term)
        if (schema::is_spelling_word(*term)) words.emplace_back(*term, db.get_collection_freq(*term));
    from = term != db.allterms_end() ? *term : std::string();
    return words;
}

}  // namespace

void add_spelling_of_every_word(Xapian::WritableDatabase& db, std::size_t words_per_commit) {
    // Xapian holds each new word's fragments (about ten entries, each with a
    // copy of the word) in memory until a commit: a news archive's
    // vocabulary, millions of names and inflected forms, is added and
    // committed a slice at a time, each read with a new term iterator.
    std::string next = "a";  // words sort after every prefixed term ("A".."Z") and number
    while (!next.empty()) {
        for (const auto& [word, count] : words_from(db, next, words_per_commit)) db.add_spelling(word, count);
        db.commit();
    }
}

}  // namespace newsdesk
