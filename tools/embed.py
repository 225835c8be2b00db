#!/usr/bin/env python3
"""Embed a data file into C as a string: embed.py INPUT OUTPUT.c SYMBOL.

Generates `const char SYMBOL[]` and `const size_t SYMBOL_len`.  Used by Meson
custom_targets so the registry and published figures ship inside the binary.
"""
import sys


def main():
    src, out, sym = sys.argv[1:4]
    data = open(src, "rb").read()
    lines = ["/* generated from %s by tools/embed.py; do not edit */" % src.split("/")[-1],
             "#include <stddef.h>",
             "extern const char %s[];" % sym,
             "extern const size_t %s_len;" % sym,
             "const char %s[] =" % sym]
    for i in range(0, len(data), 64):
        chunk = data[i:i + 64]
        lines.append('\t"' + "".join("\\x%02x" % b for b in chunk) + '"')
    if not data:
        lines.append('\t""')
    lines[-1] += ";"
    lines.append("const size_t %s_len = %d;" % (sym, len(data)))
    open(out, "w").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
