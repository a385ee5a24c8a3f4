/** @file
 *  @brief The languages an archive's articles are in: codes, stemmers, names.
 *
 *  Articles carry an ISO 639-1 code ("ru"); each is stemmed with its
 *  language's libstemmer algorithm, and a query is analysed for every
 *  language the database holds (analysis::expand_languages). One table, so
 *  that the indexer and the searcher agree.
 */
#pragma once

#include <string>
#include <string_view>

namespace newsdesk::languages {

struct Language {
    std::string_view code;     ///< ISO 639-1: "ru"
    std::string_view stemmer;  ///< libstemmer algorithm, "" when it has none ("uk")
    std::string_view name;     ///< English name: "Russian"
    /// Whether a capitalised query word is a name to match as typed, not by
    /// its stem (English). Not in German, where every noun is capitalised,
    /// nor in Russian, where names inflect (Путина is Путин's genitive).
    bool capitals_mark_names = false;
    bool cyrillic = false;  ///< written in Cyrillic, not Latin
};

/// The language with ISO 639-1 code @p code, or with libstemmer algorithm
/// @p code ("russian"); nullptr for one the table lacks.
const Language* find(std::string_view code);

/// The ISO 639-1 code of @p code_or_stemmer ("russian" -> "ru", "ru" ->
/// "ru"); "" when unknown.
std::string code_of(std::string_view code_or_stemmer);

/// The English name of language @p code ("Russian"); the code itself when
/// the table lacks it.
std::string name_of(std::string_view code);

}  // namespace newsdesk::languages
