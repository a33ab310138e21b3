#!/usr/bin/env bash
# Installs the system packages the tests need, if they are missing (Debian):
# Chromium (PDF rendering, browser tests), Noto CJK fonts (Chinese glyphs), LibreOffice Writer
# (DOCX -> PDF conversion test), Liberation fonts (metric twins of Word's Latin fonts) and
# poppler-utils (pdftotext, to read PDFs' text layer in tests).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Serif CJK\|Noto Sans CJK" || need+=(fonts-noto-cjk)
# Liberation Serif stands in for Times New Roman (same metrics), so digits in DOCX tables fit as in Word.
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation2)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
echo "安装系统依赖: ${need[*]}"
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
