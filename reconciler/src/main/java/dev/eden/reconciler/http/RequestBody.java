package dev.eden.reconciler.http;

import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a limit, and never further. */
final class RequestBody {

  /** The largest body a hook accepts: 1 MiB. */
  static final int MAX = 1 << 20;

  private RequestBody() {}

  /**
   * The body, when it is at most {@code max} bytes. A {@code Content-Length} above the limit is
   * refused before a byte is read; a body without one is read until it passes the limit.
   *
   * @param contentLength the header's value, or null
   * @throws BadRequest when the body is larger than {@code max}, or the header is not a number
   */
  static byte[] read(String contentLength, InputStream in, int max) throws BadRequest, IOException {
    if (contentLength != null) {
      long declared;
      try {
        declared = Long.parseLong(contentLength.trim());
      } catch (NumberFormatException e) {
        throw new BadRequest("Content-Length: not a number: " + contentLength);
      }
      if (declared > max) {
        throw tooLarge(max);
      }
    }
    byte[] body = in.readNBytes(max + 1);
    if (body.length > max) {
      throw tooLarge(max);
    }
    return body;
  }

  private static BadRequest tooLarge(int max) {
    return new BadRequest("body larger than " + max + " bytes");
  }
}
