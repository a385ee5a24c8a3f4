// The plain-text and JSON Lines readers (exports and tables: export_readers_test.cc).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "article_fields.h"
#include "error.h"
#include "reader.h"

using namespace newsdesk;
using namespace newsdesk::readers;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TEST(TextReader, AcceptsTheSeedArticleAsItIs) {
    std::filesystem::path seed = std::filesystem::path(NEWSDESK_SHARED_DIR) / "seed" / "000_50661339712cdf9b.txt";
    if (!std::filesystem::exists(seed)) GTEST_SKIP() << "seed article not found at " << seed;
    auto r = read_text(slurp(seed), seed);
    ASSERT_TRUE(r.problems.empty()) << r.problems[0].message;
    ASSERT_EQ(r.articles.size(), 1u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.title, "Putin \u2018on brink\u2019 as underground Russian resistance to destroy army");
    EXPECT_EQ(a.date, "20260122000000");
    EXPECT_EQ(a.section, "World");
    EXPECT_TRUE(a.body.starts_with("An underground resistance group"));
    EXPECT_FALSE(a.has_actor_labels);
    EXPECT_FALSE(a.has_region_labels);
}

TEST(TextReader, HeaderFieldsAndLabels) {
    auto r = read_text("Title: Gas talks resume\r\nDate: 2025-03-14\r\nSource: Wire\r\nActors: Vladimir Putin; FSB\r\n"
                       "Regions: Russia, Crimea\r\nLanguage: English\r\n\r\nTalks resumed in Vienna.\r\n",
                       "/x/a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.title, "Gas talks resume");
    EXPECT_EQ(a.date, "20250314000000");
    EXPECT_EQ(a.source, "Wire");
    EXPECT_EQ(a.language, "en");
    EXPECT_EQ(a.body, "Talks resumed in Vienna.");
    ASSERT_EQ(a.actors.size(), 2u);
    EXPECT_EQ(a.actors[0], (FacetValue{"vladimir-putin", "Vladimir Putin"}));
    EXPECT_EQ(a.regions[1], (FacetValue{"crimea", "Crimea"}));
    EXPECT_TRUE(a.has_actor_labels);
    EXPECT_TRUE(a.has_region_labels);
}

TEST(TextReader, HeaderSpellingsFromEmailAndNewsSites) {
    auto r = read_text("SUBJECT: Grid attack\npubdate: 22.01.2026\nBy: A. Writer\nLink: https://example.com/a?b=c\n"
                       "Id: wire-42\nTopics: sabotage; energy\nRegions:\n\nBody.\n",
                       "/x/a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.title, "Grid attack");
    EXPECT_EQ(a.date, "20260122000000");
    EXPECT_EQ(a.author, "A. Writer");
    EXPECT_EQ(a.url, "https://example.com/a?b=c");
    EXPECT_EQ(a.id, "wire-42");
    EXPECT_EQ(a.topics, (std::vector<FacetValue>{{"sabotage", "sabotage"}, {"energy", "energy"}}));
    EXPECT_TRUE(a.has_region_labels);
    EXPECT_FALSE(a.has_actor_labels);
}

TEST(TextReader, OversizeArticleIsRejected) {
    auto r = read_text("Title: Big\n\n" + std::string(kMaxArticleBytes, 'x'), "/x/a.txt");
    EXPECT_TRUE(r.articles.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].severity, Problem::Severity::kError);
}

TEST(TextReader, EmptyActorsHeaderStillCountsAsLabels) {
    auto r = read_text("Title: T\nActors:\n\nbody\n", "/x/a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_TRUE(r.articles[0].has_actor_labels);
    EXPECT_TRUE(r.articles[0].actors.empty());
}

TEST(TextReader, NoHeaderMeansFirstLineIsTheTitle) {
    auto r = read_text("\n\nNote: this is not a header\nSecond line.\n", "/x/b.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Note: this is not a header");
    EXPECT_EQ(r.articles[0].body, "Second line.");
}

TEST(TextReader, HeaderAfterLeadingBlankLines) {
    auto r = read_text("\n\nTitle: Hello\nDate: 2025-01-01\n\nBody here.\n", "/x/a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Hello");
    EXPECT_EQ(r.articles[0].date, "20250101000000");
    EXPECT_EQ(r.articles[0].body, "Body here.");
}

TEST(TextReader, BodyRightAfterTheHeaderIsNotLost) {
    auto r = read_text("Title: Hello\nThe body starts right away.\nMore.\n", "/x/a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].body, "The body starts right away.\nMore.");
    std::string para(100, 'x');
    r = read_text("Title: T\n" + para + "\n\nSecond paragraph.\n", "/x/a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].body, para + "\n\nSecond paragraph.");
}

TEST(TextReader, PageFurnitureInTheHeaderIsDroppedButHeadersAmongItCount) {
    auto r = read_text("Published On: 2026-01-22\nWorld | 4,844 views\nSection: Europe\n\nPutin | World | News\n\nBody.\n",
                       "/x/a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Putin");
    EXPECT_EQ(r.articles[0].section, "Europe");  // the header wins over the title's decoration
    EXPECT_EQ(r.articles[0].body, "Body.");
}

TEST(TextReader, OnlyASectionAndSiteTailIsTitleDecoration) {
    auto title = [](const char* text) { return read_text(text, "/x/a.txt").articles.at(0).title; };
    EXPECT_EQ(title("Stocks | Bonds rally as rates fall\n\nBody\n"), "Stocks | Bonds rally as rates fall");
    EXPECT_EQ(title("Title: Oil | Gas\n\nBody\n"), "Oil | Gas");
    EXPECT_EQ(title("Oil | Gas prices climb | Markets | Daily Wire\n\nBody\n"), "Oil | Gas prices climb");
    EXPECT_EQ(read_text("A | Middle East | The Daily Paper\n\nB\n", "/x/a.txt").articles.at(0).section, "Middle East");
}

TEST(TextReader, DateWithNoBreakSpacesFromAWebPage) {
    auto r = read_text("Published On: Thu,\u00a0Jan 22nd, 2026\n\nTitle line\n\nBody\n", "/x/a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.articles[0].date, "20260122000000");
}

TEST(TextReader, IdIsStableAndDependsOnThePath) {
    auto a = read_text("Hello\n", "/x/a.txt").articles.at(0).id;
    EXPECT_EQ(a, read_text("Changed\n", "/x/a.txt").articles.at(0).id);
    EXPECT_NE(a, read_text("Hello\n", "/x/c.txt").articles.at(0).id);
}

TEST(TextReader, BadDateIsAWarningNotARejection) {
    auto r = read_text("Title: T\nDate: the other day\n\nbody\n", "/x/a.txt");
    ASSERT_EQ(r.articles.size(), 1u);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].line, 2u);
    EXPECT_EQ(r.problems[0].severity, Problem::Severity::kWarning);
}

TEST(TextReader, InvalidUtf8IsRejectedWithItsLine) {
    auto r = read_text("Title: T\n\nline two\nbad \xC3\x28 here\n", "/x/a.txt");
    EXPECT_TRUE(r.articles.empty());
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].line, 4u);
}

TEST(JsonLines, FieldsLabelsAndUnknownFields) {
    auto r = read_json_lines(
        R"({"id":"x1","title":"T","body":"B","date":"2024-05-01T10:00:00Z","source":"S","actors":["James Baker",{"value":"opec","label":"OPEC"}],"regions":[],"topics":["crude"],"extra":{"a":1}})"
        "\n",
        "/x/f.jsonl");
    ASSERT_EQ(r.articles.size(), 1u) << (r.problems.empty() ? "" : r.problems[0].message);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.id, "x1");
    EXPECT_EQ(a.date, "20240501100000");
    ASSERT_EQ(a.actors.size(), 2u);
    EXPECT_EQ(a.actors[0], (FacetValue{"james-baker", "James Baker"}));
    EXPECT_EQ(a.actors[1], (FacetValue{"opec", "OPEC"}));
    EXPECT_TRUE(a.has_region_labels);
    EXPECT_TRUE(a.regions.empty());
    EXPECT_EQ(a.topics.at(0).value, "crude");
}

TEST(JsonLines, BadLinesAreReportedAndTheRestIsRead) {
    std::string big(kMaxArticleBytes + 10, 'x');
    auto r = read_json_lines("{\"title\":\"one\"}\n{not json\n\n[1,2]\n{\"title\":5.5,\"actors\":7}\n\"\xC3\x28\"\n" +
                                 big + "\n{\"title\":\"two\"}\n",
                             "/x/f.jsonl");
    ASSERT_EQ(r.articles.size(), 2u);  // "one" and "two"; line 5 has actors that are not names
    std::vector<std::size_t> lines;
    for (const auto& p : r.problems) lines.push_back(p.line);
    EXPECT_EQ(lines, (std::vector<std::size_t>{2, 4, 5, 6, 7}));
}

TEST(JsonLines, MissingIdIsDerivedStably) {
    auto once = read_json_lines("{\"title\":\"A\",\"date\":\"2025-01-01\"}\n", "/x/f.jsonl").articles.at(0).id;
    auto again = read_json_lines("\n{\"title\":\"A\",\"date\":\"2025-01-01\",\"body\":\"edited\"}\n", "/x/f.jsonl")
                     .articles.at(0).id;
    EXPECT_EQ(once, again);
    EXPECT_TRUE(once.starts_with("jsonl-"));
}

TEST(JsonLines, UndatedArticlesWithTheSameTitleKeepTheirOwnIds) {
    auto r = read_json_lines("{\"title\":\"Markets\",\"body\":\"one\"}\n{\"title\":\"Markets\",\"body\":\"two\"}\n", "/x/f.jsonl");
    ASSERT_EQ(r.articles.size(), 2u);
    EXPECT_NE(r.articles[0].id, r.articles[1].id);
    EXPECT_EQ(r.articles[0].id, read_json_lines("{\"title\":\"Markets\",\"body\":\"one\"}\n", "/y/g.jsonl").articles.at(0).id);
}

TEST(JsonLines, AnObjectWithNeitherTitleNorBodyIsRejected) {
    auto r = read_json_lines("{}\n{\"title\":null,\"body\":\"  \",\"actors\":[]}\n{\"body\":\"text only\"}\n", "/x/f.jsonl");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].body, "text only");
    ASSERT_EQ(r.problems.size(), 2u);
    EXPECT_EQ(r.problems[0].line, 1u);
    EXPECT_EQ(r.problems[0].message, "no \"title\" or \"body\" (an article needs at least one)");
    EXPECT_EQ(r.problems[1].line, 2u);
}

TEST(JsonLines, ControlCharactersInStringsBecomeSpaces) {
    auto r = read_json_lines("{\"title\":\"T\",\"body\":\"a\\u0000b\\u0002c\"}\n", "/x/f.jsonl");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].body, "a b c");
}

TEST(JsonLines, CrlfLinesAndAByteOrderMark) {
    auto r = read_json_lines("\xEF\xBB\xBF{\"title\":\"a\"}\r\n\r\n{\"title\":\"b\"}\r\n", "/x/f.jsonl");
    ASSERT_EQ(r.articles.size(), 2u) << (r.problems.empty() ? "" : r.problems[0].message);
    EXPECT_EQ(r.articles[1].line, 3u);
}

TEST(ArticleFields, LanguageNamesAndCodesBecomeTwoLetterCodes) {
    for (auto [given, code] : std::vector<std::pair<const char*, const char*>>{
             {"English", "en"}, {"EN", "en"}, {"en-GB", "en"}, {"pt_BR", "pt"}, {"", ""}, {"Klingon", ""}})
        EXPECT_EQ(language_code(given), code) << given;
    if (!std::filesystem::exists("/usr/share/iso-codes/json/iso_639-2.json"))
        GTEST_SKIP() << "iso-codes is not installed (scripts/install-deps.sh installs it)";
    for (auto [given, code] : std::vector<std::pair<const char*, const char*>>{
             {"deu", "de"}, {"ger", "de"}, {"Castilian", "es"}, {"Greek", "el"}, {" Polish ", "pl"}, {"fra", "fr"}})
        EXPECT_EQ(language_code(given), code) << given;
}

}  // namespace
