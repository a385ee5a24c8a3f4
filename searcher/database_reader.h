/** @file
 *  @brief What a search reads of its database, read the way that costs least.
 *
 *  Over remote shards every read Xapian makes outside a match is a round
 *  trip, and Database::get_termfreq() is one to every server in turn. A
 *  search that looked up its 25 or so term frequencies one by one spent a
 *  third of its time waiting. So each frequency is asked once, and they are
 *  gathered into the statistics of a match, which every server answers at
 *  once: one made anyway (carrying(), learn()), or an empty one of their
 *  own (prefetch()).
 *  A local database is read directly: a lookup there costs microseconds.
 *
 *  What is learnt is kept for the searches after (KnownFrequencies), for as
 *  long as the database stays open: over remote shards most of a search's
 *  frequencies (feedback's candidate words, the stories' sizes) were
 *  carried in every match for words an earlier search had already asked.
 *  So are the documents read over remote shards (KnownDocuments): of the
 *  2,706 that 200 Reuters queries read, only 1,313 were distinct, feedback's
 *  best matches and the pages of related queries being the same articles.
 */
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace newsdesk::search {

class ShardSet;

/// Term frequencies known for one opening of a database. They stay true
/// until it is opened again: a Xapian::Database reads the revision it opened
/// until reopen(), and a remote server the revision its connection opened.
class KnownFrequencies {
  public:
    /// Past this many terms (about 60 bytes each) the next search starts
    /// afresh (begin_search()): a long-lived page does not grow.
    static constexpr std::size_t kMaxTerms = 1 << 18;

    /// Called as a search begins: never during one, which may count on
    /// what it has just learnt.
    void begin_search() {
        if (known_.size() > kMaxTerms) known_.clear();
    }
    const Xapian::doccount* find(const std::string& term) const;
    void add(const std::string& term, Xapian::doccount frequency);

  private:
    std::unordered_map<std::string, Xapian::doccount> known_;
};

/// Documents read for one opening of a database, kept for every later read
/// of it: true until it is opened again, as KnownFrequencies are.
class KnownDocuments {
  public:
    /// Past this many bytes of data and values the next search starts
    /// afresh (begin_search()): about 5,000 Reuters articles.
    static constexpr std::size_t kMaxBytes = std::size_t{16} << 20;

    /// @p bounded: kept past a search, within @p max_bytes; documents read
    /// over remote shards, which arrive whole. A local document reads its
    /// values only when asked, and sizing it would read them all.
    explicit KnownDocuments(bool bounded = true, std::size_t max_bytes = kMaxBytes)
        : bounded_(bounded), max_bytes_(max_bytes) {}

    /// Called as a search begins, never during one (as KnownFrequencies').
    void begin_search() {
        if (bytes_ > max_bytes_) known_.clear(), bytes_ = 0;
    }
    const Xapian::Document* find(Xapian::docid did) const;
    void add(Xapian::docid did, const Xapian::Document& doc);

  private:
    bool bounded_;
    std::size_t max_bytes_;
    std::unordered_map<Xapian::docid, Xapian::Document> known_;
    std::size_t bytes_ = 0;
};

class DatabaseReader {
  public:
    /// @p shards: the remote shards @p db joins (ShardSet::all()), or
    /// nullptr for a local database. @p known: the frequencies of @p db
    /// learnt by earlier searches, to use and add to; nullptr for none.
    /// @p documents: the documents of @p db read by earlier searches, used
    /// over remote shards only (a local read costs microseconds); nullptr
    /// for none.
    DatabaseReader(const Xapian::Database& db, const ShardSet* shards, KnownFrequencies* known = nullptr,
                   KnownDocuments* documents = nullptr)
        : db_(db), shards_(shards), known_(known ? *known : own_),
          documents_(documents && shards ? *documents : own_documents_) {
        known_.begin_search();
        documents_.begin_search();
    }
    DatabaseReader(const DatabaseReader&) = delete;
    DatabaseReader& operator=(const DatabaseReader&) = delete;

    const Xapian::Database& db() const { return db_; }

    /// Whether the database is a local one, where every read is cheap.
    bool local() const { return !shards_; }

    /// Looks up every term of @p terms not known yet: over remote shards, in
    /// one exchange with every server.
    void prefetch(const std::vector<std::string>& terms);

    /// Keeps the frequencies of @p terms that @p mset's statistics hold: a
    /// match knows those of its query's terms.
    void learn(const Xapian::MSet& mset, const std::vector<std::string>& terms);

    /// Notes @p terms whose frequencies will be wanted: the next match made
    /// through carrying() brings them along, saving a match of their own.
    void want(const std::vector<std::string>& terms);

    /// @p query with the terms wanted and not known yet beside it, weighing
    /// nothing (OP_AND_MAYBE: the same documents match), for a match whose
    /// weights are not used (BoolWeight); learn() then keeps their
    /// frequencies, and those of @p query's own terms. @p query as it is for
    /// a local database.
    Xapian::Query carrying(const Xapian::Query& query);

    /// Keeps the frequencies of the terms the query from carrying() holds,
    /// from the matches of it over @p parts: databases that share no
    /// document (shard groups), whose frequencies add up.
    void learn(const std::vector<Xapian::MSet>& parts);

    /// The number of documents indexed by @p term.
    Xapian::doccount termfreq(const std::string& term);

    /// The number of documents indexed by @p term when knowing it costs
    /// nothing more: always for a local database, over remote shards only
    /// when a match brought it already.
    std::optional<Xapian::doccount> known_termfreq(const std::string& term);

    /// The document at @p it, read once and kept for every later call (and
    /// over remote shards for later searches): there a document costs as
    /// much to read the second time (0.14 ms on loopback). Documents are not
    /// asked for ahead (MSet::fetch()): Xapian 1.4's remote backend reads
    /// each one by an exchange of its own all the same, and the MSet then
    /// reads every document asked for at the first one read, those kept
    /// here too. Dropping fetch() made the remote e2e test's 1,000 searches
    /// 7% faster.
    Xapian::Document document(const Xapian::MSetIterator& it);

    /// Whether document @p did has been read (document()).
    bool keeps(Xapian::docid did) const { return documents_.find(did) != nullptr; }

  private:
    const Xapian::Database& db_;
    const ShardSet* shards_;
    KnownFrequencies own_;
    KnownFrequencies& known_;
    std::vector<std::string> wanted_, carried_;
    KnownDocuments own_documents_{false};  ///< one search's
    KnownDocuments& documents_;
};

/// The terms of @p query, each once (Query::get_unique_terms_begin()).
std::vector<std::string> query_terms(const Xapian::Query& query);

}  // namespace newsdesk::search
