// The readers of exports and tables: JSON exports, read whole and streamed,
// CSV and TSV, --field maps, and how a file's format is told.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "article_fields.h"
#include "error.h"
#include "reader.h"

using namespace newsdesk;
using namespace newsdesk::readers;

namespace {

TEST(CsvReader, AHeaderRowNamesTheColumns) {
    const std::string csv =
        "url,title,text,topic,tags\n"
        "https://lenta.ru/news/1/,\"Регионы, названы\",\"Первая фраза. Вторая, с \"\"кавычками\"\"\nи строкой.\",Россия,\"Общество, Наука\"\n"
        "\n"
        "https://lenta.ru/news/2/,,Только текст здесь. И ещё.,Мир,\n";
    auto r = read_csv(csv, "lenta.csv");
    ASSERT_EQ(r.articles.size(), 2u);
    EXPECT_TRUE(r.problems.empty());
    const Article& a = r.articles[0];
    EXPECT_EQ(a.title, "Регионы, названы");
    EXPECT_EQ(a.body, "Первая фраза. Вторая, с \"кавычками\"\nи строкой.");
    EXPECT_EQ(a.url, "https://lenta.ru/news/1/");
    ASSERT_EQ(a.topics.size(), 3u);
    EXPECT_EQ(a.topics[0].label, "Россия");
    EXPECT_EQ(a.line, 2u);
    EXPECT_EQ(r.articles[1].title, "Только текст здесь.") << "no title: the first sentence";
    EXPECT_TRUE(r.articles[1].title_in_body);
    EXPECT_EQ(r.articles[1].line, 5u) << "counting the quoted line break and the blank line";
    EXPECT_NE(a.id, r.articles[1].id);
}

TEST(CsvReader, WithoutAHeaderTwoColumnsAreLabelAndText) {
    auto r = read_csv("Wirtschaft;'Die Gewerkschaft GPA-djp lanciert den \"All-in-Rechner\". Wien – Die Gewerkschaft.'\n"
                      "Sport;'Ein ''Tor''; und noch eins.'\n",
                      "test.csv");
    ASSERT_EQ(r.articles.size(), 2u);
    EXPECT_EQ(r.articles[0].topics.at(0).label, "Wirtschaft");
    EXPECT_EQ(r.articles[0].title, "Die Gewerkschaft GPA-djp lanciert den \"All-in-Rechner\".");
    EXPECT_EQ(r.articles[1].body, "Ein 'Tor'; und noch eins.") << "single quotes, doubled inside";
}

TEST(CsvReader, TsvAndDamageAreNamed) {
    auto tsv = read_csv("title\ttext\tdate\nA\tBody a\t2025-01-02\n", "x.tsv");
    ASSERT_EQ(tsv.articles.size(), 1u);
    EXPECT_EQ(tsv.articles[0].date.substr(0, 8), "20250102");
    auto unnamed = read_csv("a,b,c\n1,2,3\n", "x.csv");
    ASSERT_EQ(unnamed.problems.size(), 1u);
    EXPECT_NE(unnamed.problems[0].message.find("no header row"), std::string::npos);
    auto cut = read_csv("title,text\nA,\"never closed\n", "x.csv");
    ASSERT_EQ(cut.problems.size(), 1u);
    EXPECT_NE(cut.problems[0].message.find("never closed"), std::string::npos);
    auto empty = read_csv("title,text\n,\n", "x.csv");
    ASSERT_EQ(empty.problems.size(), 1u);
    EXPECT_EQ(empty.problems[0].line, 2u);
}

TEST(Format, WhatLooksLikeNoFormatIsNamedNotIndexedAsText) {
    EXPECT_EQ(unsupported_text("Title: A plain article\n\nIt has words, and commas, as prose does.\n"), "");
    EXPECT_EQ(unsupported_text("Tiny 7\n"), "") << "a short text is text";
    EXPECT_EQ(unsupported_text("One, two\nThree, four\nFive, six\nSeven\nEight, nine\n"), "");
    EXPECT_EQ(unsupported_text("<?xml version=\"1.0\"?>\n<svg width=\"10\"></svg>"),
              "looks like XML or HTML (<svg...), not a format newsdesk reads as news (RSS and Atom feeds and "
              "Reuters SGML are); pass --format text to index it as plain text");
    EXPECT_TRUE(unsupported_text("<!DOCTYPE html><html><body>x</body></html>").starts_with("looks like XML or HTML (<html..."));
    EXPECT_EQ(unsupported_text("id;name;value\n1;a;2\n2;b;3\n3;c;4\n4;d;5\n"),
              "looks like a table (columns separated by ';'); name it .csv or .tsv, or pass --format csv");
    EXPECT_EQ(unsupported_text(std::string(2000, 'Q')),
              "looks like encoded data (no words separated by spaces), not a news article");
}

TEST(Format, JsonExportsAreToldFromJsonLines) {
    EXPECT_EQ(detect_format("result.json", "[{\"id\": 1}]"), Format::kJsonRecords);
    EXPECT_EQ(detect_format("dump", "\xEF\xBB\xBF  [\n  {\"text\": \"...\"}"), Format::kJsonRecords);
    EXPECT_EQ(detect_format("export", "{\n  \"name\": \"channel\",\n  \"messages\": ["), Format::kJsonRecords);
    EXPECT_EQ(detect_format("wire", "{\"id\": \"a1\", \"title\": \"x\"}\n{\"id\": \"a2\"}"), Format::kJsonLines);
    EXPECT_EQ(detect_format("note.txt", "[Updated] Rail bridge reopens\n\nTrains ran again."), Format::kText);
    EXPECT_EQ(parse_format("json"), Format::kJsonRecords);
    EXPECT_EQ(parse_format("csv"), Format::kCsv);
    EXPECT_EQ(detect_format("news.csv", "label;text"), Format::kCsv);
    EXPECT_EQ(detect_format("news.TSV", "id\ttext"), Format::kCsv);
}

TEST(JsonRecordsReader, ReadsATelegramExportByItsFieldNames) {
    const std::string content = R"json([
 {"message_id": 19688, "sender_id": -1001747110091, "text": "💸Доллар упал **ниже 104 рублей**, евро — **ниже 110 рублей**. Подробности [— Подписаться](https://t.me/+Mud)", "date": "2024-12-04T08:30:37+00:00", "channel": "Москва Live", "category": "finances"},
 {"message_id": 19689, "sender_id": -1001747110091, "text": "", "date": "2024-12-04T08:31:00+00:00", "channel": "Москва Live"},
 {"id": 7, "type": "service", "action": "pin_message"},
 {"id": 8, "title": "Headline given", "content": [ "Body ", {"type": "bold", "text": "in runs"} ], "published": "2024-12-05", "source": "Site", "tags": ["a", "b"]}
])json";
    auto r = read_json_records(content, "1001747110091_messages.json");
    ASSERT_EQ(r.articles.size(), 2u);
    const Article& a = r.articles[0];
    EXPECT_EQ(a.title, "💸Доллар упал ниже 104 рублей, евро — ниже 110 рублей.") << "first sentence, markup gone";
    EXPECT_TRUE(a.title_in_body);
    EXPECT_EQ(a.body.find("**"), std::string::npos);
    EXPECT_EQ(a.body.find("t.me"), std::string::npos) << "a link keeps its text only";
    EXPECT_NE(a.body.find("— Подписаться"), std::string::npos);
    EXPECT_EQ(a.source, "Москва Live");
    EXPECT_EQ(a.date.substr(0, 8), "20241204");
    ASSERT_EQ(a.topics.size(), 1u);
    EXPECT_EQ(a.topics[0].label, "finances");
    EXPECT_EQ(a.id, "1001747110091-19688") << "the message number within its channel";
    const Article& b = r.articles[1];
    EXPECT_EQ(b.title, "Headline given");
    EXPECT_FALSE(b.title_in_body);
    EXPECT_EQ(b.body, "Body in runs");
    EXPECT_EQ(b.source, "Site");
    EXPECT_EQ(b.topics.size(), 2u);
    ASSERT_EQ(r.problems.size(), 1u) << "the empty message; the service entry is no article";
    EXPECT_NE(r.problems[0].message.find("record 2: no text"), std::string::npos) << r.problems[0].message;
}

TEST(JsonRecordsReader, LongFirstSentencesAreCutAtAWord) {
    std::string words;
    for (int i = 0; i < 40; ++i) words += "слово ";
    auto r = read_json_records("[{\"text\": \"" + words + "\"}]", "x.json");
    ASSERT_EQ(r.articles.size(), 1u);
    const std::string& title = r.articles[0].title;
    EXPECT_LE(title.size(), 120u + 3);
    EXPECT_TRUE(title.ends_with("слово\u2026")) << title;
}

TEST(JsonRecordsReader, DeeplyNestedTextRunsAreNotFollowedForEver) {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "[{\"text\": ";
    text += "\"deep\"";
    for (int i = 0; i < 100000; ++i) text += "}]";
    auto r = read_json_records("[{\"title\": \"Nested\", \"text\": " + text + "}]", "x.json");
    ASSERT_EQ(r.articles.size(), 1u);
    EXPECT_EQ(r.articles[0].title, "Nested");
}

TEST(JsonRecordsReader, ADotJsonFileOfOneObjectPerLineIsJsonLines) {
    auto r = read_json_records("{\"title\": \"One\", \"text\": \"a\"}\n{\"title\": \"Two\", \"text\": \"b\"}\n", "ria.json");
    ASSERT_EQ(r.articles.size(), 2u);
    EXPECT_EQ(r.articles[1].title, "Two");
    EXPECT_TRUE(r.problems.empty());
}

TEST(JsonRecordsReader, AnExportObjectOrDamageIsNamed) {
    auto wrapped = read_json_records(R"({"name": "Channel", "messages": [{"id": 1, "text": "Hello there."}]})", "e.json");
    ASSERT_EQ(wrapped.articles.size(), 1u);
    EXPECT_EQ(wrapped.articles[0].source, "Channel") << "the export's name stands in for the channel";
    auto none = read_json_records(R"({"name": "Channel"})", "e.json");
    ASSERT_EQ(none.problems.size(), 1u);
    EXPECT_NE(none.problems[0].message.find("no list of records"), std::string::npos);
    auto broken = read_json_records("[{\"text\": \"a\"", "e.json");
    ASSERT_EQ(broken.problems.size(), 1u);
    EXPECT_NE(broken.problems[0].message.find("malformed JSON"), std::string::npos);
    EXPECT_TRUE(broken.articles.empty());
}

// stream_json_records() must give what read_json_records() gives, from a file.
class JsonRecordsStreamReader : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("newsdesk-stream-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    /// What streaming @p content from a file gives; nullopt when it says the file is JSON Lines.
    std::optional<ReadResult> stream(const std::string& content, const FieldNames& names = default_field_names()) {
        const auto path = dir_ / "export.json";
        std::ofstream(path, std::ios::binary) << content;
        ReadResult r;
        ReadSink sink{[&](Article&& a) { r.articles.push_back(std::move(a)); return true; },
                      [&](Problem&& p) { r.problems.push_back(std::move(p)); }};
        if (!stream_json_records(path, names, sink)) return std::nullopt;
        return r;
    }

    /// Every field of @p r, one line each, to compare and to show a difference.
    static std::string describe(const ReadResult& r) {
        std::ostringstream out;
        auto facets = [&](const std::vector<FacetValue>& values) {
            for (const auto& v : values) out << v.value << '=' << v.label << '^' << v.parent << ',';
        };
        for (const auto& a : r.articles) {
            out << "article " << a.line << " id=" << a.id << " title=" << a.title << " body=" << a.body
                << " date=" << a.date << " source=" << a.source << " url=" << a.url << " author=" << a.author
                << " section=" << a.section << " language=" << a.language << " title_in_body=" << a.title_in_body
                << " topics=";
            facets(a.topics);
            out << " actors=";
            facets(a.actors);
            out << " regions=";
            facets(a.regions);
            out << '\n';
        }
        for (const auto& p : r.problems)
            out << "problem " << p.line << ' ' << static_cast<int>(p.severity) << ' ' << p.message << '\n';
        return out.str();
    }

    /// Streams @p content, expecting exactly what read_json_records() gives.
    void expect_same(const std::string& content, const FieldNames& names = default_field_names()) {
        const auto whole = read_json_records(content, dir_ / "export.json", names);
        const auto streamed = stream(content, names);
        ASSERT_TRUE(streamed.has_value()) << "not JSON Lines: " << content.substr(0, 200);
        EXPECT_EQ(describe(*streamed), describe(whole)) << "input: " << content.substr(0, 200);
    }

    std::filesystem::path dir_;
};

TEST_F(JsonRecordsStreamReader, GivesWhatReadingTheWholeFileGives) {
    const std::string telegram = R"json({
 "name": "Москва Live",
 "type": "public_channel",
 "id": 1747110091,
 "messages": [
  {"id": 19688, "type": "message", "date": "2024-12-04T08:30:37", "text": ["💸Доллар упал ", {"type": "bold", "text": "ниже 104 рублей"}, ". Подробности ", {"type": "text_link", "text": "— Подписаться", "href": "https://t.me/+Mud"}], "text_entities": [{"type": "plain", "text": "💸Доллар упал "}]},
  {"id": 19689, "type": "service", "action": "pin_message", "text": ""},
  {"id": 19690, "type": "message", "date": "not a date", "text": "Без даты. Но с текстом."},
  {"id": 19691, "type": "message", "text": ""},
  {"id": 19692, "type": 5, "text": "type is no string"},
  "a string, not a record",
  {"id": 19693, "type": "message", "date": "2024-12-05", "text": "Last one.", "category": ["Мир", "Политика"]}
 ]
})json";
    std::string nested;
    for (int i = 0; i < 100000; ++i) nested += "[{\"text\": ";
    nested += "\"deep\"";
    for (int i = 0; i < 100000; ++i) nested += "}]";
    const std::string cases[] = {
        telegram,
        // The Telegram export shape of ReadsATelegramExportByItsFieldNames: an array.
        R"json([
 {"message_id": 19688, "sender_id": -1001747110091, "text": "Доллар упал **ниже 104 рублей**. [— Подписаться](https://t.me/+Mud)", "date": "2024-12-04T08:30:37+00:00", "channel": "Москва Live", "category": "finances"},
 {"message_id": 19689, "sender_id": -1001747110091, "text": "", "date": "2024-12-04T08:31:00+00:00", "channel": "Москва Live"},
 {"id": 7, "type": "service", "action": "pin_message"},
 {"id": 8, "title": "Headline given", "content": [ "Body ", {"type": "bold", "text": "in runs"} ], "published": "2024-12-05", "source": "Site", "tags": ["a", "b"]}
])json",
        "[{\"title\": \"Nested\", \"text\": " + nested + "}]",
        R"({"name": "Channel", "messages": [{"id": 1, "text": "Hello there."}]})",
        // The name after the records, a repeated key (the last counts), the preferred list.
        R"({"data": [{"text": "Not these."}], "messages": [{"text": "Old."}], "messages": [{"id": 2, "text": "New."}], "name": "Late"})",
        R"({"items": 5, "posts": [{"text": "Posts, items being no list."}], "items": [], "name": ["Run ", {"text": "name"}]})",
        R"({"name": "Channel"})",
        R"({"messages": {"text": "not a list"}})",
        "\"just a string\"",
        "[]",
        "[{\"text\": \"a\"",
        "[{\"text\": \"a\"}] trailing",
        "[{\"text\": \"a\"},\n {\"text\": \"b\"\n {\"text\": \"c\"}]",
        "[{\"text\": \"ok\"}, {\"text\": \"bad \xC3\x28 byte\"}]",
        "[{\"text\": \"ok\"},\n\n {\"text\": \"bad\"}]\n\xFF",
        "\xEF\xBB\xBF[{\"text\": \"after a byte-order mark\"}]",
        "[{\"Headline\": \"Common\", \"content\": \"Body.\", \"pubDate\": \"2025-03-02\", \"id\": 12345678901234567890, "
        "\"score\": 1.5e3, \"flag\": true, \"none\": null}]",
    };
    for (const auto& content : cases) expect_same(content);
    FieldNames names;
    names.map("title=headline_text");
    names.map("body=story");
    expect_same(R"([{"headline_text": "Mapped", "story": "The story.", "title": "Not this", "text": "Nor this."}])", names);
}

TEST_F(JsonRecordsStreamReader, DamageIsNamedAsInTheWholeFile) {
    // Invalid UTF-8 far into the file, past several blocks, and a character cut by a block's end.
    std::string big = "[";
    for (int i = 0; i < 5000; ++i) big += "{\"text\": \"Запись номер " + std::to_string(i) + ".\"},\n";
    std::string cut = big;
    big += "{\"text\": \"bad \xE2\x82 here\"}]";
    expect_same(big);
    const auto broken = stream(big);
    ASSERT_TRUE(broken.has_value());
    ASSERT_EQ(broken->problems.size(), 1u);
    EXPECT_EQ(broken->problems[0].line, 5001u);
    EXPECT_NE(broken->problems[0].message.find("invalid UTF-8"), std::string::npos);
    EXPECT_TRUE(broken->articles.empty()) << "no article of a file that is not UTF-8 throughout";
    for (std::size_t pad = 0; pad < 4; ++pad) {
        std::string shifted = "[" + std::string(65536 - 12 - pad, ' ') + "{\"text\": \"€uro\"}]";
        expect_same(shifted);
    }
    // Malformed JSON near the end: no article of it, as when read whole.
    const auto malformed = stream(cut + "{\"text\": }]");
    ASSERT_TRUE(malformed.has_value());
    EXPECT_TRUE(malformed->articles.empty());
    ASSERT_EQ(malformed->problems.size(), 1u);
    EXPECT_EQ(malformed->problems[0].message.rfind("malformed JSON: parse error at line 5001", 0), 0u)
        << malformed->problems[0].message;
    expect_same(cut + "{\"text\": }]");
}

TEST_F(JsonRecordsStreamReader, OneObjectPerLineIsLeftToTheWholeFileReader) {
    EXPECT_FALSE(stream("{\"title\": \"One\", \"text\": \"a\"}\n{\"title\": \"Two\", \"text\": \"b\"}\n").has_value());
    EXPECT_FALSE(stream("{\"title\": \"One\", \"text\": \"a\"}\n{\"title\": broken\n").has_value())
        << "its first line is an object: JSON Lines with a bad line";
    expect_same("{\"title\": \"One\", \"text\": \"a\",\n\"x\": }\n");
    expect_same("{\"title\": \"One\", \"text\": \"a\"} {\"title\": \"Two\"}");
}

TEST_F(JsonRecordsStreamReader, TheSinkCanStopTheReading) {
    const auto path = dir_ / "export.json";
    std::ofstream(path) << R"([{"text": "One."}, {"text": "Two."}, {"text": "Three."}])";
    std::vector<std::string> titles;
    ReadSink sink{[&](Article&& a) { titles.push_back(a.title); return titles.size() < 2; }, [](Problem&&) {}};
    EXPECT_TRUE(stream_json_records(path, default_field_names(), sink));
    EXPECT_EQ(titles, (std::vector<std::string>{"One.", "Two."}));
    EXPECT_THROW(stream_json_records(dir_ / "missing.json", default_field_names(), sink), InputError);
}

// stream_json_lines() must give what read_json_lines() gives, from a file
// read in blocks, whatever falls on a block's edge.
class JsonLinesStreamReader : public JsonRecordsStreamReader {
  protected:
    ReadResult stream_lines(const std::string& content) {
        const auto path = dir_ / "wire.jsonl";
        std::ofstream(path, std::ios::binary) << content;
        ReadResult r;
        ReadSink sink{[&](Article&& a) { r.articles.push_back(std::move(a)); return true; },
                      [&](Problem&& p) { r.problems.push_back(std::move(p)); }};
        stream_json_lines(path, default_field_names(), sink);
        return r;
    }
    void expect_same_lines(const std::string& content) {
        EXPECT_EQ(describe(stream_lines(content)), describe(read_json_lines(content, dir_ / "wire.jsonl")))
            << "input: " << content.substr(0, 200);
    }
};

TEST_F(JsonLinesStreamReader, GivesWhatTheWholeFileReaderGives) {
    expect_same_lines("{\"title\": \"One\", \"body\": \"a\", \"date\": \"2025-03-01\"}\n\n  \n"
                      "{\"title\": \"Two\", \"body\": \"b\", \"date\": \"not a date\"}\n"
                      "{\"title\": broken}\n[1, 2]\n{\"body\": \"\"}\n\xC3\x28 bad\n"
                      "{\"title\": \"Last, no newline\"}");
    // Lines across the 64 KiB blocks, one of them longer than a block.
    std::string many;
    for (int i = 0; i < 3000; ++i)
        many += "{\"id\": " + std::to_string(i) + ", \"title\": \"Title " + std::to_string(i) + "\", \"body\": \"" +
                std::string(static_cast<std::size_t>(i % 97) * 3 + (i == 1500 ? 70000 : 0), 'x') + "\"}\r\n";
    expect_same_lines(many);
    EXPECT_EQ(stream_lines(many).articles.size(), 3000u);
}

TEST_F(JsonLinesStreamReader, AnOverlongLineIsSkippedWithoutBeingHeld) {
    const std::string huge = "{\"title\": \"Huge\", \"body\": \"" + std::string(kMaxArticleBytes + 10, 'y') + "\"}\n";
    const auto r = stream_lines("{\"title\": \"Before\"}\n" + huge + "{\"title\": \"After\"}\n");
    ASSERT_EQ(r.articles.size(), 2u);
    EXPECT_EQ(r.articles[1].title, "After");
    EXPECT_EQ(r.articles[1].line, 3u);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].line, 2u);
    EXPECT_NE(r.problems[0].message.find("longer than the 8 MiB"), std::string::npos);
    EXPECT_THROW(stream_json_lines(dir_ / "missing.jsonl", default_field_names(),
                                   ReadSink{[](Article&&) { return true; }, [](Problem&&) {}}),
                 InputError);
}

TEST(FieldNames, FieldMapsNameTheKeyAFieldIsIn) {
    FieldNames names;
    names.map("title=headline_text");
    names.map(" Date = Published_At ");
    EXPECT_EQ(names.keys(RecordField::kTitle), std::vector<std::string>{"headline_text"});
    EXPECT_EQ(names.keys(RecordField::kDate), std::vector<std::string>{"published_at"});
    EXPECT_TRUE(names.mapped(RecordField::kTitle));
    EXPECT_FALSE(names.mapped(RecordField::kBody));
    try {
        names.map("headline=title");
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "--field headline=title: unknown field 'headline' (fields: body, title, date, url, "
                               "source, topics, id, author, language)");
    }
    EXPECT_THROW(names.map("title"), UsageError);
    EXPECT_THROW(names.map("title="), UsageError);
}

TEST(FieldNames, EveryRecordFormatReadsTheMappedKeys) {
    FieldNames names;
    names.map("title=headline_text");
    names.map("body=story");
    names.map("date=when");
    names.map("source=outlet");
    const std::string record = R"({"headline_text": "Mapped", "story": "The story.", "when": "2025-03-01",
                                   "outlet": "Wire", "title": "Not this", "text": "Nor this."})";
    for (const auto& r : {read_json_records("[" + record + "]", "x.json", names),
                          read_json_lines(record.substr(0, record.find('\n')) + record.substr(record.find('\n') + 1) + "\n",
                                          "x.jsonl", names)}) {
        ASSERT_EQ(r.articles.size(), 1u);
        EXPECT_EQ(r.articles[0].title, "Mapped");
        EXPECT_EQ(r.articles[0].body, "The story.");
        EXPECT_EQ(r.articles[0].date.substr(0, 8), "20250301");
        EXPECT_EQ(r.articles[0].source, "Wire");
    }
    auto csv = read_csv("Headline_Text,story,when\nMapped,The story.,2025-03-01\n", "x.csv", names);
    ASSERT_EQ(csv.articles.size(), 1u);
    EXPECT_EQ(csv.articles[0].title, "Mapped");
    EXPECT_EQ(csv.articles[0].body, "The story.");
    // Unmapped, the common names in any case: "pubDate", "Headline".
    auto common = read_json_records(R"([{"Headline": "Common", "content": "Body.", "pubDate": "2025-03-02"}])", "x.json");
    ASSERT_EQ(common.articles.size(), 1u);
    EXPECT_EQ(common.articles[0].title, "Common");
    EXPECT_EQ(common.articles[0].date.substr(0, 8), "20250302");
}

}  // namespace
