#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <sys/stat.h>

#include "x12/error.h"
#include "x12/output.h"
#include "x12_test_support.h"

using x12::output_file;
using x12::test::slurp;
using x12::test::temp_dir;

TEST_CASE("nothing appears until commit, then the whole file does") {
  temp_dir dir;
  std::string path = dir / "out.x12";
  {
    output_file out(path);
    out.write("ISA*");
    out.put('~');
    // Past the flush threshold: bytes reach the temporary file, not `path`;
    // an unnamed one where the file system has O_TMPFILE.
    out.write(std::string(200000, 'x'));
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK(dir.entries() <= 1);
    out.commit();
    CHECK(std::filesystem::exists(path));
  }
  std::string bytes = slurp(path);
  CHECK(bytes.size() == 200005);
  CHECK(bytes.starts_with("ISA*~x"));
  CHECK(dir.entries() == 1);
}

TEST_CASE("the file gets the mode open(2) would give it under the umask") {
  temp_dir dir;
  for (mode_t mask : {022, 077}) {
    mode_t saved = umask(mask);
    std::string path = dir / ("out-" + std::to_string(mask));
    output_file out(path);
    out.commit();
    umask(saved);
    struct stat st {};
    REQUIRE(stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == (0666 & ~mask));
  }
}

TEST_CASE("an output never committed leaves no file behind") {
  temp_dir dir;
  {
    output_file out(dir / "out.x12");
    out.write(std::string(100000, 'x'));
  }
  CHECK(dir.entries() == 0);
}

TEST_CASE("a failed run leaves the previous file as it was") {
  temp_dir dir;
  std::string path = dir / "out.x12";
  {
    output_file first(path);
    first.write("old");
    first.commit();
  }
  try {
    output_file second(path);
    second.write(std::string(100000, 'n'));
    throw std::runtime_error("the run fails half way");
  } catch (const std::runtime_error &) {
  }
  CHECK(slurp(path) == "old");
  CHECK(dir.entries() == 1);
  {
    output_file third(path);
    third.write("new");
    third.commit();
  }
  CHECK(slurp(path) == "new");
}

TEST_CASE("commit twice is harmless") {
  temp_dir dir;
  output_file out(dir / "out.x12");
  out.write("a");
  out.commit();
  out.commit();
  CHECK(slurp(dir / "out.x12") == "a");
}

TEST_CASE("a moved output commits once, from its new owner") {
  temp_dir dir;
  {
    output_file a(dir / "out.x12");
    a.write("moved");
    output_file b(std::move(a));
    b.commit();
  }
  CHECK(slurp(dir / "out.x12") == "moved");
  CHECK(dir.entries() == 1);
}

TEST_CASE("an output in a missing directory throws x12::error naming it") {
  temp_dir dir;
  std::string path = dir / "no/such/out.x12";
  try {
    output_file out(path);
    FAIL("no error");
  } catch (const x12::error &e) {
    CHECK(std::string(e.what()) == "cannot create output: No such file or directory");
    CHECK(e.position().file == path);
  }
}

TEST_CASE("'-' and an empty path are standard output") {
  output_file out("-");
  CHECK(out.name() == "<stdout>");
  CHECK(out.path() == "-");
  CHECK(output_file("").name() == "<stdout>");
  temp_dir dir;
  CHECK(output_file(dir / "x").name() == dir / "x");
}

TEST_CASE("a write that fails throws naming the output, and so does every one after it") {
  output_file out("/dev/full");
  auto message = [&](auto &&step) {
    try {
      step();
    } catch (const x12::error &e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message([&] { out.write(std::string(100000, 'x')); }) ==
        "cannot write /dev/full: No space left on device");
  CHECK(out.failed());
  // What was lost is never committed as if whole.
  CHECK(message([&] { out.commit(); }) == "cannot write /dev/full: No space left on device");
}
