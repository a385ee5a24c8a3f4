/** @file
 *  @brief A file read in blocks, as a streambuf: the streaming readers' input.
 */
#pragma once

#include <fcntl.h>
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

/// A file as a streambuf (for nlohmann's stream input, or sgetn), read in
/// blocks with read(2) as read_input_file() reads it: an error is an error,
/// not an end of file.
class FileBlocks : public std::streambuf {
  public:
    static constexpr std::size_t kBlockBytes = std::size_t{1} << 16;
    /// Sees each block as it is read; the last is empty, with end set.
    using BlockObserver = std::function<void(std::string_view block, bool end)>;

    /// @throws InputError when it cannot be opened.
    explicit FileBlocks(const std::filesystem::path& path, BlockObserver observer = {})
        : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)), observer_(std::move(observer)), block_(kBlockBytes) {
        if (fd_ < 0) throw InputError(std::string("cannot read: ") + std::strerror(errno));
    }
    ~FileBlocks() override { ::close(fd_); }
    FileBlocks(const FileBlocks&) = delete;
    FileBlocks& operator=(const FileBlocks&) = delete;

    /// Reads the rest, so that the observer sees the whole file.
    void drain() {
        while (underflow() != traits_type::eof()) setg(egptr(), egptr(), egptr());
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
    BlockObserver observer_;
    std::vector<char> block_;
};

}  // namespace newsdesk::readers
