#include "reuters_labels.h"

#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "text_util.h"

namespace newsdesk::readers {

namespace {

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::istringstream in{std::string(text)};
    for (std::string w; in >> w;) {
        if (w.front() != '(') words.push_back(w);  // "Robert (Bob) Hawke"
    }
    return words;
}

bool is_initial(const std::string& w) { return w.size() == 2 && w[1] == '.'; }

/// "Treasury Secretary James Baker" with code "james-baker" -> "James Baker";
/// "President Ronald Reagan" with "reagan" -> "Ronald Reagan".
std::string person_name(std::string_view description, const std::string& code) {
    auto words = words_of(description);
    std::string first_part = code.substr(0, code.find('-'));
    std::size_t end = words.size(), start = end;
    // Where the surname (the code's last part) is, counting from the end.
    std::string surname = code.substr(code.rfind('-') + 1);
    for (std::size_t i = words.size(); i-- > 0;) {
        if (text::ascii_lower(words[i]).starts_with(surname)) {
            end = i + 1;
            break;
        }
    }
    if (end > words.size() || end == 0) return "";
    start = end - 1;
    if (code.find('-') != std::string::npos) {  // the code gives the first name too
        for (std::size_t i = 0; i + 1 < end; ++i) {
            if (text::ascii_lower(words[i]) == first_part) start = i;
        }
    } else {
        if (start > 0) --start;                                  // the given name
        while (start > 0 && is_initial(words[start - 1])) --start;  // "E. Gerald"
    }
    std::string name;
    for (std::size_t i = start; i < end; ++i) name += (name.empty() ? "" : " ") + words[i];
    return name;
}

/// Entries are "Description (CODE)@*" lines; a person's may wrap, leaving
/// the code alone on the next line.
void add_entry(ReutersLabels& labels, std::string_view description, std::string code, bool person) {
    code = text::ascii_lower(code);
    std::string label = person ? person_name(description, code) : text::collapse_space(description);
    if (!label.empty()) labels.emplace(code, label);
}

}  // namespace

ReutersLabels parse_reuters_labels(std::string_view text) {
    ReutersLabels labels;
    bool people = false;
    std::string pending;  // description waiting for its code on the next line
    std::istringstream in{std::string(text)};
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("@heading")) people = line.find("People") != std::string::npos;
        auto close = line.rfind(')'), open = line.rfind('(');
        std::string_view trimmed = text::trim(line);
        if (open == std::string::npos || close == std::string::npos || close < open ||
            text::trim(std::string_view(line).substr(close + 1)).find_first_not_of("@*") != std::string_view::npos) {
            pending = trimmed.empty() || trimmed.starts_with("@") ? "" : std::string(trimmed);
            continue;
        }
        std::string code = line.substr(open + 1, close - open - 1);
        if (code.empty() || code.find(' ') != std::string::npos) continue;
        std::string description = line.substr(0, open);
        if (text::trim(description).empty()) description = pending;
        add_entry(labels, description, code, people);
        pending.clear();
    }
    return labels;
}

std::shared_ptr<const ReutersLabels> reuters_labels_for(const std::filesystem::path& directory) {
    static std::mutex mutex;
    static std::unordered_map<std::string, std::shared_ptr<const ReutersLabels>> cache;
    std::lock_guard lock(mutex);
    auto& entry = cache[directory.string()];
    if (!entry) {
        std::ifstream in(directory / "cat-descriptions_120396.txt", std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        entry = std::make_shared<const ReutersLabels>(parse_reuters_labels(ss.str()));
    }
    return entry;
}

std::string reuters_label(const ReutersLabels& labels, std::string_view code) {
    if (auto it = labels.find(std::string(code)); it != labels.end()) return it->second;
    static const char* acronyms[] = {"usa", "uk", "uae", "ussr", "ec", "imf", "opec", "gatt"};
    for (const char* a : acronyms) {
        if (code == a) {
            std::string up(code);
            for (auto& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return up;
        }
    }
    std::string label;
    bool start = true;
    for (char c : code) {
        if (c == '-') {
            label += ' ';
            start = true;
        } else {
            label += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            start = false;
        }
    }
    return label;
}

}  // namespace newsdesk::readers
