#include "stopwords.h"

#include <map>
#include <mutex>

namespace newsdesk::analysis {

namespace {

/// @p language's words, as a set over the generated list's own storage.
const std::unordered_set<std::string_view>* stopword_set(std::string_view language) {
    static std::mutex mutex;
    static std::map<std::string_view, std::unordered_set<std::string_view>> sets;
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = sets.find(language); it != sets.end()) return &it->second;
    for (const auto& list : stopword_lists()) {
        if (list.language != language) continue;
        auto& set = sets[list.language];
        for (std::string_view words = list.words; !words.empty();) {
            auto end = words.find('\n');
            set.insert(words.substr(0, end));
            words.remove_prefix(end == std::string_view::npos ? words.size() : end + 1);
        }
        return &set;
    }
    return nullptr;
}

}  // namespace

void StopwordSet::add_language(std::string_view language) {
    if (const auto* words = stopword_set(language)) lists_.push_back(words);
}

StopwordSet* make_stopper(std::string_view language) {
    const auto* words = stopword_set(language);
    return words ? new StopwordSet(*words) : nullptr;
}

}  // namespace newsdesk::analysis
