// pdf::read: a PDF read by the reader program (nianbao-read-pdf) gives the same
// findings as read in process; the wire format between them round-trips and
// refuses an answer cut short or run on.
#define BOOST_TEST_MODULE reader
#include <boost/test/unit_test.hpp>

#include "pdf/read_wire.hpp"
#include "pdf/reader.hpp"
#include "support.hpp"

using namespace nbtest;

namespace {

// The sample built with --attach: its bytes.
std::string attached_sample(const TempDir& t) {
  const Output o = run(kBinary + " build --attach " + kSample2019 + " -o " + t.path.string());
  BOOST_REQUIRE_MESSAGE(o.code == 0, o.err);
  return read_file(t.file("quanan-2020.pdf"));
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_program_reads_what_the_process_reads) {
  TempDir t;
  const std::string bytes = attached_sample(t);
  const nb::pdf::ReadPdf apart = nb::pdf::read(bytes, NB_READ_PDF);
  BOOST_TEST_INFO(apart.error);
  BOOST_CHECK(apart.error.empty());
  BOOST_CHECK_EQUAL(apart.pages, 6);
  BOOST_CHECK_EQUAL(apart.page_list.size(), 6u);
  BOOST_CHECK_EQUAL(apart.attachments.size(), 2u);
  BOOST_CHECK(nb::pdf::encode(apart) == nb::pdf::encode(nb::pdf::read_in_process(bytes)));
}

BOOST_AUTO_TEST_CASE(the_wire_round_trips_and_refuses_what_is_cut_or_added) {
  TempDir t;
  const std::string wire = nb::pdf::encode(nb::pdf::read_in_process(attached_sample(t)));
  const auto back = nb::pdf::decode(wire);
  BOOST_REQUIRE(back);
  BOOST_CHECK(nb::pdf::encode(*back) == wire);
  BOOST_CHECK(!nb::pdf::decode(wire.substr(0, wire.size() - 1)));
  BOOST_CHECK(!nb::pdf::decode(wire.substr(0, wire.size() / 2)));
  BOOST_CHECK(!nb::pdf::decode(wire + "x"));
  BOOST_CHECK(!nb::pdf::decode(""));
  std::string huge = wire;  // the first field's length beyond the bytes left
  huge[6] = '\x7f';
  BOOST_CHECK(!nb::pdf::decode(huge));
}

BOOST_AUTO_TEST_CASE(a_missing_program_is_said_not_a_broken_file) {
  const nb::pdf::ReadPdf r = nb::pdf::read("%PDF-1.7\n", "/nonexistent/nianbao-read-pdf");
  BOOST_CHECK(r.error.find("无法启动 PDF 读取程序") != std::string::npos);
}
