#!/bin/sh
# Trunk post_build hook: list every file of the build for the service worker
# to precache, stamp sw.js with a build id derived from their contents, and
# compress each file ahead of time (gzip -9, brotli -q 11) so the server
# sends the smallest form a phone accepts. Runs in Trunk's staging directory.
set -eu
cd "${TRUNK_STAGING_DIR:?run by trunk}"
find . -type f \( -name '*.gz' -o -name '*.br' \) -delete
files=$(find . -type f ! -name sw.js | sed 's|^\./|/|' | LC_ALL=C sort)
build=$(echo "$files" | sed 's|^/||' | xargs sha256sum | sha256sum | cut -c1-16)
list=$(echo "$files" | sed 's|.*|"&"|' | paste -sd, -)
sed -i "s|__RUKUN_BUILD__|$build|; s|__RUKUN_FILES__|[$list]|" sw.js
for file in $(find . -type f ! -name '*.png'); do
  gzip -9 -k -n "$file"
  brotli -q 11 -k "$file"
done
echo "precache: build $build, $(echo "$files" | wc -l) files"
