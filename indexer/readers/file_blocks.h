/** @file
 *  @brief A file read in blocks, as a streambuf: the streaming readers' input.
 */
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "error.h"

namespace newsdesk::readers {

/// A regular file read in blocks with read(2), whole (for_each_block) or as
/// a streambuf (for nlohmann's stream input, or sgetn): an error is an
/// error, not an end of file. Every input file is read through it.
class FileBlocks : public std::streambuf {
  public:
    static constexpr std::size_t kBlockBytes = std::size_t{1} << 16;
    /// Sees each block as it is read; the last is empty, with end set.
    using BlockObserver = std::function<void(std::string_view block, bool end)>;

    /// @throws InputError when it cannot be opened or is not a regular file.
    explicit FileBlocks(const std::filesystem::path& path, BlockObserver observer = {})
        : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)), observer_(std::move(observer)) {
        if (fd_ < 0) throw InputError(std::string("cannot read: ") + std::strerror(errno));
        struct stat st {};
        if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd_);
            throw InputError("cannot read: not a regular file");
        }
        size_ = static_cast<std::size_t>(st.st_size);
        block_.resize(kBlockBytes);
    }
    ~FileBlocks() override { ::close(fd_); }
    FileBlocks(const FileBlocks&) = delete;
    FileBlocks& operator=(const FileBlocks&) = delete;

    std::size_t size() const { return size_; }  ///< as fstat(2) saw it when opened

    /// Calls @p each(std::string_view block) for every block of the rest of
    /// the file (the observer sees them too).
    template <typename Fn>
    void for_each_block(Fn&& each) {
        while (underflow() != traits_type::eof()) {
            each(std::string_view(gptr(), static_cast<std::size_t>(egptr() - gptr())));
            setg(egptr(), egptr(), egptr());
        }
    }

    /// Reads the rest, so that the observer sees the whole file.
    void drain() {
        for_each_block([](std::string_view) {});
    }

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        ssize_t n;
        do n = ::read(fd_, block_.data(), block_.size());
        while (n < 0 && errno == EINTR);
        if (n < 0) throw InputError(std::string("cannot read: ") + std::strerror(errno));
        const auto size = static_cast<std::size_t>(n);
        if (observer_) observer_({block_.data(), size}, size == 0);
        setg(block_.data(), block_.data(), block_.data() + size);
        return size == 0 ? traits_type::eof() : traits_type::to_int_type(block_[0]);
    }

  private:
    int fd_;
    std::size_t size_ = 0;
    BlockObserver observer_;
    std::vector<char> block_;
};

}  // namespace newsdesk::readers
