#!/usr/bin/env bash
# Builds native packages with jpackage from the Maven build (target/msw.jar + target/lib).
#   bash installers/build.sh app-image   Linux app-image in target/installer/msw (CI builds and runs this)
#   bash installers/build.sh deb         Linux .deb in target/installer (needs fakeroot and dpkg-deb)
#   bash installers/build.sh msi|dmg     on Windows (WiX 3) / macOS, with installers/<os>/jpackage.cfg
# jpackage cannot cross-build: .msi is made only on Windows, .dmg only on macOS.
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-app-image}"
version="$(sed -n 's:.*<version>\([0-9][0-9.]*\)</version>.*:\1:p' pom.xml | head -1)"
if [[ ! -f target/msw.jar || ! -d target/lib ]]; then
  mvn -q -B -ntp -DskipTests package
fi
input="target/installer-input"
rm -rf "$input" && mkdir -p "$input" target/installer
cp target/msw.jar "$input/" && cp target/lib/*.jar "$input/"
case "$type" in
  app-image|deb) os=linux ;;
  msi|exe) os=windows ;;
  dmg|pkg) os=macos ;;
  *) echo "unknown package type '$type': use app-image, deb, msi or dmg" >&2; exit 2 ;;
esac
extra=""
[[ "$type" == deb ]] && extra="installers/linux/jpackage-deb.cfg"
[[ "$type" == app-image ]] && rm -rf target/installer/msw
java_options=(--java-options "-Xmx2g")
while IFS= read -r opt; do
  [[ -z "$opt" || "$opt" == \#* ]] || java_options+=(--java-options "$opt")
done < installers/jvm-options
jpackage --type "$type" \
  --name msw \
  --app-version "$version" \
  --input "$input" \
  --main-jar msw.jar \
  --main-class dev.msw.Launcher \
  --dest target/installer \
  "${java_options[@]}" \
  @"installers/$os/jpackage.cfg" \
  ${extra:+@"$extra"}
echo "built $type in target/installer"
