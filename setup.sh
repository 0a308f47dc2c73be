#!/usr/bin/env bash
# Installs whatever nianbao needs on Debian 12 and is missing: compilers, libraries,
# fonts and the test oracles. Idempotent and non-interactive; run as root.
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libpodofo-dev libharfbuzz-dev libfreetype-dev libtomlplusplus-dev libdeflate-dev libssl-dev nlohmann-json3-dev libicu-dev
  libcpp-httplib-dev libxlsxwriter-dev
  libboost-test-dev libbenchmark-dev
  fonts-noto-cjk fonts-arphic-gkai00mp
  poppler-utils qpdf mupdf-tools
  # PDF/A checks of the tests: pikepdf, Ghostscript, Apache PDFBox Preflight (Java),
  # and the Latin fonts the tests choose (DejaVu: TrueType, URW: name-keyed CFF).
  python3-pikepdf ghostscript
  # nianbao sum's workbook read back; the HTML pages checked.
  python3-openpyxl tidy
  default-jre-headless libpdfbox2-java libactivation-java libjaxb-api-java
  fonts-dejavu-core fonts-urw-base35
  # The web editor's browser tests: headless Chromium driven through ChromeDriver.
  chromium chromium-driver
)
fandol_dir=/usr/local/share/fonts/fandol
fandol_src=usr/share/texlive/texmf-dist/fonts/opentype/public/fandol

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
need_fandol=0
[ -f "$fandol_dir/FandolFang-Regular.otf" ] || need_fandol=1

if [ ${#missing[@]} -eq 0 ] && [ $need_fandol -eq 0 ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  # Slim Debian images leave out /usr/share/man, where the JRE's postinst links.
  mkdir -p /usr/share/man/man1
  echo "setup: installing ${missing[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# FandolFang (仿宋) and FandolKai (楷体) ship only inside texlive-lang-chinese:
# take the fonts out of the package instead of installing TeX.
if [ $need_fandol -eq 1 ]; then
  echo "setup: extracting the Fandol fonts from texlive-lang-chinese" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod 755 "$tmp"
  (cd "$tmp" && apt-get download -qq -o APT::Sandbox::User=root texlive-lang-chinese >/dev/null)
  dpkg-deb -x "$tmp"/texlive-lang-chinese_*.deb "$tmp/x"
  mkdir -p "$fandol_dir"
  cp "$tmp/x/$fandol_src"/Fandol{Fang,Kai,Song,Hei}-*.otf "$fandol_dir/"
  cp "$tmp/x/usr/share/doc/texlive-doc/fonts/fandol/"{README,COPYING.gz} "$fandol_dir/" 2>/dev/null || true
fi
