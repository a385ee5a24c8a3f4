#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "html_text.h"
#include "reader.h"

using newsdesk::Article;
using newsdesk::FacetValue;
using newsdesk::readers::Problem;
using newsdesk::readers::read_feed;
using newsdesk::readers::ReadResult;

namespace {

ReadResult read(const std::string& xml) { return read_feed(xml, "test.rss"); }

std::string problems_of(const ReadResult& r) {
    std::string out;
    for (const auto& p : r.problems) out += std::to_string(p.line) + ": " + p.message + "\n";
    return out;
}

const char* const kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <language>en-gb</language>
  <image><title>Gazette logo</title><url>https://gazette.example/logo.png</url></image>
  <item>
    <title>Ferry strike ends after &lt;b&gt;three&lt;/b&gt; days</title>
    <link>https://gazette.example/ferry-strike</link>
    <description>&lt;p&gt;Crews return on &lt;em&gt;Monday&lt;/em&gt;.&lt;/p&gt;&lt;p&gt;Fares rise 2%.&lt;/p&gt;</description>
    <pubDate>Tue, 04 Mar 2025 08:30:00 +0000</pubDate>
    <category>Transport</category>
    <category>Labour disputes</category>
    <dc:creator>Ana Ruiz</dc:creator>
    <guid isPermaLink="false">gazette-1001</guid>
  </item>
  <item>
    <title>Dock cranes replaced</title>
    <link>https://gazette.example/cranes</link>
    <description>Short text.</description>
    <content:encoded><![CDATA[<p>The port replaced four cranes.</p>]]></content:encoded>
    <dc:date>2025-03-05T10:00:00Z</dc:date>
  </item>
</channel>
</rss>
)";

TEST(FeedReader, ReadsRssItems) {
    auto r = read(kRss);
    EXPECT_EQ(problems_of(r), "");
    ASSERT_EQ(r.articles.size(), 2u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.id, "gazette-1001");
    EXPECT_EQ(a.title, "Ferry strike ends after three days");
    EXPECT_EQ(a.url, "https://gazette.example/ferry-strike");
    EXPECT_EQ(a.body, "Crews return on Monday.\n\nFares rise 2%.");
    EXPECT_EQ(a.date, "20250304083000");
    EXPECT_EQ(a.author, "Ana Ruiz");
    EXPECT_EQ(a.source, "Harbour Gazette");  // the channel's title, not the image's
    EXPECT_EQ(a.language, "en");
    EXPECT_EQ(a.line, 9u);
    ASSERT_EQ(a.topics.size(), 2u);
    EXPECT_EQ(a.topics[0], (FacetValue{"transport", "Transport"}));
    EXPECT_EQ(a.topics[1], (FacetValue{"labour-disputes", "Labour disputes"}));

    const Article& b = r.articles[1];
    EXPECT_EQ(b.body, "The port replaced four cranes.");  // content:encoded beats description
    EXPECT_EQ(b.date, "20250305100000");
    EXPECT_FALSE(b.id.empty());
}

TEST(FeedReader, ReadsAtomEntries) {
    auto r = read(R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title type="text">Le Journal du Port</title>
  <entry>
    <id>tag:journal.example,2025:42</id>
    <title type="html">Gr&#232;ve &amp;amp; n&#233;gociations</title>
    <link rel="self" href="https://journal.example/api/42"/>
    <link href="https://journal.example/42"/>
    <updated>2025-06-02T09:00:00Z</updated>
    <published>2025-06-01T18:45:00+02:00</published>
    <author><name>Luc Martin</name><email>luc@journal.example</email></author>
    <category term="economie" label="Économie"/>
    <category term="social"/>
    <summary>R&#233;sum&#233;.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Premier.</p><p>Second.</p></div></content>
  </entry>
</feed>)");
    EXPECT_EQ(problems_of(r), "");
    ASSERT_EQ(r.articles.size(), 1u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.id, "tag:journal.example,2025:42");
    EXPECT_EQ(a.title, "Grève & négociations");
    EXPECT_EQ(a.url, "https://journal.example/42");  // the alternate link, not rel="self"
    EXPECT_EQ(a.date, "20250601184500");             // published, not updated
    EXPECT_EQ(a.author, "Luc Martin");
    EXPECT_EQ(a.source, "Le Journal du Port");
    EXPECT_EQ(a.language, "fr");
    EXPECT_EQ(a.body, "Premier. Second.");
    ASSERT_EQ(a.topics.size(), 2u);
    EXPECT_EQ(a.topics[0], (FacetValue{"économie", "Économie"}));
    EXPECT_EQ(a.topics[1], (FacetValue{"social", "social"}));
}

TEST(FeedReader, ReadsRss1Rdf) {
    auto r = read(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://wire.example/"><title>Wire</title><dc:language>de</dc:language></channel>
  <item rdf:about="https://wire.example/7">
    <title>Energiepreise sinken</title>
    <link>https://wire.example/7</link>
    <dc:date>2024-11-20</dc:date>
    <dc:subject>Energy</dc:subject>
  </item>
</rdf:RDF>)");
    EXPECT_EQ(problems_of(r), "");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].id, "https://wire.example/7");
    EXPECT_EQ(r.articles[0].source, "Wire");
    EXPECT_EQ(r.articles[0].date, "20241120000000");
    EXPECT_EQ(r.articles[0].topics, (std::vector<FacetValue>{{"energy", "Energy"}}));
}

TEST(FeedReader, ExtensionElementsDoNotReplaceTheItemsFields) {
    auto r = read(R"(<rss xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Pods</title><item><title>Real title</title><media:title>Thumbnail caption</media:title>
<itunes:author>Someone Else</itunes:author><author>desk@pods.example (News Desk)</author>
<description>Real text.</description><media:description>Photo credit</media:description></item></channel></rss>)");
    EXPECT_EQ(problems_of(r), "");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Real title");
    EXPECT_EQ(r.articles[0].author, "desk@pods.example (News Desk)");
    EXPECT_EQ(r.articles[0].body, "Real text.");
}

TEST(FeedReader, IdsWithoutGuidAreStableAndDistinct) {
    auto item = [](const char* link) {
        return std::string("<rss><channel><title>T</title><item><title>Same title</title><link>") + link +
               "</link></item></channel></rss>";
    };
    auto a1 = read(item("https://x.example/1")), a2 = read(item("https://x.example/1")),
         b = read(item("https://x.example/2"));
    ASSERT_EQ(a1.articles.size(), 1u);
    ASSERT_EQ(b.articles.size(), 1u);
    EXPECT_EQ(a1.articles[0].id, a2.articles[0].id);
    EXPECT_NE(a1.articles[0].id, b.articles[0].id);
}

TEST(FeedReader, UnreadableDateIsAWarningAndTheItemIsKept) {
    auto r = read("<rss><channel><item><title>A</title><pubDate>someday soon</pubDate></item></channel></rss>");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].date, "");
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].severity, Problem::Severity::kWarning);
}

TEST(HtmlText, StripsTagsScriptsAndDecodesEntities) {
    using newsdesk::text::html_to_text;
    EXPECT_EQ(html_to_text("<p>Oil&nbsp;&mdash; up <b>3%</b></p><script>var a = '<p>x</p>';</script><p>Gas &amp; coal&hellip;</p>"),
              "Oil \xE2\x80\x94 up 3%\n\nGas & coal\xE2\x80\xA6");
    EXPECT_EQ(html_to_text("line one<br/>line two<!-- hidden <p> -->"), "line one\nline two");
    EXPECT_EQ(html_to_text("a < b and c > d"), "a < b and c > d");  // not markup
    EXPECT_EQ(html_to_text("It&rsquo;s &#8364;5 &unknown; &#1;"), "It\xE2\x80\x99s \xE2\x82\xAC" "5 &unknown;");
}

TEST(FeedReader, DecodesEntitiesInDescriptions) {
    auto r = read(R"(<rss><channel><item><title>Q&amp;A: &#x201C;why&#x201D;</title>
<description>&lt;p&gt;Profits &amp;amp; losses&lt;/p&gt;</description></item></channel></rss>)");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Q&A: \xE2\x80\x9Cwhy\xE2\x80\x9D");
    EXPECT_EQ(r.articles[0].body, "Profits & losses");
}

TEST(FeedReader, RefusesBillionLaughsQuickly) {
    std::string xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n";
    for (int i = 1; i <= 10; ++i)
        xml += "<!ENTITY lol" + std::to_string(i) + " \"" +
               [&] { std::string s; for (int k = 0; k < 10; ++k) s += "&lol" + std::to_string(i - 1) + ";"; return s; }() +
               "\">\n";
    xml += "]>\n<rss><channel><item><title>&lol10;</title></item></channel></rss>\n";
    auto begin = std::chrono::steady_clock::now();
    auto r = read(xml);
    auto elapsed = std::chrono::steady_clock::now() - begin;
    EXPECT_LT(elapsed, std::chrono::milliseconds(500));
    EXPECT_TRUE(r.articles.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].line, 3u);
    EXPECT_NE(r.problems[0].message.find("declares the XML entity 'lol0'"), std::string::npos) << r.problems[0].message;
}

TEST(FeedReader, NeverReadsExternalEntities) {
    auto r = read(R"(<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss><channel><item><title>leak</title><description>&xxe;</description></item></channel></rss>)");
    for (const auto& a : r.articles) EXPECT_EQ(a.body.find("root:"), std::string::npos);
    EXPECT_TRUE(r.articles.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_NE(r.problems[0].message.find("entity 'xxe'"), std::string::npos);
}

TEST(FeedReader, DeepNestingIsAProblemNotACrash) {
    std::string xml = "<rss><channel><item><title>kept</title></item>\n<item><title>deep</title>";
    for (int i = 0; i < 10000; ++i) xml += "<x>";
    for (int i = 0; i < 10000; ++i) xml += "</x>";
    xml += "</item></channel></rss>";
    auto r = read(xml);
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "kept");
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].line, 2u);
    EXPECT_EQ(r.problems[0].message, "elements nested more than 1000 deep; not a news feed");
}

TEST(FeedReader, TruncatedFeedKeepsFinishedItemsAndNamesTheLine) {
    std::string xml = kRss;
    xml.resize(xml.find("<title>Dock cranes"));  // cut inside the second item (line 20)
    auto r = read(xml);
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].id, "gazette-1001");
    EXPECT_EQ(r.articles[0].source, "Harbour Gazette");
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].line, 20u);
    EXPECT_EQ(r.problems[0].message.rfind("malformed XML: ", 0), 0u) << r.problems[0].message;
}

TEST(FeedReader, MismatchedTagIsReportedAtItsLine) {
    auto r = read("<rss><channel>\n<item><title>one</title></item>\n<item><title>two</item>\n</channel></rss>");
    ASSERT_EQ(r.articles.size(), 1u);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].line, 3u);
    EXPECT_EQ(r.problems[0].message, "malformed XML: mismatched tag (column 19)");
}

TEST(FeedReader, AcceptsAnExternalDoctypeWithoutFetchingIt) {
    auto r = read(R"(<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><item><title>Still read</title></item></channel></rss>)");
    EXPECT_EQ(problems_of(r), "");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Still read");
}

TEST(FeedReader, ReadsWindows1252Feeds) {
    auto r = read("<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n"
                  "<rss><channel><item><title>\x93" "Caf\xE9\x94 \x96 \x80" "5</title></item></channel></rss>");
    EXPECT_EQ(problems_of(r), "");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "\xE2\x80\x9C" "Caf\xC3\xA9\xE2\x80\x9D \xE2\x80\x93 \xE2\x82\xAC" "5");
}

TEST(FeedReader, UnknownEncodingIsAProblem) {
    auto r = read("<?xml version=\"1.0\" encoding=\"x-martian\"?>\n<rss><channel/></rss>");
    EXPECT_TRUE(r.articles.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].message.rfind("malformed XML: ", 0), 0u) << r.problems[0].message;
}

TEST(FeedReader, RejectsXmlThatIsNotAFeed) {
    auto r = read("<html><body><item>x</item></body></html>");
    EXPECT_TRUE(r.articles.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].message, "not an RSS or Atom feed (the root element is <html>)");
}

TEST(FeedReader, EmptyFeedIsAProblem) {
    auto r = read("<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>");
    EXPECT_TRUE(r.articles.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].message, "feed without any <item> or <entry>");
}

}  // namespace
