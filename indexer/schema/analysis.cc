#include "analysis.h"

#include "dates.h"
#include "error.h"
#include "facet_names.h"
#include "languages.h"
#include "libstemmer_stem.h"
#include "schema.h"
#include "stopwords.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

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
            throw Xapian::QueryParserError("date:" + whole + ": not a date or date range (use " +
                                           dates::kBoundForms + ", or FROM..TO)");
        }
        return *value;
    }
};

/// actor:"James Baker", region:West-Germany, source:Reuters: boolean values are
/// stored slugified (schema::slugify), so the query text is slugified too.
/// A boolean field's value: a facet's as the database has it (region:Ukraine
/// is region:ua, schema::resolve_facet_value), any other's slugified.
class ValueFieldProcessor : public Xapian::FieldProcessor {
  public:
    ValueFieldProcessor(const Xapian::Database& db, const schema::Field& field) : db_(db), field_(field) {}

    Xapian::Query operator()(const std::string& text) override {
        const std::string value = field_.kind == schema::FieldKind::kFacet ? schema::resolve_facet_value(db_, field_, text)
                                                                          : schema::slugify(text);
        return Xapian::Query(schema::boolean_term(field_.prefix, value));
    }

  private:
    Xapian::Database db_;
    const schema::Field& field_;
};

/// A word of the query text as typed: a run of word characters.
struct TypedWord {
    std::size_t begin, end;  ///< byte offsets
    unsigned letters = 0, upper = 0, lower = 0;
};

std::vector<TypedWord> typed_words(std::string_view text) {
    std::vector<TypedWord> words;
    Xapian::Utf8Iterator it(text.data(), text.size()), end;
    std::optional<TypedWord> word;
    for (; it != end; ++it) {
        const unsigned ch = *it;
        const std::size_t at = static_cast<std::size_t>(it.raw() - text.data());
        if (!Xapian::Unicode::is_wordchar(ch)) {
            if (word) words.push_back(*word), word.reset();
            continue;
        }
        if (!word) word = TypedWord{at, at};
        auto next = it;
        ++next;
        word->end = next == end ? text.size() : static_cast<std::size_t>(next.raw() - text.data());
        const auto category = Xapian::Unicode::get_category(ch);
        if (category <= Xapian::Unicode::OTHER_LETTER) ++word->letters;
        if (category == Xapian::Unicode::UPPERCASE_LETTER) ++word->upper;
        if (category == Xapian::Unicode::LOWERCASE_LETTER) ++word->lower;
    }
    if (word) words.push_back(*word);
    return words;
}

/// Whether @p word is typed in capitals: two letters or more, none lower-case.
bool in_capitals(const TypedWord& word) { return word.letters >= 2 && word.lower == 0 && word.upper > 0; }

/// Whether @p word, in capitals, is lowered by fold_shouted_words().
bool folds(const TypedWord& word, std::string_view text, bool shouting) {
    if (!in_capitals(word)) return false;
    if (is_operator_word(text.substr(word.begin, word.end - word.begin))) return false;
    return shouting || word.letters >= 4;
}

bool no_lower_case(const std::vector<TypedWord>& words) {
    for (const auto& word : words)
        if (word.lower > 0) return false;
    return true;
}

/// The stopwords of @p language and of the @p others written in another
/// script (a Latin list beside German's would drop English "die"), less the
/// names in capitals that @p text keeps.
Xapian::Stopper* query_stopper(const std::string& language, const std::vector<std::string>& others,
                               std::string_view text) {
    StopwordSet* stopper = make_stopper(language);
    if (!stopper) return nullptr;
    const languages::Language* own = languages::find(language);
    for (const auto& code : others) {
        const languages::Language* other = languages::find(code);
        if (own && other && other->cyrillic != own->cyrillic) stopper->add_language(other->stemmer);
    }
    auto words = typed_words(text);
    const bool shouting = no_lower_case(words);
    for (const auto& word : words)
        if (in_capitals(word) && !folds(word, text, shouting))
            stopper->keep(Xapian::Unicode::tolower(std::string(text.substr(word.begin, word.end - word.begin))));
    return stopper;
}

}  // namespace

bool is_operator_word(std::string_view word) {
    for (std::string_view op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}) {
        if (word == op) return true;
        if (word.size() > op.size() + 1 && word.substr(0, op.size()) == op && word[op.size()] == '/' &&
            (op == "NEAR" || op == "ADJ"))
            return word.find_first_not_of("0123456789", op.size() + 1) == std::string_view::npos;
    }
    return false;
}

std::string fold_shouted_words(std::string_view text) {
    auto words = typed_words(text);
    const bool shouting = no_lower_case(words);
    std::string out;
    out.reserve(text.size());
    std::size_t done = 0;
    for (const auto& word : words) {
        if (!folds(word, text, shouting)) continue;
        out.append(text.substr(done, word.begin - done));
        out += Xapian::Unicode::tolower(std::string(text.substr(word.begin, word.end - word.begin)));
        done = word.end;
    }
    out.append(text.substr(done));
    return out;
}

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

Xapian::TermGenerator configure_for(const std::string& code, const std::string& fallback) {
    Xapian::TermGenerator generator;
    const languages::Language* language = languages::find(code.empty() ? fallback : code);
    if (code.empty() && !language) configure(generator, fallback);  // a libstemmer algorithm the table lacks
    else if (language && !language->stemmer.empty()) configure(generator, std::string(language->stemmer));
    else generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
    return generator;
}

std::vector<std::string> indexed_languages(const Xapian::Database& db) {
    constexpr std::string_view facet = "language";
    const std::uint32_t last = schema::parse_facet_id(db.get_metadata(schema::facet_last_id_key(facet)));
    std::vector<std::string> codes;
    for (std::uint32_t id = 1; id <= last; id += schema::kDictionaryChunk)
        for (auto& entry : schema::read_dictionary_chunk(db, facet, id))
            if (!entry.value.empty()) codes.push_back(std::move(entry.value));
    return codes;
}

Languages read_languages(const Xapian::Database& db) {
    Languages out{recorded_language(db), indexed_languages(db), {}};
    const double articles = db.get_doccount();
    for (const auto& code : out.indexed)
        if (db.get_termfreq(schema::boolean_term(schema::prefix::kLanguage, code)) >= kQueryLanguageShare * articles)
            out.queried.push_back(code);
    return out;
}

Xapian::Stopper* any_language_stopper(const Languages& languages) {
    StopwordSet* stopper = make_stopper(languages.recorded);
    if (!stopper) return nullptr;
    for (const auto& code : languages.indexed)
        if (const languages::Language* language = languages::find(code)) stopper->add_language(language->stemmer);
    return stopper;
}

namespace {

bool is_cyrillic(std::string_view word) {
    Xapian::Utf8Iterator it(word.data(), word.size());
    return it != Xapian::Utf8Iterator() && *it >= 0x400 && *it <= 0x52F;
}

/// A language a query is expanded to, with its stemmer.
struct Target {
    const languages::Language* language;
    Xapian::Stem stem;
};

/// What a query term stands for: the word typed, and whether the parser stemmed it.
struct TypedTerm {
    std::string word;
    bool stemmed = false;
};

/// The word behind @p term, or nullopt for a field's term, a number or a
/// boolean value (they are the same in every language).
std::optional<TypedTerm> typed_term(const std::string& term, const Xapian::QueryParser& parser) {
    if (term.empty()) return std::nullopt;
    TypedTerm out;
    if (term[0] == 'Z') {
        if (term.size() < 2 || (term[1] >= 'A' && term[1] <= 'Z')) return std::nullopt;  // a field's stem
        auto word = parser.unstem_begin(term);
        out.word = word != parser.unstem_end(term) ? *word : term.substr(1);
        out.stemmed = true;
    } else {
        out.word = term;
    }
    if (!schema::is_spelling_word(out.word)) return std::nullopt;
    return out;
}

/// Whether @p text has @p word (lower case) with a capital first letter.
bool typed_capitalised(std::string_view text, const std::string& word) {
    Xapian::Utf8Iterator it(word);
    if (it == Xapian::Utf8Iterator()) return false;
    std::string capitalised;
    Xapian::Unicode::append_utf8(capitalised, Xapian::Unicode::toupper(*it));
    ++it;
    if (it.left() > 0) capitalised.append(it.raw(), it.left());
    return text.find(capitalised) != std::string_view::npos;
}

Xapian::Query expand(const Xapian::Query& query, const Xapian::QueryParser& parser, const std::vector<Target>& targets,
                     std::string_view text) {
    const auto type = query.get_type();
    if (type == Xapian::Query::LEAF_TERM) {
        const std::string term = *query.get_terms_begin();
        auto typed = typed_term(term, parser);
        if (!typed) return query;
        // Unstemmed and not typed capitalised: a word in quotes, that form only.
        if (!typed->stemmed && !typed_capitalised(text, typed->word)) return query;
        std::vector<Xapian::Query> alternatives{query};
        std::vector<std::string> seen{term};
        for (const auto& target : targets) {
            // A capitalised word was kept whole as a name; it is stemmed only
            // for languages whose capitals do not mark names.
            if (target.language->cyrillic != is_cyrillic(typed->word)) continue;
            if (!typed->stemmed && target.language->capitals_mark_names) continue;
            std::string alternative = target.language->stemmer.empty() ? typed->word : "Z" + target.stem(typed->word);
            if (std::find(seen.begin(), seen.end(), alternative) != seen.end()) continue;
            seen.push_back(alternative);
            alternatives.emplace_back(alternative);
        }
        if (alternatives.size() == 1) return query;
        return Xapian::Query(Xapian::Query::OP_SYNONYM, alternatives.begin(), alternatives.end());
    }
    switch (type) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_MAX:
            break;
        default:
            return query;  // phrases, NEAR, wildcards, values, scaled weights: as parsed
    }
    std::vector<Xapian::Query> subqueries;
    bool changed = false;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        const Xapian::Query sub = query.get_subquery(i);
        subqueries.push_back(expand(sub, parser, targets, text));
        changed = changed || subqueries.back().get_description() != sub.get_description();
    }
    return changed ? Xapian::Query(type, subqueries.begin(), subqueries.end()) : query;
}

}  // namespace

Xapian::Query expand_languages(const Xapian::Query& query, const Xapian::QueryParser& parser,
                               const std::string& own_language, const std::vector<std::string>& languages,
                               std::string_view text) {
    const languages::Language* own = languages::find(own_language);
    std::vector<Target> targets;
    for (const auto& code : languages) {
        const languages::Language* language = languages::find(code);
        if (!language) continue;
        // The parser stemmed for its own language already, unless it kept a capitalised word whole.
        if (language == own && language->capitals_mark_names) continue;
        targets.push_back({language, language->stemmer.empty() ? Xapian::Stem() : make_stemmer(std::string(language->stemmer))});
    }
    if (targets.empty()) return query;
    return expand(query, parser, targets, text);
}

void configure(Xapian::QueryParser& parser, const Xapian::Database& db, std::string_view query_text) {
    configure(parser, db, read_languages(db), query_text);
}

void configure(Xapian::QueryParser& parser, const Xapian::Database& db, const Languages& languages,
               std::string_view query_text) {
    parser.set_database(db);
    const std::string& language = languages.recorded;
    parser.set_stemmer(make_stemmer(language));
    // Common words are dropped from a query's plain words, so that "the" or
    // "did" never decide whether an article matches; Xapian keeps them in a
    // phrase ("the who"), after an explicit operator (+the, oil AND the) and
    // in a query of nothing else.
    if (Xapian::Stopper* stopper = query_stopper(language, languages.queried, query_text))
        parser.set_stopper(stopper->release());
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
                parser.add_boolean_prefix(name, (new ValueFieldProcessor(db, field))->release(), &name);
                // Omega's and the README's short name: lang:ru.
                if (name == "language") parser.add_boolean_prefix("lang", (new ValueFieldProcessor(db, field))->release(), &name);
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
        query = parser.parse_query(fold_shouted_words(text), flags);
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
