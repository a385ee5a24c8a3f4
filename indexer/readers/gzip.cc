#include "gzip.h"

#include <zlib.h>

#include <cstdint>

#include "error.h"

namespace newsdesk::readers {

namespace {

/// Inflates gzip members one after another into a string, within a bound.
class Inflater {
  public:
    Inflater() {
        // 15 + 16: the largest window, and the gzip wrapper (header, CRC, size).
        if (inflateInit2(&stream_, 15 + 16) != Z_OK) throw InputError("cannot start decompressing: out of memory");
    }
    ~Inflater() { inflateEnd(&stream_); }
    Inflater(const Inflater&) = delete;
    Inflater& operator=(const Inflater&) = delete;

    std::string run(std::string_view content, std::size_t max_bytes) {
        std::string out;
        stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
        stream_.avail_in = static_cast<uInt>(content.size());
        char buffer[1 << 16];
        for (;;) {
            stream_.next_out = reinterpret_cast<Bytef*>(buffer);
            stream_.avail_out = sizeof buffer;
            const int status = inflate(&stream_, Z_NO_FLUSH);
            out.append(buffer, sizeof buffer - stream_.avail_out);
            if (out.size() > max_bytes)
                throw InputError("gzip data expands to more than " + std::to_string(max_bytes >> 20) +
                                 " MiB; decompress it and split it into smaller files");
            if (status == Z_STREAM_END) {
                if (stream_.avail_in == 0) return out;
                inflateReset(&stream_);  // another member follows, as `cat a.gz b.gz` makes
                continue;
            }
            if (status == Z_BUF_ERROR && stream_.avail_in == 0)
                throw InputError("gzip data ends too soon (the file is truncated)");
            if (status != Z_OK)
                throw InputError(std::string("corrupt gzip data (") + (stream_.msg ? stream_.msg : "unknown error") + ")");
        }
    }

  private:
    z_stream stream_{};
};

}  // namespace

bool is_gzip(std::string_view content) {
    return content.size() >= 2 && static_cast<unsigned char>(content[0]) == 0x1f &&
           static_cast<unsigned char>(content[1]) == 0x8b;
}

std::string gunzip(std::string_view content, std::size_t max_bytes) {
    if (content.size() > UINT32_MAX)  // zlib counts input in 32 bits
        throw InputError("gzip file over 4 GiB; decompress it first");
    return Inflater().run(content, max_bytes);
}

}  // namespace newsdesk::readers
