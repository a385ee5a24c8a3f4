// Snippets with the stemmer that skips words which cannot match (searcher/hits.h).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analysis.h"
#include "hits.h"

namespace newsdesk::search {
namespace {

const std::vector<std::string> kTexts = {
    "The skies cleared as dying winds eased; yearly sky-watchers said it was lying weather.",
    "Happy traders generously happily traded; the trade in happiness rose. 'Tis the season.",
    "Oil prices rose sharply. Crude oils and oiled machines: OPEC's output cuts hit Yemen's yields.",
    "Ministers' meetings met; a ministerial meeting was called, and the minister meets again.",
};

/// Each text's snippet for @p text_query, with @p stemmer.
std::vector<std::string> snippets(const std::string& text_query, const Xapian::Stem& stemmer, bool skip) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::TermGenerator generator;
    analysis::configure(generator, "english");
    for (const auto& text : kTexts) {
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(text);
        db.add_document(doc);
    }
    Xapian::QueryParser parser;
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    Xapian::Query query = parser.parse_query(text_query);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    Xapian::MSet mset = enquire.get_mset(0, 10);
    const Xapian::Stem snippet_stem = skip ? snippet_stemmer(stemmer, true, query) : stemmer;
    std::vector<std::string> out;
    for (const auto& text : kTexts) out.push_back(mset.snippet(text, 200, snippet_stem, 0, "[", "]"));
    return out;
}

TEST(SnippetStemmer, HighlightsWhatStemmingEveryWordHighlights) {
    const Xapian::Stem english = analysis::make_stemmer("english");
    for (const char* q : {"sky", "die", "lie", "year", "happy", "generous", "trade", "oil", "yield", "meeting minister",
                          "tis", "ministerial OR skies"}) {
        auto plain = snippets(q, english, false);
        auto skipping = snippets(q, english, true);
        EXPECT_EQ(skipping, plain) << q;
        bool marked = false;
        for (const auto& s : plain) marked |= s.find('[') != std::string::npos;
        EXPECT_TRUE(marked) << q << ": the query should mark something";
    }
}

TEST(SnippetStemmer, OnlyVouchedLanguagesSkipWords) {
    EXPECT_TRUE(analysis::stemming_keeps_first_letter("english"));
    EXPECT_TRUE(analysis::stemming_keeps_first_letter("porter"));
    EXPECT_FALSE(analysis::stemming_keeps_first_letter("dutch"));
    EXPECT_FALSE(analysis::stemming_keeps_first_letter("arabic"));
}

}  // namespace
}  // namespace newsdesk::search
