// writer_floor: how long Xapian alone takes to write newsdesk's documents.
//
// Loads every document of a newsdesk database (terms, wdf, positions,
// values, data) into memory, untimed, then writes them COPIES times over
// as newsdesk-index's parallel build writes: JOBS shards from as many
// threads, documents dealt in turn, a commit every BATCH documents, the
// spelling data from each shard's words at the end (the build's own
// add_spelling_of_every_word()), then the shards merged by a full
// compaction. That is timed. Nothing is parsed, analysed or clustered: the
// time is Xapian's, about the least an indexer of these documents with
// Xapian 1.4 can take on this machine. Copy k > 0 of a document gets its
// own unique id term, as the scale benchmark's copies do.
//
// Prints one JSON object: {"documents", "build_s", "write_s", "compact_s", "total_s"}
// (build_s: making the Xapian::Document objects alone, on one thread,
// which write_s includes spread over the writers).
//
// Usage: writer_floor SOURCE_DB OUT_DIR [COPIES [JOBS [BATCH]]]
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "schema.h"
#include "spelling.h"

namespace {

struct Term {
    std::string name;
    Xapian::termcount wdf;
    std::vector<Xapian::termpos> positions;
};

struct Loaded {
    std::string data;
    std::vector<std::pair<Xapian::valueno, std::string>> values;
    std::vector<Term> terms;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<Loaded> load(const Xapian::Database& db) {
    std::vector<Loaded> docs;
    docs.reserve(db.get_doccount());
    for (auto did = db.postlist_begin(""); did != db.postlist_end(""); ++did) {
        const Xapian::Document doc = db.get_document(*did);
        Loaded& out = docs.emplace_back();
        out.data = doc.get_data();
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v) out.values.emplace_back(v.get_valueno(), *v);
        for (auto t = db.termlist_begin(*did); t != db.termlist_end(*did); ++t) {
            Term& term = out.terms.emplace_back(Term{*t, t.get_wdf(), {}});
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) term.positions.push_back(*p);
        }
    }
    return docs;
}

/// Copy @p copy of @p from: the same terms, except the unique id term.
Xapian::Document make_document(const Loaded& from, unsigned copy) {
    Xapian::Document doc;
    doc.set_data(from.data);
    for (const auto& [slot, value] : from.values) doc.add_value(slot, value);
    for (const Term& term : from.terms) {
        const bool id = term.name.size() > 1 && term.name.starts_with(newsdesk::schema::prefix::kId);
        const std::string name = id && copy > 0 ? term.name + "-" + std::to_string(copy) : term.name;
        for (Xapian::termpos pos : term.positions) doc.add_posting(name, pos, 0);
        doc.add_term(name, term.wdf);
    }
    return doc;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: writer_floor SOURCE_DB OUT_DIR [COPIES [JOBS [BATCH]]]\n");
        return 2;
    }
    try {
        const std::filesystem::path out = argv[2];
        auto number = [&](int i, unsigned otherwise) {
            return argc > i ? static_cast<unsigned>(std::stoul(argv[i])) : otherwise;
        };
        const unsigned copies = number(3, 1);
        const unsigned jobs = std::max(1u, number(4, std::thread::hardware_concurrency()));
        const unsigned batch = std::max(1u, number(5, 1000));
        const std::vector<Loaded> docs = load(Xapian::Database(argv[1]));
        const Xapian::docid total = static_cast<Xapian::docid>(docs.size() * copies);

        auto start = std::chrono::steady_clock::now();
        for (const Loaded& doc : docs) make_document(doc, 1);
        const double build_s = seconds_since(start) * copies;

        start = std::chrono::steady_clock::now();
        std::vector<std::string> shards;
        std::vector<std::thread> writers;
        std::vector<std::string> errors(jobs);
        for (unsigned j = 0; j < jobs; ++j) {
            shards.push_back((out / ("shard-" + std::to_string(j))).string());
            writers.emplace_back([&, j] {
                try {
                    Xapian::WritableDatabase db(shards[j], Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
                    // Dealt as ShardWriters deals: document d to shard (d - 1) % jobs.
                    for (Xapian::docid did = j + 1; did <= total; did += jobs) {
                        const std::size_t i = (did - 1) % docs.size();
                        const auto copy = static_cast<unsigned>((did - 1) / docs.size());
                        db.replace_document((did - 1) / jobs + 1, make_document(docs[i], copy));
                        if (((did - 1) / jobs + 1) % batch == 0) db.commit();
                    }
                    newsdesk::add_spelling_of_every_word(db);  // as the build adds it
                } catch (const Xapian::Error& e) {
                    errors[j] = e.get_description();
                }
            });
        }
        for (auto& writer : writers) writer.join();
        for (const auto& error : errors)
            if (!error.empty()) throw Xapian::DatabaseError(error);
        const double write_s = seconds_since(start);

        start = std::chrono::steady_clock::now();
        Xapian::Database all;
        for (const auto& shard : shards) all.add_database(Xapian::Database(shard));
        all.compact((out / "merged").string(), Xapian::Compactor::FULL);
        const double compact_s = seconds_since(start);

        std::printf("{\"documents\": %u, \"build_s\": %.3f, \"write_s\": %.3f, \"compact_s\": %.3f, \"total_s\": %.3f}\n",
                    total, build_s, write_s, compact_s, write_s + compact_s);
        return 0;
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "writer_floor: %s\n", e.get_description().c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "writer_floor: %s\n", e.what());
        return 2;
    }
}
