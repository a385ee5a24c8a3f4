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
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::schema {

/// Stored in the database metadata under kMetaSchemaVersion.
/// 2: one facet-summary slot replaced a slot per facet.
/// 3: the summary holds ids from per-facet dictionaries, not the values.
/// 4: dictionary entries are kept 64 to a metadata key (facet_chunk_key).
/// 5: actor and region values are the gazetteer's canonical ids ("usa" and
///    "russia" became "us" and "ru"); entries carry a parent; names recorded
///    (facet_names.h); each article stemmed in its own language, which is a
///    facet.
/// 6: story clusters: near-duplicate articles share a key (kClusterSlot,
///    prefix::kCluster), found through sampled shingles (prefix::kShingle).
inline constexpr int kSchemaVersion = 6;

/// The schema version @p db records, when it is not kSchemaVersion; nullopt
/// for this version or none recorded (an empty database).
std::optional<std::string> other_schema_version(const Xapian::Database& db);

/// Value slots.
enum Slot : Xapian::valueno {
    /// Publication date and time, "YYYYMMDDHHMMSS" (time "000000" when unknown):
    /// sorts as a string, its first 8, 6 or 4 characters give day, month and year.
    kDateSlot = 0,
    /// All a document gives facet counting, in one value (encode_facet_summary):
    /// counting reads one value stream for every facet, where a slot per
    /// facet cost a pass over each (most of a faceted search's time).
    kFacetSummarySlot = 1,
    /// The article's story cluster (story_clusters.h): a key that the
    /// article's near-duplicates share, its own when it has none. Results
    /// collapse on it (Xapian::Enquire::set_collapse_key).
    kClusterSlot = 2,
    /// The article's text stems, each once (encode_text_stems): what
    /// pseudo-relevance feedback counts over a query's best matches. It
    /// comes with the document, in the exchange that fetches it; a term
    /// list from a remote shard costs a round trip and a message per term,
    /// most of a search's time over xapian-tcpsrv. Databases built before
    /// it have none, and feedback reads their term lists instead.
    kStemsSlot = 3,
};

/// Term prefixes.
namespace prefix {
inline constexpr std::string_view kId = "Q";          ///< unique id, boolean
inline constexpr std::string_view kTitle = "S";       ///< title words, free text
inline constexpr std::string_view kAuthor = "A";      ///< author words, free text
inline constexpr std::string_view kLanguage = "L";    ///< language code ("ru"), boolean facet (language:, lang:)
inline constexpr std::string_view kDay = "D";         ///< YYYYMMDD, boolean (Omega)
inline constexpr std::string_view kMonth = "M";       ///< YYYYMM, boolean (Omega)
inline constexpr std::string_view kYear = "Y";        ///< YYYY, boolean (Omega)
inline constexpr std::string_view kActor = "XA";      ///< actor facet value, boolean
inline constexpr std::string_view kRegion = "XR";     ///< region facet value, boolean
inline constexpr std::string_view kTopic = "XT";      ///< topic facet value, boolean
inline constexpr std::string_view kSource = "XS";     ///< source (publication) value, boolean
inline constexpr std::string_view kSection = "XSEC";  ///< section value, boolean
inline constexpr std::string_view kFile = "XF";       ///< hash of the source file's path, boolean
inline constexpr std::string_view kCluster = "XC";    ///< story cluster key, boolean (cluster:); as kClusterSlot
inline constexpr std::string_view kShingle = "XD";    ///< a sampled shingle's hash (clusters/fingerprint.h), for finding near-duplicates
}  // namespace prefix

/// Database metadata keys.
inline constexpr std::string_view kMetaSchemaVersion = "newsdesk:schema";
inline constexpr std::string_view kMetaLanguage = "newsdesk:language";
/// Each facet's dictionary of values (facet_chunk_key and its neighbours).
inline constexpr std::string_view kMetaFacetPrefix = "newsdesk:facet";
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

/// The facets counted from the facet summary (actor, region, topic,
/// language), in display order.
const std::vector<const Field*>& facet_fields();

/// Name of the date facet ("date"): a histogram over kDateSlot, not a term field.
inline constexpr std::string_view kDateFacet = "date";

/// The kFacetSummarySlot value: the day as the number YYYYMMDD (0 when
/// unknown), then for each facet of facet_fields(), in order, how many values
/// the document has and their ids in the facet's dictionary (facet_chunk_key),
/// every number a LEB128 varint. Ids rather than the values themselves make
/// the stream a third of the size: counting a query's facets reads the
/// stream's blocks wherever the matches fall, block by block from disk.
std::string encode_facet_summary(std::uint32_t day, const std::vector<std::vector<std::uint32_t>>& ids_per_facet);

/// Reads @p bytes' next varint into @p n; false (and @p bytes unchanged) at a
/// truncated or over-long one.
inline bool read_varint(std::string_view& bytes, std::uint32_t& n) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < bytes.size() && i < 5; ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        value |= static_cast<std::uint32_t>(byte & 0x7F) << (7 * i);
        if (!(byte & 0x80)) {
            n = value;
            bytes.remove_prefix(i + 1);
            return true;
        }
    }
    return false;
}

/// Decodes what encode_facet_summary() wrote: @p on_day(day) once, then
/// @p on_id(facet_index, id) for each id. False when @p summary is malformed
/// (the calls made until then stand).
template <typename DayFn, typename IdFn>
bool decode_facet_summary(std::string_view summary, DayFn&& on_day, IdFn&& on_id) {
    std::uint32_t day = 0;
    if (!read_varint(summary, day)) return false;
    on_day(day);
    // Once for the program: this runs for every document a query matches.
    static const std::size_t facets = facet_fields().size();
    for (std::size_t facet = 0; facet < facets; ++facet) {
        std::uint32_t n = 0;
        if (!read_varint(summary, n)) return false;
        for (std::uint32_t i = 0; i < n; ++i) {
            std::uint32_t id = 0;
            if (!read_varint(summary, id)) return false;
            on_id(facet, id);
        }
    }
    return summary.empty();
}

/// The position of facet @p name in facet_fields(), or -1.
int facet_index(std::string_view name);

/// Normalise a facet or boolean value to its canonical form: lower case ASCII
/// letters, digits and '-', runs of anything else become one '-'
/// ("James Baker" -> "james-baker", "West Germany" -> "west-germany").
/// Non-ASCII UTF-8 letters are kept, lower-cased where Xapian::Unicode knows how.
std::string slugify(std::string_view text);

/// Whether @p term is a word for the spelling data ("did you mean"): a term
/// without a prefix (prefixes are capitals, and stemmed forms start with Z)
/// that starts with a letter (digits and punctuation suggest nothing).
inline bool is_spelling_word(std::string_view term) {
    if (term.empty()) return false;
    const auto c = static_cast<unsigned char>(term[0]);
    return c >= 0x80 || (c >= 'a' && c <= 'z');
}

/// Whether @p term is a stemmed word of an article's text: "Z" and a word
/// (is_spelling_word), not a field's stem ("ZS...", title) or a number.
inline bool is_text_stem(std::string_view term) {
    return term.size() >= 3 && term[0] == 'Z' && is_spelling_word(term.substr(1));
}

/// The kStemsSlot value for @p doc: its text stems (is_text_stem) without
/// their "Z", in term order, separated by spaces (a term never has one).
std::string encode_text_stems(const Xapian::Document& doc);

/// The text stems of a kStemsSlot value, as the terms they are ("Z..."),
/// in order.
std::vector<std::string> decode_text_stems(std::string_view value);

/// The boolean term for @p value under @p prefix, with Omega's ':' separator
/// when the value starts with a capital letter.
std::string boolean_term(std::string_view prefix, std::string_view value);

/// Longest id or facet value kept as a term's text: Xapian terms are at most
/// 245 bytes; this leaves room for the prefix.
inline constexpr std::size_t kMaxTermValueBytes = 200;

/// The unique-id term of an article ("Q" + id; ids too long for a Xapian
/// term are replaced by a hash of themselves, still unique and stable).
std::string id_term(std::string_view id);

/// Ids a metadata entry of a facet's dictionary holds: 1-64 the first, 65-128
/// the next, ... A results page names up to 100 values of each facet: read
/// one by one, their entries cost more than counting the facets did.
inline constexpr std::uint32_t kDictionaryChunk = 64;

/// Metadata key of the chunk of facet @p facet's dictionary that holds id
/// @p id (ids from 1): "newsdesk:facet:<facet>:<the chunk's number as 8 hex
/// digits>", so that neighbouring chunks share the metadata's leaf blocks.
std::string facet_chunk_key(std::string_view facet, std::uint32_t id);

/// The chunk that holds id @p id (from 1), and where in it the id sits.
inline std::uint32_t chunk_number(std::uint32_t id) { return (id - 1) / kDictionaryChunk; }
inline std::size_t chunk_index(std::uint32_t id) { return (id - 1) % kDictionaryChunk; }

/// Metadata key of the id of @p value in facet @p facet's dictionary (a
/// decimal number).
std::string facet_id_key(std::string_view facet, std::string_view value);

/// The id written under facet_id_key (or facet_last_id_key); 0, which is
/// no id, for anything but a decimal number.
std::uint32_t parse_facet_id(std::string_view text);

/// Metadata key of the highest id facet @p facet's dictionary has given.
std::string facet_last_id_key(std::string_view facet);

/// One value of a facet's dictionary, its label ("" when none was given)
/// and the value it counts for too ("ua" for Crimea; "" for none).
struct DictionaryEntry {
    std::string value, label, parent{};
    bool operator==(const DictionaryEntry&) const = default;
};

/// A chunk's metadata: its entries in id order, each the value, the label
/// and the parent, every string preceded by its length (a varint). Ids
/// not given yet have no entry; a gap, were there one, an empty entry.
std::string make_dictionary_chunk(const std::vector<DictionaryEntry>& entries);

/// The entries of a chunk made by make_dictionary_chunk; a damaged chunk
/// gives the entries before the damage.
std::vector<DictionaryEntry> parse_dictionary_chunk(std::string_view chunk);

/// The entries of the chunk of facet @p facet's dictionary in @p db that
/// holds id @p id (none when there is no such chunk).
std::vector<DictionaryEntry> read_dictionary_chunk(const Xapian::Database& db, std::string_view facet, std::uint32_t id);

}  // namespace newsdesk::schema
