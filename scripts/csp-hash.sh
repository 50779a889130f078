#!/usr/bin/env bash
# Trunk post_build hook: replace TRUNK_LOADER_HASH in the staged index.html with the
# sha256 of each inline <script> Trunk generated, so the Content-Security-Policy allows
# exactly those scripts and no other inline code.
#
# It also writes `_headers` next to index.html: the headers a host should send (README,
# "Hosting it for your organization"), in the `_headers` format some static hosts read and
# with the policy exactly as this build needs it. A policy in a <meta> tag cannot forbid
# framing (`frame-ancestors` is ignored there), so the header is what keeps other sites from
# framing the planner. The end-to-end server sends these headers with every file.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
html="$dir/index.html"
python3 - "$html" "$dir/_headers" <<'PY'
import base64, hashlib, re, sys
path, headers = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", text, flags=re.S)
if not inline:
    sys.exit("csp-hash: no inline script found in " + path)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
    for s in inline
)
if "TRUNK_LOADER_HASH" not in text:
    sys.exit("csp-hash: the TRUNK_LOADER_HASH placeholder is missing from " + path)
text = text.replace("TRUNK_LOADER_HASH", hashes)
open(path, "w", encoding="utf-8").write(text)
policy = re.search(r'content="?(default-src[^"]*)"', text)
if not policy:
    sys.exit("csp-hash: no Content-Security-Policy in " + path)
open(headers, "w", encoding="utf-8").write(
    "/*\n"
    "  Content-Security-Policy: %s; frame-ancestors 'none'\n"
    "  X-Content-Type-Options: nosniff\n"
    "  X-Frame-Options: DENY\n"
    "  Referrer-Policy: no-referrer\n" % policy.group(1).strip().rstrip(";")
)
PY
