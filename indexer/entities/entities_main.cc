// newsdesk-entities: run entity extraction over JSON Lines articles, for the
// benchmark (scripts/bench/entities_bench.py) and for trying the gazetteer.
//
// usage: newsdesk-entities [GAZETTEER_DIR] < articles.jsonl > found.jsonl
// In:  {"id", "title", "dateline", "body"} per line.
// Out: {"id", "actors": [[value, label]...], "regions": [[value, label]...]}
// per line; on stderr the articles and seconds spent extracting.
#include <chrono>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "error.h"
#include "extractor.h"

namespace {

nlohmann::json pairs(const std::vector<newsdesk::FacetValue>& values) {
    auto out = nlohmann::json::array();
    for (const auto& v : values) out.push_back({v.value, v.label});
    return out;
}

}  // namespace

int main(int argc, char** argv) try {
    using namespace newsdesk;
    entities::Extractor extractor(argc > 1 ? argv[1] : NEWSDESK_GAZETTEER_DIR);
    std::chrono::duration<double> spent{};
    std::size_t count = 0;
    std::string line;
    while (std::getline(std::cin, line)) {
        auto in = nlohmann::json::parse(line);
        Article a;
        a.id = in.value("id", "");
        a.title = in.value("title", "");
        a.dateline = in.value("dateline", "");
        a.body = in.value("body", "");
        auto start = std::chrono::steady_clock::now();
        extractor.apply(a, entities::Mode::kExtract);
        spent += std::chrono::steady_clock::now() - start;
        ++count;
        std::cout << nlohmann::json{{"id", a.id}, {"actors", pairs(a.actors)}, {"regions", pairs(a.regions)}}.dump()
                  << '\n';
    }
    std::cerr << "newsdesk-entities: " << count << " articles in " << spent.count() << " s\n";
    return 0;
} catch (const std::exception& e) {
    std::cerr << "newsdesk-entities: error: " << e.what() << '\n';
    return 1;
}
