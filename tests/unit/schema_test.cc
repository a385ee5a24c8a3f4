#include <gtest/gtest.h>

#include "analysis.h"
#include "document_builder.h"
#include "error.h"
#include "libstemmer_stem.h"
#include "schema.h"
#include "stored.h"

namespace newsdesk {
namespace {

TEST(Slugify, LowerCasesAndJoinsWordsWithDashes) {
    EXPECT_EQ(schema::slugify("James Baker"), "james-baker");
    EXPECT_EQ(schema::slugify("  West  Germany "), "west-germany");
    EXPECT_EQ(schema::slugify("U.S."), "u-s");
    EXPECT_EQ(schema::slugify("Крым"), "крым");
}

TEST(FacetValues, EncodeThenDecodeGivesTheSameValues) {
    std::vector<std::string> values = {"usa", "west-germany", "ua-43"};
    std::vector<std::string> decoded;
    schema::for_each_value(schema::encode_values(values),
                           [&](std::string_view v) { decoded.emplace_back(v); });
    EXPECT_EQ(decoded, values);
}

TEST(BooleanTerm, AddsOmegaColonBeforeACapital) {
    EXPECT_EQ(schema::boolean_term("XA", "james-baker"), "XAjames-baker");
    EXPECT_EQ(schema::boolean_term("XA", "Baker"), "XA:Baker");
}

TEST(Stemmer, UsesLibstemmerAlgorithms) {
    Xapian::Stem english = analysis::make_stemmer("english");
    EXPECT_EQ(english("connections"), "connect");
    EXPECT_EQ(english("sabotaged"), "sabotag");
    Xapian::Stem russian = analysis::make_stemmer("russian");
    EXPECT_EQ(russian("сопротивления"), "сопротивлен");
}

TEST(Stemmer, UnknownLanguageListsTheAvailableOnes) {
    try {
        analysis::make_stemmer("klingon");
        FAIL() << "expected a UsageError";
    } catch (const UsageError& e) {
        std::string msg = e.what();
        EXPECT_NE(msg.find("unknown stemming language 'klingon'"), std::string::npos) << msg;
        EXPECT_NE(msg.find("english"), std::string::npos) << msg;
        EXPECT_NE(msg.find("russian"), std::string::npos) << msg;
    }
}

TEST(StoredFields, RoundTripAnArticle) {
    Article a;
    a.id = "x-1";
    a.title = "Title";
    a.body = "Body text";
    a.date = "20260122000000";
    a.actors = {{"vladimir-putin", "Vladimir Putin"}};
    Article b = schema::from_document_data(schema::to_document_data(a));
    EXPECT_EQ(b.id, "x-1");
    EXPECT_EQ(b.title, "Title");
    EXPECT_EQ(b.body, "Body text");
    EXPECT_EQ(b.date, "20260122000000");
    EXPECT_EQ(b.actors, a.actors);
}

TEST(DocumentBuilder, QueryParserFindsWhatTheBuilderIndexed) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    DocumentBuilder builder("english");
    Article a;
    a.id = "a1";
    a.title = "Saboteurs strike railway";
    a.body = "Partisans sabotaged trains near Rostov.";
    a.date = "20250301120000";
    a.actors = {{"atesh", "Atesh"}, {"atesh", "Atesh"}};
    a.regions = {{"ru", "Russia"}};
    db.add_document(builder.build(a, "/tmp/a.txt"));

    Xapian::QueryParser parser;
    analysis::configure(parser, db);
    auto count = [&](const std::string& q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(parser.parse_query(q, Xapian::QueryParser::FLAG_DEFAULT |
                                                    Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE));
        return enquire.get_mset(0, 10).size();
    };
    EXPECT_EQ(count("sabotage"), 1u) << "stemmed body word";
    EXPECT_EQ(count("title:saboteur"), 1u) << "stemmed title word";
    EXPECT_EQ(count("title:rostov"), 0u) << "body word is not a title word";
    EXPECT_EQ(count("actor:Atesh"), 1u);
    EXPECT_EQ(count("region:ru"), 1u);
    EXPECT_EQ(count("region:ua"), 0u);
    EXPECT_EQ(count("\"sabotaged trains\""), 1u) << "phrase";
    EXPECT_EQ(db.get_document(1).get_value(schema::kActorsSlot), "atesh") << "duplicates kept once";
}

TEST(DocumentBuilder, AllCapitalsHeadlineMatchesStemmedQueries) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    DocumentBuilder builder("english");
    Article a;
    a.id = "r1";
    a.title = "BUNDESBANK RETAINS MONEY SUPPLY POLICY";
    a.body = "Frankfurt.";
    db.add_document(builder.build(a, "/tmp/r.sgm"));
    a.id = "r2";
    a.title = "Putin Meets Advisers";  // mixed case: capitalised words stay names
    db.add_document(builder.build(a, "/tmp/r.sgm"));

    Xapian::QueryParser parser;
    analysis::configure(parser, db);
    auto count = [&](const std::string& q) {
        Xapian::Enquire enquire(db);
        enquire.set_query(parser.parse_query(q));
        return enquire.get_mset(0, 10).size();
    };
    EXPECT_EQ(count("title:policies"), 1u);
    EXPECT_EQ(count("retained"), 1u);
    EXPECT_EQ(count("title:Putin"), 1u);
    EXPECT_EQ(builder.build(a, "/tmp/r.sgm").get_data().find("Putin Meets Advisers") != std::string::npos, true)
        << "the stored title is kept as written";
}

}  // namespace
}  // namespace newsdesk
