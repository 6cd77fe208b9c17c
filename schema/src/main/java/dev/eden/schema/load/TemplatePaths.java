package dev.eden.schema.load;

import java.util.ArrayDeque;
import java.util.Deque;

/** Where a step's {@code template} parameter points, relative to the manifest that names it. */
public final class TemplatePaths {

  private TemplatePaths() {}

  /**
   * The repository-relative path of {@code templateParam} as written in {@code manifestFile}:
   * relative to the manifest's folder ({@code /…} is relative to the repository root), with {@code
   * .} and {@code ..} resolved.
   *
   * @throws TemplatePathException when the path is empty or escapes the repository
   */
  public static String resolve(String manifestFile, String templateParam) {
    if (templateParam.isBlank()) {
      throw new TemplatePathException("template path is empty");
    }
    Deque<String> parts = new ArrayDeque<>();
    if (!templateParam.startsWith("/")) {
      String[] base = manifestFile.split("/");
      for (int i = 0; i < base.length - 1; i++) {
        push(parts, base[i], templateParam);
      }
    }
    for (String part : templateParam.split("/")) {
      push(parts, part, templateParam);
    }
    if (parts.isEmpty()) {
      throw new TemplatePathException("template path '" + templateParam + "' names a folder");
    }
    return String.join("/", parts);
  }

  private static void push(Deque<String> parts, String part, String templateParam) {
    if (part.isEmpty() || part.equals(".")) {
      return;
    }
    if (part.equals("..")) {
      if (parts.isEmpty()) {
        throw new TemplatePathException(
            "template path '" + templateParam + "' escapes the repository");
      }
      parts.removeLast();
      return;
    }
    parts.addLast(part);
  }

  /** A template path that cannot name a file of the repository. */
  public static final class TemplatePathException extends IllegalArgumentException {
    public TemplatePathException(String message) {
      super(message);
    }
  }
}
