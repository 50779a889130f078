#!/usr/bin/env bash
# Trunk post_build hook: replace TRUNK_LOADER_HASH in the staged index.html with the
# sha256 of each inline <script> Trunk generated, so the Content-Security-Policy allows
# exactly those scripts and no other inline code.
set -euo pipefail
html="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}/index.html"
python3 - "$html" <<'PY'
import base64, hashlib, re, sys
path = sys.argv[1]
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
open(path, "w", encoding="utf-8").write(text.replace("TRUNK_LOADER_HASH", hashes))
PY
