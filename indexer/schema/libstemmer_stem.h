/** @file
 *  @brief A Xapian::StemImplementation backed by the system's libstemmer (Snowball).
 */
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

struct sb_stemmer;

namespace newsdesk {

/// Stems with one libstemmer algorithm, in UTF-8.
///
/// Not thread-safe (libstemmer keeps state per stemmer): give each thread its
/// own Xapian::Stem, as Xapian itself requires.
class LibstemmerStem : public Xapian::StemImplementation {
  public:
    /// @throws UsageError naming the available algorithms when @p language is unknown.
    explicit LibstemmerStem(const std::string& language);
    ~LibstemmerStem() override;

    std::string operator()(const std::string& word) override;
    std::string get_description() const override;

    /// The algorithm names libstemmer knows ("english", "russian", "porter", ...).
    static std::vector<std::string> available_languages();

  private:
    sb_stemmer* stemmer_;
    std::string language_;
};

}  // namespace newsdesk
