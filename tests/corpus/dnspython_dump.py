#!/usr/bin/python3
"""Dump every record of a zone file, as read by dnspython, in RFC 3597 form.

Usage: /usr/bin/python3 tests/corpus/dnspython_dump.py FILE ORIGIN

Runs with Debian's python3-dnspython (2.3); it is the differential peer of
`mxray dump --generic` in tests/js/corpus.test.mjs.

Output: one line per record, sorted,
    owner TTL CLASS TYPE \\# LEN HEX
owner absolute as dnspython prints it, HEX lowercase and continuous
(`\\# 0` when the rdata is empty). Exit 1 with the reason on stderr when
dnspython rejects the file.

Decisions (each one keeps dnspython's *reading* of the text and drops the
zone-level processing that would hide or change records):

* We drive dns.zonefile.Reader ourselves with a recording transaction instead
  of dns.zone.from_file / dns.zonefile.read_rrsets. Those merge records into
  rdatasets: duplicates vanish, the rdataset TTL becomes the minimum of its
  records, and the CNAME-and-other-data check raises or replaces data. Here
  every record that Reader produces is printed with its own TTL, in file
  order before sorting; the test normalises both sides itself.
* Out-of-zone owners are kept. Reader silently drops records whose owner is
  not under the zone origin (and stops a $GENERATE at the first such name);
  we set its zone origin to the root after construction so nothing is
  dropped, while relative names still use ORIGIN. The one drop left is an
  owner that is still a relative name: dnspython 2.3 keeps the argument of
  `$ORIGIN relative` relative (RFC 1035 §5.1 appends the current origin),
  so every later relative owner is silently dropped. We turn that silent
  drop into a rejection, so the differential test cannot pass on a file
  whose records dnspython lost.
* $INCLUDE paths are resolved relative to the directory of FILE, for nested
  includes too (dnspython itself opens them relative to the process cwd;
  BIND uses one base directory as well). That is the convention of the
  corpus and of mxray's CLI.
* Files are decoded as UTF-8 with an optional BOM ('utf-8-sig'). dnspython's
  from_file opens with the locale encoding and would take a BOM as part of
  the first owner name.
* No SOA/NS presence check (from_file's check_origin); the corpus has many
  files without SOA.
* Wire form is rdata.to_wire() without compression and without
  canonicalisation, so names in rdata keep their case.
"""

import builtins
import os
import sys

import dns.exception
import dns.name
import dns.rdataclass
import dns.rdatatype
import dns.tokenizer
import dns.zonefile


class RecordingTxn:
    """The part of dns.transaction.Transaction that dns.zonefile.Reader uses."""

    def __init__(self, origin):
        self.manager = self
        self.origin = origin
        self.records = []

    # manager interface
    def origin_information(self):
        return (self.origin, False, self.origin)

    # transaction interface
    def check_put_rdataset(self, check):
        pass  # no CNAME-and-other-data check: a parser dump keeps every record

    def _set_origin(self, origin):
        pass

    def add(self, name, ttl, rdata):
        self.records.append((name, ttl, rdata))


def dump(path, origin_text):
    origin = dns.name.from_text(origin_text)
    txn = RecordingTxn(origin)
    top = builtins.open(path, "r", encoding="utf-8-sig", newline=None)
    tok = dns.tokenizer.Tokenizer(top, path)
    reader = dns.zonefile.Reader(tok, dns.rdataclass.IN, txn, allow_include=True)
    reader.zone_origin = dns.name.root  # keep out-of-zone records, see above

    def dropped():
        # Reader calls _eat_line only to skip a record whose owner is not
        # under zone_origin; with the root as zone_origin that means the
        # owner is a relative name.
        raise dns.exception.SyntaxError(
            "dnspython drops a record whose owner is still relative "
            "(a relative $ORIGIN stays relative in dnspython 2.3)"
        )

    reader._eat_line = dropped

    base = os.path.dirname(path)

    def include_open(filename, mode="r"):
        # Reader opens $INCLUDE files with the builtin open.
        return builtins.open(
            os.path.join(base, filename), mode, encoding="utf-8-sig", newline=None
        )

    dns.zonefile.open = include_open  # module global shadows the builtin
    try:
        reader.read()
    finally:
        del dns.zonefile.open
        top.close()

    lines = []
    for name, ttl, rdata in txn.records:
        wire = rdata.to_wire()
        rdlen = len(wire)
        generic = "\\# 0" if rdlen == 0 else "\\# %d %s" % (rdlen, wire.hex())
        lines.append(
            "%s %d %s %s %s"
            % (
                name.to_text(),
                ttl,
                dns.rdataclass.to_text(rdata.rdclass),
                dns.rdatatype.to_text(rdata.rdtype),
                generic,
            )
        )
    return sorted(lines)


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: dnspython_dump.py FILE ORIGIN\n")
        return 2
    try:
        lines = dump(argv[1], argv[2])
    except Exception as e:  # any failure to read the file is a rejection
        sys.stderr.write("dnspython rejects %s: %s: %s\n" % (argv[1], type(e).__name__, e))
        return 1
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
