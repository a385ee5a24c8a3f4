#include "database_reader.h"

#include <algorithm>
#include <utility>

namespace newsdesk::search {

const Xapian::doccount* KnownFrequencies::find(const std::string& term) const {
    auto it = known_.find(term);
    return it == known_.end() ? nullptr : &it->second;
}

void KnownFrequencies::add(const std::string& term, Xapian::doccount frequency) {
    known_.emplace(term, frequency);
}

const Xapian::Document* KnownDocuments::find(Xapian::docid did) const {
    auto it = known_.find(did);
    return it == known_.end() ? nullptr : &it->second;
}

void KnownDocuments::add(Xapian::docid did, const Xapian::Document& doc) {
    if (!known_.emplace(did, doc).second || !bounded_) return;
    bytes_ += doc.get_data().size() + 64;
    for (auto value = doc.values_begin(); value != doc.values_end(); ++value) bytes_ += (*value).size();
}

void DatabaseReader::prefetch(const std::vector<std::string>& terms) {
    std::vector<Xapian::Query> unknown;
    for (const auto& term : terms)
        if (!term.empty() && !known_.find(term)) unknown.emplace_back(term);
    if (unknown.empty()) return;
    // Whatever else is wanted comes along in the same exchange.
    for (const auto& term : std::exchange(wanted_, {}))
        if (!known_.find(term) && std::find(terms.begin(), terms.end(), term) == terms.end()) unknown.emplace_back(term);
    if (!shards_) {
        for (const auto& query : unknown) {
            const std::string term = *query.get_terms_begin();
            known_.add(term, db_.get_termfreq(term));
        }
        return;
    }
    // No document is asked for: the servers only send the terms' statistics.
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, unknown.begin(), unknown.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    learn(enquire.get_mset(0, 0), query_terms(enquire.get_query()));
}

void DatabaseReader::learn(const Xapian::MSet& mset, const std::vector<std::string>& terms) {
    for (const auto& term : terms)
        if (!term.empty()) known_.add(term, mset.get_termfreq(term));
}

void DatabaseReader::want(const std::vector<std::string>& terms) {
    if (!shards_) return;  // a local lookup costs less than carrying it
    for (const auto& term : terms)
        if (!term.empty() && !known_.find(term)) wanted_.push_back(term);
}

Xapian::Query DatabaseReader::carrying(const Xapian::Query& query) {
    carried_.clear();
    if (!shards_) return query;
    std::vector<Xapian::Query> extra;
    for (const auto& term : std::exchange(wanted_, {}))
        if (!known_.find(term)) extra.emplace_back(term), carried_.push_back(term);
    for (const auto& term : query_terms(query))
        if (!term.empty() && !known_.find(term)) carried_.push_back(term);
    if (extra.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(Xapian::Query::OP_OR, extra.begin(), extra.end()));
}

void DatabaseReader::learn(const std::vector<Xapian::MSet>& parts) {
    for (const auto& term : std::exchange(carried_, {})) {
        Xapian::doccount sum = 0;
        for (const auto& mset : parts) sum += mset.get_termfreq(term);
        known_.add(term, sum);
    }
}

std::optional<Xapian::doccount> DatabaseReader::known_termfreq(const std::string& term) {
    if (!shards_ || term.empty()) return termfreq(term);
    const Xapian::doccount* known = known_.find(term);
    if (!known) return std::nullopt;
    return *known;
}

Xapian::doccount DatabaseReader::termfreq(const std::string& term) {
    if (term.empty()) return db_.get_doccount();  // the empty term matches every document
    if (const Xapian::doccount* known = known_.find(term)) return *known;
    prefetch({term});
    return *known_.find(term);
}

Xapian::Document DatabaseReader::document(const Xapian::MSetIterator& it) {
    if (const Xapian::Document* kept = documents_.find(*it)) return *kept;
    const Xapian::Document doc = it.get_document();
    documents_.add(*it, doc);
    return doc;
}

std::vector<std::string> query_terms(const Xapian::Query& query) {
    return {query.get_unique_terms_begin(), query.get_unique_terms_end()};
}

}  // namespace newsdesk::search
