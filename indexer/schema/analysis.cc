#include "analysis.h"

#include "dates.h"
#include "error.h"
#include "libstemmer_stem.h"
#include "schema.h"

#include <utility>

namespace newsdesk::analysis {

namespace {

/// Stem only words that are not capitalised, as Xapian's default: proper
/// names stay exact, common words match their inflections. The same
/// strategy on both sides is what keeps a query term equal to an index term.
constexpr auto kStemStrategy = Xapian::QueryParser::STEM_SOME;

/// Most terms a wildcard may expand to: "a*" must not OR the whole lexicon.
constexpr Xapian::termcount kMaxWildcardExpansion = 1000;

/// What a field processor found wrong during the current parse_query() on
/// this thread. Xapian 1.4's parser leaks the term it is working on when a
/// FieldProcessor throws, so processors note the problem here instead and
/// parse_query() throws once Xapian's parser has returned.
thread_local std::string t_field_error;

/// date:2026, date:2025-01..2025-06-30, date:..1987-03-15, date:2024..
class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    Xapian::Query operator()(const std::string& text) override {
        try {
            return range(text);
        } catch (const Xapian::QueryParserError& e) {
            if (t_field_error.empty()) t_field_error = e.get_msg();
            return Xapian::Query::MatchNothing;
        }
    }

  private:
    static Xapian::Query range(const std::string& text) {
        auto dots = text.find("..");
        std::string lo, hi;
        if (dots == std::string::npos) {
            lo = require(text, dates::Bound::kStart, text);
            hi = require(text, dates::Bound::kEnd, text);
        } else {
            std::string first = text.substr(0, dots), last = text.substr(dots + 2);
            if (!first.empty()) lo = require(first, dates::Bound::kStart, text);
            if (!last.empty()) hi = require(last, dates::Bound::kEnd, text);
        }
        if (lo.empty() && hi.empty()) return Xapian::Query::MatchAll;
        if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kDateSlot, hi);
        if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kDateSlot, lo);
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kDateSlot, lo, hi);
    }

    static std::string require(const std::string& part, dates::Bound bound, const std::string& whole) {
        auto value = dates::parse_bound(part, bound);
        if (!value) {
            // QueryParserError is what the searcher reports as a malformed query.
            throw Xapian::QueryParserError("date:" + whole +
                                           ": not a date or date range (use YYYY, YYYY-MM, "
                                           "YYYY-MM-DD, or FROM..TO)");
        }
        return *value;
    }
};

/// actor:"James Baker", region:West-Germany, source:Reuters: boolean values are
/// stored slugified (schema::slugify), so the query text is slugified too.
class ValueFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit ValueFieldProcessor(std::string prefix) : prefix_(std::move(prefix)) {}

    Xapian::Query operator()(const std::string& text) override {
        return Xapian::Query(schema::boolean_term(prefix_, schema::slugify(text)));
    }

  private:
    std::string prefix_;
};

}  // namespace

Xapian::Stem make_stemmer(const std::string& language) {
    return Xapian::Stem(new LibstemmerStem(language));
}

bool stemming_keeps_first_letter(const std::string& language) {
    return language == "english" || language == "porter";
}

void configure(Xapian::TermGenerator& generator, const std::string& language) {
    generator.set_stemmer(make_stemmer(language));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

void configure(Xapian::QueryParser& parser, const Xapian::Database& db) {
    parser.set_database(db);
    parser.set_stemmer(make_stemmer(recorded_language(db)));
    parser.set_stemming_strategy(kStemStrategy);
    parser.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    parser.set_default_op(Xapian::Query::OP_AND);
    for (const auto& field : schema::fields()) {
        std::string name(field.name), prefix(field.prefix);
        switch (field.kind) {
            case schema::FieldKind::kFreeText:
                parser.add_prefix(name, prefix);
                break;
            case schema::FieldKind::kBoolean:
            case schema::FieldKind::kFacet:
                // Grouping by field name: values of one field are ORed, fields ANDed.
                parser.add_boolean_prefix(name, (new ValueFieldProcessor(prefix))->release(), &name);
                break;
            case schema::FieldKind::kDate:
                parser.add_boolean_prefix(name, (new DateFieldProcessor)->release(), &name);
                break;
        }
    }
}

Xapian::Query parse_query(Xapian::QueryParser& parser, const std::string& text, unsigned flags) {
    t_field_error.clear();
    Xapian::Query query;
    try {
        query = parser.parse_query(text, flags);
    } catch (...) {
        t_field_error.clear();
        throw;
    }
    if (!t_field_error.empty()) throw Xapian::QueryParserError(std::exchange(t_field_error, {}));
    return query;
}

std::string recorded_language(const Xapian::Database& db) {
    std::string language = db.get_metadata(std::string(schema::kMetaLanguage));
    return language.empty() ? kDefaultLanguage : language;
}

void record_language(Xapian::WritableDatabase& db, const std::string& language) {
    db.set_metadata(std::string(schema::kMetaLanguage), language);
}

}  // namespace newsdesk::analysis
