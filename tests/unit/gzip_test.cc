// Gzip-compressed input: decompressed whole, within a bound, or refused with a reason.
#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

#include "error.h"
#include "gzip.h"

namespace newsdesk::readers {
namespace {

/// @p text as one gzip member, as gzip(1) writes it.
std::string gzip(const std::string& text) {
    z_stream stream{};
    EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
    std::string out(deflateBound(&stream, text.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    stream.avail_in = static_cast<uInt>(text.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

TEST(Gzip, RecognisesGzipDataByItsMagicBytes) {
    EXPECT_TRUE(is_gzip(gzip("hello")));
    EXPECT_FALSE(is_gzip("{\"id\": 1}"));
    EXPECT_FALSE(is_gzip("\x1f"));
    EXPECT_FALSE(is_gzip(""));
}

TEST(Gzip, DecompressesEveryMemberInTurn) {
    const std::string text = "{\"id\": \"a1\", \"title\": \"Grain exports rise\"}\n";
    EXPECT_EQ(gunzip(gzip(text)), text);
    EXPECT_EQ(gunzip(gzip(text) + gzip("second\n")), text + "second\n") << "cat a.gz b.gz is a valid gzip file";
    const std::string big(3 << 20, 'x');  // more than one output buffer
    EXPECT_EQ(gunzip(gzip(big)), big);
}

TEST(Gzip, DamagedDataIsRefusedWithTheReason) {
    const std::string good = gzip(std::string(10000, 'a') + "the end");
    try {
        gunzip(good.substr(0, good.size() / 2));
        FAIL() << "a truncated file was accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("truncated"), std::string::npos) << e.what();
    }
    std::string corrupt = good;
    corrupt[12] = static_cast<char>(corrupt[12] ^ 0x55);
    corrupt[13] = static_cast<char>(corrupt[13] ^ 0x55);
    EXPECT_THROW(gunzip(corrupt), InputError);
    EXPECT_THROW(gunzip("\x1f\x8b not gzip at all"), InputError);
}

TEST(Gzip, AFileThatExpandsPastTheBoundIsRefused) {
    const std::string bomb = gzip(std::string(8 << 20, '\0'));  // 8 MiB of zeros, a few KiB compressed
    ASSERT_LT(bomb.size(), 64u << 10);
    try {
        gunzip(bomb, 1 << 20);
        FAIL() << "expanded past its bound";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("more than 1 MiB"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace newsdesk::readers
