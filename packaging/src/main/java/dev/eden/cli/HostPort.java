package dev.eden.cli;

import java.net.InetSocketAddress;
import picocli.CommandLine;

/** A {@code HOST:PORT} option value ({@code [::1]:7420} for IPv6). */
record HostPort(String host, int port) {

  static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new CommandLine.TypeConversionException("expected HOST:PORT, got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new CommandLine.TypeConversionException("port out of range in '" + text + "'");
      }
      return new HostPort(host, port);
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("expected HOST:PORT, got '" + text + "'");
    }
  }

  InetSocketAddress address() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** picocli converter. */
  static final class Converter implements CommandLine.ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
      return parse(value);
    }
  }
}
