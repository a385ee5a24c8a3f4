/** @file
 *  @brief The parts of reading a JSON export that its two readers share:
 *  read whole (read_json_records) and streamed (stream_json_records).
 */
#pragma once

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <string>

#include "reader.h"

namespace newsdesk::readers::json_export {

using json = nlohmann::json;

/// Keys under which an export object holds its records, in order of preference.
inline constexpr std::initializer_list<const char*> kRecordLists = {"messages", "articles", "items", "posts",
                                                                    "records", "data", "results"};

/// A field's text: a string, a number, or Telegram's list of text runs
/// (strings and {"type": ..., "text": ...} objects); "" otherwise.
std::string text_of(const json& value, int depth = 0);

/// The records of @p doc: the document itself when it is an array, else
/// the first record list an export object holds; nullptr for none.
const json* record_list(const json& doc);

/// One element of a record list: an article, nothing (a Telegram service
/// entry) or a problem naming it by @p record, added to @p out.
void read_record(const json& item, std::size_t record, const std::string& export_name, const FieldNames& names,
                 ReadResult& out);

/// The problems of a file that is no JSON, or holds no list of records.
Problem malformed(const std::string& what);
Problem no_record_list();

}  // namespace newsdesk::readers::json_export
