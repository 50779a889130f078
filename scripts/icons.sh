#!/usr/bin/env bash
# Renders the app's PNG icons from the SVG sources with rsvg-convert (Debian's
# librsvg2-bin, installed if missing). The PNGs are committed, so builds and CI need no
# image tool; run this again only after changing assets/favicon.svg or
# assets/maskable.svg.
#   icon-192.png, icon-512.png    the favicon's rounded square ("any" in the manifest)
#   maskable-512.png              full-bleed, the mark inside the safe zone ("maskable")
#   apple-touch-icon.png (180)    full-bleed too: iOS fills transparent corners with black
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
ensure_icon_tool
for size in 192 512; do
  rsvg-convert -w "$size" -h "$size" assets/favicon.svg -o "assets/icons/icon-$size.png"
done
rsvg-convert -w 512 -h 512 assets/maskable.svg -o assets/icons/maskable-512.png
rsvg-convert -w 180 -h 180 assets/maskable.svg -o assets/icons/apple-touch-icon.png
ls -l assets/icons/*.png
