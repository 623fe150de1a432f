// SwiftPM links every executable target X with `--defsym main=X_main` (on Linux it renames the
// module's entry point so that tests can link executables). With -parse-as-library there is no
// X_main, and libFuzzer's own main() is never used. So each fuzzer's X_main is defined here and
// hands over to libFuzzer's driver with that executable's LLVMFuzzerTestOneInput.
#include "FuzzEntry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_ENTRY(name) \
    int name##_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }

FUZZ_ENTRY(FuzzSPARQL)
FUZZ_ENTRY(FuzzRDF)
FUZZ_ENTRY(FuzzArticle)
FUZZ_ENTRY(FuzzTime)
FUZZ_ENTRY(FuzzEval)
