package dev.eden.reconciler.trust;

import io.grpc.Context;
import java.util.regex.Pattern;

/**
 * Who is calling, taken from the verified client certificate (never from a request field) and
 * carried in the gRPC {@link Context} under {@link #CONTEXT_KEY}.
 */
public sealed interface Identity {

  Context.Key<Identity> CONTEXT_KEY = Context.key("eden-identity");

  /** Names of nodes and users: DNS-like, so they fit a CN, a URI and a log line as they are. */
  Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");

  /** A short, log-safe description: {@code node/web-1}, {@code user/ana(admin)}. */
  String describe();

  /** An agent holding a node certificate. */
  record Node(String name) implements Identity {
    public Node {
      requireName(name, "node name");
    }

    @Override
    public String describe() {
      return "node/" + name;
    }
  }

  /** A person (the CLI) holding a user certificate with a role. */
  record User(String name, Role role) implements Identity {
    public User {
      requireName(name, "user name");
    }

    @Override
    public String describe() {
      return "user/" + name + "(" + role.wireName() + ")";
    }
  }

  /** A caller without a client certificate: may only enroll. */
  record Anonymous() implements Identity {
    @Override
    public String describe() {
      return "anonymous";
    }
  }

  /** The reconciler runs with {@code --insecure}: nobody is authenticated, everything passes. */
  record Insecure() implements Identity {
    @Override
    public String describe() {
      return "insecure";
    }
  }

  /** The identity of the current call, {@link Anonymous} when none was set. */
  static Identity current() {
    Identity id = CONTEXT_KEY.get();
    return id == null ? new Anonymous() : id;
  }

  /**
   * @throws TrustException INVALID_REQUEST when {@code name} is not a valid node or user name
   */
  static String requireName(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw TrustException.invalid(
          what
              + " must be 1-63 letters, digits, '.', '_' or '-', starting and ending with a"
              + " letter or digit");
    }
    return name;
  }
}
