#include "log/tools/index_dumper.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "log/big_endian.h"
#include "log/file_names.h"
#include "log/record_batch_builder.h"
#include "tests/support/temp_dir.h"

namespace kb::log::tools {
namespace {

void write(const std::filesystem::path& path, const std::vector<std::byte>& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::byte> batch(int64_t base, int records) {
  record_batch_builder b;
  b.base_offset(base);
  for (int i = 0; i < records; ++i) b.add(1000 + base + i, "k", "v");
  return b.build();
}

class IndexDumperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    first_ = batch(5, 2);  // offsets 5-6
    std::vector<std::byte> data = first_;
    std::vector<std::byte> second = batch(7, 2);  // offsets 7-8
    data.insert(data.end(), second.begin(), second.end());
    write(log_path(dir_.path(), 5), data);
  }
  std::string problems() const {
    std::ostringstream os;
    report_.print(os);
    return os.str();
  }

  test::temp_dir dir_;
  std::vector<std::byte> first_;
  std::ostringstream out_, err_;
  dump_report report_;
};

TEST_F(IndexDumperTest, StopsAtThePreallocatedZeroTailAndVerifiesEntries) {
  std::vector<std::byte> index(64, std::byte{0});  // 8 slots, 2 in use
  be::store<int32_t>(index.data() + 0, 1);  // offset 6 at position 0: right
  be::store<int32_t>(index.data() + 8, 3);  // offset 8 at the second batch: right
  be::store<uint32_t>(index.data() + 12, static_cast<uint32_t>(first_.size()));
  write(index_path(dir_.path(), 5), index);
  ASSERT_TRUE(dump_offset_index_file(index_path(dir_.path(), 5), {}, report_, out_, err_)) << err_.str();
  EXPECT_EQ(out_.str(), "offset: 6 position: 0\noffset: 8 position: " + std::to_string(first_.size()) + "\n");
  EXPECT_TRUE(report_.empty()) << problems();

  be::store<int32_t>(index.data() + 8, 2);  // offset 7: that batch ends at 8
  write(index_path(dir_.path(), 5), index);
  ASSERT_TRUE(dump_offset_index_file(index_path(dir_.path(), 5), {}, report_, out_, err_));
  EXPECT_NE(problems().find("  Index offset: 7, log offset: 8"), std::string::npos) << problems();
}

TEST_F(IndexDumperTest, TimeIndexEntriesAreCheckedAgainstBatchTimestamps) {
  std::vector<std::byte> index(36, std::byte{0});  // 3 slots, 2 in use
  be::store<int64_t>(index.data() + 0, 1006);  // batch 5-6: max timestamp 1006
  be::store<int32_t>(index.data() + 8, 1);
  be::store<int64_t>(index.data() + 12, 1000);  // batch 7-8 has 1008; also goes backwards
  be::store<int32_t>(index.data() + 20, 3);
  write(time_index_path(dir_.path(), 5), index);
  dump_options options;
  options.verify_index_only = true;
  ASSERT_TRUE(dump_time_index_file(time_index_path(dir_.path(), 5), options, report_, out_, err_)) << err_.str();
  EXPECT_EQ(out_.str(), "");
  EXPECT_NE(problems().find("  Index timestamp: 1000, log timestamp: 1008"), std::string::npos) << problems();
  EXPECT_NE(problems().find("  Index timestamp: 1000, Previously indexed timestamp: 1006"), std::string::npos)
      << problems();
}

TEST_F(IndexDumperTest, SanityCheckRejectsPartialEntries) {
  write(index_path(dir_.path(), 5), std::vector<std::byte>(13));
  dump_options options;
  options.index_sanity_check = true;
  EXPECT_FALSE(dump_offset_index_file(index_path(dir_.path(), 5), options, report_, out_, err_));
  EXPECT_NE(err_.str().find("failed sanity check: found 13 bytes"), std::string::npos) << err_.str();

  write(index_path(dir_.path(), 5), std::vector<std::byte>(16));
  EXPECT_TRUE(dump_offset_index_file(index_path(dir_.path(), 5), options, report_, out_, err_));
  EXPECT_NE(out_.str().find("00000000000000000005.index passed sanity check."), std::string::npos) << out_.str();
}

}  // namespace
}  // namespace kb::log::tools
