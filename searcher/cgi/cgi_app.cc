#include "cgi_app.h"

#include <nlohmann/json.hpp>

#include <sstream>

#include "cgi_params.h"
#include "error.h"
#include "html.h"
#include "render.h"
#include "schema.h"
#include "stored.h"

namespace newsdesk::cgi {

namespace {

/// Nothing but inline styles and data: images may run: no script, no frame,
/// no form posting elsewhere.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'";

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 503: return "Service Unavailable";
        default: return "Internal Server Error";
    }
}

bool is_json(std::string_view query_string) {
    // Errors in parsing the parameters still answer a script in JSON when it asked for it.
    return query_string.find("format=json") != std::string_view::npos;
}

Response error_response(int status, bool json, const std::string& heading, const std::string& message,
                        const PageParams& params = {}) {
    Response r;
    r.status = status;
    if (json) {
        r.content_type = "application/json";
        r.body = nlohmann::json{{"error", message}, {"status", status}}.dump(2, ' ', false,
                                                                          nlohmann::json::error_handler_t::replace) + "\n";
    } else {
        r.body = message_page(params, heading, message);
    }
    return r;
}

/// What an error page keeps of the request: the query to fix, nothing that
/// might be the bad part.
PageParams keep_query(std::string_view query_string) {
    PageParams kept;
    try {
        kept.q = parse_params(query_string).q;
    } catch (const Error&) {
    }
    return kept;
}

/// The stored data of the article called @p id, if there is one.
std::optional<std::string> article_data(Xapian::Database& db, const std::string& id) {
    const std::string term = schema::id_term(id);
    for (int attempt = 1;; ++attempt) {
        try {
            Xapian::PostingIterator it = db.postlist_begin(term);
            if (it == db.postlist_end(term)) return std::nullopt;
            return db.get_document(*it).get_data();
        } catch (const Xapian::DatabaseModifiedError&) {
            // An indexer committed over the revision we were reading: the latest one.
            if (attempt == 3) throw;
            db.reopen();
        }
    }
}

/// The search as an Atom feed, its links absolute where the address is known.
std::string feed(const PageParams& params, const search::SearchResult& result, const PageAddress& address) {
    const std::string base = address.base();
    search::FeedInfo info;
    info.self = base + feed_query_string(params);
    info.alternate = base + search_query_string(params);
    info.article_link_prefix = base + "?id=";
    info.query = search::feed_query(to_search_request(params));
    std::ostringstream out;
    search::render_atom(result, info, out);
    return out.str();
}

Response article_response(const PageParams& params, const std::string& data) {
    Response r;
    if (params.json) {
        r.content_type = "application/json";
        r.body = nlohmann::json::parse(data).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } else {
        r.body = article_page(params, schema::from_document_data(data));
    }
    return r;
}

}  // namespace

std::string cgi_headers(const Response& response) {
    return "Status: " + std::to_string(response.status) + " " + reason(response.status) +
           "\r\nContent-Type: " + response.content_type +
           "\r\nContent-Security-Policy: " + kContentSecurityPolicy +
           "\r\nX-Content-Type-Options: nosniff"
           "\r\nReferrer-Policy: no-referrer"
           "\r\nCache-Control: no-store"
           "\r\nContent-Length: " + std::to_string(response.body.size()) +
           (response.status == 405 ? "\r\nAllow: GET, HEAD" : "") + "\r\n\r\n";
}

std::string serialize(const Response& response) {
    std::string out;
    write_response(response, [&](std::string_view part) { out += part; });
    return out;
}

PageAddress PageAddress::from_environment(std::string_view https, std::string_view host_header,
                                          std::string_view server_name, std::string_view server_port,
                                          std::string_view script_name) {
    // A host name or address and a port: the Host header is the client's to
    // write, and what is not one is left out rather than echoed.
    auto is_host = [](std::string_view host) {
        return !host.empty() && host.size() <= 255 &&
               host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
                   std::string_view::npos;
    };
    PageAddress address;
    address.https = https == "on" || https == "ON" || https == "1";
    std::string host(host_header);
    if (host.empty() && !server_name.empty()) {
        host = server_name;
        const bool default_port = server_port.empty() || server_port == (address.https ? "443" : "80");
        if (!default_port) host += ":" + std::string(server_port);
    }
    if (is_host(host)) address.host = host;
    if (script_name.find_first_of("\"<>\\ ") == std::string_view::npos) address.path = script_name;
    return address;
}

std::string PageAddress::base() const {
    return host.empty() ? "" : (https ? "https://" : "http://") + host + path;
}

App::App(std::string db_path, std::chrono::seconds max_age, std::string now)
    : db_path_(std::move(db_path)), max_age_(max_age), now_text_(std::move(now)),
      now_(now_text_.empty() ? std::optional<std::string>("") : search::parse_now(now_text_)) {}

Response App::handle(std::string_view method, std::string_view query_string, const PageAddress& address) noexcept {
    bool json = is_json(query_string);
    try {
        Response r = respond(method, query_string, address);
        r.head_only = method == "HEAD";
        return r;
    } catch (const UsageError& e) {
        return error_response(400, json, "That search could not be run", e.what(), keep_query(query_string));
    } catch (const DatabaseError& e) {
        searcher_.reset();
        database_.reset();
        return error_response(503, json, "Search is unavailable", e.what());
    } catch (const Error& e) {
        // The library's "search failed" errors come from the query (too many
        // wildcard expansions and the like): the user can change it.
        return error_response(400, json, "That search could not be run", e.what(), keep_query(query_string));
    } catch (const Xapian::Error& e) {
        searcher_.reset();
        database_.reset();
        return error_response(503, json, "Search is unavailable", "the database could not be read: " + e.get_msg());
    } catch (const std::exception& e) {
        return error_response(500, json, "Something went wrong", std::string("internal error: ") + e.what());
    } catch (...) {
        return error_response(500, json, "Something went wrong", "internal error");
    }
}

Response App::respond(std::string_view method, std::string_view query_string, const PageAddress& address) {
    if (method != "GET" && method != "HEAD")
        return error_response(405, false, "Only GET requests", "this page answers GET and HEAD requests only");
    PageParams params = parse_params(query_string);
    if (db_path_.empty())
        throw DatabaseError("no database is configured: set NEWSDESK_DB in the web server's environment, or "
                            "put a line 'db = /path/to/database' in /etc/newsdesk.conf");
    if (!now_)
        return error_response(503, params.json, "Search is unavailable",
                              "NEWSDESK_NOW '" + now_text_ + "' in the web server's environment is not a date "
                              "(YYYY-MM-DD): fix it or remove it");
    if (!params.article_id.empty()) {
        std::optional<std::string> data = article_data(database(), params.article_id);
        if (!data)
            return error_response(404, params.json, "No such article",
                                  "there is no article with the id '" + params.article_id + "'", params);
        return article_response(params, *data);
    }
    search::SearchRequest request = to_search_request(params, *now_);
    // The page asks for one hit more than it shows, to know whether another
    // page follows: the totals cannot tell for a list of stories.
    const bool page = !params.atom && !params.json;
    if (page) ++request.limit;
    search::SearchResult result = searcher().search(request);
    std::optional<bool> more;
    if (page) {
        more = result.hits.size() > kPageSize;
        if (*more) result.hits.resize(kPageSize);
    }
    // Links and selections name each filter value as the facets do
    // (region=Ukraine selects the sidebar's "ua").
    for (const auto& [facet, values] : result.filters) params.filters[facet] = values;
    Response r;
    if (params.atom) {
        r.content_type = "application/atom+xml; charset=utf-8";
        r.body = feed(params, result, address);
    } else if (params.json) {
        r.content_type = "application/json";
        r.body = search::to_json(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } else {
        r.body = results_page(params, result, more);
    }
    return r;
}

search::Searcher& App::searcher() {
    auto now = std::chrono::steady_clock::now();
    if (!searcher_ || now - opened_at_ > max_age_) {
        searcher_.reset();
        searcher_.emplace(db_path_);
        database_.reset();
        opened_at_ = now;
    }
    return *searcher_;
}

Xapian::Database& App::database() {
    searcher();  // checks the path the library's way, with its messages
    if (!database_) database_.emplace(db_path_);
    return *database_;
}

}  // namespace newsdesk::cgi
