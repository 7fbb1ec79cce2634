#include "brokerd/protocol/request_header.h"

namespace kb::protocol {

request_header request_header::read(wire_reader& r, bool flexible) {
  request_header h;
  h.api_key = r.i16();
  h.api_version = r.i16();
  h.correlation_id = r.i32();
  h.client_id = r.nullable_string();  // a classic string even in header v2
  if (flexible) r.skip_tagged_fields();
  return h;
}

void request_header::write(wire_writer& w, bool flexible) const {
  w.i16(api_key);
  w.i16(api_version);
  w.i32(correlation_id);
  w.nullable_string(client_id);
  if (flexible) w.empty_tagged_fields();
}

request_prefix peek_request_prefix(bytes_view frame) {
  wire_reader r(frame);
  request_prefix p{};
  p.api_key = r.i16();
  p.api_version = r.i16();
  p.correlation_id = r.i32();
  return p;
}

void write_response_header(wire_writer& w, int32_t correlation_id, bool flexible) {
  w.i32(correlation_id);
  if (flexible) w.empty_tagged_fields();
}

}  // namespace kb::protocol
