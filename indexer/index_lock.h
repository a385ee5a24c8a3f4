/** @file
 *  @brief At most one indexer per database.
 *
 *  The lock is flock(2) on DIR/newsdesk.lock: the kernel drops it when its
 *  holder exits or is killed, so a crashed run never leaves a stale lock.
 *  The holder writes its pid and start time into the file so that a second
 *  indexer can say who is holding the database.
 */
#pragma once

#include <filesystem>
#include <string>

#include "error.h"

namespace newsdesk {

/// The database is being indexed by another process (exit status 75).
class LockedError : public Error {
  public:
    using Error::Error;
};

class IndexLock {
  public:
    /// Take the lock of database directory @p db (created if missing),
    /// waiting up to @p wait_seconds for another holder to finish.
    /// @throws LockedError naming the holder when it is still held.
    /// @throws DatabaseError when the lock file cannot be created.
    IndexLock(const std::filesystem::path& db, double wait_seconds);
    ~IndexLock();
    IndexLock(const IndexLock&) = delete;
    IndexLock& operator=(const IndexLock&) = delete;

    /// "pid 1234, started 2026-11-27 03:10:00 UTC" as written by the holder of
    /// @p db's lock, or "" when none is recorded.
    static std::string holder(const std::filesystem::path& db);

  private:
    int fd_ = -1;
};

}  // namespace newsdesk
