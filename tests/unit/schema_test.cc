#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "analysis.h"
#include "document_builder.h"
#include "error.h"
#include "hash.h"
#include "libstemmer_stem.h"
#include "schema.h"
#include "stored.h"

namespace newsdesk {
namespace {

/// Documents of @p db (at most 10) that @p query finds through a QueryParser
/// set up as the searcher sets its own up.
Xapian::doccount matches(const Xapian::Database& db, const std::string& query,
                         unsigned flags = Xapian::QueryParser::FLAG_DEFAULT) {
    Xapian::QueryParser parser;
    analysis::configure(parser, db);
    Xapian::Enquire enquire(db);
    enquire.set_query(parser.parse_query(query, flags));
    return enquire.get_mset(0, 10).size();
}

TEST(QueryAnalysis, ShoutedWordsAreLoweredButNamesAndOperatorsStay) {
    EXPECT_EQ(analysis::fold_shouted_words("SANCTIONS on Iran"), "sanctions on Iran");
    EXPECT_EQ(analysis::fold_shouted_words("US trade with EC"), "US trade with EC") << "short capitals are names";
    EXPECT_EQ(analysis::fold_shouted_words("OIL AND GAS"), "oil AND gas") << "a query in capitals throughout";
    EXPECT_EQ(analysis::fold_shouted_words("opec NEAR/3 QUOTAS"), "opec NEAR/3 quotas");
    EXPECT_EQ(analysis::fold_shouted_words("\"CRUDE PRICES\" fell"), "\"crude prices\" fell");
    EXPECT_EQ(analysis::fold_shouted_words("Москва ПРОТЕСТЫ"), "Москва протесты") << "any script";
    for (const char* op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ", "NEAR/5", "ADJ/12"})
        EXPECT_TRUE(analysis::is_operator_word(op)) << op;
    for (const char* word : {"and", "NEARBY", "OR/2", "NEAR/", "NEAR/x", "ANDES"})
        EXPECT_FALSE(analysis::is_operator_word(word)) << word;
}

TEST(Slugify, LowerCasesAndJoinsWordsWithDashes) {
    EXPECT_EQ(schema::slugify("James Baker"), "james-baker");
    EXPECT_EQ(schema::slugify("  West  Germany "), "west-germany");
    EXPECT_EQ(schema::slugify("U.S."), "u-s");
    EXPECT_EQ(schema::slugify("Крым"), "крым");
}

TEST(FacetSummary, DecodesWhatWasEncoded) {
    const std::string summary = schema::encode_facet_summary(19870302, {{1, 300}, {2}, {}});
    // Four facets: actor, region, topic, language.
    EXPECT_EQ(summary.size(), 4u + 1 + 1 + 2 + 1 + 1 + 1 + 1) << "varints: day, then each facet's count and ids";
    std::uint32_t day = 0;
    std::vector<std::pair<std::size_t, std::uint32_t>> ids;
    EXPECT_TRUE(schema::decode_facet_summary(summary, [&](std::uint32_t d) { day = d; },
                                             [&](std::size_t facet, std::uint32_t id) { ids.emplace_back(facet, id); }));
    EXPECT_EQ(day, 19870302u);
    EXPECT_EQ(ids, (std::vector<std::pair<std::size_t, std::uint32_t>>{{0, 1}, {0, 300}, {1, 2}}));
    EXPECT_EQ(schema::encode_facet_summary(0, {}), std::string(5, '\0')) << "no day, no values";
}

TEST(FacetSummary, MalformedSummariesAreReportedNotOverread) {
    auto decodes = [](const std::string& summary) {
        return schema::decode_facet_summary(summary, [](std::uint32_t) {}, [](std::size_t, std::uint32_t) {});
    };
    const std::string good = schema::encode_facet_summary(19870302, {{1, 300}, {2}, {}});
    EXPECT_TRUE(decodes(good));
    for (std::size_t n = 0; n < good.size(); ++n) EXPECT_FALSE(decodes(good.substr(0, n))) << "cut at " << n;
    EXPECT_FALSE(decodes(good + "x")) << "trailing bytes";
    EXPECT_FALSE(decodes("\xff\xff\xff\xff\xff\x01")) << "a varint over five bytes";
    EXPECT_FALSE(decodes(std::string("\0\x7f", 2))) << "127 ids announced, none there";
}

TEST(FacetDictionaryKeys, NameChunksOf64IdsInIdOrder) {
    EXPECT_EQ(schema::facet_chunk_key("actor", 1), "newsdesk:facet:actor:00000000");
    EXPECT_EQ(schema::facet_chunk_key("actor", 64), "newsdesk:facet:actor:00000000");
    EXPECT_EQ(schema::facet_chunk_key("actor", 65), "newsdesk:facet:actor:00000001");
    EXPECT_EQ(schema::facet_chunk_key("topic", 0xFFFFFFFF), "newsdesk:facet:topic:03ffffff");
    EXPECT_LT(schema::facet_chunk_key("region", 64 * 255 + 1), schema::facet_chunk_key("region", 64 * 256 + 1));
    EXPECT_EQ(schema::chunk_index(1), 0u);
    EXPECT_EQ(schema::chunk_index(64), 63u);
    EXPECT_EQ(schema::chunk_index(65), 0u);
    EXPECT_EQ(schema::parse_facet_id("42"), 42u);
    for (const char* bad : {"", "x", "4 2", "-1", "99999999999"}) EXPECT_EQ(schema::parse_facet_id(bad), 0u) << bad;
}

TEST(FacetDictionaryChunk, RoundTripsAndKeepsWhatPrecedesDamage) {
    const std::vector<schema::DictionaryEntry> entries = {
        {"west-germany", "West Germany"}, {"uk", ""}, {"", ""}, {std::string(300, 'x'), "long \xC3\xA9"}};
    const std::string chunk = schema::make_dictionary_chunk(entries);
    EXPECT_EQ(schema::parse_dictionary_chunk(chunk), entries);
    EXPECT_TRUE(schema::parse_dictionary_chunk("").empty());
    // Cut anywhere inside the second entry: the first survives, nothing more.
    const std::size_t first = schema::make_dictionary_chunk({entries[0]}).size();
    for (std::size_t n = first; n < first + 4; ++n)
        EXPECT_EQ(schema::parse_dictionary_chunk(chunk.substr(0, n)), std::vector(entries.begin(), entries.begin() + 1)) << n;
    EXPECT_TRUE(schema::parse_dictionary_chunk("\x7f").empty()) << "a length past the end";
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

TEST(StoredFields, JsonForToolsThenTheBodyAsItIs) {
    Article a;
    a.id = "x-2";
    a.title = "Quotes \"and\" \\ slashes";
    a.body = std::string("Line one\n\"quoted\" {\"json\": 1}\0after a NUL", 40);
    const std::string data = schema::to_document_data(a);
    const auto nul = data.find('\0');
    ASSERT_NE(nul, std::string::npos);
    const auto meta = nlohmann::json::parse(data.substr(0, nul));  // what xapian-delve -d shows first
    EXPECT_EQ(meta.at("title"), a.title);
    EXPECT_FALSE(meta.contains("body"));
    const Article b = schema::from_document_data(data);
    EXPECT_EQ(b.body, a.body) << "the body's own NUL and JSON-looking text come back unchanged";
    EXPECT_EQ(b.title, a.title);
    EXPECT_THROW(schema::from_document_data("{\"id\": \"no body part\"}"), DatabaseError);
    EXPECT_THROW(schema::from_document_data("plain text"), DatabaseError);
}

TEST(StoredFields, OddDataReadsWhatItCanAndSkipsTheRest) {
    // Unknown fields (nested too), fields of the wrong type, facet items
    // with extra parts or not objects at all: a database written by a later
    // version, or by hand, is still read.
    const std::string json =
        R"({"future": {"id": "nested-id", "actors": [{"value": "x"}]}, "id": "a-1", "title": 7,)"
        R"( "actors": [{"value": "james-baker", "label": "James Baker", "note": {"label": "no"}}, "loose", [1]],)"
        R"( "regions": {"value": "not-a-list"}, "topics": [{"label": "Gold", "value": "gold"}], "date": null})";
    const Article a = schema::from_document_data(json + '\0' + "the body");
    EXPECT_EQ(a.id, "a-1");
    EXPECT_EQ(a.title, "");
    EXPECT_EQ(a.date, "");
    EXPECT_EQ(a.body, "the body");
    EXPECT_EQ(a.actors, (std::vector<FacetValue>{{"james-baker", "James Baker"}}));
    EXPECT_TRUE(a.regions.empty());
    EXPECT_EQ(a.topics, (std::vector<FacetValue>{{"gold", "Gold"}}));
    EXPECT_THROW(schema::from_document_data(std::string("[1, 2]") + '\0'), DatabaseError);
    EXPECT_THROW(schema::from_document_data(std::string("{\"id\": ") + '\0'), DatabaseError) << "truncated";
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

    auto count = [&](const std::string& q) {
        return matches(db, q, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE);
    };
    EXPECT_EQ(count("sabotage"), 1u) << "stemmed body word";
    EXPECT_EQ(count("title:saboteur"), 1u) << "stemmed title word";
    EXPECT_EQ(count("title:rostov"), 0u) << "body word is not a title word";
    EXPECT_EQ(count("actor:Atesh"), 1u);
    EXPECT_EQ(count("region:ru"), 1u);
    EXPECT_EQ(count("region:ua"), 0u);
    EXPECT_EQ(count("\"sabotaged trains\""), 1u) << "phrase";
    // The facet values a document carries, each once; the summary is the writer's.
    const DocumentFacets facets = document_facets(a);
    EXPECT_EQ(facets.day, "20250301");
    EXPECT_EQ(facets.actors, (std::vector<FacetValue>{{"atesh", "Atesh"}}));
    EXPECT_EQ(facets.regions, (std::vector<FacetValue>{{"ru", "Russia"}}));
    EXPECT_EQ(db.get_document(1).get_value(schema::kFacetSummarySlot), "");
}

TEST(DocumentBuilder, StemsSlotHoldsEachTextStemOnce) {
    // Feedback reads these instead of the term list: they must be the same
    // stems, title words included, without field stems or numbers.
    DocumentBuilder builder("english");
    Article a;
    a.id = "s1";
    a.title = "Railway strike spreads";
    a.body = "The strikers stopped 12 trains; trains stood still. Author's note.";
    a.author = "Ann Writer";
    const Xapian::Document doc = builder.build(a, "/tmp/s.txt");
    std::vector<std::string> expected;
    for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term)
        if (schema::is_text_stem(*term)) expected.push_back(*term);
    const std::vector<std::string> stems = schema::decode_text_stems(doc.get_value(schema::kStemsSlot));
    EXPECT_EQ(stems, expected);
    for (const char* stem : {"Zrailway", "Zstrike", "Ztrain", "Zstill"})
        EXPECT_NE(std::find(stems.begin(), stems.end(), stem), stems.end()) << stem;
    for (const auto& stem : stems) {
        EXPECT_FALSE(stem.rfind("ZS", 0) == 0 || stem.rfind("ZA", 0) == 0) << "a field's stem: " << stem;
        EXPECT_FALSE(stem.size() > 1 && std::isdigit(static_cast<unsigned char>(stem[1]))) << "a number: " << stem;
    }
    EXPECT_TRUE(schema::decode_text_stems("").empty());
}

TEST(FacetSummary, FacetsAreIndexedInDisplayOrder) {
    EXPECT_EQ(schema::facet_index("actor"), 0);
    EXPECT_EQ(schema::facet_index("region"), 1);
    EXPECT_EQ(schema::facet_index("date"), -1);
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

    auto count = [&](const std::string& q) { return matches(db, q); };
    EXPECT_EQ(count("title:policies"), 1u);
    EXPECT_EQ(count("retained"), 1u);
    EXPECT_EQ(count("title:Putin"), 1u);
    EXPECT_EQ(builder.build(a, "/tmp/r.sgm").get_data().find("Putin Meets Advisers") != std::string::npos, true)
        << "the stored title is kept as written";
}

}  // namespace
}  // namespace newsdesk

namespace newsdesk {
namespace {

// A file hashed block by block must keep the hash its whole content had:
// databases record it to skip unchanged files.
TEST(Hash, PiecesHashAsTheWhole) {
    std::string whole;
    for (int i = 0; i < 20000; ++i) whole += "line " + std::to_string(i) + "\n";
    schema::HexHash128 pieces;
    for (std::size_t at = 0; at < whole.size(); at += 4093) pieces.update(std::string_view(whole).substr(at, 4093));
    EXPECT_EQ(pieces.hex(), schema::hex_hash128(whole));
    EXPECT_EQ(schema::HexHash128().hex(), schema::hex_hash128(""));
}

}  // namespace
}  // namespace newsdesk
