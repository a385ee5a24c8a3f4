/** @file
 *  @brief Names of facet values: what people type for a region or an actor,
 *  and the canonical value it stands for.
 *
 *  The indexer resolves every label through the gazetteer to one canonical
 *  value ("Russia", "Russian Federation" and "RU" are all "ru") and records,
 *  in the database's metadata, each name that stands for a value it indexed.
 *  The searcher resolves what a user types (--region Ukraine,
 *  region:"United States", --actor Putin) through those records, so it needs
 *  no gazetteer of its own and a database answers for itself.
 */
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "schema.h"

namespace newsdesk::schema {

/// @p text normalised for comparing names: lower case, Latin accents
/// dropped ("Türkiye" -> "turkiye", "Straße" -> "strasse"), Cyrillic "ё" as
/// "е", and every run of characters that are not letters or digits one
/// space ("Côte d'Ivoire" -> "cote d ivoire", "west-germany" -> "west germany").
std::string name_key(std::string_view text);

/// Metadata key recording which value of facet @p facet the name with
/// name_key() @p key stands for: "newsdesk:name:<facet>:<key>".
std::string facet_name_key(std::string_view facet, std::string_view key);

/// The value of facet @p field that @p text, as a user typed it, stands for
/// in @p db: the value itself when @p db has it ("ua", "james-baker"), else
/// the value a recorded name points to ("Ukraine", "usa", "Putin"), else the
/// slug of @p text, which matches nothing (as an unknown word does). "" when
/// @p text has no letters or digits.
std::string resolve_facet_value(const Xapian::Database& db, const Field& field, std::string_view text);

}  // namespace newsdesk::schema
