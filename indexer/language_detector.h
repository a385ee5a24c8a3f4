/** @file
 *  @brief Which language an article is in: the input's word, else CLD2's.
 *
 *  CLD2 (Debian's libcld2, Google's Compact Language Detector 2) was chosen
 *  for being packaged, fast (a few microseconds an article: see
 *  scripts/bench/language_bench.py) and accurate on news text (the README
 *  gives its accuracy per language on the shared corpora).
 */
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "article.h"

namespace newsdesk {

/// What CLD2 makes of a text.
struct DetectedLanguage {
    std::string code;       ///< ISO 639-1 ("ru"), "" when CLD2 does not know
    bool reliable = false;  ///< CLD2's own verdict: enough text, a clear winner
};

/// The language of @p title and @p body (read up to kDetectionBytes);
/// @p hint, an ISO 639-1 code, is the language CLD2 should favour.
DetectedLanguage detect_language(std::string_view title, std::string_view body, const std::string& hint = "");

/// Bytes of an article's text that detection reads: enough for a verdict,
/// and a long article costs no more than a short one.
inline constexpr std::size_t kDetectionBytes = 4096;

/// Sets the language of each of @p articles, one file's, that its input left
/// without one. The articles of a file mostly share a language (a channel's
/// export, a newspaper's dump): the language most of them are reliably
/// detected in is CLD2's hint for the others, and the language of those it
/// cannot tell. Without one, @p fallback (--language's code).
void assign_languages(std::vector<Article>& articles, const std::string& fallback);

}  // namespace newsdesk
