#include "search_run.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "dates.h"
#include "error.h"
#include "facets.h"
#include "freshness.h"
#include "hits.h"
#include "newest.h"
#include "query.h"
#include "relevance.h"
#include "schema.h"

namespace newsdesk::search {

namespace {

/// "Did you mean" is offered when the query finds fewer articles than this.
constexpr Xapian::doccount kFewResults = 5;

/// In Match::kAuto, totals and facets count the articles with every word
/// when at least this many have them, and the articles with any word
/// otherwise. Measured on ranking_bench.py's questions and topic queries
/// (judged by the editors' topics): where 1-4 articles had every word, 63%
/// of them were relevant against 5% of the articles with any word; 55% at
/// 5-19 (any word: 5-6%). However few, they are the better set to count.
constexpr Xapian::doccount kEnoughWithEveryWord = 1;

/// The order of Sort::kRelevance and kOldest (kNewest: newest.h).
void set_sort(Xapian::Enquire& enquire, Sort sort) {
    // Articles of equal relevance are listed by story key, not by document
    // id, so that an archive lists the same way however it was numbered:
    // merged or split into shards, here or on other machines.
    if (sort == Sort::kRelevance) enquire.set_sort_by_relevance_then_value(schema::kClusterSlot, false);
    // kDateSlot holds "YYYYMMDDHHMMSS", which sorts as a string; equal dates
    // fall back to relevance.
    if (sort == Sort::kOldest) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, false);
}

/// Whether @p sort lists by relevance (Sort::kFresh's discounted or not).
bool by_relevance(Sort sort) { return sort == Sort::kRelevance || sort == Sort::kFresh; }

/// The facets asked for, each once, in the order asked; unknown names rejected.
std::vector<std::string> requested_facets(const SearchRequest& request) {
    std::vector<std::string> names;
    for (const auto& name : request.facets) {
        const schema::Field* field = schema::find_field(name);
        bool known = name == schema::kDateFacet || (field && field->kind == schema::FieldKind::kFacet);
        if (!known) throw UsageError("unknown facet '" + name + "' (choose from actor, region, topic, language, date)");
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    return names;
}

/// One search against one open database: everything search() retries.
class Run {
  public:
    Run(const OpenedDatabase& opened, const SearchRequest& request)
        : db_(opened.db),
          shards_(opened.shards.get()),
          opened_(opened),
          request_(request),
          filters_(db_, request),
          every_word_(parse_query(db_, opened.languages, request.query, Xapian::Query::OP_AND, filters_.languages())),
          any_word_(request.match == Match::kAll
                        ? every_word_
                        : parse_query(db_, opened.languages, request.query, Xapian::Query::OP_OR, filters_.languages())),
          plain_words_(plain_words(db_, opened.languages, request.query)),
          params_(weight_params(request.match)),
          reader_(db_, shards_, &opened.frequencies, &opened.documents) {
        // The proximity bonus weighs these words by their frequencies: the
        // first match made can bring them.
        if (plain_words_.size() > 1) reader_.want(plain_words_);
        choose_queries();
    }

    SearchResult execute() {
        auto names = requested_facets(request_);
        // Feedback's best matches come first: a later match brings the
        // frequencies feedback weighs its candidates by.
        const FeedbackCandidates candidates = expands() ? feedback_candidates(reader_, opened_.languages,
                                                                              filters_.apply(ranked_), params_)
                                                        : FeedbackCandidates{};
        // The date and every facet whose own filter is off are counted over
        // the main match; the others, over remote shards, from the same
        // match, and locally by a match without their own filter
        // (multi-select). Over the whole database no match needs to see
        // every document: the counts come from term frequencies. The ranked
        // match only finds the page shown; when facets are counted, the
        // unranked match of every document also gives the exact total.
        const bool whole = counts_whole_database();
        const bool counted = !names.empty() && !whole;
        const bool count_after_page = counted && count_waits_for_page(candidates);
        Counted counts;
        if (!count_after_page) counts = count_and_decide(names, counted);
        const std::vector<QueryPart> parts = ranked_parts(candidates);
        const Xapian::Query ranked_query = this->ranked_query(parts);
        const double limit = time_limit_for(reader_, ranked_query, request_.time_limit_seconds);
        Xapian::Enquire enquire = make_enquire(ranked_query, limit);
        const RankedPage page = rank(enquire, !counted);
        SearchResult result;
        // Only the user's words are highlighted, not the feedback words.
        const Xapian::Stem snippets = snippet_stemmer(opened_.stemmer, opened_.stem_keeps_first_letter, parts.front().query);
        result.hits = make_hits(reader_, page.listed, request_.offset + 1, snippets, request_.snippet_length);
        reader_.want(story_terms(result.hits));  // the count's match, or mark_related()'s, can bring them
        if (count_after_page) counts = count_and_decide(names, counted);

        const Xapian::Query main_query = filters_.apply(query_);
        const bool ranks_more = parts.size() > 1 || ranked_differs_;
        result.query = request_.query;
        result.parsed = enquire.get_query().get_description();
        result.match = match_;
        result.filters = filters_.values();
        result.ranked = page.ranked.get_matches_estimated();
        if (counted) result.estimate = result.lower = result.upper = counts.total;
        else set_totals(result, ranks_more ? count_estimate(main_query) : page.ranked);
        result.offset = request_.offset;
        result.limit = request_.limit;
        result.now = dates::now();
        result.from = filters_.from();
        result.to = filters_.to();
        if (result.estimate < kFewResults) result.corrected = suggestion();
        if (request_.explain) explain_hits(page.listed, parts, result.hits);
        if (lists_uncounted(parts)) mark_related(page.listed, main_query, counts.local ? &*counts.local : nullptr, result.hits);
        add_stories(reader_, result.hits);
        for (const auto& name : names) {
            if (name == schema::kDateFacet)
                result.facets.push_back(
                    date_facet(whole ? count_days(db_) : shards_ ? counts.spied.days() : counts.local->days()));
            else
                result.facets.push_back(count_facet(name, counts));
        }
        if (shards_) result.missing_shards = shards_->missing();
        return result;
    }

  private:
    /// The page of hits, in the order asked for; its ranked match gives
    /// exact totals when @p totals_from_page (no count gave them).
    RankedPage rank(Xapian::Enquire& enquire, bool totals_from_page) const {
        const Xapian::valueno collapse_key = request_.collapse ? schema::kClusterSlot : Xapian::BAD_VALUENO;
        if (request_.collapse) enquire.set_collapse_key(collapse_key);
        const NewestListing newest{db_, opened_.months, collapse_key, totals_from_page};
        if (request_.sort == Sort::kFresh)
            return fresh_page(enquire, newest, request_.offset, request_.limit, dates::now(), request_.half_life_days);
        // Without words every article weighs the same: the newest come first.
        if (request_.sort == Sort::kNewest || (request_.sort == Sort::kRelevance && without_words()))
            return newest_page(enquire, newest, request_.offset, request_.limit);
        set_sort(enquire, request_.sort);
        RankedPage page;
        page.ranked = enquire.get_mset(request_.offset, request_.limit);
        page.listed = listed_in_order(page.ranked);
        return page;
    }

    /// What a count found: over a local database the matches and their
    /// counts, over remote shards what their servers' spies counted, and
    /// there the counts of each filtered facet with its own filter off.
    struct Counted {
        std::optional<LocalCounts> local;
        SpiedCounts spied;
        std::map<std::string, SpiedCounts> multi_select;
        Xapian::doccount total = 0;
    };

    /// The counts over the matches of query_, the filters applied. Over
    /// remote shards, those of the facets @p names asks for that are
    /// filtered (count_facet()) come from the same match: it leaves their
    /// filters out, and they are checked summary by summary.
    Counted count(const std::vector<std::string>& names) {
        Counted out;
        if (!shards_) {
            out.local.emplace(count_locally(filters_.apply(query_)));
            out.total = out.local->total();
            return out;
        }
        std::vector<std::string> own_filter_off;
        std::vector<SummaryFilter> checked;
        for (const auto& name : names) {
            if (name == schema::kDateFacet || !filters_.has(name) || counts_whole_database(name)) continue;
            own_filter_off.push_back(name);
            checked.push_back({name, filters_.values().at(name)});
        }
        const Xapian::Query query = filters_.apply(query_, own_filter_off);
        const double count_limit = time_limit_for(reader_, query, request_.time_limit_seconds);
        MultiSelectCounts counted = spy_multi_select(shards_->groups(), query, checked, count_limit, reader_);
        out.spied = std::move(counted.all);
        for (std::size_t i = 0; i < checked.size(); ++i) out.multi_select[checked[i].facet] = std::move(counted.without[i]);
        out.total = out.spied.total;
        return out;
    }

    /// Whether the count can come after the page: over remote shards, where
    /// each match is an exchange with every server, its match then also
    /// brings the sizes of the page's stories (add_stories()), which would
    /// take an exchange of their own. It comes first when ranking waits for
    /// it: when it decides which articles are ranked (sorted by date in
    /// Match::kAuto), or when the frequencies that the proximity and
    /// feedback bonuses weigh their words by are not known yet, for its
    /// match brings them.
    bool count_waits_for_page(const FeedbackCandidates& candidates) {
        if (!shards_ || (undecided_ && !by_relevance(request_.sort))) return false;
        // What ranked_parts() looks up: the proximity bonus's words, when it expands.
        std::vector<std::string> weighed = expands() && plain_words_.size() > 1 ? plain_words_ : std::vector<std::string>{};
        for (const auto& entry : candidates.shared) weighed.push_back(entry.first);
        return std::all_of(weighed.begin(), weighed.end(),
                           [&](const std::string& term) { return reader_.known_termfreq(term).has_value(); });
    }

    /// The counts of facets @p names when @p counted (else none), and what
    /// choose_queries() left undecided settled: the articles with every
    /// word are counted when there are enough, those with any word
    /// otherwise.
    Counted count_and_decide(const std::vector<std::string>& names, bool counted) {
        if (!counted) {
            if (undecided_) decide(enough_with_every_word());
            return {};
        }
        Counted counts = count(names);
        if (undecided_) {
            const bool enough = counts.total >= kEnoughWithEveryWord;
            decide(enough);
            if (!enough) counts = count(names);
        }
        return counts;
    }

    /// The counts over the matches of @p query on a local database.
    LocalCounts count_locally(const Xapian::Query& query) const {
        const double limit =
            time_limit_for(reader_, query, request_.time_limit_seconds, kPostingsWorthACountLimit);
        return LocalCounts(db_, query, limit, *opened_.dictionary, request_.facet_limit,
                           opened_.column ? &*opened_.column : nullptr);
    }

    /// Which articles are ranked (ranked_) and which are counted (query_).
    /// In kAuto, the ranked list is every article with any word, those with
    /// more of the words higher (news_weight's coverage), so that paging goes
    /// on past the articles with every word; the totals and facets are those
    /// of the articles with every word when there are enough of them: left
    /// undecided here, for the count of the facets, when there is one, to
    /// find out on the way (decide()). Sorted by date, the list is the
    /// counted articles.
    void choose_queries() {
        const bool relaxable = request_.match != Match::kAll &&
                               any_word_.get_description() != every_word_.get_description();
        if (!relaxable) {
            query_ = ranked_ = every_word_;
            match_ = "all";
            return;
        }
        if (request_.match == Match::kAny) {
            query_ = ranked_ = any_word_;
            match_ = "any";
            return;
        }
        undecided_ = true;
        query_ = every_word_;  // counted first
        ranked_ = by_relevance(request_.sort) ? any_word_ : every_word_;
    }

    /// Settles what choose_queries() left undecided: whether @p enough
    /// articles have every word.
    void decide(bool enough) {
        undecided_ = false;
        query_ = enough ? every_word_ : any_word_;
        match_ = enough ? "all" : "relaxed";
        ranked_differs_ = enough && by_relevance(request_.sort);
        ranked_ = by_relevance(request_.sort) ? any_word_ : query_;
    }

    /// Whether the search has no words, only a date range or nothing: its
    /// articles all weigh nothing. (Feedback on them would rank by the words
    /// of whichever articles came first.)
    bool without_words() const {
        const auto type = ranked_.get_type();
        return type == Xapian::Query::LEAF_MATCH_ALL || type == Xapian::Query::OP_VALUE_RANGE ||
               type == Xapian::Query::OP_VALUE_GE || type == Xapian::Query::OP_VALUE_LE;
    }

    /// Whether the ranked query gets the proximity and feedback bonuses:
    /// in kAuto, sorted by relevance, for words.
    bool expands() const {
        return request_.match == Match::kAuto && by_relevance(request_.sort) && !without_words();
    }

    /// The ranked query in parts: the user's words, and when it expands(),
    /// the proximity and feedback bonuses (relevance.h), feedback's from
    /// @p candidates.
    std::vector<QueryPart> ranked_parts(const FeedbackCandidates& candidates) const {
        std::vector<QueryPart> parts{{"query", ranked_}};
        if (!expands()) return parts;
        Xapian::Query proximity = proximity_query(reader_, plain_words_);
        if (!proximity.empty()) parts.push_back({"proximity", proximity});
        Xapian::Query feedback = feedback_query(reader_, candidates);
        if (!feedback.empty()) parts.push_back({"feedback", feedback});
        return parts;
    }

    /// The parts as one query, the filters applied. Feedback words bring in
    /// articles of their own only for a query of plain words; after an
    /// operator, a phrase or a field they only rank its matches, so that
    /// "-deficit" still keeps out every article with "deficit".
    Xapian::Query ranked_query(const std::vector<QueryPart>& parts) const {
        std::vector<Xapian::Query> words, feedback;
        for (const auto& part : parts) (part.role == "feedback" ? feedback : words).push_back(part.query);
        Xapian::Query query = filters_.apply(
            words.size() == 1 ? words.front() : Xapian::Query(Xapian::Query::OP_OR, words.begin(), words.end()));
        if (feedback.empty()) return query;
        if (plain_words_.empty()) return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, feedback.front());
        return Xapian::Query(Xapian::Query::OP_OR, query, filters_.apply(feedback.front()));
    }

    /// Whether the list, ranked by @p parts, can hold articles that are not
    /// counted: those with any word where the articles with every word are
    /// counted, and the articles feedback words bring in (ranked_query()).
    /// Otherwise every article listed is counted, and none is related.
    bool lists_uncounted(const std::vector<QueryPart>& parts) const {
        const bool feedback_brings_own = !plain_words_.empty() &&
            std::any_of(parts.begin(), parts.end(), [](const QueryPart& part) { return part.role == "feedback"; });
        return ranked_differs_ || feedback_brings_own;
    }

    /// Marks the hits that are not among the articles counted (Hit::related),
    /// which @p counted holds when they were counted on a local database.
    void mark_related(const std::vector<Listed>& listed, const Xapian::Query& main_query, const LocalCounts* counted,
                      std::vector<Hit>& hits) const {
        std::vector<Xapian::docid> page;
        for (const Listed& entry : listed) page.push_back(*entry.at);
        std::vector<Xapian::docid> in_count;
        if (counted) {
            for (Xapian::docid did : page)
                if (counted->matches(did)) in_count.push_back(did);
        } else if (auto decided = related_by_stems(listed)) {
            for (std::size_t i = 0; i < decided->size() && i < hits.size(); ++i) hits[i].related = (*decided)[i];
            return;
        } else {
            // One match of the counted query over the page's own articles.
            std::vector<Xapian::Query> ids;
            for (const Hit& hit : hits) ids.emplace_back(schema::id_term(hit.id));
            Xapian::Enquire enquire(db_);
            // An id term names one article: the match holds only the page's own.
            enquire.set_query(reader_.carrying(Xapian::Query(Xapian::Query::OP_FILTER, main_query,
                                                             Xapian::Query(Xapian::Query::OP_OR, ids.begin(), ids.end()))));
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            Xapian::MSet found = enquire.get_mset(0, static_cast<Xapian::doccount>(page.size()));
            reader_.learn({found});
            for (auto it = found.begin(); it != found.end(); ++it) in_count.push_back(*it);
        }
        for (std::size_t i = 0; i < page.size() && i < hits.size(); ++i)
            hits[i].related = std::find(in_count.begin(), in_count.end(), page[i]) == in_count.end();
    }

    /// Whether each of @p listed is outside the counted articles, decided
    /// from the articles' text stems (matches_by_stems()), or nullopt when
    /// they do not decide it for one of them. The filters need no checking:
    /// every article listed passed them.
    std::optional<std::vector<bool>> related_by_stems(const std::vector<Listed>& listed) const {
        std::vector<bool> related;
        for (const Listed& entry : listed) {
            const std::string stems = reader_.document(entry.at).get_value(schema::kStemsSlot);
            if (stems.empty()) return std::nullopt;  // built before kStemsSlot, or no text to decide by
            const std::optional<bool> counted = matches_by_stems(query_, schema::decode_text_stems(stems));
            if (!counted) return std::nullopt;
            related.push_back(!*counted);
        }
        return related;
    }

    bool enough_with_every_word() const {
        Xapian::Enquire enquire(db_);
        enquire.set_query(reader_.carrying(filters_.apply(every_word_)));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        const Xapian::MSet found = enquire.get_mset(0, 0, kEnoughWithEveryWord);
        reader_.learn({found});
        return found.get_matches_lower_bound() >= kEnoughWithEveryWord;
    }

    /// The match of the counted articles alone, for their totals when the
    /// ranked list reaches further.
    Xapian::MSet count_estimate(const Xapian::Query& main_query) const {
        Xapian::Enquire enquire(db_);
        enquire.set_query(main_query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        // Enough of the match to make small totals exact, as the ranked match's are.
        return enquire.get_mset(0, 0, request_.offset + request_.limit + kFewResults);
    }

    /// Totals count articles: before collapsing (the same without it).
    static void set_totals(SearchResult& result, const Xapian::MSet& mset) {
        result.estimate = mset.get_uncollapsed_matches_estimated();
        result.lower = mset.get_uncollapsed_matches_lower_bound();
        result.upper = mset.get_uncollapsed_matches_upper_bound();
    }

    void explain_hits(const std::vector<Listed>& listed, const std::vector<QueryPart>& parts, std::vector<Hit>& hits) const {
        for (std::size_t i = 0; i < listed.size() && i < hits.size(); ++i) {
            hits[i].explain = explain(db_, *listed[i].at, parts, params_);
            hits[i].explain->match = match_;
            hits[i].explain->decay = listed[i].decay;
        }
    }

    /// "Did you mean": the corrected query, when it differs from the query.
    std::optional<std::string> suggestion() const {
        std::string corrected = spelling_correction(db_, opened_.languages, request_.query);
        if (corrected.empty() || corrected == request_.query) return std::nullopt;
        return corrected;
    }

    /// The ranked match of @p query, stopped after @p time_limit seconds (0: never).
    Xapian::Enquire make_enquire(const Xapian::Query& query, double time_limit) const {
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(news_weight(params_));
        if (time_limit > 0) enquire.set_time_limit(time_limit);
        return enquire;
    }

    /// Whether counts that leave out the filter on facet @p except are over
    /// the whole database: no query words and no other filter.
    bool counts_whole_database(std::string_view except = {}) const {
        return query_.get_type() == Xapian::Query::LEAF_MATCH_ALL && !filters_.restricts(except);
    }

    /// Facet @p name counted over the matches of every filter but its own;
    /// @p main holds the counts over the main match, right when no filter on
    /// @p name is active.
    Facet count_facet(const std::string& name, const Counted& main) const {
        const schema::Field& field = *schema::find_field(name);
        const auto index = static_cast<std::size_t>(schema::facet_index(name));
        const unsigned limit = request_.facet_limit;
        if (counts_whole_database(name)) return value_facet(name, count_values(db_, field), dictionaries(), limit);
        if (!filters_.has(name)) return shards_ ? spied_facet(name, index, main.spied, limit) : main.local->facet(name, limit);
        if (!shards_) return count_locally(filters_.apply(query_, name)).facet(name, limit);
        return spied_facet(name, index, main.multi_select.at(name), limit);
    }

    /// The databases whose facet dictionaries label values, in order.
    std::vector<const DictionaryCache*> dictionaries() const {
        if (!shards_) return {&*opened_.dictionary};
        std::vector<const DictionaryCache*> out;
        for (const ShardGroup& group : shards_->groups()) out.push_back(&group.dictionary);
        return out;
    }

    const Xapian::Database& db_;
    const ShardSet* shards_;  ///< the remote shards db_ joins, or nullptr for a local database
    const OpenedDatabase& opened_;
    const SearchRequest& request_;
    Filters filters_;
    Xapian::Query every_word_, any_word_;
    std::vector<std::string> plain_words_;  ///< plain_words() of the query
    WeightParams params_;
    /// A cache, filled as the search goes: looking up does not change it.
    mutable DatabaseReader reader_;
    Xapian::Query query_;   ///< the articles counted: totals and facets
    Xapian::Query ranked_;  ///< the articles ranked: the list of hits
    std::string match_;     ///< SearchResult::match
    bool ranked_differs_ = false;  ///< whether ranked_ reaches past query_'s articles
    bool undecided_ = false;       ///< whether query_ waits for decide()
};

}  // namespace

SearchResult run_search(const OpenedDatabase& opened, const SearchRequest& request) {
    return Run(opened, request).execute();
}

}  // namespace newsdesk::search
