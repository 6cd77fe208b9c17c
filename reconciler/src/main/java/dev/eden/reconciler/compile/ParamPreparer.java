package dev.eden.reconciler.compile;

import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import dev.eden.common.proto.Values;
import dev.eden.schema.Diagnostic;
import dev.eden.schema.SourcePos;
import dev.eden.schema.load.SourceTree;
import dev.eden.schema.load.TemplatePaths;
import dev.eden.schema.model.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prepares one step's parameters: compiles every string with {@code {{} in it and the file named by
 * a top-level {@code template} (rendered into {@code content}), and keeps the rest as protobuf
 * values built once. Problems are collected as located diagnostics.
 */
final class ParamPreparer {

  private final TemplateCache templates;
  private final SourceTree tree;
  private final List<Diagnostic> errors;
  private final Set<String> templateFiles;

  /** {@code templateFiles} collects the paths of the template files used (for fingerprints). */
  ParamPreparer(
      TemplateCache templates,
      SourceTree tree,
      List<Diagnostic> errors,
      Set<String> templateFiles) {
    this.templates = templates;
    this.tree = tree;
    this.errors = errors;
    this.templateFiles = templateFiles;
  }

  /** The parameters of a step; {@code null} when they have errors (already reported). */
  Param prepare(Value.Map params) {
    int before = errors.size();
    List<String> keys = new ArrayList<>();
    List<Param> values = new ArrayList<>();
    for (Map.Entry<String, Value> e : params.entries().entrySet()) {
      if (e.getKey().equals("template") && e.getValue() instanceof Value.Scalar s) {
        if (params.entries().containsKey("content")) {
          errors.add(
              new Diagnostic(params.keyPos("template"), "give content or template, not both"));
        }
        keys.add("content");
        values.add(file(s));
      } else {
        keys.add(e.getKey());
        values.add(of(e.getValue()));
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return simplify(new Param.Obj(keys, values));
  }

  private Param of(Value v) {
    if (v instanceof Value.Scalar s) {
      return scalar(s);
    }
    if (v instanceof Value.Seq q) {
      return simplify(new Param.Seq(q.items().stream().map(this::of).toList()));
    }
    Value.Map m = (Value.Map) v;
    List<String> keys = new ArrayList<>(m.entries().keySet());
    return simplify(new Param.Obj(keys, keys.stream().map(k -> of(m.get(k))).toList()));
  }

  private Param scalar(Value.Scalar s) {
    if (!(s.value() instanceof String text) || !text.contains("{{")) {
      return new Param.Fixed(Values.of(s.value()));
    }
    try {
      return new Param.Text(templates.inline(text), s);
    } catch (HandlebarsException e) {
      errors.add(TemplateErrors.inScalar(e, s).diagnostic());
    } catch (IOException e) {
      errors.add(new Diagnostic(s.pos(), "template: " + e.getMessage()));
    }
    return new Param.Fixed(Values.of(text));
  }

  private Param file(Value.Scalar s) {
    String path;
    try {
      path = TemplatePaths.resolve(s.pos().file(), s.text());
    } catch (TemplatePaths.TemplatePathException e) {
      errors.add(new Diagnostic(s.pos(), e.getMessage()));
      return new Param.Fixed(Values.of(""));
    }
    String text;
    try {
      text = new String(tree.read(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      errors.add(new Diagnostic(s.pos(), "template file " + path + " not found"));
      return new Param.Fixed(Values.of(""));
    }
    templateFiles.add(path);
    try {
      Template t = templates.file(path, text);
      return new Param.File(t, path);
    } catch (HandlebarsException e) {
      errors.add(TemplateErrors.inFile(e, path).diagnostic());
    } catch (IOException e) {
      errors.add(new Diagnostic(SourcePos.ofFile(path), "template: " + e.getMessage()));
    }
    return new Param.Fixed(Values.of(""));
  }

  /** A container whose parts are all fixed becomes one fixed value. */
  private static Param simplify(Param p) {
    if (p instanceof Param.Obj o && o.values().stream().allMatch(Param.Fixed.class::isInstance)) {
      return new Param.Fixed(o.render(null));
    }
    if (p instanceof Param.Seq q && q.items().stream().allMatch(Param.Fixed.class::isInstance)) {
      return new Param.Fixed(q.render(null));
    }
    return p;
  }
}
