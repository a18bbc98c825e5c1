#!/usr/bin/env bash
# Applies the automatic fixes for the style rules of .editorconfig, in the order the style branch applied them, so
# that code merged from elsewhere can be brought to the conventions in one go; then `dotnet build` lists what is left
# for a person to fix (the build treats every style and analyzer warning as an error).
set -euo pipefail
cd "$(dirname "$0")/.."

# Unnecessary usings (IDE0005).
dotnet format style Dnssec.sln --diagnostics IDE0005 --severity warn
# Built-in types spelled out instead of var (IDE0008).
dotnet format style Dnssec.sln --diagnostics IDE0008 --severity warn
# The analyzers' own fixes; of these, CA1832 (AsSpan) and CA1865 (StartsWith(char)) apply automatically.
dotnet format analyzers Dnssec.sln --diagnostics CA1822 CA1832 CA1859 CA1862 CA1865 --severity warn
# The other rules with automatic fixes: braces, modifier order, accessibility modifiers, readonly fields, predefined
# type names, usings outside the namespace, file-scoped namespaces. The code had no findings of these when the rules
# were turned on; this line is for code merged since.
dotnet format style Dnssec.sln --diagnostics IDE0011 IDE0036 IDE0040 IDE0044 IDE0049 IDE0065 IDE0161 --severity warn
