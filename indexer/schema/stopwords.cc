#include "stopwords.h"

#include <string>

namespace newsdesk::analysis {

StopwordSet* make_stopper(std::string_view language) {
    for (const auto& list : stopword_lists()) {
        if (list.language != language) continue;
        auto* stopper = new StopwordSet;
        std::string_view words = list.words;
        while (!words.empty()) {
            auto end = words.find('\n');
            stopper->add(std::string(words.substr(0, end)));
            words.remove_prefix(end == std::string_view::npos ? words.size() : end + 1);
        }
        return stopper;
    }
    return nullptr;
}

}  // namespace newsdesk::analysis
