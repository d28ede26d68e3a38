// Parses one zone file the way the shells do (chunks fed to ZoneParser,
// every record kept in memory) and prints what it kept. Timing and peak
// memory are measured from outside by tests/bench/run.sh.
#include <cstdio>
#include <string>

#include "zone/parser.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s FILE [ORIGIN]\n", argv[0]);
    return 2;
  }
  std::FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::perror(argv[1]);
    return 2;
  }
  mxray::ParseOptions options;
  if (argc == 3) options.origin = argv[2];
  mxray::Zone zone;
  {
    mxray::ZoneParser parser(zone, argv[1], options);
    std::string chunk(1 << 20, '\0');
    size_t n;
    while ((n = std::fread(chunk.data(), 1, chunk.size(), f)) > 0) parser.feed(std::string_view(chunk.data(), n));
    parser.finish();
  }
  std::fclose(f);
  std::printf("records=%zu errors=%zu memory=%zu\n", zone.size(), zone.error_count, zone.memory_bytes());
  return zone.error_count ? 1 : 0;
}
