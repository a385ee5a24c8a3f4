#include "input_files.h"

#include <algorithm>
#include <system_error>

#include "error.h"
#include "file_blocks.h"
#include "hash.h"

namespace fs = std::filesystem;

namespace newsdesk {

namespace {

bool is_hidden(const fs::path& p) {
    std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

bool is_reuters_distribution(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if (name.starts_with("reut2-") && name.ends_with(".sgm")) return true;
    }
    return false;
}

void collect_directory(const fs::path& dir, std::vector<fs::path>& files, const InputProblem& problem) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        problem(dir, "cannot read directory: " + ec.message());
        return;
    }
    const bool reuters = is_reuters_distribution(dir);
    for (const auto& entry : it) {
        const fs::path& p = entry.path();
        if (is_hidden(p)) continue;
        std::error_code sec;
        if (entry.is_symlink(sec) && entry.is_directory(sec)) continue;  // may loop
        if (entry.is_directory(sec)) {
            collect_directory(p, files, problem);
        } else if (entry.is_regular_file(sec)) {
            if (!reuters || p.extension() == ".sgm") files.push_back(p);
        } else if (entry.is_symlink(sec) && !fs::exists(p, sec)) {
            problem(p, "broken symbolic link");
        }
    }
}

}  // namespace

std::vector<fs::path> collect_input_files(const std::vector<std::string>& inputs, const InputProblem& problem) {
    std::vector<fs::path> files;
    for (const auto& input : inputs) {
        std::error_code ec;
        fs::path path = fs::absolute(input, ec).lexically_normal();
        auto status = fs::status(path, ec);
        if (ec || !fs::exists(status)) {
            problem(input, "no such file or directory");
        } else if (fs::is_directory(status)) {
            collect_directory(path, files, problem);
        } else {
            files.push_back(path);
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

std::string read_input_file(const fs::path& path) {
    readers::FileBlocks file(path);
    std::string content;
    content.reserve(file.size());
    file.for_each_block([&](std::string_view block) { content.append(block); });
    return content;
}

InputDigest digest_input_file(const fs::path& path, std::size_t head_bytes) {
    readers::FileBlocks file(path);
    InputDigest digest;
    schema::HexHash128 hash;  // what content_hash() gives the whole file
    file.for_each_block([&](std::string_view block) {
        hash.update(block);
        if (digest.head.size() < head_bytes) digest.head.append(block.substr(0, head_bytes - digest.head.size()));
        digest.has_nul = digest.has_nul || block.find('\0') != std::string_view::npos;
        digest.size += block.size();
    });
    digest.hash = hash.hex();
    return digest;
}

}  // namespace newsdesk
