"""Our serial frame format (ADR 0001) for the peer harness in ../shared/bench-peers (--frames).

Every peer is fed the same reading frames, which carry the send time as a value:
    $R,<seq>,ts=<send time ns>,temp=<..>,hum=<..>*<CRC-16/CCITT-FALSE>
mosquitto_pub and Node-RED publish the raw line; the gateway publishes its reading JSON, in which
the value keeps the board's exact text, so "ts" keeps all 19 digits.
"""
import binascii
import re

RAW = re.compile(rb"\$R,(\d+),ts=(\d{15,20}),")
JSON_SEQ = re.compile(rb'"seq":(\d+)')
JSON_TS = re.compile(rb'"sensor":"ts","value":(\d{15,20})')


def frame(seq, ns):
    body = "R,%d,ts=%d,temp=%.2f,hum=%.1f" % (seq, ns, 18.0 + (seq % 700) / 100.0, 30.0 + (seq % 400) / 10.0)
    b = body.encode()
    return b"$" + b + b"*%04X\n" % binascii.crc_hqx(b, 0xFFFF)


def parse_payload(p):
    m = RAW.search(p)
    if m:
        return int(m.group(1)), int(m.group(2))
    s, t = JSON_SEQ.search(p), JSON_TS.search(p)
    if s and t:
        return int(s.group(1)), int(t.group(1))
    return None
