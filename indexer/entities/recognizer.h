/** @file
 *  @brief Finding actors and regions in an article's text with a gazetteer.
 */
#pragma once

#include <vector>

#include "article.h"
#include "gazetteer.h"

namespace newsdesk::entities {

struct Found {
    std::vector<FacetValue> actors;   ///< most mentioned first
    std::vector<FacetValue> regions;  ///< dateline first, then most mentioned
};

/// Every actor and region @p article's dateline, title and body name.
///
/// Rules (each one a tricky case of the unit tests):
///  - Longest name first: "New York" is not "York", "Michael Jordan" not Jordan.
///  - Case: "Turkey" the country, "turkey" the bird; "FSB" must be upper case.
///    In all-caps text (Reuters headlines, datelines) case is ignored.
///  - Russian and Ukrainian names match in every case: "Украины", "в Крыму",
///    "Путину" (Token, NameKeys).
///  - Links are no text: "https://t.me/delhi_news" names no Delhi.
///  - In an article in a Cyrillic-script language (Article::language; when
///    it is unknown, one whose words are mostly Cyrillic) Latin-script region
///    names do not count: "USS Minnesota", "Mobile" are no places there.
///    Latin actor names do ("Apple", "Google").
///  - A region in the dateline always counts.
///  - A weak mention counts only when the article confirms its country with
///    a strong one elsewhere: a single-word city or state at the start of a
///    sentence, or a name that is also a common word or first name ("Chad",
///    "Jordan") at the start of a sentence.
///  - A single-word city or state, or such a name, next to another
///    capitalised word is part of someone's or a firm's name and never counts
///    ("Chad Smith", "Lloyd Austin", "Гэри Маккиннон"), nor does the same
///    name alone elsewhere in the article ("Austin said"); nor a single word
///    in quotes (the missile «Томагавк», the cafés "Андерсон").
///  - A name of several regions ("Georgia": the country, the US state) goes
///    to the one the article supports: "Atlanta, Georgia" (a place of that
///    country right before it), places of that country elsewhere; else the
///    readiest kind (country, capital, city, subdivision).
///  - A city or subdivision also counts for its country.
Found recognize(const Gazetteer& gazetteer, const Article& article);

}  // namespace newsdesk::entities
