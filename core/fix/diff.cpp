#include "fix/diff.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace mxray {
namespace {

struct Lines {
  std::vector<std::string_view> lines;  // without their newline
  bool final_newline = true;            // the last line ends with '\n'
};

Lines split(std::string_view text) {
  Lines out;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) {
      out.lines.push_back(text.substr(at));
      out.final_newline = false;
      break;
    }
    out.lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

enum class Op : uint8_t { equal, remove, insert };
struct Step {
  Op op;
  size_t a, b;  // line index in before (equal, remove) and after (equal, insert)
};

// Myers' O((N+M)D) shortest edit script between a[lo_a, hi_a) and
// b[lo_b, hi_b) (E. Myers, "An O(ND) Difference Algorithm and Its
// Variations", 1986), with the V array kept per D for the walk back.
template <class Same>
void myers(const Same& same, size_t lo_a, size_t hi_a, size_t lo_b, size_t hi_b, std::vector<Step>& out) {
  const long n = long(hi_a - lo_a), m = long(hi_b - lo_b), max = n + m;
  const long off = max + 1;
  std::vector<long> v(size_t(2 * max + 3), 0);
  std::vector<std::vector<long>> trace;
  long d_end = 0;
  for (long d = 0; d <= max; ++d) {
    trace.push_back(v);
    bool done = false;
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && v[size_t(off + k - 1)] < v[size_t(off + k + 1)])) ? v[size_t(off + k + 1)]
                                                                                        : v[size_t(off + k - 1)] + 1;
      long y = x - k;
      while (x < n && y < m && same(lo_a + size_t(x), lo_b + size_t(y))) ++x, ++y;
      v[size_t(off + k)] = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
    if (done) {
      d_end = d;
      break;
    }
  }
  // Walk back from (n, m) through the snapshots.
  std::vector<Step> rev;
  long x = n, y = m;
  for (long d = d_end; d > 0; --d) {
    const std::vector<long>& pv = trace[size_t(d)];
    long k = x - y;
    long prev_k = (k == -d || (k != d && pv[size_t(off + k - 1)] < pv[size_t(off + k + 1)])) ? k + 1 : k - 1;
    long prev_x = pv[size_t(off + prev_k)], prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      rev.push_back({Op::equal, lo_a + size_t(x), lo_b + size_t(y)});
    }
    if (x == prev_x) {
      --y;
      rev.push_back({Op::insert, lo_a + size_t(x), lo_b + size_t(y)});
    } else {
      --x;
      rev.push_back({Op::remove, lo_a + size_t(x), lo_b + size_t(y)});
    }
  }
  while (x > 0 && y > 0) {
    --x, --y;
    rev.push_back({Op::equal, lo_a + size_t(x), lo_b + size_t(y)});
  }
  out.insert(out.end(), rev.rbegin(), rev.rend());
}

// Myers keeps one V array for each D, so its memory grows with (N+M)·D:
// 16,000 changed lines of 32,000 would take gigabytes. Ranges up to this
// many lines (at most 17 MiB of snapshots) go to Myers; larger ones are cut
// first at lines that occur once on each side (the "patience" anchors Bram
// Cohen described for bzr; git has them as --patience).
constexpr size_t kMyersLines = 1024;
// Ranges nest no deeper than this; past it a range is written as removed
// and inserted whole, which patch applies just the same.
constexpr int kMaxDepth = 32;

void replace_whole(size_t lo_a, size_t hi_a, size_t lo_b, size_t hi_b, std::vector<Step>& out) {
  for (size_t i = lo_a; i < hi_a; ++i) out.push_back({Op::remove, i, lo_b});
  for (size_t j = lo_b; j < hi_b; ++j) out.push_back({Op::insert, hi_a, j});
}

// The edit script between a[lo_a, hi_a) and b[lo_b, hi_b), appended to out.
template <class Same>
void diff_range(const Lines& a, const Lines& b, const Same& same, size_t lo_a, size_t hi_a, size_t lo_b, size_t hi_b,
                int depth, std::vector<Step>& out) {
  // The common head and tail are cheap.
  size_t head = 0;
  while (lo_a + head < hi_a && lo_b + head < hi_b && same(lo_a + head, lo_b + head)) ++head;
  for (size_t i = 0; i < head; ++i) out.push_back({Op::equal, lo_a + i, lo_b + i});
  lo_a += head, lo_b += head;
  size_t tail = 0;
  while (tail < hi_a - lo_a && tail < hi_b - lo_b && same(hi_a - 1 - tail, hi_b - 1 - tail)) ++tail;
  hi_a -= tail, hi_b -= tail;
  if (lo_a == hi_a || lo_b == hi_b) {
    replace_whole(lo_a, hi_a, lo_b, hi_b, out);  // what Myers would find, without its snapshots
  } else if ((hi_a - lo_a) + (hi_b - lo_b) <= kMyersLines) {
    myers(same, lo_a, hi_a, lo_b, hi_b, out);
  } else if (depth >= kMaxDepth) {
    replace_whole(lo_a, hi_a, lo_b, hi_b, out);
  } else {
    // Lines found once in each range, in the order of a.
    struct Count {
      uint32_t in_a = 0, in_b = 0;
      size_t at_a = 0, at_b = 0;
    };
    std::unordered_map<std::string_view, Count> count;
    count.reserve(hi_a - lo_a);
    for (size_t i = lo_a; i < hi_a; ++i) {
      Count& c = count[a.lines[i]];
      ++c.in_a, c.at_a = i;
    }
    for (size_t j = lo_b; j < hi_b; ++j)
      if (auto it = count.find(b.lines[j]); it != count.end()) ++it->second.in_b, it->second.at_b = j;
    std::vector<std::pair<size_t, size_t>> unique;  // (i, j)
    for (size_t i = lo_a; i < hi_a; ++i) {
      const Count& c = count[a.lines[i]];
      if (c.in_a == 1 && c.in_b == 1 && same(i, c.at_b)) unique.push_back({i, c.at_b});
    }
    // The longest run of them increasing in b too (patience sorting,
    // O(k log k)): the anchors.
    std::vector<size_t> tops, prev(unique.size());  // tops: index into unique of each pile's top
    for (size_t u = 0; u < unique.size(); ++u) {
      auto pile = std::lower_bound(tops.begin(), tops.end(), unique[u].second,
                                   [&](size_t t, size_t j) { return unique[t].second < j; });
      prev[u] = pile == tops.begin() ? SIZE_MAX : *(pile - 1);
      if (pile == tops.end())
        tops.push_back(u);
      else
        *pile = u;
    }
    std::vector<size_t> anchors;
    for (size_t u = tops.empty() ? SIZE_MAX : tops.back(); u != SIZE_MAX; u = prev[u]) anchors.push_back(u);
    std::reverse(anchors.begin(), anchors.end());
    if (anchors.empty()) {
      replace_whole(lo_a, hi_a, lo_b, hi_b, out);
    } else {
      size_t ia = lo_a, jb = lo_b;
      for (size_t u : anchors) {
        const auto [i, j] = unique[u];
        diff_range(a, b, same, ia, i, jb, j, depth + 1, out);
        out.push_back({Op::equal, i, j});
        ia = i + 1, jb = j + 1;
      }
      diff_range(a, b, same, ia, hi_a, jb, hi_b, depth + 1, out);
    }
  }
  for (size_t t = tail; t > 0; --t) out.push_back({Op::equal, hi_a + tail - t, hi_b + tail - t});
}

// Lines of a diff count from 1; an empty range names the line before it.
std::string range(size_t start, size_t count) {
  if (count == 1) return std::to_string(start + 1);
  return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}

}  // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view name,
                         const DiffOptions& options) {
  if (before == after) return {};
  const Lines a = split(before), b = split(after);
  // The last line differs when only its newline does.
  auto same = [&](size_t i, size_t j) {
    if (a.lines[i] != b.lines[j]) return false;
    bool a_last = i + 1 == a.lines.size(), b_last = j + 1 == b.lines.size();
    bool a_nl = !a_last || a.final_newline, b_nl = !b_last || b.final_newline;
    return a_nl == b_nl;
  };
  std::vector<Step> steps;
  diff_range(a, b, same, 0, a.lines.size(), 0, b.lines.size(), 0, steps);

  std::string out = "--- a/";
  out.append(name);
  out.append("\n+++ b/");
  out.append(name);
  out.push_back('\n');
  const size_t ctx = options.context;
  size_t i = 0;
  while (i < steps.size()) {
    while (i < steps.size() && steps[i].op == Op::equal) ++i;
    if (i == steps.size()) break;
    // A hunk: from `ctx` lines before this change to `ctx` lines after the
    // last change that is within 2*ctx equal lines of the one before it.
    size_t start = i >= ctx ? i - ctx : 0;
    size_t end = i;
    size_t last_change = i;
    while (end < steps.size()) {
      if (steps[end].op != Op::equal) {
        last_change = end;
        ++end;
        continue;
      }
      if (end - last_change > 2 * ctx) break;
      ++end;
    }
    end = std::min(steps.size(), last_change + 1 + ctx);
    size_t a_start = steps[start].a, b_start = steps[start].b, a_count = 0, b_count = 0;
    for (size_t s = start; s < end; ++s) {
      if (steps[s].op != Op::insert) ++a_count;
      if (steps[s].op != Op::remove) ++b_count;
    }
    out += "@@ -" + range(a_start, a_count) + " +" + range(b_start, b_count) + " @@\n";
    for (size_t s = start; s < end; ++s) {
      const Step& st = steps[s];
      std::string_view line = st.op == Op::insert ? b.lines[st.b] : a.lines[st.a];
      out.push_back(st.op == Op::equal ? ' ' : st.op == Op::remove ? '-' : '+');
      out.append(line);
      out.push_back('\n');
      bool a_end = st.op != Op::insert && st.a + 1 == a.lines.size() && !a.final_newline;
      bool b_end = st.op != Op::remove && st.b + 1 == b.lines.size() && !b.final_newline;
      if ((st.op == Op::equal && a_end && b_end) || (st.op == Op::remove && a_end) || (st.op == Op::insert && b_end))
        out.append("\\ No newline at end of file\n");
    }
    i = end;
  }
  return out;
}

}  // namespace mxray
