/** @file
 *  @brief How newsdesk-index talks to people: problems, a progress bar, a summary.
 */
#pragma once

#include <chrono>
#include <cstdio>

#include "indexer.h"

namespace newsdesk {

/// Prints problems to stderr as "FILE:LINE: error: MESSAGE" (the form
/// compilers use, which editors and grep understand), and a progress bar
/// on stderr when it is a terminal, so runs under cron stay quiet.
class ConsoleReport : public IndexObserver {
  public:
    explicit ConsoleReport(bool show_progress);

    void problem(const std::filesystem::path& file, std::size_t line, readers::Problem::Severity severity,
                 const std::string& message) override;
    void progress(std::size_t done, std::size_t total, std::uint64_t articles) override;

    /// Clear the progress bar (before the summary).
    void finish();

  private:
    bool show_progress_;
    bool bar_drawn_ = false;
    std::chrono::steady_clock::time_point start_, last_draw_;
};

/// "21578 added, 0 updated, 0 unchanged, 0 deleted, 0 rejected in 9.1 s (2371 articles/s)"
std::string format_summary(const IndexSummary& summary);

}  // namespace newsdesk
