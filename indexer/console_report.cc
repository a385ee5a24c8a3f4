#include "console_report.h"

#include <unistd.h>

#include <string>

namespace newsdesk {

ConsoleReport::ConsoleReport(bool show_progress)
    : show_progress_(show_progress && ::isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

void ConsoleReport::problem(const std::filesystem::path& file, std::size_t line,
                            readers::Problem::Severity severity, const std::string& message) {
    finish();
    std::string where = file.string();
    if (line > 0) where += ":" + std::to_string(line);
    const char* kind = severity == readers::Problem::Severity::kError ? "error" : "warning";
    std::fprintf(stderr, "newsdesk-index: %s: %s: %s\n", where.c_str(), kind, message.c_str());
}

void ConsoleReport::progress(std::size_t done, std::size_t total, std::uint64_t articles) {
    if (!show_progress_) return;
    auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    constexpr int kWidth = 30;
    int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu files, %llu articles, %.0f articles/s ", filled,
                 "##############################", kWidth - filled, "", done, total,
                 static_cast<unsigned long long>(articles), seconds > 0 ? static_cast<double>(articles) / seconds : 0.0);
    std::fflush(stderr);
    bar_drawn_ = true;
}

void ConsoleReport::finish() {
    if (!bar_drawn_) return;
    std::fprintf(stderr, "\r\033[K");
    bar_drawn_ = false;
}

std::string format_summary(const IndexSummary& s) {
    char rate[64];
    std::snprintf(rate, sizeof rate, " in %.2f s (%.0f articles/s)", s.seconds,
                  s.seconds > 0 ? static_cast<double>(s.indexed()) / s.seconds : 0.0);
    std::string earlier;
    if (s.rejected_earlier > 0)
        earlier = " (" + std::to_string(s.rejected_earlier) +
                  (s.rejected_earlier == 1 ? " record" : " records") + " rejected earlier, file unchanged)";
    return std::to_string(s.added) + " added, " + std::to_string(s.updated) + " updated, " +
           std::to_string(s.unchanged) + " unchanged, " + std::to_string(s.deleted) + " deleted, " +
           std::to_string(s.rejected) + " rejected" + earlier +
           (s.elsewhere > 0 ? ", " + std::to_string(s.elsewhere) + " left to other shards" : "") + rate;
}

}  // namespace newsdesk
