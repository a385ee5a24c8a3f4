// newsdesk-index: the command line over the Indexer library.
#include <boost/program_options.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "console_report.h"
#include "extractor.h"
#include "error.h"
#include "index_lock.h"
#include "indexer.h"
#include "libstemmer_stem.h"

namespace po = boost::program_options;
using namespace newsdesk;

namespace {

// sysexits.h values: cron wrappers and monitoring rely on them.
constexpr int kExitOk = 0, kExitRejected = 1, kExitUsage = 2, kExitSoftware = 70, kExitIoError = 74,
              kExitLocked = 75;

/// More shards than this only make every search open more databases.
constexpr unsigned kMaxJobs = 64;

/// --shard K/N.
ClusterPart parse_part(const std::string& text) {
    const auto slash = text.find('/');
    auto number = [&](const std::string& digits) -> unsigned {
        if (digits.empty() || digits.size() > 4 || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
        return static_cast<unsigned>(std::stoul(digits));
    };
    ClusterPart part;
    if (slash != std::string::npos) part = {number(text.substr(0, slash)), number(text.substr(slash + 1))};
    if (slash == std::string::npos || part.number == 0 || part.count == 0 || part.number > part.count)
        throw UsageError("--shard: give K/N, part K of N with 1 <= K <= N (--shard 2/4), not '" + text + "'");
    return part;
}

unsigned default_jobs() { return std::clamp(std::thread::hardware_concurrency(), 1u, kMaxJobs); }

constexpr const char* kUsage = "Usage: newsdesk-index --db DIR [options] INPUT...\n"
                               "Index news articles (files, or directories recursed) into a newsdesk database.\n";

constexpr const char* kMoreHelp = R"(
Formats (detected from extension and content unless --format says):
  text     plain-text article: optional "Key: value" header (Title, Date, Source,
           Author, URL, Section, Actors, Regions, Topics, Language), blank line, body
  jsonl    JSON Lines: one article per line (id, title, body, date, source, url,
           author, section, language, actors[], regions[], topics[])
  json     a JSON export: an array of records, or an object holding one under
           "messages", "articles", "items" or "posts" (a Telegram channel
           export); fields by common names (text/content/message/body,
           title/headline, date/published/created_at, channel/source/site,
           category/topics/tags, url/link); untitled records get their first
           sentence as title
  reuters  Reuters-21578 SGML (reut2-NNN.sgm)
  feed     RSS 2.0, RSS 1.0 or Atom
  csv      CSV or TSV with a header row naming the columns (text, title, date,
           url, source, topic/category/tags/label, id), or two columns
           without one: label and text
Any of them may be gzip-compressed (wire.jsonl.gz). --field FIELD=KEY names the
key or column a field is in when the common names miss it (also as config-file
lines "field = title=headline").

Entities: with --entities=auto (the default) an article keeps the actor and
region labels its input carried (Reuters PLACES/PEOPLE/ORGS, JSON "actors" or
"regions" keys, Actors:/Regions: headers); articles without them get actors
and regions found in their text with the gazetteers. Every actor and region,
labelled or found, is resolved through the gazetteers to one value: "Russia",
"Russian Federation" and "RU" are one region, and so are the Reuters code
"usa" and "United States"; historical states (USSR, West Germany) keep values
of their own. A label the gazetteers do not know keeps a value of its own:
--unknown-labels DIR lists them, to add to the overlays.

Reruns are incremental: unchanged files are skipped, changed articles replace
their old versions. Problems are printed as FILE:LINE: error: MESSAGE; the bad
record is skipped and counted, everything else is indexed. A file with
rejected records is not read again while it stays unchanged: the summary
counts its records as "rejected earlier", and the run exits 0.

A build from nothing (a first run, --rebuild) is written by --jobs writers at
once, each filling one shard of the index, and the shards are then merged
into one database. With --compact shards they stay apart (DIR/gen-N/shard-K,
all listed in DIR/XAPIANDB, which searches them as one), and later runs
update them where they are: an article is replaced or deleted in the shard
that holds it, and new articles take the shards in turn.

Exit status:
  0   every input was indexed
  1   some inputs were rejected in this run (see the messages); the rest was indexed
  2   usage error (bad option or value)
  70  internal error
  74  the database could not be opened, read or written
  75  the database is being indexed by another process (try later, or --wait-lock)
)";

po::options_description visible_options() {
    po::options_description opts("Options");
    opts.add_options()
        ("db", po::value<std::string>()->value_name("DIR"), "database directory (created if missing)")
        ("format", po::value<std::string>()->value_name("FMT")->default_value("auto"),
         "input format: auto, text, jsonl, json, csv, reuters, feed")
        ("field", po::value<std::vector<std::string>>()->value_name("FIELD=KEY")->composing(),
         "read FIELD from the record key or CSV column KEY (json, jsonl, csv; repeatable), e.g. "
         "--field title=headline --field date=published_at; FIELD is one of body, title, date, url, "
         "source, topics, id, author, language")
        ("language", po::value<std::string>()->value_name("LANG"),
         "stemming language, any libstemmer algorithm (default: the database's, else english)")
        ("config", po::value<std::string>()->value_name("FILE"),
         "read options from FILE (\"name = value\" lines, e.g. db = /srv/news/db, input = /srv/news/in); "
         "the command line wins")
        ("rebuild", po::bool_switch(), "build a fresh database beside the live one and switch to it atomically")
        ("prune", po::bool_switch(), "delete articles whose source file no longer exists")
        ("entities", po::value<std::string>()->value_name("MODE")->default_value("auto"),
         "actor and region facets: auto (labels where the input has label fields, else extracted "
         "from the text), labels, extract, both")
        ("gazetteer", po::value<std::string>()->value_name("DIR")->default_value(NEWSDESK_GAZETTEER_DIR),
         "gazetteer directory (regions.tsv, actors.tsv, regions-overlay.tsv, region-labels.tsv)")
        ("unknown-labels", po::value<std::string>()->value_name("DIR"),
         "write the actor and region labels the gazetteer does not know, with their counts, to "
         "DIR/unknown-actors.tsv and DIR/unknown-regions.tsv")
        ("wait-lock", po::value<double>()->value_name("SECONDS")->default_value(0),
         "wait this long for another indexer to finish instead of exiting 75")
        ("batch", po::value<std::size_t>()->value_name("N")->default_value(1000), "articles per commit")
        ("jobs,j", po::value<unsigned>()->value_name("N")->default_value(default_jobs()),
         "writers of a build from nothing (a first run, --rebuild), each filling a shard of the "
         "index; default: the number of cores")
        ("compact", po::value<std::string>()->value_name("HOW")->default_value("one"),
         "what a parallel build leaves: one (its shards merged into one database, which searches "
         "faster) or shards (one database per writer, to serve apart)")
        ("shard", po::value<std::string>()->value_name("K/N"),
         "index only part K of N (1 <= K <= N) of the articles: those whose id hashes to it, so "
         "that N machines reading the same inputs share them out, each serving its part")
        ("quiet,q", po::bool_switch(), "no progress bar and no summary")
        ("list-languages", "list the stemming languages and exit")
        ("help,h", "show this help and exit");
    return opts;
}

IndexerOptions to_options(const po::variables_map& vm) {
    IndexerOptions o;
    o.db = vm["db"].as<std::string>();
    if (o.db.empty()) throw UsageError("--db: give the database directory");
    o.format = readers::parse_format(vm["format"].as<std::string>());
    if (vm.count("field"))
        for (const auto& assignment : vm["field"].as<std::vector<std::string>>()) o.fields.map(assignment);
    if (vm.count("language")) o.language = vm["language"].as<std::string>();
    o.rebuild = vm["rebuild"].as<bool>();
    o.prune = vm["prune"].as<bool>();
    o.wait_lock_seconds = vm["wait-lock"].as<double>();
    if (!(o.wait_lock_seconds >= 0 && o.wait_lock_seconds <= 86400))
        throw UsageError("--wait-lock: give a number of seconds between 0 and 86400");
    o.batch_size = vm["batch"].as<std::size_t>();
    if (o.batch_size == 0) throw UsageError("--batch: give a positive number of articles");
    const std::string compact = vm["compact"].as<std::string>();
    if (compact != "one" && compact != "shards") throw UsageError("--compact: give one or shards, not '" + compact + "'");
    o.keep_shards = compact == "shards";
    o.jobs = vm["jobs"].as<unsigned>();
    if (o.jobs == 0 || o.jobs > kMaxJobs)
        throw UsageError("--jobs: give a number of writers between 1 and " + std::to_string(kMaxJobs));
    if (vm.count("shard")) o.part = parse_part(vm["shard"].as<std::string>());
    return o;
}

/// The gazetteer, which resolves labels and extracts entities. Labels alone
/// can do without one: each then keeps a value of its own, with a warning.
std::optional<entities::Extractor> load_gazetteer(const std::string& directory, entities::Mode mode) {
    try {
        return entities::Extractor(directory);
    } catch (const Error& e) {
        if (mode != entities::Mode::kLabels)
            throw UsageError(std::string(e.what()) +
                             " (pass --gazetteer DIR, or --entities=labels to index without extraction)");
        std::fprintf(stderr, "newsdesk-index: warning: %s; labels keep their own values (pass --gazetteer DIR)\n",
                     e.what());
        return std::nullopt;
    }
}

/// Options from a config file (cron runs), under those of the command line.
void read_config(const std::string& path, const po::options_description& options, po::variables_map& vm) {
    std::ifstream in(path);
    if (!in) throw UsageError("--config: cannot read " + path + " (" + std::strerror(errno) + ")");
    try {
        po::store(po::parse_config_file(in, options), vm);
    } catch (const po::error& e) {
        throw UsageError(path + ": " + e.what());
    }
}

int run(int argc, char** argv) {
    auto opts = visible_options();
    po::options_description all;
    all.add(opts).add_options()("input", po::value<std::vector<std::string>>(), "");
    po::positional_options_description positional;
    positional.add("input", -1);
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("config")) read_config(vm["config"].as<std::string>(), all, vm);
    po::notify(vm);

    if (vm.count("help")) {
        std::cout << kUsage << '\n' << opts << kMoreHelp;
        return kExitOk;
    }
    if (vm.count("list-languages")) {
        for (const auto& name : LibstemmerStem::available_languages()) std::cout << name << '\n';
        return kExitOk;
    }
    if (!vm.count("db")) throw UsageError("--db DIR is required (the database to index into)");
    if (!vm.count("input")) throw UsageError("give at least one INPUT file or directory to index");

    const bool quiet = vm["quiet"].as<bool>();
    ConsoleReport report(!quiet);
    IndexerOptions options = to_options(vm);
    const auto mode = entities::parse_mode(vm["entities"].as<std::string>());
    std::optional<entities::Extractor> extractor = load_gazetteer(vm["gazetteer"].as<std::string>(), mode);
    if (extractor) {
        options.enrich = [&extractor, mode](Article& article) { extractor->apply(article, mode); };
        options.facet_names = [&extractor](std::string_view facet, const FacetValue& value) {
            return extractor->names(facet, value);
        };
    }
    Indexer indexer(std::move(options), report);
    IndexSummary summary = indexer.run(vm["input"].as<std::vector<std::string>>());
    report.finish();
    if (vm.count("unknown-labels")) {
        const std::filesystem::path directory = vm["unknown-labels"].as<std::string>();
        try {
            entities::write_unknown_labels(directory, extractor ? extractor->unknown_labels()
                                                                : std::vector<entities::UnknownLabel>{});
        } catch (const Error& e) {
            std::fprintf(stderr, "newsdesk-index: %s\n", e.what());
            return kExitIoError;
        }
    }
    if (!quiet) std::cout << "newsdesk-index: " << format_summary(summary) << std::endl;
    return summary.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const po::error& e) {
        std::fprintf(stderr, "newsdesk-index: %s\n%s", e.what(), "Try 'newsdesk-index --help'.\n");
        return kExitUsage;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "newsdesk-index: %s\nTry 'newsdesk-index --help'.\n", e.what());
        return kExitUsage;
    } catch (const LockedError& e) {
        std::fprintf(stderr, "newsdesk-index: %s\n", e.what());
        return kExitLocked;
    } catch (const DatabaseError& e) {
        std::fprintf(stderr, "newsdesk-index: %s\n", e.what());
        return kExitIoError;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "newsdesk-index: internal error: %s\n", e.what());
        return kExitSoftware;
    }
}
