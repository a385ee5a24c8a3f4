// Spelling data ("did you mean"): counted article by article, as incremental
// runs add it, and found from a database's terms, as a parallel build's
// writers add it, the two must agree word for word.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "document_builder.h"
#include "search_fixture.h"
#include "spelling.h"
#include "test_dir.h"

namespace newsdesk {
namespace {

std::map<std::string, Xapian::doccount> spellings(const std::string& path) {
    Xapian::Database db(path);
    std::map<std::string, Xapian::doccount> words;
    for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it) words[*it] = it.get_termfreq();
    return words;
}

TEST(SpellingTest, WordsFoundFromTheTermsAreThoseCountedArticleByArticle) {
    test::TestDir counted("newsdesk-spelling-counted"), found("newsdesk-spelling-found");
    Xapian::WritableDatabase by_article(counted.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::WritableDatabase by_terms(found.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    DocumentBuilder builder("english");
    SpellingCounts counts;
    for (const auto& a : search::fixture_articles()) {
        const Xapian::Document doc = builder.build(a, "fixture.jsonl");
        counts.add(doc);
        by_article.add_document(doc);
        by_terms.add_document(doc);
    }
    counts.flush(by_article);
    by_article.commit();
    add_spelling_of_every_word(by_terms, 7);  // in slices, as a large vocabulary is

    const auto words = spellings(found.string());
    EXPECT_EQ(words, spellings(counted.string()));
    // Repeated words count each time; prefixed terms and numbers are not words.
    EXPECT_GT(words.at("baker"), words.at("stoltenberg"));  // in three places, against one
    EXPECT_FALSE(words.contains("400"));
    EXPECT_FALSE(words.contains("Zoil"));
    EXPECT_EQ(Xapian::Database(found.string()).get_spelling_suggestion("defecit"), "deficit");
}

}  // namespace
}  // namespace newsdesk
