# Shared by scripts/package and scripts/install (sourced, from the repository root): builds the release binary
# and lays out what an install holds under DEST/PREFIX.
#   build_release            → $bin (release, Swift runtime linked in; cached in .build-static)
#   stage_tree DEST PREFIX   → bin/, share/man/man1, completions, themes, doc/config.example.toml
export PATH="/opt/swift/usr/bin:$PATH"
scratch=.build-static

build_release() {
  swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product sentry-console >&2
  bin="$scratch/release/sentry-console"
}

stage_tree() {
  local dest="$1" prefix="$2" work
  local root="$dest$prefix"
  work=$(mktemp -d)
  install -d "$root/bin" "$root/share/man/man1" "$root/share/doc/sentry-console" \
    "$root/share/sentry-console/themes" "$root/share/bash-completion/completions" \
    "$root/share/zsh/vendor-completions" "$root/share/fish/vendor_completions.d"
  install -m 0755 "$bin" "$root/bin/sentry-console"
  strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/bin/sentry-console"
  # The toolchain's library path is of no use on the target (the Swift runtime is linked in).
  if command -v patchelf >/dev/null; then patchelf --remove-rpath "$root/bin/sentry-console"; fi
  # The man page: the argument parser's generate-manual tool run on the binary just built (what its plugin does,
  # without the plugin's second release build; its own scratch path, or the next release build starts over),
  # with the hand-written sections in place of the generator's one-line EXIT STATUS, before its AUTHORS.
  swift build --scratch-path .build-manual --product generate-manual >&2
  .build-manual/debug/generate-manual "$bin" --authors "the sentry-console authors" -o "$work" >&2 ||
    { echo "generate-manual failed" >&2; rm -rf "$work"; return 1; }
  awk -v extra=contrib/man/sections.mdoc '
    /^\.Sh "EXIT STATUS"/ { while ((getline line < extra) > 0) print line; skip = 1; next }
    skip && /^\.Sh / { skip = 0 }
    !skip { print }
  ' "$work/sentry-console.1" | gzip -9n > "$root/share/man/man1/sentry-console.1.gz"
  rm -rf "$work"
  "$bin" --generate-completion-script bash | sed '1{/^#!/d}' > "$root/share/bash-completion/completions/sentry-console"
  "$bin" --generate-completion-script zsh > "$root/share/zsh/vendor-completions/_sentry-console"
  "$bin" --generate-completion-script fish > "$root/share/fish/vendor_completions.d/sentry-console.fish"
  install -m 0644 themes/*.theme "$root/share/sentry-console/themes/"
  install -m 0644 contrib/config.example.toml "$root/share/doc/sentry-console/config.example.toml"
}
