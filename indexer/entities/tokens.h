/** @file
 *  @brief Words of a text as the entity matcher sees them.
 */
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::entities {

/// The alphabet a word is written in.
enum class Script : unsigned char {
    kOther,     ///< digits only, another alphabet, or letters of two ("Moсква" with a Latin o)
    kLatin,     ///< "Putin", "Zürich"
    kCyrillic,  ///< "Путин", "Київ"
};

/// One word of a text, lower-cased for lookup, with what its spelling said.
struct Token {
    /// Lower case: "U.S." -> "u.s.", "Putin's" -> "putin". A Cyrillic word
    /// is inflected, so its norm is its Snowball Russian stem: "Украины",
    /// "Украине" -> "украин"; Ukrainian letters are read as the Russian
    /// ones Snowball knows ("Україні", "України" -> "украйн").
    std::string norm;
    /// A Cyrillic word in lower case, unstemmed, 'ё' written 'е' ("украины",
    /// "київ"), for names looked up as written (NameKeys). Empty for others.
    std::string word{};
    std::size_t begin = 0;       ///< byte offset of the word in the text
    Script script = Script::kOther;
    bool capitalised = false;    ///< first letter upper case ("Jordan", "FSB")
    bool all_upper = false;      ///< has letters and none lower case ("FSB", "U.S.")
    bool sentence_start = false; ///< first word of the text or of a sentence
    bool comma_before = false;   ///< a comma separates it from the previous word
    /// The word alone in quotes: «Томагавк», "Андерсон", “Milton”: the name
    /// of a missile, a firm or a storm, not of a place.
    bool quoted = false;
};

/// Split @p text into words. A word is a run of letters and digits, with
/// inner hyphens ("Ivano-Frankivsk"), inner apostrophes ("L'viv") and
/// abbreviation dots ("U.S.") kept; a possessive "'s" or trailing "'" is
/// dropped ("Putin's", "Putin’s" and "Russians'" give "putin", "russians").
///
/// What is not prose gives no words: URLs ("https://t.me/delhi_news",
/// "www.example.com", "mobile.twitter.com/x"), e-mail addresses, @handles
/// and identifiers joined by underscores ("delhi_news").
///
/// @throws UsageError when the text has Cyrillic words and libstemmer's
/// Russian algorithm cannot be loaded (the message names the package).
std::vector<Token> tokenize(std::string_view text);

/// How a text's word is found to be a word of a gazetteer name: its norm is
/// one of @c norms, or (a Cyrillic word) its word one of @c words.
struct NameKeys {
    Script script = Script::kOther;  ///< the word's, as the text's must be
    std::vector<std::string> norms;
    std::vector<std::string> words;
};

/// The keys of @p token, a word of a gazetteer name of @p words_in_name
/// words. A Latin word: its norm. A Cyrillic word of a longer name ("Киевская
/// область", "Владимир Путин"): the stems of its case forms, since Snowball
/// cuts the forms of one noun unevenly ("Киев" -> "ки" but "Киева", "Киеве"
/// -> "киев") and Ukrainian alternates vowels ("Київ", "Києва"). A Cyrillic
/// name of one word: its case forms as written ("Путин", "Путина", "Путину";
/// "Україна", "Україні"), for a stem alone is often a common word's or a
/// first name's too ("мало" stems as "Мали", "Александр" as "Александрия").
/// An abbreviation ("ФСБ", "НАТО") does not decline.
NameKeys name_keys(const Token& token, std::size_t words_in_name);

/// Whether @p text has letters and none of them lower case (a Reuters
/// headline, a dateline): then capitalisation tells nothing.
bool is_all_caps(std::string_view text);

}  // namespace newsdesk::entities
