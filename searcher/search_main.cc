// newsdesk-search: the command line over the search library. Parses options
// into a SearchRequest, runs it, renders the result, maps errors to exit codes.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "dates.h"
#include "error.h"
#include "render.h"
#include "search.h"

namespace po = boost::program_options;
using namespace newsdesk;

namespace {

// Exit codes (sysexits.h where one fits).
constexpr int kExitOk = 0, kExitUsage = 2, kExitNoDatabase = 66, kExitUnavailable = 69, kExitInternal = 70;

constexpr const char* kUsage = "Usage: newsdesk-search --db DIR [options] [--] [QUERY...]\n";
constexpr const char* kAfterOptions = R"(
QUERY is every remaining word, joined by spaces; no query matches every article.
Put -- before the query when it starts with '-' (newsdesk-search --db DIR -- -oil).
Query language: words, "phrases", AND OR NOT XOR, +must -mustnot, NEAR, oil*,
  title: author: actor: region: topic: source: section: lang:, and dates:
  date:2026  date:2025-01..2025-06-30  date:..1987-03-15  date:2024..
Dates relative to today (in the local time zone, or --now), in date: and in
  --from/--to alike: today, yesterday; -7d -2w -3m -1y (that day); 7d 2w 3m 1y
  and last-7-days (from that day to the end of today); this-week, last-week,
  this-month, last-month, this-year, last-year. date:7d  --from -30d
Facet values and --actor/--region/--topic take the facet's value as shown in
  JSON ("west-germany"); a label ("West Germany") is turned into its value.

Matching (--match): all finds the articles with every word of the query; any
  those with any word, ranked by BM25; auto (the default) finds those with
  any word, ranked by BM25 plus a bonus for each word an article has (rarer
  words earn more), and counts totals and facets over the articles with every
  word when there are any (json: "match": "all"), else over those with any
  word ("match": "relaxed"). Common words (the, of, did) never
  decide a match, except in a phrase ("the who") or after an operator.
  Operators you write (AND OR NOT + - NEAR "phrases" fields) keep their
  meaning in every mode.

With --queries FILE, each line of FILE is a query, run with the other options
  by one open database, and each result is written as one line of compact
  json (the json format, one object per line): for batch jobs and benchmarks.

Formats:
  text   for people (default)
  json   one object: query, parsed, total, offset, limit, corrected,
         elapsed_ms, results, facets (the contract in README.md)
  jsonl  one line per result, each a JSON object exactly like an element of
         json's "results"; no totals or facets (use json for those), and no
         lines at all when nothing matches or with --limit 0
  tsv    header row, then one row per result: rank id score date title source
         url actors regions topics snippet; multiple values joined by ';';
         tab, newline, CR and backslash in fields written as \t \n \r \\
  atom   an Atom 1.0 feed of the search, newest first (--sort is ignored),
         for feed readers; --feed-url gives its address (link rel="self")

Sorting: relevance (default), newest, oldest, or fresh: relevance times
  0.5^(age / half-life), the half-life 7 days unless --half-life says (12h,
  7d, 2w, 1y); ages count from now (the clock, or --now / NEWSDESK_NOW).

Exit status:
  0   success (also when nothing matches)
  2   usage error or malformed query (the message says what is wrong)
  66  database missing or unreadable (run newsdesk-index --db DIR first)
  69  a remote shard cannot be reached, and the stub says
      '# newsdesk: missing-shards error' (or no shard can be)
  70  internal error
)";

unsigned parse_count(const std::string& option, const std::string& text, unsigned max) {
    bool digits = !text.empty() && text.size() <= 10 && text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoull(text) > max)
        throw UsageError("--" + option + ": '" + text + "' is not a whole number from 0 to " + std::to_string(max));
    return static_cast<unsigned>(std::stoul(text));
}

double parse_seconds(const std::string& option, const std::string& text) {
    std::size_t used = 0;
    double seconds = -1;
    try { seconds = std::stod(text, &used); } catch (const std::exception&) {}
    if (used != text.size() || !(seconds > 0 && seconds <= 3600))
        throw UsageError("--" + option + ": '" + text + "' is not a number of seconds over 0 and at most 3600");
    return seconds;
}

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

struct Options {
    std::string db, format = "text", sort = "relevance", limit = "10", offset = "0";
    std::string facets = "actor,region,date", facet_limit = "10", time_limit = "5";
    std::vector<std::string> actors, regions, topics, languages, words;
    std::string from, to;
    std::string now;        ///< --now DATE, "" for NEWSDESK_NOW or the clock
    std::string half_life;  ///< --half-life SPAN, "" for the default
    std::string feed_url;   ///< --feed-url URL (atom)
    std::string queries;  ///< --queries FILE, "" for the query on the command line
    std::string match = "auto";
    bool explain = false;
    bool no_collapse = false;
};

po::options_description describe(Options& o) {
    po::options_description d("Options");
    d.add_options()
        ("help,h", "show this help and exit")
        ("db", po::value(&o.db)->required()->value_name("DIR"), "the database to search (required)")
        ("format", po::value(&o.format)->value_name("F"), "output: text, json, jsonl, tsv or atom (default text)")
        ("actor", po::value(&o.actors)->value_name("V"), "only articles with this actor (repeatable: any of them)")
        ("region", po::value(&o.regions)->value_name("V"), "only articles with this region (repeatable)")
        ("topic", po::value(&o.topics)->value_name("V"), "only articles with this topic (repeatable)")
        ("language", po::value(&o.languages)->value_name("L"), "only articles in this language: ru, Russian (repeatable)")
        ("from", po::value(&o.from)->value_name("DATE"), "published on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD, or relative: -30d, this-month)")
        ("to", po::value(&o.to)->value_name("DATE"), "published on or before DATE (a partial date means its end)")
        ("sort", po::value(&o.sort)->value_name("S"), "relevance, newest, oldest or fresh (default relevance)")
        ("half-life", po::value(&o.half_life)->value_name("SPAN"), "--sort fresh: the age at which relevance counts half: 12h, 7d, 2w, 1y (default 7d)")
        ("now", po::value(&o.now)->value_name("DATE"), "count relative dates and ages from DATE's end, not from the clock (default: NEWSDESK_NOW, else the clock)")
        ("feed-url", po::value(&o.feed_url)->value_name("URL"), "--format atom: the address the feed is served at (its rel=\"self\" link)")
        ("match", po::value(&o.match)->value_name("M"), "auto, all or any: which articles the query's words select (default auto)")
        ("explain", po::bool_switch(&o.explain), "show how each hit's score is made up, term by term")
        ("no-collapse", po::bool_switch(&o.no_collapse), "list every article, not one per story (the same story re-sent, corrected or syndicated)")
        ("limit", po::value(&o.limit)->value_name("N"), "results to show, 0 to 10000 (default 10; 0: totals and facets only)")
        ("offset", po::value(&o.offset)->value_name("N"), "results to skip first (default 0)")
        ("facets", po::value(&o.facets)->value_name("LIST"), "facets to count, comma-separated from actor,region,date,topic,language; \"\" for none (default actor,region,date)")
        ("facet-limit", po::value(&o.facet_limit)->value_name("N"), "values per facet (default 10; 0: all)")
        ("time-limit", po::value(&o.time_limit)->value_name("SECONDS"), "stop a search after this long, keeping what was found (default 5)")
        ("queries", po::value(&o.queries)->value_name("FILE"), "run each line of FILE as a query; one json line per query");
    return d;
}

/// The moment to count from: --now, else NEWSDESK_NOW, else "" (the clock).
std::string resolve_now(const std::string& option) {
    const char* env = std::getenv("NEWSDESK_NOW");
    const std::string text = !option.empty() ? option : env ? env : "";
    if (text.empty()) return "";
    auto now = search::parse_now(text);
    if (!now)
        throw UsageError((option.empty() ? "NEWSDESK_NOW '" : "--now '") + text +
                         "': not a date (YYYY-MM-DD, with a time if you like; not a relative one)");
    return *now;
}

/// @p text of --@p option, checked as a date bound the way the search will read it.
void check_date(const std::string& option, const std::string& text, dates::Bound bound, const std::string& now) {
    if (!text.empty() && !dates::parse_bound(text, bound, now.empty() ? dates::now() : now))
        throw UsageError("--" + option + " '" + text + "': not a date (use " + dates::kBoundForms + ")");
}

search::SearchRequest to_request(const Options& o) {
    search::SearchRequest r;
    for (const auto& w : o.words) r.query += (r.query.empty() ? "" : " ") + w;
    r.filters = {{"actor", o.actors}, {"region", o.regions}, {"topic", o.topics}, {"language", o.languages}};
    r.now = resolve_now(o.now);
    check_date("from", o.from, dates::Bound::kStart, r.now);
    check_date("to", o.to, dates::Bound::kEnd, r.now);
    r.from = o.from;
    r.to = o.to;
    r.sort = search::parse_sort(o.sort);
    if (!o.half_life.empty()) {
        auto days = search::parse_half_life(o.half_life);
        if (!days)
            throw UsageError("--half-life '" + o.half_life + "': not a half-life (" + search::kHalfLifeForms + ")");
        r.half_life_days = *days;
    }
    r.match = search::parse_match(o.match);
    r.explain = o.explain;
    r.collapse = !o.no_collapse;
    r.limit = parse_count("limit", o.limit, search::kMaxLimit);
    r.offset = parse_count("offset", o.offset, search::kMaxOffset);
    r.facets = split_commas(o.facets);
    r.facet_limit = parse_count("facet-limit", o.facet_limit, 100000);
    r.time_limit_seconds = parse_seconds("time-limit", o.time_limit);
    return r;
}

bool stdout_is_color_terminal() {
    const char* term = std::getenv("TERM");
    return isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR") && term && std::string(term) != "dumb";
}

/// @p request's result, said on stderr to be partial when a shard was
/// missing: JSON Lines, TSV and feed readers would see no notice.
search::SearchResult search_warning(search::Searcher& searcher, const search::SearchRequest& request) {
    search::SearchResult result = searcher.search(request);
    if (!result.missing_shards.empty())
        std::cerr << "newsdesk-search: warning: " << search::partial_note(result.missing_shards) << "\n";
    return result;
}

/// --queries: every line of @p path through one Searcher, one json line each.
void run_queries(search::Searcher& searcher, search::SearchRequest request, const std::string& path) {
    std::ifstream in(path);
    if (!in) throw UsageError("--queries: cannot read " + path);
    for (std::string line; std::getline(in, line);) {
        request.query = line;
        // Flushed line by line: a program feeding queries through a pipe
        // reads each answer before it asks the next.
        std::cout << search::to_json(search_warning(searcher, request)).dump() << std::endl;
    }
}

int fail(int status, const std::string& message, bool show_usage = false) {
    std::cerr << "newsdesk-search: " << message << "\n";
    if (show_usage) std::cerr << kUsage << "Try 'newsdesk-search --help' for more.\n";
    return status;
}

}  // namespace

int main(int argc, char** argv) try {
    Options o;
    auto visible = describe(o);
    po::options_description all;
    all.add(visible).add_options()("query", po::value(&o.words));
    po::positional_options_description positional;
    positional.add("query", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
        std::cout << kUsage << "Searches a newsdesk database: ranked, faceted results.\n\n" << visible << kAfterOptions;
        return kExitOk;
    }
    po::notify(vm);
    search::SearchRequest request = to_request(o);
    search::Format format = search::parse_format(o.format);
    if (format == search::Format::kAtom) {
        // A feed is a time line: its newest articles, and no facets to count.
        request.sort = search::Sort::kNewest;
        request.facets.clear();
    }
    search::Searcher searcher(o.db);
    if (!o.queries.empty()) {
        if (!o.words.empty()) throw UsageError("give a query or --queries FILE, not both");
        run_queries(searcher, request, o.queries);
        return std::cout.flush() ? kExitOk : fail(kExitInternal, "cannot write the results");
    }
    if (format == search::Format::kAtom) {
        search::FeedInfo feed;
        feed.self = o.feed_url;
        feed.query = search::feed_query(request);
        search::render_atom(search_warning(searcher, request), feed, std::cout);
    } else {
        search::render(search_warning(searcher, request), format, std::cout,
                       format == search::Format::kText && stdout_is_color_terminal());
    }
    return std::cout.flush() ? kExitOk : fail(kExitInternal, "cannot write the results");
} catch (const po::error& e) {
    return fail(kExitUsage, e.what(), true);
} catch (const UsageError& e) {
    return fail(kExitUsage, e.what());
} catch (const UnavailableError& e) {
    return fail(kExitUnavailable, e.what());
} catch (const DatabaseError& e) {
    return fail(kExitNoDatabase, e.what());
} catch (const std::exception& e) {
    return fail(kExitInternal, std::string("internal error: ") + e.what());
}
