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

/// Where the page is served, from the CGI environment: what a feed needs
/// for absolute links.
struct PageAddress {
    bool https = false;  ///< HTTPS is "on"
    /// HTTP_HOST, else SERVER_NAME with SERVER_PORT: "news.example.org",
    /// "127.0.0.1:8080"; "" when unknown or not a host name (links stay relative).
    std::string host;
    std::string path;  ///< SCRIPT_NAME: "/news"

    /// @p host_header (HTTP_HOST), else @p server_name and @p server_port
    /// (SERVER_NAME, SERVER_PORT); anything but a host name and port is left out.
    static PageAddress from_environment(std::string_view https, std::string_view host_header,
                                        std::string_view server_name, std::string_view server_port,
                                        std::string_view script_name);

    /// "https://news.example.org/news", "" when the host is unknown.
    std::string base() const;
};

class App {
  public:
    /// @p db_path: the database (from NEWSDESK_DB or the config file; "" when
    /// neither names one). It is opened on the first request and kept open,
    /// reopened when older than @p max_age so a FastCGI process sees new articles.
    /// @p now: NEWSDESK_NOW as set ("" for the clock), the day relative dates
    /// and sort=fresh count from (for tests, and archives whose newest article is old).
    explicit App(std::string db_path, std::chrono::seconds max_age = std::chrono::seconds(1), std::string now = "");

    /// Answer one request. @p method is REQUEST_METHOD, @p query_string
    /// QUERY_STRING, @p address where the page is served (for a feed's links).
    Response handle(std::string_view method, std::string_view query_string, const PageAddress& address = {}) noexcept;

  private:
    Response respond(std::string_view method, std::string_view query_string, const PageAddress& address);
    search::Searcher& searcher();
    Xapian::Database& database();

    std::string db_path_;
    std::chrono::seconds max_age_;
    std::string now_text_;  ///< NEWSDESK_NOW as set
    std::optional<std::string> now_;  ///< as a sortable date; nullopt when now_text_ is not a date
    std::optional<search::Searcher> searcher_;
    std::optional<Xapian::Database> database_;  ///< for the article view
    std::chrono::steady_clock::time_point opened_at_;
};

}  // namespace newsdesk::cgi
