#include "reuters_labels.h"

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "text_util.h"

namespace newsdesk::readers {

namespace {

/// @p text without its parenthesised asides: "Robert (Bob) Hawke" -> "Robert  Hawke".
/// A ')' with no '(' closes an aside begun on an earlier line: all before it goes.
std::string without_asides(std::string_view text) {
    std::string out;
    int depth = 0;
    for (char c : text) {
        if (c == '(') ++depth;
        else if (c == ')' && depth > 0) --depth;
        else if (c == ')') out.clear();
        else if (depth == 0) out += c;
    }
    return out;
}

std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::istringstream in{std::string(text)};
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

/// The comma-separated part of @p description that holds the code's surname:
/// "Fidel Castro, President of Cuba" -> "Fidel Castro";
/// "Agriculture, Fisheries and Food Minister Alvaro Barreto" -> "... Alvaro Barreto".
std::string_view part_naming(std::string_view description, const std::string& surname) {
    while (!description.empty()) {
        auto comma = description.find(',');
        std::string_view part = description.substr(0, comma);
        if (text::ascii_lower(part).find(surname) != std::string::npos || comma == std::string_view::npos) return part;
        description.remove_prefix(comma + 1);
    }
    return description;
}

/// Words that end a name when read backwards from the surname: the offices
/// cat-descriptions puts before names ("Treasury Secretary", "Governor",
/// "Mrs"), and the few department words that come right before one.
bool is_office_word(std::string_view word) {
    static constexpr std::string_view kOffices[] = {
        "President", "Vice-President", "Minister", "Secretary", "Secretary-General", "Governor", "Chairman",
        "Chancellor", "Premier", "Statesman", "Leader", "Mrs", "Dr", "General", "Major-General", "Treasurer",
        "Ayatollah", "Hojatoleslam", "Staff", "Negotiations", "Agency", "Commissioner", "Head", "Director",
        "Director-General", "Speaker", "Bank", "Board", "Exchequer", "Office", "Privatisation", "Policy", "Forestry", "Member"};
    for (auto office : kOffices) {
        if (word == office) return true;
    }
    return false;
}

bool is_particle(std::string_view word) {
    return word == "de" || word == "du" || word == "la" || word == "van" || word == "von" || word == "al";
}

/// "mustapha" -> "Mustapha" (the file misspells a few names in lower case).
std::string capitalised(std::string word) {
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z' && !is_particle(word)) word[0] = static_cast<char>(word[0] - 'a' + 'A');
    return word;
}

/// The person in a PEOPLE entry, read backwards from the code's surname until
/// an office or a lower-case word: "Treasury Secretary James Baker" ->
/// "James Baker"; "(former) Finance Minister Luiz Carlos Bresser Pereira" ->
/// "Luiz Carlos Bresser Pereira"; "Alan Bond, chairman of Bond Corp Ltd" -> "Alan Bond".
std::string person_name(std::string_view description, const std::string& code) {
    const std::string surname = code.substr(code.rfind('-') + 1);
    auto words = words_of(without_asides(part_naming(description, surname)));
    std::size_t end = words.size();
    auto is_surname = [&](const std::string& word) {  // "Pereira", "Leigh-Pemberton", "al-Razaz"
        std::string lower = text::ascii_lower(word);
        return lower.starts_with(surname) || lower.find("-" + surname) != std::string::npos;
    };
    while (end > 0 && !is_surname(words[end - 1])) --end;
    if (end == 0) return "";
    std::size_t start = end - 1;
    while (start > 0) {
        const std::string& w = words[start - 1];
        bool in_code = ("-" + code + "-").find("-" + text::ascii_lower(w) + "-") != std::string::npos;
        if (!in_code && is_office_word(w)) break;
        if (!in_code && !is_particle(w) && !(w[0] >= 'A' && w[0] <= 'Z')) {
            if (w.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos && w.size() > 3) --start;  // "francisco Rojas"
            break;
        }
        --start;
    }
    std::string name;
    for (std::size_t i = start; i < end; ++i) name += (name.empty() ? "" : " ") + capitalised(words[i]);
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
    // Word by word, so "us-virgin-islands" -> "US Virgin Islands".
    static constexpr std::string_view kAcronyms[] = {"usa", "us", "uk", "uae", "ussr", "ec", "imf", "opec", "gatt"};
    std::string label;
    while (!code.empty()) {
        std::string_view word = code.substr(0, code.find('-'));
        code.remove_prefix(std::min(code.size(), word.size() + 1));
        if (!label.empty()) label += ' ';
        bool acronym = std::find(std::begin(kAcronyms), std::end(kAcronyms), word) != std::end(kAcronyms);
        for (std::size_t i = 0; i < word.size(); ++i) {
            auto c = static_cast<unsigned char>(word[i]);
            label += static_cast<char>(acronym || i == 0 ? std::toupper(c) : c);
        }
    }
    return label;
}

}  // namespace newsdesk::readers
