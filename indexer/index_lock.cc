#include "index_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;

namespace newsdesk {

namespace {

constexpr const char* kLockFile = "newsdesk.lock";

std::string now_utc() {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", std::gmtime(&t));
    return buf;
}

void record_holder(int fd) {
    std::string line = "pid " + std::to_string(::getpid()) + ", started " + now_utc() + "\n";
    if (::ftruncate(fd, 0) == 0) {
        ssize_t written = ::pwrite(fd, line.data(), line.size(), 0);
        (void)written;  // the record is informative only; the flock is the lock
    }
}

}  // namespace

IndexLock::IndexLock(const fs::path& db, double wait_seconds) {
    std::error_code ec;
    fs::create_directories(db, ec);
    fs::path path = db / kLockFile;
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0)
        throw DatabaseError(path.string() + ": cannot create the lock file: " + std::strerror(errno));

    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int err = errno;
            ::close(fd_);
            throw DatabaseError(path.string() + ": cannot lock: " + std::strerror(err));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(fd_);
            std::string who = holder(db);
            throw LockedError("database " + db.string() + " is being indexed by another process" +
                              (who.empty() ? "" : " (" + who + ")") +
                              "; try again when it has finished, or pass --wait-lock SECONDS to wait");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    record_holder(fd_);
}

IndexLock::~IndexLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

std::string IndexLock::holder(const fs::path& db) {
    std::ifstream in(db / kLockFile);
    std::string line;
    std::getline(in, line);
    return line;
}

}  // namespace newsdesk
