#include "log/tools/log_dumper.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "log/batch_header.h"
#include "log/big_endian.h"
#include "log/file_names.h"
#include "log/record_batch_builder.h"
#include "tests/support/temp_dir.h"

namespace kb::log::tools {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class LogDumperTest : public ::testing::Test {
 protected:
  void write(const std::filesystem::path& path, const std::vector<std::byte>& bytes) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  static std::vector<std::byte> batch(int64_t base, compression_type c, int records) {
    record_batch_builder b(c);
    b.base_offset(base);
    for (int i = 0; i < records; ++i) b.add(1000 + i, "k" + std::to_string(base + i), "v" + std::to_string(base + i));
    return b.build();
  }
  bool dump(const std::filesystem::path& path, const dump_options& options = {}) {
    out_.str("");
    err_.str("");
    return dump_log_file(path, options, report_, out_, err_);
  }

  test::temp_dir dir_;
  std::filesystem::path log_ = log_path(dir_.path(), 5);
  std::ostringstream out_, err_;
  dump_report report_;
};

TEST_F(LogDumperTest, PrintsEveryBatchAndRecordOfOurWriter) {
  std::vector<std::byte> data = batch(5, compression_type::none, 2);
  std::vector<std::byte> gz = batch(7, compression_type::gzip, 3);
  data.insert(data.end(), gz.begin(), gz.end());
  write(log_, data);
  dump_options options;
  options.print_data_log = true;
  ASSERT_TRUE(dump(log_, options)) << err_.str();
  auto lines = lines_of(out_.str());
  ASSERT_EQ(lines.size(), 1u + 2 + 1 + 3 + 1);
  EXPECT_EQ(lines[0], "Starting offset: 5");
  EXPECT_EQ(lines[1].rfind("baseOffset: 5 lastOffset: 6 count: 2 ", 0), 0u) << lines[1];
  EXPECT_NE(lines[1].find(" position: 0 CreateTime: 1001 "), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find("compresscodec: NONE"), std::string::npos);
  EXPECT_EQ(lines[2],
            "| offset: 5 CreateTime: 1000 keySize: 2 valueSize: 2 sequence: -1 headerKeys: [] key: k5 payload: v5");
  EXPECT_NE(lines[4].find("compresscodec: GZIP"), std::string::npos) << lines[4];
  EXPECT_NE(lines[4].find(" isvalid: true"), std::string::npos) << lines[4];
  EXPECT_EQ(lines[7],
            "| offset: 9 CreateTime: 1002 keySize: 2 valueSize: 2 sequence: -1 headerKeys: [] key: k9 payload: v9");
  EXPECT_TRUE(report_.empty());
}

TEST_F(LogDumperTest, GarbageLengthsEndTheDumpAsInvalidBytes) {
  std::vector<std::byte> data = batch(5, compression_type::none, 1);
  std::vector<std::byte> garbage(100, std::byte{0});
  be::store<int32_t>(garbage.data() + 8, 0x7ffffff0);  // a length far beyond the file
  data.insert(data.end(), garbage.begin(), garbage.end());
  write(log_, data);
  ASSERT_TRUE(dump(log_));
  auto lines = lines_of(out_.str());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2], "Found 100 invalid bytes at the end of 00000000000000000005.log");
}

TEST_F(LogDumperTest, CorruptBatchIsReportedInvalidAndTheDumpGoesOn) {
  std::vector<std::byte> data = batch(5, compression_type::none, 1);
  const size_t first = data.size();
  std::vector<std::byte> second = batch(6, compression_type::none, 1);
  data.insert(data.end(), second.begin(), second.end());
  data[first - 1] ^= std::byte{0xff};  // inside the first batch's records
  write(log_, data);
  ASSERT_TRUE(dump(log_));
  auto lines = lines_of(out_.str());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[1].find("isvalid: false"), std::string::npos);
  EXPECT_NE(lines[2].find("isvalid: true"), std::string::npos);
}

TEST_F(LogDumperTest, UnsupportedMagicAndOversizedBatchesStopTheDump) {
  std::vector<std::byte> data = batch(5, compression_type::none, 1);
  data[magic_offset] = std::byte{7};
  write(log_, data);
  EXPECT_FALSE(dump(log_));
  EXPECT_NE(err_.str().find("unsupported magic 7 at position 0"), std::string::npos) << err_.str();

  write(log_, batch(5, compression_type::none, 1));
  dump_options small;
  small.max_message_size = 10;
  EXPECT_FALSE(dump(log_, small));
  EXPECT_NE(err_.str().find("--max-message-size"), std::string::npos) << err_.str();
}

TEST_F(LogDumperTest, MissingFileFailsWithOneLine) {
  EXPECT_FALSE(dump(dir_.path() / "00000000000000000000.log"));
  EXPECT_NE(err_.str().find("No such file or directory"), std::string::npos) << err_.str();
  EXPECT_EQ(lines_of(err_.str()).size(), 1u);
}

}  // namespace
}  // namespace kb::log::tools
