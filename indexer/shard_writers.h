/** @file
 *  @brief Writers of a parallel build: one thread per shard.
 *
 *  Xapian's writer is single-threaded, and adding documents to it is most of
 *  a first build's time. A build from nothing (a first run, --rebuild) into
 *  several shards gives each shard its own thread: document K of the whole
 *  goes to shard (K - 1) % N as its document (K - 1) / N + 1, which is the
 *  docid Xapian gives it when it opens the shards as one database, so the
 *  whole numbers the articles in the order they were read, as one writer
 *  would. Each thread commits its shard every batch, which bounds the memory
 *  Xapian's pending changes take, and adds its spelling data once, from the
 *  shard's terms, when the build ends: a build's generation is switched in
 *  only once whole, so nothing reads the data before then.
 */
#pragma once

#include <xapian.h>

#include <exception>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "work_queue.h"

namespace newsdesk {

class ShardWriters {
  public:
    /// Starts one thread per shard of @p shards, committing every @p batch documents.
    ShardWriters(std::vector<Xapian::WritableDatabase> shards, std::size_t batch);
    ~ShardWriters();
    ShardWriters(const ShardWriters&) = delete;
    ShardWriters& operator=(const ShardWriters&) = delete;

    /// Queues @p doc as document @p did of the whole (blocks while its shard's queue is full).
    void add(Xapian::docid did, Xapian::Document doc);

    /// Queues moving document @p did, added before, to story cluster @p key.
    void rekey(Xapian::docid did, std::string key);

    /// Writes what is queued, commits every shard and stops the threads.
    /// @throws the first error a writer met (a full disk, say).
    void finish();

  private:
    struct Shard;
    /// Queued documents go in groups, so the threads rarely meet on a lock.
    static constexpr std::size_t kGroup = 32;

    struct Op;
    Shard& shard_of(Xapian::docid did);
    void queue(Xapian::docid did, Op op);
    void send(Shard& shard);
    void stop();

    std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace newsdesk
