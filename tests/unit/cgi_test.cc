// The search page: escaping, and pages built from hostile input that must
// come out inert (searcher/cgi). Its parameters: cgi_params_test.cc.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <sstream>

#include "cgi_app.h"
#include "cgi_params.h"
#include "dates.h"
#include "document_builder.h"
#include "error.h"
#include "hostile_input.h"
#include "html.h"
#include "schema.h"
#include "test_dir.h"

namespace newsdesk::cgi {
namespace {


// --- decoding ---------------------------------------------------------------

// --- escaping ---------------------------------------------------------------

TEST(Escape, EachContext) {
    EXPECT_EQ(escape_text("<a href='x'>&\"</a>"), "&lt;a href='x'&gt;&amp;\"&lt;/a&gt;");
    EXPECT_EQ(escape_attribute(kBreakout), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39; onmouseover=&quot;alert(2)");
    EXPECT_EQ(escape_attribute("it's"), "it&#39;s");
    EXPECT_EQ(url_encode("a b&c=d/\xC3\xA9~"), "a%20b%26c%3Dd%2F%C3%A9~");
    EXPECT_EQ(escape_text("bad\xFFutf8"), "bad\xEF\xBF\xBDutf8");
    EXPECT_EQ(escape_text("caf\xC3\xA9 <b> \xE2\x80\xA6"), "caf\xC3\xA9 &lt;b&gt; \xE2\x80\xA6") << "whole characters kept";
    EXPECT_EQ(escape_attribute("cut \xC3"), "cut \xEF\xBF\xBD") << "a sequence cut short at the end";
    EXPECT_EQ(escape_text("\xED\xA0\x80<"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD&lt;") << "a surrogate, byte by byte";
}

TEST(Escape, OnlyWebUrlsAreLinked) {
    EXPECT_TRUE(is_web_url("https://example.com/a"));
    EXPECT_TRUE(is_web_url("HTTP://EXAMPLE.COM"));
    for (const char* bad : {"javascript:alert(1)", " https://x", "data:text/html,x", "//evil.example", "JaVaScRiPt:x", ""})
        EXPECT_FALSE(is_web_url(bad)) << bad;
}

// --- rendering --------------------------------------------------------------

/// Checks that every tag in @p html is one the page uses, with attributes the
/// page uses, each value double-quoted: input that broke out of its text or
/// attribute would show up as an unknown tag or attribute.
void expect_inert(const std::string& html) {
    static const std::set<std::string> tags = {
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "a", "form",
        "label", "input", "button", "div", "main", "aside", "ul", "ol", "li", "p", "span", "strong", "em", "time",
        "mark", "nav", "section", "details", "summary", "svg", "rect", "text", "article"};
    static const std::set<std::string> attributes = {
        "html", "lang", "charset", "name", "content", "href", "class", "role", "method", "action", "for", "id",
        "type", "maxlength", "value", "placeholder", "aria-label", "aria-labelledby", "aria-current", "aria-hidden",
        "title", "start", "rel", "datetime", "viewBox", "x", "y", "width", "height", "text-anchor"};
    static const std::regex tag(R"(<(/?)([A-Za-z!][A-Za-z0-9-]*)((?:\s+[A-Za-z-]+(?:="[^"<>]*")?)*)\s*>)");
    static const std::regex attribute(R"(\s+([A-Za-z-]+)(?:="[^"]*")?)");
    std::size_t tags_seen = 0;
    for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
        std::smatch m;
        std::string rest = html.substr(at, html.find('>', at) + 1 - at);
        if (html.compare(at, 9, "<!DOCTYPE") == 0) continue;
        ASSERT_TRUE(std::regex_match(rest, m, tag)) << "malformed tag: " << rest;
        // The one <link>: the search's own feed, on this page.
        static const std::regex feed_link(R"(<link rel="alternate" type="application/atom\+xml" title="[^"<>]*" href="\?[^"<>]*">)");
        EXPECT_TRUE(tags.count(m[2]) || (m[2] == "link" && std::regex_match(rest, feed_link))) << "unexpected tag: " << rest;
        std::string attrs = m[3];
        for (auto it = std::sregex_iterator(attrs.begin(), attrs.end(), attribute); it != std::sregex_iterator(); ++it)
            EXPECT_TRUE(attributes.count((*it)[1])) << "unexpected attribute " << (*it)[1] << " in " << rest;
        ++tags_seen;
    }
    EXPECT_GT(tags_seen, 5u);
    EXPECT_EQ(html.find("javascript:"), std::string::npos);
}

search::SearchResult hostile_result() {
    search::SearchResult r;
    r.query = kScript;
    r.estimate = r.lower = r.upper = 25;
    r.corrected = kScript + kBreakout;
    search::Hit hit;
    hit.rank = 11;
    hit.id = kBreakout;
    hit.title = kScript;
    hit.url = "javascript:alert(1)";
    hit.date = kBreakout;
    hit.source = kScript;
    hit.actors = {{kBreakout, kScript}};
    hit.regions = {{kScript, kBreakout}};
    hit.snippet = "&lt;b&gt; <mark>oil</mark>";
    r.hits = {hit};
    r.facets = {{"actor", {{kBreakout, kScript, 3}}},
                {"region", {{kScript, kBreakout, 2}}},
                {"topic", {{"t", kScript, 1}}},
                {"date", {{kBreakout, kScript, 4}, {"1987-03", "March 1987", 1}}}};
    return r;
}

PageParams hostile_params() {
    PageParams p;
    p.q = kScript + kBreakout;
    p.filters["actor"] = {kBreakout};
    p.filters["region"] = {kScript};
    p.from = kBreakout;
    p.to = kScript;
    p.page = 2;
    return p;
}

TEST(Render, ResultsPageEscapesEverything) {
    std::string html = results_page(hostile_params(), hostile_result());
    expect_inert(html);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<img"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find("<mark>oil</mark>"), std::string::npos);  // the library's markup survives
}

TEST(Render, ArticleAndMessagePagesEscapeEverything) {
    Article a;
    a.id = kBreakout;
    a.title = kScript;
    a.body = kScript + "\n\n" + kBreakout;
    a.url = "javascript:alert(1)";
    a.actors = {{kBreakout, kScript}};
    expect_inert(article_page(hostile_params(), a));
    expect_inert(message_page(hostile_params(), kScript, kBreakout));
    EXPECT_EQ(article_page(hostile_params(), a).find("<script"), std::string::npos);
}

TEST(Render, PageHasTheAccessibleFrame) {
    search::SearchResult r = hostile_result();
    std::string html = results_page(PageParams{}, r);
    EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(html.find("name=\"viewport\""), std::string::npos);
    EXPECT_NE(html.find("<label for=\"q\">"), std::string::npos);
    EXPECT_NE(html.find(":focus-visible"), std::string::npos);
}

TEST(Render, PartsLinkToTheRightPages) {
    PageParams p = parse_params("q=oil&region=usa&page=2");
    search::SearchResult r;
    r.estimate = r.lower = r.upper = r.ranked = 35;
    EXPECT_NE(result_count(r).find("35 articles"), std::string::npos);
    std::string pages = pagination(p, r);
    EXPECT_NE(pages.find("Page 2 of 4"), std::string::npos);
    EXPECT_NE(pages.find("href=\"?q=oil&amp;region=usa&amp;page=3\""), std::string::npos);
    EXPECT_NE(pages.find("href=\"?q=oil&amp;region=usa\""), std::string::npos);  // page 1
    std::string chips = filter_chips(p, r);
    EXPECT_NE(chips.find("href=\"?q=oil\""), std::string::npos) << chips;  // removing the region
    EXPECT_NE(sort_links(p).find("href=\"?q=oil&amp;region=usa&amp;sort=newest\""), std::string::npos);
    search::Facet dates{"date", {{"1987-03", "March 1987", 10}, {"1987-04", "April 1987", 5}}};
    std::string svg = date_histogram(p, dates);
    EXPECT_NE(svg.find("href=\"?q=oil&amp;region=usa&amp;from=1987-04&amp;to=1987-04\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("<title>March 1987: 10 articles</title>"), std::string::npos);
    r.facets = {{"region", {{"usa", "USA", 20}, {"japan", "Japan", 4}}}};
    std::string sidebar = facet_sidebar(p, r);
    EXPECT_NE(sidebar.find("href=\"?q=oil&amp;region=usa&amp;region=japan\">"), std::string::npos) << sidebar;
    EXPECT_NE(sidebar.find("href=\"?q=oil\" aria-current=\"true\""), std::string::npos) << sidebar;  // removes usa
}

TEST(Render, AStoryIsOneResultLinkingToItsArticles) {
    search::SearchResult r = hostile_result();
    r.hits[0].similar = 2;
    r.hits[0].cluster = kBreakout;  // keys come from the database; escaped all the same
    r.ranked = 12;  // stories: the pages count those, not the 25 articles
    std::string html = results_page(PageParams{}, r);
    expect_inert(html);
    const auto at = html.find("2 similar stories</a>");
    ASSERT_NE(at, std::string::npos) << html;
    const std::string link = html.substr(html.rfind("<a href=", at), at - html.rfind("<a href=", at));
    EXPECT_NE(link.find("?q=cluster%3A"), std::string::npos) << link;
    EXPECT_NE(link.find("&amp;sort=oldest&amp;collapse=0"), std::string::npos) << link;
    EXPECT_NE(pagination(parse_params("q=oil"), r).find("Page 1 of 2"), std::string::npos);
    EXPECT_NE(pagination(parse_params("q=oil&collapse=0"), r).find("Page 1 of 3"), std::string::npos);
    r.hits[0].similar = 0;
    EXPECT_EQ(results_page(PageParams{}, r).find("similar stor"), std::string::npos);
}

TEST(Render, APageThatKnowsWhatFollowsCorrectsTheEstimate) {
    search::SearchResult r;
    r.estimate = r.lower = r.upper = 131;
    r.ranked = 100;  // stories, as Xapian estimates a collapsed list: short
    r.hits.resize(10);
    const std::string tenth = pagination(parse_params("q=oil&page=10"), r, true);
    EXPECT_NE(tenth.find("Page 10 of 11"), std::string::npos) << tenth;
    EXPECT_NE(tenth.find("rel=\"next\" href=\"?q=oil&amp;page=11\""), std::string::npos) << tenth;
    EXPECT_EQ(pagination(parse_params("q=oil&page=10"), r).find("rel=\"next\""), std::string::npos)
        << "without knowing, the estimate ends the list here";
    r.ranked = 130;  // estimated long
    r.hits.resize(3);
    const std::string last = pagination(parse_params("q=oil&page=12"), r, false);
    EXPECT_NE(last.find("Page 12 of 12"), std::string::npos) << last;
    EXPECT_EQ(last.find("rel=\"next\""), std::string::npos) << last;
    r.hits.clear();  // a page past the end, asked for by hand
    const std::string past = pagination(parse_params("q=oil&page=20"), r, false);
    EXPECT_NE(past.find("<span>Page 20</span>"), std::string::npos) << past;
    EXPECT_NE(past.find("rel=\"prev\" href=\"?q=oil&amp;page=13\""), std::string::npos) << past;
}

TEST(Render, ResultsPageLinksToItsFeed) {
    PageParams p = parse_params("q=oil&region=usa&from=-7d&sort=newest&page=2");
    std::string html = results_page(p, search::SearchResult{});
    EXPECT_NE(html.find("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"oil – newsdesk search (Atom feed)\" "
                        "href=\"?q=oil&amp;region=usa&amp;from=-7d&amp;format=atom\">\n"),
              std::string::npos)
        << html.substr(0, 600);
    expect_inert(results_page(parse_params("q=" + url_encode(kBreakout) + "&actor=" + url_encode(kScript)),
                              search::SearchResult{}));
    EXPECT_NE(sort_links(p).find("href=\"?q=oil&amp;region=usa&amp;from=-7d&amp;sort=fresh\""), std::string::npos);
}

TEST(Render, RecentLinksKeepTheSearchAndReplaceTheDates) {
    PageParams p = parse_params("q=oil&region=usa&from=1987&to=1987&sort=fresh&half_life=2w&match=all&page=3");
    search::Facet dates{"date", {{"1987-03", "March 1987", 10}}};
    std::string section = date_histogram(p, dates);
    for (const auto& [from, label] : kRecentPeriods)
        EXPECT_NE(section.find("<a href=\"?q=oil&amp;region=usa&amp;from=" + from +
                               "&amp;sort=fresh&amp;half_life=2w&amp;match=all\">" + label + "</a>"),
                  std::string::npos)
            << label << "\n" << section;
    PageParams week = parse_params("q=oil&from=-7d");
    std::string current = date_histogram(week, search::Facet{"date", {}});
    EXPECT_NE(current.find("<strong aria-current=\"true\">Past week</strong>"), std::string::npos) << current;
    EXPECT_NE(current.find("href=\"?q=oil&amp;from=-1d\">Past day</a>"), std::string::npos);
    EXPECT_EQ(current.find("<svg"), std::string::npos);  // no dates to draw, but the links stay
    search::SearchResult r;
    EXPECT_NE(filter_chips(week, r).find("Past week <span"), std::string::npos);
    EXPECT_NE(filter_chips(parse_params("from=-30d"), r).find("From -30d <span"), std::string::npos);
    expect_inert(current);
}

// --- the whole page over a real index ---------------------------------------

class AppTest : public ::testing::Test {
  protected:
    void SetUp() override {
        Xapian::WritableDatabase db(dir_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        DocumentBuilder builder("english");
        Article a;
        a.id = "evil-1";
        a.title = "Oil " + kScript;
        a.body = "Crude oil " + kScript + " and " + kBreakout + " prices rose.";
        a.date = "19870302000000";
        a.regions = {{"usa", "USA"}};
        Xapian::Document doc = builder.build(a, "fixture.jsonl");
        FacetDictionary(db).add_summary(doc, document_facets(a));
        db.replace_document(schema::id_term(a.id), doc);
        db.commit();
    }
    test::TestDir dir_{"newsdesk-cgi-test"};
};

TEST_F(AppTest, LibrarySnippetsAreEscaped) {
    App app(dir_.string());
    Response r = app.handle("GET", "q=oil");
    EXPECT_EQ(r.status, 200);
    expect_inert(r.body);
    EXPECT_EQ(r.body.find("<script"), std::string::npos);
    EXPECT_NE(r.body.find("<mark>"), std::string::npos);
    EXPECT_NE(r.body.find("1 article"), std::string::npos);
}

TEST_F(AppTest, PagesShowTenHitsAndEndWhereTheListEnds) {
    {
        Xapian::WritableDatabase db(dir_.string());
        DocumentBuilder builder("english");
        const char* words[] = {"tanker", "refinery", "pipeline", "barrel", "drilling", "offshore",
                               "cartel", "export", "quota", "reserve", "futures"};
        for (int i = 0; i < 11; ++i) {
            Article a;
            a.id = "oil-" + std::to_string(i);
            a.title = std::string("Oil ") + words[i];
            a.body = std::string("Oil news about the ") + words[i] + ".";
            a.date = "198703" + std::to_string(10 + i) + "000000";
            db.replace_document(schema::id_term(a.id), builder.build(a, "more.jsonl"));
        }
        db.commit();
    }
    App app(dir_.string());
    auto hits = [](const std::string& body) {
        std::size_t n = 0;
        for (auto at = body.find("<li>\n<h3>"); at != std::string::npos; at = body.find("<li>\n<h3>", at + 1)) ++n;
        return n;
    };
    const Response first = app.handle("GET", "q=oil&sort=newest");
    EXPECT_EQ(hits(first.body), 10u) << "the hit asked for beyond the page is not shown";
    EXPECT_NE(first.body.find("Page 1 of 2"), std::string::npos);
    EXPECT_NE(first.body.find("rel=\"next\""), std::string::npos);
    const Response second = app.handle("GET", "q=oil&sort=newest&page=2");
    EXPECT_EQ(hits(second.body), 2u);
    EXPECT_NE(second.body.find("<ol class=\"results\" start=\"11\">"), std::string::npos);
    EXPECT_NE(second.body.find("Page 2 of 2"), std::string::npos);
    EXPECT_EQ(second.body.find("rel=\"next\""), std::string::npos);
    const auto json = nlohmann::json::parse(app.handle("GET", "q=oil&format=json").body);
    EXPECT_EQ(json["results"].size(), 10u) << "the JSON contract's page is unchanged";
    EXPECT_EQ(json["limit"], 10);
}

TEST_F(AppTest, StatusCodes) {
    App app(dir_.string());
    EXPECT_EQ(app.handle("GET", "q=%zz").status, 400);
    EXPECT_EQ(app.handle("GET", "page=99999999999").status, 400);
    EXPECT_EQ(app.handle("GET", "q=title:").status, 400);
    EXPECT_EQ(app.handle("GET", "from=notadate").status, 400);
    EXPECT_EQ(app.handle("GET", "id=evil-1").status, 200);
    EXPECT_EQ(app.handle("GET", "id=nope").status, 404);
    EXPECT_EQ(app.handle("POST", "q=oil").status, 405);
    EXPECT_EQ(App((dir_.path() / "missing").string()).handle("GET", "q=oil").status, 503);
    EXPECT_EQ(App("").handle("GET", "q=oil").status, 503);
    Response json = app.handle("GET", "q=oil&format=json");
    EXPECT_EQ(json.content_type, "application/json");
    EXPECT_NE(json.body.find("\"results\""), std::string::npos);
    EXPECT_EQ(app.handle("GET", "q=%zz&format=json").content_type, "application/json");
    for (const char* qs : {"q=%zz", "q=title:", "from=notadate", "id=nope"}) expect_inert(app.handle("GET", qs).body);
}

TEST_F(AppTest, NowComesFromTheEnvironmentForRelativeDates) {
    App app(dir_.string(), std::chrono::seconds(1), "1987-03-05");
    auto result = nlohmann::json::parse(app.handle("GET", "q=oil&from=-7d&format=json").body);
    EXPECT_EQ(result["now"], "1987-03-05T23:59:59");
    EXPECT_EQ(result["date_range"]["from"], "1987-02-26T00:00:00");
    EXPECT_EQ(result["total"]["estimate"], 1);
    EXPECT_EQ(nlohmann::json::parse(App(dir_.string()).handle("GET", "q=oil&from=-7d&format=json").body)["total"]["estimate"], 0);
    Response bad = App(dir_.string(), std::chrono::seconds(1), "soon").handle("GET", "q=oil");
    EXPECT_EQ(bad.status, 503);
    EXPECT_NE(bad.body.find("NEWSDESK_NOW 'soon' in the web server's environment is not a date"), std::string::npos);
    Response fresh = app.handle("GET", "q=oil&sort=fresh&half_life=1d&format=json&explain=1");
    EXPECT_EQ(nlohmann::json::parse(fresh.body)["results"][0]["explain"]["decay"]["age_days"], 3.0 + 86399.0 / 86400);
}

TEST_F(AppTest, FeedIsAtomWithAbsoluteLinks) {
    App app(dir_.string(), std::chrono::seconds(1), "1987-03-05");
    auto address = PageAddress::from_environment("", "news.example.org", "", "", "/news");
    Response r = app.handle("GET", "q=oil&region=usa&sort=oldest&page=2&format=atom", address);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "application/atom+xml; charset=utf-8");
    EXPECT_EQ(r.body.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", 0), 0u);
    EXPECT_NE(r.body.find("<id>tag:newsdesk,2026:search?q=oil&amp;region=usa</id>"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("href=\"http://news.example.org/news?q=oil&amp;region=usa&amp;format=atom\""), std::string::npos);
    EXPECT_NE(r.body.find("<link rel=\"alternate\" type=\"text/html\" href=\"http://news.example.org/news?q=oil&amp;region=usa\"/>"),
              std::string::npos);
    EXPECT_NE(r.body.find("href=\"http://news.example.org/news?id=evil-1\""), std::string::npos);  // no URL of its own
    EXPECT_NE(r.body.find("<updated>1987-03-02T00:00:00Z</updated>"), std::string::npos);
    EXPECT_EQ(r.body.find("<script"), std::string::npos);
    EXPECT_EQ(r.body.find("<mark"), std::string::npos);  // the snippet's markup is text
    // Without an address the links are relative to the feed's own.
    EXPECT_NE(app.handle("GET", "q=oil&format=atom").body.find("href=\"?q=oil&amp;format=atom\""), std::string::npos);
}

TEST_F(AppTest, HeadersAreStrict) {
    Response r = App(dir_.string()).handle("HEAD", "q=oil");
    std::string out = serialize(r);
    EXPECT_EQ(out.rfind("Status: 200 OK\r\n", 0), 0u);
    EXPECT_NE(out.find("Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'\r\n"),
              std::string::npos);
    EXPECT_NE(out.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
    EXPECT_TRUE(out.ends_with("\r\n\r\n"));  // HEAD: no body
}

}  // namespace
}  // namespace newsdesk::cgi
