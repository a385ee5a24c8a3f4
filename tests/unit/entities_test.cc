// Entity extraction: the tricky cases of issue 7 on a small fixed gazetteer,
// with Russian, Ukrainian and German names (issue "Multilingual archives",
// part 3), and the seed article and a few sentences on the real one.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "error.h"
#include "extractor.h"

namespace newsdesk::entities {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

/// A gazetteer directory with the shapes of the real files, small enough to
/// read: what matches below is what these lines say.
class EntitiesTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        // ctest runs each test as its own process, in parallel: each needs its own directory.
        dir_ = fs::path(::testing::TempDir()) / ("entities_test_gazetteer-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        write(dir_ / "regions.tsv",
              "# code\tlabel\tparent\tkind\tnames\n"
              "ge\tGeorgia\t\tcountry\tGeorgia\n"
              "us\tUnited States\t\tcountry\tUnited States|United States of America\n"
              "tr\tTürkiye\t\tcountry\tTürkiye\n"
              "td\tChad\t\tcountry\tChad\n"
              "jo\tJordan\t\tcountry\tJordan\n"
              "ru\tRussian Federation\t\tcountry\tRussian Federation|Российская Федерация|Россия\n"
              "ua\tUkraine\t\tcountry\tUkraine|Украина|Україна\n"
              "gb\tUnited Kingdom\t\tcountry\tUnited Kingdom\n"
              "us-ga\tGeorgia\tus\tsubdivision\tGeorgia\n"
              "us-ny\tNew York\tus\tsubdivision\tNew York\n"
              "ua-43\tAvtonomna Respublika Krym\tua\tsubdivision\tAvtonomna Respublika Krym|"
              "Автономная Республика Крым\n"
              "city:atlanta\tAtlanta\tus\tcity\tAtlanta\n"
              "city:tbilisi\tTbilisi\tge\tcapital\tTbilisi\n"
              "city:new-york\tNew York\tus\tcity\tNew York\n"
              "city:york\tYork\tgb\tcity\tYork\n"
              "city:amman\tAmman\tjo\tcapital\tAmman\n"
              "city:moscow\tMoscow\tru\tcapital\tMoscow\n"
              "city:reading\tReading\tgb\tcity\tReading\n"
              "de\tGermany\t\tcountry\tGermany\n"
              "in\tIndia\t\tcountry\tIndia\n"
              "city:delhi\tDelhi\tin\tcity\tDelhi\n"
              "city:mobile\tMobile\tus\tcity\tMobile\n"
              "city:austin\tAustin\tus\tcity\tAustin\n"
              "eg\tEgypt\t\tcountry\tEgypt\n"
              "city:alexandria\tAlexandria\teg\tcity\tAlexandria|Александрия\n"
              "city:berlin\tBerlin\tde\tcapital\tBerlin\n"
              "city:berlin-us\tBerlin\tus\tcity\tBerlin\n"
              "city:london\tLondon\tgb\tcapital\tLondon\n"
              "city:london-us\tLondon\tus\tcity\tLondon\n");
        write(dir_ / "regions-overlay.tsv",
              "# alias\tcode\n"
              "Turkey\ttr\nRussia\tru\nRussian\tru\nU.S.\tus\nCrimea\tua-43\nKiev\tcity:kyiv\tua\n"
              "Soviet Union\tussr\nUSA\tus\nКрым\tua-43\nКрим\tua-43\nСША\tus\n");
        write(dir_ / "region-labels.tsv", "# code\tlabel\tshort\nus\tUnited States\tUS\nru\tRussia\nua-43\tCrimea\n");
        write(dir_ / "actors.tsv",
              "# id\tlabel\tkind\taliases\n"
              "vladimir-putin\tVladimir Putin\tperson\tPutin|Путин|Владимир Путин|Путін\n"
              "fsb\tFederal Security Service\tsecurity-service\tFSB|Russia's Federal Security Service|ФСБ\n"
              "michael-jordan\tMichael Jordan\tperson\t\n");
        extractor_ = new Extractor(dir_.string());
    }
    static void TearDownTestSuite() {
        delete extractor_;
        fs::remove_all(dir_);
    }

    /// "code,code" of the regions extracted from @p text as a headline (a
    /// headline's places are salient: one mention suffices), or as the body
    /// under @p dateline.
    static std::string regions(const std::string& text, const std::string& dateline = "") {
        return join(dateline.empty() ? extract("", text, "").regions : extract(text, "", dateline).regions);
    }
    static std::string actors(const std::string& body, const std::string& title = "") {
        return join(extract(body, title, "").actors);
    }
    static Article extract(const std::string& body, const std::string& title, const std::string& dateline,
                           const std::string& language = "") {
        Article a;
        a.title = title;
        a.body = body;
        a.dateline = dateline;
        a.language = language;
        extractor_->apply(a, Mode::kExtract);
        return a;
    }
    /// Regions of the headline @p title of an article in @p language.
    static std::string regions_in(const std::string& language, const std::string& title) {
        return join(extract("", title, "", language).regions);
    }
    static std::string join(const std::vector<FacetValue>& values) {
        std::string out;
        for (const auto& v : values) out += (out.empty() ? "" : ",") + v.value;
        return out;
    }

    static inline fs::path dir_;
    static inline Extractor* extractor_ = nullptr;
};

TEST_F(EntitiesTest, GeorgiaIsTheUsStateNextToAtlanta) {
    EXPECT_EQ(regions("Delta is based in Atlanta, Georgia, where it employs 30,000."), "us,city-atlanta,us-ga");
}

TEST_F(EntitiesTest, GeorgiaIsTheCountryNextToTbilisi) {
    EXPECT_EQ(regions("Protesters in Tbilisi, Georgia, marched on parliament."), "ge,city-tbilisi");
    EXPECT_EQ(regions("The U.S. envoy arrived in Georgia on Monday."), "us,ge");
}

TEST_F(EntitiesTest, TurkeyTheBirdIsNoCountry) {
    EXPECT_EQ(regions("Families roasted a turkey for Thanksgiving."), "");
    EXPECT_EQ(regions("Exports to Turkey rose."), "tr");
    // Sentence-initial and alone: could be the bird on a menu.
    EXPECT_EQ(regions("Turkey prices were up. Nothing else was."), "");
}

TEST_F(EntitiesTest, ChadThePersonIsNoCountry) {
    EXPECT_EQ(regions("Chad Smith scored twice."), "");
    EXPECT_EQ(regions("He met Chad Smith."), "");
    EXPECT_EQ(regions("Troops were sent to Chad last week."), "td");
}

TEST_F(EntitiesTest, JordanThePersonIsNoCountry) {
    EXPECT_EQ(actors("Michael Jordan retired."), "michael-jordan");
    EXPECT_EQ(regions("Michael Jordan retired."), "");
    EXPECT_EQ(regions("Jordan said the talks failed."), "");
    EXPECT_EQ(regions("Jordan said the talks in Amman failed."), "jo,city-amman");
    EXPECT_EQ(regions("Refugees crossed into Jordan."), "jo");
}

TEST_F(EntitiesTest, AListOfCitiesIsNoCityAndItsState) {
    // Berlin, New Hampshire and London, Kentucky share a country; the list does not make them neighbours.
    EXPECT_EQ(regions("Queues formed in Berlin, London and other cities."), "de,city-berlin,gb,city-london");
    EXPECT_EQ(regions("Snow in Atlanta, Georgia."), "us,city-atlanta,us-ga");
}

TEST_F(EntitiesTest, NewYorkIsNotYork) {
    EXPECT_EQ(regions("Shares fell in New York on Friday."), "us,city-new-york");
    EXPECT_EQ(regions("The minster in York was restored."), "gb,city-york");
}

TEST_F(EntitiesTest, PossessivesAndAbbreviations) {
    EXPECT_EQ(actors("Putin's army and Putin’s war."), "vladimir-putin");
    EXPECT_EQ(regions("The U.S. Treasury and Russia’s central bank."), "us,ru");
    EXPECT_EQ(actors("Agents of the FSB were seen."), "fsb");
    EXPECT_EQ(actors("Agents of the fsb were seen."), "");
}

TEST_F(EntitiesTest, AllCapsHeadlinesIgnoreCase) {
    auto a = extract("", "PUTIN WARNS NEW YORK AND RUSSIA", "");
    EXPECT_EQ(join(a.actors), "vladimir-putin");
    EXPECT_EQ(join(a.regions), "us,city-new-york,ru");
}

TEST_F(EntitiesTest, DatelineAlwaysCountsAndComesFirst) {
    EXPECT_EQ(regions("Ukraine said Russia attacked. Russia denied it.", "READING, March 3 -"),
              "gb,city-reading,ru");
    // Without the dateline, "Reading" opening a sentence is not a place.
    EXPECT_EQ(regions("Reading the report, Ukraine said no."), "ua");
}

TEST_F(EntitiesTest, CitiesAndSubdivisionsCountForTheirCountry) {
    auto a = extract("", "Fighting in Crimea and Kiev.", "");
    ASSERT_EQ(a.regions.size(), 3u);
    EXPECT_EQ(a.regions[0].value, "ua");
    EXPECT_EQ(a.regions[1].value, "ua-43");
    EXPECT_EQ(a.regions[1].label, "Crimea");  // region-labels.tsv, not iso-codes' transliteration
    EXPECT_EQ(a.regions[1].parent, "ua");
    EXPECT_EQ(a.regions[2].value, "city-kyiv");  // only in the overlay, with its country
    EXPECT_EQ(a.regions[2].label, "Kiev");
    EXPECT_EQ(a.regions[2].parent, "ua");
}

TEST_F(EntitiesTest, OnlyANamesakeGetsItsCountryInBrackets) {
    auto a = extract("", "Storms in Atlanta, Georgia.", "");
    ASSERT_EQ(join(a.regions), "us,city-atlanta,us-ga");
    EXPECT_EQ(a.regions[2].label, "Georgia (US)");  // the short form of region-labels.tsv
    EXPECT_EQ(a.regions[1].label, "Atlanta");
    a = extract("", "Tbilisi, Georgia.", "");
    ASSERT_EQ(join(a.regions), "ge,city-tbilisi");
    EXPECT_EQ(a.regions[0].label, "Georgia");
}

TEST_F(EntitiesTest, ACountryNamedOnceInPassingIsDropped) {
    auto a = extract("Russia shelled Kiev. Russia said Moscow was calm. Exports to Turkey fell.", "", "");
    // Ukraine is named once (its capital), Turkey once: passing mentions.
    EXPECT_EQ(join(a.regions), "ru,city-moscow");
    // A city named once counts when its country is the story's.
    a = extract("Russia shelled Kiev. Russia said Moscow was calm. Ukraine's army in Kiev held.", "", "");
    EXPECT_EQ(join(a.regions), "ru,ua,city-kyiv,city-moscow");
}

TEST_F(EntitiesTest, RussianAndUkrainianNamesMatchInflected) {
    EXPECT_EQ(regions("Удар по Украине: в Крыму прогремели взрывы"), "ua,ua-43");
    EXPECT_EQ(regions("Вибухи в Україні та у Криму"), "ua,ua-43");
    EXPECT_EQ(regions("Россия и Украина"), "ru,ua");
    // A name of several words matches in any case by its stems.
    EXPECT_EQ(regions("Власти Российской Федерации"), "ru");
    EXPECT_EQ(regions("Сенат США"), "us");
}

TEST_F(EntitiesTest, RussianActorsMatchInflected) {
    EXPECT_EQ(actors("Путина поздравили, Путину доложили, с Путиным спорят."), "vladimir-putin");
    EXPECT_EQ(actors("Владимира Путина ждут в Казани."), "vladimir-putin");
    EXPECT_EQ(actors("Зустріч з Путіним."), "vladimir-putin");
    EXPECT_EQ(actors("Сотрудники ФСБ задержали его."), "fsb");
    // "путина" is also the fishing season, and an abbreviation wants capitals.
    EXPECT_EQ(actors("На Камчатке началась путина."), "");
    EXPECT_EQ(actors("Сотрудники фсб задержали его."), "");
}

TEST_F(EntitiesTest, AOneWordNameMatchesOnlyItsOwnForms) {
    // Snowball stems "Александр" as it stems "Александрия".
    EXPECT_EQ(regions("Армией командовал Александр"), "");
    EXPECT_EQ(regions("Армия вошла в Александрию"), "eg,city-alexandria");
}

TEST_F(EntitiesTest, LinksNameNoPlaces) {
    EXPECT_EQ(regions("Protests in Delhi"), "in,city-delhi");
    EXPECT_EQ(regions("Подробнее: https://t.me/Delhi_News"), "");
    EXPECT_EQ(regions("Read t.me/Delhi_News, Mobile.twitter.com/x and www.Delhi-Times.example"), "");
    EXPECT_EQ(regions("Write to Delhi@example.org or follow @Delhi on Delhi_News"), "");
    // In all-caps text case tells nothing, but a link is still no prose.
    EXPECT_EQ(regions("SEE HTTPS://T.ME/DELHI_NEWS"), "");
    // The text around a link still counts.
    EXPECT_EQ(regions("Protests in Delhi (https://example.org/Delhi)"), "in,city-delhi");
}

TEST_F(EntitiesTest, LatinNamesAreNoPlacesInCyrillicText) {
    EXPECT_EQ(regions_in("en", "Storm hits Mobile"), "us,city-mobile");
    EXPECT_EQ(regions_in("ru", "Шторм обрушился на Mobile"), "");
    EXPECT_EQ(regions_in("uk", "Шторм обрушився на Mobile"), "");
    // Unknown language, mostly Cyrillic: the same.
    EXPECT_EQ(regions_in("", "Шторм обрушился на Mobile"), "");
    // Cyrillic names still count, and Latin actor names (Russian writes
    // Apple and Google so).
    EXPECT_EQ(regions_in("ru", "Шторм обрушился на США"), "us");
    EXPECT_EQ(join(extract("Интервью с Putin вышло вчера.", "", "", "ru").actors), "vladimir-putin");
}

TEST_F(EntitiesTest, APlaceNamedForSomeoneIsNoPlace) {
    // Lloyd Austin is a man; once named, his name stays his ("Austin said").
    auto body = [](const std::string& text) { return join(extract(text, "", "").regions); };
    EXPECT_EQ(body("Secretary Lloyd Austin visited New York. Austin said the U.S. would help."), "us,city-new-york");
    EXPECT_EQ(body("Flooding in Austin. Austin said the U.S. would help."), "us,city-austin");
    // A name in quotes is a missile's or a firm's.
    EXPECT_EQ(regions("Missiles named «Atlanta» were fired"), "");
    EXPECT_EQ(regions("Missiles were fired at Atlanta"), "us,city-atlanta");
}

TEST_F(EntitiesTest, ModesKeepOrReplaceLabels) {
    Article a;
    a.body = "Russia and Ukraine. Ukraine and Russia.";
    a.regions = {{"usa", "USA"}};
    a.has_region_labels = true;
    Article labelled = a, both = a, extracted = a, unlabelled = a;
    extractor_->apply(labelled, Mode::kAuto);
    EXPECT_EQ(join(labelled.regions), "us");  // the Reuters code resolved
    EXPECT_EQ(join(labelled.actors), "");  // no actor labels: extracted (none here)
    extractor_->apply(both, Mode::kBoth);
    EXPECT_EQ(join(both.regions), "us,ru,ua");
    extractor_->apply(extracted, Mode::kExtract);
    EXPECT_EQ(join(extracted.regions), "ru,ua");
    unlabelled.has_region_labels = false;
    unlabelled.regions.clear();
    extractor_->apply(unlabelled, Mode::kAuto);
    EXPECT_EQ(join(unlabelled.regions), "ru,ua");
}

TEST(EntitiesModeTest, ParsesModesAndRejectsOthers) {
    EXPECT_EQ(parse_mode("auto"), Mode::kAuto);
    EXPECT_EQ(parse_mode("both"), Mode::kBoth);
    try {
        parse_mode("all");
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_STREQ(e.what(), "unknown --entities mode 'all'; use one of: auto, labels, extract, both");
    }
}

TEST(EntitiesGazetteerTest, MissingRegionsFileIsNamed) {
    try {
        Extractor e("/nonexistent-gazetteer");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(),
                     "/nonexistent-gazetteer/regions.tsv: cannot read the region gazetteer "
                     "(generate it with scripts/gen-gazetteer.py)");
    }
}

bool has(const std::vector<FacetValue>& values, const std::string& value) {
    for (const auto& v : values) {
        if (v.value == value) return true;
    }
    return false;
}

// The seed article, read raw, against the build's gazetteer (generated
// regions plus corpus/gazetteer).
TEST(EntitiesSeedTest, FindsTheSeedArticlesActorsAndRegions) {
    fs::path seed = fs::path(NEWSDESK_SHARED_DIR) / "seed/000_50661339712cdf9b.txt";
    if (!fs::exists(seed)) GTEST_SKIP() << "seed article absent: " << seed;
    if (!fs::exists(fs::path(NEWSDESK_GAZETTEER_DIR) / "actors.tsv")) {
        GTEST_SKIP() << "curated gazetteer absent (corpus/gazetteer/actors.tsv)";
    }
    std::ostringstream text;
    text << std::ifstream(seed).rdbuf();
    Article a;
    a.body = text.str();
    Extractor(NEWSDESK_GAZETTEER_DIR).apply(a, Mode::kAuto);
    for (const char* actor : {"atesh", "vladimir-putin", "fsb"}) EXPECT_TRUE(has(a.actors, actor)) << actor;
    for (const char* region : {"ru", "ua", "ua-43", "city-moscow"}) EXPECT_TRUE(has(a.regions, region)) << region;
    bool rostov = has(a.regions, "city-rostov") || has(a.regions, "ru-ros");
    EXPECT_TRUE(rostov) << "Rostov";
}

/// Regions and actors of @p body (and @p title) on the build's gazetteer.
Article extract_real(const std::string& title, const std::string& body, const std::string& language = "") {
    Article a;
    a.title = title;
    a.body = body;
    a.language = language;
    static const Extractor extractor(NEWSDESK_GAZETTEER_DIR);
    extractor.apply(a, Mode::kExtract);
    return a;
}

// Russian, Ukrainian and German articles on the build's gazetteer: the
// translations gen-gazetteer.py takes from iso-codes and libgweather, and the
// curated names of corpus/gazetteer.
TEST(EntitiesMultilingualTest, FindsRegionsAndActorsInRussianUkrainianAndGerman) {
    if (!fs::exists(fs::path(NEWSDESK_GAZETTEER_DIR) / "actors.tsv")) {
        GTEST_SKIP() << "curated gazetteer absent (corpus/gazetteer/actors.tsv)";
    }
    auto a = extract_real("Удар по Украине: в Крыму прогремели взрывы", "Минобороны России сообщило о пусках.");
    for (const char* region : {"ua", "ua-43"}) EXPECT_TRUE(has(a.regions, region)) << region;
    EXPECT_TRUE(has(a.actors, "ministry-of-defence-of-russia"));
    a = extract_real("", "Песков ответил на вопрос о здоровье Путина. Путину доложили о ситуации.");
    EXPECT_TRUE(has(a.actors, "vladimir-putin"));
    EXPECT_TRUE(has(a.actors, "dmitry-peskov"));
    a = extract_real("Вибухи у Києві", "Зеленський провів нараду із ЗСУ.");
    EXPECT_TRUE(has(a.regions, "city-kyiv"));
    EXPECT_TRUE(has(a.regions, "ua"));
    EXPECT_TRUE(has(a.actors, "volodymyr-zelensky"));
    EXPECT_TRUE(has(a.actors, "armed-forces-of-ukraine"));
    a = extract_real("Deutschland hilft den Menschen in der Ukraine", "");
    EXPECT_TRUE(has(a.regions, "de"));
    EXPECT_TRUE(has(a.regions, "ua"));
}

TEST(EntitiesMultilingualTest, NoPlacesFromLinksOrLatinFragments) {
    if (!fs::exists(fs::path(NEWSDESK_GAZETTEER_DIR) / "regions.tsv")) GTEST_SKIP() << "no gazetteer";
    EXPECT_TRUE(extract_real("", "https://t.me/delhi_news").regions.empty());
    auto phone = extract_real("Новый смартфон Mobile", "Мы купили Mobile в магазине. Mobile понравился.");
    EXPECT_TRUE(phone.regions.empty());
    // The same Latin word in English text is the city in Alabama.
    EXPECT_FALSE(extract_real("Storm hits Mobile, Alabama", "").regions.empty());
}

}  // namespace
}  // namespace newsdesk::entities
