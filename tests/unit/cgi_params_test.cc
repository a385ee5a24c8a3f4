// The search page's parameters: decoding the query string, the links that
// carry it, and the search request it becomes (searcher/cgi).
#include <gtest/gtest.h>

#include <sstream>

#include "cgi_app.h"
#include "cgi_params.h"
#include "dates.h"
#include "error.h"
#include "hostile_input.h"
#include "url.h"

namespace newsdesk::cgi {
namespace {

using search::url_encode;

TEST(UrlDecode, DecodesEscapesAndPlus) {
    EXPECT_EQ(url_decode("a+b%20c"), "a b c");
    EXPECT_EQ(url_decode("%41%e2%82%AC"), "A\xE2\x82\xAC");
    EXPECT_EQ(url_decode("%2B%26%3D"), "+&=");
    EXPECT_EQ(url_decode(""), "");
}

TEST(UrlDecode, RejectsMalformedEscapes) {
    for (const char* bad : {"%", "%4", "abc%", "%zz", "%G1", "%%41", "%4g", "% 41"})
        EXPECT_THROW(url_decode(bad), UsageError) << bad;
}

TEST(UrlDecode, RejectsInvalidUtf8) {
    for (const char* bad : {"%ff", "%c0%af", "%e2%82", "%ed%a0%80", "%f4%90%80%80", "%80", "caf%e9"})
        EXPECT_THROW(url_decode(bad), UsageError) << bad;
}

TEST(ParseParams, ReadsEveryParameter) {
    PageParams p = parse_params("q=oil+prices&actor=james-baker&region=usa&region=west-germany&topic=crude"
                                "&from=1987-03&to=1987-04-15&sort=newest&page=3&utm_source=x");
    EXPECT_EQ(p.q, "oil prices");
    EXPECT_EQ(p.filters["actor"], std::vector<std::string>{"james-baker"});
    EXPECT_EQ(p.filters["region"], (std::vector<std::string>{"usa", "west-germany"}));
    EXPECT_EQ(p.filters["topic"], std::vector<std::string>{"crude"});
    EXPECT_EQ(p.from, "1987-03");
    EXPECT_EQ(p.to, "1987-04-15");
    EXPECT_EQ(p.sort, "newest");
    EXPECT_EQ(p.page, 3u);
    EXPECT_FALSE(p.json);
    EXPECT_TRUE(parse_params("format=json").json);
}

TEST(ParseParams, EmptyValuesMeanDefaults) {
    PageParams p = parse_params("q=&region=&page=&sort=&from=&format=");
    EXPECT_EQ(p.q, "");
    EXPECT_FALSE(p.filtered());
    EXPECT_EQ(p.page, 1u);
    EXPECT_EQ(p.sort, "relevance");
}

TEST(ParseParams, RejectsAbsurdPages) {
    EXPECT_EQ(parse_params("page=1000").page, 1000u);
    for (const char* bad : {"page=0", "page=1001", "page=99999999999", "page=-1", "page=1e3", "page=+2", "page=2x",
                            "page=%202", "page=18446744073709551617"})
        EXPECT_THROW(parse_params(bad), UsageError) << bad;
}

TEST(ParseParams, CapsLengths) {
    EXPECT_EQ(parse_params("q=" + std::string(kMaxQueryBytes, 'a')).q.size(), kMaxQueryBytes);
    EXPECT_THROW(parse_params("q=" + std::string(kMaxQueryBytes + 1, 'a')), UsageError);
    EXPECT_THROW(parse_params("region=" + std::string(kMaxValueBytes + 1, 'a')), UsageError);
    EXPECT_THROW(parse_params("q=" + std::string(kMaxQueryStringBytes, 'a')), UsageError);
    std::string many;
    for (std::size_t i = 0; i <= kMaxValuesPerFacet; ++i) many += "&actor=a" + std::to_string(i);
    EXPECT_THROW(parse_params(many), UsageError);
}

TEST(ParseParams, RejectsBadChoicesAndControls) {
    for (const char* bad : {"sort=random", "format=xml", "actor=a%00b", "region=%1b[31m", "q=a%00", "id=x%7f"})
        EXPECT_THROW(parse_params(bad), UsageError) << bad;
    EXPECT_EQ(parse_params("q=a%0D%0Ab%09c").q, "a  b c");  // pasted line breaks are spaces
}

TEST(ParseParams, ErrorMessagesNameTheProblem) {
    try {
        parse_params("page=0");
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "page must be a whole number from 1 to 1000");
    }
    try {
        parse_params("q=%zz");
        FAIL();
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "malformed %-escape '%zz' in the request");
    }
}

TEST(ParseParams, RelativeDatesHalfLifeAndFeeds) {
    PageParams p = parse_params("from=-30d&to=yesterday&sort=fresh&half_life=2w&format=atom");
    EXPECT_EQ(p.from, "-30d");
    EXPECT_EQ(p.to, "yesterday");
    EXPECT_EQ(p.sort, "fresh");
    EXPECT_EQ(p.half_life, "2w");
    EXPECT_TRUE(p.atom);
    EXPECT_FALSE(p.json);
    EXPECT_EQ(to_query_string(p), "?from=-30d&to=yesterday&sort=fresh&half_life=2w&format=atom");
    const std::pair<const char*, std::string> bad[] = {
        {"from=-3x", std::string("the parameter 'from' ('-3x') is not a date (use ") + dates::kBoundForms + ")"},
        {"to=%3Cb%3E", std::string("the parameter 'to' ('<b>') is not a date (use ") + dates::kBoundForms + ")"},
        {"half_life=3x", std::string("the parameter 'half_life' ('3x') is not a half-life (") + search::kHalfLifeForms + ")"},
        {"format=rss", "format must be html, json or atom"}};
    for (const auto& [qs, message] : bad) {
        try {
            parse_params(qs);
            ADD_FAILURE() << qs;
        } catch (const UsageError& e) {
            EXPECT_EQ(e.what(), message);
        }
    }
}

TEST(ToQueryString, RoundTripsHostileValues) {
    PageParams p;
    p.q = kScript + " & ?=#+%";
    p.filters["region"] = {kBreakout, "west-germany"};
    p.filters["actor"] = {"Jos\xC3\xA9 L\xC3\xB3pez"};
    p.from = "1987";
    p.sort = "oldest";
    p.match = "any";
    p.explain = true;
    p.collapse = false;
    p.page = 7;
    std::string qs = to_query_string(p);
    EXPECT_EQ(qs.find_first_of("<>\"' #"), std::string::npos) << qs;
    PageParams back = parse_params(qs.substr(1));
    EXPECT_EQ(back.q, p.q);
    EXPECT_EQ(back.filters, p.filters);
    EXPECT_EQ(back.from, "1987");
    EXPECT_EQ(back.sort, "oldest");
    EXPECT_EQ(back.match, "any");
    EXPECT_TRUE(back.explain);
    EXPECT_FALSE(back.collapse);
    EXPECT_EQ(back.page, 7u);
    EXPECT_EQ(to_query_string(PageParams{}), "?");
}

TEST(ToQueryString, AddedFilterLinkIsTheWholeQueryStringAroundTheValue) {
    PageParams p;
    p.q = kScript + " & ?=#+%";
    p.filters["region"] = {kBreakout};
    p.to = "1987-06";
    p.sort = "newest";
    p.match = "all";
    p.page = 3;
    p.article_id = "a1";
    for (const std::string& facet : kFilterFacets) {
        QueryStringAround around = added_filter_query_string(p, facet);
        for (const std::string& value : {std::string("usa"), kScript, std::string("Jos\xC3\xA9 &=%")}) {
            PageParams next = p;
            next.filters[facet].push_back(value);
            next.page = 1;
            next.article_id.clear();
            EXPECT_EQ(around.before + url_encode(value) + around.after, to_query_string(next)) << facet << " " << value;
        }
    }
    QueryStringAround plain = added_filter_query_string(PageParams{}, "actor");
    EXPECT_EQ(plain.before + "baker" + plain.after, "?actor=baker");
}

TEST(SearchRequest, MatchAndExplainReachTheSearch) {
    auto plain = to_search_request(parse_params("q=oil"));
    EXPECT_EQ(plain.match, search::Match::kAuto);
    EXPECT_FALSE(plain.explain);
    auto request = to_search_request(parse_params("q=oil&match=all&explain=1&format=json"));
    EXPECT_EQ(request.match, search::Match::kAll);
    EXPECT_TRUE(request.explain);
    EXPECT_FALSE(to_search_request(parse_params("q=oil&explain=1")).explain) << "the page shows no explanation";
    for (const char* bad : {"match=most", "explain=yes"}) EXPECT_THROW(parse_params(bad), UsageError) << bad;
}

TEST(SearchRequest, StoriesCollapseUnlessCollapseIsZero) {
    EXPECT_TRUE(to_search_request(parse_params("q=oil")).collapse);
    EXPECT_TRUE(to_search_request(parse_params("q=oil&collapse=1")).collapse);
    EXPECT_FALSE(to_search_request(parse_params("q=oil&collapse=0")).collapse);
    EXPECT_EQ(to_query_string(parse_params("q=oil&collapse=1")), "?q=oil");  // the default is left out
    EXPECT_THROW(parse_params("collapse=no"), UsageError);
}

TEST(SearchRequest, FixedPageSizeAndOffset) {
    auto request = to_search_request(parse_params("page=4&sort=newest"));
    EXPECT_EQ(request.limit, kPageSize);
    EXPECT_EQ(request.offset, 30u);
    EXPECT_EQ(request.sort, search::Sort::kNewest);
    EXPECT_GT(request.time_limit_seconds, 0);
}

TEST(SearchRequest, FreshSortAndNowReachTheSearch) {
    auto request = to_search_request(parse_params("q=oil&sort=fresh&half_life=12h&from=-7d"), "19871020235959");
    EXPECT_EQ(request.sort, search::Sort::kFresh);
    EXPECT_DOUBLE_EQ(request.half_life_days, 0.5);
    EXPECT_EQ(request.now, "19871020235959");
    EXPECT_EQ(request.from, "-7d");
    EXPECT_EQ(to_search_request(parse_params("q=oil")).half_life_days, search::kDefaultHalfLifeDays);
}

TEST(SearchRequest, AFeedIsTheNewestMatchesWithoutFacets) {
    auto request = to_search_request(parse_params("q=oil&region=ua&sort=fresh&page=3&format=atom"));
    EXPECT_EQ(request.sort, search::Sort::kNewest);
    EXPECT_EQ(request.limit, kFeedSize);
    EXPECT_EQ(request.offset, 0u);
    EXPECT_TRUE(request.facets.empty());
    PageParams p = parse_params("q=oil&region=ua&from=-7d&sort=oldest&match=all&page=3&explain=1&format=json");
    EXPECT_EQ(feed_query_string(p), "?q=oil&region=ua&from=-7d&match=all&format=atom");
    EXPECT_EQ(search_query_string(p), "?q=oil&region=ua&from=-7d&match=all");
    EXPECT_EQ(feed_query_string(PageParams{}), "?format=atom");
}

TEST(PageAddress, FromTheEnvironment) {
    EXPECT_EQ(PageAddress::from_environment("on", "news.example.org", "x", "1", "/news").base(),
              "https://news.example.org/news");
    EXPECT_EQ(PageAddress::from_environment("", "", "127.0.0.1", "8080", "/").base(), "http://127.0.0.1:8080/");
    EXPECT_EQ(PageAddress::from_environment("", "", "news.example.org", "80", "/n").base(), "http://news.example.org/n");
    EXPECT_EQ(PageAddress::from_environment("on", "", "news.example.org", "443", "").base(), "https://news.example.org");
    // A Host header that is no host name is not echoed: the links stay relative.
    EXPECT_EQ(PageAddress::from_environment("", "evil\"><script>", "", "", "/n").base(), "");
    EXPECT_EQ(PageAddress::from_environment("", "a b", "", "", "/n").base(), "");
    EXPECT_EQ(PageAddress{}.base(), "");
}

TEST(Config, EnvironmentFirstThenConfigFile) {
    std::istringstream config("# newsdesk\n\n  other = 1\ndb = /srv/news/db  \n");
    EXPECT_EQ(database_from_config(config), "/srv/news/db");
    std::istringstream none("# nothing\n");
    EXPECT_EQ(database_from_config(none), "");
    EXPECT_EQ(database_path("/from/env", "/nonexistent.conf"), "/from/env");
    EXPECT_EQ(database_path("", "/nonexistent.conf"), "");
    EXPECT_EQ(database_path(nullptr, "/nonexistent.conf"), "");
}

}  // namespace
}  // namespace newsdesk::cgi
