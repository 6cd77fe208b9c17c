package dev.eden.reconciler.trust;

import java.util.function.Predicate;

/**
 * The one place that decides who may do what, from the {@link Identity} the {@link AuthInterceptor}
 * put in the gRPC context (never from a request field). Services call it first; a refusal is a
 * {@link TrustException} (DENIED or UNAUTHENTICATED) and an audit event naming the caller and what
 * it tried.
 *
 * <p>With {@code --insecure} every call is {@link Identity.Insecure} and everything passes.
 */
public final class Authorizer {

  private final AuditSink audit;
  private final boolean permitAll;
  private volatile AuditSink extra = (identity, action, target) -> {};

  public Authorizer(AuditSink audit) {
    this(audit, false);
  }

  private Authorizer(AuditSink audit, boolean permitAll) {
    this.audit = audit;
    this.permitAll = permitAll;
  }

  /**
   * An authorizer for services used without any interceptor (in-process tests): every call is
   * treated as {@link Identity.Insecure}. Never for a network port.
   */
  public static Authorizer permitAll() {
    return new Authorizer(AuditSink.logging(), true);
  }

  /**
   * Sends refusals also to {@code extra} (the event log), from now on. The reconciler calls this
   * once its event log exists; the trust services made before it share this authorizer, so their
   * refusals (tokens, approvals, revocations) become events as well.
   *
   * @return this authorizer
   */
  public Authorizer alsoAuditTo(AuditSink extra) {
    this.extra = extra;
    return this;
  }

  /** The identity of the current call. */
  public Identity current() {
    return permitAll ? new Identity.Insecure() : Identity.current();
  }

  /**
   * Requires the caller to be the node {@code requestedNode}: its own plan, its own reports, its
   * own permits.
   *
   * @throws TrustException DENIED for another node or a user, UNAUTHENTICATED for no identity
   */
  public Identity requireNode(String requestedNode) {
    Identity id = current();
    if (id instanceof Identity.Insecure
        || (id instanceof Identity.Node n && n.name().equals(requestedNode))) {
      return id;
    }
    throw deny(id, "node " + requestedNode);
  }

  /**
   * Requires a user whose role includes {@code role}.
   *
   * @throws TrustException DENIED for a node or a weaker role, UNAUTHENTICATED for no identity
   */
  public Identity requireRole(Role role) {
    Identity id = current();
    if (id instanceof Identity.Insecure
        || (id instanceof Identity.User u && u.role().includes(role))) {
      return id;
    }
    throw deny(id, "role " + role.wireName());
  }

  /**
   * Requires the calling node to be allowed to read export {@code export}: {@code visibleTo} is the
   * export's visibleTo selector evaluated against a node name (with the labels the reconciler holds
   * for that node).
   *
   * @throws TrustException DENIED when the selector does not match the caller
   */
  public Identity requireExportReader(String export, Predicate<String> visibleTo) {
    Identity id = current();
    if (id instanceof Identity.Insecure
        || (id instanceof Identity.Node n && visibleTo.test(n.name()))) {
      return id;
    }
    throw deny(id, "export " + export);
  }

  /**
   * Refuses the current call on {@code target} because of {@code why} (a node asked for something
   * its own plan does not have), audited as every refusal, whoever the caller is.
   *
   * @return the DENIED exception to throw
   */
  public TrustException refuse(String target, String why) {
    Identity id = current();
    String action = AuthInterceptor.METHOD.get() == null ? "call" : AuthInterceptor.METHOD.get();
    audit.denied(id, action, target);
    extra.denied(id, action, target);
    return new TrustException(
        TrustException.Reason.DENIED,
        id.describe() + " may not " + action + " on " + target + ": " + why);
  }

  private TrustException deny(Identity id, String target) {
    String action = AuthInterceptor.METHOD.get() == null ? "call" : AuthInterceptor.METHOD.get();
    audit.denied(id, action, target);
    extra.denied(id, action, target);
    if (id instanceof Identity.Anonymous) {
      return TrustException.unauthenticated("this call requires a client certificate");
    }
    return new TrustException(
        TrustException.Reason.DENIED, id.describe() + " may not " + action + " on " + target);
  }
}
