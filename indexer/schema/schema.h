/** @file
 *  @brief The document schema: the contract between newsdesk-index and every searcher.
 *
 *  Term prefixes, value slots, stored fields and facets are defined here and
 *  nowhere else. Prefixes follow Xapian Omega's conventions (docs/termprefixes.rst)
 *  so that xapian-delve and quest read our databases sensibly: single capital
 *  letters where Omega defines a meaning (Q unique id, S title, A author, L
 *  language, D/M/Y dates), X-prefixes for our own fields.
 *
 *  Changing anything here changes the on-disk format: bump kSchemaVersion.
 */
#pragma once

#include <xapian.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::schema {

/// Stored in the database metadata under kMetaSchemaVersion.
/// 2: one facet-summary slot replaced a slot per facet.
inline constexpr int kSchemaVersion = 2;

/// Value slots.
enum Slot : Xapian::valueno {
    /// Publication date and time, "YYYYMMDDHHMMSS" (time "000000" when unknown):
    /// sorts as a string, its first 8, 6 or 4 characters give day, month and year.
    kDateSlot = 0,
    /// All a document gives facet counting, in one value (encode_facet_summary):
    /// counting reads one value stream for every facet, where a slot per
    /// facet cost a pass over each (most of a faceted search's time).
    kFacetSummarySlot = 1,
};

/// Term prefixes.
namespace prefix {
inline constexpr std::string_view kId = "Q";          ///< unique id, boolean
inline constexpr std::string_view kTitle = "S";       ///< title words, free text
inline constexpr std::string_view kAuthor = "A";      ///< author words, free text
inline constexpr std::string_view kLanguage = "L";    ///< language code, boolean
inline constexpr std::string_view kDay = "D";         ///< YYYYMMDD, boolean (Omega)
inline constexpr std::string_view kMonth = "M";       ///< YYYYMM, boolean (Omega)
inline constexpr std::string_view kYear = "Y";        ///< YYYY, boolean (Omega)
inline constexpr std::string_view kActor = "XA";      ///< actor facet value, boolean
inline constexpr std::string_view kRegion = "XR";     ///< region facet value, boolean
inline constexpr std::string_view kTopic = "XT";      ///< topic facet value, boolean
inline constexpr std::string_view kSource = "XS";     ///< source (publication) value, boolean
inline constexpr std::string_view kSection = "XSEC";  ///< section value, boolean
inline constexpr std::string_view kFile = "XF";       ///< hash of the source file's path, boolean
}  // namespace prefix

/// Database metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "newsdesk:schema";
inline constexpr std::string_view kMetaLanguage = "newsdesk:language";
/// "newsdesk:label:<facet>:<value>" -> the human label of a facet value.
inline constexpr std::string_view kMetaLabelPrefix = "newsdesk:label:";
/// "newsdesk:file:<path>" -> the state of an indexed input file (see file_state.h).
inline constexpr std::string_view kMetaFilePrefix = "newsdesk:file:";

/// What a query-language field does with the text after "name:".
enum class FieldKind {
    kFreeText,  ///< words, stemmed, searched with a term prefix (title:)
    kBoolean,   ///< an exact value, used as a filter (source:, lang:)
    kFacet,     ///< an exact, multi-valued facet value (actor:, region:, topic:)
    kDate,      ///< a date or date range over kDateSlot (date:)
};

/// One field of the query language and of the stored document.
struct Field {
    std::string_view name;    ///< query-language name and facet name, e.g. "actor"
    std::string_view prefix;  ///< term prefix
    FieldKind kind;
    std::optional<Xapian::valueno> slot;  ///< value slot of its own (the date; facets share kFacetSummarySlot)
    std::string_view label;               ///< heading shown to people, e.g. "Actor"
};

/// Every field of the query language, in one table (indexer and searcher use it).
const std::vector<Field>& fields();

/// The field called @p name, or nullptr.
const Field* find_field(std::string_view name);

/// The multi-valued facets (actor, region, topic), in display order.
const std::vector<const Field*>& facet_fields();

/// Name of the date facet ("date"): a histogram over kDateSlot, not a term field.
inline constexpr std::string_view kDateFacet = "date";

/// Encode a multi-valued facet for its value slot. Values must not contain '\0'.
std::string encode_values(const std::vector<std::string>& values);

/// Decode what encode_values() wrote. Calls @p each for every value.
template <typename Fn>
void for_each_value(std::string_view encoded, Fn&& each) {
    while (!encoded.empty()) {
        auto end = encoded.find('\0');
        each(encoded.substr(0, end));
        if (end == std::string_view::npos) break;
        encoded.remove_prefix(end + 1);
    }
}

/// Separates the parts of a facet summary; facet values never contain it.
inline constexpr char kSummarySeparator = '\x1e';

/// The kFacetSummarySlot value: the day "YYYYMMDD" (empty when unknown),
/// then for each facet of facet_fields(), in order, kSummarySeparator and
/// its values encoded by encode_values(). @p values_per_facet follows
/// facet_fields(); a value holding '\0' or the separator is left out.
std::string encode_facet_summary(std::string_view day, const std::vector<std::vector<std::string>>& values_per_facet);

/// The position of facet @p name in facet_fields(), or -1.
int facet_index(std::string_view name);

/// Normalise a facet or boolean value to its canonical form: lower case ASCII
/// letters, digits and '-', runs of anything else become one '-'
/// ("James Baker" -> "james-baker", "West Germany" -> "west-germany").
/// Non-ASCII UTF-8 letters are kept, lower-cased where Xapian::Unicode knows how.
std::string slugify(std::string_view text);

/// The boolean term for @p value under @p prefix, with Omega's ':' separator
/// when the value starts with a capital letter.
std::string boolean_term(std::string_view prefix, std::string_view value);

/// Metadata key of the label of @p value in facet @p facet.
std::string label_key(std::string_view facet, std::string_view value);

}  // namespace newsdesk::schema
