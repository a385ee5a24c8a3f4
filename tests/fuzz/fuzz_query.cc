// Fuzz target: the query language front end. The text goes through the
// syntax check (query_check.h), the QueryParser set up by analysis::configure
// and a real search of a four-article database, as newsdesk-search and the
// search page run it. A malformed query is a UsageError; anything else
// escaping (a Xapian error, "the search failed") is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

#include "document_builder.h"
#include "error.h"
#include "facet_dictionary.h"
#include "search.h"
#include "spelling.h"

namespace {

namespace fs = std::filesystem;

newsdesk::Article article(std::string id, std::string title, std::string body, std::string date, std::string region) {
    newsdesk::Article a;
    a.id = std::move(id);
    a.title = std::move(title);
    a.body = std::move(body);
    a.date = std::move(date);
    a.regions = {{region, ""}};
    a.actors = {{"vladimir-putin", "Vladimir Putin"}};
    return a;
}

fs::path database_dir() {
    static const fs::path dir = fs::temp_directory_path() / ("newsdesk-fuzz-query-" + std::to_string(::getpid()));
    return dir;
}

/// A small database written as the indexer writes one (documents, facet
/// summaries, spelling).
void build_database() {
    Xapian::WritableDatabase db(database_dir().string(), Xapian::DB_CREATE_OR_OVERWRITE);
    newsdesk::DocumentBuilder builder("english");
    newsdesk::FacetDictionary facets(db);
    newsdesk::SpellingCounts spelling;
    for (const auto& a : {article("a1", "Saboteurs hit rail depot near Rostov", "Partisans set fire to a relay cabinet.",
                                  "20240818000000", "russia"),
                          article("a2", "ECB holds rates", "The European Central Bank kept rates unchanged.",
                                  "20240307101500", "eu"),
                          article("a3", "Cyclone makes landfall", "Mozambique braced for floods and storm surge.",
                                  "20260319000000", "mozambique"),
                          article("a4", "Oil prices rise", "OPEC+ agreed to cut output; crude rose 3%.", "",
                                  "saudi-arabia")}) {
        Xapian::Document doc = builder.build(a, "fuzz.jsonl");
        facets.add_summary(doc, newsdesk::document_facets(a));
        spelling.add(doc);
        db.replace_document(newsdesk::schema::id_term(a.id), doc);
    }
    spelling.flush(db);
    db.commit();
}

newsdesk::search::Searcher& searcher() {
    static newsdesk::search::Searcher instance = [] {
        build_database();
        std::atexit([] { fs::remove_all(database_dir()); });
        return newsdesk::search::Searcher(database_dir().string());
    }();
    return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    newsdesk::search::SearchRequest request;
    request.query.assign(reinterpret_cast<const char*>(data), size);
    request.facets = {"actor", "region", "date"};
    try {
        searcher().search(request);
    } catch (const newsdesk::UsageError&) {
        // told to the user as "malformed query: ..."
    }
    return 0;
}
