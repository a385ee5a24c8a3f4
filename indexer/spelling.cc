#include "spelling.h"

namespace newsdesk {

namespace {

/// Words are the terms without a prefix: prefixes are capitals, and stemmed
/// forms start with Z; digits and punctuation-led terms suggest nothing.
bool is_word(const std::string& term) {
    unsigned char c = static_cast<unsigned char>(term[0]);
    return c >= 0x80 || (c >= 'a' && c <= 'z');
}

}  // namespace

void SpellingCounts::add(const Xapian::Document& doc) {
    for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
        const std::string& term = *it;
        if (!term.empty() && is_word(term)) counts_[term] += it.get_wdf();
    }
}

void SpellingCounts::flush(Xapian::WritableDatabase& db) {
    for (const auto& [word, count] : counts_) db.add_spelling(word, count);
    counts_.clear();
}

}  // namespace newsdesk
