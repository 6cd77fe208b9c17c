package dev.eden.agent.action;

import java.util.ArrayList;
import java.util.List;

/**
 * A bounded unified diff of two texts (3 lines of context). Common head and tail are skipped first;
 * the middle is diffed by LCS when small, else shown as a replacement. The result stops at {@link
 * #MAX_LINES} lines or {@link #MAX_BYTES} characters.
 */
final class UnifiedDiff {
  static final int MAX_LINES = 200;
  static final int MAX_BYTES = 64 * 1024;
  private static final int CONTEXT = 3;
  private static final long MAX_CELLS = 250_000;

  private record Op(char kind, int a, int b) {}

  private UnifiedDiff() {}

  static String of(String path, String before, String after) {
    String[] a = before.isEmpty() ? new String[0] : before.split("\n", -1);
    String[] b = after.isEmpty() ? new String[0] : after.split("\n", -1);
    List<Op> ops = ops(a, b);
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(path).append('\n').append("+++ ").append(path).append('\n');
    int lines = 2;
    int i = 0;
    while (i < ops.size()) {
      int first = nextChange(ops, i);
      if (first < 0) {
        break;
      }
      int last = first;
      int next;
      while ((next = nextChange(ops, last + 1)) >= 0 && next - last <= 2 * CONTEXT) {
        last = next;
      }
      int start = Math.max(0, first - CONTEXT);
      int end = Math.min(ops.size(), last + CONTEXT + 1);
      lines = hunk(out, ops, start, end, a, b, lines);
      if (lines < 0) {
        out.append("… diff truncated\n");
        break;
      }
      i = end;
    }
    return out.toString();
  }

  private static int hunk(
      StringBuilder out, List<Op> ops, int start, int end, String[] a, String[] b, int lines) {
    int aLen = 0;
    int bLen = 0;
    for (int k = start; k < end; k++) {
      char kind = ops.get(k).kind();
      aLen += kind == '+' ? 0 : 1;
      bLen += kind == '-' ? 0 : 1;
    }
    Op s = ops.get(start);
    int aStart = aLen == 0 ? s.a() : s.a() + 1;
    int bStart = bLen == 0 ? s.b() : s.b() + 1;
    out.append(String.format("@@ -%d,%d +%d,%d @@\n", aStart, aLen, bStart, bLen));
    for (int k = start; k < end; k++) {
      if (++lines > MAX_LINES || out.length() > MAX_BYTES) {
        return -1;
      }
      Op op = ops.get(k);
      String text = op.kind() == '+' ? b[op.b()] : a[op.a()];
      out.append(op.kind()).append(text).append('\n');
    }
    return lines + 1;
  }

  private static int nextChange(List<Op> ops, int from) {
    for (int k = from; k < ops.size(); k++) {
      if (ops.get(k).kind() != ' ') {
        return k;
      }
    }
    return -1;
  }

  private static List<Op> ops(String[] a, String[] b) {
    int pre = 0;
    while (pre < a.length && pre < b.length && a[pre].equals(b[pre])) {
      pre++;
    }
    int suf = 0;
    while (suf < a.length - pre
        && suf < b.length - pre
        && a[a.length - 1 - suf].equals(b[b.length - 1 - suf])) {
      suf++;
    }
    List<Op> ops = new ArrayList<>();
    for (int k = 0; k < pre; k++) {
      ops.add(new Op(' ', k, k));
    }
    middle(a, b, pre, a.length - suf, b.length - suf, ops);
    for (int k = suf; k > 0; k--) {
      ops.add(new Op(' ', a.length - k, b.length - k));
    }
    return ops;
  }

  /** Appends the ops for a[pre, aEnd) against b[pre, bEnd). */
  private static void middle(String[] a, String[] b, int pre, int aEnd, int bEnd, List<Op> ops) {
    int n = aEnd - pre;
    int m = bEnd - pre;
    if ((long) n * m > MAX_CELLS) {
      for (int k = 0; k < n; k++) {
        ops.add(new Op('-', pre + k, pre));
      }
      for (int k = 0; k < m; k++) {
        ops.add(new Op('+', aEnd, pre + k));
      }
      return;
    }
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a[pre + i].equals(b[pre + j])
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i].equals(b[pre + j])) {
        ops.add(new Op(' ', pre + i++, pre + j++));
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.add(new Op('-', pre + i++, pre + j));
      } else {
        ops.add(new Op('+', pre + i, pre + j++));
      }
    }
  }
}
