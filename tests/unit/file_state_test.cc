// What the indexer remembers of each input file, as stored in the metadata.
#include <gtest/gtest.h>

#include "file_state.h"

namespace newsdesk {
namespace {

TEST(FileState, RoundTripsWithItsRejectedRecordsAndAPathWithSpaces) {
    FileState state;
    state.path = "/srv/news/in box/wire 1.jsonl";
    state.size = 1234;
    state.mtime_ns = 1764460800123456789;
    state.hash = content_hash("text");
    state.articles = 7;
    state.rejected = 3;
    auto back = decode_file_state(encode_file_state(state));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->path, state.path);
    EXPECT_EQ(back->size, 1234u);
    EXPECT_EQ(back->mtime_ns, state.mtime_ns);
    EXPECT_EQ(back->hash, state.hash);
    EXPECT_EQ(back->articles, 7u);
    EXPECT_EQ(back->rejected, 3u);
}

TEST(FileState, ReadsWhatEarlierVersionsWroteAsNothingRejected) {
    // Version 1, from before rejected records were remembered.
    auto old = decode_file_state("1 10 20 abcd 5 /srv/news/wire.jsonl");
    ASSERT_TRUE(old.has_value());
    EXPECT_EQ(old->articles, 5u);
    EXPECT_EQ(old->rejected, 0u);
    EXPECT_EQ(old->path, "/srv/news/wire.jsonl");
}

TEST(FileState, DamagedStatesAreNotTrusted) {
    for (const char* bad : {"", "3 10 20 abcd 5 0 /x", "2 10 20 abcd 5 /x", "2 10 20 abcd 5 0", "1 ten 20 abcd 5 /x"})
        EXPECT_FALSE(decode_file_state(bad).has_value()) << bad;
}

}  // namespace
}  // namespace newsdesk
