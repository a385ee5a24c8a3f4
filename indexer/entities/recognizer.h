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
///  - A region in the dateline always counts.
///  - A weak mention counts only when the article confirms its country with
///    a strong one elsewhere: a single-word city or state at the start of a
///    sentence, or a name that is also a common word or first name ("Chad",
///    "Jordan") unless capitalised mid-sentence and not next to another
///    capitalised word ("Chad Smith").
///  - A name of several regions ("Georgia": the country, the US state) goes
///    to the one the article supports: "Atlanta, Georgia" (a place of that
///    country right before it), places of that country elsewhere; else the
///    readiest kind (country, capital, city, subdivision).
///  - A city or subdivision also counts for its country.
Found recognize(const Gazetteer& gazetteer, const Article& article);

}  // namespace newsdesk::entities
