// Host unit tests of the GatewayLink library.
//   gatewaylink-tests [-v] <path to tests/vectors/frames.tsv>
// -v lists every case as it passes, not only the failures.
#include <stdio.h>
#include <string.h>

#include "VectorTests.h"
#include "support/TestRunner.h"

int main(int argc, char** argv) {
  const bool verbose = argc == 3 && strcmp(argv[1], "-v") == 0;
  if (argc != 2 && !verbose) {
    fprintf(stderr, "usage: %s [-v] <tests/vectors/frames.tsv>\n", argv[0]);
    return 2;
  }
  test::setVerbose(verbose);
  runVectorCases(argv[argc - 1]);
  test::runRegisteredCases();
  return test::summary();
}
