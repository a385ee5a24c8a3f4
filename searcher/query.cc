#include "query.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "dates.h"
#include "error.h"
#include "facet_names.h"
#include "query_check.h"
#include "schema.h"

namespace newsdesk::search {

namespace {

/// The query language: boolean operators (with a leading NOT meaning "all
/// but"), phrases, +/- and wildcards (capped in analysis::configure).
/// Spelling correction is not among them: it searched the spelling table for
/// every word of every query, up to half of a search's time, and its answer
/// is shown only when a query finds little (spelling_correction()).
constexpr unsigned kParserFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                                  Xapian::QueryParser::FLAG_PURE_NOT;

/// Most postings matching @p query can read; nullopt when nothing bounds it.
std::optional<std::uint64_t> postings_bound(DatabaseReader& reader, const Xapian::Query& query) {
    switch (query.get_type()) {
        case Xapian::Query::LEAF_TERM: {
            auto term = query.get_terms_begin();
            if (term == query.get_terms_end()) return 0;
            return reader.known_termfreq(*term);
        }
        case Xapian::Query::LEAF_MATCH_NOTHING:
            return 0;
        case Xapian::Query::LEAF_MATCH_ALL:
        case Xapian::Query::OP_VALUE_RANGE:
        case Xapian::Query::OP_VALUE_GE:
        case Xapian::Query::OP_VALUE_LE:
            return reader.db().get_doccount();
        case Xapian::Query::OP_WILDCARD:
        case Xapian::Query::LEAF_POSTING_SOURCE:
            return std::nullopt;
        default:
            break;
    }
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        auto sub = postings_bound(reader, query.get_subquery(i));
        if (!sub) return std::nullopt;
        total += *sub;
    }
    const bool positional = query.get_type() == Xapian::Query::OP_PHRASE || query.get_type() == Xapian::Query::OP_NEAR;
    return positional ? total * 8 : total;
}

bool is_blank(const std::string& text) {
    return text.find_first_not_of(" \t\r\n\f\v") == std::string::npos;
}

/// The values of a filter on @p field, as @p db has them ("Ukraine" -> "ua").
std::vector<std::string> resolve_values(const Xapian::Database& db, const schema::Field& field,
                                        const std::vector<std::string>& values) {
    std::vector<std::string> resolved;
    for (const auto& value : values) {
        std::string v = schema::resolve_facet_value(db, field, value);
        if (v.empty()) throw UsageError(std::string(field.name) + " filter '" + value + "' has no letters or digits");
        if (std::find(resolved.begin(), resolved.end(), v) == resolved.end()) resolved.push_back(std::move(v));
    }
    return resolved;
}

Xapian::Query facet_filter(const schema::Field& field, const std::vector<std::string>& values) {
    std::vector<Xapian::Query> terms;
    for (const auto& value : values) terms.emplace_back(schema::boolean_term(field.prefix, value));
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::string date_bound(const std::string& text, dates::Bound bound, const char* what) {
    auto value = dates::parse_bound(text, bound);
    if (!value) throw UsageError(std::string(what) + " date '" + text + "' is not a date (use " + dates::kBoundForms + ")");
    return *value;
}

Xapian::Query date_filter(const std::string& lo, const std::string& hi) {
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, lo);
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, hi);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, lo, hi);
}

/// Whether @p word is in @p db's spelling data (Xapian 1.4 has no direct
/// lookup: its spelling word list is sought instead).
bool in_spelling_data(const Xapian::Database& db, const std::string& word) {
    auto it = db.spellings_begin();
    it.skip_to(word);
    return it != db.spellings_end() && *it == word;
}

/// Whether a word of @p query (as @p parser last parsed it) that the spelling
/// data would hold (schema::is_spelling_word) is missing from it. Only then
/// is a query corrected, as Elasticsearch's term suggester does by default
/// ("missing"): Xapian would also offer a more frequent neighbour of a word
/// spelled right ("plane" for "planet"), which is noise to a user who typed
/// a real word, and its edit-distance search costs a few million
/// instructions per word, the bulk of a search that finds little. Field
/// words ("title:...") are skipped, as Xapian's correction skips them, and
/// so are numbers, which the spelling data never holds.
bool has_unknown_word(const Xapian::Database& db, const Xapian::QueryParser& parser, const Xapian::Query& query) {
    for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
        const std::string whole = *term;
        std::string_view name = whole;
        if (!name.empty() && name[0] == 'Z') name.remove_prefix(1);  // the stemmed form's marker
        if (!schema::is_spelling_word(name)) continue;                 // a field's term, or a number
        for (auto word = parser.unstem_begin(whole); word != parser.unstem_end(whole); ++word)
            if (schema::is_spelling_word(*word) && !in_spelling_data(db, *word)) return true;
    }
    return false;
}

}  // namespace

Xapian::Query parse_query(const Xapian::Database& db, const std::string& text, Xapian::Query::op default_op,
                          const std::vector<std::string>& chosen) {
    return parse_query(db, analysis::read_languages(db), text, default_op, chosen);
}

Xapian::Query parse_query(const Xapian::Database& db, const analysis::Languages& languages, const std::string& text,
                          Xapian::Query::op default_op, const std::vector<std::string>& chosen) {
    if (is_blank(text)) return Xapian::Query::MatchAll;
    check_query_syntax(text);
    Xapian::QueryParser parser;
    analysis::configure(parser, db, languages, text);
    parser.set_default_op(default_op);
    try {
        Xapian::Query query = analysis::parse_query(parser, text, kParserFlags);
        // A query of nothing but stopwords or punctuation still means "everything".
        if (query.empty()) return Xapian::Query::MatchAll;
        return analysis::expand_languages(query, parser, languages.recorded, chosen.empty() ? languages.queried : chosen,
                                          text);
    } catch (const Xapian::QueryParserError& e) {
        throw UsageError("malformed query: " + e.get_msg());
    }
}

namespace {

/// Whether @p text uses the query language beyond plain words: a phrase,
/// brackets, a wildcard, a field, +/- or an operator word.
bool has_operators(std::string_view text) {
    if (text.find_first_of("\"()*:") != std::string_view::npos) return true;
    std::size_t at = 0;
    while (at < text.size()) {
        auto start = text.find_first_not_of(" \t\r\n", at);
        if (start == std::string_view::npos) break;
        auto end = text.find_first_of(" \t\r\n", start);
        std::string_view token = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (token.front() == '+' || token.front() == '-' || analysis::is_operator_word(token)) return true;
        at = end == std::string_view::npos ? text.size() : end;
    }
    return false;
}

}  // namespace

std::vector<std::string> plain_words(const Xapian::Database& db, const analysis::Languages& languages,
                                     const std::string& text) {
    if (is_blank(text) || has_operators(text)) return {};
    Xapian::QueryParser parser;
    analysis::configure(parser, db, languages, text);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    parser.set_default_op(Xapian::Query::OP_OR);
    Xapian::Query query;
    try {
        query = analysis::parse_query(parser, text, kParserFlags);
    } catch (const Xapian::QueryParserError&) {
        return {};
    }
    std::vector<std::string> words;
    auto add_leaf = [&](const Xapian::Query& leaf) {
        if (leaf.get_type() != Xapian::Query::LEAF_TERM) return false;
        auto term = leaf.get_terms_begin();
        if (term == leaf.get_terms_end() || (*term).empty() || !schema::is_spelling_word(*term)) return false;
        words.push_back(*term);
        return true;
    };
    if (query.get_type() == Xapian::Query::OP_OR) {
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i)
            if (!add_leaf(query.get_subquery(i))) return {};
    } else if (!add_leaf(query)) {
        return {};
    }
    return words;
}

std::string spelling_correction(const Xapian::Database& db, const analysis::Languages& languages,
                                const std::string& text) {
    if (is_blank(text)) return "";
    Xapian::QueryParser parser;
    analysis::configure(parser, db, languages, text);
    Xapian::Query query = analysis::parse_query(parser, text, kParserFlags);
    if (!has_unknown_word(db, parser, query)) return "";
    analysis::parse_query(parser, text, kParserFlags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION);
    return parser.get_corrected_query_string();
}

double time_limit_for(DatabaseReader& reader, const Xapian::Query& query, double requested,
                      std::uint64_t postings_worth_a_limit) {
    if (requested <= 0) return 0;
    auto bound = postings_bound(reader, query);
    return bound && *bound <= postings_worth_a_limit ? 0 : requested;
}

Filters::Filters(const Xapian::Database& db, const SearchRequest& request) {
    for (const auto& [name, values] : request.filters) {
        if (values.empty()) continue;
        const schema::Field* field = schema::find_field(name);
        if (!field || field->kind != schema::FieldKind::kFacet)
            throw UsageError("unknown facet '" + name + "' (filter on actor, region or topic)");
        values_[name] = resolve_values(db, *field, values);
        facets_[name] = facet_filter(*field, values_[name]);
    }
    if (!request.from.empty()) from_ = date_bound(request.from, dates::Bound::kStart, "from");
    if (!request.to.empty()) to_ = date_bound(request.to, dates::Bound::kEnd, "to");
    if (!from_.empty() && !to_.empty() && from_ > to_)
        throw UsageError("the from date '" + request.from + "' is after the to date '" + request.to + "'");
    if (!from_.empty() || !to_.empty()) dates_ = date_filter(from_, to_);
}

bool Filters::restricts(std::string_view except) const {
    if (!dates_.empty()) return true;
    return std::any_of(facets_.begin(), facets_.end(), [&](const auto& facet) { return facet.first != except; });
}

Xapian::Query Filters::apply(const Xapian::Query& query, std::string_view except) const {
    return except.empty() ? apply(query, std::vector<std::string>{}) : apply(query, std::vector<std::string>{std::string(except)});
}

Xapian::Query Filters::apply(const Xapian::Query& query, const std::vector<std::string>& except) const {
    std::vector<Xapian::Query> filters;
    for (const auto& [name, filter] : facets_)
        if (std::find(except.begin(), except.end(), name) == except.end()) filters.push_back(filter);
    if (!dates_.empty()) filters.push_back(dates_);
    if (filters.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_FILTER, query,
                         Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

}  // namespace newsdesk::search
