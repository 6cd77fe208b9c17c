package dev.eden.reconciler.compile;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Template;
import java.io.IOException;
import java.io.Writer;

/**
 * A reusable per-thread writer for rendering: Handlebars' own {@code apply(Context)} allocates a
 * fresh buffer per call, which shows in profiles when a million small parameters render.
 */
final class TextSink extends Writer {

  private static final ThreadLocal<TextSink> SINK = ThreadLocal.withInitial(TextSink::new);

  private final StringBuilder buffer = new StringBuilder(256);
  private boolean busy;

  /** Renders {@code template}; re-entrant calls (none today) get a writer of their own. */
  static String render(Template template, Context context) throws IOException {
    TextSink sink = SINK.get();
    if (sink.busy) {
      return template.apply(context);
    }
    sink.busy = true;
    try {
      sink.buffer.setLength(0);
      template.apply(context, sink);
      return sink.buffer.toString();
    } finally {
      sink.busy = false;
      if (sink.buffer.capacity() > 1 << 20) {
        sink.buffer.setLength(0);
        sink.buffer.trimToSize();
      }
    }
  }

  @Override
  public void write(char[] cbuf, int off, int len) {
    buffer.append(cbuf, off, len);
  }

  @Override
  public void write(String str, int off, int len) {
    buffer.append(str, off, off + len);
  }

  @Override
  public Writer append(CharSequence csq) {
    buffer.append(csq);
    return this;
  }

  @Override
  public void flush() {
    // nothing buffered elsewhere
  }

  @Override
  public void close() {
    // reused
  }
}
