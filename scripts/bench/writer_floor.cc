// writer_floor: how long Xapian alone takes to write newsdesk's documents.
//
// Loads every document of a newsdesk database (terms, wdf, positions,
// values, data) into memory, untimed, then writes them COPIES times over
// with the parallel build's own code: create_shards() (JOBS shards in
// OUT_DIR/gen-1), ShardWriters (a thread per shard, documents dealt in
// turn, a commit every BATCH documents, the spelling data at the end) and
// compact_into_next_generation() (the shards merged into OUT_DIR/gen-2).
// That is timed. Nothing is parsed, analysed or clustered: the time is
// Xapian's, about the least an indexer of these documents with Xapian 1.4
// can take on this machine. Copy k > 0 of a document gets its own unique
// id term, as the scale benchmark's copies do.
//
// Prints one JSON object: {"documents", "build_s", "write_s", "compact_s", "total_s"}
// (build_s: making the Xapian::Document objects alone, which write_s
// includes: this thread makes them as it hands them to the writers).
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

#include "database_dir.h"
#include "schema.h"
#include "shard_writers.h"

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

        // The build's own shards, writers and merge: what they do is timed as the build does it.
        start = std::chrono::steady_clock::now();
        {
            newsdesk::database_dir::WritableShards store = newsdesk::database_dir::create_shards(out, 1, jobs);
            newsdesk::ShardWriters writers(store.shards, batch);
            for (Xapian::docid did = 1; did <= total; ++did)
                writers.add(did, make_document(docs[(did - 1) % docs.size()], static_cast<unsigned>((did - 1) / docs.size())));
            writers.finish();
        }
        const double write_s = seconds_since(start);

        start = std::chrono::steady_clock::now();
        newsdesk::database_dir::compact_into_next_generation(out, 1, true);
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
