/** @file
 *  @brief The search page as a function: a request in, a complete HTTP response out.
 *
 *  Shared by the CGI and FastCGI modes of newsdesk.cgi, and testable without a
 *  server. handle() never throws: bad parameters and malformed queries give a
 *  friendly 400 page, a missing or unreadable database a 503, anything
 *  unforeseen a 500 (a bug, never caused by what a request holds).
 */
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "search.h"

namespace newsdesk::cgi {

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    bool head_only = false;  ///< a HEAD request: headers without the body
};

/// The CGI header block for @p response ("Status: ...", Content-Type, the
/// security headers), ending with the blank line.
std::string cgi_headers(const Response& response);

/// Writes @p response as newsdesk.cgi sends it, through @p write (called
/// with string_views): the headers, then the body unless head_only. The two
/// are written one after the other, not joined: joining copies a page of tens
/// of kilobytes into fresh memory.
template <typename Write>
void write_response(const Response& response, Write&& write) {
    write(std::string_view(cgi_headers(response)));
    if (!response.head_only) write(std::string_view(response.body));
}

/// @p response as write_response() sends it, in one string.
std::string serialize(const Response& response);

class App {
  public:
    /// @p db_path: the database (from NEWSDESK_DB or the config file; "" when
    /// neither names one). It is opened on the first request and kept open,
    /// reopened when older than @p max_age so a FastCGI process sees new articles.
    explicit App(std::string db_path, std::chrono::seconds max_age = std::chrono::seconds(1));

    /// Answer one request. @p method is REQUEST_METHOD, @p query_string QUERY_STRING.
    Response handle(std::string_view method, std::string_view query_string) noexcept;

  private:
    Response respond(std::string_view method, std::string_view query_string);
    search::Searcher& searcher();
    Xapian::Database& database();

    std::string db_path_;
    std::chrono::seconds max_age_;
    std::optional<search::Searcher> searcher_;
    std::optional<Xapian::Database> database_;  ///< for the article view
    std::chrono::steady_clock::time_point opened_at_;
};

}  // namespace newsdesk::cgi
