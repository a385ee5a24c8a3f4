#include "shard_writers.h"

#include <utility>

#include "spelling.h"

namespace newsdesk {

struct ShardWriters::Shard {
    using Group = std::vector<std::pair<Xapian::docid, Xapian::Document>>;

    Xapian::WritableDatabase db;
    std::size_t batch;
    Group filling;
    WorkQueue<Group> queue{8};
    std::exception_ptr failure;
    std::thread thread;

    Shard(Xapian::WritableDatabase database, std::size_t batch_size) : db(std::move(database)), batch(batch_size) {
        thread = std::thread([this] { write(); });
    }

    void write() {
        SpellingCounts spelling;
        std::size_t pending = 0;
        try {
            while (auto group = queue.pop()) {
                for (auto& [did, doc] : *group) {
                    spelling.add(doc);
                    db.replace_document(did, doc);
                }
                pending += group->size();
                if (pending >= batch) {
                    spelling.flush(db);
                    db.commit();
                    pending = 0;
                }
            }
            spelling.flush(db);
            db.commit();
        } catch (...) {
            failure = std::current_exception();
            queue.close();  // the producer stops waiting on a full queue
        }
    }
};

ShardWriters::ShardWriters(std::vector<Xapian::WritableDatabase> shards, std::size_t batch) {
    for (auto& db : shards) shards_.push_back(std::make_unique<Shard>(std::move(db), batch));
}

ShardWriters::~ShardWriters() { stop(); }

void ShardWriters::add(Xapian::docid did, Xapian::Document doc) {
    const std::size_t n = shards_.size();
    Shard& shard = *shards_[(did - 1) % n];
    shard.filling.emplace_back((did - 1) / n + 1, std::move(doc));
    if (shard.filling.size() >= kGroup) send(shard);
}

void ShardWriters::send(Shard& shard) {
    if (!shard.queue.push(std::exchange(shard.filling, {})) && shard.failure) std::rethrow_exception(shard.failure);
}

void ShardWriters::finish() {
    for (auto& shard : shards_)
        if (!shard->filling.empty()) send(*shard);
    stop();
    for (auto& shard : shards_)
        if (shard->failure) std::rethrow_exception(shard->failure);
}

void ShardWriters::stop() {
    for (auto& shard : shards_) shard->queue.finish();
    for (auto& shard : shards_)
        if (shard->thread.joinable()) shard->thread.join();
}

}  // namespace newsdesk
