# The fuzz targets: tests/fuzz/fuzz_<name>.c, each with a seed corpus in
# tests/fuzz/corpus/<name>/. Shared by tests/CMakeLists.txt (replay under
# ctest) and tests/fuzz/CMakeLists.txt (libFuzzer binaries).
set(TQE_FUZZ_TARGETS reader tokenize metrics numbers entities glossary align docset wmtxml statsfile)
