/** @file
 *  @brief What the fuzz targets check beyond "no crash": the readers' contract.
 *
 *  A broken promise aborts, so libFuzzer (and the replay driver) report it
 *  like a crash, with the input that broke it.
 */
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "document_builder.h"
#include "reader.h"
#include "text_util.h"

namespace newsdesk::fuzz {

[[noreturn]] inline void broken_promise(const char* what, std::string_view detail) {
    std::fprintf(stderr, "fuzz check failed: %s: '%.*s'\n", what, static_cast<int>(detail.size()), detail.data());
    std::abort();
}

inline void expect(bool holds, const char* what, std::string_view detail = {}) {
    if (!holds) broken_promise(what, detail);
}

inline bool is_sortable_date(std::string_view date) {
    return date.size() == 14 && date.find_first_not_of("0123456789") == std::string_view::npos;
}

/// article.h: every article has an id, all text is valid UTF-8, dates are
/// "YYYYMMDDHHMMSS" or empty, facet values are non-empty slugs.
inline void check_article(const Article& a) {
    expect(!a.id.empty(), "article without an id", a.title);
    for (std::string_view text : {a.id, a.title, a.body, a.source, a.url, a.author, a.section, a.language, a.dateline})
        expect(text::is_valid_utf8(text), "article text is not valid UTF-8", text);
    expect(a.date.empty() || is_sortable_date(a.date), "article date is not YYYYMMDDHHMMSS", a.date);
    for (const auto* facet : {&a.actors, &a.regions, &a.topics})
        for (const auto& v : *facet) {
            expect(!v.value.empty(), "empty facet value", v.label);
            expect(text::is_valid_utf8(v.value) && text::is_valid_utf8(v.label),
                   "facet value is not valid UTF-8", v.value);
        }
}

/// Check every article of @p result and build its document, as the indexer would.
inline void check_and_build(const readers::ReadResult& result) {
    static DocumentBuilder builder("english");
    for (const auto& article : result.articles) {
        check_article(article);
        builder.build(article, "fuzz/input");
    }
    for (const auto& problem : result.problems) expect(!problem.message.empty(), "problem without a message");
}

}  // namespace newsdesk::fuzz
