package dev.eden.reconciler.trust;

import java.util.Locale;

/** What a person may do through the CLI; each role includes the ones before it. */
public enum Role {
  /** List, get and watch. */
  VIEWER,
  /** Also run TaskBooks and approve revisions. */
  OPERATOR,
  /** Also create tokens, approve and revoke nodes, create users. */
  ADMIN;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws TrustException INVALID_REQUEST for anything but viewer, operator or admin
   */
  public static Role parse(String text) {
    for (Role r : values()) {
      if (r.wireName().equals(text)) {
        return r;
      }
    }
    throw TrustException.invalid("role must be viewer, operator or admin, not '" + text + "'");
  }
}
