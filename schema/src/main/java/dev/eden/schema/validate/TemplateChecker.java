package dev.eden.schema.validate;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.HandlebarsError;
import com.github.jknack.handlebars.HandlebarsException;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.SourcePos;
import dev.eden.schema.lang.TemplateHelpers;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.load.TemplatePaths;
import dev.eden.schema.model.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that templates parse as Handlebars: inline parameters containing {@code {{…}}} and
 * template files named by {@code template} parameters (which must exist). Templates are parsed,
 * never rendered: rendering is the compiler's job.
 */
public final class TemplateChecker {

  private final SourceTree tree;
  private final Set<String> paths;
  private final Set<String> checkedFiles = new HashSet<>();
  private final List<Diagnostic> out;
  private final Handlebars handlebars = new Handlebars();

  public TemplateChecker(SourceTree tree, List<Diagnostic> out) {
    this.tree = tree;
    this.paths = new HashSet<>(tree.paths());
    this.out = out;
    for (String helper : TemplateHelpers.NAMES) {
      handlebars.registerHelper(helper, (context, options) -> "");
    }
  }

  /** Whether {@code text} is a template (contains {@code {{}). */
  public static boolean isTemplate(String text) {
    return text.contains("{{");
  }

  /** Checks every string in {@code value} that contains {@code {{}. */
  public void checkInline(Value value) {
    if (value instanceof Value.Map m) {
      m.entries().values().forEach(this::checkInline);
    } else if (value instanceof Value.Seq s) {
      s.items().forEach(this::checkInline);
    } else if (value instanceof Value.Scalar s
        && s.value() instanceof String text
        && isTemplate(text)) {
      parseError(text).ifPresent(e -> out.add(inlineError(s, e)));
    }
  }

  /** An error in an inline template: exact when it is on the text's first (or only) line. */
  private static Diagnostic inlineError(Value.Scalar s, ParseError e) {
    if (e.line() == 1) {
      return new Diagnostic(s.posAt(e.column()), "template does not parse: " + e.reason());
    }
    return new Diagnostic(
        s.pos(), "template does not parse: " + e.reason() + " (line " + e.line() + " of the text)");
  }

  /** Checks the template file that {@code param} (written in {@code manifestFile}) names. */
  public void checkFile(String manifestFile, Value.Scalar param) {
    String text = param.text();
    if (isTemplate(text)) {
      checkInline(param);
      return;
    }
    String path;
    try {
      path = TemplatePaths.resolve(manifestFile, text);
    } catch (TemplatePaths.TemplatePathException e) {
      out.add(new Diagnostic(param.pos(), e.getMessage()));
      return;
    }
    if (!paths.contains(path)) {
      out.add(
          new Diagnostic(
              param.pos(), "template file '" + text + "' not found (looked for '" + path + "')"));
      return;
    }
    if (checkedFiles.add(path)) {
      parseFile(path, param);
    }
  }

  private void parseFile(String path, Value.Scalar param) {
    String content;
    try {
      content = new String(tree.read(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      out.add(new Diagnostic(param.pos(), "cannot read template file '" + path + "'"));
      return;
    }
    parseError(content)
        .ifPresent(
            e ->
                out.add(
                    new Diagnostic(
                        new SourcePos(path, Math.max(1, e.line), e.column + 1),
                        "template does not parse: " + e.reason)));
  }

  private record ParseError(int line, int column, String reason) {}

  /** The first parse error of {@code text}: 1-based line, 0-based column. */
  private Optional<ParseError> parseError(String text) {
    try {
      handlebars.compileInline(text);
      return Optional.empty();
    } catch (HandlebarsException e) {
      HandlebarsError err = e.getError();
      if (err == null) {
        return Optional.of(new ParseError(1, 0, firstLine(e.getMessage())));
      }
      return Optional.of(new ParseError(err.line, Math.max(0, err.column), err.reason));
    } catch (IOException | RuntimeException e) {
      return Optional.of(new ParseError(1, 0, firstLine(String.valueOf(e.getMessage()))));
    }
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
