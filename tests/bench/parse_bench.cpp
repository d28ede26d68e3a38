// Parses one zone file the way a native shell would (4 MiB windows of the
// file fed to ZoneParser, every record kept in memory) and prints what it
// kept. run.sh times the whole process and reads its peak memory from
// outside; the driver adds parse_ns, the time from creating the parser to
// finish(), reading the file included, so that the parse alone can be
// compared with the wasm driver's (which also prints it) without start-up.
//
// The windows are mapped with MAP_POPULATE and unmapped once fed, so the
// file costs no copy and never sits in memory whole: peak RSS is the
// parser's own.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "zone/parser.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s FILE [ORIGIN]\n", argv[0]);
    return 2;
  }
  const int fd = open(argv[1], O_RDONLY);
  struct stat st {};
  if (fd < 0 || fstat(fd, &st) != 0) {
    std::perror(argv[1]);
    return 2;
  }
  mxray::ParseOptions options;
  if (argc == 3) options.origin = argv[2];
  mxray::Zone zone;
  const auto start = std::chrono::steady_clock::now();
  {
    mxray::ZoneParser parser(zone, argv[1], options);
    constexpr off_t kWindow = off_t(4) << 20;
    for (off_t at = 0; at < st.st_size; at += kWindow) {
      const size_t n = size_t(std::min<off_t>(kWindow, st.st_size - at));
      void* window = mmap(nullptr, n, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, at);
      if (window == MAP_FAILED) {
        std::perror(argv[1]);
        return 2;
      }
      parser.feed(std::string_view(static_cast<const char*>(window), n));
      munmap(window, n);
    }
    parser.finish();
  }
  const auto parse_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count();
  close(fd);
  std::printf("records=%zu errors=%zu memory=%zu parse_ns=%lld\n", zone.size(), zone.error_count, zone.memory_bytes(),
              static_cast<long long>(parse_ns));
  return zone.error_count ? 1 : 0;
}
