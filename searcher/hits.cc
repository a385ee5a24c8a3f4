#include "hits.h"

#include <bitset>
#include <optional>
#include <set>
#include <unordered_map>

#include "dates.h"
#include "schema.h"
#include "stored.h"

namespace newsdesk::search {

namespace {

/// Highlight markers. MSet::snippet HTML-escapes the text itself, so these
/// are the only markup a snippet holds.
constexpr const char* kMarkOpen = "<mark>";
constexpr const char* kMarkClose = "</mark>";
constexpr const char* kOmitted = "\u2026";  // "…" where text was left out

/// Choose the part of the text where the query's words are densest. Neither
/// SNIPPET_EXHAUSTIVE (reading every word of every hit's body doubled the time
/// of a search) nor SNIPPET_BACKGROUND_MODEL (a term-frequency lookup for every
/// word of every snippet: a third of a typical search's time on Reuters, to
/// add a few words of context before the first match).
constexpr unsigned kSnippetFlags = 0;

/// Most words a RememberingStem keeps; past it, it starts afresh (a
/// long-running FastCGI process must not grow without end).
constexpr std::size_t kMaxRemembered = 100000;

class RememberingStem : public Xapian::StemImplementation {
  public:
    explicit RememberingStem(const Xapian::Stem& stemmer) : stemmer_(stemmer) {}

    std::string operator()(const std::string& word) override {
        if (stems_.size() >= kMaxRemembered) stems_.clear();
        auto [it, added] = stems_.try_emplace(word);
        if (added) it->second = stemmer_(word);
        return it->second;
    }

    std::string get_description() const override { return stemmer_.get_description(); }

  private:
    Xapian::Stem stemmer_;
    std::unordered_map<std::string, std::string> stems_;
};

/// Gives a word its stem only when that is one of the query's stems; any
/// other word gets "", which matches no term ("Z" alone is none). With
/// @p first_bytes, a word is stemmed only when its first byte begins one of
/// those stems.
class QueryStemsOnly : public Xapian::StemImplementation {
  public:
    QueryStemsOnly(const Xapian::Stem& stemmer, std::set<std::string> stems, std::optional<std::bitset<256>> first_bytes)
        : stemmer_(stemmer), stems_(std::move(stems)), first_bytes_(first_bytes) {}

    std::string operator()(const std::string& word) override {
        if (word.empty() || (first_bytes_ && !first_bytes_->test(static_cast<unsigned char>(word[0])))) return {};
        std::string stem = stemmer_(word);
        return stems_.count(stem) ? stem : std::string();
    }

    std::string get_description() const override { return stemmer_.get_description(); }

  private:
    Xapian::Stem stemmer_;
    std::set<std::string> stems_;
    std::optional<std::bitset<256>> first_bytes_;
};

std::vector<Labelled> labelled(const std::vector<FacetValue>& values) {
    std::vector<Labelled> out;
    out.reserve(values.size());
    for (const auto& v : values) out.push_back({v.value, v.label.empty() ? v.value : v.label, v.parent});
    return out;
}

}  // namespace

Xapian::Stem remembering(const Xapian::Stem& stemmer) {
    return Xapian::Stem(new RememberingStem(stemmer));
}

Xapian::Stem snippet_stemmer(const Xapian::Stem& stemmer, bool keeps_first_letter, const Xapian::Query& query) {
    // MSet::snippet matches a word's stem as "Z" + stem: only the query's
    // unprefixed stemmed terms can be matched that way.
    std::set<std::string> stems;
    std::bitset<256> first_bytes;
    for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
        const std::string& name = *term;
        if (name.size() < 2 || name[0] != 'Z') continue;
        stems.insert(name.substr(1));
        first_bytes.set(static_cast<unsigned char>(name[1]));
    }
    return Xapian::Stem(new QueryStemsOnly(stemmer, std::move(stems),
                                           keeps_first_letter ? std::optional(first_bytes) : std::nullopt));
}

std::vector<Listed> listed_in_order(const Xapian::MSet& mset) {
    std::vector<Listed> listed;
    listed.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) listed.push_back({mset, it, it.get_weight(), std::nullopt});
    return listed;
}

std::vector<Hit> make_hits(DatabaseReader& reader, const std::vector<Listed>& listed, unsigned first_rank,
                           const Xapian::Stem& stemmer, unsigned snippet_length) {
    std::vector<Hit> hits;
    hits.reserve(listed.size());
    for (const Listed& entry : listed) {
        const Xapian::Document doc = reader.document(entry.at);
        Article a = schema::from_document_data(doc.get_data());
        Hit hit;
        hit.rank = first_rank++;
        hit.id = a.id;
        hit.score = entry.score;
        hit.title = a.title;
        hit.date = dates::iso_day(a.date);
        hit.moment = a.date;
        hit.source = a.source;
        hit.url = a.url;
        hit.section = a.section;
        hit.language = a.language;
        hit.actors = labelled(a.actors);
        hit.regions = labelled(a.regions);
        hit.topics = labelled(a.topics);
        hit.cluster = doc.get_value(schema::kClusterSlot);  // add_stories() keeps it for a story of several
        const std::string& text = a.body.empty() ? a.title : a.body;
        hit.snippet = entry.mset.snippet(text, snippet_length, stemmer, kSnippetFlags, kMarkOpen, kMarkClose, kOmitted);
        hits.push_back(std::move(hit));
    }
    return hits;
}

std::vector<std::string> story_terms(const std::vector<Hit>& hits) {
    std::vector<std::string> terms;
    for (const Hit& hit : hits)
        if (!hit.cluster.empty()) terms.push_back(std::string(schema::prefix::kCluster) + hit.cluster);
    return terms;
}

void add_stories(DatabaseReader& reader, std::vector<Hit>& hits) {
    // Every article has a cluster, of one when it has no near-duplicate:
    // only a story of several is named.
    reader.prefetch(story_terms(hits));
    for (Hit& hit : hits) {
        if (hit.cluster.empty()) continue;
        const Xapian::doccount size = reader.termfreq(std::string(schema::prefix::kCluster) + hit.cluster);
        if (size < 2) hit.cluster.clear();
        else hit.similar = size - 1;
    }
}

}  // namespace newsdesk::search
