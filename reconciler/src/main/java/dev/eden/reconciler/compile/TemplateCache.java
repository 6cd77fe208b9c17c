package dev.eden.reconciler.compile;

import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The compiled templates of one revision. Templates that the previous revision compiled (same text,
 * same file) are taken over instead of compiled again, so an incremental revision only compiles
 * what changed; what the new revision no longer uses is dropped with the old cache.
 */
final class TemplateCache {

  private final TemplateEngine engine;
  private final Map<String, Template> previous;
  private final Map<String, Template> current = new HashMap<>();

  TemplateCache(TemplateEngine engine, TemplateCache previous) {
    this.engine = engine;
    this.previous = previous == null ? Map.of() : previous.current;
  }

  TemplateEngine engine() {
    return engine;
  }

  /**
   * @throws com.github.jknack.handlebars.HandlebarsException on a syntax error
   */
  Template inline(String text) throws IOException {
    return get("i\0" + text, () -> engine.inline(text));
  }

  /**
   * @throws com.github.jknack.handlebars.HandlebarsException on a syntax error
   */
  Template file(String path, String text) throws IOException {
    return get("f\0" + path + "\0" + text, () -> engine.file(path, text));
  }

  private Template get(String key, Compile compile) throws IOException {
    Template t = current.get(key);
    if (t == null) {
      t = previous.get(key);
      if (t == null) {
        t = compile.run();
      }
      current.put(key, t);
    }
    return t;
  }

  @FunctionalInterface
  private interface Compile {
    Template run() throws IOException;
  }
}
