/** @file
 *  @brief A bounded queue between the indexer's reading thread and its writing thread.
 */
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace newsdesk {

/// Single producer, single consumer. push() blocks while @p capacity items
/// wait, which bounds the memory held by documents built ahead of the writer.
template <typename T>
class WorkQueue {
  public:
    explicit WorkQueue(std::size_t capacity) : capacity_(capacity) {}

    /// @return false when the queue was closed by the consumer (stop producing).
    bool push(T item) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return items_.size() < capacity_ || closed_; });
        if (closed_) return false;
        items_.push_back(std::move(item));
        not_empty_.notify_one();
        return true;
    }

    /// The next item, or nullopt once the producer has finished and all were taken.
    std::optional<T> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return !items_.empty() || finished_; });
        if (items_.empty()) return std::nullopt;
        T item = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return item;
    }

    /// Producer: no more items.
    void finish() {
        std::lock_guard lock(mutex_);
        finished_ = true;
        not_empty_.notify_all();
    }

    /// Consumer: stop the producer (e.g. after an error), dropping what waits.
    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        items_.clear();
        not_full_.notify_all();
    }

  private:
    std::size_t capacity_;
    std::mutex mutex_;
    std::condition_variable not_full_, not_empty_;
    std::deque<T> items_;
    bool finished_ = false, closed_ = false;
};

}  // namespace newsdesk
