#!/usr/bin/env bash
# Brings a package's PublicAPI.Unshipped.txt in line with its code by applying the PublicApiAnalyzers'
# own code fixes: RS0016 declares new public symbols, RS0017 drops ones that are gone. Review the diff:
# that file is the package's API contract.
#   usage: eng/update-public-api.sh src/BareMetal.Dhcp [src/BareMetal.Tftp ...]
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: eng/update-public-api.sh src/<Package> [...]" >&2; exit 2; }
for dir in "$@"; do
  dotnet format analyzers "$(ls "$dir"/*.csproj)" --diagnostics RS0016 RS0017 --severity info
  echo "$(grep -vc '^#' "$dir/PublicAPI.Unshipped.txt") symbols declared in $dir/PublicAPI.Unshipped.txt"
done
