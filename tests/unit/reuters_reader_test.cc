#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "reader.h"

namespace fs = std::filesystem;
using newsdesk::Article;
using newsdesk::FacetValue;
using newsdesk::readers::Problem;
using newsdesk::readers::read_reuters;
using newsdesk::readers::ReadResult;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string problems_of(const ReadResult& r) {
    std::string out;
    for (const auto& p : r.problems) out += std::to_string(p.line) + ": " + p.message + "\n";
    return out;
}

/// A directory holding a small cat-descriptions file of invented codes, laid
/// out like the real one (sections, "Description (CODE)@*", bare codes).
class ReutersSnippets : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // One directory per process: ctest runs each test in a process of its
        // own, in parallel, and a file rewritten under another's feet reads
        // as empty (a failure seen under the sanitizers' slower runs).
        dir_ = fs::path(::testing::TempDir()) / ("reuters_reader_test-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        std::ofstream(dir_ / "cat-descriptions_120396.txt") << R"(Invented category notes for a test

****Subject Codes (2)

Widget Exports (WIDGETS)
Harbour Fees (HARBOUR-FEES)

@heading[Organization Codes (1)]
@begin[format]
League of Lighthouse Keepers (LLK)@*
@end[format]
@heading[Country Codes (2)]
@begin[format]
RURITANIA@*
NORTH-RURITANIA  @*
@end[format]
@heading[People Codes (1)]
@begin[itemize]
Ruritania
@begin[itemize]
   Harbour Secretary Jane Quill  (JANE-QUILL)
@end[itemize]
)";
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    static ReadResult read(const std::string& sgml) { return read_reuters(sgml, dir_ / "reut2-test.sgm"); }

    static fs::path dir_;
};
fs::path ReutersSnippets::dir_;

const char* const kStory = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
    "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"9\" NEWID=\"71\">\n"
    "<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
    "<TOPICS><D>widgets</D><D>harbour-fees</D></TOPICS>\n"
    "<PLACES><D>north-ruritania</D><D>ruritania</D><D>outer-zembla</D></PLACES>\n"
    "<PEOPLE><D>jane-quill</D></PEOPLE>\n"
    "<ORGS><D>llk</D></ORGS>\n"
    "<EXCHANGES></EXCHANGES>\n"
    "<COMPANIES></COMPANIES>\n"
    "<UNKNOWN> &#5;&#5;&#5;F\n&#22;&#1;f0001&#31;reute</UNKNOWN>\n"
    "<TEXT>&#2;\n"
    "<TITLE>WIDGET   EXPORTS\n RISE &lt;WDG&gt; &amp; CO</TITLE>\n"
    "<DATELINE>    STRELSAU, Feb 26 - </DATELINE><BODY>Widget exports rose \x02sharply, the\n"
    "league said.\x1e\n Reuter\n&#3;</BODY></TEXT>\n"
    "</REUTERS>\n";

TEST_F(ReutersSnippets, ReadsAStory) {
    auto r = read(kStory);
    EXPECT_EQ(problems_of(r), "");
    ASSERT_EQ(r.articles.size(), 1u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.id, "reuters-71");
    EXPECT_EQ(a.line, 2u);
    EXPECT_EQ(a.date, "19870226150101");
    EXPECT_EQ(a.title, "WIDGET EXPORTS RISE <WDG> & CO");
    EXPECT_EQ(a.dateline, "STRELSAU, Feb 26 -");
    EXPECT_NE(a.body.find("Widget exports rose  sharply"), std::string::npos) << a.body;
    EXPECT_NE(a.body.find("Reuter"), std::string::npos);
    for (char c : a.body) EXPECT_TRUE(static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') << a.body;
    EXPECT_EQ(a.source, "Reuters");
    EXPECT_EQ(a.language, "en");
}

TEST_F(ReutersSnippets, FacetsCarryCodesAndTheirDisplayNames) {
    auto r = read(kStory);
    ASSERT_EQ(r.articles.size(), 1u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.topics, (std::vector<FacetValue>{{"widgets", "Widget Exports"}, {"harbour-fees", "Harbour Fees"}}));
    // Bare country codes and codes missing from the file get a readable label.
    EXPECT_EQ(a.regions, (std::vector<FacetValue>{{"north-ruritania", "North Ruritania"},
                                                  {"ruritania", "Ruritania"},
                                                  {"outer-zembla", "Outer Zembla"}}));
    // PEOPLE then ORGS; a person's office is not part of the name.
    EXPECT_EQ(a.actors, (std::vector<FacetValue>{{"jane-quill", "Jane Quill"}, {"llk", "League of Lighthouse Keepers"}}));
    EXPECT_TRUE(a.has_actor_labels);
    EXPECT_TRUE(a.has_region_labels);
}

TEST_F(ReutersSnippets, EmptyCategoryFieldsStillCountAsLabelled) {
    auto r = read("<REUTERS NEWID=\"5\"><DATE>1-MAR-1987 09:00:00.00</DATE><PLACES></PLACES><PEOPLE></PEOPLE>"
                  "<ORGS></ORGS><TEXT><TITLE>T</TITLE><BODY>b</BODY></TEXT></REUTERS>");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_TRUE(r.articles[0].actors.empty());
    EXPECT_TRUE(r.articles[0].has_actor_labels);
    EXPECT_TRUE(r.articles[0].has_region_labels);
}

TEST_F(ReutersSnippets, BriefStoriesHaveOnlyATitle) {
    auto r = read("<REUTERS NEWID=\"6\">\n<DATE> 2-MAR-1987 10:00:00.00</DATE>\n<TEXT TYPE=\"BRIEF\">&#2;\n"
                  "******<TITLE>SHORT NOTE ON\nWIDGETS\n</TITLE>Blah blah blah.\n&#3;\n</TEXT>\n</REUTERS>\n");
    EXPECT_EQ(problems_of(r), "");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "SHORT NOTE ON WIDGETS");
    EXPECT_EQ(r.articles[0].date, "19870302100000");
}

TEST_F(ReutersSnippets, UnprocessedTextIsTheBodyAndItsFirstLineTheTitle) {
    auto r = read("<REUTERS NEWID=\"7\">\n<DATE> 3-MAR-1987 11:00:00.00</DATE>\n<TEXT TYPE=\"UNPROC\">&#2;\n"
                  "LIGHTHOUSE WEEKLY TABLE - MAR 3\n    Lamps lit.......12 vs.....10\n Reuter\n&#3;</TEXT>\n</REUTERS>\n");
    EXPECT_EQ(problems_of(r), "");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "LIGHTHOUSE WEEKLY TABLE - MAR 3");
    EXPECT_NE(r.articles[0].body.find("Lamps lit.......12 vs.....10"), std::string::npos) << r.articles[0].body;
}

TEST_F(ReutersSnippets, BrokenStoriesAreReportedAtTheirLineAndTheOthersRead) {
    std::string sgml = "<REUTERS NEWID=\"1\"><TEXT><TITLE>ONE</TITLE></TEXT></REUTERS>\n"
                       "<REUTERS NEWID=\"2\">\n<TEXT><TITLE>NEVER CLOSED</TITLE>\n"          // line 2
                       "<REUTERS OLDID=\"3\"><TEXT><TITLE>NO NEWID</TITLE></TEXT></REUTERS>\n"  // line 4
                       "<REUTERS NEWID=\"4\"><TEXT><TITLE>FOUR</TITLE></TEXT></REUTERS>\n"      // line 5
                       "<REUTERS NEWID=\"5\"><TEXT><TITLE>CUT OFF";                             // line 6
    auto r = read(sgml);
    ASSERT_EQ(r.articles.size(), 2u);
    EXPECT_EQ(r.articles[0].id, "reuters-1");
    EXPECT_EQ(r.articles[1].id, "reuters-4");
    EXPECT_EQ(r.articles[1].line, 5u);
    ASSERT_EQ(r.problems.size(), 3u) << problems_of(r);
    EXPECT_EQ(r.problems[0].line, 2u);
    EXPECT_EQ(r.problems[1].line, 4u);
    EXPECT_EQ(r.problems[2].line, 6u);
    for (const auto& p : r.problems) EXPECT_EQ(p.severity, Problem::Severity::kError);
}

TEST_F(ReutersSnippets, UnreadableDateKeepsTheStory) {
    auto r = read("<REUTERS NEWID=\"8\"><DATE>sometime in spring</DATE><TEXT><TITLE>T</TITLE></TEXT></REUTERS>");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].date, "");
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].severity, Problem::Severity::kWarning);
}

TEST_F(ReutersSnippets, Latin1BytesBecomeUtf8) {
    auto r = read("<REUTERS NEWID=\"9\"><TEXT><TITLE>M\xFCNCHEN</TITLE><BODY>Z\xFCrich</BODY></TEXT></REUTERS>");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "M\xC3\xBCNCHEN");
}

TEST(ReutersReader, WithoutCategoryFileLabelsComeFromTheCodes) {
    auto dir = fs::path(::testing::TempDir()) / "reuters_no_descriptions";
    fs::create_directories(dir);
    auto r = read_reuters("<REUTERS NEWID=\"1\"><PLACES><D>west-germany</D></PLACES><TEXT><TITLE>T</TITLE></TEXT></REUTERS>",
                          dir / "reut2-000.sgm");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].regions, (std::vector<FacetValue>{{"west-germany", "West Germany"}}));
}

// --- The real distribution -------------------------------------------------

const fs::path kCorpus = fs::path(NEWSDESK_SHARED_DIR) / "corpora" / "reuters21578";

/// The <D> codes of field @p tag in each story of @p sgml, keyed by NEWID,
/// found by plain string search (independently of the reader).
std::map<std::string, std::vector<std::string>> raw_codes(const std::string& sgml, const std::string& tag) {
    std::map<std::string, std::vector<std::string>> out;
    for (std::size_t pos = 0; (pos = sgml.find("NEWID=\"", pos)) != std::string::npos;) {
        pos += 7;
        std::string id = sgml.substr(pos, sgml.find('"', pos) - pos);
        auto open = sgml.find("<" + tag + ">", pos), close = sgml.find("</" + tag + ">", pos);
        auto& codes = out["reuters-" + id];
        for (auto d = sgml.find("<D>", open); d < close; d = sgml.find("<D>", d + 3))
            codes.push_back(sgml.substr(d + 3, sgml.find("</D>", d) - d - 3));
    }
    return out;
}

std::vector<std::string> values_of(const std::vector<FacetValue>& facet) {
    std::vector<std::string> out;
    for (const auto& v : facet) out.push_back(v.value);
    return out;
}

TEST(ReutersDistribution, ReadsEveryStoryWithTheEditorsCategories) {
    if (!fs::exists(kCorpus / "reut2-000.sgm")) GTEST_SKIP() << "no Reuters-21578 at " << kCorpus;
    std::size_t stories = 0;
    std::set<std::string> ids;
    std::map<std::string, FacetValue> seen;  // value -> first label met
    for (int n = 0; n <= 21; ++n) {
        char name[32];
        std::snprintf(name, sizeof name, "reut2-%03d.sgm", n);
        std::string sgml = slurp(kCorpus / name);
        auto r = read_reuters(sgml, kCorpus / name);
        for (const auto& p : r.problems) ADD_FAILURE() << name << ":" << p.line << ": " << p.message;
        auto places = raw_codes(sgml, "PLACES"), people = raw_codes(sgml, "PEOPLE"), orgs = raw_codes(sgml, "ORGS"),
             topics = raw_codes(sgml, "TOPICS");
        for (const Article& a : r.articles) {
            ++stories;
            EXPECT_TRUE(ids.insert(a.id).second) << "duplicate id " << a.id;
            EXPECT_EQ(a.date.size(), 14u) << a.id;
            auto actors = people[a.id];
            actors.insert(actors.end(), orgs[a.id].begin(), orgs[a.id].end());
            ASSERT_EQ(values_of(a.regions), places[a.id]) << name << " " << a.id;
            ASSERT_EQ(values_of(a.actors), actors) << name << " " << a.id;
            ASSERT_EQ(values_of(a.topics), topics[a.id]) << name << " " << a.id;
            for (const auto& v : a.actors) seen.emplace(v.value, v);
            for (const auto& v : a.regions) seen.emplace(v.value, v);
        }
    }
    EXPECT_EQ(stories, 21578u);
    EXPECT_EQ(ids.size(), 21578u);
    EXPECT_EQ(seen["james-baker"].label, "James Baker");
    EXPECT_EQ(seen["west-germany"].label, "West Germany");
    EXPECT_EQ(seen["usa"].label, "USA");
    EXPECT_EQ(seen["opec"].label, "Organisation of Petroleum Exporting Countries");
    EXPECT_EQ(seen["reagan"].label, "Ronald Reagan");
    EXPECT_EQ(seen["el-salvador"].label, "El Salvador");
    EXPECT_EQ(seen["us-virgin-islands"].label, "US Virgin Islands");
    // People: the name without the office, however the entry is laid out.
    EXPECT_EQ(seen["bond"].label, "Alan Bond");                                     // "Alan Bond, chairman of Bond Corp Ltd"
    EXPECT_EQ(seen["bresser-pereira"].label, "Luiz Carlos Bresser Pereira");        // "(former) Finance Minister ..."
    EXPECT_EQ(seen["de-clercq"].label, "Willy de Clercq");
    EXPECT_EQ(seen["deng-xiaoping"].label, "Deng Xiaoping");                        // after a two-line aside
    EXPECT_EQ(seen["leigh-pemberton"].label, "Robin Leigh-Pemberton");              // code on the next line
    EXPECT_EQ(seen["suharto"].label, "Suharto");                                    // "President General Suharto"
    EXPECT_EQ(seen["hawke"].label, "Robert Hawke");                                 // "Robert (Bob) Hawke"
}

TEST(ReutersDistribution, FirstStoryMatchesTheRawFile) {
    if (!fs::exists(kCorpus / "reut2-000.sgm")) GTEST_SKIP() << "no Reuters-21578 at " << kCorpus;
    auto r = read_reuters(slurp(kCorpus / "reut2-000.sgm"), kCorpus / "reut2-000.sgm");
    ASSERT_FALSE(r.articles.empty());
    const Article& a = r.articles[0];
    EXPECT_EQ(a.id, "reuters-1");
    EXPECT_EQ(a.line, 2u);
    EXPECT_EQ(a.title, "BAHIA COCOA REVIEW");
    EXPECT_EQ(a.date, "19870226150101");
    EXPECT_EQ(a.dateline, "SALVADOR, Feb 26 -");
    EXPECT_TRUE(a.body.starts_with("Showers continued throughout the week in")) << a.body.substr(0, 80);
    EXPECT_EQ(a.regions, (std::vector<FacetValue>{{"el-salvador", "El Salvador"}, {"usa", "USA"}, {"uruguay", "Uruguay"}}));
    EXPECT_EQ(a.topics, (std::vector<FacetValue>{{"cocoa", "Cocoa"}}));
}

}  // namespace
