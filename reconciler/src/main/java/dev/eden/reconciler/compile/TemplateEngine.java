package dev.eden.reconciler.compile;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.TagType;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.helper.EachHelper;
import com.github.jknack.handlebars.helper.WithHelper;
import com.github.jknack.handlebars.io.StringTemplateSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Handlebars set up for configuration files: no HTML escaping, strict (a missing value is an error,
 * never an empty string; {@code #if}/{@code #unless} may test for one), and eden's helpers {@code
 * nodes}, {@code export} and {@code output}. Compiled templates are thread-safe.
 */
final class TemplateEngine {

  private static final String SCOPE = "eden.scope";

  // prettyPrint: a block tag alone on its line leaves no blank line behind (the Mustache
  // "standalone" rule that configuration files need), as Handlebars.js does.
  private final Handlebars handlebars =
      new Handlebars().with(EscapingStrategy.NOOP).prettyPrint(true);

  TemplateEngine() {
    handlebars.registerHelperMissing(
        (Object ctx, Options options) -> {
          String what = options.params.length > 0 ? "helper" : "variable";
          throw new TemplateFailure("unknown " + what + " '" + options.helperName + "'");
        });
    handlebars.registerHelper("each", present("each", EachHelper.INSTANCE));
    handlebars.registerHelper("with", present("with", WithHelper.INSTANCE));
    handlebars.registerHelper("nodes", (Object selector, Options o) -> nodes(selector, o));
    handlebars.registerHelper(
        "export", (Object name, Options o) -> scope(o).export(text("export", name)));
    handlebars.registerHelper(
        "output", (Object name, Options o) -> scope(o).output(text("output", name)));
  }

  /** Compiles a template written inline in a parameter. */
  Template inline(String text) throws IOException {
    return handlebars.compileInline(text);
  }

  /** Compiles a template file; errors name {@code path}. */
  Template file(String path, String text) throws IOException {
    return handlebars.compile(new StringTemplateSource(path, text));
  }

  /** The root context of one node's rendering of one TaskBook. */
  Context context(Map<String, Object> root, RenderScope scope) {
    Context c =
        Context.newBuilder(root).resolver(MapValueResolver.INSTANCE, ProtoValues.INSTANCE).build();
    c.data(SCOPE, scope);
    return c;
  }

  /** A child context that adds {@code model}'s keys (forEach's {@code item}) to {@code parent}. */
  Context child(Context parent, Map<String, Object> model) {
    return Context.newBuilder(parent, model).build();
  }

  private static RenderScope scope(Options o) {
    return o.data(SCOPE);
  }

  private static String text(String helper, Object arg) {
    if (arg == null) {
      throw new TemplateFailure("'" + helper + "' needs a name, and its argument is missing");
    }
    return arg.toString();
  }

  private static Object nodes(Object selector, Options o) throws IOException {
    List<Map<String, Object>> found = scope(o).nodes(text("nodes", selector));
    if (o.tagType != TagType.SECTION) {
      return found;
    }
    StringBuilder out = new StringBuilder();
    for (Map<String, Object> node : found) {
      out.append(o.fn(node));
    }
    return out.toString();
  }

  /** Wraps a block helper so that a missing argument is an error rather than nothing. */
  private static Helper<Object> present(String name, Helper<Object> helper) {
    return (Object ctx, Options o) -> {
      if (ctx == null) {
        throw new TemplateFailure("'#" + name + "' over a missing value");
      }
      return helper.apply(ctx, o);
    };
  }
}
