// The font stage: files found, collection faces by index, fallback along a role's
// chain, and located errors for characters no font has.
#define BOOST_TEST_MODULE fonts
#include <boost/test/unit_test.hpp>

#include "compose/document.hpp"
#include "core/utf8.hpp"
#include "font/sfnt.hpp"
#include "layout/catalog.hpp"
#include "support.hpp"
#include "typeset/inline.hpp"

#include FT_CID_H

using namespace nb;

namespace {

std::vector<std::string> system_dirs() { return {"/usr/local/share/fonts", "/usr/share/fonts"}; }

struct Fixture {
  layout::Catalog layouts;
  font::FontLibrary fonts{system_dirs()};
  Fixture() {
    Diagnostics d;
    BOOST_REQUIRE(layouts.load_dir(nbtest::kSourceDir + "/layouts", d));
  }
  compose::Run run(const std::string& text, layout::Role role, const TextOrigin* origin = nullptr) {
    compose::Run r;
    r.text = *decode_utf8(text);
    r.role = role;
    r.origin = origin;
    for (uint32_t i = 0; i < r.text.size(); ++i) r.src.push_back(i);
    return r;
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(font_stage, Fixture)

BOOST_AUTO_TEST_CASE(collection_face_index_is_honoured) {
  auto path = fonts.find("NotoSerifCJK-Regular.ttc");
  BOOST_REQUIRE(path);
  BOOST_CHECK_EQUAL(fonts.open(*path, 2).family(), "Noto Serif CJK SC");
  BOOST_CHECK_EQUAL(fonts.open(*path, 0).family(), "Noto Serif CJK JP");
  BOOST_CHECK(fonts.open(*path, 2).is_cff());
  // Loaded once: the same object comes back.
  BOOST_CHECK_EQUAL(&fonts.open(*path, 2), &fonts.open(*path, 2));
}

BOOST_AUTO_TEST_CASE(face_index_out_of_range_and_non_fonts_are_environment_errors) {
  auto path = fonts.find("NotoSerifCJK-Regular.ttc");
  BOOST_REQUIRE(path);
  try {
    fonts.open(*path, 12);
    BOOST_FAIL("no error");
  } catch (const EnvironmentError& e) {
    BOOST_CHECK(e.message.find("face = 12 超出范围") != std::string::npos);
  }
  nbtest::TempDir t;
  nbtest::write_file(t.file("fake.ttf"), "this is not a font");
  BOOST_CHECK_THROW(fonts.open(t.file("fake.ttf"), 0), EnvironmentError);
  nbtest::write_file(t.file("cut.otf"), nbtest::read_file(*fonts.find("FandolFang-Regular.otf")).substr(0, 4000));
  BOOST_CHECK_THROW(fonts.open(t.file("cut.otf"), 0), EnvironmentError);
}

BOOST_AUTO_TEST_CASE(roles_resolve_to_their_chains) {
  auto roles = typeset::resolve_roles(*layouts.find("2019", 0), {}, fonts);
  BOOST_CHECK_EQUAL(roles.at(layout::Role::Body).chain.front()->family(), "FandolFang");
  BOOST_CHECK_EQUAL(roles.at(layout::Role::Body).chain.back()->family(), "Noto Serif CJK SC");
  BOOST_CHECK_EQUAL(roles.at(layout::Role::Heading1).chain.front()->family(), "Noto Sans CJK SC");
  BOOST_CHECK_EQUAL(roles.at(layout::Role::Table).style->size, 10.5);
}

BOOST_AUTO_TEST_CASE(missing_character_falls_back_on_the_same_size) {
  auto roles = typeset::resolve_roles(*layouts.find("2019", 0), {}, fonts);
  typeset::Result out;
  Diagnostics d;
  auto atoms = typeset::shape_runs({run("张喆同志", layout::Role::Body)}, roles, 15.8, 16, out, d);
  typeset::prepare(atoms, typeset::InlineStyle{});
  BOOST_CHECK(!d.has_errors());
  BOOST_REQUIRE_EQUAL(atoms.size(), 4u);
  BOOST_CHECK_EQUAL(atoms[0].face->family(), "FandolFang");
  BOOST_CHECK_EQUAL(atoms[1].face->family(), "Noto Serif CJK SC");  // 喆 is not in FandolFang
  BOOST_CHECK_EQUAL(atoms[2].face->family(), "FandolFang");
  for (const auto& a : atoms) {
    BOOST_CHECK_EQUAL(a.size, 16);
    BOOST_CHECK_CLOSE(a.width, 15.8, 1e-9);  // on the grid whatever the font
  }
}

BOOST_AUTO_TEST_CASE(character_in_no_font_is_a_located_error) {
  auto src = nbtest::source("r.toml", "text = \"\"\"\n第一行\n好😀的\"\"\"\n");
  TextOrigin origin{Loc{src, 1, 8}};
  auto roles = typeset::resolve_roles(*layouts.find("2019", 0), {}, fonts);
  typeset::Result out;
  Diagnostics d;
  auto r = run("第一行\n好😀的", layout::Role::Body, &origin);
  typeset::shape_runs({r}, roles, 15.8, 16, out, d);
  BOOST_REQUIRE_EQUAL(d.list().size(), 1u);
  std::string msg = format(d.list()[0]);
  BOOST_TEST_INFO(msg);
  BOOST_CHECK(msg.rfind("r.toml:3:2: 错误: 字符“😀”（U+1F600）在字体角色 body（正文）的所有字体中都没有", 0) == 0);
}

// A file cut short is found from its table directories, whatever is cut: the
// collection's header, a face's directory, or a table.
BOOST_AUTO_TEST_CASE(truncation_names_what_is_cut) {
  const std::string ttc = nbtest::read_file(*fonts.find("NotoSerifCJK-Regular.ttc"));
  const std::string otf = nbtest::read_file(*fonts.find("FandolFang-Regular.otf"));
  BOOST_CHECK(!font::truncation(ttc));
  BOOST_CHECK(!font::truncation(otf));
  BOOST_CHECK(!font::truncation(otf.substr(0, 11)));          // too short to be a font: FreeType says
  BOOST_CHECK(!font::truncation("this is not a font at all"));  // not an sfnt: FreeType says
  BOOST_CHECK_EQUAL(font::truncation(ttc.substr(0, 16)).value_or(""), "字体集合（.ttc）的目录不完整");
  const size_t first_face = static_cast<unsigned char>(ttc[12]) << 24 | static_cast<unsigned char>(ttc[13]) << 16 |
                            static_cast<unsigned char>(ttc[14]) << 8 | static_cast<unsigned char>(ttc[15]);
  BOOST_CHECK_EQUAL(font::truncation(ttc.substr(0, first_face + 20)).value_or(""), "字体文件的表目录超出文件末尾");
  const std::string cut = font::truncation(otf.substr(0, 4000)).value_or("");
  BOOST_CHECK(cut.rfind("不完整：表 ", 0) == 0);
  BOOST_CHECK(cut.find("文件只有 4000 字节") != std::string::npos);
}

// The facts Face reads from the tables (to spare FreeType's FT_New_Face) are those
// FreeType gives, for every face of every font file installed here.
BOOST_AUTO_TEST_CASE(facts_read_from_the_tables_are_freetypes) {
  FT_Library lib;
  BOOST_REQUIRE_EQUAL(FT_Init_FreeType(&lib), 0);
  int faces = 0, cid_keyed = 0;
  for (const std::string& dir : system_dirs()) {
    std::error_code ec;
    for (auto e = nbtest::fs::recursive_directory_iterator(dir, ec); !ec && e != nbtest::fs::recursive_directory_iterator();
         e.increment(ec)) {
      std::string ext = e->path().extension().string();
      for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (ext != ".ttf" && ext != ".otf" && ext != ".ttc") continue;
      const std::string path = e->path().string();
      const std::string file = nbtest::read_file(path);
      FT_Face probe;
      BOOST_REQUIRE_EQUAL(FT_New_Face(lib, path.c_str(), -1, &probe), 0);
      const long count = probe->num_faces;
      FT_Done_Face(probe);
      BOOST_CHECK_EQUAL(font::face_count(file), static_cast<unsigned>(count));
      for (long i = 0; i < count; ++i) {
        BOOST_TEST_CONTEXT(path << " face " << i) {
          FT_Face ft;
          BOOST_REQUIRE_EQUAL(FT_New_Face(lib, path.c_str(), i, &ft), 0);
          std::string_view cff;
          font::FontFacts f = font::read_font_facts(file, static_cast<unsigned>(i), cff);
          const char* ps = FT_Get_Postscript_Name(ft);
          BOOST_CHECK_EQUAL(f.ps_name, ps ? ps : "");
          BOOST_CHECK_EQUAL(f.x_min, ft->bbox.xMin);
          BOOST_CHECK_EQUAL(f.y_min, ft->bbox.yMin);
          BOOST_CHECK_EQUAL(f.x_max, ft->bbox.xMax);
          BOOST_CHECK_EQUAL(f.y_max, ft->bbox.yMax);
          BOOST_CHECK_EQUAL(f.ascender, ft->ascender);
          BOOST_CHECK_EQUAL(f.descender, ft->descender);
          FT_Bool is_cid = 0;
          BOOST_CHECK_EQUAL(f.cid_keyed, f.cff && FT_Get_CID_Is_Internally_CID_Keyed(ft, &is_cid) == 0 && is_cid);
          if (f.cid_keyed) {
            ++cid_keyed;
            font::CidMap cids;
            BOOST_CHECK(cids.load(cff));
            int wrong = 0;
            for (FT_Long g = 0; g < ft->num_glyphs + 2; ++g) {
              FT_UInt cid = 0;
              uint32_t expected = FT_Get_CID_From_Glyph_Index(ft, static_cast<FT_UInt>(g), &cid) == 0 ? cid : g;
              wrong += cids.cid(static_cast<uint32_t>(g)) != expected;
            }
            BOOST_CHECK_EQUAL(wrong, 0);
          }
          FT_Done_Face(ft);
          ++faces;
        }
      }
    }
  }
  FT_Done_FreeType(lib);
  BOOST_TEST_MESSAGE(faces << " faces, " << cid_keyed << " CID-keyed");
  BOOST_CHECK_GT(faces, 20);
  BOOST_CHECK_GT(cid_keyed, 5);
}

BOOST_AUTO_TEST_SUITE_END()
