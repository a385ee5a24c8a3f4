// facets.column: every article's facet summary beside its database, which
// counting reads in place of the value stream when it is the revision open.
#include "facet_column.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "search_fixture.h"

namespace newsdesk::search {
namespace {

namespace fs = std::filesystem;

class FacetColumnTest : public SearchTest {
  protected:
    fs::path column_path() const { return dir_.path() / schema::kFacetColumnFile; }
};

TEST_F(FacetColumnTest, HoldsEveryArticlesSummaryAsTheValueStreamDoes) {
    schema::write_facet_column(dir_.path());
    const Xapian::Database db(dir_.string());
    const auto column = schema::FacetColumn::open(dir_.path(), db);
    ASSERT_TRUE(column) << "written for the revision open";
    std::size_t read = 0;
    for (Xapian::docid did = 1; did <= db.get_lastdocid() + 1; ++did) {
        const std::string value = did <= db.get_lastdocid() ? db.get_document(did).get_value(schema::kFacetSummarySlot) : "";
        EXPECT_EQ(column->summary(did), value) << did;
        read += !value.empty();
    }
    EXPECT_EQ(read, fixture_articles().size());
    EXPECT_EQ(column->summary(0), "");
}

TEST_F(FacetColumnTest, AnotherRevisionsColumnIsNotUsed) {
    schema::write_facet_column(dir_.path());
    const auto written = fs::last_write_time(column_path());
    searcher_.reset();
    {
        Xapian::WritableDatabase db(dir_.string());
        db.delete_document(schema::id_term("a5"));
        db.commit();
    }
    const Xapian::Database db(dir_.string());
    EXPECT_FALSE(schema::FacetColumn::open(dir_.path(), db)) << "written before the last commit";
    schema::write_facet_column(dir_.path());
    EXPECT_TRUE(schema::FacetColumn::open(dir_.path(), db)) << "written again";
    EXPECT_NE(fs::last_write_time(column_path()), written);
}

TEST_F(FacetColumnTest, ACutShortFileIsNotUsed) {
    schema::write_facet_column(dir_.path());
    fs::resize_file(column_path(), fs::file_size(column_path()) - 3);
    EXPECT_FALSE(schema::FacetColumn::open(dir_.path(), Xapian::Database(dir_.string())));
}

TEST_F(FacetColumnTest, DamagedOffsetsAreReadFromTheValueStream) {
    SearchRequest request;
    request.query = "crude OR bonn";  // a1 and a2: documents 1 and 2, counted one by one
    request.facets = {"actor", "region", "topic", "date"};
    const SearchResult without = search(request);
    schema::write_facet_column(dir_.path());
    std::string bytes;
    {
        std::ifstream in(column_path(), std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    // Document 2's summary made to start past the end of the file: a
    // reader trusting it would run off the file.
    std::uint32_t last = 0;
    {
        const Xapian::Database db(dir_.string());
        last = db.get_lastdocid();
        std::size_t header = 24 + db.get_uuid().size();
        header += (4 - header % 4) % 4;
        const std::uint32_t past = 0x7fffffff;
        std::memcpy(&bytes[header + 4 * 2], &past, 4);
    }
    ASSERT_GE(last, 3u);
    std::ofstream(column_path(), std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    const Xapian::Database db(dir_.string());
    const auto column = schema::FacetColumn::open(dir_.path(), db);
    ASSERT_TRUE(column) << "header, revision and length are right";
    EXPECT_FALSE(column->summary(1)) << "ends past the file";
    EXPECT_FALSE(column->summary(2)) << "starts past the file";
    EXPECT_EQ(column->summary(3), db.get_document(3).get_value(schema::kFacetSummarySlot));
    searcher_.emplace(dir_.string());  // opened again: the column is read at opening
    const SearchResult with = search(request);
    EXPECT_EQ(with.estimate, without.estimate);
    for (const char* facet : {"actor", "region", "topic", "date"}) EXPECT_EQ(counts(with, facet), counts(without, facet)) << facet;
}

TEST_F(FacetColumnTest, FoundThroughAStubOfOneDatabase) {
    // A directory holding a stub, as newsdesk-index leaves one ("auto gen-3"):
    // here the fixture's database is the one it names.
    const fs::path holder = dir_.path() / "holder";
    fs::create_directories(holder);
    std::ofstream(holder / "XAPIANDB") << "auto " << fs::relative(dir_.path(), holder).string() << "\n";
    schema::write_facet_column(dir_.path());
    const Xapian::Database db((holder / "XAPIANDB").string());
    EXPECT_TRUE(schema::FacetColumn::open_for(holder, db));
    std::ofstream(holder / "XAPIANDB", std::ios::app) << "auto " << fs::relative(dir_.path(), holder).string() << "\n";
    EXPECT_FALSE(schema::FacetColumn::open_for(holder, Xapian::Database((holder / "XAPIANDB").string())))
        << "a stub of two databases has no one column";
}

TEST_F(FacetColumnTest, SearchesCountTheSameWithIt) {
    std::vector<SearchRequest> requests;
    for (const char* query : {"", "oil OR japan OR gold OR deficit", "baker", "trade -japan"}) {
        SearchRequest request;
        request.query = query;
        request.facets = {"actor", "region", "topic", "date"};
        requests.push_back(request);
        request.filters["region"] = {"usa"};
        requests.push_back(request);
    }
    std::vector<SearchResult> without;
    for (const auto& request : requests) without.push_back(search(request));
    schema::write_facet_column(dir_.path());
    searcher_.emplace(dir_.string());  // opened again: the column is read at opening
    for (std::size_t i = 0; i < requests.size(); ++i) {
        const SearchResult with = search(requests[i]);
        EXPECT_EQ(with.estimate, without[i].estimate) << requests[i].query;
        for (const char* facet : {"actor", "region", "topic", "date"})
            EXPECT_EQ(counts(with, facet), counts(without[i], facet)) << requests[i].query << ", " << facet;
    }
}

}  // namespace
}  // namespace newsdesk::search
