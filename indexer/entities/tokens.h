/** @file
 *  @brief Words of a text as the entity matcher sees them.
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::entities {

/// One word of a text, lower-cased for lookup, with what its spelling said.
struct Token {
    std::string norm;            ///< lower case; "U.S." -> "u.s.", "Putin's" -> "putin"
    std::size_t begin = 0;       ///< byte offset of the word in the text
    bool capitalised = false;    ///< first letter upper case ("Jordan", "FSB")
    bool all_upper = false;      ///< has letters and none lower case ("FSB", "U.S.")
    bool sentence_start = false; ///< first word of the text or of a sentence
    bool comma_before = false;   ///< a comma separates it from the previous word
};

/// Split @p text into words. A word is a run of letters and digits, with
/// inner hyphens ("Ivano-Frankivsk"), inner apostrophes ("L'viv") and
/// abbreviation dots ("U.S.") kept; a possessive "'s" or trailing "'" is
/// dropped ("Putin's", "Putin’s" and "Russians'" give "putin", "russians").
std::vector<Token> tokenize(std::string_view text);

/// Whether @p text has letters and none of them lower case (a Reuters
/// headline, a dateline): then capitalisation tells nothing.
bool is_all_caps(std::string_view text);

}  // namespace newsdesk::entities
