#include "shard_writers.h"

#include <utility>

#include "spelling.h"
#include "story_clusters.h"

namespace newsdesk {

/// A document to add, or (given a key) one to move to another story cluster.
struct ShardWriters::Op {
    Xapian::docid did;  ///< within the shard
    Xapian::Document doc;
    std::string key;
};

struct ShardWriters::Shard {
    using Group = std::vector<Op>;

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
        std::size_t pending = 0;
        try {
            while (auto group = queue.pop()) {
                for (Op& op : *group) {
                    if (!op.key.empty()) {
                        Xapian::Document doc = db.get_document(op.did);
                        clusters::set_cluster(doc, op.key);
                        db.replace_document(op.did, doc);
                        continue;
                    }
                    db.replace_document(op.did, op.doc);
                }
                pending += group->size();
                if (pending >= batch) {
                    db.commit();
                    pending = 0;
                }
            }
            add_spelling_of_every_word(db);  // commits the last batch with the words
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

void ShardWriters::add(Xapian::docid did, Xapian::Document doc) { queue(did, Op{0, std::move(doc), {}}); }

void ShardWriters::rekey(Xapian::docid did, std::string key) { queue(did, Op{0, {}, std::move(key)}); }

void ShardWriters::queue(Xapian::docid did, Op op) {
    const std::size_t n = shards_.size();
    Shard& shard = *shards_[(did - 1) % n];
    op.did = static_cast<Xapian::docid>((did - 1) / n + 1);
    shard.filling.push_back(std::move(op));
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
