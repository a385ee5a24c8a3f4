/** @file
 *  @brief The search library: a SearchRequest in, a SearchResult out.
 *
 *  The single engine behind newsdesk-search, newsdesk.cgi and anything later.
 *  It never prints: front ends render a SearchResult (render_*.h) and map
 *  exceptions to exit codes or HTTP statuses.
 */
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::search {

/// The database a Searcher opened, and what it reads of it once per opening (search_run.h).
struct OpenedDatabase;

/// The order of the hits. kFresh: relevance times a decay for age, halving
/// every SearchRequest::half_life_days (freshness.h). A search without
/// words (filters alone, or nothing), whose articles all weigh the same,
/// lists the newest first under kRelevance and kFresh too.
enum class Sort { kRelevance, kNewest, kOldest, kFresh };

/// Which articles a query's plain words select (operators the user wrote
/// keep their meaning in every mode).
///  kAll   articles with every word;
///  kAny   articles with any word, ranked by BM25 alone;
///  kAuto  articles with any word, ranked by BM25 plus a bonus for each
///         word an article has (rarer words earning more), so that articles
///         with more of the words rank higher; totals and facets count the
///         articles with every word when there are any, else those with any
///         word (SearchResult::match says which).
enum class Match { kAll, kAny, kAuto };

/// Largest SearchRequest::limit and ::offset accepted (front ends may cap lower).
inline constexpr unsigned kMaxLimit = 10000;
inline constexpr unsigned kMaxOffset = 1000000;

/// "relevance", "newest", "oldest", "fresh". @throws UsageError for anything else.
Sort parse_sort(const std::string& name);

/// Sort::kFresh's half-life when none is given: a week, the span of a news
/// cycle (and of the page's "Past week"). An article a week old then needs
/// twice the relevance of today's to rank beside it, a month old about
/// twenty times. On Reuters the first hit of a query scores 1.3 times the
/// tenth at the median (ranking_bench.py's 74 questions and 290 title-word
/// queries alike), so an article about three days newer overtakes one a
/// whole page's spread more relevant: the newest lead and relevance orders
/// the articles of a few days, which is what asking for "fresh" means
/// (Sort::kRelevance stays for the rest). Elasticsearch's own decay examples
/// use scales of days to weeks.
inline constexpr double kDefaultHalfLifeDays = 7;
/// The shortest and longest half-lives accepted: an hour, a century.
inline constexpr double kMinHalfLifeDays = 1.0 / 24, kMaxHalfLifeDays = 36525;

/// A half-life as written: a number and a unit, h d w m y (hours, days,
/// weeks, months of 30 days, years of 365): "12h", "7d", "1.5w", "1y".
/// @return days, or nullopt when @p text is not one or is out of range.
std::optional<double> parse_half_life(std::string_view text);
inline constexpr const char* kHalfLifeForms = "a number and a unit, h d w m y: 12h, 7d, 2w, 1y; from 1h to 100y";

/// --now and NEWSDESK_NOW: any date but a relative one, standing for its
/// last moment ("1987-10-20" is 23:59:59 that day, so that the whole day has
/// passed); the sortable date, nullopt when @p text is not a date.
std::optional<std::string> parse_now(std::string_view text);

/// "all", "any", "auto". @throws UsageError for anything else.
Match parse_match(const std::string& name);

/// What to search for. Defaults are what a user gets when they say nothing.
struct SearchRequest {
    /// Query in the query language ("" matches every article).
    std::string query;
    /// Facet filters: facet name ("actor", "region", "topic") -> values
    /// (facet values, as in FacetCount::value). Values of one facet are ORed,
    /// different facets ANDed.
    std::map<std::string, std::vector<std::string>> filters;
    /// Date bounds as the user wrote them (dates::parse_bound), "" for open.
    std::string from;
    std::string to;
    Sort sort = Sort::kRelevance;
    /// Sort::kFresh: the age at which an article's relevance counts half.
    double half_life_days = kDefaultHalfLifeDays;
    /// The moment relative dates ("-7d", "date:today") and Sort::kFresh
    /// count from, as a sortable date (parse_now()); "" for the clock
    /// (dates::now(): the local time).
    std::string now;
    Match match = Match::kAuto;
    /// Whether each hit carries the breakdown of its score (Hit::explain).
    bool explain = false;
    /// Whether the articles of one story (a story cluster: the same story
    /// re-sent, corrected or syndicated) are listed as one hit, its best
    /// ranked article (Hit::similar counts the others). Totals and facets
    /// count articles either way; offset and limit count hits.
    bool collapse = true;
    unsigned offset = 0;
    unsigned limit = 10;  ///< 0: totals and facets only
    /// Facets to count: any of "actor", "region", "topic", "date". A facet
    /// with an active filter is counted as if its own filter were off
    /// (multi-select); the date facet counts the matches of all filters.
    std::vector<std::string> facets = {"actor", "region", "date"};
    /// Most values returned per actor/region/topic facet (0: all). The date
    /// histogram is never cut: its bucket size keeps it short.
    unsigned facet_limit = 10;
    /// Longest a query may run (0: no limit); past it, results and counts
    /// are what was found so far.
    double time_limit_seconds = 5.0;
    unsigned snippet_length = 240;  ///< characters
};

/// A facet value on a hit.
struct Labelled {
    std::string value;
    std::string label;
    std::string parent{};  ///< the value this one counts for too ("ua" for Crimea), "" for none
};

/// One query term's part in a hit's score.
struct TermExplanation {
    std::string term;  ///< as indexed: "Zoil" is the stem of "oil", "Stitle" a title word
    /// Why the term is in the query: "query" (the user's), "proximity" (two
    /// of the user's words close together), "feedback" (a word the best
    /// matches share, added to the query).
    std::string role;
    Xapian::termcount wdf = 0;  ///< times the term occurs in the article (title words count 3 times)
    Xapian::doccount termfreq = 0;  ///< articles the term occurs in
    double idf = 0;       ///< the term's weight: rarer terms weigh more
    double bm25 = 0;      ///< BM25's share: idf, the term's frequency and the article's length
    double coverage = 0;  ///< the bonus for containing the term at all (Match::kAuto and kAll)
};

/// How Sort::kFresh discounted a hit for its age.
struct Decay {
    double factor = 1;  ///< 0.5^(age_days / half_life_days); 0 for an undated article
    std::optional<double> age_days;  ///< between the article's date and now, either way; none when undated
    double half_life_days = kDefaultHalfLifeDays;
};

/// Why a hit scored what it did.
struct Explanation {
    std::string match;  ///< the matching used, as SearchResult::match
    double score = 0;  ///< the sum of the terms' bm25 and coverage: the relevance
    Xapian::termcount document_length = 0;  ///< the article's length in terms
    unsigned terms_matched = 0;  ///< how many of terms the article contains
    std::vector<TermExplanation> terms;
    /// Sort::kFresh only: the factor the relevance was multiplied by (Hit::score = score × factor).
    std::optional<Decay> decay{};
};

struct Hit {
    unsigned rank = 0;  ///< 1-based, counting from the first result overall
    std::string id;
    double score = 0;  ///< what the hits are ranked by: relevance, or with Sort::kFresh relevance × decay
    std::string title;
    std::string date;  ///< "YYYY-MM-DD", or "" when unknown
    std::string source, url, section, language;
    std::vector<Labelled> actors, regions, topics;
    /// HTML: the text is escaped, matched terms are wrapped in <mark>...</mark>.
    std::string snippet;
    std::optional<Explanation> explain;  ///< with SearchRequest::explain
    /// Whether the hit is outside the articles the totals count: it has
    /// only some of the query's words, or only words related to them
    /// (feedback, Match::kAuto). Such hits follow the counted ones mostly,
    /// but may rank among them.
    bool related = false;
    std::string moment{};  ///< the date as stored, "YYYYMMDDHHMMSS" (with its time; not in JSON), "" when unknown
    /// The story cluster the article belongs to, when it has near-duplicates
    /// ("" when it is alone): cluster:KEY lists its articles.
    std::string cluster{};
    /// How many other articles tell the same story (the cluster's other
    /// articles, whether this search matched them or not); 0 for none.
    Xapian::doccount similar = 0;
};

struct FacetCount {
    std::string value;  ///< what the matching filter takes (--region VALUE)
    std::string label;  ///< for people ("West Germany", "March 1987")
    Xapian::doccount count = 0;
    std::string parent{};  ///< the value this one counts for too ("ua" for Crimea), "" for none
};

struct Facet {
    std::string name;  ///< "actor", "region", "topic", "date"
    std::vector<FacetCount> values;  ///< by count, descending (date: chronological)
};

/// What every front end says of a Hit::related.
inline constexpr const char* kRelatedNote = "Not in the count: has only some of the words, or related ones.";

/// What every front end says when SearchResult::match is "relaxed".
inline constexpr const char* kRelaxedNote = "No article has every word; showing those with most of them.";

struct SearchResult {
    std::string query;
    std::string parsed;  ///< Xapian's description of the final query
    Xapian::doccount estimate = 0, lower = 0, upper = 0;
    /// What the totals and facets count: "all" (articles with every plain
    /// word of the query), "relaxed" (no article had every word: those with
    /// any of them) or "any" (Match::kAny).
    std::string match = "all";
    /// The request's facet filters, each value as the database has it: the
    /// canonical value a name resolved to ("Ukraine" -> "ua").
    std::map<std::string, std::vector<std::string>> filters;
    /// The hits the ranked list reaches, which may go on past the totals'
    /// articles with every word to those with some of them; with
    /// SearchRequest::collapse, one hit per story.
    Xapian::doccount ranked = 0;
    unsigned offset = 0, limit = 0;
    /// The moment relative dates and Sort::kFresh counted from (sortable).
    std::string now;
    /// The date filter's bounds as resolved (sortable: "-7d" is a day's
    /// first moment), "" where open.
    std::string from, to;
    std::optional<std::string> corrected;  ///< spelling suggestion ("did you mean")
    /// The shards that could not be reached (shards.h: "host:port"), whose
    /// articles are missing from the hits, totals and facets; empty when
    /// every shard answered.
    std::vector<std::string> missing_shards;
    double elapsed_ms = 0;
    std::vector<Hit> hits;
    std::vector<Facet> facets;  ///< in the order they were requested
};

/// What every front end says when SearchResult::missing_shards is not empty.
std::string partial_note(const std::vector<std::string>& missing_shards);

/// Searches one newsdesk database.
class Searcher {
  public:
    /// Opens the database at @p path (a newsdesk database directory).
    /// @throws DatabaseError naming the path and what to do when it is missing or unreadable.
    explicit Searcher(std::string path);

    ~Searcher();

    /// Run @p request. The database is reopened and the search retried if an
    /// indexer modifies it meanwhile, or a remote shard stops answering.
    /// @throws UsageError for a malformed query or request (the message says what is wrong),
    ///         DatabaseError when the database cannot be read, UnavailableError
    ///         when a shard cannot be reached and the stub says
    ///         "missing-shards error" (or none can), Error for anything else.
    SearchResult search(const SearchRequest& request);

  private:
    void open();

    std::string path_;
    std::unique_ptr<OpenedDatabase> opened_;
};

}  // namespace newsdesk::search
