// Fuzz target: the search page's QUERY_STRING decoding (cgi::parse_params).
// Bad requests are UsageErrors (a 400 page); anything else escaping is a
// finding. What is accepted must survive the round trip through the links the
// page writes (to_query_string), and must become a valid search request.
#include <cstddef>
#include <cstdint>
#include <string>

#include "cgi_params.h"
#include "error.h"
#include "fuzz_checks.h"
#include "query.h"

namespace {

using newsdesk::fuzz::expect;

bool same(const newsdesk::cgi::PageParams& a, const newsdesk::cgi::PageParams& b) {
    return a.q == b.q && a.filters == b.filters && a.from == b.from && a.to == b.to && a.sort == b.sort &&
           a.half_life == b.half_life && a.match == b.match && a.page == b.page && a.json == b.json &&
           a.atom == b.atom && a.explain == b.explain && a.article_id == b.article_id;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace newsdesk;
    std::string_view query_string(reinterpret_cast<const char*>(data), size);
    cgi::PageParams params;
    try {
        params = cgi::parse_params(query_string);
    } catch (const UsageError&) {
        return 0;
    }
    std::string link = cgi::to_query_string(params);
    expect(link.starts_with("?"), "to_query_string does not start with '?'", link);
    expect(link.find_first_of("\"'<> ") == std::string::npos, "link carries characters unsafe in an href", link);
    try {
        expect(same(params, cgi::parse_params(std::string_view(link).substr(1))), "round trip changed the request",
               link);
    } catch (const UsageError& e) {
        fuzz::broken_promise("the page's own link is rejected", e.what());
    }
    try {
        // An empty database: names resolve to their slugs.
        static const Xapian::Database empty = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
        search::Filters filters(empty, cgi::to_search_request(params));
    } catch (const UsageError&) {
        // a bad date or an unsluggable facet value: a 400, not a crash
    }
    return 0;
}
