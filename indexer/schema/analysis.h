/** @file
 *  @brief Text analysis, configured once for indexing and querying alike.
 *
 *  The indexer's TermGenerator and the searcher's QueryParser both come from
 *  here, with the same libstemmer stemmer and the same stemming strategy, so
 *  index and query analysis cannot drift apart. The language an index was
 *  built with is recorded in its metadata and read back by the searcher.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::analysis {

/// Language used when none is given.
inline constexpr const char* kDefaultLanguage = "english";

/// A Xapian::Stem backed by libstemmer's algorithm @p language.
/// @throws UsageError listing the available languages when @p language is unknown.
Xapian::Stem make_stemmer(const std::string& language);

/// Whether libstemmer's @p language algorithm leaves a word's first letter as
/// it is, so that a word can stem to a stem only if both begin alike. True of
/// english and porter, which rework a word's ending only (their exceptions,
/// "dying" -> "die" and "skies" -> "sky", too); other algorithms are not
/// vouched for (Dutch's kraaij_pohlmann strips a "ge-" prefix).
bool stemming_keeps_first_letter(const std::string& language);

/// How many times a title word counts against a body word (BM25 wdf boost).
inline constexpr Xapian::termcount kTitleWeight = 3;

/// Configure @p generator for documents in @p language.
void configure(Xapian::TermGenerator& generator, const std::string& language);

/// The generator for articles in language @p code (ISO 639-1): its libstemmer
/// algorithm, or none (words indexed as they are) when libstemmer has none
/// or the code is unknown; libstemmer's @p fallback when @p code is "".
/// Every word gets its stem, capitalised or not; the query side decides
/// whether a capital marks a name to keep whole (expand_languages).
Xapian::TermGenerator configure_for(const std::string& code, const std::string& fallback);

/// The languages (ISO 639-1 codes) of @p db's articles, from its language
/// facet's dictionary.
std::vector<std::string> indexed_languages(const Xapian::Database& db);

/// A query is analysed for the languages of at least this share of the
/// articles, unless it chooses some (a language filter). A language CLD2 gave
/// a few stray articles (short Russian posts taken for Serbian) would only
/// add noise.
inline constexpr double kQueryLanguageShare = 0.01;

/// What a database records of its languages, read at once. Each read is a
/// metadata lookup or a term frequency: cheap on a local database, but a
/// round trip to every server over remote shards, so a searcher reads them
/// once each time it opens the database, not for every query it parses.
struct Languages {
    std::string recorded;              ///< recorded_language()
    std::vector<std::string> indexed;  ///< indexed_languages()
    std::vector<std::string> queried;  ///< those of kQueryLanguageShare of the articles
};
Languages read_languages(const Xapian::Database& db);

/// A stopper for every language of a database's articles: what feedback
/// (search::feedback_query) must not offer as a related word.
Xapian::Stopper* any_language_stopper(const Languages& languages);

/// @p query, parsed by @p parser for the database's own language, made to
/// match in each of @p languages as well: a word's stem in another language
/// of its script joins it as a synonym ("Путина" also finds Russian
/// articles' "Путин", "Gewerkschaften" German ones' "Gewerkschaft").
/// Phrases and NEAR are left as they are: they match unstemmed words, which
/// every language indexes; so is a word in quotes ("путина": that form
/// only), which the parser leaves unstemmed as it does a capitalised word,
/// told apart by how @p text, the query typed, spells it.
Xapian::Query expand_languages(const Xapian::Query& query, const Xapian::QueryParser& parser,
                               const std::string& own_language, const std::vector<std::string>& languages,
                               std::string_view text);

/// Configure @p parser for queries against @p db (language read from its
/// metadata, defaulting to kDefaultLanguage): stemmer, strategy, stopwords,
/// prefixes from the schema, date ranges, spelling and wildcard limits.
/// @p query_text, the query to be parsed, keeps its names in capitals ("US",
/// "WHO") from being taken for stopwords.
void configure(Xapian::QueryParser& parser, const Xapian::Database& db, std::string_view query_text = {});
/// As above, with @p db's languages read already.
void configure(Xapian::QueryParser& parser, const Xapian::Database& db, const Languages& languages,
               std::string_view query_text);

/// Whether @p word is one of the query language's operator words: AND, OR,
/// NOT, XOR, NEAR, ADJ, or NEAR/n and ADJ/n.
bool is_operator_word(std::string_view word);

/// @p text with its shouted words in lower case, so that they are stemmed
/// like any other ("SANCTIONS" finds "sanction"): a word of four or more
/// capitals, or every word when the query has no lower-case letter at all.
/// Shorter words in capitals stay names ("US", "EC"), and the operators
/// (AND, OR, NOT, XOR, NEAR, ADJ) stay operators.
std::string fold_shouted_words(std::string_view text);

/// @p parser.parse_query(fold_shouted_words(@p text), @p flags) for a parser
/// set up by configure(): use this rather than calling it directly. A bad field value (date:nonsense)
/// throws Xapian::QueryParserError here, after Xapian's parser has returned,
/// never from inside it (Xapian 1.4 leaks when a FieldProcessor throws).
Xapian::Query parse_query(Xapian::QueryParser& parser, const std::string& text, unsigned flags);

/// The language recorded in @p db's metadata, or kDefaultLanguage.
std::string recorded_language(const Xapian::Database& db);

/// Record @p language in @p db's metadata.
void record_language(Xapian::WritableDatabase& db, const std::string& language);

}  // namespace newsdesk::analysis
