#!/usr/bin/env python3
"""Binary size by crate, as `cargo bloat --crates` shows it, from an unstripped binary's
symbol table (nm -S), without cargo bloat's rebuild of every dependency unstripped (the
release profile strips, and a changed profile rebuilds everything). Get the binary with a
relink of the app alone:

  cargo rustc --release --locked --features tauri/custom-protocol --bin zmeet -- -C strip=none
  bench/symbol-sizes.py $CARGO_TARGET_DIR/release/zmeet [rows]

(the next `cargo build --release` links the stripped binary again). C libraries have no
crate in their symbol names; the known ones are named by prefix, the rest is one row.
"""

import collections
import os
import re
import subprocess
import sys

C_LIBRARIES = [
    (r"(aws_lc|AWS_LC|bssl|OPENSSL|BORINGSSL)", "aws-lc-sys (C)"),
    (r"ring_core", "ring (C)"),
    (r"sqlite3", "libsqlite3-sys (C)"),
]


def crate_of(symbol: str) -> str:
    name = symbol.lstrip("<&").removeprefix("mut ").removeprefix("dyn ")
    for pattern, crate in C_LIBRARIES:
        if re.match(pattern, name):
            return crate
    if "::" in name:
        return re.split(r"[<:]", name, maxsplit=1)[0] or "?"
    return "[other C / unnamed]"


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    binary, rows = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 25
    listing = subprocess.run(
        ["nm", "-S", "--size-sort", "-C", "--defined-only", binary],
        capture_output=True, text=True, check=True,
    ).stdout
    total, text, everything = collections.Counter(), collections.Counter(), 0
    for line in listing.splitlines():
        parts = line.split(" ", 3)
        if len(parts) < 4:
            continue
        size, kind, crate = int(parts[1], 16), parts[2], crate_of(parts[3])
        total[crate] += size
        everything += size
        if kind in "tT":
            text[crate] += size
    print(f"{'KiB':>8} {'share':>6} {'.text KiB':>9}  crate")
    for crate, size in total.most_common(rows):
        print(f"{size / 1024:8.0f} {100 * size / everything:5.1f}% {text[crate] / 1024:9.0f}  {crate}")
    print(f"{everything / 1024:8.0f} KiB in named symbols; binary "
          f"{os.path.getsize(binary) / 1048576:.2f} MiB unstripped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
