#include "part_stories.h"

#include "schema.h"

namespace newsdesk::clusters {

namespace fs = std::filesystem;

namespace {

/// The part of @p doc that StoryClusters reads: the stored data it
/// fingerprints articles by, the sampled shingles it finds them by, the id
/// their own keys come from, and the file that gave them.
Xapian::Document clustered(const Xapian::Document& doc, const std::string& id_term, const std::string& file_term,
                           const Fingerprint& fp) {
    Xapian::Document out;
    out.set_data(doc.get_data());
    out.add_boolean_term(id_term);
    out.add_boolean_term(file_term);
    for (const std::string& term : lookup_terms(fp)) out.add_boolean_term(term);
    return out;
}

}  // namespace

PartStories::PartStories(const fs::path& path, bool fresh, std::size_t batch_size)
    : db_(path.string(), fresh ? Xapian::DB_CREATE_OR_OVERWRITE : Xapian::DB_CREATE_OR_OPEN),
      stories_(db_, [this](Xapian::docid did, const std::string& key) { note(did, key); }),
      batch_size_(batch_size) {}

std::string PartStories::place(const Xapian::Document& doc, const std::string& id_term, const std::string& file_term,
                               const Fingerprint& fp, RekeyedArticles& rekeyed) {
    collecting_ = &rekeyed;
    Xapian::Document copy = clustered(doc, id_term, file_term, fp);
    Xapian::docid old = 0;
    auto found = db_.postlist_begin(id_term);
    if (found != db_.postlist_end(id_term)) old = *found;
    stories_.place(copy, id_term, fp, old);
    // Numbered as the one database of all numbers them: in the order read.
    const Xapian::docid did = old ? old : db_.get_lastdocid() + 1;
    db_.replace_document(did, copy);
    stories_.written(did, fp);
    previous_.erase(did);
    collecting_ = nullptr;
    if (++pending_ >= batch_size_) commit();
    return copy.get_value(schema::kClusterSlot);
}

void PartStories::start_file(const std::string& file_term) {
    previous_.clear();
    for (auto it = db_.postlist_begin(file_term); it != db_.postlist_end(file_term); ++it) previous_.insert(*it);
}

void PartStories::finish_file(bool keep, RekeyedArticles& rekeyed) {
    if (!keep)
        for (Xapian::docid did : previous_) forget(did, rekeyed);
    previous_.clear();
}

void PartStories::forget_file(const std::string& file_term, RekeyedArticles& rekeyed) {
    std::vector<Xapian::docid> docids;
    for (auto it = db_.postlist_begin(file_term); it != db_.postlist_end(file_term); ++it) docids.push_back(*it);
    for (Xapian::docid did : docids) forget(did, rekeyed);
}

void PartStories::forget(Xapian::docid did, RekeyedArticles& rekeyed) {
    collecting_ = &rekeyed;
    stories_.forget(did);
    db_.delete_document(did);
    collecting_ = nullptr;
    ++pending_;
}

void PartStories::commit() {
    db_.commit();
    pending_ = 0;
}

void PartStories::note(Xapian::docid did, const std::string& key) {
    if (!collecting_) return;
    auto term = db_.termlist_begin(did);
    term.skip_to(std::string(schema::prefix::kId));
    if (term == db_.termlist_end(did) || (*term).rfind(std::string(schema::prefix::kId), 0) != 0) return;
    collecting_->emplace_back(*term, key);
}

}  // namespace newsdesk::clusters
