/** @file
 *  @brief Which key of a record (JSON key, CSV column) holds which article
 *  field: the names exports commonly use, or the ones --field maps.
 */
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace newsdesk::readers {

/// The article fields a record's keys are looked up for.
enum class RecordField { kBody, kTitle, kDate, kUrl, kSource, kTopics, kId, kAuthor, kLanguage, kCount };

/// The keys to look each field up under, in order of preference.
class FieldNames {
  public:
    /// The common names: text/content/message/body, date/published/pubDate,
    /// title/headline, url/link, channel/site/source, category/topics/tags.
    FieldNames();

    /// Maps "FIELD=KEY" (--field title=headline): FIELD is read from KEY
    /// alone. @throws UsageError naming the field names when FIELD is
    /// unknown or the text is not FIELD=KEY.
    void map(std::string_view assignment);

    const std::vector<std::string>& keys(RecordField field) const { return keys_[static_cast<std::size_t>(field)]; }

    /// Whether @p field was mapped by --field (its default names are then not tried).
    bool mapped(RecordField field) const { return mapped_[static_cast<std::size_t>(field)]; }

  private:
    std::array<std::vector<std::string>, static_cast<std::size_t>(RecordField::kCount)> keys_;
    std::array<bool, static_cast<std::size_t>(RecordField::kCount)> mapped_{};
};

/// The common names, unmapped.
const FieldNames& default_field_names();

}  // namespace newsdesk::readers
