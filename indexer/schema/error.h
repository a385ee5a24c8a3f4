/** @file
 *  @brief The one exception hierarchy of newsdesk's libraries.
 *
 *  Library code never prints or exits: it throws one of these, and the
 *  front ends (newsdesk-index, newsdesk-search, newsdesk.cgi) turn them into
 *  a message and an exit code or an HTTP status.
 */
#pragma once

#include <stdexcept>
#include <string>

namespace newsdesk {

/// Base of every error newsdesk's libraries throw.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A bad value from the user: an option, a parameter, a query.
class UsageError : public Error {
  public:
    using Error::Error;
};

/// One input (a file, a line of a file) could not be read as an article.
/// The indexer reports it, counts it and goes on.
class InputError : public Error {
  public:
    using Error::Error;
};

/// The database could not be opened, read or written.
class DatabaseError : public Error {
  public:
    using Error::Error;
};

/// A part of the database (a remote shard) cannot be reached, and the
/// search may not answer without it. Front ends say so as "unavailable"
/// (exit 69, HTTP 503).
class UnavailableError : public DatabaseError {
  public:
    using DatabaseError::DatabaseError;
};

}  // namespace newsdesk
