// A main() for a fuzz target where there is no libFuzzer (g++ builds of the
// default test suite): run every seed, then deterministic random mutations
// of them, through LLVMFuzzerTestOneInput. A crash, an abort (a failed
// check in the target) or an escaping exception fails the test.
//
//   replay_TARGET [-runs=N] [-max_len=N] SEED_FILE_OR_DIR...
//
// Mutations are seeded with a fixed number, so a failure repeats; the input
// that failed is written to fuzz-crash-<target>-<n> in the working directory
// before it runs, so it can be replayed with the libFuzzer build.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

struct Options {
    unsigned long runs = 2000;
    std::size_t max_len = 64 * 1024;
    std::vector<fs::path> seeds;
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> load_seeds(const std::vector<fs::path>& paths) {
    std::vector<fs::path> files;
    for (const auto& path : paths) {
        if (fs::is_directory(path)) {
            for (const auto& entry : fs::recursive_directory_iterator(path))
                if (entry.is_regular_file()) files.push_back(entry.path());
        } else if (fs::is_regular_file(path)) {
            files.push_back(path);
        } else {
            throw std::runtime_error("no seed file or directory " + path.string());
        }
    }
    std::sort(files.begin(), files.end());  // the same order on every machine
    std::vector<std::string> seeds;
    for (const auto& file : files) seeds.push_back(read_file(file));
    if (seeds.empty()) seeds.emplace_back();
    return seeds;
}

/// Bytes that make parsers take other branches: markup, escapes, digits, UTF-8 lead bytes.
constexpr char kInteresting[] = "<>&;:\"'%+=()[]{}\\/\n\r\t 0123456789-T,.#xX\0\x7F\x80\xBF\xC3\xE2\xF0\xFF";

std::string mutate(const std::vector<std::string>& seeds, std::mt19937_64& rng, std::size_t max_len) {
    auto pick = [&](std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng() % n); };
    std::string data = seeds[pick(seeds.size())];
    const unsigned edits = 1 + static_cast<unsigned>(pick(8));
    for (unsigned e = 0; e < edits; ++e) {
        const std::size_t at = pick(data.size() + 1);
        switch (pick(6)) {
            case 0:  // flip a bit
                if (!data.empty()) data[pick(data.size())] ^= static_cast<char>(1u << pick(8));
                break;
            case 1:  // insert an interesting byte
                data.insert(at, 1, kInteresting[pick(sizeof kInteresting - 1)]);
                break;
            case 2:  // erase a run
                data.erase(at, 1 + pick(16));
                break;
            case 3:  // duplicate a run
                data.insert(at, data.substr(pick(data.size() + 1), 1 + pick(64)));
                break;
            case 4: {  // splice in a piece of another seed
                const std::string& other = seeds[pick(seeds.size())];
                data.insert(at, other.substr(pick(other.size() + 1), 1 + pick(256)));
                break;
            }
            default:  // overwrite with a random byte
                if (!data.empty()) data[pick(data.size())] = static_cast<char>(rng());
        }
    }
    if (data.size() > max_len) data.resize(max_len);
    return data;
}

void run(const std::string& input) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

Options parse_options(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg.starts_with("-runs=")) options.runs = std::stoul(arg.substr(6));
        else if (arg.starts_with("-max_len=")) options.max_len = std::stoul(arg.substr(9));
        else if (arg.starts_with("-")) throw std::runtime_error("unknown option " + arg);
        else options.seeds.emplace_back(arg);
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    const Options options = parse_options(argc, argv);
    const auto seeds = load_seeds(options.seeds);
    const std::string target = fs::path(argv[0]).filename().string();
    for (const auto& seed : seeds) run(seed);
    std::mt19937_64 rng(20260122);
    const fs::path crash = "fuzz-crash-" + target;
    for (unsigned long n = 0; n < options.runs; ++n) {
        std::string input = mutate(seeds, rng, options.max_len);
        std::ofstream(crash, std::ios::binary | std::ios::trunc) << input;  // evidence, should it crash
        run(input);
    }
    fs::remove(crash);
    std::cout << target << ": " << seeds.size() << " seeds and " << options.runs << " mutations, no finding\n";
    return 0;
}
