// One entity, one facet value: labels, codes and names resolve through the
// gazetteer (a small one written here, and the build's for the Reuters codes).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "extractor.h"
#include "facet_names.h"

namespace newsdesk::entities {
namespace {

namespace fs = std::filesystem;

class ResolverTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = fs::path(::testing::TempDir()) / ("resolver_test_gazetteer-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        std::ofstream(dir_ / "regions.tsv")
            << "ru\tRussian Federation\t\tcountry\tRussian Federation\n"
               "ua\tUkraine\t\tcountry\tUkraine\n"
               "us\tUnited States\t\tcountry\tUnited States|United States of America\n"
               "tr\tTürkiye\t\tcountry\tTürkiye\n"
               "ci\tCôte d'Ivoire\t\tcountry\tCôte d'Ivoire\n"
               "ua-43\tAvtonomna Respublika Krym\tua\tsubdivision\tAvtonomna Respublika Krym\n";
        std::ofstream(dir_ / "regions-overlay.tsv")
            << "Russia\tru\nRussian\tru\nUSA\tus\nU.S.\tus\nTurkey\ttr\nCrimea\tua-43\n"
               "Soviet Union\tussr\nUSSR\tussr\nWest Germany\twest-germany\n";
        std::ofstream(dir_ / "region-labels.tsv") << "ru\tRussia\nua-43\tCrimea\n";
        std::ofstream(dir_ / "actors.tsv")
            << "vladimir-putin\tVladimir Putin\tperson\tPutin\n"
               "eu\tEuropean Union\torganisation\tEU\n";
        extractor_ = new Extractor(dir_.string());
    }
    static void TearDownTestSuite() {
        delete extractor_;
        fs::remove_all(dir_);
    }

    /// "value=label" of each region after resolving labels @p labels.
    static std::string regions(std::vector<FacetValue> labels) {
        Article a;
        a.regions = std::move(labels);
        a.has_region_labels = true;
        extractor_->apply(a, Mode::kLabels);
        std::string out;
        for (const auto& v : a.regions) out += (out.empty() ? "" : ",") + v.value + "=" + v.label;
        return out;
    }
    static std::string actor(const std::string& label) {
        Article a;
        a.actors = {{"", label}};
        a.has_actor_labels = true;
        extractor_->apply(a, Mode::kLabels);
        return a.actors.empty() ? "" : a.actors[0].value + "=" + a.actors[0].label;
    }

    static inline fs::path dir_;
    static inline Extractor* extractor_ = nullptr;
};

TEST_F(ResolverTest, NamesAliasesAndCodesGiveOneValue) {
    for (const char* label : {"Russia", "Russian Federation", "RU", "ru", "Russian"})
        EXPECT_EQ(regions({{"", label}}), "ru=Russia") << label;
    EXPECT_EQ(regions({{"russia", "Russia"}, {"russian-federation", "Russian Federation"}}), "ru=Russia");
}

TEST_F(ResolverTest, CaseAndAccentsAreIgnored) {
    for (const char* label : {"RUSSIAN FEDERATION", "russian federation", "Turkiye", "TÜRKIYE", "turkey"}) {
        const std::string got = regions({{"", label}});
        EXPECT_TRUE(got == "ru=Russia" || got == "tr=Türkiye") << label << " -> " << got;
    }
    EXPECT_EQ(regions({{"", "Cote d'Ivoire"}}), "ci=Côte d'Ivoire");
    EXPECT_EQ(regions({{"cote-d-ivoire", ""}}), "ci=Côte d'Ivoire");
}

TEST_F(ResolverTest, ReutersCodesAndHistoricalStates) {
    EXPECT_EQ(regions({{"usa", "USA"}}), "us=United States");
    EXPECT_EQ(regions({{"ussr", "USSR"}}), "ussr=Soviet Union");  // not Russia: a state of its own
    EXPECT_EQ(regions({{"west-germany", "West Germany"}}), "west-germany=West Germany");
}

TEST_F(ResolverTest, ASubdivisionCountsForItsCountry) {
    EXPECT_EQ(regions({{"crimea", "Crimea"}}), "ua-43=Crimea,ua=Ukraine");
    EXPECT_EQ(regions({{"", "Crimea"}, {"", "Ukraine"}}), "ua-43=Crimea,ua=Ukraine");
}

TEST_F(ResolverTest, ActorsResolveByNameAliasOrId) {
    for (const char* label : {"Putin", "PUTIN", "Vladimir Putin", "vladimir-putin"})
        EXPECT_EQ(actor(label), "vladimir-putin=Vladimir Putin") << label;
    EXPECT_EQ(actor("European Union"), "eu=European Union");
}

TEST_F(ResolverTest, AnUnknownLabelKeepsASlugAndIsCounted) {
    const auto before = extractor_->unknown_labels().size();
    EXPECT_EQ(regions({{"", "Atlantis"}}), "atlantis=Atlantis");
    EXPECT_EQ(regions({{"", "Atlantis"}, {"", "Russia"}}), "atlantis=Atlantis,ru=Russia");
    auto unknown = extractor_->unknown_labels();
    ASSERT_EQ(unknown.size(), before + 1);
    EXPECT_EQ(unknown[0].facet, "region");
    EXPECT_EQ(unknown[0].label, "Atlantis");
    EXPECT_EQ(unknown[0].value, "atlantis");
    EXPECT_EQ(unknown[0].articles, 2u);
}

TEST_F(ResolverTest, TheNamesOfAValueAreRecordedForTheSearcher) {
    auto names = extractor_->names("region", {"ru", "Russia"});
    for (const char* name : {"russia", "russian federation", "russian"})
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    EXPECT_TRUE(extractor_->names("region", {"atlantis", "Atlantis"}).empty());
}

TEST(NameKeyTest, FoldsCaseAccentsAndPunctuation) {
    EXPECT_EQ(schema::name_key("Côte d'Ivoire"), "cote d ivoire");
    EXPECT_EQ(schema::name_key("west-germany"), "west germany");
    EXPECT_EQ(schema::name_key("  Straße, ÆRØ "), "strasse aero");
    EXPECT_EQ(schema::name_key("Ёлки Київ"), "елки київ");
    EXPECT_EQ(schema::name_key("U.S."), "u s");
    EXPECT_EQ(schema::name_key("--"), "");
}

// The Reuters-21578 place codes of 1987 on the build's gazetteer.
TEST(ReutersCodesTest, MapOntoTheGazetteersIds) {
    if (!fs::exists(fs::path(NEWSDESK_GAZETTEER_DIR) / "regions-overlay.tsv"))
        GTEST_SKIP() << "curated gazetteer absent (corpus/gazetteer/regions-overlay.tsv)";
    Extractor extractor(NEWSDESK_GAZETTEER_DIR);
    const std::pair<const char*, const char*> cases[] = {
        {"usa", "us"},          {"uk", "gb"},           {"west-germany", "west-germany"}, {"ussr", "ussr"},
        {"burma", "mm"},        {"zaire", "cd"},        {"uae", "ae"},                    {"ivory-coast", "ci"},
        {"kampuchea", "kh"},    {"turkey", "tr"},       {"trinidad-tobago", "tt"},        {"south-korea", "kr"},
        {"hong-kong", "hk"},    {"east-germany", "east-germany"},                          {"japan", "jp"},
        {"us-virgin-islands", "vi"}, {"yugoslavia", "yugoslavia"}};
    for (const auto& [code, id] : cases) {
        Article a;
        a.regions = {{code, code}};
        a.has_region_labels = true;
        extractor.apply(a, Mode::kLabels);
        ASSERT_EQ(a.regions.size(), 1u) << code;
        EXPECT_EQ(a.regions[0].value, id) << code;
    }
}

}  // namespace
}  // namespace newsdesk::entities
