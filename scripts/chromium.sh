#!/bin/sh
# Make sure Debian's Chromium is on the machine for the browser tests
# (installed with apt-get when missing). Prints its path.
set -e
if [ ! -x /usr/bin/chromium ]; then
    echo "installing Chromium with apt-get ..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 && apt-get install -y -qq chromium >&2
fi
echo /usr/bin/chromium
