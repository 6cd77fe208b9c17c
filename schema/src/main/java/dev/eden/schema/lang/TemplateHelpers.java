package dev.eden.schema.lang;

import java.util.List;

/**
 * The helpers eden adds to Handlebars (DESIGN.md, template context). Parsing a template needs their
 * names: Handlebars rejects an unknown helper in a sub-expression at compile time.
 */
public final class TemplateHelpers {

  /** {@code nodes "selector"}, {@code export "name"}, {@code output "step name"}. */
  public static final List<String> NAMES = List.of("nodes", "export", "output");

  private TemplateHelpers() {}
}
