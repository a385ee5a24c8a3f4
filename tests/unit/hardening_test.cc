// Regression tests for what fuzzing and the sanitizer build found (issue 6).
// Each is named after what it guards; under scripts/test-sanitize.sh a leak
// or a bad memory access in them fails the test as well.
#include <gtest/gtest.h>

#include <xapian.h>

#include "analysis.h"
#include "reader.h"
#include "text_util.h"

namespace newsdesk {
namespace {

Xapian::Query parse(const std::string& text) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::QueryParser parser;
    analysis::configure(parser, db);
    return analysis::parse_query(parser, text, Xapian::QueryParser::FLAG_DEFAULT);
}

// Xapian 1.4 leaked the term being parsed when the date: field processor
// threw from inside the parser (LeakSanitizer: 72 bytes per bad query).
TEST(BadDateInQueryLeaksNothing, IsAQueryParserErrorNamingTheValue) {
    for (const char* query : {"date:nonsense", "oil date:2024..never", "(date:13/13/2024 OR gold)", "-date:x.."}) {
        try {
            parse(query);
            ADD_FAILURE() << "accepted " << query;
        } catch (const Xapian::QueryParserError& e) {
            EXPECT_NE(e.get_msg().find("not a date"), std::string::npos) << query << ": " << e.get_msg();
        }
    }
}

TEST(BadDateInQueryLeaksNothing, NextQueryIsNotBlamedForIt) {
    EXPECT_THROW(parse("date:nonsense"), Xapian::QueryParserError);
    EXPECT_NO_THROW(parse("date:2024..2025 oil"));
    EXPECT_NO_THROW(parse("date:2026"));
}

// Reuters is ASCII but for a few Latin-1 bytes: a byte such as 0xFF in a
// PLACES/PEOPLE code or in NEWID reached the stored label and id as invalid
// UTF-8 (found by fuzz_reuters; article.h promises UTF-8 everywhere).
TEST(ReutersLatin1InLabelsAndIdsBecomesUtf8, LabelsAndIdAreValidUtf8) {
    const std::string sgml =
        "<REUTERS NEWID=\"7\xff\"><DATE>26-FEB-1987</DATE><PLACES><D>s\xe3o-tom\xe9</D></PLACES>"
        "<PEOPLE><D>\xff</D></PEOPLE><TEXT><TITLE>T</TITLE><BODY>b</BODY></TEXT></REUTERS>\n";
    auto result = readers::read_reuters(sgml, "fuzz/reut2-000.sgm");
    ASSERT_EQ(result.articles.size(), 1u);
    const Article& a = result.articles[0];
    EXPECT_TRUE(text::is_valid_utf8(a.id)) << a.id;
    ASSERT_EQ(a.regions.size(), 1u);
    EXPECT_EQ(a.regions[0].value, "são-tomé");
    EXPECT_TRUE(text::is_valid_utf8(a.regions[0].label)) << a.regions[0].label;
    for (const auto& actor : a.actors) EXPECT_TRUE(text::is_valid_utf8(actor.label)) << actor.label;
}

// An UNPROC story's title is its first line cut at 200 bytes: the cut fell
// inside a UTF-8 character and stored half of it (found by fuzz_reuters).
TEST(ReutersTitleCutKeepsWholeCharacters, LongFirstLineOfUnprocStory) {
    std::string line = "x";  // byte 200 is then the second byte of an é
    for (int i = 0; i < 150; ++i) line += "\xc3\xa9";
    const std::string sgml = "<REUTERS NEWID=\"9\"><DATE>1-MAR-1987</DATE><TEXT TYPE=\"UNPROC\">" + line +
                             "\nrest</TEXT></REUTERS>\n";
    auto result = readers::read_reuters(sgml, "fuzz/reut2-000.sgm");
    ASSERT_EQ(result.articles.size(), 1u);
    const std::string& title = result.articles[0].title;
    EXPECT_TRUE(text::is_valid_utf8(title));
    EXPECT_EQ(title, line.substr(0, 199));
}

}  // namespace
}  // namespace newsdesk
