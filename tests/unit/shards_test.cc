// Stubs of remote shards (searcher/shards.h): reading them, leaving out a
// shard that cannot be reached, and counting facets shard group by group.
// A real xapian-tcpsrv is the end-to-end test's (tests/e2e/remote_shards_test.py);
// here the shards reached are local, and the remote one is a closed port.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>

#include "error.h"
#include "facets.h"
#include "database_reader.h"
#include "search_fixture.h"
#include "shards.h"

namespace newsdesk::search {
namespace {

/// A port of 127.0.0.1 nothing listens on: bound, then closed.
unsigned closed_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}

class StubTest : public ::testing::Test {
  protected:
    std::string write_stub(const std::string& text) {
        std::filesystem::create_directories(dir_.path());
        std::ofstream(dir_.path() / "XAPIANDB") << text;
        return dir_.string();
    }

    test::TestDir dir_{"newsdesk-stub-test"};
};

TEST_F(StubTest, RemoteLinesAndSettingsAreRead) {
    auto stub = read_remote_stub(write_stub("# newsdesk: timeout 0.5\n# a comment\n# newsdesk: missing-shards error\n"
                                            "remote shard1.example:7001\nauto gen-1\nremote :xapian-progsrv /srv/db\n"));
    ASSERT_TRUE(stub);
    EXPECT_EQ(stub->timeout_seconds, 0.5);
    EXPECT_EQ(stub->missing, MissingShards::kError);
    ASSERT_EQ(stub->shards.size(), 3u);
    EXPECT_EQ(stub->shards[0].host, "shard1.example");
    EXPECT_EQ(stub->shards[0].port, 7001u);
    EXPECT_EQ(stub->shards[0].name, "shard1.example:7001");
    EXPECT_EQ(stub->shards[1].kind, ShardLine::Kind::kLocal);
    EXPECT_EQ(stub->shards[1].path, "gen-1");
    EXPECT_EQ(stub->shards[2].program, "xapian-progsrv");
    EXPECT_EQ(stub->shards[2].args, "/srv/db");
}

TEST_F(StubTest, AStubWithoutRemoteShardsIsLeftToXapian) {
    EXPECT_FALSE(read_remote_stub(write_stub("auto gen-1/shard-0\nauto gen-1/shard-1\n")));
    EXPECT_FALSE(read_remote_stub(dir_.string() + "/nothing-here"));
}

TEST_F(StubTest, BadLinesAreNamedWithWhatToWrite) {
    for (const char* text : {"remote shard1.example\n", "remote shard1.example:70000\n", "# newsdesk: timeout soon\n",
                             "# newsdesk: missing-shards maybe\n", "# newsdesk: retries 3\n"}) {
        try {
            read_remote_stub(write_stub(std::string("remote a.example:1\n") + text));
            ADD_FAILURE() << "accepted " << text;
        } catch (const DatabaseError& e) {
            EXPECT_NE(std::string(e.what()).find("XAPIANDB line 2"), std::string::npos) << e.what();
        }
    }
}

/// The fixture's database as the first shard of a stub whose second shard,
/// remote, cannot be reached.
class UnreachableShardTest : public SearchTest {
  protected:
    std::string stub(const std::string& settings = "") {
        std::filesystem::create_directories(stub_dir_.path());
        std::ofstream(stub_dir_.path() / "XAPIANDB")
            << settings << "auto " << dir_.string() << "\nremote 127.0.0.1:" << port_ << "\n";
        return stub_dir_.string();
    }

    SearchRequest faceted(const std::string& query) {
        SearchRequest request;
        request.query = query;
        request.facets = {"actor", "region", "topic", "date"};
        return request;
    }

    unsigned port_ = closed_port();
    test::TestDir stub_dir_{"newsdesk-unreachable-stub"};
};

TEST_F(UnreachableShardTest, PartialResultsNameTheMissingShardAndCountTheRest) {
    Searcher shards(stub());
    for (const std::string query : {"baker", "", "trade OR gold"}) {
        SearchResult whole = search(faceted(query)), partial = shards.search(faceted(query));
        EXPECT_EQ(partial.missing_shards, std::vector<std::string>{"127.0.0.1:" + std::to_string(port_)});
        EXPECT_EQ(ids(partial), ids(whole)) << query;
        EXPECT_EQ(partial.estimate, whole.estimate) << query;
        for (const char* facet : {"actor", "region", "topic", "date"})
            EXPECT_EQ(counts(partial, facet), counts(whole, facet)) << query << " " << facet;
    }
    EXPECT_TRUE(search(faceted("baker")).missing_shards.empty());
}

TEST_F(UnreachableShardTest, MultiSelectCountsThroughTheServersSpy) {
    Searcher shards(stub());
    SearchRequest request = faceted("");
    request.filters["region"] = {"usa"};
    EXPECT_EQ(counts(shards.search(request), "region"), counts(search(request), "region"));
    EXPECT_EQ(counts(shards.search(request), "actor"), counts(search(request), "actor"));
}

TEST_F(UnreachableShardTest, ShardsIndexedApartAreMergedByValue) {
    // Two databases, each with a dictionary of its own: their ids differ.
    std::filesystem::create_directories(stub_dir_.path());
    const auto articles = fixture_articles();
    std::ofstream stub(stub_dir_.path() / "XAPIANDB");
    for (std::size_t part = 0; part < 2; ++part) {
        const auto path = stub_dir_.path() / ("part" + std::to_string(part));
        Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
        db.set_metadata(std::string(schema::kMetaSchemaVersion), std::to_string(schema::kSchemaVersion));
        DocumentBuilder builder("english");
        FacetDictionary facets(db);
        for (std::size_t i = part; i < articles.size(); i += 2) {
            Xapian::Document doc = builder.build(articles[i], "fixture.jsonl");
            facets.add_summary(doc, document_facets(articles[i]));
            db.replace_document(schema::id_term(articles[i].id), doc);
        }
        db.commit();
        stub << "auto " << path.string() << "\n";
    }
    stub << "remote 127.0.0.1:" << port_ << "\n";
    stub.close();
    Searcher shards(stub_dir_.string());
    for (const std::string query : {"baker", "trade OR gold OR oil"}) {
        SearchRequest request = faceted(query);
        request.facet_limit = 0;
        SearchResult whole = search(request), parts = shards.search(request);
        EXPECT_EQ(parts.estimate, whole.estimate) << query;
        for (const char* facet : {"actor", "region", "topic", "date"})
            EXPECT_EQ(counts(parts, facet), counts(whole, facet)) << query << " " << facet;
    }
}

TEST_F(UnreachableShardTest, TheStubCanRefuseToAnswerWithoutEveryShard) {
    try {
        Searcher shards(stub("# newsdesk: missing-shards error\n"));
        ADD_FAILURE() << "opened without its remote shard";
    } catch (const UnavailableError& e) {
        EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(port_)), std::string::npos) << e.what();
    }
}

TEST_F(UnreachableShardTest, NoShardReachableSaysSo) {
    std::filesystem::create_directories(stub_dir_.path());
    std::ofstream(stub_dir_.path() / "XAPIANDB") << "remote 127.0.0.1:" << port_ << "\n";
    try {
        Searcher shards(stub_dir_.string());
        ADD_FAILURE() << "opened without any shard";
    } catch (const UnavailableError& e) {
        EXPECT_EQ(std::string(e.what()).find("no shard of " + stub_dir_.string() + "/XAPIANDB could be reached ("), 0u)
            << e.what();
    }
}

/// The fixture's database served twice by xapian-progsrv: Xapian's remote
/// protocol, as xapian-tcpsrv speaks it, without a port.
class RemoteReaderTest : public SearchTest {
  protected:
    void SetUp() override {
        SearchTest::SetUp();
        if (std::system("command -v xapian-progsrv > /dev/null") != 0)
            GTEST_SKIP() << "xapian-progsrv not found (Debian package xapian-tools)";
        RemoteStub stub;
        stub.path = (dir_.path() / "XAPIANDB").string();
        for (int copy = 0; copy < 2; ++copy) {
            ShardLine line;
            line.kind = ShardLine::Kind::kProgram;
            line.name = line.program = "xapian-progsrv";
            line.args = dir_.string();
            stub.shards.push_back(line);
        }
        shards_.emplace(stub);
        ASSERT_TRUE(shards_->missing().empty()) << shards_->reasons().front();
    }

    std::optional<ShardSet> shards_;
};

TEST_F(RemoteReaderTest, FrequenciesGatheredInOneMatchAreTheDatabases) {
    const Xapian::Database local(dir_.string());
    DatabaseReader reader(shards_->all(), &*shards_);
    const std::vector<std::string> terms{"Zoil", "Zbaker", "Zgold", "Znosuchwordanywhere"};
    reader.prefetch(terms);
    for (const auto& term : terms) EXPECT_EQ(reader.termfreq(term), 2 * local.get_termfreq(term)) << term;
    EXPECT_EQ(reader.termfreq("Ztrade"), 2 * local.get_termfreq("Ztrade")) << "a term not prefetched";
    EXPECT_EQ(reader.termfreq(""), 2 * local.get_doccount()) << "the empty term matches every document";
}

TEST_F(RemoteReaderTest, AMatchMadeAnywayBringsTheFrequenciesWanted) {
    // Two copies, each with its own dictionary: two shard groups, whose
    // frequencies add up.
    const Xapian::Database local(dir_.string());
    ASSERT_EQ(shards_->groups().size(), 2u);
    DatabaseReader reader(shards_->all(), &*shards_);
    EXPECT_FALSE(reader.known_termfreq("Zgold")) << "over remote shards, nothing is known before a match";
    reader.want({"Zgold", "Ztrade", "Znosuchwordanywhere"});
    const Xapian::Query query("Zbaker");
    const SpiedCounts carried = spy_counts(shards_->groups(), query, 0, reader);
    for (const char* term : {"Zgold", "Ztrade", "Znosuchwordanywhere", "Zbaker"}) {
        ASSERT_TRUE(reader.known_termfreq(term)) << term << " came with the count";
        EXPECT_EQ(*reader.known_termfreq(term), 2 * local.get_termfreq(term)) << term;
    }
    DatabaseReader plain(shards_->all(), &*shards_);
    const SpiedCounts alone = spy_counts(shards_->groups(), query, 0, plain);
    EXPECT_EQ(carried.total, alone.total) << "what is carried matches nothing more";
    EXPECT_EQ(carried.total, 2 * local.get_termfreq("Zbaker"));
    EXPECT_EQ(carried.days(), alone.days());
}

TEST_F(RemoteReaderTest, WantedFrequenciesWaitForAMatchRatherThanTakeOneOfTheirOwn) {
    const Xapian::Database local(dir_.string());
    DatabaseReader reader(shards_->all(), &*shards_);
    reader.prefetch({"Zoil"});
    reader.want({"Zgold"});
    reader.prefetch({"Zoil"});
    EXPECT_FALSE(reader.known_termfreq("Zgold")) << "a lookup of what is known makes no exchange for what is wanted";
    reader.prefetch({"Ztrade"});
    ASSERT_TRUE(reader.known_termfreq("Zgold")) << "it comes with the next exchange made";
    EXPECT_EQ(*reader.known_termfreq("Zgold"), 2 * local.get_termfreq("Zgold"));
}

/// The counts of @p spied, comparable: each group's facets and days, and the total.
std::string described(const SpiedCounts& spied) {
    std::string out = "total " + std::to_string(spied.total);
    for (const auto& group : spied.groups) {
        for (const auto& counts : group.counts.facets) {
            out += " |";
            for (Xapian::doccount n : counts) out += " " + std::to_string(n);
        }
        for (const auto& [day, n] : group.counts.days) out += " " + day + ":" + std::to_string(n);
    }
    return out;
}

TEST_F(RemoteReaderTest, MultiSelectCountsFromOneMatchAreThoseOfAMatchPerFilter) {
    // Two groups, each numbering its own values; the region filter and the
    // topic filter are checked on the summaries of the words' matches.
    const Xapian::Query words(Xapian::Query::OP_OR, Xapian::Query("Zbaker"), Xapian::Query("Zjapan"));
    const Xapian::Query region = schema::boolean_term(schema::find_field("region")->prefix, "usa");
    const Xapian::Query topic(Xapian::Query::OP_OR, Xapian::Query(schema::boolean_term(schema::find_field("topic")->prefix, "trade")),
                              Xapian::Query(schema::boolean_term(schema::find_field("topic")->prefix, "money-fx")));
    auto filtered = [&](std::vector<Xapian::Query> filters) {
        filters.insert(filters.begin(), words);
        DatabaseReader reader(shards_->all(), &*shards_);
        return described(spy_counts(shards_->groups(), Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()),
                                    0, reader));
    };
    DatabaseReader reader(shards_->all(), &*shards_);
    const MultiSelectCounts one =
        spy_multi_select(shards_->groups(), words, {{"region", {"usa"}}, {"topic", {"trade", "money-fx", "no-such-topic"}}}, 0, reader);
    ASSERT_EQ(one.without.size(), 2u);
    EXPECT_EQ(described(one.all), filtered({region, topic}));
    EXPECT_EQ(described(one.without[0]), filtered({topic})) << "the region's own filter off";
    EXPECT_EQ(described(one.without[1]), filtered({region})) << "the topic's own filter off";
    EXPECT_EQ(one.all.total, 2 * 2u) << "a3 and a5, in each copy";
    EXPECT_EQ(one.without[0].total, 2 * 3u) << "and a2, in Germany";
}

TEST_F(RemoteReaderTest, ALaterSearchOfTheSameOpeningAsksNoFrequencyAgain) {
    const Xapian::Database local(dir_.string());
    KnownFrequencies opening;
    {
        DatabaseReader first(shards_->all(), &*shards_, &opening);
        first.prefetch({"Zgold", "Zoil"});
    }
    DatabaseReader later(shards_->all(), &*shards_, &opening);
    for (const char* term : {"Zgold", "Zoil"}) {
        ASSERT_TRUE(later.known_termfreq(term)) << term << " was learnt by the search before";
        EXPECT_EQ(*later.known_termfreq(term), 2 * local.get_termfreq(term)) << term;
    }
    EXPECT_FALSE(later.known_termfreq("Ztrade")) << "nor is anything else known";
    const Xapian::Query query("Zbaker");
    EXPECT_EQ(later.carrying(query).get_description(), query.get_description())
        << "known frequencies are not carried again";
}

/// Every document of @p db, by a match of all of them.
Xapian::MSet every_document(const Xapian::Database& db) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    return enquire.get_mset(0, db.get_doccount());
}

TEST_F(RemoteReaderTest, ALaterSearchOfTheSameOpeningReadsNoDocumentAgain) {
    KnownDocuments opening;
    const Xapian::MSet all = every_document(shards_->all());
    ASSERT_EQ(all.size(), 2 * fixture_articles().size());
    {
        DatabaseReader first(shards_->all(), &*shards_, nullptr, &opening);
        for (auto it = all.begin(); it != all.end(); ++it) first.document(it);
    }
    DatabaseReader later(shards_->all(), &*shards_, nullptr, &opening);
    for (auto it = all.begin(); it != all.end(); ++it) {
        EXPECT_TRUE(later.keeps(*it)) << *it << " was read by the search before";
        EXPECT_EQ(later.document(it).get_data(), it.get_document().get_data()) << *it;
    }
    // A local database's documents are read again by each search: a read
    // costs microseconds there.
    const Xapian::Database local(dir_.string());
    const Xapian::MSet local_all = every_document(local);
    {
        DatabaseReader first(local, nullptr, nullptr, &opening);
        first.document(local_all.begin());
        EXPECT_TRUE(first.keeps(*local_all.begin())) << "kept for the search";
    }
    DatabaseReader next(local, nullptr, nullptr, &opening);
    EXPECT_FALSE(next.keeps(*local_all.begin()));
}

TEST_F(RemoteReaderTest, KnownDocumentsStartAgainAtASearchRatherThanGrowPastTheirBound) {
    KnownDocuments opening(true, 1);  // one byte: any document is past it
    const Xapian::MSet all = every_document(shards_->all());
    DatabaseReader first(shards_->all(), &*shards_, nullptr, &opening);
    first.document(all.begin());
    first.document(++all.begin());
    EXPECT_TRUE(first.keeps(*all.begin())) << "never forgotten during a search";
    DatabaseReader next(shards_->all(), &*shards_, nullptr, &opening);
    EXPECT_FALSE(next.keeps(*all.begin())) << "the next search started afresh";
    EXPECT_EQ(next.document(all.begin()).get_data(), all.begin().get_document().get_data());
}

TEST_F(SearchTest, KnownFrequenciesStartAgainAtASearchRatherThanGrowPastTheirBound) {
    const Xapian::Database db(dir_.string());
    KnownFrequencies known;
    DatabaseReader search(db, nullptr, &known);
    for (std::size_t i = 0; i <= KnownFrequencies::kMaxTerms; ++i) known.add("Z" + std::to_string(i), 1);
    known.add("Zone more", 7);
    ASSERT_TRUE(known.find("Z0")) << "never forgotten during a search";
    ASSERT_TRUE(known.find("Zone more"));
    EXPECT_EQ(*known.find("Zone more"), 7u);
    DatabaseReader next(db, nullptr, &known);
    EXPECT_FALSE(known.find("Z0")) << "the next search started afresh";
    EXPECT_EQ(next.termfreq("Zoil"), db.get_termfreq("Zoil"));
}

TEST_F(RemoteReaderTest, ALocalDatabaseIsAskedDirectly) {
    const Xapian::Database local(dir_.string());
    DatabaseReader reader(local, nullptr);
    ASSERT_TRUE(reader.known_termfreq("Zgold"));
    EXPECT_EQ(*reader.known_termfreq("Zgold"), local.get_termfreq("Zgold"));
    const Xapian::Query query("Zbaker");
    EXPECT_EQ(reader.carrying(query).get_description(), query.get_description()) << "nothing to carry";
}

}  // namespace
}  // namespace newsdesk::search
