#!/usr/bin/python3
"""kafka-dump-log reads segments written by another Kafka implementation.

The batches are built with kafka-python's own RecordBatch v2 encoder (the producer side of
a real client), given broker-style offsets and written back to back as a segment file. The
tool must list every batch and record of it with the values the encoder put there.

Run with Debian's python (python3-kafka): /usr/bin/python3 dump_log_test.py --tool PATH
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest

from kafka import codec
from kafka.record.default_records import DefaultRecordBatchBuilder

TOOL = None
SEGMENT_NAME = "00000000000000000000.log"
BASE_TIMESTAMP = 1700000000000

# (codec id, name as the tool prints it, availability check in kafka-python)
CODECS = [
    (DefaultRecordBatchBuilder.CODEC_NONE, "NONE", lambda: True),
    (DefaultRecordBatchBuilder.CODEC_GZIP, "GZIP", codec.has_gzip),
    (DefaultRecordBatchBuilder.CODEC_SNAPPY, "SNAPPY", codec.has_snappy),
    (DefaultRecordBatchBuilder.CODEC_LZ4, "LZ4", codec.has_lz4),
    (DefaultRecordBatchBuilder.CODEC_ZSTD, "ZSTD", codec.has_zstd),
]


class Batch:
    """One encoded batch and what the dump should show for it."""

    def __init__(self, data, base_offset, codec_name, records, producer=(-1, -1, -1)):
        self.data = data
        self.base_offset = base_offset
        self.codec_name = codec_name
        self.records = records  # [(offset, timestamp, key, value, header keys)]
        self.producer = producer

    @property
    def last_offset(self):
        return self.base_offset + len(self.records) - 1


def build_batch(codec_id, codec_name, base_offset, count, producer=(-1, -1, -1), headers=()):
    producer_id, producer_epoch, base_sequence = producer
    builder = DefaultRecordBatchBuilder(
        magic=2, compression_type=codec_id, is_transactional=0, producer_id=producer_id,
        producer_epoch=producer_epoch, base_sequence=base_sequence, batch_size=1 << 20)
    records = []
    for delta in range(count):
        offset = base_offset + delta
        key = b"key-%d" % offset
        # Repetitive so every codec shrinks it (kafka-python sends uncompressed otherwise).
        value = b"value-%d-" % offset + b"abcdefgh" * 40
        timestamp = BASE_TIMESTAMP + offset * 10
        builder.append(delta, timestamp=timestamp, key=key, value=value, headers=list(headers))
        records.append((offset, timestamp, key, value, [h for h, _ in headers]))
    data = bytearray(builder.build())
    # A broker assigns the base offset (bytes 0-7) and the leader epoch (12-15); the CRC
    # covers neither, so the batch stays valid.
    struct.pack_into(">q", data, 0, base_offset)
    struct.pack_into(">i", data, 12, 3)
    attributes = struct.unpack_from(">h", data, 21)[0]
    assert attributes & 0x07 == codec_id, "kafka-python did not compress with %s" % codec_name
    return Batch(bytes(data), base_offset, codec_name, records, producer)


def build_segment_batches():
    """Batches like a broker would lay them out: each base offset follows the last offset."""
    batches, skipped = [], []
    next_offset = 0
    for codec_id, name, available in CODECS:
        if not available():
            skipped.append(name)
            continue
        batch = build_batch(codec_id, name, next_offset, 3 + len(batches))
        batches.append(batch)
        next_offset = batch.last_offset + 1
    # An idempotent producer's batch with headers, to check sequences and header keys.
    batches.append(build_batch(DefaultRecordBatchBuilder.CODEC_NONE, "NONE", next_offset, 2,
                               producer=(4242, 7, 100), headers=[("trace", b"t1"), ("origin", None)]))
    if skipped:
        print("codecs skipped: kafka-python cannot encode %s here (install python3-snappy, "
              "python3-lz4, python3-zstandard)" % ", ".join(skipped), file=sys.stderr)
    return batches


BATCHES = None


def fields(line):
    """The 'name: value' pairs of a dump line (values hold no spaces in these tests)."""
    return dict(re.findall(r"(\w+): (\S+)", line))


class DumpLogTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="dump_log_test_")
        self.segment = os.path.join(self.dir, SEGMENT_NAME)
        with open(self.segment, "wb") as f:
            for batch in BATCHES:
                f.write(batch.data)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def run_tool(self, *args):
        return subprocess.run([TOOL, *args], capture_output=True, timeout=60)

    def dump(self, path, *flags):
        result = self.run_tool("--files", path, *flags)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        # Bytes are printed as stored; a flipped byte in a value need not be valid UTF-8.
        return result.stdout.decode(errors="replace").splitlines()

    def batch_lines(self, lines):
        return [fields(l) for l in lines if l.startswith("baseOffset: ")]

    def copy_with_flipped_byte(self, batch_index, at_from_end):
        """A copy of the segment with one byte of a batch's records area inverted."""
        position = sum(len(b.data) for b in BATCHES[:batch_index])
        flip_at = position + len(BATCHES[batch_index].data) - at_from_end
        self.assertGreater(flip_at, position + 61)
        with open(self.segment, "rb") as f:
            data = bytearray(f.read())
        data[flip_at] ^= 0xFF
        path = os.path.join(self.dir, "corrupt", SEGMENT_NAME)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def test_batch_lines_match_the_encoder(self):
        lines = self.dump(self.segment, "--print-data-log")
        self.assertEqual(lines[0], "Dumping " + self.segment)
        self.assertEqual(lines[1], "Starting offset: 0")
        got = self.batch_lines(lines)
        self.assertEqual(len(got), len(BATCHES))
        position = 0
        for batch, line in zip(BATCHES, got):
            with self.subTest(codec=batch.codec_name, base_offset=batch.base_offset):
                self.assertEqual(line["baseOffset"], str(batch.base_offset))
                self.assertEqual(line["lastOffset"], str(batch.last_offset))
                self.assertEqual(line["count"], str(len(batch.records)))
                self.assertEqual(line["compresscodec"], batch.codec_name)
                self.assertEqual(line["isvalid"], "true")
                self.assertEqual(line["position"], str(position))
                self.assertEqual(line["size"], str(len(batch.data)))
                self.assertEqual(line["magic"], "2")
                self.assertEqual(line["partitionLeaderEpoch"], "3")
                self.assertEqual(line["crc"], str(struct.unpack_from(">I", batch.data, 17)[0]))
                self.assertEqual(line["CreateTime"], str(batch.records[-1][1]))
                producer_id, producer_epoch, base_sequence = batch.producer
                self.assertEqual(line["producerId"], str(producer_id))
                self.assertEqual(line["producerEpoch"], str(producer_epoch))
                self.assertEqual(line["baseSequence"], str(base_sequence))
                last_sequence = base_sequence + len(batch.records) - 1 if base_sequence >= 0 else -1
                self.assertEqual(line["lastSequence"], str(last_sequence))
            position += len(batch.data)
        self.assertFalse(any("invalid bytes" in l for l in lines))

    def test_every_record_is_printed_with_key_and_payload(self):
        lines = self.dump(self.segment, "--print-data-log")
        records = [l for l in lines if l.startswith("| ")]
        expected = [(b, r) for b in BATCHES for r in b.records]
        self.assertEqual(len(records), len(expected))
        for line, (batch, (offset, timestamp, key, value, header_keys)) in zip(records, expected):
            with self.subTest(offset=offset):
                f = fields(line)
                self.assertEqual(f["offset"], str(offset))
                self.assertEqual(f["CreateTime"], str(timestamp))
                self.assertEqual(f["keySize"], str(len(key)))
                self.assertEqual(f["valueSize"], str(len(value)))
                self.assertEqual(f["key"], key.decode())
                self.assertEqual(f["payload"], value.decode())
                self.assertIn("headerKeys: [%s]" % ",".join(header_keys), line)
                base_sequence = batch.producer[2]
                sequence = base_sequence + offset - batch.base_offset if base_sequence >= 0 else -1
                self.assertEqual(f["sequence"], str(sequence))

    def test_deep_iteration_alone_prints_no_data(self):
        lines = self.dump(self.segment, "--deep-iteration")
        records = [l for l in lines if l.startswith("| ")]
        self.assertEqual(len(records), sum(len(b.records) for b in BATCHES))
        self.assertFalse(any(" key: " in l or " payload: " in l for l in records))

    def test_flipped_byte_invalidates_only_its_batch(self):
        # An uncompressed batch (the flip lands in a record's value) and a gzip batch (the
        # flip lands in the deflate stream, so its records may not decode at all).
        for victim in (0, 1):
            with self.subTest(codec=BATCHES[victim].codec_name):
                path = self.copy_with_flipped_byte(victim, at_from_end=5)
                lines = self.dump(path, "--print-data-log")
                got = self.batch_lines(lines)
                self.assertEqual(len(got), len(BATCHES))
                for i, line in enumerate(got):
                    self.assertEqual(line["isvalid"], "false" if i == victim else "true", line)
                    self.assertEqual(line["baseOffset"], str(BATCHES[i].base_offset))

    def test_torn_tail_is_reported(self):
        with open(self.segment, "ab") as f:
            f.write(BATCHES[0].data[:40])
        lines = self.dump(self.segment)
        self.assertEqual(len(self.batch_lines(lines)), len(BATCHES))
        self.assertEqual(lines[-1], "Found 40 invalid bytes at the end of " + SEGMENT_NAME)

    def test_missing_file_fails_with_a_message(self):
        missing = os.path.join(self.dir, "00000000000000000099.log")
        result = self.run_tool("--files", missing)
        self.assertEqual(result.returncode, 1)
        self.assertIn("Dumping " + missing, result.stdout.decode())
        stderr = result.stderr.decode()
        self.assertIn(missing, stderr)
        self.assertIn("No such file or directory", stderr)

    def test_missing_files_flag_fails_with_usage(self):
        result = self.run_tool("--print-data-log")
        self.assertEqual(result.returncode, 1)
        stderr = result.stderr.decode()
        self.assertIn('Missing required argument "[files]"', stderr)
        self.assertIn("--files", stderr)


def main():
    global TOOL, BATCHES
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True, help="path to the kafka-dump-log executable")
    args, rest = parser.parse_known_args()
    TOOL = os.path.abspath(args.tool)
    if not os.access(TOOL, os.X_OK):
        sys.exit("kafka-dump-log not found or not executable: %s" % TOOL)
    BATCHES = build_segment_batches()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
