// newsdesk.cgi: the search page. As a CGI program it answers one request and
// exits; started by a FastCGI server (stdin is a socket) or with --fastcgi it
// answers requests in a loop, keeping the database open between them.
#include <fcgiapp.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "cgi_app.h"
#include "cgi_params.h"

using namespace newsdesk;

namespace {

/// A CGI request still running after this long is stopped with a 503: the
/// search library's own time limit should have ended it long before.
constexpr unsigned kHardLimitSeconds = 20;

constexpr const char* kUsage =
    "Usage: newsdesk.cgi                 run by a web server as a CGI program (or FastCGI, when\n"
    "                                    the server hands it a socket on stdin)\n"
    "       newsdesk.cgi --fastcgi[=ADDRESS]\n"
    "                                    serve FastCGI on stdin, or on ADDRESS (:PORT, HOST:PORT\n"
    "                                    or a socket path) for nginx or a FastCGI spawner\n"
    "The database is NEWSDESK_DB from the environment, else the 'db = PATH' line of\n"
    "/etc/newsdesk.conf. NEWSDESK_NOW=YYYY-MM-DD makes relative dates and sort=fresh\n"
    "count from that day rather than from the clock. Requests take q, actor, region,\n"
    "topic, language, from, to, sort, half_life, match, page, format=json|atom and id\n"
    "(one article).\n";

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string database() { return cgi::database_path(std::getenv("NEWSDESK_DB")); }

/// The App of this process: its database, and NEWSDESK_NOW.
cgi::App make_app() { return cgi::App(database(), std::chrono::seconds(1), env("NEWSDESK_NOW")); }

void on_hard_limit(int) {
    static const char kTimeout[] =
        "Status: 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Security-Policy: default-src 'none'\r\nX-Content-Type-Options: nosniff\r\n\r\n"
        "The search took too long. Please try a narrower search.\n";
    ssize_t ignored = write(STDOUT_FILENO, kTimeout, sizeof kTimeout - 1);
    (void)ignored;
    _exit(0);
}

int serve_cgi() {
    std::signal(SIGALRM, on_hard_limit);
    alarm(kHardLimitSeconds);
    cgi::App app = make_app();
    const auto address = cgi::PageAddress::from_environment(env("HTTPS"), env("HTTP_HOST"), env("SERVER_NAME"),
                                                            env("SERVER_PORT"), env("SCRIPT_NAME"));
    cgi::Response response =
        app.handle(env("REQUEST_METHOD").empty() ? "GET" : env("REQUEST_METHOD"), env("QUERY_STRING"), address);
    alarm(0);
    cgi::write_response(response, [](std::string_view part) {
        std::cout.write(part.data(), static_cast<std::streamsize>(part.size()));
    });
    return std::cout.flush() ? 0 : 1;
}

std::string param(FCGX_Request& request, const char* name) {
    const char* value = FCGX_GetParam(name, request.envp);
    return value ? value : "";
}

int serve_fastcgi(int socket) {
    if (FCGX_Init() != 0) {
        std::cerr << "newsdesk.cgi: cannot initialise FastCGI\n";
        return 1;
    }
    FCGX_Request request;
    FCGX_InitRequest(&request, socket, 0);
    // One App for the life of the process: the database stays open between
    // requests (App reopens it now and then to see new articles).
    cgi::App app = make_app();
    while (FCGX_Accept_r(&request) >= 0) {
        std::string method = param(request, "REQUEST_METHOD");
        const auto address =
            cgi::PageAddress::from_environment(param(request, "HTTPS"), param(request, "HTTP_HOST"),
                                               param(request, "SERVER_NAME"), param(request, "SERVER_PORT"),
                                               param(request, "SCRIPT_NAME"));
        cgi::Response response = app.handle(method.empty() ? "GET" : method, param(request, "QUERY_STRING"), address);
        cgi::write_response(response, [&](std::string_view part) {
            FCGX_PutStr(part.data(), static_cast<int>(part.size()), request.out);
        });
        FCGX_Finish_r(&request);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    std::string arg = argc > 1 ? argv[1] : "";
    if (arg == "--help" || arg == "-h") {
        std::cout << kUsage;
        return 0;
    }
    if (arg.rfind("--fastcgi=", 0) == 0) {
        int socket = FCGX_OpenSocket(arg.c_str() + std::strlen("--fastcgi="), 128);
        if (socket < 0) {
            std::cerr << "newsdesk.cgi: cannot listen on " << arg.substr(10) << "\n";
            return 1;
        }
        return serve_fastcgi(socket);
    }
    if (arg == "--fastcgi" || !FCGX_IsCGI()) return serve_fastcgi(0);
    if (!arg.empty()) {
        std::cerr << "newsdesk.cgi: unknown option '" << arg << "'\n" << kUsage;
        return 2;
    }
    return serve_cgi();
}
