// JSON exports streamed: a file read in blocks, with one record in memory at
// a time (stream_json_records), so that a 2 GB export does not take 2 GB.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <streambuf>

#include "article_fields.h"
#include "error.h"
#include "file_blocks.h"
#include "json_export.h"
#include "reader.h"
#include "text_util.h"

namespace newsdesk::readers {

using namespace json_export;

namespace {

/// The first invalid UTF-8 of a file fed to it block by block, named as
/// invalid_utf8() names it in the whole file.
class Utf8Scan {
  public:
    /// @p end: @p block is the file's last (possibly empty).
    void feed(std::string_view block, bool end) {
        if (problem_) return;
        pending_.append(block);
        std::size_t done = pending_.size();
        if (auto bad = text::first_invalid_utf8(pending_); bad != std::string::npos) {
            if (end || pending_.size() - bad >= 4) {
                problem_ = invalid_utf8(pending_);
                problem_->line += lines_;
                return;
            }
            done = bad;  // a character that the next block may complete
        }
        lines_ += static_cast<std::size_t>(std::count(pending_.begin(), pending_.begin() + done, '\n'));
        pending_.erase(0, done);
    }
    const std::optional<Problem>& problem() const { return problem_; }

  private:
    std::string pending_;    ///< bytes not yet known to be valid
    std::size_t lines_ = 0;  ///< line breaks before pending_
    std::optional<Problem> problem_;
};

/// A stream's first line, up to its first '\n', as a stream of its own.
class FirstLine : public std::streambuf {
  public:
    explicit FirstLine(std::streambuf& in) : in_(in) {}
    bool ended() const { return ended_; }  ///< whether a '\n' was reached

  protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        if (ended_) return traits_type::eof();
        const int_type c = in_.sbumpc();
        if (c == traits_type::eof()) return c;
        if (traits_type::to_char_type(c) == '\n') {
            ended_ = true;
            return traits_type::eof();
        }
        c_ = traits_type::to_char_type(c);
        setg(&c_, &c_, &c_ + 1);
        return c;
    }

  private:
    std::streambuf& in_;
    bool ended_ = false;
    char c_ = 0;
};

/// One value's DOM built from SAX events, as json::parse builds it (a
/// repeated key keeps its last value).
class DomBuilder {
  public:
    void open(json::value_t kind) { stack_.push_back(add(json(kind))); }
    void value(json&& v) { add(std::move(v)); }
    void key(std::string& k) { key_ = std::move(k); }
    /// @return whether the outermost container closed: the value is complete.
    bool close() {
        stack_.pop_back();
        return stack_.empty();
    }
    json take() { return std::move(root_); }

  private:
    json* add(json&& v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        json& slot = parent[key_];
        slot = std::move(v);
        return &slot;
    }

    json root_;
    std::vector<json*> stack_;  ///< the open containers; a child's address is stable while it is open
    std::string key_;
};

/// What pass 1 learns of an export: where its records are, and its name.
struct ExportShape {
    json::value_t top = json::value_t::null;
    json name;                        ///< an export object's "name" (its last, as in a DOM)
    std::string list_key;             ///< an export object's record list: its key,
    std::size_t list_occurrence = 0;  ///< and which of that key's values (the last)

    bool has_records() const { return top == json::value_t::array || !list_key.empty(); }
};

/// SAX events of an export. Without a callback (pass 1) it learns the
/// export's shape, keeping nothing but its name; with one (pass 2) it builds
/// each record of the shape's list in turn and hands it over.
class ExportSax final : public nlohmann::json_sax<json> {
  public:
    using Each = std::function<bool(json&& record)>;  ///< @return false to stop

    ExportSax() = default;
    ExportSax(const ExportShape& shape, Each each) : wanted_(&shape), each_(std::move(each)) {}

    bool null() override { return scalar(json()); }
    bool boolean(bool v) override { return scalar(json(v)); }
    bool number_integer(number_integer_t v) override { return scalar(json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(json(v)); }
    bool number_float(number_float_t v, const string_t&) override { return scalar(json(v)); }
    bool string(string_t& v) override { return scalar(json(std::move(v))); }
    bool binary(binary_t& v) override { return scalar(json::binary(std::move(v))); }
    bool start_object(std::size_t) override { return open(json::value_t::object); }
    bool start_array(std::size_t) override { return open(json::value_t::array); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }
    bool key(string_t& k) override {
        if (capture_ != Role::kSkip) builder_.key(k);
        else if (depth_ == 1) key_ = k;
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
        error_ = e.what();
        return false;
    }

    const std::string& error() const { return error_; }  ///< json::parse's message, or ""

    /// Pass 1's findings: the record list read_json_records would take.
    ExportShape shape() {
        ExportShape shape;
        shape.top = top_;
        shape.name = std::move(name_);
        for (const char* key : kRecordLists) {
            auto it = lists_.find(key);
            if (it != lists_.end() && it->second.last_is_array) {
                shape.list_key = key;
                shape.list_occurrence = it->second.count - 1;
                break;
            }
        }
        return shape;
    }

  private:
    enum class Role { kSkip, kName, kRecord };
    struct ListKey {
        std::size_t count = 0;       ///< values the key was given
        bool last_is_array = false;  ///< whether the last was an array
    };

    /// A value begins, outside any record or name being built: its role.
    Role begin(json::value_t kind) {
        if (depth_ == 0) {
            top_ = kind;
            if (kind == json::value_t::array) list_depth_ = 1;
            return Role::kSkip;
        }
        if (depth_ == list_depth_) return each_ ? Role::kRecord : Role::kSkip;
        if (depth_ != 1 || top_ != json::value_t::object) return Role::kSkip;
        if (key_ == "name") return each_ ? Role::kSkip : Role::kName;
        for (const char* list : kRecordLists) {
            if (key_ != list) continue;
            ListKey& seen = lists_[key_];
            const bool wanted = wanted_ && key_ == wanted_->list_key && seen.count == wanted_->list_occurrence;
            ++seen.count;
            seen.last_is_array = kind == json::value_t::array;
            if (wanted && seen.last_is_array) list_depth_ = 2;
        }
        return Role::kSkip;
    }

    bool scalar(json&& v) {
        if (capture_ != Role::kSkip) {
            builder_.value(std::move(v));
            return true;
        }
        const Role role = begin(v.type());
        if (role == Role::kName) name_ = std::move(v);
        return role == Role::kRecord ? each_(std::move(v)) : true;
    }

    bool open(json::value_t kind) {
        if (capture_ == Role::kSkip) capture_ = begin(kind);
        if (capture_ != Role::kSkip) builder_.open(kind);
        ++depth_;
        return true;
    }

    bool close() {
        --depth_;
        if (capture_ == Role::kSkip) {
            if (depth_ + 1 == list_depth_) list_depth_ = 0;  // the record list ended
            return true;
        }
        if (!builder_.close()) return true;
        const Role done = std::exchange(capture_, Role::kSkip);
        if (done == Role::kName) {
            name_ = builder_.take();
            return true;
        }
        return each_(builder_.take());
    }

    const ExportShape* wanted_ = nullptr;
    Each each_;
    std::size_t depth_ = 0;       ///< containers open
    std::size_t list_depth_ = 0;  ///< the depth of the records being read (0: none)
    json::value_t top_ = json::value_t::null;
    std::string key_;             ///< the export object's key being read
    std::map<std::string, ListKey> lists_;
    json name_;
    Role capture_ = Role::kSkip;  ///< what builder_ is building
    DomBuilder builder_;
    std::string error_;
};

/// Whether the file's first line, up to a '\n' it has, is a JSON value.
bool first_line_is_json(const std::filesystem::path& path) {
    FileBlocks blocks(path);
    FirstLine line(blocks);
    std::istream in(&line);
    return json::accept(in) && line.ended();
}

}  // namespace

bool stream_json_records(const std::filesystem::path& path, const FieldNames& names, const ReadSink& sink) {
    // Pass 1, checking: the whole file is read before any record is handed
    // over, because read_json_records gives no article of a file that is
    // not UTF-8 or not JSON throughout, and the indexer cannot take back
    // articles it was given. This costs a parse without a DOM, a small part
    // of the time it takes to index the records.
    ExportShape shape;
    {
        Utf8Scan utf8;
        FileBlocks blocks(path, [&utf8](std::string_view block, bool end) { utf8.feed(block, end); });
        std::istream in(&blocks);
        ExportSax sax;
        json::sax_parse(in, &sax);
        blocks.drain();
        if (utf8.problem()) {
            sink.problem(Problem(*utf8.problem()));
            return true;
        }
        if (!sax.error().empty()) {
            if (first_line_is_json(path)) return false;  // JSON Lines
            sink.problem(malformed(sax.error()));
            return true;
        }
        shape = sax.shape();
    }
    if (!shape.has_records()) {
        sink.problem(no_record_list());
        return true;
    }
    // Pass 2: the records, one at a time.
    const std::string export_name = shape.top == json::value_t::object ? text_of(shape.name) : "";
    std::size_t record = 0;
    bool stopped = false;
    ExportSax sax(shape, [&](json&& item) {
        ReadResult one;
        read_record(item, ++record, export_name, names, one);
        for (auto& problem : one.problems) sink.problem(std::move(problem));
        for (auto& article : one.articles) stopped = stopped || !sink.article(std::move(article));
        return !stopped;
    });
    FileBlocks blocks(path);
    std::istream in(&blocks);
    json::sax_parse(in, &sax);
    if (!stopped && !sax.error().empty()) sink.problem(malformed(sax.error()));  // changed since pass 1
    return true;
}

}  // namespace newsdesk::readers
