// Articles in several languages: detection, per-language stemming, and
// queries analysed for every language an archive holds.
#include <gtest/gtest.h>

#include "analysis.h"
#include "document_builder.h"
#include "language_detector.h"
#include "languages.h"

namespace newsdesk {
namespace {

TEST(Languages, CodesStemmersAndNames) {
    EXPECT_EQ(languages::code_of("russian"), "ru");
    EXPECT_EQ(languages::code_of("de"), "de");
    EXPECT_EQ(languages::code_of("porter"), "en");
    EXPECT_EQ(languages::code_of("klingon"), "");
    EXPECT_EQ(languages::name_of("uk"), "Ukrainian");
    EXPECT_EQ(languages::name_of("zz"), "zz");
    EXPECT_EQ(languages::find("uk")->stemmer, "") << "libstemmer 2.2 has no Ukrainian";
}

TEST(LanguageDetector, TellsNewsLanguagesApart) {
    EXPECT_EQ(detect_language("Oil prices rise", "Crude oil prices rose sharply on Monday after OPEC ministers "
                                                 "agreed to extend their output cuts into the next quarter.")
                  .code,
              "en");
    EXPECT_EQ(detect_language("Удар по энергосистеме", "Российские войска нанесли массированный удар по объектам "
                                                        "энергетической инфраструктуры Украины, сообщили в Киеве.")
                  .code,
              "ru");
    EXPECT_EQ(detect_language("Streik bei der Bahn", "Die Gewerkschaften haben für Montag einen bundesweiten Streik "
                                                      "im Bahnverkehr angekündigt, teilte die Deutsche Bahn mit.")
                  .code,
              "de");
}

TEST(LanguageDetector, AFilesLanguageDecidesItsShortPosts) {
    std::vector<Article> file(6);
    for (std::size_t i = 0; i < 5; ++i)
        file[i].body = "Российские войска нанесли массированный удар по объектам энергетической инфраструктуры, "
                       "сообщили в министерстве обороны в понедельник утром.";
    file[5].body = "Сбили 2 беспилотника";  // too short for CLD2 to be sure
    assign_languages(file, "en");
    for (const auto& article : file) EXPECT_EQ(article.language, "ru");

    std::vector<Article> given(1);
    given[0].language = "uk";
    given[0].body = file[0].body;
    assign_languages(given, "en");
    EXPECT_EQ(given[0].language, "uk") << "the input's word is kept";

    std::vector<Article> unknown(1);
    unknown[0].body = "12:40";
    assign_languages(unknown, "de");
    EXPECT_EQ(unknown[0].language, "de") << "--language for what nothing tells";
}

/// The terms of @p article's document.
std::vector<std::string> terms_of(const Article& article) {
    Xapian::Document doc = DocumentBuilder("english").build(article, "file");
    return {doc.termlist_begin(), doc.termlist_end()};
}

bool has(const std::vector<std::string>& terms, const std::string& term) {
    return std::find(terms.begin(), terms.end(), term) != terms.end();
}

TEST(LanguageStemming, EachArticleInItsOwnLanguage) {
    Article ru;
    ru.id = "ru";
    ru.language = "ru";
    ru.body = "Встреча Путина и Шольца";
    auto terms = terms_of(ru);
    EXPECT_TRUE(has(terms, "Zпутин")) << "Russian stemming";
    EXPECT_TRUE(has(terms, "путина")) << "the word as written, for phrases";
    EXPECT_TRUE(has(terms, "Lru"));

    Article de;
    de.id = "de";
    de.language = "de";
    de.body = "Die Gewerkschaften streiken";
    EXPECT_TRUE(has(terms_of(de), "Zgewerkschaft")) << "German stemming";

    Article en;
    en.id = "en";
    en.language = "en";
    en.body = "Prices rose";
    terms = terms_of(en);
    EXPECT_TRUE(has(terms, "Zprice"));
    EXPECT_FALSE(has(terms, "Zpric")) << "English, not German, stemming";
}

/// @p text parsed against an English database of articles in @p languages.
std::string expanded(const std::string& text, const std::vector<std::string>& languages) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::QueryParser parser;
    analysis::configure(parser, db, text);
    Xapian::Query query = analysis::parse_query(parser, text, Xapian::QueryParser::FLAG_DEFAULT);
    return analysis::expand_languages(query, parser, "english", languages, text).get_description();
}

TEST(QueryLanguages, AWordJoinsItsStemInEachLanguageOfItsScript) {
    EXPECT_EQ(expanded("Путина", {"en", "ru"}), "Query((путина@1 SYNONYM Zпутин))");
    EXPECT_EQ(expanded("путина", {"en", "ru"}), "Query((Zпутина@1 SYNONYM Zпутин))");
    EXPECT_EQ(expanded("Gewerkschaften", {"en", "de"}), "Query((gewerkschaften@1 SYNONYM Zgewerkschaft))");
    EXPECT_EQ(expanded("Bush", {"en", "fr"}), "Query(bush@1)") << "capitals mark names in both";
    EXPECT_EQ(expanded("Путина", {"en"}), "Query(путина@1)") << "no Russian articles, nothing to add";
    EXPECT_EQ(expanded("oil", {"en"}), "Query(Zoil@1)");
    EXPECT_EQ(expanded("\"встреча Путина\"", {"en", "ru"}), "Query((встреча@1 PHRASE 2 путина@2))")
        << "a phrase matches the words as written, in every language";
    EXPECT_EQ(expanded("\"путина\"", {"en", "ru"}), "Query(путина@1)") << "a word in quotes: that form only";
}

}  // namespace
}  // namespace newsdesk
