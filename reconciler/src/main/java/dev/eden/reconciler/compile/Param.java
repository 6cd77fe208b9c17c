package dev.eden.reconciler.compile;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import dev.eden.schema.model.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A step's parameters, prepared once per revision: parts without templates are protobuf values
 * built once and shared by every node's plan; the rest are compiled templates.
 */
sealed interface Param {

  /** Renders this parameter for one node. */
  com.google.protobuf.Value render(Context context);

  /** A value without templates. */
  record Fixed(com.google.protobuf.Value value) implements Param {
    @Override
    public com.google.protobuf.Value render(Context context) {
      return value;
    }
  }

  /** A string with {@code {{...}}} in it. */
  record Text(Template template, Value.Scalar scalar) implements Param {
    @Override
    public com.google.protobuf.Value render(Context context) {
      try {
        return string(TextSink.render(template, context));
      } catch (HandlebarsException e) {
        throw TemplateErrors.inScalar(e, scalar);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A template file, rendered into the {@code content} parameter. */
  record File(Template template, String path) implements Param {
    @Override
    public com.google.protobuf.Value render(Context context) {
      try {
        return string(TextSink.render(template, context));
      } catch (HandlebarsException e) {
        throw TemplateErrors.inFile(e, path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A mapping with templates somewhere below. */
  record Obj(List<String> keys, List<Param> values) implements Param {
    public Obj {
      keys = List.copyOf(keys);
      values = List.copyOf(values);
    }

    @Override
    public com.google.protobuf.Value render(Context context) {
      return com.google.protobuf.Value.newBuilder().setStructValue(struct(context)).build();
    }

    Struct struct(Context context) {
      Struct.Builder s = Struct.newBuilder();
      for (int i = 0; i < keys.size(); i++) {
        s.putFields(keys.get(i), values.get(i).render(context));
      }
      return s.build();
    }
  }

  /** A sequence with templates somewhere below. */
  record Seq(List<Param> items) implements Param {
    public Seq {
      items = List.copyOf(items);
    }

    @Override
    public com.google.protobuf.Value render(Context context) {
      ListValue.Builder l = ListValue.newBuilder();
      for (Param p : items) {
        l.addValues(p.render(context));
      }
      return com.google.protobuf.Value.newBuilder().setListValue(l).build();
    }
  }

  private static com.google.protobuf.Value string(String s) {
    return com.google.protobuf.Value.newBuilder().setStringValue(s).build();
  }
}
