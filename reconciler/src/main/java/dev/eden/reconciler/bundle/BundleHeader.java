package dev.eden.reconciler.bundle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The text header of a Git bundle (v2 or v3): the commits it assumes the receiver has ({@code -<id>
 * comment} lines), read before anything is fetched so a refusal can name them.
 */
record BundleHeader(List<Prerequisite> prerequisites) {

  /** A commit the bundle assumes, with the comment {@code git bundle} wrote (its subject). */
  record Prerequisite(ObjectId id, String comment) {}

  /**
   * @throws BundleRefused when the bytes do not start with a Git bundle header
   */
  static BundleHeader read(String name, byte[] bundle) {
    List<String> lines = lines(bundle);
    if (lines.isEmpty()
        || !(lines.get(0).equals("# v2 git bundle") || lines.get(0).equals("# v3 git bundle"))) {
      throw new BundleRefused(name + ": git.bundle is not a Git bundle (no '# v2 git bundle')");
    }
    List<Prerequisite> prerequisites = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("-") && line.length() >= 41 && ObjectId.isId(line.substring(1, 41))) {
        prerequisites.add(
            new Prerequisite(
                ObjectId.fromString(line.substring(1, 41)), line.substring(41).strip()));
      }
    }
    return new BundleHeader(prerequisites);
  }

  /** The lines before the blank line that ends the header. */
  private static List<String> lines(byte[] bundle) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bundle.length; i++) {
      if (bundle[i] == '\n') {
        if (i == start) {
          return lines;
        }
        lines.add(new String(bundle, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return lines;
  }
}
