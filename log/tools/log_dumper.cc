#include "log/tools/log_dumper.h"

#include <optional>
#include <system_error>
#include <vector>

#include "log/batch_header.h"
#include "log/file_handle.h"
#include "log/tools/batch_decoding.h"
#include "log/tools/dump_format.h"
#include "log/tools/frame_reader.h"
#include "log/legacy_message.h"
#include "log/tools/segment_file_name.h"

namespace kb::log::tools {
namespace {

// The state of one file's dump.
class log_dump {
 public:
  log_dump(const std::filesystem::path& file, const dump_options& options, dump_report& report, std::ostream& out,
           std::ostream& err)
      : file_(file), options_(options), report_(report), out_(out), err_(err) {
    std::error_code ec;
    report_key_ = std::filesystem::absolute(file, ec).string();
    if (ec) report_key_ = file.string();
  }

  bool run();

 private:
  // Flushes stdout first so that stdout and stderr interleave in order on a terminal.
  std::ostream& err() {
    out_.flush();
    return err_;
  }
  void dump_batch(bytes_view batch, uint64_t position);
  void dump_legacy(bytes_view entry, uint64_t position);
  void saw_record_offset(int64_t offset);

  const std::filesystem::path& file_;
  const dump_options& options_;
  dump_report& report_;
  std::ostream& out_;
  std::ostream& err_;
  std::string report_key_;
  std::optional<int64_t> last_record_offset_;
};

bool log_dump::run() {
  file_handle file(file_, file_handle::mode::read_only);
  auto base = base_offset_from_name(file_);
  if (!base) err() << "Cannot read a base offset from the name " << file_.filename().string() << "; assuming 0\n";
  out_ << "Starting offset: " << base.value_or(0) << '\n';

  const uint64_t end = file.size();
  uint64_t position = 0;
  std::vector<std::byte> buffer;
  frame f;
  while (read_frame(file, position, end, f) == frame_status::ok) {
    if (f.magic < 0 || f.magic > current_magic) {
      err() << "unsupported magic " << static_cast<int>(f.magic) << " at position " << position << " of "
            << file_.string() << "; stopping\n";
      return false;
    }
    if (f.size > options_.max_message_size) {
      err() << "The batch at position " << position << " of " << file_.string() << " is " << f.size
            << " bytes, more than --max-message-size " << options_.max_message_size
            << "; stopping (raise --max-message-size to read it)\n";
      return false;
    }
    buffer.resize(f.size);
    if (file.read_at(position, buffer) < f.size) break;  // the file shrank under us: a torn tail
    if (f.magic == current_magic) {
      dump_batch(buffer, position);
    } else {
      dump_legacy(buffer, position);
    }
    position += f.size;
  }
  if (position < end) {
    out_ << "Found " << end - position << " invalid bytes at the end of " << file_.filename().string() << '\n';
  }
  return true;
}

void log_dump::dump_batch(bytes_view batch, uint64_t position) {
  batch_header h = parse_batch_header(batch);
  bool valid = batch.size() >= batch_header_size && compute_batch_crc(batch) == h.crc;
  out_ << format_batch_line(h, position, valid ? batch_validity::valid : batch_validity::invalid) << '\n';
  if (!options_.deep()) return;

  auto decoded = decode_for_display(batch, h);
  if (auto* reason = std::get_if<std::string>(&decoded)) {
    out_ << "| records not decoded: " << *reason << '\n';
    last_record_offset_ = h.last_offset();  // so the next batch is not reported as a gap
    return;
  }
  payload_mode mode = options_.print_data_log ? payload_mode::with_payload : payload_mode::metadata_only;
  for (const record& r : std::get<decoded_records>(decoded).records) {
    saw_record_offset(record_offset(h, r));
    out_ << format_record_line(h, r, mode) << '\n';
  }
}

void log_dump::dump_legacy(bytes_view entry, uint64_t position) {
  legacy_message m = parse_legacy_message(entry);
  out_ << format_legacy_line(m, position) << '\n';
  if (!options_.deep()) return;
  if (m.compression() != compression_type::none) {
    out_ << "| records not decoded: messages inside a compressed magic " << static_cast<int>(m.magic)
         << " wrapper are not supported\n";
    last_record_offset_ = m.offset;  // a wrapper's offset is that of its last inner message
  } else if (!m.body_valid) {
    out_ << "| records not decoded: the key and value lengths do not fit the message\n";
  } else {
    saw_record_offset(m.offset);
    payload_mode mode = options_.print_data_log ? payload_mode::with_payload : payload_mode::metadata_only;
    out_ << format_legacy_record_line(m, mode) << '\n';
  }
}

void log_dump::saw_record_offset(int64_t offset) {
  if (last_record_offset_ && offset != *last_record_offset_ + 1) {
    report_.non_consecutive_offsets(report_key_, *last_record_offset_, offset);
  }
  last_record_offset_ = offset;
}

}  // namespace

bool dump_log_file(const std::filesystem::path& file, const dump_options& options, dump_report& report,
                   std::ostream& out, std::ostream& err) {
  try {
    return log_dump(file, options, report, out, err).run();
  } catch (const std::system_error& e) {
    out.flush();
    err << "Error: " << e.what() << '\n';
    return false;
  }
}

}  // namespace kb::log::tools
