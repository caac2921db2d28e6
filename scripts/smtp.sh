#!/usr/bin/env bash
# Makes the test SMTP server available: aiosmtpd (PyPI, pinned) in its own virtual
# environment under ${KOMMUNE_CACHE:-$HOME/.cache/kommune}/aiosmtpd-venv. Prints the venv's
# python, which the tests run as `python -m aiosmtpd` to receive the mail kommune sends
# (KOMMUNE_TEST_SMTPD).
set -euo pipefail
cd "$(dirname "$0")"
. ./venv.sh
python_tool aiosmtpd 1.4.6
