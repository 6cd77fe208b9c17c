package dev.eden.reconciler.source;

/** What checking one commit's signature against the allowed signers found. */
public sealed interface SignatureCheck {

  /** A sentence for events and {@code git push} output: why the commit is refused, or who. */
  String describe();

  /** False for every outcome but {@link Verified}. */
  default boolean verified() {
    return this instanceof Verified;
  }

  /**
   * A valid signature by an allowed signer.
   *
   * @param signer the principal of the allowed-signers line, or the OpenPGP key's user id
   * @param key the key's fingerprint
   */
  record Verified(String signer, String key) implements SignatureCheck {
    @Override
    public String describe() {
      return "signed by " + signer + " (" + key + ")";
    }
  }

  /** No signature at all. */
  record Unsigned() implements SignatureCheck {
    @Override
    public String describe() {
      return "unsigned";
    }
  }

  /**
   * Signed with a key that is not allowed.
   *
   * @param key the key's fingerprint or OpenPGP key id
   */
  record UnknownKey(String key) implements SignatureCheck {
    @Override
    public String describe() {
      return "signed with unknown key " + key;
    }
  }

  /**
   * The signature does not match the commit, is malformed or of a kind eden cannot check.
   *
   * @param reason what is wrong
   */
  record BadSignature(String reason) implements SignatureCheck {
    @Override
    public String describe() {
      return "bad signature: " + reason;
    }
  }

  /**
   * Signed by an allowed key outside its validity (expired, or not valid yet).
   *
   * @param key the key's fingerprint
   * @param reason what the key's validity says
   */
  record ExpiredKey(String key, String reason) implements SignatureCheck {
    @Override
    public String describe() {
      return "signed with expired key " + key + ": " + reason;
    }
  }
}
